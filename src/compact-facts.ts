// The facts of every page are in memory from the crawl's end until the checks have run (all but their
// retail readings' terms and blocks, which stay in the audit's spool: src/store/facts-spool.ts), and
// each page's come back from the spool as a fresh copy: the same AWS service names, signals and date
// rules, page after page. Kept once each, a page's short strings cost references instead of copies. Shared
// values: nothing may change one.
import type { PageFacts } from '../analyzers/types.ts';

/** Distinct values kept for sharing; past it, new ones are kept as they are (a bound, not a cache). */
const MAX_SHARED = 200_000;
/** Longer strings are a page's own prose, seldom repeated: not worth a place among the shared. */
const MAX_SHARED_STRING = 300;
/** What holds the retail readings, whose terms and blocks the audit's spool holds: not shared here. */
const SPOOLED = new Set<keyof PageFacts>(['retail', 'siteRetail']);

export class FactsCompactor {
  readonly #shared = new Map<string, string>();

  /**
   * `facts` with its short strings replaced by the equal ones already kept (same JSON): AWS service
   * names, a case study's excerpt the site repeats on every story, date rules, classification signals.
   */
  facts(facts: PageFacts): PageFacts {
    for (const key of Object.keys(facts) as (keyof PageFacts)[]) {
      if (!SPOOLED.has(key)) this.#strings(facts, key);
    }
    return facts;
  }

  /** Every short string in `holder[key]`, however deep, replaced by the one kept. */
  #strings<T extends object>(holder: T, key: keyof T): void {
    const value = holder[key];
    if (typeof value === 'string') holder[key] = this.#string(value) as T[keyof T];
    else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) this.#strings(value, i);
    else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) this.#strings(value, k as keyof typeof value);
  }

  #string(s: string): string {
    if (s.length > MAX_SHARED_STRING) return s;
    const known = this.#shared.get(s);
    if (known !== undefined) return known;
    if (this.#shared.size < MAX_SHARED) this.#shared.set(s, s);
    return s;
  }
}
