// Where results go: a postgres:// URL (from --store or PARTNER_PRESENCE_STORE) is a shared PostgreSQL
// database; anything else means the default, DIR/results.sqlite.

import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

export * from './types.ts';
export { RESULTS_FILE, SqliteStore } from './sqlite.ts';
export { PostgresStore, displayUrl } from './postgres.ts';
export { SCHEMA_VERSION } from './schema.ts';
export { postgresUrl, STORE_ENV } from './location.ts';

/** Opens the store: PostgreSQL at `url`, else SQLite in `dir`. */
export async function openStore(url: string | null, dir: string): Promise<Store> {
  return url ? PostgresStore.open(url) : SqliteStore.open(dir);
}
