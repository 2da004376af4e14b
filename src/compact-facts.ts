// The facts of every page stay in memory until the checks run, and each page's come back from the
// analysis thread as a fresh copy: the same lexicon hits, the same blocks (taglines, calls to action,
// a menu left in the main text) and the same term names, page after page. Kept once each, a page's
// retail readings cost references instead of copies. Shared values: nothing may change one.
import type { PageFacts, RetailBlock, RetailHit, RetailScore } from '../analyzers/types.ts';

/** Distinct values kept for sharing; past it, new ones are kept as they are (a bound, not a cache). */
const MAX_SHARED = 200_000;
/** Longer strings are a page's own prose, seldom repeated: not worth a place among the shared. */
const MAX_SHARED_STRING = 300;
const NO_HITS: RetailHit[] = Object.freeze([]) as unknown as RetailHit[];

export class FactsCompactor {
  readonly #shared = new Map<string, string>();
  readonly #hits = new Map<string, RetailHit>();
  /** By hash: a block's text decides its hits, its tag its weight; equal ones are checked, not assumed. */
  readonly #blocks = new Map<string, RetailBlock[]>();

  /**
   * `facts` with its parts replaced by the equal ones already kept (same JSON): the retail readings'
   * hits and blocks, and every short string (AWS service names, a case study's excerpt the site
   * repeats on every story, date rules, classification signals).
   */
  facts(facts: PageFacts): PageFacts {
    this.retail(facts.retail);
    if (facts.siteRetail) this.retail(facts.siteRetail);
    for (const key of Object.keys(facts) as (keyof PageFacts)[]) {
      if (key !== 'retail' && key !== 'siteRetail') this.#strings(facts, key);
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

  retail(score: RetailScore): RetailScore {
    for (const [key, terms] of Object.entries(score.terms) as [keyof RetailScore['terms'], string[]][]) {
      score.terms[key] = terms.map((t) => this.#string(t));
    }
    if (score.blocks) score.blocks = score.blocks.map((b) => this.#block(b));
    return score;
  }

  #block(block: RetailBlock): RetailBlock {
    const same = this.#blocks.get(block.hash);
    const known = same?.find((b) => b.words === block.words && b.weight === block.weight && sameHits(b.hits, block.hits));
    if (known) return known;
    block.hash = this.#string(block.hash);
    block.hits = block.hits.length === 0 ? NO_HITS : block.hits.map((h) => this.#hit(h));
    if (same) same.push(block);
    else if (this.#blocks.size < MAX_SHARED) this.#blocks.set(block.hash, [block]);
    return block;
  }

  #hit(hit: RetailHit): RetailHit {
    const key = `${hit.area}\t${hit.specific ? 1 : 0}\t${hit.term}`;
    const known = this.#hits.get(key);
    if (known) return known;
    const kept: RetailHit = { area: hit.area, term: this.#string(hit.term), specific: hit.specific };
    if (this.#hits.size < MAX_SHARED) this.#hits.set(key, kept);
    return kept;
  }

  #string(s: string): string {
    if (s.length > MAX_SHARED_STRING) return s;
    const known = this.#shared.get(s);
    if (known !== undefined) return known;
    if (this.#shared.size < MAX_SHARED) this.#shared.set(s, s);
    return s;
  }
}

function sameHits(a: RetailHit[], b: RetailHit[]): boolean {
  return a.length === b.length && a.every((h, i) => h.area === b[i]!.area && h.term === b[i]!.term && h.specific === b[i]!.specific);
}
