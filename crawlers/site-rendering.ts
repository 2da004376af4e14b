// Rendering for one site crawl: the browser launched on first need (or the batch's shared one), the
// site's browser context, and the page's scripts and styles fetched under the crawler's rules.
import type { RawResponse } from './fetch.ts';
import { checkHostAddress, type ConnectPolicy } from './net.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import { Renderer, type SiteRenderer, type SubresourceAnswer } from './render.ts';
import { redirectTarget } from './responses.ts';

export interface SiteRenderingOptions {
  chromiumPath: string | null;
  resolve: string[];
  userAgent: string;
  /** Per render. */
  timeoutMs: number;
  /** Redirects followed for a subresource. */
  maxRedirects: number;
}

/** Subresources (scripts, styles) kept per site for the renderer. */
const SUBRESOURCE_CACHE_BYTES = 32 * 1024 * 1024;

export class SiteRendering {
  /** Pages rendered so far. */
  rendered = 0;
  /** Why no browser could be had, once that is known. */
  unavailable: string | null = null;
  readonly #options: SiteRenderingOptions;
  readonly #fetcher: PoliteFetcher;
  readonly #policy: ConnectPolicy;
  /** A batch's browser is the batch's to close. */
  readonly #ownsRenderer: boolean;
  #renderer: Renderer | null;
  #site: SiteRenderer | null = null;
  readonly #subresources = new Map<string, Promise<SubresourceAnswer>>();
  #subresourceBytes = 0;

  constructor(options: SiteRenderingOptions, fetcher: PoliteFetcher, policy: ConnectPolicy, shared?: Renderer) {
    this.#options = options;
    this.#fetcher = fetcher;
    this.#policy = policy;
    this.#renderer = shared ?? null;
    this.#ownsRenderer = !shared;
  }

  /**
   * The page's HTML after its scripts ran, from the response the crawler already has; null when no
   * browser can be had (see `unavailable`). Throws when the render itself fails.
   */
  async render(url: string, res: RawResponse): Promise<string | null> {
    const site = await this.#siteRenderer();
    if (!site) return null;
    const page = await site.render(url, { status: res.status, headers: res.headers, body: res.body });
    this.rendered++;
    return page.html;
  }

  async close(): Promise<void> {
    await this.#site?.close();
    if (this.#ownsRenderer) await this.#renderer?.close();
  }

  async #siteRenderer(): Promise<SiteRenderer | null> {
    if (this.unavailable) return null;
    const { chromiumPath, resolve, userAgent, timeoutMs } = this.#options;
    this.#renderer ??= new Renderer({ chromiumPath, resolve });
    const why = await this.#renderer.unavailable();
    if (why) {
      this.unavailable = `rendering unavailable, pages crawled without JavaScript: ${why}`;
      return null;
    }
    this.#site ??= this.#renderer.site({
      userAgent,
      timeoutMs,
      fetchSubresource: (url) => this.#fetchSubresource(url),
      allowRequest: async (url) => {
        if (!(await this.#fetcher.robotsVerdict(url)).allowed) return false;
        return checkHostAddress(url, this.#policy).then(() => true, () => false);
      },
    });
    return this.#site;
  }

  async #fetchSubresource(url: string): Promise<SubresourceAnswer> {
    const cached = this.#subresources.get(url);
    if (cached) return cached;
    const answer = (async (): Promise<SubresourceAnswer> => {
      let current = url;
      for (let hop = 0; hop <= this.#options.maxRedirects; hop++) {
        if (!(await this.#fetcher.robotsVerdict(current)).allowed) return null;
        const res = await this.#fetcher.requestOnce(current);
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
    this.#subresources.set(url, answer);
    const got = await answer;
    this.#subresourceBytes += got?.body.length ?? 0;
    if (this.#subresourceBytes > SUBRESOURCE_CACHE_BYTES) {
      this.#subresources.clear();
      this.#subresourceBytes = 0;
    }
    return got;
  }
}
