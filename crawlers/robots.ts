// robots.txt per origin, fetched once and cached, with RFC 9309 failure semantics:
// 4xx = no robots.txt = allow all; 5xx or unreachable = disallow all.
// robots-parser reads the file (groups, user agents, Crawl-delay, Sitemap: lines); the rules of our
// group are matched here in time linear in rule and path (robots-parser's matcher, like Google's,
// costs pattern length × path length per rule: a rule of a million `*` took 4.3 s per URL).
import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (module.exports = function); its typings describe it as a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
import type { CrawlResult } from './types.ts';

type RobotsStatus = CrawlResult['robots'][number]['status'];
type ParsedRobots = ReturnType<typeof robotsParser>;

/** One Allow/Disallow line as robots-parser parsed it (pattern percent-encoding normalised). */
interface ParsedRule {
  pattern: string;
  allow: boolean;
  lineNumber: number;
}

/** A rule ready to match: its pattern cut at each `*` run, with a search table per piece. */
interface CompiledRule extends ParsedRule {
  /** The pattern between wildcards; the first is a prefix of the path. */
  pieces: string[];
  /** KMP failure tables of pieces[1…] (the first is compared in place). */
  tables: Int32Array[];
  /** The pattern ended in `$`: the last piece must end the path. */
  anchored: boolean;
}

interface RobotsEntry {
  host: string;
  status: RobotsStatus;
  /** The rules of the group that applies to our user agent, longest pattern first (status ok). */
  rules: CompiledRule[];
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
  /**
   * 'private-address' when the host itself is refused by the guard (robots.txt could not be asked);
   * 'unreachable' when robots.txt could not be fetched at all (DNS, connection, timeout): disallowed
   * like any failure, but the host did not refuse us, and a visitor cannot reach it either.
   */
  reason: 'robots' | 'private-address' | 'unreachable';
  /** The rule or failure that decided, e.g. "robots.txt line 4: Disallow: /internal/". */
  detail: string;
  /** The rule that disallowed it, when one did: its line number and text as robots.txt writes it. */
  rule?: { line: number; text: string };
}

/** What the crawler's fetcher returns for a robots.txt URL (after redirects). */
export type RobotsFetchResult = { status: number; text: string } | { error: string; code: string };

/** Crawl-delay values above this are capped: the time budget is the real bound. */
const MAX_CRAWL_DELAY_S = 60;
/** RFC 9309 §2.5: crawlers must parse at least the first 500 KiB; what follows is not read. */
const MAX_ROBOTS_CHARS = 500 * 1024;

/** robots-parser's user-agent key: lower case, no "/version", trimmed. */
const agentKey = (userAgent: string) => userAgent.toLowerCase().split('/')[0]!.trim();

/**
 * The rules that apply to `userAgent`: its own group, else the * group (RFC 9309 §2.2.1). Read from
 * robots-parser's parsed table, which its API only exposes through its quadratic matcher; a change of
 * that table's shape fails closed (every URL disallowed, with the reason), never open.
 */
function groupRules(parsed: ParsedRobots, userAgent: string): ParsedRule[] | null {
  const table = (parsed as unknown as { _rules?: Record<string, ParsedRule[] | undefined> })._rules;
  if (!table || typeof table !== 'object') return null;
  const rules = table[agentKey(userAgent)] ?? table['*'] ?? [];
  return Array.isArray(rules) && rules.every((r) => typeof r.pattern === 'string' && typeof r.allow === 'boolean') ? rules : null;
}

function kmpTable(piece: string): Int32Array {
  const table = new Int32Array(piece.length);
  for (let i = 1, k = 0; i < piece.length; i++) {
    while (k > 0 && piece[i] !== piece[k]) k = table[k - 1]!;
    if (piece[i] === piece[k]) k++;
    table[i] = k;
  }
  return table;
}

/** The first index ≥ from where `piece` occurs in `text` (Knuth–Morris–Pratt: linear), or -1. */
function find(text: string, piece: string, table: Int32Array, from: number): number {
  if (piece.length === 0) return from <= text.length ? from : -1;
  for (let i = from, k = 0; i < text.length; i++) {
    while (k > 0 && text[i] !== piece[k]) k = table[k - 1]!;
    if (text[i] === piece[k]) k++;
    if (k === piece.length) return i - k + 1;
  }
  return -1;
}

function compile(rule: ParsedRule): CompiledRule {
  // `$` anchors only as the pattern's last character (as in RFC 9309 and Google's matcher).
  const anchored = rule.pattern.endsWith('$');
  const pieces = (anchored ? rule.pattern.slice(0, -1) : rule.pattern).split(/\*+/);
  return { ...rule, pieces, tables: pieces.slice(1).map(kmpTable), anchored };
}

/**
 * Whether the rule matches the path (path + query, percent-escapes upper-cased). A pattern matches a
 * prefix of the path, `*` any run of characters: the first piece must start the path, and each later
 * piece is taken at its first occurrence after the previous one (taking the earliest never loses a
 * match); an anchored last piece must end the path.
 */
function matches(rule: CompiledRule, path: string): boolean {
  const { pieces, tables, anchored } = rule;
  if (!path.startsWith(pieces[0]!)) return false;
  let at = pieces[0]!.length;
  const last = pieces.length - 1;
  for (let i = 1; i < last; i++) {
    const found = find(path, pieces[i]!, tables[i - 1]!, at);
    if (found < 0) return false;
    at = found + pieces[i]!.length;
  }
  if (last === 0) return !anchored || at === path.length;
  if (anchored) return path.length - pieces[last]!.length >= at && path.endsWith(pieces[last]!);
  return find(path, pieces[last]!, tables[last - 1]!, at) >= 0;
}

/** The path robots.txt rules are matched against, as robots-parser normalises it. */
function robotsPath(url: string): string {
  const u = new URL(url);
  return (u.pathname + u.search).replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase());
}

/** RFC 9309 §2.2.2: the longest matching pattern decides, Allow on a tie; no match allows. */
function decidingRule(rules: CompiledRule[], url: string): CompiledRule | null {
  const path = robotsPath(url);
  // Sorted longest first (Allow first among equals): the first match is the one that decides.
  return rules.find((rule) => matches(rule, path)) ?? null;
}

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
    if (e.failure) return { allowed: false, reason: e.status === 'unreachable' ? 'unreachable' : 'robots', detail: e.failure };
    if (e.status !== 'ok') return { allowed: true, reason: 'robots', detail: 'no robots.txt' };
    const rule = decidingRule(e.rules, url);
    if (!rule || rule.allow) return { allowed: true, reason: 'robots', detail: 'allowed' };
    const text = e.lines[rule.lineNumber - 1]?.trim() ?? '';
    return { allowed: false, reason: 'robots', detail: `robots.txt line ${rule.lineNumber}: ${text}`, rule: { line: rule.lineNumber, text } };
  }

  async summary(): Promise<CrawlResult['robots']> {
    const all = await Promise.all(this.#entries.values());
    return all.map((e) => ({ host: e.host, status: e.status, crawlDelayS: e.crawlDelayS }));
  }

  async #load(origin: string): Promise<RobotsEntry> {
    const url = `${origin}/robots.txt`;
    const host = new URL(origin).host;
    const base = { host, rules: [], lines: [], crawlDelayS: null, sitemaps: [], failure: null, fetchError: null, fetchCode: null };
    const got = await this.#fetchRobots(url);
    if ('error' in got) {
      return { ...base, status: 'unreachable', fetchError: got.error, fetchCode: got.code, failure: `robots.txt unreachable (${got.error}): everything disallowed (RFC 9309)` };
    }
    if (got.status >= 500) {
      return { ...base, status: 'error', failure: `robots.txt answered HTTP ${got.status}: everything disallowed (RFC 9309)` };
    }
    if (got.status < 200 || got.status >= 300) return { ...base, status: 'missing' };
    // Cut at a line end, so the last rule read is a whole one.
    const text = got.text.length > MAX_ROBOTS_CHARS ? got.text.slice(0, got.text.lastIndexOf('\n', MAX_ROBOTS_CHARS) + 1) : got.text;
    const parsed = robotsParser(url, text);
    const group = groupRules(parsed, this.#userAgent);
    if (!group) return { ...base, status: 'error', failure: 'robots.txt rules could not be read: everything disallowed' };
    const rules = group.map(compile).sort((a, b) => b.pattern.length - a.pattern.length || Number(b.allow) - Number(a.allow));
    const delay = parsed.getCrawlDelay(this.#userAgent);
    return {
      ...base,
      status: 'ok',
      rules,
      lines: text.split(/\r\n|\r|\n/),
      crawlDelayS: delay === undefined || !Number.isFinite(delay) || delay < 0 ? null : Math.min(delay, MAX_CRAWL_DELAY_S),
      sitemaps: parsed.getSitemaps(),
    };
  }
}
