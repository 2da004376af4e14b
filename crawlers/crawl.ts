// Crawls one site breadth-first from its homepage: politely (robots.txt, per-host delay), bounded
// (limits always on, every skip with a reason), and with the click path to every page.
import { createHash } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { decodeBody } from './decode.ts';
import { CrawlStartError, FetchError } from './errors.ts';
import { formatSeconds, type RawResponse } from './fetch.ts';
import { botProtection, isHtmlType, looksLikePdf, mimeOf, redirectTarget } from './responses.ts';
import { scanHtml, type HtmlScan } from './html-scan.ts';
import { firstReferrer, Frontier, type FrontierNode } from './frontier.ts';
import { clickPaths } from './link-graph.ts';
import { checkHostAddress, parseResolve, type ConnectPolicy } from './net.ts';
import { resolveCrawlOptions } from './options.ts';
import { Renderer, type SiteRenderer, type SubresourceAnswer } from './render.ts';
import { PoliteFetcher } from './polite-fetcher.ts';
import { SitemapReader } from './sitemap-reader.ts';
import { HostThrottle } from './throttle.ts';
import type {
  CrawlEvents, CrawlOptions, CrawlResult, LinkRecord, PageRecord, SkipReason, SkippedUrl, StoppedBy,
} from './types.ts';
import { inScope, normalizeUrl, scopeDomainOf, unfollowableScheme, withScheme } from './url.ts';

export { CrawlStartError } from './errors.ts';
export { HostThrottle } from './throttle.ts';
export { Renderer } from './render.ts';

export interface SharedCrawlResources {
  /** One browser for a whole batch. */
  renderer?: Renderer;
  /** Per-host politeness across partners. */
  hosts?: HostThrottle;
}

/** Headers kept on the record (the analyzers and reports use them). */
const KEPT_HEADERS = ['content-type', 'content-language', 'last-modified', 'date', 'etag', 'x-robots-tag', 'server', 'cf-mitigated', 'location', 'retry-after', 'content-disposition', 'link'];
/** Subresources (scripts, styles) kept per site for the renderer. */
const SUBRESOURCE_CACHE_BYTES = 32 * 1024 * 1024;
/** Share of a page's own hint its links inherit (a link found on a retail page is more likely relevant). */
const INHERITED_PRIORITY_SHARE = 0.5;

/** Why a page's static HTML looks like a script shell that needs rendering, or null. */
function shellReason(scan: HtmlScan, internalLinks: number): string | null {
  if (scan.emptyAppRoot && scan.textLength < 200) return `empty ${scan.emptyAppRoot} app shell`;
  if (scan.noscriptAsksForJs && scan.textLength < 500) return 'noscript asks for JavaScript and the page has little text';
  if (scan.scriptCount > 0 && scan.textLength < 100 && internalLinks < 3) return 'scripts with almost no text and links';
  return null;
}

/** A directory's index document: the file a server answers for the directory URL itself. */
const INDEX_DOCUMENT = /^(index|default)\.(html?|shtml|php|aspx?|jsp)$/i;

/**
 * The directory URL a page may be an alias of: itself for /dir/ and /dir/index.html for …/dir/
 * (query kept: /index.php?p=1 goes with /?p=1). Null for any other address.
 */
function directoryKey(url: string): string | null {
  const u = new URL(url);
  if (u.pathname.endsWith('/')) return u.href;
  const slash = u.pathname.lastIndexOf('/');
  if (!INDEX_DOCUMENT.test(u.pathname.slice(slash + 1))) return null;
  u.pathname = u.pathname.slice(0, slash + 1);
  return u.href;
}

/** A fetched HTML page at a directory address, for recognising the same page under the other one. */
interface DirectoryPage {
  url: string;
  bodyHash: string;
  canonical: string | null;
}

/** Result of fetching a page URL with its redirects followed under the crawl's rules. */
type DocumentOutcome =
  | { kind: 'response'; res: RawResponse; chain: string[] }
  | { kind: 'redirect-stop'; res: RawResponse; chain: string[]; reason: 'known' | SkipReason | 'error'; detail: string };

export async function crawlSite(
  startUrl: string,
  options: Partial<CrawlOptions> = {},
  events: CrawlEvents = {},
  shared: SharedCrawlResources = {},
): Promise<CrawlResult> {
  const opts = resolveCrawlOptions(options);
  const startedAt = new Date();
  let policy: ConnectPolicy;
  try {
    policy = { resolve: parseResolve(opts.resolve), allowPrivate: opts.allowPrivate, allowAddresses: new Set(opts.allowAddresses) };
  } catch (err) {
    throw new CrawlStartError((err as Error).message);
  }
  const start = normalizeUrl(withScheme(startUrl));
  if (!start) throw new CrawlStartError(`"${startUrl}" is not a web address (expected e.g. https://www.partner.com/)`);

  const controller = new AbortController();
  let stoppedBy = 'done' as StoppedBy;
  const budgetTimer = setTimeout(() => {
    stoppedBy = 'time-budget';
    controller.abort();
  }, opts.timeBudgetMs);
  const onOuterAbort = () => {
    stoppedBy = 'aborted';
    controller.abort();
  };
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = controller.signal;
  // Every in-flight request and throttle wait listens for the stop; that is not a leak.
  setMaxListeners(0, signal);

  const fetcher = new PoliteFetcher({ ...opts, policy, signal, throttle: shared.hosts });

  const frontier = new Frontier(
    { maxDepth: opts.maxDepth, maxQueryVariants: opts.maxQueryVariants, prioritised: opts.priority !== undefined },
    (s) => skip(s.url, s.reason, s.detail, s.from),
  );
  const pages: PageRecord[] = [];
  const skipped: SkippedUrl[] = [];
  const skippedKeys = new Set<string>();
  const outbound: CrawlResult['outbound'] = [];
  const outboundSeen = new Set<string>();
  /** Link graph for click paths: node URL → linked node URLs (in scope). */
  const edges = new Map<string, string[]>();
  let renderUnavailable: string | null = null;
  let renderer: Renderer | null = shared.renderer ?? null;
  let siteRenderer: SiteRenderer | null = null;
  let scopeDomain = '';
  let rendered = 0;

  const skip = (url: string, reason: SkipReason, detail: string, from: string | null) => {
    const key = `${reason} ${url}`;
    if (skippedKeys.has(key)) return;
    skippedKeys.add(key);
    const s: SkippedUrl = { url, reason, detail, from };
    skipped.push(s);
    events.skipped?.(s);
  };

  const wantPageBody = (url: () => string) => (status: number, headers: Record<string, string>) => {
    if (status >= 300 && status < 400 && headers.location) return false;
    const mime = mimeOf(headers);
    // Error answers are read too: challenge pages are recognised by their text.
    return mime === null || isHtmlType(mime) || looksLikePdf(url(), headers) || status >= 400;
  };

  /**
   * Fetches a page URL, following redirects one hop at a time: every hop is checked against scope,
   * robots.txt and (in the fetcher) the private-address guard. Stops at a URL the crawl already has.
   */
  async function fetchDocument(url: string, node: FrontierNode, checkScope: boolean): Promise<DocumentOutcome> {
    const chain = [url];
    let current = url;
    for (;;) {
      const res = await fetcher.request(current, wantPageBody(() => current));
      const location = res.status >= 300 && res.status < 400 ? res.headers.location : undefined;
      if (!location) return { kind: 'response', res, chain: chain.length > 1 ? chain : [] };
      const next = normalizeUrl(location, current);
      const stop = (reason: 'known' | SkipReason | 'error', detail: string): DocumentOutcome => ({
        kind: 'redirect-stop',
        res,
        chain: [...chain, ...(next && !chain.includes(next) ? [next] : [])],
        reason,
        detail,
      });
      if (!next) return stop('error', `redirect to an unusable location "${location}"`);
      if (chain.includes(next)) return stop('error', `redirect loop (${[...chain, next].map((u) => new URL(u).pathname).join(' → ')})`);
      if (chain.length > opts.maxRedirects) return stop('error', `more than ${opts.maxRedirects} redirects`);
      if (checkScope && !inScope(next, scopeDomain)) return stop('out-of-scope', `redirects to another site (${next})`);
      if (checkScope && frontier.isOtherPage(next, node)) return stop('known', 'redirects to a page the crawl already has');
      const verdict = await fetcher.robotsVerdict(next);
      if (!verdict.allowed) return stop(verdict.reason, verdict.detail);
      // Claimed now, so a link to it (or another redirect) does not fetch the same content again.
      frontier.claim(next, node);
      chain.push(next);
      current = next;
    }
  }

  // ---- links ---------------------------------------------------------------------------------------

  /**
   * One string instance per distinct URL or anchor text: every page repeats the same nav and footer
   * links, and 2,000 records × 50 links of fresh strings is most of a crawl's memory.
   */
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    const known = interned.get(s);
    if (known !== undefined) return known;
    interned.set(s, s);
    return s;
  };

  const scopeByHost = new Map<string, boolean>();
  /** inScope for a normalized URL, with the public-suffix lookup done once per host. */
  const hostInScope = (url: string) => {
    const host = /^https?:\/\/([^/:?#]+)/.exec(url)![1];
    let yes = scopeByHost.get(host);
    if (yes === undefined) {
      yes = inScope(url, scopeDomain);
      scopeByHost.set(host, yes);
    }
    return yes;
  };

  function readLinks(scan: HtmlScan, pageUrl: string): LinkRecord[] {
    let base = pageUrl;
    if (scan.baseHref !== null) base = normalizeUrl(scan.baseHref, pageUrl) ?? pageUrl;
    const links: LinkRecord[] = [];
    const seen = new Set<string>();
    for (const raw of scan.links) {
      const scheme = unfollowableScheme(raw.href);
      if (scheme) {
        skip(raw.href.trim().slice(0, 200), 'scheme', `${scheme}: link`, pageUrl);
        continue;
      }
      const url = normalizeUrl(raw.href, base);
      if (!url || url === pageUrl) continue;
      const key = `${url} ${raw.region} ${raw.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push({ url: intern(url), text: intern(raw.text), region: raw.region, internal: hostInScope(url) });
    }
    return links;
  }

  function followLinks(page: PageRecord, node: FrontierNode) {
    const targets: string[] = [];
    for (const link of page.links) {
      if (!link.internal) {
        if (!outboundSeen.has(link.url)) {
          outboundSeen.add(link.url);
          outbound.push({ url: link.url, from: page.finalUrl, text: link.text });
        }
        continue;
      }
      targets.push(link.url);
      const childDepth = node.depth === null ? null : node.depth + 1;
      // Links on sitemap-only pages are followed too; their targets are no more reachable (depth null).
      const own = opts.priority?.(link) ?? 0;
      frontier.discover(link.url, { from: page.finalUrl, depth: childDepth, text: link.text, via: 'link', priority: own + Math.max(0, node.linkPriority) * INHERITED_PRIORITY_SHARE, linkPriority: own });
    }
    edges.set(node.url, targets);
  }

  // ---- rendering -----------------------------------------------------------------------------------

  const subresourceCache = new Map<string, Promise<SubresourceAnswer>>();
  let subresourceBytes = 0;

  async function fetchSubresource(url: string): Promise<SubresourceAnswer> {
    const cached = subresourceCache.get(url);
    if (cached) return cached;
    const answer = (async (): Promise<SubresourceAnswer> => {
      let current = url;
      for (let hop = 0; hop <= opts.maxRedirects; hop++) {
        if (!(await fetcher.robotsVerdict(current)).allowed) return null;
        const res = await fetcher.requestOnce(current);
        const next = redirectTarget(res, current);
        if (!next) {
          const headers: Record<string, string> = {};
          if (res.headers['content-type']) headers['content-type'] = res.headers['content-type'];
          return { status: res.status, headers, body: res.body };
        }
        current = next;
      }
      return null;
    })().catch(() => null);
    subresourceCache.set(url, answer);
    const got = await answer;
    subresourceBytes += got?.body.length ?? 0;
    if (subresourceBytes > SUBRESOURCE_CACHE_BYTES) {
      subresourceCache.clear();
      subresourceBytes = 0;
    }
    return got;
  }

  async function siteRendererNow(): Promise<SiteRenderer | null> {
    if (renderUnavailable) return null;
    renderer ??= new Renderer({ chromiumPath: opts.chromiumPath, resolve: opts.resolve });
    const why = await renderer.unavailable();
    if (why) {
      renderUnavailable = `rendering unavailable, pages crawled without JavaScript: ${why}`;
      return null;
    }
    siteRenderer ??= renderer.site({
      userAgent: opts.userAgent,
      timeoutMs: opts.timeoutMs,
      fetchSubresource,
      allowRequest: async (url) => {
        if (!(await fetcher.robotsVerdict(url)).allowed) return false;
        return checkHostAddress(url, policy).then(() => true, () => false);
      },
    });
    return siteRenderer;
  }

  // ---- one page under two addresses ---------------------------------------------------------------

  /*
   * /index.html, /index.php, /default.aspx usually answer the same page as their directory URL, but a
   * server may serve something else there, so normalizeUrl keeps them apart and we decide on what
   * came back: the same bytes, or a canonical naming the other address (or both naming one), make
   * the later of the two fetched a duplicate. Rewriting such links to the directory URL before
   * fetching would be cheaper (one request per alias saved) but is a guess that hides a different
   * page, and depends on which address the crawl happened to see first.
   */
  const directoryPages = new Map<string, DirectoryPage[]>();

  /** Registers an HTML page fetched at a directory address; returns the page it duplicates, if any. */
  function sameDirectoryPage(record: PageRecord, res: RawResponse): DirectoryPage | null {
    if (record.body === null || record.error !== null || record.blocked !== null || res.status >= 300) return null;
    const key = directoryKey(record.finalUrl);
    if (!key) return null;
    const page: DirectoryPage = { url: record.finalUrl, bodyHash: createHash('sha1').update(res.body).digest('base64'), canonical: record.canonical };
    const known = directoryPages.get(key) ?? [];
    const identity = (p: DirectoryPage) => p.canonical ?? p.url;
    const original = known.find((p) => p.bodyHash === page.bodyHash || identity(p) === identity(page));
    if (original) return original;
    known.push(page);
    directoryPages.set(key, known);
    return null;
  }

  /** The page is `original` under another address: recorded as such, its links not followed again. */
  function markDuplicate(record: PageRecord, node: FrontierNode, original: DirectoryPage) {
    record.duplicateOf = original.url;
    record.body = null;
    record.links = [];
    // Links to this address (and to its redirect hops) are links to the original from now on.
    frontier.mergeInto(node, original.url, [node.url, ...record.redirectChain]);
  }

  // ---- one page ------------------------------------------------------------------------------------

  function baseRecord(node: FrontierNode, url: string): PageRecord {
    return {
      url,
      finalUrl: url,
      redirectChain: [],
      httpStatus: null,
      contentType: null,
      charset: null,
      headers: {},
      foundVia: node.foundVia,
      depth: node.depth,
      anchorText: node.anchorText,
      referrers: [...node.referrers],
      body: null,
      bytes: null,
      truncated: false,
      byteLength: 0,
      rendered: false,
      renderReason: null,
      links: [],
      canonical: null,
      error: null,
      blocked: null,
      fetchedAt: new Date().toISOString(),
      durationMs: 0,
    };
  }

  /** Turns a response into the page record: decoding, links, rendering. */
  async function readResponse(record: PageRecord, res: RawResponse): Promise<void> {
    record.httpStatus = res.status;
    for (const name of KEPT_HEADERS) if (res.headers[name] !== undefined) record.headers[name] = res.headers[name];
    record.contentType = mimeOf(res.headers);
    record.byteLength = res.body.length;
    record.truncated = res.truncated;
    if (res.bodyError) record.error = `body cut off: ${res.bodyError}`;
    if (botProtection(res.status, res.headers, res.body)) {
      record.blocked = 'bot-protection';
      record.error = `blocked by bot protection (HTTP ${res.status})`;
      return;
    }
    if (res.status >= 400) record.error = `HTTP ${res.status}`;
    if (looksLikePdf(record.finalUrl, res.headers)) {
      if (res.status < 400) record.bytes = new Uint8Array(res.body);
      record.contentType ??= 'application/pdf';
      return;
    }
    const sniffedHtml = record.contentType === null && /^\s*(<!doctype html|<html|<head|<body)/i.test(res.body.subarray(0, 512).toString('latin1'));
    if (!isHtmlType(record.contentType) && !sniffedHtml) return;
    if (sniffedHtml) record.contentType = 'text/html';
    const { text, charset } = decodeBody(res.body, res.headers['content-type']);
    record.charset = charset;
    record.body = text;
    let scan = scanHtml(text);
    record.links = readLinks(scan, record.finalUrl);
    if (scan.canonical) record.canonical = normalizeUrl(scan.canonical, record.finalUrl);
    if (res.status >= 400) return;

    const reason = opts.render === 'always' ? 'rendering always on' : shellReason(scan, record.links.filter((l) => l.internal).length);
    if (!reason) return;
    if (opts.render === 'never') {
      record.renderReason = `${reason} (rendering off)`;
      return;
    }
    const site = await siteRendererNow();
    if (!site) {
      record.renderReason = `${reason} (no browser)`;
      return;
    }
    try {
      const page = await site.render(record.finalUrl, { status: res.status, headers: res.headers, body: res.body });
      record.body = page.html;
      record.rendered = true;
      record.renderReason = reason;
      rendered++;
      scan = scanHtml(page.html);
      record.links = readLinks(scan, record.finalUrl);
      if (scan.canonical) record.canonical = normalizeUrl(scan.canonical, record.finalUrl);
    } catch (err) {
      record.renderReason = `${reason}; ${(err as Error).message}`;
    }
  }

  /** Fetches one queued node and hands its record on. Returns false when it was not attempted. */
  async function processNode(node: FrontierNode): Promise<boolean> {
    const verdict = await fetcher.robotsVerdict(node.url);
    if (!verdict.allowed) {
      frontier.settle(node, 'skipped');
      skip(node.url, verdict.reason, verdict.detail, firstReferrer(node));
      return false;
    }
    sitemapsOf(new URL(node.url).origin);
    const began = Date.now();
    const record = baseRecord(node, node.url);
    let outcome: DocumentOutcome;
    try {
      outcome = await fetchDocument(node.url, node, true);
    } catch (err) {
      if (signal.aborted) {
        frontier.putBack(node);
        return false;
      }
      frontier.settle(node, 'done');
      if (err instanceof FetchError && err.code === 'EPRIVATE') {
        skip(node.url, 'private-address', err.message, firstReferrer(node));
        return false;
      }
      record.error = (err as Error).message;
      record.durationMs = Date.now() - began;
      await emit(record);
      return true;
    }
    frontier.settle(node, 'done');
    record.redirectChain = outcome.chain;
    record.finalUrl = outcome.chain.length ? outcome.chain[outcome.chain.length - 1] : node.url;
    if (outcome.kind === 'redirect-stop') {
      record.httpStatus = outcome.res.status;
      record.headers = outcome.res.headers.location ? { location: outcome.res.headers.location } : {};
      if (outcome.reason === 'known') edges.set(node.url, [record.finalUrl]);
      else if (outcome.reason === 'error') record.error = outcome.detail;
      else if (outcome.reason === 'private-address') {
        // Same as a direct refusal: no record, the clicked URL is listed with the reason.
        skip(node.url, 'private-address', `redirects to ${record.finalUrl}: ${outcome.detail}`, firstReferrer(node));
        return false;
      } else skip(record.finalUrl, outcome.reason, `${outcome.detail} (redirect from ${node.url})`, node.url);
      if (outcome.reason === 'out-of-scope' && !outboundSeen.has(record.finalUrl)) {
        outboundSeen.add(record.finalUrl);
        outbound.push({ url: record.finalUrl, from: node.url, text: node.anchorText ?? '' });
      }
    } else {
      await readResponse(record, outcome.res);
      const original = sameDirectoryPage(record, outcome.res);
      if (original) markDuplicate(record, node, original);
      else followLinks(record, node);
    }
    record.durationMs = Date.now() - began;
    await emit(record);
    return true;
  }

  async function emit(record: PageRecord) {
    await events.page?.(record);
    // The consumer has analysed the body; keeping 2,000 bodies is what must not happen.
    record.body = null;
    record.bytes = null;
    pages.push(record);
  }

  const sitemaps = new SitemapReader({ maxUrls: opts.maxSitemapUrls, maxBytes: opts.maxBytes }, fetcher, {
    inScope: hostInScope,
    found: (url) => frontier.discover(url, { from: null, depth: null, text: null, via: 'sitemap' }),
    changed: () => {
      pump();
      checkDone();
    },
  }, signal);
  const sitemapsOf = (origin: string) => {
    if (opts.sitemaps) void sitemaps.lookAt(origin);
  };

  // ---- run -----------------------------------------------------------------------------------------

  const queue = new PQueue({ concurrency: opts.concurrency });
  let attempted = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));

  function pump() {
    while (!signal.aborted && queue.pending + queue.size < opts.concurrency && attempted < opts.maxPages) {
      const node = frontier.next();
      if (!node) break;
      attempted++;
      void queue.add(async () => {
        const tried = await processNode(node).catch((err: Error) => {
          // A bug, not a site problem: stop and surface it rather than report a partial crawl as complete.
          internalError ??= err;
          controller.abort();
          return false;
        });
        if (!tried) attempted--;
        // This task is still counted as pending.
        events.progress?.({ fetched: pages.length, queued: frontier.waiting + queue.pending - 1, rendered });
      }).finally(() => {
        pump();
        checkDone();
      });
    }
  }

  let internalError: Error | null = null;
  signal.addEventListener('abort', () => checkDone(), { once: true });
  function checkDone() {
    if (queue.pending + queue.size > 0) return;
    if (signal.aborted || attempted >= opts.maxPages || (!sitemaps.busy && !frontier.hasQueued())) finish();
  }
  let homepage = start;
  try {
    // ---- the homepage: any failure here is one plain error ----
    const startNode = frontier.start(start);
    const verdict = await fetcher.robotsVerdict(start);
    if (!verdict.allowed) {
      const entry = await fetcher.robots.entry(start);
      if (entry.fetchError) throw new CrawlStartError(`Could not reach ${start}: ${entry.fetchError}`);
      throw new CrawlStartError(`${start} may not be crawled: ${verdict.detail}`);
    }
    const began = Date.now();
    let outcome: DocumentOutcome;
    try {
      outcome = await fetchDocument(start, startNode, false);
    } catch (err) {
      const why = stoppedBy === 'time-budget' ? `no answer within the time budget of ${formatSeconds(opts.timeBudgetMs)}` : (err as Error).message;
      throw new CrawlStartError(`Could not reach ${start}: ${why}`);
    }
    if (outcome.kind === 'redirect-stop') throw new CrawlStartError(`Could not reach ${start}: ${outcome.detail}`);
    homepage = outcome.chain.length ? outcome.chain[outcome.chain.length - 1] : start;
    scopeDomain = scopeDomainOf(new URL(homepage).hostname);
    const record = baseRecord(startNode, start);
    record.redirectChain = outcome.chain;
    record.finalUrl = homepage;
    await readResponse(record, outcome.res);
    if (!record.blocked && outcome.res.status >= 400) {
      throw new CrawlStartError(`Could not crawl ${start}: the homepage answered HTTP ${outcome.res.status}`);
    }
    frontier.settle(startNode, 'done');
    sameDirectoryPage(record, outcome.res);
    followLinks(record, startNode);
    record.durationMs = Date.now() - began;
    await emit(record);
    attempted = 1;

    // ---- everything else ----
    if (!record.blocked) sitemapsOf(new URL(homepage).origin);
    pump();
    checkDone();
    await finished;
  } finally {
    clearTimeout(budgetTimer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    controller.abort();
    await queue.onIdle();
    await (siteRenderer as SiteRenderer | null)?.close();
    if (!shared.renderer) await renderer?.close();
    fetcher.close();
  }

  if (internalError) throw internalError;
  if (stoppedBy === 'done' && attempted >= opts.maxPages && frontier.hasQueued()) stoppedBy = 'max-pages';
  // URLs never fetched get their reason now: a shallower link may have reached them late.
  const notReached: SkipReason = stoppedBy === 'time-budget' || stoppedBy === 'aborted' ? 'time-budget' : 'max-pages';
  const notReachedDetail = notReached === 'max-pages' ? `page limit ${opts.maxPages} reached` : stoppedBy === 'aborted' ? 'crawl stopped' : `time budget ${formatSeconds(opts.timeBudgetMs)} used up`;
  for (const s of frontier.unfetched({ reason: notReached, detail: notReachedDetail })) skip(s.url, s.reason, s.detail, s.from);
  for (const page of pages) page.referrers = frontier.referrersOf(page.url) ?? page.referrers;

  return {
    homepage,
    scopeDomain,
    pages,
    paths: clickPaths(start, homepage, edges, (url) => frontier.identity(url), pages),
    skipped,
    outbound,
    sitemapUrls: sitemaps.urls,
    robots: await fetcher.robots.summary(),
    renderUnavailable,
    stoppedBy,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
  };
}
