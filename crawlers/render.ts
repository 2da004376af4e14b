// Rendering with Playwright + Chromium. One browser per run (a batch shares one Renderer), a fresh
// context per site, the browser recycled after many pages. The page's own document is the one the
// crawler already fetched (no second request); the GET requests the page makes are answered by the
// crawler's fetcher (robots.txt, politeness, a per-site cache).
//
// Everything else Chromium sends (POSTs, WebSockets, workers, popups, prefetches, redirects it follows
// itself) can only leave through an EgressProxy in this process: each site's context has its own,
// applying the crawl's address guard and politeness at connect time, and the browser as a whole is
// launched with one that refuses everything, so a connection made outside any site context goes
// nowhere. Chromium resolves no host name itself (the proxies do), and WebRTC may not send UDP that
// bypasses the proxy. See SECURITY.md for what this guarantees.
//
// A page cannot hold the crawl: a render has a deadline (--timeout, or the crawl's stop), and a tab
// that overruns it, or fails, is closed (which ends its renderer process, even one stuck in a loop);
// a renderer's JavaScript heap is capped, so a page that allocates without bound crashes its own tab,
// and a renderer whose whole memory (ArrayBuffers, DOM, canvases: outside that heap) passes its cap is
// killed.
import { setMaxListeners } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, CDPSession, Page, Request, Route } from 'playwright';
import { EgressProxy, type EgressRefusal } from './egress-proxy.ts';
import { formatSeconds } from './fetch.ts';
import type { ConnectPolicy } from './net.ts';

/** V8 heap limit of each renderer process: far above what real sites use, far below the machine. */
const RENDERER_HEAP_MB = 512;
/**
 * Resident memory a renderer process may reach, everything included (the heap above, ArrayBuffers,
 * the DOM, canvases, Chromium's own share). The heap flag does not bound the rest: a page held 1.5 GB
 * of ArrayBuffers under it. Checked every RENDERER_MEMORY_CHECK_MS while pages render (Linux /proc).
 */
const RENDERER_MEMORY_MB = 1024;
const RENDERER_MEMORY_CHECK_MS = 200;

const CHROMIUM_ARGS = [
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  // Names are resolved by the egress proxies, never by Chromium: a connection that somehow skipped the
  // proxy could not look up a name (the proxy itself is addressed by IP).
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  // WebRTC sends UDP (STUN) outside the HTTP stack, proxy or not: only what can go through the proxy
  // may (TURN over TCP). (Chromium 156 reads this switch; the older --force-webrtc-… one it ignores.)
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  // A shared worker outlives the page that started it and is not the page's to intercept.
  '--disable-shared-workers',
  // Each renderer composites on its main thread instead of handing every frame to a compositor thread:
  // nobody watches these pages, and the hand-off was a third of a renderer's CPU per page (42 -> 28 ms,
  // measured rendering generated pages straight through the renderer).
  '--disable-threaded-compositing',
  // Images are never requested: the audit reads no pixel. Refusing each request at the route (below)
  // cost a round trip through the DevTools protocol per image: pages with 30 images each took ~210 ms
  // of CPU per page over Node and the browser instead of ~120 (measured).
  '--blink-settings=imagesEnabled=false',
  // Web fonts are never requested either: the audit reads text, not glyphs, and each font refused at
  // the route was one more round trip through the DevTools protocol (a site's stylesheets often name
  // several).
  '--disable-remote-fonts',
  `--js-flags=--max-old-space-size=${RENDERER_HEAP_MB}`,
  // One --disable-features (Chromium keeps only the last one given). Prerendering runs a hidden page
  // nobody asked for. The page reaches its own site through the proxy, which Chromium sees as a
  // loopback address: its private-network checks would refuse those requests; the proxy's guard
  // decides instead. Headless Chromium keeps a renderer process for the omnibox popups of a window
  // nobody sees (two WebUI pages, ~90 MB per browser context) and a spare renderer for the next tab
  // (~20-70 MB): neither renders anything of ours. The rest are from Playwright's own list, which this
  // switch replaces.
  '--disable-features=' + [
    'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess',
    'Prerender2', 'BlockInsecurePrivateNetworkRequests', 'PrivateNetworkAccessSendPreflights', 'PrivateNetworkAccessRespectPreflightResults',
    'LocalNetworkAccessChecks', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'AvoidCorsURLLoaderRestartOnRedirect',
    'OptimizationHints', 'NetworkTimeServiceQuerying', 'PreconnectToSearch', 'MediaRouter', 'PaintHolding', 'AutofillServerCommunication',
  ].join(','),
];

/**
 * Playwright's defaults we refuse: with popup blocking on, window.open() without a click opens
 * nothing (popups that still open are closed at once, see openTab).
 */
const IGNORED_DEFAULT_ARGS = ['--disable-popup-blocking'];

/** Every proxy list Chromium gets: nothing bypasses it, loopback included (Chromium's default bypasses loopback). */
const NO_BYPASS = '<-loopback>';

export interface RendererOptions {
  /** Explicit executable; else $PARTNER_PRESENCE_CHROMIUM; else /usr/bin/chromium, then Playwright's own. */
  chromiumPath?: string | null;
  /**
   * Relaunch the browser after this many pages (Chromium's memory grows with use). Default 500: the
   * tabs are replaced more often (tabRenders), and a relaunch stops every render until the new browser
   * is up.
   */
  recycleAfter?: number;
  /** Pages rendered at once. Default 5. */
  maxOpenPages?: number;
  /**
   * Pages a tab renders before it is closed and a new one opened. Default 25: a tab's renderer process
   * grows with the pages it has shown (~50 MB after one page, ~110 after 20, ~140 after 30), and a
   * fresh tab costs far less than that memory, which pays for more tabs at once.
   */
  tabRenders?: number;
  /** Told about each connection the browser was refused (any site). */
  onEgressRefused?: (refusal: EgressRefusal) => void;
}

/** A response for the browser, or null to refuse the request. */
export type SubresourceAnswer = { status: number; headers: Record<string, string>; body: Buffer } | null;

export interface SiteRenderHooks {
  userAgent: string;
  /** Budget of one render, from navigation to the rendered DOM. */
  timeoutMs: number;
  /** Where the browser may connect for this site: the crawl's own guard. */
  policy: ConnectPolicy;
  /** Waits for a politeness slot on a host (the crawl's HostThrottle); resolves with its release. */
  acquireHost: (host: string, signal: AbortSignal) => Promise<() => void>;
  /**
   * GET requests the page makes (scripts, styles, XHR), fetched by the crawler's rules; rejects when
   * `signal` (the end of the render) aborts it.
   */
  fetchSubresource: (url: string, signal: AbortSignal) => Promise<SubresourceAnswer>;
  /** Other methods go out through the site's egress proxy as the browser sends them, if this allows the URL. */
  allowRequest: (url: string) => Promise<boolean>;
}

export interface RenderedPage {
  html: string;
}

type FetchedDocument = { status: number; headers: Record<string, string>; body: Buffer };

/**
 * What the audit never reads: not fetched, from the site or anywhere else (images and web fonts are not
 * even requested, see --blink-settings and --disable-remote-fonts; those a script fetches itself have
 * other types).
 */
const BLOCKED_TYPES = new Set(['image', 'media', 'font', 'texttrack', 'manifest']);

/**
 * When a render's page is taken as built (see networkSettled): nothing in flight, and no request started
 * or ended for QUIET_AFTER_LOAD_MS since the load event, or for QUIET_MS once the page has made a
 * request after its load event (an app fetching its data may start the next request after parsing the
 * last answer).
 */
const QUIET_AFTER_LOAD_MS = 50;
const QUIET_MS = 150;
/** Reading the DOM of a loaded page takes milliseconds; a page that does not answer in this is stuck. */
const READ_GRACE_MS = 2_000;
/**
 * A close Chromium has not carried out after this long is sent again: it acknowledges a close that
 * races a navigation commit and then drops it (crbug.com/536385539), and the tab stays open for minutes.
 */
const CLOSE_RETRY_MS = 1_000;
/** A tab still open after this long condemns its browser (replaced once no render is in flight). */
const CLOSE_GRACE_MS = 5_000;
/** Subresources (scripts, styles) kept per site: a site's pages share most of them. */
const SUBRESOURCE_CACHE_BYTES = 32 * 1024 * 1024;

export class Renderer {
  readonly #chromiumPath: string | null;
  readonly #recycleAfter: number;
  readonly #maxOpenPages: number;
  readonly #tabRenders: number;
  readonly #onEgressRefused: ((refusal: EgressRefusal) => void) | undefined;
  #browser: Promise<Browser> | null = null;
  /** Each browser's own DevTools session (Target and SystemInfo commands). */
  readonly #sessions = new WeakMap<Browser, CDPSession>();
  #generation = 0;
  /** The generation of a browser condemned by a tab it would not close. */
  #condemned: number | null = null;
  #pagesThisBrowser = 0;
  #open = 0;
  #waiting: (() => void)[] = [];
  #unavailable: string | null = null;

  constructor(opts: RendererOptions = {}) {
    this.#chromiumPath = opts.chromiumPath ?? null;
    this.#recycleAfter = opts.recycleAfter ?? 500;
    this.#tabRenders = opts.tabRenders ?? 25;
    this.#maxOpenPages = opts.maxOpenPages ?? 5;
    this.#onEgressRefused = opts.onEgressRefused;
  }

  /**
   * Executables to try (undefined = Playwright's bundled browser). A Chromium named by the option or
   * $PARTNER_PRESENCE_CHROMIUM is the only one tried: a silent fallback would hide the mistake.
   */
  #candidates(): (string | undefined)[] {
    const named = this.#chromiumPath ?? process.env.PARTNER_PRESENCE_CHROMIUM;
    if (named) return [named];
    return existsSync('/usr/bin/chromium') ? ['/usr/bin/chromium', undefined] : [undefined];
  }

  async #launch(): Promise<Browser> {
    // The browser-wide proxy: refuses every connection not made from a site's context.
    const backstop = await EgressProxy.start({ policy: null, connectTimeoutMs: 1000, onRefused: this.#onEgressRefused });
    const failures: string[] = [];
    // Loaded on first use: Playwright costs ~90 MB of memory that a static-only crawl never needs.
    // Required, not imported: import() of this CommonJS package first scans its whole source for the
    // names it exports (Node's CommonJS lexer), and the first render waited for it (~0.6-0.9 s against
    // ~0.3-0.4 s, measured on a busy 2-core machine).
    const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright');
    for (const executablePath of this.#candidates()) {
      try {
        const browser = await chromium.launch({
          executablePath,
          args: CHROMIUM_ARGS,
          ignoreDefaultArgs: IGNORED_DEFAULT_ARGS,
          proxy: { server: backstop.server, bypass: NO_BYPASS },
          headless: true,
        });
        browser.once('disconnected', () => void backstop.close());
        const session = await browser.newBrowserCDPSession();
        this.#sessions.set(browser, session);
        this.#watchMemory(browser, session);
        return browser;
      } catch (err) {
        failures.push(`${executablePath ?? "Playwright's Chromium"}: ${firstLine(err)}`);
      }
    }
    await backstop.close();
    throw new Error(`no Chromium could be launched (${failures.join('; ')})`);
  }

  /**
   * Kills any renderer process past RENDERER_MEMORY_MB while the browser has a tab open (rendering, or
   * holding the page it rendered until the next): its tab crashes, and the render records it, or the
   * tab is not reused. (Site isolation gives each site's pages their own renderer.)
   */
  #watchMemory(browser: Browser, cdp: CDPSession): void {
    if (!existsSync('/proc/self/status')) return;
    let checking = false;
    const timer = setInterval(() => {
      if (checking || !browser.contexts().some((ctx) => ctx.pages().length > 0)) return;
      checking = true;
      void killRenderersOver(cdp, RENDERER_MEMORY_MB * 1024 * 1024).finally(() => (checking = false));
    }, RENDERER_MEMORY_CHECK_MS);
    timer.unref();
    browser.once('disconnected', () => clearInterval(timer));
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
      const launched = this.#launch();
      this.#browser = launched;
      this.#generation++;
      this.#pagesThisBrowser = 0;
      const forget = () => {
        if (this.#browser === launched) this.#browser = null;
      };
      // A browser that failed to start, or died (killed, crashed), is replaced at the next page.
      launched.then((browser) => browser.once('disconnected', forget), forget);
    }
    return this.#browser;
  }

  /** Closes the current browser; the next page launches a new one. */
  async #retire(): Promise<void> {
    const old = this.#browser;
    this.#browser = null;
    this.#condemned = null;
    if (old) await (await old.catch(() => null))?.close().catch(() => undefined);
  }

  /** The current browser is to be replaced between pages: it has rendered enough, or is condemned. */
  #replaceDue(): boolean {
    return this.#pagesThisBrowser >= this.#recycleAfter || this.#condemned === this.#generation;
  }

  /**
   * Waits for a page slot. A browser due for replacement is replaced between pages, once the renders
   * in flight in it have ended (replacing it under them would fail them, whatever site they render).
   */
  async #acquire(): Promise<void> {
    while (this.#open >= this.#maxOpenPages || (this.#replaceDue() && this.#open > 0)) {
      await new Promise<void>((r) => this.#waiting.push(r));
    }
    if (this.#replaceDue() && this.#browser) await this.#retire();
    this.#open++;
    this.#pagesThisBrowser++;
  }

  #release(): void {
    this.#open--;
    // A condemned browser goes as soon as its last render ends, not only when another page asks for one.
    if (this.#open === 0 && this.#condemned === this.#generation) void this.#retire();
    for (const wake of this.#waiting.splice(0)) wake();
  }

  /**
   * Closes a tab (one that failed, overran, or is not kept): closing it ends its renderer process even
   * when a script keeps the page busy. A close Chromium drops is sent again; a tab that still has not
   * closed after CLOSE_GRACE_MS condemns the browser of `generation`, which no new render uses and
   * which goes when the renders in flight in it have ended.
   */
  async #closeTab(tab: PageTab, generation: number): Promise<void> {
    const closing = tab.page.close({ runBeforeUnload: false });
    const deadline = Date.now() + CLOSE_GRACE_MS;
    // A close that fails means the page is gone already.
    let outcome = await outcomeWithin(closing, CLOSE_RETRY_MS);
    while (outcome === 'pending' && Date.now() < deadline) {
      await tab.closeAgain();
      outcome = await outcomeWithin(closing, Math.min(CLOSE_RETRY_MS, deadline - Date.now()));
    }
    if (outcome === 'pending') this.#condemn(generation);
  }

  #condemn(generation: number): void {
    if (generation !== this.#generation || !this.#browser) return; // replaced already
    if (this.#open === 0) void this.#retire();
    else this.#condemned = generation;
  }

  /** A rendering session for one site: its own browser context (cookies, storage, cache) and egress proxy. */
  site(hooks: SiteRenderHooks): SiteRenderer {
    let context: { ctx: Promise<BrowserContext>; generation: number } | null = null;
    let egress: Promise<EgressProxy> | null = null;
    const subresources = new SubresourceCache(hooks.fetchSubresource);
    /**
     * Open tabs waiting for the next page of this site: opening a tab costs more than rendering in it.
     * A tab waits on the page it rendered (leaving it for about:blank cost a second navigation, ~45 ms
     * of CPU per page): nothing the page does then is answered (the route refuses every request made
     * outside a render), and the next render's navigation ends it.
     */
    let idle: { tab: PageTab; generation: number }[] = [];
    /** Closes of tabs not kept, sent after their render returned; the site's close waits for them. */
    const closing = new Set<Promise<void>>();
    const closeLater = (tab: PageTab, generation: number) => {
      const closed = this.#closeTab(tab, generation);
      closing.add(closed);
      void closed.finally(() => closing.delete(closed));
    };
    /** An idle tab of the current browser, alive: one whose page crashed it while it waited is closed. */
    const idleTab = (): PageTab | undefined => {
      for (let next = idle.pop(); next; next = idle.pop()) {
        if (next.generation === this.#generation && !next.tab.crashed) return next.tab;
        closeLater(next.tab, next.generation);
      }
      return undefined;
    };
    const contextNow = async (): Promise<{ ctx: BrowserContext; session: CDPSession }> => {
      const browser = await this.#getBrowser();
      egress ??= EgressProxy.start({
        policy: hooks.policy,
        acquireHost: hooks.acquireHost,
        connectTimeoutMs: hooks.timeoutMs,
        onRefused: this.#onEgressRefused,
      });
      const proxy = await egress;
      if (!context || context.generation !== this.#generation) {
        idle = [];
        context = {
          generation: this.#generation,
          ctx: browser.newContext({
            userAgent: hooks.userAgent,
            serviceWorkers: 'block',
            acceptDownloads: false,
            proxy: { server: proxy.server, bypass: NO_BYPASS },
          }),
        };
      }
      return { ctx: await context.ctx, session: this.#sessions.get(browser)! };
    };
    return {
      render: async (url, document, signal) => {
        await this.#acquire();
        let tab: PageTab | undefined;
        let generation = this.#generation;
        try {
          const { ctx, session } = await contextNow();
          generation = this.#generation;
          tab = idleTab() ?? (await openTab(ctx, session, hooks, subresources));
          const rendered = await tab.render(url, document, signal);
          if (generation === this.#generation && idle.length < this.#maxOpenPages && tab.rendered < this.#tabRenders) idle.push({ tab, generation });
          else closeLater(tab, generation);
          return rendered;
        } catch (err) {
          // A tab that failed is not reused.
          if (tab) await this.#closeTab(tab, generation);
          throw new Error(`rendering failed: ${firstLine(err)}`);
        } finally {
          this.#release();
        }
      },
      close: async () => {
        const c = context;
        const e = egress;
        context = null;
        egress = null;
        await Promise.all(closing);
        idle = [];
        // Closing the context closes its tabs, with the same bound as closing one.
        const ctx = c && (await c.ctx.catch(() => null));
        if (ctx && (await outcomeWithin(ctx.close(), CLOSE_GRACE_MS)) === 'pending') this.#condemn(c.generation);
        if (e) await (await e.catch(() => null))?.close();
      },
    };
  }

  async close(): Promise<void> {
    await this.#retire();
  }
}

async function killRenderersOver(cdp: CDPSession, limitBytes: number): Promise<void> {
  const info = await cdp.send('SystemInfo.getProcessInfo').catch(() => null);
  for (const { type, id } of info?.processInfo ?? []) {
    if (type === 'renderer' && residentBytes(id) > limitBytes) {
      try {
        process.kill(id, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
  }
}

/** A process's resident memory from /proc (0 when it is gone). */
function residentBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface SiteRenderer {
  /**
   * Renders `url` from the document the crawler fetched; throws with a plain message on failure, when
   * the page overruns the render budget, and when `signal` stops the crawl.
   */
  render(url: string, document: FetchedDocument, signal?: AbortSignal): Promise<RenderedPage>;
  close(): Promise<void>;
}

interface PageTab {
  page: Page;
  /** The page crashed its renderer (then the tab is not reused). */
  readonly crashed: boolean;
  /** Pages rendered in this tab. */
  readonly rendered: number;
  /** Sends Chromium the close again (see CLOSE_RETRY_MS). */
  closeAgain(): Promise<void>;
  render(url: string, document: FetchedDocument, signal?: AbortSignal): Promise<RenderedPage>;
}

/** One browser tab whose GET requests go through the crawler's hooks; reused for page after page. */
async function openTab(context: BrowserContext, browserSession: CDPSession, hooks: SiteRenderHooks, subresources: SubresourceCache): Promise<PageTab> {
  const page = await context.newPage();
  // Kept: the rendered document is read through it (readDocument).
  const pageSession = await context.newCDPSession(page);
  const { targetId } = (await pageSession.send('Target.getTargetInfo')).targetInfo;
  interface Job {
    url: string;
    document: FetchedDocument;
    documentServed: boolean;
    /** Requests of this render not finished yet: the crawler's answers and what went out through the proxy. */
    pending: Set<Request>;
    lastActivity: number;
    /** Wakes the wait for the network to settle: a request started or ended. */
    wake: () => void;
    /** Ends with the render: requests still waiting for a politeness slot give up. */
    done: AbortController;
  }
  let job: Job | null = null;
  let crashed = false;
  let rendered = 0;
  page.on('crash', () => (crashed = true));
  // A popup that opened anyway (after a click, or through the popup blocker's exceptions) is closed;
  // its connections went through this site's proxy like every other.
  page.on('popup', (popup) => void popup.close({ runBeforeUnload: false }).catch(() => undefined));
  page.on('request', (req) => {
    if (!job) return;
    job.pending.add(req);
    job.lastActivity = Date.now();
    job.wake();
  });
  const settled = (req: Request) => {
    if (!job?.pending.delete(req)) return;
    job.lastActivity = Date.now();
    job.wake();
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
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
    if (!/^https?:/i.test(target) || BLOCKED_TYPES.has(req.resourceType())) return route.abort('blockedbyclient').catch(() => undefined);
    try {
      if (req.method() !== 'GET') {
        if (await hooks.allowRequest(target)) return await route.continue();
        return await route.abort('blockedbyclient');
      }
      const answer = await subresources.get(target, current.done.signal);
      if (!answer) return await route.abort('blockedbyclient');
      await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
    } catch {
      // The tab moved on or closed while this request was pending.
    }
  });
  return {
    page,
    get crashed() {
      return crashed;
    },
    get rendered() {
      return rendered;
    },
    async closeAgain() {
      await browserSession.send('Target.closeTarget', { targetId }).catch(() => undefined);
    },
    async render(url, document, signal) {
      const current: Job = { url, document, documentServed: false, pending: new Set(), lastActivity: Date.now(), wake: () => undefined, done: new AbortController() };
      // Every request waiting for a politeness slot listens for the end of the render; not a leak.
      setMaxListeners(0, current.done.signal);
      job = current;
      rendered++;
      const stop = signal ? AbortSignal.any([signal, current.done.signal]) : current.done.signal;
      const deadline = Date.now() + hooks.timeoutMs;
      const budget = formatSeconds(hooks.timeoutMs);
      try {
        // The deadline is ours (below), so that it also holds while the page keeps the browser busy.
        await within(page.goto(url, { waitUntil: 'load', timeout: 0 }), hooks.timeoutMs, stop, `the page did not load within ${budget}`);
        // Scripts build the page after load, often from fetched data: wait until the network is quiet.
        const loadedAt = Date.now();
        // Woken when the page could be settled, and by each request starting or ending (not polled: a
        // poll's period was added to every render's wait).
        for (;;) {
          const now = Date.now();
          const wait = Math.min(untilNetworkSettled({ inFlight: current.pending.size, lastActivity: current.lastActivity, loadedAt, now }), deadline - now);
          if (wait <= 0 || stop.aborted) break;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(wake, wait);
            stop.addEventListener('abort', wake, { once: true });
            function wake() {
              clearTimeout(timer);
              stop.removeEventListener('abort', wake);
              current.wake = () => undefined;
              resolve();
            }
            current.wake = wake;
          });
        }
        const html = await within(readDocument(pageSession), Math.max(0, deadline - Date.now()) + READ_GRACE_MS, stop, `the page was still running its scripts after ${budget}`);
        if (typeof html !== 'string') throw new Error('the page did not give its document');
        return { html };
      } catch (err) {
        if (crashed) throw new Error('the page crashed its browser tab (out of memory, or a renderer fault)');
        if (signal?.aborted) throw new Error('the crawl stopped during rendering');
        throw err;
      } finally {
        current.done.abort();
        job = null;
      }
    },
  };
}

/**
 * Whether a page's network has settled after its load event (times in ms): nothing in flight, and no
 * request started or ended for a moment. A page that makes no request after its load (its document
 * built by then) is read QUIET_AFTER_LOAD_MS after it; one that does is an app still fetching and
 * building, and is given QUIET_MS after its last request.
 */
export function networkSettled(at: NetworkAfterLoad): boolean {
  return untilNetworkSettled(at) <= 0;
}

interface NetworkAfterLoad {
  inFlight: number;
  lastActivity: number;
  loadedAt: number;
  now: number;
}

/** How long until the network is settled (networkSettled) if no request starts or ends; Infinity while one is in flight. */
function untilNetworkSettled(at: NetworkAfterLoad): number {
  if (at.inFlight > 0) return Infinity;
  const activeAfterLoad = at.lastActivity > at.loadedAt;
  return activeAfterLoad ? at.lastActivity + QUIET_MS - at.now : at.loadedAt + QUIET_AFTER_LOAD_MS - at.now;
}

/**
 * The rendered document as HTML, what Playwright's page.content() gives, but read in the page's own
 * world: content() reads it from an isolated world that Playwright then sets up in every document the
 * tab loads (~15-30 ms of CPU per page, measured). A page can change what this reads, as it can change its
 * DOM; what it returns is checked to be a string.
 */
const SERIALIZE_DOCUMENT = "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '') + (document.documentElement?.outerHTML ?? '')";

/**
 * The tab's document (SERIALIZE_DOCUMENT), read through the tab's own DevTools session: page.evaluate()
 * would first install Playwright's helper script in each document the tab loads (reading it this way
 * rendered ~10 % more pages/s, measured); undefined when the page threw instead.
 */
async function readDocument(session: CDPSession): Promise<unknown> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', { expression: SERIALIZE_DOCUMENT, returnByValue: true });
  return exceptionDetails ? undefined : result.value;
}

/** The answers to a site's subresource requests, shared by its tabs, up to SUBRESOURCE_CACHE_BYTES. */
class SubresourceCache {
  readonly #fetch: SiteRenderHooks['fetchSubresource'];
  #answers = new Map<string, Promise<SubresourceAnswer>>();
  #bytes = 0;

  constructor(fetch: SiteRenderHooks['fetchSubresource']) {
    this.#fetch = fetch;
  }

  /** The answer for `url`; null when refused, or when `signal` (this render's end) comes first. */
  async get(url: string, signal: AbortSignal): Promise<SubresourceAnswer> {
    for (;;) {
      const known = this.#answers.get(url);
      const answer = known ?? this.#fetch(url, signal);
      if (!known) this.#answers.set(url, answer);
      try {
        const got = await answer;
        if (!known) this.#count(got);
        return got;
      } catch {
        // The render that asked first ended while the request waited: no answer to keep. This render
        // asks again (becoming the one that asked first), unless it has ended too.
        if (this.#answers.get(url) === answer) this.#answers.delete(url);
        if (!known || signal.aborted) return null;
      }
    }
  }

  #count(answer: SubresourceAnswer): void {
    this.#bytes += answer?.body.length ?? 0;
    if (this.#bytes > SUBRESOURCE_CACHE_BYTES) {
      this.#answers.clear();
      this.#bytes = 0;
    }
  }
}

/** `work`, or a rejection with `overrun` after `ms` or when `stop` aborts (whichever comes first). */
function within<T>(work: Promise<T>, ms: number, stop: AbortSignal, overrun: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = () => {
      clearTimeout(timer);
      reject(new Error(overrun));
    };
    const timer = setTimeout(fail, ms);
    if (stop.aborted) fail();
    stop.addEventListener('abort', fail, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        stop.removeEventListener('abort', fail);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        stop.removeEventListener('abort', fail);
        reject(err);
      },
    );
  });
}

/** How `work` ended within `ms`: fulfilled, rejected, or still pending. */
function outcomeWithin(work: Promise<unknown>, ms: number): Promise<'fulfilled' | 'rejected' | 'pending'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('pending'), ms);
    const end = (outcome: 'fulfilled' | 'rejected') => () => {
      clearTimeout(timer);
      resolve(outcome);
    };
    work.then(end('fulfilled'), end('rejected'));
  });
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
