// Every page's facts stay wanted until the checks run. Most of their bytes (~5 of ~6 KB of JSON per
// page, twice once the site-level score is added) are the retail readings' blocks, which only the
// site's boilerplate pass and the few pages a check looks into read. So an audit spools the blocks as
// JSON into a private temporary SQLite database, whose pages live on disk past a small cache, and a
// score's `blocks` reads them back when asked; the rest of the facts stays in memory as it was.
import Database from 'better-sqlite3';
import type { RetailBlock, RetailScore } from '../../analyzers/types.ts';

/** Scores whose blocks are kept parsed: a check reads one page's blocks a few times in a row. */
const PARSED = 16;

export class BlockSpool {
  // '' is SQLite's private temporary database: on disk beyond its cache, deleted when closed (or
  // when the spool is collected with the last score that reads from it).
  readonly #db = new Database('');
  readonly #insert;
  readonly #select;
  readonly #parsed = new Map<number, RetailBlock[]>();

  constructor() {
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    // better-sqlite3's default page cache is 16 MB, held in memory: 1 MB is enough for reading back
    // one page's blocks now and then (70 MB spooled: RSS +19 MB with 16 MB, +7 MB with 1 MB).
    this.#db.pragma('cache_size = -1024');
    this.#db.exec('CREATE TABLE blocks (id INTEGER PRIMARY KEY, json TEXT NOT NULL)');
    this.#insert = this.#db.prepare<[string], void>('INSERT INTO blocks (json) VALUES (?)');
    this.#select = this.#db.prepare<[number], string>('SELECT json FROM blocks WHERE id = ?').pluck();
  }

  /**
   * `score` with its blocks moved here: `score.blocks` reads them back (equal values, a fresh copy
   * once they have left the few kept parsed). An enumerable property as before, so spread, JSON and
   * storage see the blocks; read-only, like the rest of a page's facts once analysed.
   */
  spool(score: RetailScore): RetailScore {
    const blocks = score.blocks;
    if (blocks === undefined) return score;
    const id = Number(this.#insert.run(JSON.stringify(blocks)).lastInsertRowid);
    return Object.defineProperty(score, 'blocks', { enumerable: true, get: () => this.#read(id) });
  }

  #read(id: number): RetailBlock[] {
    let blocks = this.#parsed.get(id);
    if (blocks) {
      this.#parsed.delete(id);
    } else {
      blocks = JSON.parse(this.#select.get(id)!) as RetailBlock[];
      if (this.#parsed.size >= PARSED) this.#parsed.delete(this.#parsed.keys().next().value!);
    }
    this.#parsed.set(id, blocks);
    return blocks;
  }
}
