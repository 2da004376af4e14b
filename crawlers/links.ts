// A page's links as records: resolved against the page (and its <base href>), normalized, each
// (URL, region, text) once, marked internal or not; links with other schemes listed as skipped.
import type { HtmlScan } from './html-scan.ts';
import type { LinkRecord, SkippedUrl } from './types.ts';
import { normalizeUrl, unfollowableScheme, type SiteScope } from './url.ts';

/** Links read from one page; a page listing more is cut there (a hostile page can hold 200,000). */
export const MAX_LINKS_PER_PAGE = 2000;
/** Distinct strings shared between records; past it new strings are simply kept as they are. */
const MAX_INTERNED = 100_000;
/** Root-relative hrefs remembered with their URLs; past it the memory starts again. */
const MAX_ROOTED = 20_000;

export class LinkReader {
  /**
   * One string instance per distinct URL or anchor text: every page repeats the same nav and footer
   * links, and 2,000 records × 50 links of fresh strings is most of a crawl's memory.
   */
  readonly #interned = new Map<string, string>();
  /**
   * One record per distinct link (URL, region, text) too, by its URL: a page's list then holds
   * references to the site's nav and footer records rather than copies (~3 KB a page at 100 links).
   * Records are shared between pages: nothing may change one.
   */
  readonly #records = new Map<string, LinkRecord[]>();
  /**
   * Resolved and normalised URLs of hrefs written from the root ("/services/retail/"), by the page's
   * origin and the href: such an href resolves the same on every page of the origin, and a site's nav
   * and footer repeat dozens of them on each page (parsing them again was most of the link reading).
   */
  readonly #rooted = new Map<string, string | null>();
  readonly #skip: (skip: SkippedUrl) => void;

  constructor(skip: (skip: SkippedUrl) => void) {
    this.#skip = skip;
  }

  read(scan: HtmlScan, pageUrl: string, scope: SiteScope): LinkRecord[] {
    let base = pageUrl;
    if (scan.baseHref !== null) base = normalizeUrl(scan.baseHref, pageUrl) ?? pageUrl;
    const links: LinkRecord[] = [];
    const seen = new Set<string>();
    for (const raw of scan.links) {
      if (links.length >= MAX_LINKS_PER_PAGE) {
        const detail = `${scan.links.length} links on the page; the first ${MAX_LINKS_PER_PAGE} were read`;
        this.#skip({ url: pageUrl, reason: 'too-many-links', detail, from: pageUrl });
        break;
      }
      const scheme = unfollowableScheme(raw.href);
      if (scheme) {
        this.#skip({ url: raw.href.trim().slice(0, 200), reason: 'scheme', detail: `${scheme}: link`, from: pageUrl });
        continue;
      }
      const url = this.#resolve(raw.href, base);
      if (!url || url === pageUrl) continue;
      const key = `${url} ${raw.region} ${raw.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push(this.#record(url, raw.text, raw.region, scope));
    }
    // Kept as long as the page's record: without the room a list grown one link at a time has spare
    // (up to half its length).
    return links.slice();
  }

  #resolve(href: string, base: string): string | null {
    const trimmed = href.trim();
    // An href starting with "/" resolves from the base's scheme and host alone ("//host/x" from its scheme).
    const authority = base.indexOf('://');
    const pathStart = authority < 0 ? -1 : base.indexOf('/', authority + 3);
    if (trimmed.charCodeAt(0) !== 47 || pathStart < 0) return normalizeUrl(href, base);
    const key = `${base.slice(0, pathStart)} ${trimmed}`;
    let url = this.#rooted.get(key);
    if (url === undefined) {
      url = normalizeUrl(trimmed, base);
      if (this.#rooted.size >= MAX_ROOTED) this.#rooted.clear();
      // Kept as a copy: the href is a slice of the page's HTML, and a kept slice keeps the whole page.
      this.#rooted.set(Buffer.from(key).toString(), url);
    }
    return url;
  }

  #record(url: string, text: string, region: LinkRecord['region'], scope: SiteScope): LinkRecord {
    const same = this.#records.get(url);
    const known = same?.find((r) => r.text === text && r.region === region);
    if (known) return known;
    const record: LinkRecord = { url: this.#intern(url), text: this.#intern(text), region, internal: scope.has(url) };
    if (same) same.push(record);
    else if (this.#records.size < MAX_INTERNED) this.#records.set(record.url, [record]);
    return record;
  }

  #intern(s: string): string {
    const known = this.#interned.get(s);
    if (known !== undefined) return known;
    if (this.#interned.size < MAX_INTERNED) this.#interned.set(s, s);
    return s;
  }
}
