// The links between a site's pages, and the shortest click path to each page they give.
import type { CrawlResult, PageRecord } from './types.ts';

/** Outbound links listed; the rest are counted. */
const MAX_OUTBOUND = 5000;

export class LinkGraph {
  /** Links to other registrable domains, once each, with the page they were first seen on. */
  readonly outbound: CrawlResult['outbound'] = [];
  /** Outbound links past the listing limit (each occurrence counted). */
  outboundUnlisted = 0;
  readonly #outboundSeen = new Set<string>();
  /**
   * Page URL → the page already known that it redirects to. A page's links are not kept here: its
   * record holds them (the internal ones are its edges), and a second list per page was ~0.7 KB of
   * every page the crawl held until it ended (heap snapshot at 3,600 pages).
   */
  readonly #redirects = new Map<string, string>();

  /** `page` redirects to `target`, a page the crawl has under another address. */
  addRedirect(page: string, target: string): void {
    this.#redirects.set(page, target);
  }

  /** A link (or redirect) from `from` to another site. */
  addOutbound(url: string, from: string, text: string): void {
    if (this.#outboundSeen.has(url)) return;
    if (this.outbound.length >= MAX_OUTBOUND) {
      this.outboundUnlisted++;
      return;
    }
    this.#outboundSeen.add(url);
    this.outbound.push({ url, from, text });
  }

  /** See clickPaths. */
  clickPaths(start: string, homepage: string, identity: (url: string) => string, pages: PageRecord[]): Record<string, string[]> {
    const byUrl = new Map(pages.map((page) => [page.url, page]));
    const targets = (url: string): string[] => {
      const redirect = this.#redirects.get(url);
      if (redirect !== undefined) return [redirect];
      return byUrl.get(url)?.links.filter((link) => link.internal).map((link) => link.url) ?? [];
    };
    return clickPaths(start, homepage, targets, identity, pages);
  }
}

/**
 * Shortest click paths by BFS over every link seen (not the order pages happened to be fetched in).
 * A URL that redirected is reached by the same clicks as the URL that was clicked.
 */
function clickPaths(start: string, homepage: string, targets: (url: string) => string[], identity: (url: string) => string, pages: PageRecord[]): Record<string, string[]> {
  const parent = new Map<string, string | null>([[start, null]]);
  const order = [start];
  for (let i = 0; i < order.length; i++) {
    for (const target of targets(order[i]!)) {
      const key = identity(target);
      if (!parent.has(key)) {
        parent.set(key, order[i]);
        order.push(key);
      }
    }
  }
  const paths: Record<string, string[]> = {};
  for (const url of order) {
    const path: string[] = [];
    for (let at: string | null = url; at !== null; at = parent.get(at) ?? null) path.push(at === start ? homepage : at);
    paths[url] = path.reverse();
  }
  // A duplicate address has the path of the page it duplicates (links to it were counted as links there).
  for (const page of pages) {
    const p = page.duplicateOf ? paths[identity(page.url)] : undefined;
    if (p) for (const url of [page.url, page.finalUrl]) paths[url] ??= p;
  }
  // Redirected pages: their final URL (and the start URL) share the clicked URL's path.
  for (const page of pages) {
    const p = paths[page.url];
    if (p && page.finalUrl !== page.url && !paths[page.finalUrl]) paths[page.finalUrl] = [...p.slice(0, -1), page.finalUrl];
  }
  if (start !== homepage) paths[start] = [homepage];
  return paths;
}
