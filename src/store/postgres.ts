// The Store in a shared PostgreSQL database (`--store postgres://…`): the same schema and the same
// SQL as SQLite, so results from many worker machines land where analysts query them with SQL.
// Migrations run under an advisory lock, so workers starting together migrate once.

import pg from 'pg';
import { migration, SCHEMA_VERSION, SchemaTooNewError } from './schema.ts';
import { SqlStore, type SqlDb } from './sql-store.ts';

/** `?` placeholders (the shared SQL) as PostgreSQL's $1, $2 … */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

class PgDb implements SqlDb {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), params)).rows as T[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.client.query(numbered(sql), params)).rowCount ?? 0;
  }
  async transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    if (!(this.client instanceof pg.Pool)) return fn(this);
    const client = await this.client.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PgDb(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** A postgres:// URL as it may be shown: without its password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'postgres://…';
  }
}

/** Arbitrary but fixed: the advisory lock key under which the schema is migrated. */
const MIGRATION_LOCK = 0x70_70_5f_73;

export class PostgresStore extends SqlStore {
  readonly location: string;
  protected readonly db: PgDb;

  private constructor(readonly url: string, readonly pool: pg.Pool) {
    super();
    this.location = displayUrl(url);
    this.db = new PgDb(pool);
  }

  /** Connects and migrates the schema to this version (creating it in an empty database). */
  static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'partner-presence' });
    // A connection lost while idle (server restart) is the next query's error, not an unhandled event.
    pool.on('error', () => undefined);
    const store = new PostgresStore(url, pool);
    try {
      await migrate(pool, store.location);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  isStoreError(error: unknown): boolean {
    return error instanceof pg.DatabaseError || (error as NodeJS.ErrnoException)?.code === 'ECONNREFUSED' ||
      /Connection terminated/.test((error as Error)?.message ?? '');
  }
}

async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS partner_presence_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM partner_presence_schema');
    const version = rows[0]?.version ?? 0;
    if (version > SCHEMA_VERSION) throw new SchemaTooNewError(where, version);
    for (let v = version; v < SCHEMA_VERSION; v++) await client.query(migration(v, 'postgres'));
    if (rows.length === 0) await client.query('INSERT INTO partner_presence_schema (version) VALUES ($1)', [SCHEMA_VERSION]);
    else await client.query('UPDATE partner_presence_schema SET version = $1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
