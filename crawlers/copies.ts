// Copies of pages already read, which a page budget must not be spent on:
//  - query-string variants that serve the same page (?id=, ?ref=, ?lang= the server ignores);
//  - stale copies of the site under another folder or host (/old/, /v1/, /2019/, a mirror host) that
//    sitemaps and old links still point to.
// A copy is a page whose title and own text (outside navigation, header, footer and sidebars: a copy's
// links point into its own folder, and its footer may carry another year) equal those of a page read
// before, at the same path with another query, or at the tail of its own path (/old/blog/x/ and
// /blog/x/). It is recorded as a duplicate of that page. Once the first pages read under a folder (or
// among a path's query variants) are all copies, that folder (those variants) is concluded to be a copy
// and the rest of it is not fetched: each URL is listed with reason `copies`.
//
// Only pages with some text of their own take part: pages without (script shells, galleries, empty
// tag pages) share a title and an empty text without being one page.
//
// What it keeps lasts the whole crawl, one entry per page read, so it is kept small: a digest of the
// title and text, keys cut from the page's own address, no list for a key of one page (~0.2 KB a
// page; ~0.9 KB in a heap snapshot at 5,000 pages before).
import { createHash } from 'node:crypto';
import { addValue, valuesAt, type OneOrMany } from './one-or-many.ts';

/** Own text a page needs (characters) before equal text says it is the same page. */
export const MIN_COPY_TEXT = 200;
/** Copies read under a folder, with no page of its own read there first, that make the folder a copy. */
export const FOLDER_COPIES_TO_CONCLUDE = 3;
/** Query variants read that were copies (and none that was not) that make a path's other variants copies. */
export const VARIANT_COPIES_TO_CONCLUDE = 2;

/** What a page says of itself, from its HTML (see HtmlScan). */
export interface PageContent {
  title: string | null;
  mainText: { length: number; hash: string };
}

export interface Copy {
  /** The page read before that this one copies. */
  original: string;
  /** How the two addresses relate. */
  kind: 'query-variant' | 'folder-copy';
  /**
   * A URL prefix (an origin and folder ending in "/", or a path ending in "?") newly concluded to
   * hold copies: URLs under it are no longer fetched, for `detail`.
   */
  concluded: { prefix: string; detail: string } | null;
}

interface ReadPage {
  url: string;
  /** Digest of the title and the own text's hash (the two strings kept were ~0.1 KB a page). */
  key: string;
}

export class CopyFinder {
  /** Pages read (not copies), by origin + path without the query: their query variants. */
  readonly #byPath = new Map<string, OneOrMany<ReadPage>>();
  /** Pages read (not copies), by path and query without the origin: for matching path tails. */
  readonly #byTail = new Map<string, OneOrMany<ReadPage>>();
  /** Folders (origin + path ending in "/") where a page that is no copy was read. */
  readonly #withOwnPages = new Set<string>();
  /** Copies read per folder or per path's variants. */
  readonly #copies = new Map<string, number>();
  readonly #concluded = new Set<string>();

  /**
   * Registers a page read at `url` (its final address); returns what it is a copy of, or null (then it
   * is a page of its own, and later copies of it are recognised).
   */
  check(url: string, content: PageContent): Copy | null {
    // The first page read is the homepage: its host is the site itself, never a copy of another host.
    if (this.#withOwnPages.size === 0) this.#withOwnPages.add(`${new URL(url).origin}/`);
    if (content.mainText.length < MIN_COPY_TEXT) return null;
    const key = createHash('sha1').update(content.title ?? '').update('\n').update(content.mainText.hash).digest('base64');
    const u = new URL(url);
    // Path, tail and folders as slices of the address (a slice of a string kept anyway costs ~32 bytes),
    // unless it is written otherwise than the parser writes it (then as strings of their own).
    const written = u.origin + u.pathname + u.search;
    const address = written === url ? url : written;
    const originEnd = u.origin.length;
    const pathEnd = originEnd + u.pathname.length;
    const path = address.slice(0, pathEnd);
    const tail = address.slice(originEnd);
    const variant = u.search ? valuesAt(this.#byPath, path).find((p) => p.key === key) : undefined;
    if (variant) {
      const ownVariants = valuesAt(this.#byPath, path).length;
      const concluded = ownVariants === 1 ? this.#count(`${path}?`, VARIANT_COPIES_TO_CONCLUDE) : false;
      const detail = `query-string variants of ${path} serve the same page (the ${VARIANT_COPIES_TO_CONCLUDE} read besides ${variant.url} were copies of it)`;
      return { original: variant.url, kind: 'query-variant', concluded: concluded ? { prefix: `${path}?`, detail } : null };
    }

    // The longest tail of this path that a page read before had as its whole path (on any host).
    for (let at = 0; at >= 0 && at < u.pathname.length; at = u.pathname.indexOf('/', at + 1)) {
      const original = valuesAt(this.#byTail, tail.slice(at)).find((p) => p.key === key && p.url !== url);
      if (!original) continue;
      const folder = u.origin + u.pathname.slice(0, at) + '/';
      const concluded = !this.#withOwnPages.has(folder) && this.#count(folder, FOLDER_COPIES_TO_CONCLUDE);
      const detail = `${folder} holds copies of pages read elsewhere (the first ${FOLDER_COPIES_TO_CONCLUDE} read there, e.g. ${url} = ${original.url})`;
      return { original: original.url, kind: 'folder-copy', concluded: concluded ? { prefix: folder, detail } : null };
    }

    const page = { url, key };
    addValue(this.#byPath, path, page);
    addValue(this.#byTail, tail, page);
    for (let at = 0; at >= 0; at = u.pathname.indexOf('/', at + 1)) this.#withOwnPages.add(address.slice(0, originEnd + at + 1));
    return null;
  }

  /** Counts a copy under `prefix`; true when this one reaches `needed` (once per prefix). */
  #count(prefix: string, needed: number): boolean {
    const n = (this.#copies.get(prefix) ?? 0) + 1;
    this.#copies.set(prefix, n);
    if (n < needed || this.#concluded.has(prefix)) return false;
    this.#concluded.add(prefix);
    return true;
  }
}
