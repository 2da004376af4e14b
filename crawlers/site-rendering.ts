// Rendering for one site crawl: the browser launched on first need (or the batch's shared one), the
// site's browser context, and the page's requests under the crawler's rules: its GETs fetched by the
// polite fetcher, everything else through the site's egress proxy (render.ts) with the crawl's
// address guard and the same per-host politeness slots.
import type { RawResponse } from './fetch.ts';
import { checkHostAddress, type ConnectPolicy } from './net.ts';
import type { PoliteFetcher } from './polite-fetcher.ts';
import { Renderer, type SiteRenderer, type SubresourceAnswer } from './render.ts';
import { redirectTarget } from './responses.ts';
import type { RenderMode } from './types.ts';

export interface SiteRenderingOptions {
  /** 'always': the browser is launched as the crawl starts. */
  render: RenderMode;
  chromiumPath: string | null;
  userAgent: string;
  /** Per render. */
  timeoutMs: number;
  /** Redirects followed for a subresource. */
  maxRedirects: number;
}

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

  constructor(options: SiteRenderingOptions, fetcher: PoliteFetcher, policy: ConnectPolicy, shared?: Renderer) {
    this.#options = options;
    this.#fetcher = fetcher;
    this.#policy = policy;
    this.#renderer = shared ?? null;
    this.#ownsRenderer = !shared;
    // Every page will wait for the browser: it starts while robots.txt and the homepage are fetched
    // (its launch and the homepage's answer took ~1 s each, one after the other). Never rejects: why a
    // browser could not be had is kept in `unavailable`.
    if (options.render === 'always') void this.#siteRenderer();
  }

  /**
   * The page's HTML after its scripts ran, from the response the crawler already has; null when no
   * browser can be had (see `unavailable`). Throws when the render itself fails, overruns the render
   * budget, or is stopped by `signal` (the crawl's end).
   */
  async render(url: string, res: RawResponse, signal: AbortSignal): Promise<string | null> {
    const site = await this.#siteRenderer();
    if (!site) return null;
    const page = await site.render(url, { status: res.status, headers: res.headers, body: res.body }, signal);
    this.rendered++;
    return page.html;
  }

  async close(): Promise<void> {
    await this.#site?.close();
    if (this.#ownsRenderer) await this.#renderer?.close();
  }

  async #siteRenderer(): Promise<SiteRenderer | null> {
    if (this.unavailable) return null;
    const { chromiumPath, userAgent, timeoutMs } = this.#options;
    this.#renderer ??= new Renderer({ chromiumPath });
    const why = await this.#renderer.unavailable();
    if (why) {
      this.unavailable = `rendering unavailable, pages crawled without JavaScript: ${why}`;
      return null;
    }
    this.#site ??= this.#renderer.site({
      userAgent,
      timeoutMs,
      policy: this.#policy,
      acquireHost: (host, stop) => this.#fetcher.slot(host, stop),
      fetchSubresource: (url, stop) => this.#fetchSubresource(url, stop),
      allowRequest: async (url) => {
        if (!(await this.#fetcher.robotsVerdict(url)).allowed) return false;
        return checkHostAddress(url, this.#policy).then(() => true, () => false);
      },
    });
    return this.#site;
  }

  /** A GET the page makes: robots.txt, the address guard, the host's politeness slot, redirects followed. */
  async #fetchSubresource(url: string, stop: AbortSignal): Promise<SubresourceAnswer> {
    let current = url;
    for (let hop = 0; hop <= this.#options.maxRedirects; hop++) {
      if (!(await this.#fetcher.robotsVerdict(current)).allowed) return null;
      let res: RawResponse;
      try {
        res = await this.#fetcher.requestOnce(current, stop);
      } catch (err) {
        // The render ended while the request waited: not an answer (render.ts may ask again).
        if (stop.aborted) throw err;
        return null;
      }
      const next = redirectTarget(res, current);
      if (!next) {
        const headers: Record<string, string> = {};
        if (res.headers['content-type']) headers['content-type'] = res.headers['content-type'];
        return { status: res.status, headers, body: res.body };
      }
      current = next;
    }
    return null;
  }
}
