// URL identity: two links are the same page when they normalise to the same string.
import { getDomain } from 'tldts';
import { isIP } from 'node:net';

/** Query parameters that only track the visitor or the session: dropped from a URL's identity. */
const DROPPED_PARAM = /^(utm_[a-z0-9_]+|gclid|gbraid|wbraid|dclid|fbclid|msclkid|yclid|igshid|twclid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|sid|sessionid|session_id|session|phpsessid|jsessionid|aspsessionid[a-z]*|cfid|cftoken|zenid|oscsid|s_kwcid)$/i;
/** `;jsessionid=…` style path parameters (Java, old ASP, PHP trans_sid). */
const PATH_SESSION = /;(jsessionid|phpsessid|sid|sessionid)=[^/?#]*/gi;
const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/**
 * Normalises an http(s) URL, resolved against `base`: lower-case scheme and host (never the path),
 * no fragment, no default port, tracking and session parameters dropped, remaining query parameters
 * sorted, empty path as "/". Returns null for anything that is not an http(s) URL.
 */
export function normalizeUrl(url: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // Each setter re-serialises the whole URL: set only what is there to drop (most links have no
  // fragment and no credentials). An empty fragment ("page#") still shows in href.
  if (u.hash || u.href.includes('#')) u.hash = '';
  if (u.username) u.username = '';
  if (u.password) u.password = '';
  if (u.port === DEFAULT_PORT[u.protocol]) u.port = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  if (u.pathname.includes(';')) u.pathname = u.pathname.replace(PATH_SESSION, '');
  if (u.search) {
    const kept = [...u.searchParams].filter(([k]) => !DROPPED_PARAM.test(k));
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    u.search = kept.length ? new URLSearchParams(kept).toString() : '';
  }
  return u.href;
}

/** The scheme of an href when it is one we never follow (mailto:, tel:, javascript:, data: …), else null. */
export function unfollowableScheme(href: string): string | null {
  const m = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href);
  if (!m) return null;
  const scheme = m[1].toLowerCase();
  return scheme === 'http' || scheme === 'https' ? null : scheme;
}

/** Adds https:// to a bare host name ("partner.com.tw" → "https://partner.com.tw/"). */
export function withScheme(input: string): string {
  const trimmed = input.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/**
 * The registrable domain that defines a site's scope (public suffix list): www.partner.com.tw and
 * retail.partner.com.tw both give partner.com.tw. IP addresses and single-label hosts are their own scope.
 */
export function scopeDomainOf(hostname: string): string {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isIP(host)) return host;
  return getDomain(host, { allowPrivateDomains: false }) ?? host;
}

export function inScope(url: string, scopeDomain: string): boolean {
  try {
    return scopeDomainOf(new URL(url).hostname) === scopeDomain;
  } catch {
    return false;
  }
}

/** A site's scope (see scopeDomainOf), with the public-suffix lookup done once per host. */
export class SiteScope {
  readonly domain: string;
  readonly #byHost = new Map<string, boolean>();

  /** The scope of the site whose homepage is `homepage`. */
  constructor(homepage: string) {
    this.domain = scopeDomainOf(new URL(homepage).hostname);
  }

  /** inScope for a normalized URL. */
  has(url: string): boolean {
    // Keyed by host: an IP address (an IPv6 literal included, brackets and all) is a scope of its own.
    const host = /^https?:\/\/(\[[^\]]*\]|[^/:?#]+)/.exec(url)![1];
    let yes = this.#byHost.get(host);
    if (yes === undefined) {
      yes = inScope(url, this.domain);
      this.#byHost.set(host, yes);
    }
    return yes;
  }
}

/** origin + path, the unit for counting query-string variants. */
export function pathKey(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

function parsedUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * A directory's index document: the file a server may answer for the directory URL itself
 * (/index.html, /default.aspx, /index.php …), or the homepage under a file name of its own (/home.html).
 */
const INDEX_DOCUMENT = /^(?:index|default|home)\.(?:html?|shtml|php|aspx?|jsp)$/i;

/**
 * The directory URL an index-document address stands for: …/dir/ for …/dir/index.html (query kept:
 * /index.php?p=1 gives /?p=1). Null for any other address, a directory URL included.
 */
export function indexDocumentDirectory(url: string): string | null {
  const u = parsedUrl(url);
  if (!u) return null;
  const slash = u.pathname.lastIndexOf('/');
  if (!INDEX_DOCUMENT.test(u.pathname.slice(slash + 1))) return null;
  u.pathname = u.pathname.slice(0, slash + 1);
  return u.href;
}

/** Query parameters that number the pages of a listing (?page=2, WordPress ?paged=2, ?pg=2, ?p=2). */
const PAGE_PARAMS = ['page', 'paged', 'pg', 'p'];
const PAGE_PARAM = new RegExp(`[?&](?:${PAGE_PARAMS.join('|')})=\\d`, 'i');
/** A page number at the end of the path: /page/2/, /page-2, /page_2.html, /page2. */
const PAGE_SUFFIX = /\/page[-_/]?\d+(?:\.html?)?\/?$/i;

/**
 * An address that cannot be a listing's page n: it has none of the letters either expression needs,
 * and nothing the URL parser would remove or read as a slash (tab, line break, backslash) could join
 * them. Most links are such, and parsing each of them was most of the classifier's link reading.
 */
const NO_PAGE_NUMBER = /^[^\t\n\r\\]*$/;
const PAGE_LETTERS = /page|pg=|p=/i;

/** Page n of a listing: a page number in the query (?page=3) or at the end of the path (/page/3/). */
export function isPaginatedUrl(url: string): boolean {
  if (!PAGE_LETTERS.test(url) && NO_PAGE_NUMBER.test(url)) return false;
  const u = parsedUrl(url);
  return u !== null && (PAGE_SUFFIX.test(u.pathname) || PAGE_PARAM.test(u.search));
}

/**
 * The address every page of one listing shares: the URL without its page number and fragment, its
 * path ending in "/" (/blog/page/2/, /blog?page=2 and /blog all give /blog/). Null when unparsable.
 */
export function paginationBase(url: string): string | null {
  const u = parsedUrl(url);
  if (!u) return null;
  for (const key of PAGE_PARAMS) u.searchParams.delete(key);
  u.hash = '';
  u.pathname = u.pathname.replace(PAGE_SUFFIX, '/').replace(/\/?$/, '/');
  return u.href;
}
