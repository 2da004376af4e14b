// One evaluation of a site's evidence on one audit date, and the derived evidence it computes once and
// keeps (Lighthouse's computed artifacts): case studies, thought-leadership items, practice-page
// candidates … are each built the first time something asks for them, then frozen and shared by every
// check of this evaluation. The cache belongs to the evaluation, so nothing outlives it and no caller
// can swap a cached value under another.

import type { SiteEvidence } from '../types.ts';

/** A value computed from the evidence (and the audit date), once per evaluation. */
export interface Derived<T> {
  /** Names it in errors and in the inputs a check declares. */
  readonly id: string;
  readonly compute: (evaluation: Evaluation) => T;
}

export function derived<T>(id: string, compute: (evaluation: Evaluation) => T): Derived<T> {
  return Object.freeze({ id, compute });
}

export class Evaluation {
  readonly evidence: SiteEvidence;
  readonly asOf: string;
  private readonly cache = new Map<Derived<unknown>, unknown>();
  private readonly computing = new Set<Derived<unknown>>();
  /** Evidence pages are the caller's: derived values point at them but never freeze them. */
  private readonly pages: WeakSet<object>;

  constructor(evidence: SiteEvidence, asOf: string) {
    this.evidence = evidence;
    this.asOf = asOf;
    this.pages = new WeakSet(evidence.pages);
  }

  get<T>(item: Derived<T>): T {
    if (this.cache.has(item)) return this.cache.get(item) as T;
    if (this.computing.has(item)) throw new Error(`derived evidence "${item.id}" depends on itself`);
    this.computing.add(item);
    try {
      const value = item.compute(this);
      this.freeze(value);
      this.cache.set(item, value);
      return value;
    } finally {
      this.computing.delete(item);
    }
  }

  /**
   * Freezes the records a derived value is made of (the value, its list items, the items of the lists
   * it holds), not what they point at: page facts, dates and click paths are the caller's evidence.
   */
  private freeze(value: unknown, depth = 0): void {
    if (value === null || typeof value !== 'object' || this.pages.has(value)) return;
    Object.freeze(value);
    if (depth >= 2) return;
    for (const v of Array.isArray(value) ? value : Object.values(value)) {
      if (Array.isArray(value) || Array.isArray(v)) this.freeze(v, depth + 1);
    }
  }
}
