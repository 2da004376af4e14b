// The crawl frontier: every URL the crawl knows of, which to fetch next, and why the others were not.
// Breadth-first by clicks from the homepage; with a caller's priority hint, priority and depth trade off.
// Pages found only in sitemaps (no click path) come after every page found by links.
import { fileKindOfUrl } from './file-kinds.ts';
import type { FoundVia, SkippedUrl, SkipReason } from './types.ts';
import { isPaginatedUrl, paginationBase, pathKey } from './url.ts';

export interface FrontierOptions {
  /** Links this many clicks from the homepage are fetched; deeper ones wait for a shorter way there. Default 5. */
  maxDepth: number;
  /** Query-string variants of one path taken before the rest are skipped (calendar traps). Default 10. */
  maxQueryVariants: number;
  /** Longer URLs are skipped. Default 2048 (what browsers and servers reliably accept). */
  maxUrlLength: number;
  /** Order by the discoveries' priority hints (see PRIORITY_PER_CLICK), not only by depth. Default false. */
  prioritised: boolean;
  /**
   * URLs remembered (queued, fetched or held back); new ones past it are skipped as frontier-full.
   * Default 50,000: about 15 MB, and many times what a page budget can fetch.
   */
  maxUrls: number;
}

export const DEFAULT_FRONTIER_OPTIONS: Readonly<FrontierOptions> = Object.freeze({
  maxDepth: 5,
  maxQueryVariants: 10,
  maxUrlLength: 2048,
  prioritised: false,
  maxUrls: 50_000,
});

/**
 * With a priority hint, this much priority is worth one click of depth: a strongly hinted link one
 * level deeper is fetched before unhinted (or penalised) links of the level above, so a page budget
 * is not spent on a wide level of job ads and archive pages before the pages the hint points to.
 */
const PRIORITY_PER_CLICK = 3;

/**
 * With a priority hint, a link hinted a click or more below a neutral one (an archive, a job ad, a
 * legal page) is the last resort: fetched only while no page found by links is being read (those may
 * still reveal links the hint ranks higher), and after the URLs only a sitemap lists (the site's own
 * pages, where an archive only lists items found elsewhere). A budget spent on forty tag archives
 * while the retail pages were one fetch away is spent for good.
 */
const HELD_BACK_PRIORITY = -PRIORITY_PER_CLICK;

/**
 * The pages of one listing (/blog/, /blog/page/2/ … /blog/page/66/) are one level: page n linked from
 * page n-1 (or from the listing's first page) is as many clicks from the homepage as they are. A
 * large blog's older posts sit on its later pages; counted as a click each, those pages fell past
 * maxDepth and the posts were never seen, while the budget went on archives. Past this many pages
 * of one listing, each counts as a click again, so an endless listing cannot hold the budget.
 */
export const LISTING_PAGES_AT_ONE_LEVEL = 100;
/** A cheap look at the raw URL before it is parsed (crawlers/url.ts isPaginatedUrl decides): most links are no listing page. */
const MAY_BE_PAGINATED = /page|[?&]pg?=/i;

/** One URL the crawl knows about: its best (shallowest) discovery and everything that links to it. */
export interface FrontierNode {
  url: string;
  depth: number | null;
  foundVia: FoundVia;
  anchorText: string | null;
  /**
   * Every page that links here, once each, in discovery order. A list, not a set: a nav target of a
   * 5,000-page site has 5,000 of them, and a set's entry costs ~3× a list's.
   */
  referrers: string[];
  state: 'queued' | 'deferred' | 'fetching' | 'done' | 'skipped';
  /** Ordering hint (the caller's priority of its best link, plus what it inherited). */
  priority: number;
  /** The hint of the link alone, without what it inherited: what its own links inherit from. */
  linkPriority: number;
}

/** How a URL was found: on which page, how many clicks from the homepage (null: no click path), by what. */
export interface Discovery {
  from: string | null;
  depth: number | null;
  text: string | null;
  via: FoundVia;
  priority?: number;
  linkPriority?: number;
}

/** `url` without its path's trailing slash (the root keeps its own: it has no other spelling), query kept. */
function withoutTrailingSlash(url: string): string {
  const end = url.search(/[?#]/);
  const path = end < 0 ? url : url.slice(0, end);
  const root = path.indexOf('/', path.indexOf('//') + 2);
  return root >= 0 && path.length - 1 > root && path.endsWith('/') ? path.slice(0, -1) + url.slice(path.length) : url;
}

/** The page that linked to a node first (the `from` of a skip), or null. */
export const firstReferrer = (node: FrontierNode): string | null => node.referrers[0] ?? null;

/** A known URL not fetched, or not followed: from its first referrer, with its link's text. */
export function skipOf(node: FrontierNode, reason: SkipReason, detail: string): SkippedUrl {
  return withText({ url: node.url, reason, detail, from: firstReferrer(node) }, node.anchorText);
}

const withText = (skip: SkippedUrl, text: string | null): SkippedUrl => (text ? { ...skip, text } : skip);

export class Frontier {
  readonly #options: FrontierOptions;
  readonly #onSkip: (skip: SkippedUrl) => void;
  /** URL → node; several URLs (redirect hops, a duplicate's address) can name one node. */
  readonly #nodes = new Map<string, FrontierNode>();
  /** Queued URLs by depth; entries whose node moved or left the queue are dropped when met. */
  readonly #buckets: string[][] = [];
  readonly #sitemapBucket: string[] = [];
  /** Sitemap-only URLs were added since the bucket was last sorted by priority. */
  #sitemapDirty = false;
  /** Depth levels whose priorities changed since they were last sorted. */
  readonly #dirtyBuckets = new Set<number>();
  readonly #queryVariants = new Map<string, number>();
  /** Listing address (paginationBase) → its pages taken at the level of its first page. */
  readonly #listingPages = new Map<string, number>();
  /** URL prefixes no longer fetched (see exclude), with the skip they get. */
  readonly #excluded = new Map<string, { reason: SkipReason; detail: string }>();
  #waiting = 0;

  constructor(options: Partial<FrontierOptions> = {}, onSkip: (skip: SkippedUrl) => void = () => undefined) {
    this.#options = { ...DEFAULT_FRONTIER_OPTIONS, ...options };
    this.#onSkip = onSkip;
  }

  /** URLs waiting to be fetched (for progress reports). */
  get waiting(): number {
    return this.#waiting;
  }

  /** The start URL, being fetched now. */
  start(url: string): FrontierNode {
    const node: FrontierNode = { url, depth: 0, foundVia: 'start', anchorText: null, referrers: [], state: 'fetching', priority: 0, linkPriority: 0 };
    this.#nodes.set(url, node);
    return node;
  }

  get(url: string): FrontierNode | undefined {
    return this.#nodes.get(url);
  }

  /** The URL of the node `url` belongs to (itself when unknown): a redirect hop or alias names its page. */
  identity(url: string): string {
    return this.#nodes.get(url)?.url ?? url;
  }

  /** Every page that links to `url`'s node, in discovery order (the node's own list, not a copy); null when unknown. */
  referrersOf(url: string): string[] | null {
    return this.#nodes.get(url)?.referrers ?? null;
  }

  /** `url` is known as another page than `node`. */
  isOtherPage(url: string, node: FrontierNode): boolean {
    const known = this.#nodes.get(url);
    return known !== undefined && known !== node;
  }

  /** A redirect of `node` reached `url`: claimed, so a link to it does not fetch the same content again. */
  claim(url: string, node: FrontierNode): void {
    if (!this.#nodes.has(url)) this.#nodes.set(url, node);
  }

  /**
   * `duplicate` is the page at `originalUrl` under other addresses (`urls`): links to those addresses
   * count as links to the original from now on, and its referrers become the original's.
   */
  mergeInto(duplicate: FrontierNode, originalUrl: string, urls: string[]): void {
    const original = this.#nodes.get(originalUrl)!;
    const known = new Set(original.referrers);
    for (const from of duplicate.referrers) {
      if (this.#nodes.get(from) === original || known.has(from)) continue;
      known.add(from);
      original.referrers.push(from);
    }
    for (const url of urls) if (this.#nodes.get(url) === duplicate) this.#nodes.set(url, original);
  }

  /** The fetch of `node` ended (`done`) or was refused before it began (`skipped`). */
  settle(node: FrontierNode, state: 'done' | 'skipped'): void {
    node.state = state;
  }

  /** The crawl stopped while `node` was in flight: it counts as not fetched. */
  putBack(node: FrontierNode): void {
    node.state = 'queued';
  }

  /** A URL seen on a page (or in a sitemap). Decides whether it is queued; records why not. */
  discover(url: string, found: Discovery): void {
    const { from, text, via } = found;
    const depth = found.depth !== null && from !== null && this.#isNextListingPage(url, from) ? found.depth - 1 : found.depth;
    const priority = found.priority ?? 0;
    const linkPriority = found.linkPriority ?? priority;
    if (from !== null && this.#isOwnAddress(url, from)) return;
    const known = this.#nodes.get(url);
    if (known) {
      // A page's links are all discovered in one go (PageReader.followLinks): a page that already links
      // here is the last referrer, or none (merged referrers come from mergeInto, which checks them all).
      if (from && from !== url && this.#nodes.get(from) !== known && known.referrers.at(-1) !== from) known.referrers.push(from);
      if (known.state === 'queued' && known.depth !== null && priority > known.priority) {
        known.priority = priority;
        known.linkPriority = Math.max(known.linkPriority, linkPriority);
        this.#dirtyBuckets.add(known.depth);
      }
      const shallower = depth !== null && (known.depth === null || depth < known.depth);
      if (shallower && (known.state === 'queued' || known.state === 'deferred')) {
        if (known.depth === null) {
          known.foundVia = via;
          known.anchorText = text;
        }
        known.depth = depth;
        known.priority = Math.max(known.priority, priority);
        known.linkPriority = Math.max(known.linkPriority, linkPriority);
        if (depth <= this.#options.maxDepth) this.#enqueue(known);
      }
      return;
    }
    const { maxUrlLength, maxQueryVariants, maxUrls } = this.#options;
    const file = fileKindOfUrl(url);
    if (file) return this.#skip(url, 'file-link', `${file.kind} file (.${file.extension})`, from, text);
    const excluded = this.#exclusionOf(url);
    if (excluded) return this.#skip(url, excluded.reason, excluded.detail, from, text);
    if (url.length > maxUrlLength) return this.#skip(url, 'url-too-long', `${url.length} characters (limit ${maxUrlLength})`, from, text);
    if (this.#nodes.size >= maxUrls) return this.#skip(url, 'frontier-full', `the crawl already holds ${maxUrls} URLs`, from, text);
    if (url.includes('?')) {
      const key = pathKey(url);
      const seen = this.#queryVariants.get(key) ?? 0;
      if (seen >= maxQueryVariants) return this.#skip(url, 'query-variants', `more than ${maxQueryVariants} query-string variants of ${key}`, from, text);
      this.#queryVariants.set(key, seen + 1);
    }
    const node: FrontierNode = { url, depth, foundVia: via, anchorText: text, referrers: from && from !== url ? [from] : [], state: 'deferred', priority, linkPriority };
    this.#nodes.set(url, node);
    if (depth === null || depth <= this.#options.maxDepth) this.#enqueue(node);
  }

  /**
   * The next URL to fetch, marked as being fetched; null when none is queued. Breadth-first; with
   * priorities, depth and priority trade off (PRIORITY_PER_CLICK), shallower on ties; sitemap-only
   * next, then links hinted far down (HELD_BACK_PRIORITY), both only when `sitemapOnly` allows: the
   * caller holds them back while pages found by links are still
   * being read, so the links those pages hold come first and a page budget is not spent on what only a
   * sitemap lists (often stale copies) while the site's own navigation has more to give.
   */
  next({ sitemapOnly = true }: { sitemapOnly?: boolean } = {}): FrontierNode | null {
    const node = this.#pop(sitemapOnly);
    if (node) {
      node.state = 'fetching';
      this.#waiting--;
    }
    return node;
  }

  /**
   * URLs starting with `prefix` (an origin and folder ending in "/", or a path ending in "?" for its
   * query variants) are no longer fetched: those waiting, and those found later, are skipped with
   * `reason` and `detail`.
   */
  exclude(prefix: string, reason: SkipReason, detail: string): void {
    this.#excluded.set(prefix, { reason, detail });
    for (const node of new Set(this.#nodes.values())) {
      if ((node.state !== 'queued' && node.state !== 'deferred') || !node.url.startsWith(prefix)) continue;
      if (node.state === 'queued') this.#waiting--;
      node.state = 'skipped';
      this.#onSkip(skipOf(node, reason, detail));
    }
  }

  hasQueued(): boolean {
    const queued = (u: string) => this.#nodes.get(u)!.state === 'queued';
    return this.#buckets.some((b) => b?.some(queued)) || this.#sitemapBucket.some(queued);
  }

  /**
   * Every URL known but never fetched, with its reason: deeper than maxDepth, or `notReached` (the
   * page or time budget ran out before it).
   */
  unfetched(notReached: { reason: SkipReason; detail: string }): SkippedUrl[] {
    const out: SkippedUrl[] = [];
    for (const node of new Set(this.#nodes.values())) {
      if (node.state === 'deferred') {
        out.push(skipOf(node, 'max-depth', `${node.depth} clicks from the homepage (limit ${this.#options.maxDepth})`));
      } else if (node.state === 'queued') out.push(skipOf(node, notReached.reason, notReached.detail));
    }
    return out;
  }

  /** The exclusion a URL falls under: its path's query variants, or one of its folders. */
  #exclusionOf(url: string): { reason: SkipReason; detail: string } | undefined {
    if (!this.#excluded.size) return undefined;
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (query >= 0) {
      const variants = this.#excluded.get(`${path}?`);
      if (variants) return variants;
    }
    const origin = url.indexOf('/', url.indexOf('//') + 2);
    for (let at = origin; at >= 0; at = path.indexOf('/', at + 1)) {
      const folder = this.#excluded.get(path.slice(0, at + 1));
      if (folder) return folder;
    }
    return undefined;
  }

  /**
   * `url` is another page of the listing `from` belongs to, within LISTING_PAGES_AT_ONE_LEVEL of it
   * (each page counted when first seen).
   */
  #isNextListingPage(url: string, from: string): boolean {
    if (!MAY_BE_PAGINATED.test(url) || !isPaginatedUrl(url)) return false;
    const known = this.#nodes.get(url);
    if (known && known.state !== 'queued' && known.state !== 'deferred') return false;
    const base = paginationBase(url);
    if (base === null || base !== paginationBase(from)) return false;
    const taken = this.#listingPages.get(base) ?? 0;
    if (known) return true;
    if (taken >= LISTING_PAGES_AT_ONE_LEVEL) return false;
    this.#listingPages.set(base, taken + 1);
    return true;
  }

  /**
   * `url` is the address of the page `from` with or without its trailing slash (a heading's anchor
   * written "/post#part" on "/post/"): the same page, as servers answer it (the file, or a redirect
   * to it), claimed as that page like a redirect hop. Fetched, it cost a request; left unfetched when the
   * budget ran out, it was listed as an unread page whose words (the heading's) could hold anything.
   */
  #isOwnAddress(url: string, from: string): boolean {
    // Most links differ from their page by more than one character: no string work for them.
    if (Math.abs(url.length - from.length) !== 1 || this.#nodes.has(url) || withoutTrailingSlash(url) !== withoutTrailingSlash(from)) return false;
    const page = this.#nodes.get(from);
    if (page) this.#nodes.set(url, page);
    return page !== undefined;
  }

  #skip(url: string, reason: SkipReason, detail: string, from: string | null, text: string | null): void {
    this.#onSkip(withText({ url, reason, detail, from }, text));
  }

  #enqueue(node: FrontierNode): void {
    if (node.state !== 'queued') this.#waiting++;
    node.state = 'queued';
    if (node.depth === null) {
      this.#sitemapBucket.push(node.url);
      if (this.#options.prioritised) this.#sitemapDirty = true;
    }
    else {
      (this.#buckets[node.depth] ??= []).push(node.url);
      if (this.#options.prioritised) this.#dirtyBuckets.add(node.depth);
    }
  }

  /** The best queued node of depth level d (stale entries dropped), left in its bucket. */
  #bucketHead(d: number): FrontierNode | null {
    const bucket = this.#buckets[d];
    if (!bucket?.length) return null;
    if (this.#dirtyBuckets.delete(d)) {
      // Stable sort keeps discovery order among equals; shift() takes from the front.
      bucket.sort((a, b) => this.#nodes.get(b)!.priority - this.#nodes.get(a)!.priority);
    }
    while (bucket.length) {
      const node = this.#nodes.get(bucket[0]!)!;
      if (node.state === 'queued' && node.depth === d) return node;
      bucket.shift();
    }
    return null;
  }

  #pop(sitemapOnly: boolean): FrontierNode | null {
    const linked = this.#popLinked(false) ?? null;
    if (linked || !sitemapOnly) return linked;
    if (this.#sitemapDirty) {
      // By the hint of each address (a sitemap has no anchor text), sitemap order among equals.
      this.#sitemapBucket.sort((a, b) => this.#nodes.get(b)!.priority - this.#nodes.get(a)!.priority);
      this.#sitemapDirty = false;
    }
    while (this.#sitemapBucket.length) {
      const node = this.#nodes.get(this.#sitemapBucket.shift()!)!;
      if (node.state === 'queued' && node.depth === null) return node;
    }
    return this.#options.prioritised ? this.#popLinked(true) : null;
  }

  /** The best queued node found by links; held-back ones (HELD_BACK_PRIORITY) only with `heldBack`. */
  #popLinked(heldBack: boolean): FrontierNode | null {
    let best: { d: number; key: number } | null = null;
    for (let d = 0; d < this.#buckets.length; d++) {
      const head = this.#bucketHead(d);
      // The head is its level's best: when it is held back, the whole level is.
      if (!head || (this.#options.prioritised && !heldBack && head.priority <= HELD_BACK_PRIORITY)) continue;
      const key = this.#options.prioritised ? d - head.priority / PRIORITY_PER_CLICK : d;
      if (!best || key < best.key) best = { d, key };
      if (!this.#options.prioritised) break;
    }
    return best ? this.#nodes.get(this.#buckets[best.d]!.shift()!)! : null;
  }

}
