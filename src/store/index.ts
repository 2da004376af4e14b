// Where results go: a postgres:// URL (from --store or PARTNER_PRESENCE_STORE) is a shared PostgreSQL
// database; anything else means the default, DIR/results.sqlite.

import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export * from './types.ts';
export { RESULTS_FILE, SqliteStore } from './sqlite.ts';
export { PostgresStore, displayUrl } from './postgres.ts';
export { SCHEMA_VERSION } from './schema.ts';

export const STORE_ENV = 'PARTNER_PRESENCE_STORE';

/** The postgres URL asked for by --store or $PARTNER_PRESENCE_STORE, or null for SQLite. */
export function postgresUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = flag ?? env[STORE_ENV];
  if (value === undefined || value === '' || value === 'sqlite') return null;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new RangeError(`--store takes a postgres://… URL (or "sqlite"), got "${value}"`);
  return value;
}

/** Opens the store: PostgreSQL at `url`, else SQLite in `dir`. */
export async function openStore(url: string | null, dir: string): Promise<Store> {
  return url ? PostgresStore.open(url) : SqliteStore.open(dir);
}
