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
  u.hash = '';
  u.username = '';
  u.password = '';
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
