// The Store in one SQLite file (DIR/results.sqlite), the default: embedded, nothing to set up. WAL
// mode; NORMAL sync is durable against process kills (the case that matters for resume), only an OS
// crash could lose the last commits, which are then simply audited again.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migration, SCHEMA_VERSION, SchemaTooNewError } from './schema.ts';
import { SqlStore, type SqlDb } from './sql-store.ts';

export const RESULTS_FILE = 'results.sqlite';

/**
 * better-sqlite3 is synchronous, but the store's transactions await between statements: one chain
 * of promises makes each transaction run alone, so statements of partners audited at the same time
 * never slip into another partner's transaction.
 */
class SqliteDb implements SqlDb {
  #chain: Promise<unknown> = Promise.resolve();
  constructor(readonly raw: Database.Database) {}

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.#exclusive(() => direct(this.raw).all<T>(sql, params));
  }
  run(sql: string, params: unknown[] = []): Promise<number> {
    return this.#exclusive(() => direct(this.raw).run(sql, params));
  }
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      this.raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(direct(this.raw));
        this.raw.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw error;
      }
    });
  }
  /** Resolves when every statement queued so far has run. */
  async idle(): Promise<void> {
    await this.#chain;
  }
  #exclusive<T>(step: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(step);
    this.#chain = result.catch(() => undefined);
    return result;
  }
}

/** Statements straight on the connection, for a transaction that already holds the chain. */
function direct(raw: Database.Database): SqlDb {
  const db: SqlDb = {
    all: async <T>(sql: string, params: unknown[] = []) => raw.prepare(sql).all(...params) as T[],
    run: async (sql: string, params: unknown[] = []) => raw.prepare(sql).run(...params).changes,
    transaction: (fn) => fn(db),
  };
  return db;
}

/** Opens (creating and migrating when needed) DIR/results.sqlite. */
function openResultsFile(dir: string): { path: string; raw: Database.Database } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, RESULTS_FILE);
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const version = raw.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    raw.close();
    throw new SchemaTooNewError(path, version);
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    raw.transaction(() => {
      raw.exec(migration(v, 'sqlite'));
      raw.pragma(`user_version = ${v + 1}`);
    })();
  }
  return { path, raw };
}

export class SqliteStore extends SqlStore {
  readonly location: string;
  protected readonly db: SqliteDb;

  /** For stores that add tables of their own (the web service's); others use open(). */
  protected constructor(dir: string) {
    super();
    const { path, raw } = openResultsFile(dir);
    this.location = path;
    this.db = new SqliteDb(raw);
  }

  /** Opens (creating and migrating when needed) DIR/results.sqlite. */
  static open(dir: string): SqliteStore {
    return new SqliteStore(dir);
  }

  async close(): Promise<void> {
    await this.db.idle();
    this.db.raw.close();
  }

  isStoreError(error: unknown): boolean {
    return error instanceof Database.SqliteError;
  }
}
