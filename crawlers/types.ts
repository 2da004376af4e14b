// The crawler's vocabulary. The crawler knows nothing of the checklist: it turns a start URL into
// page records; what is done with them is the caller's business.

/** Where on the page a link sits; nav and footer links are how visitors actually move around. */
export type LinkRegion = 'nav' | 'header' | 'footer' | 'aside' | 'main';

export interface LinkRecord {
  /** Absolute, normalized (see crawlers/url.ts `normalizeUrl`). */
  url: string;
  /** Visible anchor text (or img alt / aria-label / title), whitespace-collapsed. */
  text: string;
  region: LinkRegion;
  /** Inside the crawl scope (same registrable domain as the homepage). */
  internal: boolean;
}

export type FoundVia = 'start' | 'link' | 'redirect' | 'sitemap';

/** Why a URL was seen but not fetched, or fetched but not followed. */
export type SkipReason =
  | 'robots'          // disallowed by robots.txt (its rules, or everything when it answered 5xx)
  | 'unreachable'     // its host's robots.txt could not be fetched at all (DNS, connection, timeout): nothing there is requested
  | 'out-of-scope'    // another registrable domain (recorded as outbound, never followed)
  | 'max-depth'
  | 'max-pages'
  | 'time-budget'
  | 'query-variants'  // too many query-string variants of one path (calendar / pagination traps)
  | 'url-too-long'
  | 'private-address' // resolves to loopback / private / link-local and --allow-private is off
  | 'scheme'          // mailto:, tel:, javascript:, data: …
  | 'frontier-full'   // the crawl already remembers as many URLs as it may (memory bound)
  | 'too-many-links'  // a page with more links than are read from one page (memory bound)
  | 'file-link'       // a link to an image, archive, audio or video file or font, known by its extension: not requested
  | 'file-response'   // an answer whose Content-Type is one of those: abandoned after its headers, body not read
  | 'sitemap-limit'   // a sitemap file not read, or read in part, at the sitemap limits (the URLs it lists are not known)
  | 'feed-limit'      // a feed a page links not read, or read in part, at the feed limits (crawlers/feeds.ts)
  | 'copies';         // under a folder (or among a path's query variants) whose first pages read were copies of pages read elsewhere

export interface SkippedUrl {
  url: string;
  reason: SkipReason;
  /** Human-readable detail, e.g. the robots.txt rule or the limit's value. */
  detail: string;
  /** The page on which the URL was found (null for the start URL or sitemap entries). */
  from: string | null;
  /**
   * The text of the link to it (its shallowest link's, for a page never fetched), when it was found by
   * a link with text: with the path, what says what an unread page may hold.
   */
  text?: string;
}

/**
 * One fetched (or attempted) URL. This is the record that flows from stage to stage:
 * the crawler fills it, analyzers read `body`/`bytes`, the audit drops the body once analysed.
 */
export interface PageRecord {
  /** The URL as requested, normalized; the page's identity. */
  url: string;
  /** After redirects, normalized. */
  finalUrl: string;
  /** Each hop of the redirect chain, first = url, last = finalUrl (empty when no redirect). */
  redirectChain: string[];
  httpStatus: number | null;
  /** MIME type without parameters, lower-case, e.g. "text/html", "application/pdf". */
  contentType: string | null;
  /** Charset used to decode the body (e.g. "utf-8", "big5"), null for binaries. */
  charset: string | null;
  /** Selected response headers, lower-case names (content-language, last-modified, x-robots-tag …). */
  headers: Record<string, string>;
  foundVia: FoundVia;
  /** Links from the homepage at discovery time; final shortest depth/path come from CrawlResult.paths. */
  depth: number | null;
  /** Anchor text of the first link that led here (null for start / sitemap). */
  anchorText: string | null;
  /** Every page that links here (normalized URLs), in discovery order. */
  referrers: string[];
  /** Decoded HTML (rendered DOM when rendered). Null for non-HTML or after analysis dropped it. */
  body: string | null;
  /** Raw bytes for documents (PDF), up to the byte cap. Null otherwise or after analysis. */
  bytes: Uint8Array | null;
  /** The body was cut at maxBytes. */
  truncated: boolean;
  /** Byte length received (after decompression). */
  byteLength: number;
  rendered: boolean;
  /** Why the page was (or would have been) rendered, e.g. "empty #root app shell"; null if not considered. */
  renderReason: string | null;
  links: LinkRecord[];
  /** <link rel=canonical>, normalized, kept as information only. */
  canonical: string | null;
  /**
   * Set when this is the same page as one fetched before under its directory's other address
   * (/index.html, /index.php, /default.aspx … and the directory URL /): same bytes or same canonical.
   * Holds that page's finalUrl. A duplicate's body/bytes are null and its links empty (they are the
   * other page's, whose links were followed); links to it count as links to that page.
   */
  duplicateOf?: string;
  /** Error in words a user understands ("timed out after 15 s", "HTTP 500"), null when fine. */
  error: string | null;
  /** Set when the site refused us: bot protection / challenge pages are "blocked", not "missing". */
  blocked: 'bot-protection' | null;
  /** ISO timestamp of the fetch. */
  fetchedAt: string;
  /** Milliseconds the fetch (and render) took. */
  durationMs: number;
}

export type StoppedBy = 'done' | 'max-pages' | 'time-budget' | 'aborted';

export interface CrawlResult {
  /** Start URL after redirects, normalized: the homepage. */
  homepage: string;
  /** Registrable domain defining the scope, e.g. "partner.com.tw". */
  scopeDomain: string;
  /** Every attempted page, bodies already dropped by the consumer where it chose to. */
  pages: PageRecord[];
  /**
   * Shortest click path from the homepage for every URL reachable by links, computed by BFS over
   * all links seen (so concurrency cannot make a path longer than it is). Homepage first, URL last.
   * URLs absent here are not reachable by navigation (e.g. sitemap-only).
   */
  paths: Record<string, string[]>;
  skipped: SkippedUrl[];
  /** Links to other registrable domains, with the page they were on. */
  outbound: { url: string; from: string; text: string }[];
  sitemapUrls: string[];
  /**
   * What was seen but not listed, to keep memory bounded on hostile sites: skips past the listing
   * limit per reason (counted per occurrence), and outbound links past theirs.
   */
  unlisted: { skipped: Partial<Record<SkipReason, number>>; outbound: number };
  robots: { host: string; status: 'ok' | 'missing' | 'unreachable' | 'error'; crawlDelayS: number | null }[];
  /** True when rendering was wanted but no browser could be launched. */
  renderUnavailable: string | null;
  stoppedBy: StoppedBy;
  startedAt: string;
  durationMs: number;
}

export type RenderMode = 'auto' | 'always' | 'never';

/** Options of one site crawl. Defaults live in crawlers/options.ts (DEFAULT_CRAWL_OPTIONS). */
export interface CrawlOptions {
  /** Default 300. */
  maxPages: number;
  /** Clicks from the homepage. Default 5. */
  maxDepth: number;
  /** Per response; the rest is not read and the page is marked truncated. Default 5 MB. */
  maxBytes: number;
  /** Per request (and per render). Default 15 000 ms. */
  timeoutMs: number;
  /** Wall-clock budget for the whole site. Default 300 000 ms. */
  timeBudgetMs: number;
  /** Query-string variants fetched per path before the rest are skipped. Default 10. */
  maxQueryVariants: number;
  /** Default 10. */
  maxRedirects: number;
  /** Requests in flight per host. Default 2. */
  perHostConcurrency: number;
  /** Requests in flight overall. Default 8. */
  concurrency: number;
  /** Minimum delay between requests to one host, raised by robots.txt Crawl-delay. Default 250 ms. */
  delayMs: number;
  /** Retries for network errors, 429 and 5xx, with exponential backoff and jitter. Default 2. */
  retries: number;
  userAgent: string;
  render: RenderMode;
  /** Chromium executable; falls back to $PARTNER_PRESENCE_CHROMIUM, /usr/bin/chromium, Playwright's own. */
  chromiumPath: string | null;
  /** curl-style "host:port:address" mappings, used by both HTTP and the browser. */
  resolve: string[];
  /** Allow loopback / private / link-local targets (tests, intranets). Default false. */
  allowPrivate: boolean;
  /**
   * Private addresses allowed one by one (an intranet staging server) while the guard keeps refusing
   * every other private address. Default none.
   */
  allowAddresses: string[];
  /** Read robots.txt Sitemap: lines and /sitemap.xml. Default true. */
  sitemaps: boolean;
  /** Cap on sitemap URLs taken. Default 1000. */
  maxSitemapUrls: number;
  /**
   * Optional ordering hint within one depth level: higher first. Lets the caller spend a limited
   * page budget on the links that matter to it without the crawler knowing why.
   */
  priority?: (link: LinkRecord) => number;
  /** Abort the crawl (Ctrl-C, batch shutdown). */
  signal?: AbortSignal;
}

export interface CrawlEvents {
  /** A page record is complete; consume it (analyse, then drop body/bytes to keep memory flat). */
  page?: (page: PageRecord) => void | Promise<void>;
  skipped?: (skip: SkippedUrl) => void;
  /** Progress for terminals: pages done, queued. */
  progress?: (p: { fetched: number; queued: number; rendered: number }) => void;
}
