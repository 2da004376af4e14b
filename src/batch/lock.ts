// One process at a time per output directory. The lock is an exclusive SQLite lock (a POSIX record
// lock underneath) on DIR/batch.lock, held for as long as the process runs: the kernel drops it the
// moment the process dies, however it dies, so "is a batch still running here" never depends on a
// process id (which can linger as a zombie after SIGKILL, or be reused by an unrelated process).

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'batch.lock';

/** Another process (a batch, a resume or a report) holds DIR's lock. */
export class OutputDirBusyError extends Error {
  constructor(dir: string) {
    super(`${dir} is in use by another partner-presence process (batch or report); wait for it to finish or stop it first`);
    this.name = 'OutputDirBusyError';
  }
}

export class OutputDirLock {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Takes DIR's lock at once or throws OutputDirBusyError; never waits. */
  static acquire(dir: string): OutputDirLock {
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
    try {
      // An exclusive transaction that is never committed: the lock lives exactly as long as the connection.
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new OutputDirBusyError(dir);
      throw error;
    }
    return new OutputDirLock(db);
  }

  release(): void {
    if (this.#db.open) this.#db.close();
  }
}
