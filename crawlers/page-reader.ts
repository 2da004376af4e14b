// Reads one page of the crawl into its PageRecord, as a short list of named steps (PageReader.steps):
// ask robots.txt, fetch following redirects, read the response, render a script shell, recognise a
// page already read under another address (or a copy of one), follow the links.
import { CopyFinder } from './copies.ts';
import { decodeBody } from './decode.ts';
import { DirectoryAliases } from './duplicates.ts';
import { CrawlStartError, FetchError } from './errors.ts';
import { FeedReader, isFeedAddress, titlesShownOn } from './feeds.ts';
import { fileKindOfType } from './file-kinds.ts';
import { formatSeconds, type RawResponse } from './fetch.ts';
import { skipOf, type Frontier, type FrontierNode } from './frontier.ts';
import { scanHtml, type HtmlScan } from './html-scan.ts';
import type { LinkGraph } from './link-graph.ts';
import { LinkReader } from './links.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import { fetchFollowingRedirects } from './redirects.ts';
import { botProtection, isHtmlType, looksLikePdf, mimeOf } from './responses.ts';
import type { SiteRendering } from './site-rendering.ts';
import type { CrawlOptions, PageRecord, SkippedUrl } from './types.ts';
import { normalizeUrl, SiteScope } from './url.ts';

export type PageReaderOptions = Pick<CrawlOptions, 'render' | 'maxRedirects' | 'timeBudgetMs' | 'priority'>;

export interface PageReaderParts {
  fetcher: PoliteFetcher;
  frontier: Frontier;
  graph: LinkGraph;
  rendering: SiteRendering;
  /** Stops the crawl; its reason is 'time-budget' when the budget ran out. */
  signal: AbortSignal;
  skip: (skip: SkippedUrl) => void;
  /** A page of `origin` is about to be fetched (its sitemaps may be worth reading). */
  reachingOrigin: (origin: string) => void;
}

/** One page on its way through the steps. */
interface Visit {
  node: FrontierNode;
  /** The homepage: what ends its visit early ends the crawl (CrawlStartError). */
  start: boolean;
  record: PageRecord;
  began: number;
  res: RawResponse | null;
  /** The HTML as read (or rendered); null for other bodies. */
  scan: HtmlScan | null;
  /**
   * The static HTML of a page about to be rendered in any case (--render always), not read yet: the
   * render replaces it, so it is read only when the render does not give the page.
   */
  unread: string | null;
}

/** After a step: go on, hand the record on as it is now, or drop it (the page counts as not attempted). */
type StepResult = 'next' | 'record' | 'not-attempted';
type Step = (visit: Visit) => StepResult | Promise<StepResult>;

/** Headers kept on the record (the analyzers and reports use them). */
const KEPT_HEADERS = ['content-type', 'content-language', 'last-modified', 'date', 'etag', 'x-robots-tag', 'server', 'cf-mitigated', 'location', 'retry-after', 'content-disposition', 'link'];
/** Share of a page's own hint its links inherit (a link found on a retail page is more likely relevant). */
const INHERITED_PRIORITY_SHARE = 0.5;

/** Why a page's static HTML looks like a script shell that needs rendering, or null. */
function shellReason(scan: HtmlScan, internalLinks: number): string | null {
  if (scan.emptyAppRoot && scan.textLength < 200) return `empty ${scan.emptyAppRoot} app shell`;
  if (scan.noscriptAsksForJs && scan.textLength < 500) return 'noscript asks for JavaScript and the page has little text';
  if (scan.scriptCount > 0 && scan.textLength < 100 && internalLinks < 3) return 'scripts with almost no text and links';
  return null;
}

function emptyRecord(node: FrontierNode): PageRecord {
  return {
    url: node.url,
    finalUrl: node.url,
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

export class PageReader {
  readonly #options: PageReaderOptions;
  readonly #parts: PageReaderParts;
  readonly #links: LinkReader;
  readonly #aliases = new DirectoryAliases();
  readonly #copies = new CopyFinder();
  readonly #feeds: FeedReader;
  #scope: SiteScope | null = null;

  /** Reading a page, in order; a step may end the visit early. */
  readonly steps: readonly Step[] = [
    (v) => this.askRobots(v),
    (v) => this.fetch(v),
    (v) => this.readResponse(v),
    (v) => this.renderShell(v),
    (v) => this.dropDuplicate(v),
    (v) => this.readFeeds(v),
    (v) => this.followLinks(v),
  ];

  constructor(options: PageReaderOptions, parts: PageReaderParts) {
    this.#options = options;
    this.#parts = parts;
    this.#links = new LinkReader(parts.skip);
    this.#feeds = new FeedReader(parts.fetcher, parts.skip);
  }

  /** The site's scope, known once the homepage (after its redirects) has been fetched. */
  get scope(): SiteScope {
    if (!this.#scope) throw new Error('the scope is known once the homepage is read');
    return this.#scope;
  }

  /**
   * Reads `node`'s page; null when it was not attempted (refused by robots.txt or the address guard,
   * or the crawl stopped). For the start page (`start`), what would end the visit early throws
   * CrawlStartError instead.
   */
  async read(node: FrontierNode, start = false): Promise<PageRecord | null> {
    const visit: Visit = { node, start, record: emptyRecord(node), began: Date.now(), res: null, scan: null, unread: null };
    for (const step of this.steps) {
      const result = await step(visit);
      if (result === 'not-attempted') return null;
      if (result === 'record') break;
    }
    visit.record.durationMs = Date.now() - visit.began;
    return visit.record;
  }

  async askRobots({ node, start }: Visit): Promise<StepResult> {
    const { fetcher, frontier, skip, reachingOrigin } = this.#parts;
    const verdict = await fetcher.robotsVerdict(node.url);
    if (!verdict.allowed) {
      if (start) {
        const entry = await fetcher.robots.entry(node.url);
        if (entry.fetchError) {
          throw new CrawlStartError(`Could not reach ${node.url}: ${entry.fetchError}`, 'unreachable', { url: node.url, code: entry.fetchCode ?? '', detail: entry.fetchError });
        }
        const refusal = `${node.url} may not be crawled: ${verdict.detail}`;
        if (verdict.rule) throw new CrawlStartError(refusal, 'robots-disallowed', { url: node.url, line: verdict.rule.line, rule: verdict.rule.text });
        throw new CrawlStartError(refusal, 'robots-refused', { url: node.url, detail: verdict.detail });
      }
      frontier.settle(node, 'skipped');
      skip(skipOf(node, verdict.reason, verdict.detail));
      return 'not-attempted';
    }
    if (!start) reachingOrigin(new URL(node.url).origin);
    return 'next';
  }

  async fetch(visit: Visit): Promise<StepResult> {
    const { node, start, record } = visit;
    const { fetcher, frontier, graph, signal, skip } = this.#parts;
    visit.began = Date.now();
    let outcome;
    try {
      outcome = await fetchFollowingRedirects(node.url, node, { fetcher, frontier, maxRedirects: this.#options.maxRedirects, scope: start ? null : this.scope });
    } catch (err) {
      if (start) {
        if (signal.reason === 'time-budget') {
          throw new CrawlStartError(`Could not reach ${node.url}: no answer within the time budget of ${formatSeconds(this.#options.timeBudgetMs)}`,
            'start-timeout', { url: node.url, seconds: this.#options.timeBudgetMs / 1000 });
        }
        throw new CrawlStartError(`Could not reach ${node.url}: ${(err as Error).message}`, 'unreachable',
          { url: node.url, code: err instanceof FetchError ? err.code : '', detail: (err as Error).message });
      }
      if (signal.aborted) {
        frontier.putBack(node);
        return 'not-attempted';
      }
      frontier.settle(node, 'done');
      if (err instanceof FetchError && err.code === 'EPRIVATE') {
        skip(skipOf(node, 'private-address', err.message));
        return 'not-attempted';
      }
      record.error = (err as Error).message;
      return 'record';
    }
    frontier.settle(node, 'done');
    record.redirectChain = outcome.chain;
    record.finalUrl = outcome.chain.length ? outcome.chain[outcome.chain.length - 1] : node.url;
    if (start) {
      if (outcome.kind === 'redirect-stop') {
        throw new CrawlStartError(`Could not reach ${node.url}: ${outcome.detail}`, 'redirect-stopped', { url: node.url, detail: outcome.detail });
      }
      this.#scope = new SiteScope(record.finalUrl);
    }
    if (outcome.kind === 'response') {
      visit.res = outcome.res;
      return 'next';
    }
    record.httpStatus = outcome.res.status;
    record.headers = outcome.res.headers.location ? { location: outcome.res.headers.location } : {};
    if (outcome.reason === 'known') graph.addRedirect(node.url, record.finalUrl);
    else if (outcome.reason === 'error') record.error = outcome.detail;
    else if (outcome.reason === 'private-address') {
      // Same as a direct refusal: no record, the clicked URL is listed with the reason.
      skip(skipOf(node, 'private-address', `redirects to ${record.finalUrl}: ${outcome.detail}`));
      return 'not-attempted';
    } else skip({ url: record.finalUrl, reason: outcome.reason, detail: `${outcome.detail} (redirect from ${node.url})`, from: node.url });
    if (outcome.reason === 'out-of-scope') graph.addOutbound(record.finalUrl, node.url, node.anchorText ?? '');
    return 'record';
  }

  /**
   * Status, kept headers, type; a PDF keeps its bytes, HTML is decoded and its links read. An image,
   * archive, audio or video file or font is no page: listed as skipped, not handed on.
   */
  readResponse(visit: Visit): StepResult {
    const { record, start } = visit;
    const res = visit.res!;
    record.httpStatus = res.status;
    for (const name of KEPT_HEADERS) if (res.headers[name] !== undefined) record.headers[name] = res.headers[name];
    record.contentType = mimeOf(res.headers);
    const file = fileKindOfType(record.contentType);
    if (file && !start && res.status < 300) {
      // The body was not read (redirects.ts wants page bodies only): no page, no slot of the budget.
      const where = record.finalUrl === visit.node.url ? '' : ` at ${record.finalUrl}`;
      this.#parts.skip(skipOf(visit.node, 'file-response', `${file} file (${record.contentType}${where}), body not read`));
      return 'not-attempted';
    }
    record.byteLength = res.body.length;
    record.truncated = res.truncated;
    if (res.bodyError) record.error = `body cut off: ${res.bodyError}`;
    if (botProtection(res.status, res.headers, res.body)) {
      record.blocked = 'bot-protection';
      record.error = `blocked by bot protection (HTTP ${res.status})`;
      return 'record';
    }
    if (res.status >= 400) {
      if (start) {
        throw new CrawlStartError(`Could not crawl ${visit.node.url}: the homepage answered HTTP ${res.status}`, 'http-status', { url: visit.node.url, status: res.status });
      }
      record.error = `HTTP ${res.status}`;
    }
    if (looksLikePdf(record.finalUrl, res.headers)) {
      if (res.status < 400) record.bytes = new Uint8Array(res.body);
      record.contentType ??= 'application/pdf';
      return 'record';
    }
    const sniffedHtml = record.contentType === null && /^\s*(<!doctype html|<html|<head|<body)/i.test(res.body.subarray(0, 512).toString('latin1'));
    if (!isHtmlType(record.contentType) && !sniffedHtml) return 'record';
    if (sniffedHtml) record.contentType = 'text/html';
    const { text, charset } = decodeBody(res.body, res.headers['content-type']);
    record.charset = charset;
    if (this.#options.render === 'always' && res.status < 400) visit.unread = text;
    else this.#readHtml(visit, text);
    return 'next';
  }

  /** A page whose static HTML looks like a script shell is rendered (per the render option) and read again. */
  async renderShell(visit: Visit): Promise<StepResult> {
    const { record, scan, unread } = visit;
    const res = visit.res!;
    if (unread === null && (!scan || res.status >= 400)) return 'next';
    const { render } = this.#options;
    const reason = unread !== null ? 'rendering always on' : shellReason(scan!, record.links.filter((l) => l.internal).length);
    if (!reason) return 'next';
    if (render === 'never') {
      record.renderReason = `${reason} (rendering off)`;
      return 'next';
    }
    let rendered: string | null = null;
    try {
      rendered = await this.#parts.rendering.render(record.finalUrl, res, this.#parts.signal);
      record.renderReason = rendered === null ? `${reason} (no browser)` : reason;
    } catch (err) {
      record.renderReason = `${reason}; ${(err as Error).message}`;
    }
    if (rendered !== null) record.rendered = true;
    // The page as read when the render does not give it.
    const html = rendered ?? unread;
    if (html !== null) this.#readHtml(visit, html);
    return 'next';
  }

  /**
   * The page is one read before under its directory's other address, or a copy of one (copies.ts):
   * recorded as such, its links not followed again. A copy keeps its own address in the link graph:
   * a link's text describes the address it names ("Retail" on ?category=2 is no word on the page that
   * address happens to serve). When the copies conclude a folder or a path's variants, the rest of
   * them is not fetched.
   */
  dropDuplicate({ record, node, res, scan }: Visit): StepResult {
    const alias = this.#aliases.originalOf(record, res!.body);
    const copy = alias || !scan || record.error !== null || record.blocked !== null || (record.httpStatus ?? 0) >= 300 ? null : this.#copies.check(record.finalUrl, scan);
    const original = alias ?? copy?.original;
    if (!original) return 'next';
    record.duplicateOf = original;
    record.body = null;
    record.links = [];
    const { frontier } = this.#parts;
    // Links to this address (and to its redirect hops) are links to the original from now on.
    if (alias) frontier.mergeInto(node, original, [node.url, ...record.redirectChain]);
    if (copy?.concluded) frontier.exclude(copy.concluded.prefix, 'copies', copy.concluded.detail);
    return 'record';
  }

  /**
   * The feeds the page names (<link rel="alternate"> of a feed type, or links to a conventional feed
   * address), each read once per crawl (feeds.ts): a blog whose post cards open posts from scripts
   * lists them there. An entry whose title the page shows becomes a link from this page, its title as
   * the link's text; an entry it does not show is known as a sitemap's URL is (no click path: a feed is
   * a sitemap format, and every page of a blog names its feed, most showing none of its entries). A
   * shown entry joins the page's links (record.links: click paths are read from them), as it is a link
   * to a visitor.
   */
  async readFeeds(visit: Visit): Promise<StepResult> {
    const { record, scan } = visit;
    if (!scan) return 'next';
    const base = scan.baseHref === null ? record.finalUrl : normalizeUrl(scan.baseHref, record.finalUrl) ?? record.finalUrl;
    const feeds = new Set<string>();
    for (const href of scan.feeds) {
      const url = normalizeUrl(href, base);
      if (url) feeds.add(url);
    }
    for (const link of record.links) if (link.internal && isFeedAddress(link.url)) feeds.add(link.url);
    if (!feeds.size) return 'next';
    const entries = await this.#feeds.entriesOf(record.finalUrl, [...feeds], this.scope);
    const shown = titlesShownOn(record.body ?? '');
    const linked = new Set(record.links.map((link) => link.url));
    for (const entry of entries) {
      if (!shown(entry.title)) {
        const priority = this.#options.priority?.({ url: entry.url, text: '', region: 'main', internal: true }) ?? 0;
        this.#parts.frontier.discover(entry.url, { from: null, depth: null, text: null, via: 'sitemap', priority });
      } else if (!linked.has(entry.url)) {
        record.links.push({ url: entry.url, text: entry.title, region: 'main', internal: true });
        linked.add(entry.url);
      }
    }
    return 'next';
  }

  followLinks({ record, node }: Visit): StepResult {
    const { frontier, graph } = this.#parts;
    const childDepth = node.depth === null ? null : node.depth + 1;
    for (const link of record.links) {
      if (!link.internal) {
        graph.addOutbound(link.url, record.finalUrl, link.text);
        continue;
      }
      // Links on sitemap-only pages are followed too; their targets are no more reachable (depth null).
      const own = this.#options.priority?.(link) ?? 0;
      const priority = own + Math.max(0, node.linkPriority) * INHERITED_PRIORITY_SHARE;
      frontier.discover(link.url, { from: record.finalUrl, depth: childDepth, text: link.text, via: 'link', priority, linkPriority: own });
    }
    return 'record';
  }

  #readHtml(visit: Visit, html: string): void {
    const { record } = visit;
    record.body = html;
    visit.scan = scanHtml(html);
    record.links = this.#links.read(visit.scan, record.finalUrl, this.scope);
    if (visit.scan.canonical) record.canonical = normalizeUrl(visit.scan.canonical, record.finalUrl);
  }
}
