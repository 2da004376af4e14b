// Every page's facts stay wanted until the checks run, but most of their bytes are wanted by few: the
// retail readings' blocks (~5 of a page's ~6 KB of facts as JSON, twice once the site-level score is
// added), which the site's boilerplate pass and the pages a check looks into read, and the readings'
// matched terms, which only the evidence of the pages a check names reads. So an audit spools these
// as JSON into a private temporary SQLite database, whose pages live on disk past a small cache, and
// each property reads them back when asked; the rest of the facts (what the checks read of every
// page, many times) stays in memory as it was.
// While the crawl runs nothing reads a page's facts at all, and the analysis thread's heap is still
// there beside the crawl's: so the rest of them waits here too, parked as JSON, and comes back once
// the crawl is done (and the analysis thread is gone).
// Only properties whose values outweigh a getter are moved: a getter costs its holder a property and
// may cost it its shared shape (see #readBack), more than a page's excerpt would save (heap snapshots at
// 4,000 pages).
import Database from 'better-sqlite3';
import type { PageFacts, RetailScore } from '../../analyzers/types.ts';

/** Rows kept parsed: a check reads one page's terms and blocks a few times in a row. */
const PARSED = 16;
/** Where a holder's values are: its row (not enumerable: spread and JSON see the values themselves). */
const ROW = Symbol('spool row');
/** What a retail reading moves here. */
const RETAIL_KEYS = ['terms', 'blocks'] as const;

export class FactsSpool {
  // '' is SQLite's private temporary database: on disk beyond its cache, deleted when closed (or
  // when the spool is collected with the last value that reads from it).
  readonly #db = new Database('');
  readonly #insert;
  readonly #select;
  readonly #park;
  readonly #unpark;
  readonly #parsed = new Map<number, unknown[]>();
  readonly #getters: (() => unknown)[] = [];

  constructor() {
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    // better-sqlite3's default page cache is 16 MB, held in memory: 1 MB is enough for reading back
    // one page's values now and then (70 MB spooled: RSS +19 MB with 16 MB, +7 MB with 1 MB).
    this.#db.pragma('cache_size = -1024');
    this.#db.exec('CREATE TABLE spooled (id INTEGER PRIMARY KEY, json TEXT NOT NULL)');
    this.#insert = this.#db.prepare<[string], void>('INSERT INTO spooled (json) VALUES (?)');
    this.#select = this.#db.prepare<[number], string>('SELECT json FROM spooled WHERE id = ?').pluck();
    this.#db.exec('CREATE TABLE parked (id INTEGER PRIMARY KEY, json TEXT NOT NULL)');
    this.#park = this.#db.prepare<[string], void>('INSERT INTO parked (json) VALUES (?)');
    this.#unpark = this.#db.prepare<[number], string>('SELECT json FROM parked WHERE id = ?').pluck();
  }

  /**
   * Keeps all of `facts` here and returns its number for unpark(); `facts` is not changed. Its retail
   * readings' terms and blocks go where retail() puts them, and the rest is written as JSON with, in
   * their places, the number of their row (terms and blocks are never numbers).
   */
  park(facts: PageFacts): number {
    const json = JSON.stringify({ ...facts, retail: this.#placeholders(facts.retail), siteRetail: facts.siteRetail && this.#placeholders(facts.siteRetail) });
    return Number(this.#park.run(json).lastInsertRowid);
  }

  /** A copy of `score` whose terms and blocks, written to a row, are that row's number (in their places). */
  #placeholders(score: RetailScore): RetailScore | Record<string, unknown> {
    const row = this.#write(score, [...RETAIL_KEYS]);
    return row ? { ...score, ...Object.fromEntries(row.moved.map((key) => [key, row.id])) } : score;
  }

  /** The facts parked as `id`: equal to what was parked, as facts() would have left them. */
  unpark(id: number): PageFacts {
    const facts = JSON.parse(this.#unpark.get(id)!) as PageFacts;
    for (const score of [facts.retail, facts.siteRetail]) {
      const moved = score ? RETAIL_KEYS.filter((key) => typeof score[key] === 'number') : [];
      if (moved.length > 0) this.#readBack(score!, moved, score![moved[0]!] as unknown as number);
    }
    return facts;
  }

  /**
   * `score` with its terms and blocks moved here: `score.terms` and `score.blocks` read them back
   * (equal values, a fresh copy once they have left the few kept parsed). Enumerable properties in
   * their places as before, so spread, JSON and storage see them; read-only, like the rest of a page's
   * facts once analysed.
   */
  retail(score: RetailScore): RetailScore {
    const row = this.#write(score, [...RETAIL_KEYS]);
    if (row) this.#readBack(score, row.moved, row.id);
    return score;
  }

  /** Writes `holder`'s values at `keys` (those it has) into one row; null when it has none of them. */
  #write<T extends object>(holder: T, keys: (keyof T & string)[]): { id: number; moved: (keyof T & string)[] } | null {
    const moved = keys.filter((key) => holder[key] !== undefined);
    if (moved.length === 0) return null;
    return { id: Number(this.#insert.run(JSON.stringify(moved.map((key) => holder[key]))).lastInsertRowid), moved };
  }

  /**
   * Makes each of `holder`'s `moved` keys a getter of its value in row `id`. The getters are this
   * spool's, one function per place in a row, and the holder is kept out of dictionary mode: its
   * properties from the first moved one on are taken off last first (which V8 undoes as a step back to
   * the holder's earlier shape) and put back in their order, the moved ones as getters. Holders of the
   * same keys then share one shape; a getter of its own defined over a holder's value gave each one a
   * shape of its own, ~1 KB a score (heap snapshot at 3,000 pages).
   */
  #readBack<T extends object>(holder: T, moved: (keyof T & string)[], id: number): void {
    const all = Object.keys(holder) as (keyof T & string)[];
    const retaken = all.slice(Math.min(...moved.map((key) => all.indexOf(key))));
    const values = retaken.map((key) => holder[key]);
    for (const key of retaken.toReversed()) delete holder[key];
    Object.defineProperty(holder, ROW, { value: id });
    retaken.forEach((key, i) => {
      const at = moved.indexOf(key);
      if (at < 0) holder[key] = values[i]!;
      else Object.defineProperty(holder, key, { enumerable: true, get: this.#getter(at) });
    });
  }

  /** The getter of the `at`th value of a row: one function for every holder, so that they share a shape. */
  #getter(at: number): () => unknown {
    const spool = this;
    return (this.#getters[at] ??= function (this: { [ROW]: number }) {
      return spool.#read(this[ROW])[at];
    });
  }

  #read(id: number): unknown[] {
    let values = this.#parsed.get(id);
    if (values) {
      this.#parsed.delete(id);
    } else {
      values = JSON.parse(this.#select.get(id)!) as unknown[];
      if (this.#parsed.size >= PARSED) this.#parsed.delete(this.#parsed.keys().next().value!);
    }
    this.#parsed.set(id, values);
    return values;
  }
}
