// Crawls one site breadth-first from its homepage: politely (robots.txt, per-host delay), bounded
// (limits always on, every skip with a reason), and with the click path to every page.
//
// This file is the wiring. The parts, each with one job:
//   Frontier       (frontier.ts)       the URLs known, which to fetch next, and why the others were not
//   PoliteFetcher  (polite-fetcher.ts) robots.txt, per-host throttle, retries, the address guard
//   SitemapReader  (sitemap-reader.ts) page URLs from the sitemaps of every in-scope host
//   PageReader     (page-reader.ts)    one page into its record, as a list of named steps
//   LinkGraph      (link-graph.ts)     links between pages, outbound links, shortest click paths
//   SiteRendering  (site-rendering.ts) Chromium for pages that are script shells
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { CrawlStartError } from './errors.ts';
import { formatSeconds } from './fetch.ts';
import { Frontier, type FrontierNode } from './frontier.ts';
import { LinkGraph } from './link-graph.ts';
import { parseResolve, type ConnectPolicy } from './net.ts';
import { resolveCrawlOptions } from './options.ts';
import { PageReader } from './page-reader.ts';
import { PoliteFetcher } from './polite-fetcher.ts';
import type { Renderer } from './render.ts';
import { SiteRendering } from './site-rendering.ts';
import { SitemapReader } from './sitemap-reader.ts';
import { SkipLog } from './skip-log.ts';
import type { HostThrottle } from './throttle.ts';
import type { CrawlEvents, CrawlOptions, CrawlResult, PageRecord, SkipReason, StoppedBy } from './types.ts';
import { normalizeUrl, withScheme } from './url.ts';

export { CrawlStartError } from './errors.ts';
export { HostThrottle } from './throttle.ts';
export { Renderer } from './render.ts';

export interface SharedCrawlResources {
  /** One browser for a whole batch. */
  renderer?: Renderer;
  /** Per-host politeness across partners. */
  hosts?: HostThrottle;
}

/** Why the crawl's signal aborted: the stop reasons a crawl reports. */
type StopReason = Exclude<StoppedBy, 'done' | 'max-pages'>;

export async function crawlSite(
  startUrl: string,
  options: Partial<CrawlOptions> = {},
  events: CrawlEvents = {},
  shared: SharedCrawlResources = {},
): Promise<CrawlResult> {
  const opts = resolveCrawlOptions(options);
  const startedAt = new Date();
  const policy: ConnectPolicy = { resolve: parseResolve(opts.resolve), allowPrivate: opts.allowPrivate, allowAddresses: new Set(opts.allowAddresses) };
  const start = normalizeUrl(withScheme(startUrl));
  if (!start) throw new CrawlStartError(`"${startUrl}" is not a web address (expected e.g. https://www.partner.com/)`, 'not-a-web-address', { input: startUrl });

  // The one stop signal: the time budget, the caller's signal, or a bug. Its reason says which.
  const controller = new AbortController();
  const stop = (reason: StopReason | 'internal-error') => controller.abort(reason);
  const budgetTimer = setTimeout(() => stop('time-budget'), opts.timeBudgetMs);
  const onOuterAbort = () => stop('aborted');
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = controller.signal;
  // Every in-flight request and throttle wait listens for the stop; that is not a leak.
  setMaxListeners(0, signal);

  const skips = new SkipLog(events.skipped);
  const skip = skips.add.bind(skips);
  const fetcher = new PoliteFetcher({ ...opts, policy, signal, throttle: shared.hosts });
  const frontier = new Frontier({ maxDepth: opts.maxDepth, maxQueryVariants: opts.maxQueryVariants, prioritised: opts.priority !== undefined }, skip);
  const graph = new LinkGraph();
  const rendering = new SiteRendering(opts, fetcher, policy, shared.renderer);
  const sitemaps = new SitemapReader({ maxUrls: opts.maxSitemapUrls, maxBytes: opts.maxBytes }, fetcher, {
    inScope: (url) => reader.scope.has(url),
    // A sitemap gives no anchor text: the address alone is the hint (recall3: ordering only, no record changes).
    found: (url) => frontier.discover(url, { from: null, depth: null, text: null, via: 'sitemap', priority: opts.priority?.({ url, text: '', region: 'main', internal: true }) ?? 0 }),
    changed: () => {
      pump();
      checkDone();
    },
    skipped: skip,
  }, signal);
  const sitemapsOf = (origin: string) => {
    if (opts.sitemaps) void sitemaps.lookAt(origin);
  };
  const reader = new PageReader(opts, { fetcher, frontier, graph, rendering, signal, skip, reachingOrigin: sitemapsOf });

  const pages: PageRecord[] = [];
  async function emit(record: PageRecord) {
    await events.page?.(record);
    // The consumer has analysed the body; keeping 2,000 bodies is what must not happen.
    record.body = null;
    record.bytes = null;
    pages.push(record);
  }

  // ---- the run: up to `concurrency` pages in flight, until the frontier and the sitemaps are spent ----
  const queue = new PQueue({ concurrency: opts.concurrency });
  let attempted = 0;
  /** Pages with a click path being read: until they are, their links may still come before sitemap-only pages. */
  let linkedInFlight = 0;
  let internalError: Error | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));

  /**
   * Redirects that ended without a page of their own (an old address of a page the crawl already has,
   * or a hop out of its bounds). A site's menus and sitemaps often link every old address of a page
   * (Jekyll's redirect_from, Hugo's aliases): such a hop costs a request but no page of the budget,
   * until there have been as many of them as the budget has pages, so requests stay bounded.
   */
  let freeHops = 0;

  /** Reads a node's page and hands its record on; false when it was not attempted or took no page of the budget. */
  async function visit(node: FrontierNode): Promise<boolean> {
    const record = await reader.read(node);
    if (!record) return false;
    await emit(record);
    const hopOnly = record.redirectChain.length > 0 && record.contentType === null && record.error === null;
    if (hopOnly && freeHops < opts.maxPages) {
      freeHops++;
      return false;
    }
    return true;
  }

  function pump() {
    while (!signal.aborted && queue.pending + queue.size < opts.concurrency && attempted < opts.maxPages) {
      const node = frontier.next({ sitemapOnly: linkedInFlight === 0 });
      if (!node) break;
      attempted++;
      const linked = node.depth !== null;
      if (linked) linkedInFlight++;
      void queue.add(async () => {
        const tried = await visit(node).catch((err: Error) => {
          // A bug, not a site problem: stop and surface it rather than report a partial crawl as complete.
          internalError ??= err;
          stop('internal-error');
          return false;
        });
        if (!tried) attempted--;
        // This task is still counted as pending.
        events.progress?.({ fetched: pages.length, queued: frontier.waiting + queue.pending - 1, rendered: rendering.rendered });
      }).finally(() => {
        if (linked) linkedInFlight--;
        pump();
        checkDone();
      });
    }
  }

  signal.addEventListener('abort', () => checkDone(), { once: true });
  function checkDone() {
    if (queue.pending + queue.size > 0) return;
    if (signal.aborted || attempted >= opts.maxPages || (!sitemaps.busy && !frontier.hasQueued())) finish();
  }

  let homepage = start;
  let stoppedBy: StoppedBy = 'done';
  try {
    // The homepage: any failure here is one plain error (CrawlStartError).
    const record = (await reader.read(frontier.start(start), true))!;
    homepage = record.finalUrl;
    await emit(record);
    attempted = 1;
    if (!record.blocked) sitemapsOf(new URL(homepage).origin);
    pump();
    checkDone();
    await finished;
  } finally {
    if (signal.aborted && signal.reason !== 'internal-error') stoppedBy = signal.reason as StopReason;
    clearTimeout(budgetTimer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
    await queue.onIdle();
    await rendering.close();
    fetcher.close();
  }

  if (internalError) throw internalError;
  if (stoppedBy === 'done' && attempted >= opts.maxPages && frontier.hasQueued()) stoppedBy = 'max-pages';
  // URLs never fetched get their reason now: a shallower link may have reached them late.
  const notReached: SkipReason = stoppedBy === 'time-budget' || stoppedBy === 'aborted' ? 'time-budget' : 'max-pages';
  const detail = notReached === 'max-pages' ? `page limit ${opts.maxPages} reached` : stoppedBy === 'aborted' ? 'crawl stopped' : `time budget ${formatSeconds(opts.timeBudgetMs)} used up`;
  for (const s of frontier.unfetched({ reason: notReached, detail })) skip(s);
  for (const page of pages) page.referrers = frontier.referrersOf(page.url) ?? page.referrers;

  return {
    homepage,
    scopeDomain: reader.scope.domain,
    pages,
    paths: graph.clickPaths(start, homepage, (url) => frontier.identity(url), pages),
    skipped: skips.list,
    outbound: graph.outbound,
    sitemapUrls: sitemaps.urls,
    unlisted: { skipped: skips.unlisted, outbound: graph.outboundUnlisted },
    robots: await fetcher.robots.summary(),
    renderUnavailable: rendering.unavailable,
    stoppedBy,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
