// Requests as a good citizen makes them: robots.txt asked first (and its Crawl-delay applied), at most
// N requests in flight per host with a gap between them, retries with backoff on network errors, 429
// and 5xx (honouring Retry-After), every connection behind the private-address guard (fetch.ts).
import { FetchError } from './errors.ts';
import { whenAborted } from './abort.ts';
import { createAgents, fetchOnce, type FetchContext, type RawResponse } from './fetch.ts';
import type { ConnectPolicy } from './net.ts';
import { botProtection, redirectTarget, retryAfterMs } from './responses.ts';
import { RobotsCache, type RobotsFetchResult, type RobotsVerdict } from './robots.ts';
import { HostThrottle, type HostSlot } from './throttle.ts';

export interface PoliteFetcherOptions {
  policy: ConnectPolicy;
  userAgent: string;
  /** Per request. */
  timeoutMs: number;
  /** Per response body (after decompression). */
  maxBytes: number;
  /** Requests in flight per host. */
  perHostConcurrency: number;
  /** Minimum gap between request starts on one host (robots.txt Crawl-delay raises it). */
  delayMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Stops every wait and request. */
  signal: AbortSignal;
  /** Shared across crawls (a batch) so politeness holds per host, not per partner. Default: its own. */
  throttle?: HostThrottle;
}

type WantBody = (status: number, headers: Record<string, string>) => boolean;

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** A server asking us to come back later than this is not waited for. */
const MAX_RETRY_AFTER_MS = 30_000;
/** RFC 9309 asks crawlers to follow at least five redirects for robots.txt. */
const ROBOTS_MAX_REDIRECTS = 5;

/** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … plus up to 250 ms. */
const backoff = (attempt: number) => 500 * 2 ** attempt + Math.random() * 250;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    const forget = whenAborted(signal, done);
    function done() {
      clearTimeout(t);
      forget();
      resolve();
    }
  });
}

export class PoliteFetcher {
  readonly robots: RobotsCache;
  readonly #options: PoliteFetcherOptions;
  readonly #throttle: HostThrottle;
  readonly #agents: ReturnType<typeof createAgents>;
  readonly #context: FetchContext;

  constructor(options: PoliteFetcherOptions) {
    this.#options = options;
    this.#throttle = options.throttle ?? new HostThrottle();
    this.#agents = createAgents(Math.max(options.perHostConcurrency, 4) * 2);
    const { policy, userAgent, timeoutMs, maxBytes, signal } = options;
    this.#context = { policy, userAgent, timeoutMs, maxBytes, agents: this.#agents, signal };
    this.robots = new RobotsCache((url) => this.#fetchRobotsTxt(url), userAgent);
  }

  /**
   * One request under the host's politeness rules, retried on network errors, 429 and 5xx. `wantBody`
   * decides from the status and headers whether the body is read at all.
   */
  async request(url: string, wantBody?: WantBody, accept?: string): Promise<RawResponse> {
    const { perHostConcurrency, delayMs, retries, signal } = this.#options;
    const host = new URL(url).hostname;
    for (let attempt = 0; ; attempt++) {
      const slot = await this.#throttle.acquire(host, perHostConcurrency, delayMs, signal);
      let res: RawResponse;
      try {
        res = await fetchOnce(url, this.#context, wantBody, accept, slot.sent);
      } catch (err) {
        slot.release();
        if (err instanceof FetchError && err.transient && attempt < retries && !signal.aborted) {
          await sleep(backoff(attempt), signal);
          continue;
        }
        throw err;
      }
      slot.release();
      if (RETRY_STATUSES.has(res.status) && attempt < retries && !signal.aborted && !botProtection(res.status, res.headers, res.body)) {
        const asked = retryAfterMs(res.headers['retry-after']);
        if (asked !== null && asked > MAX_RETRY_AFTER_MS) return res;
        const wait = asked ?? backoff(attempt);
        this.#throttle.pause(host, wait);
        await sleep(wait, signal);
        continue;
      }
      return res;
    }
  }

  /**
   * Waits for a politeness slot on `host` (a URL hostname) and resolves with its release: for the
   * requests the browser sends through its egress proxy. Rejects when the crawl or `stop` aborts.
   */
  async slot(host: string, stop: AbortSignal): Promise<() => void> {
    return (await this.#turn(host, stop)).release;
  }

  #turn(host: string, stop: AbortSignal): Promise<HostSlot> {
    const { perHostConcurrency, delayMs, signal } = this.#options;
    return this.#throttle.acquire(host, perHostConcurrency, delayMs, AbortSignal.any([signal, stop]));
  }

  /**
   * One request in the host's queue, without retries (the renderer's scripts and styles). Rejects when
   * `stop` (the end of the render) aborts the wait or the request.
   */
  async requestOnce(url: string, stop: AbortSignal): Promise<RawResponse> {
    const slot = await this.#turn(new URL(url).hostname, stop);
    try {
      return await fetchOnce(url, { ...this.#context, signal: AbortSignal.any([this.#options.signal, stop]) }, undefined, undefined, slot.sent);
    } finally {
      slot.release();
    }
  }

  /** robots.txt verdict for a URL; also applies the host's Crawl-delay to the throttle. */
  async robotsVerdict(url: string): Promise<RobotsVerdict> {
    const entry = await this.robots.entry(url);
    if (entry.crawlDelayS) this.#throttle.setMinGap(new URL(url).hostname, entry.crawlDelayS * 1000);
    return this.robots.check(url);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  async #fetchRobotsTxt(url: string): Promise<RobotsFetchResult> {
    let current = url;
    try {
      for (let hop = 0; hop <= ROBOTS_MAX_REDIRECTS; hop++) {
        const res = await this.request(current, undefined, 'text/plain,*/*;q=0.5');
        const next = redirectTarget(res, current);
        if (!next) return { status: res.status, text: res.body.toString('utf8') };
        current = next;
      }
      // Too many redirects: RFC 9309 lets us treat robots.txt as unavailable (allow all).
      return { status: 404, text: '' };
    } catch (err) {
      return { error: (err as Error).message, code: err instanceof FetchError ? err.code : 'EUNKNOWN' };
    }
  }
}
