// A throw-away PostgreSQL 15 for tests and benches: initdb in a temporary folder (as the postgres user
// when run as root: initdb refuses root), listening on 127.0.0.1 on a free port, fsync off, stopped
// and removed afterwards. Absent binaries give null, and the caller skips with a message (CI installs
// them).
//
// In a vitest run the test files share one server (a server start costs seconds on a loaded machine):
// the first file that asks starts it, the others wait for it, and test/support/postgres-setup.ts stops
// it when the run ends. A run with no file that asks starts none.

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const POSTGRES_MISSING = `PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15): skipping the PostgreSQL tests`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the run's shared server is recorded (see postgres-setup.ts). */
    sharedPostgresDir: string;
  }
}

export interface TestPostgres {
  port: number;
  /** A fresh empty database's URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops and removes a server of one's own; nothing for the run's shared server. */
  stop(): Promise<void>;
}

/** A server's folder (data, log, socket) and port. */
interface ServerPlace {
  dir: string;
  port: number;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

function pgCommand(command: string, args: string[]): void {
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { stdio: 'pipe' });
  else execFileSync(join(PG_BIN, command), args, { stdio: 'pipe' });
}

async function startServer(): Promise<ServerPlace | null> {
  if (!existsSync(join(PG_BIN, 'initdb'))) return null;
  const dir = mkdtempSync(join(tmpdir(), 'pp-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  pgCommand('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  pgCommand('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  return { dir, port };
}

export function stopServer(dir: string): void {
  try {
    pgCommand('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function handle(port: number, stop: () => Promise<void>): TestPostgres {
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}

/** A server of one's own (benches). */
export async function startPostgres(): Promise<TestPostgres | null> {
  const place = await startServer();
  return place && handle(place.port, async () => stopServer(place.dir));
}

/** Where the shared server is recorded in the run's folder, once started (postgres-setup.ts stops it). */
export const SHARED_SERVER_FILE = 'server.json';
type SharedServer = ServerPlace | { missing: true } | { error: string };

/**
 * The test run's shared server (database names must differ between test files); outside a run set
 * up by postgres-setup.ts (another vitest config), a server of the file's own.
 */
export async function testPostgres(): Promise<TestPostgres | null> {
  // Imported here, not above: benches use this module outside vitest.
  const { inject } = await import('vitest');
  const shared = inject('sharedPostgresDir');
  if (!shared) return startPostgres();
  const record = join(shared, SHARED_SERVER_FILE);
  let server: SharedServer;
  try {
    mkdirSync(join(shared, 'starting')); // one file of the run starts it
    try {
      server = (await startServer()) ?? { missing: true };
    } catch (error) {
      server = { error: (error as Error).message };
    }
    writeFileSync(`${record}.tmp`, JSON.stringify(server));
    renameSync(`${record}.tmp`, record);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (let waited = 0; !existsSync(record); waited += 100) {
      if (waited > 180_000) throw new Error('the shared PostgreSQL server did not start within 3 minutes');
      await sleep(100);
    }
    server = JSON.parse(readFileSync(record, 'utf8')) as SharedServer;
  }
  if ('error' in server) throw new Error(`the shared PostgreSQL server did not start: ${server.error}`);
  if ('missing' in server) return null;
  return handle(server.port, async () => undefined);
}
