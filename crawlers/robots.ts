// robots.txt per origin, fetched once and cached, with RFC 9309 failure semantics:
// 4xx = no robots.txt = allow all; 5xx or unreachable = disallow all.
import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (module.exports = function); its typings describe it as a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
import type { CrawlResult } from './types.ts';

type RobotsStatus = CrawlResult['robots'][number]['status'];

interface RobotsEntry {
  host: string;
  status: RobotsStatus;
  /** Parsed rules when status is ok. */
  rules: ReturnType<typeof robotsParser> | null;
  lines: string[];
  crawlDelayS: number | null;
  sitemaps: string[];
  /** Why everything is disallowed (status error/unreachable). */
  failure: string | null;
  /** The network error when robots.txt could not be fetched at all, and its code. */
  fetchError: string | null;
  fetchCode: string | null;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** 'private-address' when the host itself is refused by the guard (robots.txt could not be asked). */
  reason: 'robots' | 'private-address';
  /** The rule or failure that decided, e.g. "robots.txt line 4: Disallow: /internal/". */
  detail: string;
}

/** What the crawler's fetcher returns for a robots.txt URL (after redirects). */
export type RobotsFetchResult = { status: number; text: string } | { error: string; code: string };

/** Crawl-delay values above this are capped: the time budget is the real bound. */
const MAX_CRAWL_DELAY_S = 60;

export class RobotsCache {
  #entries = new Map<string, Promise<RobotsEntry>>();
  readonly #fetchRobots: (url: string) => Promise<RobotsFetchResult>;
  readonly #userAgent: string;

  constructor(fetchRobots: (url: string) => Promise<RobotsFetchResult>, userAgent: string) {
    this.#fetchRobots = fetchRobots;
    this.#userAgent = userAgent;
  }

  /** The robots.txt entry for a URL's origin; fetched on first use. */
  entry(url: string): Promise<RobotsEntry> {
    const origin = new URL(url).origin;
    let p = this.#entries.get(origin);
    if (!p) {
      p = this.#load(origin);
      this.#entries.set(origin, p);
    }
    return p;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const e = await this.entry(url);
    if (e.fetchCode === 'EPRIVATE') return { allowed: false, reason: 'private-address', detail: e.fetchError! };
    if (e.failure) return { allowed: false, reason: 'robots', detail: e.failure };
    if (!e.rules) return { allowed: true, reason: 'robots', detail: 'no robots.txt' };
    if (e.rules.isAllowed(url, this.#userAgent) !== false) return { allowed: true, reason: 'robots', detail: 'allowed' };
    const line = e.rules.getMatchingLineNumber(url, this.#userAgent);
    const detail = line > 0 ? `robots.txt line ${line}: ${e.lines[line - 1]?.trim()}` : 'robots.txt disallows it';
    return { allowed: false, reason: 'robots', detail };
  }

  async summary(): Promise<CrawlResult['robots']> {
    const all = await Promise.all(this.#entries.values());
    return all.map((e) => ({ host: e.host, status: e.status, crawlDelayS: e.crawlDelayS }));
  }

  async #load(origin: string): Promise<RobotsEntry> {
    const url = `${origin}/robots.txt`;
    const host = new URL(origin).host;
    const base = { host, rules: null, lines: [], crawlDelayS: null, sitemaps: [], failure: null, fetchError: null, fetchCode: null };
    const got = await this.#fetchRobots(url);
    if ('error' in got) {
      return { ...base, status: 'unreachable', fetchError: got.error, fetchCode: got.code, failure: `robots.txt unreachable (${got.error}): everything disallowed (RFC 9309)` };
    }
    if (got.status >= 500) {
      return { ...base, status: 'error', failure: `robots.txt answered HTTP ${got.status}: everything disallowed (RFC 9309)` };
    }
    if (got.status < 200 || got.status >= 300) return { ...base, status: 'missing' };
    const rules = robotsParser(url, got.text);
    const delay = rules.getCrawlDelay(this.#userAgent);
    return {
      ...base,
      status: 'ok',
      rules,
      lines: got.text.split(/\r\n|\r|\n/),
      crawlDelayS: delay === undefined || !Number.isFinite(delay) || delay < 0 ? null : Math.min(delay, MAX_CRAWL_DELAY_S),
      sitemaps: rules.getSitemaps(),
    };
  }
}
