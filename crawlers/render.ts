// Rendering with Playwright + Chromium. One browser per run (a batch shares one Renderer), a fresh
// context per site, the browser recycled after many pages. The page's own document is the one the
// crawler already fetched (no second request); every other request the page makes goes through the
// crawler's fetcher, so --resolve, the private-address guard and robots.txt hold inside the browser too.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Route } from 'playwright';
import { hostResolverRules } from './net.ts';

const CHROMIUM_ARGS = [
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  // Documents are served from the crawler's own fetch, which Chromium sees as a public origin; its
  // private-network checks would then refuse the page's own requests. The crawler's guard decides instead.
  '--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks',
];

export interface RendererOptions {
  /** Explicit executable; else $PARTNER_PRESENCE_CHROMIUM; else /usr/bin/chromium, then Playwright's own. */
  chromiumPath?: string | null;
  /** curl-style host:port:address mappings, given to Chromium as --host-resolver-rules. */
  resolve?: string[];
  /** Relaunch the browser after this many pages (Chromium's memory grows with use). Default 100. */
  recycleAfter?: number;
  /** Pages rendered at once. Default 3. */
  maxOpenPages?: number;
}

/** A response for the browser, or null to refuse the request. */
export type SubresourceAnswer = { status: number; headers: Record<string, string>; body: Buffer } | null;

export interface SiteRenderHooks {
  userAgent: string;
  timeoutMs: number;
  /** GET requests the page makes (scripts, styles, XHR): fetched by the crawler's rules. */
  fetchSubresource: (url: string) => Promise<SubresourceAnswer>;
  /** Other methods go to the network as the browser sends them, if this allows the URL. */
  allowRequest: (url: string) => Promise<boolean>;
}

export interface RenderedPage {
  html: string;
}

const BLOCKED_TYPES = new Set(['image', 'media', 'font']);
/** The network counts as settled after this long without a request in flight. */
const QUIET_MS = 150;

export class Renderer {
  readonly #opts: Required<Omit<RendererOptions, 'chromiumPath'>> & { chromiumPath: string | null };
  #browser: Promise<Browser> | null = null;
  #generation = 0;
  #pagesThisBrowser = 0;
  #open = 0;
  #waiting: (() => void)[] = [];
  #unavailable: string | null = null;

  constructor(opts: RendererOptions = {}) {
    this.#opts = {
      chromiumPath: opts.chromiumPath ?? null,
      resolve: opts.resolve ?? [],
      recycleAfter: opts.recycleAfter ?? 100,
      maxOpenPages: opts.maxOpenPages ?? 3,
    };
  }

  /**
   * Executables to try (undefined = Playwright's bundled browser). A Chromium named by the option or
   * $PARTNER_PRESENCE_CHROMIUM is the only one tried: a silent fallback would hide the mistake.
   */
  #candidates(): (string | undefined)[] {
    const named = this.#opts.chromiumPath ?? process.env.PARTNER_PRESENCE_CHROMIUM;
    if (named) return [named];
    return existsSync('/usr/bin/chromium') ? ['/usr/bin/chromium', undefined] : [undefined];
  }

  async #launch(): Promise<Browser> {
    const rules = hostResolverRules(this.#opts.resolve);
    const args = rules ? [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`] : CHROMIUM_ARGS;
    const failures: string[] = [];
    // Loaded on first use: Playwright costs ~90 MB of memory that a static-only crawl never needs.
    const { chromium } = await import('playwright');
    for (const executablePath of this.#candidates()) {
      try {
        return await chromium.launch({ executablePath, args, headless: true });
      } catch (err) {
        failures.push(`${executablePath ?? "Playwright's Chromium"}: ${firstLine(err)}`);
      }
    }
    throw new Error(`no Chromium could be launched (${failures.join('; ')})`);
  }

  /** Null when a browser runs (launching it if needed), else why rendering is unavailable. */
  async unavailable(): Promise<string | null> {
    if (this.#unavailable) return this.#unavailable;
    try {
      await this.#getBrowser();
      return null;
    } catch (err) {
      this.#unavailable = (err as Error).message;
      return this.#unavailable;
    }
  }

  #getBrowser(): Promise<Browser> {
    if (!this.#browser) {
      this.#browser = this.#launch();
      this.#generation++;
      this.#pagesThisBrowser = 0;
      this.#browser.catch(() => (this.#browser = null));
    }
    return this.#browser;
  }

  /** Waits for a page slot; recycles the browser between pages once it has rendered enough. */
  async #acquire(): Promise<void> {
    while (this.#open >= this.#opts.maxOpenPages || (this.#pagesThisBrowser >= this.#opts.recycleAfter && this.#open > 0)) {
      await new Promise<void>((r) => this.#waiting.push(r));
    }
    if (this.#pagesThisBrowser >= this.#opts.recycleAfter && this.#browser) {
      const old = this.#browser;
      this.#browser = null;
      await (await old).close().catch(() => undefined);
    }
    this.#open++;
    this.#pagesThisBrowser++;
  }

  #release(): void {
    this.#open--;
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /** A rendering session for one site: its own browser context (cookies, storage, cache). */
  site(hooks: SiteRenderHooks): SiteRenderer {
    let context: { ctx: Promise<BrowserContext>; generation: number } | null = null;
    // Open tabs waiting for the next page of this site: opening a tab costs more than rendering in it.
    let idle: PageTab[] = [];
    const contextNow = async (): Promise<BrowserContext> => {
      const browser = await this.#getBrowser();
      if (!context || context.generation !== this.#generation) {
        idle = [];
        context = {
          generation: this.#generation,
          ctx: browser.newContext({ userAgent: hooks.userAgent, serviceWorkers: 'block', acceptDownloads: false }),
        };
      }
      return context.ctx;
    };
    return {
      render: async (url, document) => {
        await this.#acquire();
        let tab: PageTab | undefined;
        try {
          const ctx = await contextNow();
          const generation = this.#generation;
          tab = idle.pop() ?? (await openTab(ctx, hooks));
          const rendered = await tab.render(url, document);
          if (generation === this.#generation && idle.length < this.#opts.maxOpenPages) idle.push(tab);
          else await tab.page.close().catch(() => undefined);
          return rendered;
        } catch (err) {
          // A tab that failed is not reused.
          await tab?.page.close().catch(() => undefined);
          throw new Error(`rendering failed: ${firstLine(err)}`);
        } finally {
          this.#release();
        }
      },
      close: async () => {
        const c = context;
        context = null;
        idle = [];
        if (c) await (await c.ctx.catch(() => null))?.close().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    const b = this.#browser;
    this.#browser = null;
    if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
  }
}

export interface SiteRenderer {
  /** Renders `url` from the document the crawler fetched; throws with a plain message on failure. */
  render(url: string, document: { status: number; headers: Record<string, string>; body: Buffer }): Promise<RenderedPage>;
  close(): Promise<void>;
}

interface PageTab {
  page: Page;
  render(url: string, document: { status: number; headers: Record<string, string>; body: Buffer }): Promise<RenderedPage>;
}

/** One browser tab whose requests all go through the crawler's hooks; reused for page after page. */
async function openTab(context: BrowserContext, hooks: SiteRenderHooks): Promise<PageTab> {
  const page = await context.newPage();
  interface Job {
    url: string;
    document: { status: number; headers: Record<string, string>; body: Buffer };
    documentServed: boolean;
    inflight: number;
    lastActivity: number;
  }
  let job: Job | null = null;
  await page.route('**/*', async (route: Route) => {
    // A request belongs to the page render that was running when it started.
    const current = job;
    const req = route.request();
    const target = req.url();
    if (!current) return route.abort('blockedbyclient').catch(() => undefined);
    if (!current.documentServed && req.isNavigationRequest() && target === current.url) {
      current.documentServed = true;
      const headers = { ...current.document.headers };
      delete headers['content-encoding'];
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      return route.fulfill({ status: current.document.status, headers, body: current.document.body }).catch(() => undefined);
    }
    if (BLOCKED_TYPES.has(req.resourceType()) || !/^https?:/i.test(target)) return route.abort('blockedbyclient').catch(() => undefined);
    current.inflight++;
    try {
      if (req.method() !== 'GET') {
        if (await hooks.allowRequest(target)) return await route.continue();
        return await route.abort('blockedbyclient');
      }
      const answer = await hooks.fetchSubresource(target);
      if (!answer) return await route.abort('blockedbyclient');
      await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
    } catch {
      // The tab moved on or closed while this request was pending.
    } finally {
      current.inflight--;
      current.lastActivity = Date.now();
    }
  });
  return {
    page,
    async render(url, document) {
      const current: Job = { url, document, documentServed: false, inflight: 0, lastActivity: Date.now() };
      job = current;
      try {
        await page.goto(url, { waitUntil: 'load', timeout: hooks.timeoutMs });
        const deadline = Date.now() + hooks.timeoutMs;
        // Scripts build the page after load, often from fetched data: wait until the network is quiet.
        while (Date.now() < deadline && (current.inflight > 0 || Date.now() - current.lastActivity < QUIET_MS)) {
          await new Promise((r) => setTimeout(r, 25));
        }
        return { html: await page.content() };
      } finally {
        job = null;
      }
    },
  };
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
