// Reads the sitemaps of every in-scope host the crawl reaches (robots.txt Sitemap: lines and
// /sitemap.xml, nested indexes), one file at a time in the background, and hands their page URLs on.
import type { RawResponse } from './fetch.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import { parseSitemap } from './sitemaps.ts';
import type { SkippedUrl } from './types.ts';
import { normalizeUrl } from './url.ts';

export interface SitemapReaderOptions {
  /** Page URLs taken from all sitemaps together. Default 1000. */
  maxUrls: number;
  /** Sitemap files read. Default 50. */
  maxFiles: number;
  /** Levels of sitemap indexes followed below the first file. Default 3. */
  maxNesting: number;
  /** Bytes of one file after decompression. Default 5 MB. */
  maxBytes: number;
}

export const DEFAULT_SITEMAP_READER_OPTIONS: Readonly<SitemapReaderOptions> = Object.freeze({
  maxUrls: 1000,
  maxFiles: 50,
  maxNesting: 3,
  maxBytes: 5 * 1024 * 1024,
});

export interface SitemapReaderHooks {
  /** The crawl's scope: sitemap files and page URLs outside it are ignored. */
  inScope(url: string): boolean;
  /** A page URL listed in a sitemap. */
  found(url: string): void;
  /** A file was read (new URLs may wait), or the reader went idle (the crawl may be done). */
  changed(): void;
  /** A sitemap file left unread, or read only in part, at a limit: what it may list was not taken. */
  skipped(skip: SkippedUrl): void;
}

const SITEMAP_ACCEPT = 'application/xml,text/xml,text/plain,*/*;q=0.5';

export class SitemapReader {
  /** Every page URL taken from sitemaps, in reading order. */
  readonly urls: string[] = [];
  readonly #options: SitemapReaderOptions;
  readonly #fetcher: PoliteFetcher;
  readonly #hooks: SitemapReaderHooks;
  readonly #signal: AbortSignal;
  readonly #files: { url: string; level: number }[] = [];
  readonly #filesSeen = new Set<string>();
  readonly #origins = new Set<string>();
  #filesRead = 0;
  #reading: Promise<void> | null = null;
  /** Sitemap work not finished yet (the crawl is not done while sitemaps may still add pages). */
  #work = 0;

  constructor(options: Partial<SitemapReaderOptions>, fetcher: PoliteFetcher, hooks: SitemapReaderHooks, signal: AbortSignal) {
    this.#options = { ...DEFAULT_SITEMAP_READER_OPTIONS, ...options };
    this.#fetcher = fetcher;
    this.#hooks = hooks;
    this.#signal = signal;
  }

  /** Sitemaps are being looked for or read: more page URLs may come. */
  get busy(): boolean {
    return this.#work > 0;
  }

  /**
   * The sitemaps of an in-scope host (www, a retail microsite, a blog), looked for once per origin:
   * its robots.txt Sitemap: lines and /sitemap.xml.
   */
  async lookAt(origin: string): Promise<void> {
    if (this.#origins.has(origin)) return;
    this.#origins.add(origin);
    this.#work++;
    try {
      const entry = await this.#fetcher.robots.entry(`${origin}/`);
      for (const s of entry.sitemaps) this.#addFile(s, `${origin}/`, 0);
      this.#addFile('/sitemap.xml', `${origin}/`, 0);
      this.#readInBackground();
    } finally {
      this.#work--;
    }
  }

  #addFile(raw: string, base: string, level: number): void {
    const url = normalizeUrl(raw, base);
    if (url && !this.#filesSeen.has(url) && this.#hooks.inScope(url)) {
      this.#filesSeen.add(url);
      this.#files.push({ url, level });
    }
  }

  #moreFiles(): boolean {
    return this.#files.length > 0 && this.#filesRead < this.#options.maxFiles && this.urls.length < this.#options.maxUrls && !this.#signal.aborted;
  }

  /** One reader at a time works through the sitemap files queued so far (and any added meanwhile). */
  #readInBackground(): void {
    if (this.#reading) return;
    if (!this.#moreFiles()) return this.#dropWaiting();
    this.#work++;
    this.#reading = this.#readFiles().finally(() => {
      this.#reading = null;
      this.#work--;
      this.#readInBackground();
      this.#hooks.changed();
    });
  }

  async #readFiles(): Promise<void> {
    while (this.#moreFiles()) {
      const { url, level } = this.#files.shift()!;
      this.#filesRead++;
      if (!(await this.#fetcher.robotsVerdict(url)).allowed) continue;
      let res: RawResponse;
      try {
        res = await this.#fetcher.request(url, (status) => status < 300, SITEMAP_ACCEPT);
      } catch {
        continue;
      }
      if (res.status >= 300) continue;
      const parsed = parseSitemap(res.body, this.#options.maxBytes);
      if (level < this.#options.maxNesting) for (const s of parsed.sitemaps) this.#addFile(s, url, level + 1);
      let taken = 0;
      for (const raw of parsed.pages) {
        if (this.urls.length >= this.#options.maxUrls) break;
        taken++;
        const page = normalizeUrl(raw, url);
        if (!page || !this.#hooks.inScope(page)) continue;
        this.urls.push(page);
        this.#hooks.found(page);
      }
      if (taken < parsed.pages.length) this.#leftUnread(url, `${parsed.pages.length - taken} of its ${parsed.pages.length} page URLs not taken: ${this.#limits()}`);
      this.#hooks.changed();
    }
    this.#dropWaiting();
  }

  /** Files waiting when a limit is reached will not be read (the limits only grow tighter): listed as such. */
  #dropWaiting(): void {
    if (this.#signal.aborted) return;
    for (const file of this.#files.splice(0)) this.#leftUnread(file.url, `not read: ${this.#limits()}`);
  }

  #limits(): string {
    const { maxUrls, maxFiles } = this.#options;
    return this.urls.length >= maxUrls ? `the limit of ${maxUrls} sitemap URLs was reached` : `the limit of ${maxFiles} sitemap files was reached`;
  }

  #leftUnread(url: string, detail: string): void {
    this.#hooks.skipped({ url, reason: 'sitemap-limit', detail, from: null });
  }
}
