// Batches past one machine, for real: a throw-away PostgreSQL 15, fixture partner sites, and the CLI's
// `batch --store`, `worker`, `status` and `report --store` as separate processes. Three workers share
// a run and every partner ends with exactly one result; a worker SIGKILLed mid-audit has its partner
// audited again by another once the lease expires, and one whose worker dies each time is recorded as
// failed with the reason after MAX_CRASHES tries; SIGTERM puts a partner back on the queue; two
// partners on one registrable domain are never crawled at once (from the fixture server's access
// log); and the verdicts are those of the same list run with SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { parse as parseCsv } from 'csv-parse/sync';
import { startFixtureServer, SITES_ROOT, type FixtureServer } from '../fixtures/server.ts';
import { cloneStaticSite } from './batch-helpers.ts';
import { POSTGRES_MISSING, testPostgres, type TestPostgres } from './support/postgres.ts';
import { MAX_CRASHES } from '../src/store/index.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'partner-presence.js');
let postgres: TestPostgres | null = null;
let server: FixtureServer;
let dir: string;
let expectedChecks: Record<string, string>;
const urls: Record<string, string> = {};

beforeAll(async () => {
  postgres = await testPostgres();
  if (!postgres) {
    console.warn(POSTGRES_MISSING);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'pp-distributed-'));
  const sites = join(dir, 'sites');
  // Two partners on one registrable domain (twin.test), on hosts of their own so the log tells them apart.
  const clones: [string, number][] = [['w1', 0], ['w2', 0], ['w3', 0], ['w4', 0], ['alpha.twin', 20], ['beta.twin', 20], ['slow', 250]];
  const made = clones.map(([name, delay]) => [name, cloneStaticSite(sites, name, delay)] as const);
  server = await startFixtureServer({ root: sites });
  for (const [name, clone] of made) urls[name] = clone.startUrl(server.port);
  expectedChecks = JSON.parse(readFileSync(join(SITES_ROOT, 'static', 'expected.json'), 'utf8')).checks;
});

afterAll(async () => {
  await server?.close();
  await postgres?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const crawlArgs = () => [
  '--as-of', '2026-11-29', '--render', 'never', '--delay-ms', '0', '--allow-private',
  ...server.resolveArgs().flatMap((r) => ['--resolve', r]),
];

interface Cli { child: ChildProcess; done: Promise<{ code: number | null; out: string }> }

function cli(args: string[]): Cli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))) };
}

function list(name: string, partners: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `name,homepage\n${partners.map((p) => `${p},${urls[p]}`).join('\n')}\n`);
  return path;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Row { partner_id: string; state: string; attempts: number; crashes: number; worker: string | null; results: number; checks: number }
const partnerRows = (url: string) => query<Row>(url, `
  SELECT p.partner_id, p.state, p.attempts, p.crashes, p.worker,
    (SELECT CAST(COUNT(*) AS INTEGER) FROM evidence e WHERE e.run_id = p.run_id AND e.partner_id = p.partner_id) AS results,
    (SELECT CAST(COUNT(*) AS INTEGER) FROM checks c WHERE c.run_id = p.run_id AND c.partner_id = p.partner_id) AS checks
  FROM partners p ORDER BY p.position`);

const csvStatuses = (file: string) =>
  (parseCsv(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => [r.id, ...Object.keys(expectedChecks).map((c) => r[c])]);

describe('PostgreSQL store and job queue', () => {
  it('three workers share a run: one result per partner, twins never crawled at once, the verdicts of SQLite', { timeout: 240_000 }, async (context) => {
    if (!postgres) return context.skip();
    const url = await postgres.createDatabase('shared_run');
    const partners = ['w1', 'w2', 'w3', 'w4', 'alpha.twin', 'beta.twin'];
    const file = list('shared.csv', partners);
    const queued = await cli(['batch', file, '--store', url, ...crawlArgs()]).done;
    expect(queued.code, queued.out).toBe(0);
    expect(queued.out).toMatch(/Run 1: 6 partners queued/);
    server.clearLog();
    const workers = [0, 1, 2].map(() => cli(['worker', '--store', url, '--concurrency', '2']));
    const results = await Promise.all(workers.map((w) => w.done));
    for (const r of results) expect(r.code, r.out).toBe(0);

    const rows = await partnerRows(url);
    expect(rows.map((r) => [r.partner_id, r.state, r.results, r.checks])).toEqual(partners.map((p) => [p.replace('.', '-'), 'done', 1, 6]));
    expect(new Set(rows.map((r) => r.worker)).size).toBeGreaterThanOrEqual(2); // the work was shared
    expect(await query(url, "SELECT state FROM runs")).toEqual([{ state: 'finished' }]);

    // The twins' crawls, as the server saw them, do not overlap in time.
    const window = (host: string) => {
      const times = server.log.filter((e) => e.host.endsWith(host)).map((e) => e.time);
      return [Math.min(...times), Math.max(...times)] as const;
    };
    const [a, b] = [window('alpha.twin.test'), window('beta.twin.test')];
    expect(a[1] < b[0] || b[1] < a[0], `alpha ${a}, beta ${b}`).toBe(true);

    const status = await cli(['status', '--store', url]).done;
    expect(status.out).toMatch(/Run 1 .*: finished[\s\S]*queued  0[\s\S]*running 0[\s\S]*done    6[\s\S]*failed  0/);

    const fromPostgres = join(dir, 'out-pg');
    const report = await cli(['report', '--store', url, '--out', fromPostgres]).done;
    expect(report.code, report.out).toBe(0);
    const fromSqlite = join(dir, 'out-sqlite');
    const sqlite = await cli(['batch', file, '--out', fromSqlite, ...crawlArgs()]).done;
    expect(sqlite.code, sqlite.out).toBe(0);
    expect(csvStatuses(join(fromPostgres, 'summary.csv'))).toEqual(csvStatuses(join(fromSqlite, 'summary.csv')));
    expect(csvStatuses(join(fromPostgres, 'summary.csv'))).toEqual(partners.map((p) => [p.replace('.', '-'), ...Object.values(expectedChecks)]));
    for (const p of partners.map((x) => x.replace('.', '-'))) {
      const fromPg = JSON.parse(readFileSync(join(fromPostgres, 'reports', `${p}.json`), 'utf8'));
      const fromLite = JSON.parse(readFileSync(join(fromSqlite, 'reports', `${p}.json`), 'utf8'));
      expect(fromPg.checks.map((c: { status: string }) => c.status)).toEqual(fromLite.checks.map((c: { status: string }) => c.status));
    }
    expect(readFileSync(join(fromPostgres, 'index.html'), 'utf8')).toContain('reports/w1.html');

    // report --as-of re-judges from the stored evidence: a year later P3.2's window has moved on.
    const later = await cli(['report', '--store', url, '--out', fromPostgres, '--as-of', '2027-11-29']).done;
    expect(later.out).toMatch(/re-evaluated as of 2027-11-29/);
    expect((parseCsv(readFileSync(join(fromPostgres, 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[])[0]!['P3.2']).toBe('fail');
  });

  it('a SIGKILLed worker\'s partner is audited again by another after its lease; SIGTERM puts a partner back on the queue', { timeout: 240_000 }, async (context) => {
    if (!postgres) return context.skip();
    const url = await postgres.createDatabase('lost_worker');
    const file = list('lost.csv', ['slow', 'w1']);
    const queued = await cli(['batch', file, '--store', url, '--lease', '6s', ...crawlArgs()]).done;
    expect(queued.code, queued.out).toBe(0);

    // SIGTERM: the partner in flight goes back on the queue, nothing of it stored.
    const polite = cli(['worker', '--store', url, '--concurrency', '1']);
    await waitFor(async () => (await partnerRows(url)).some((r) => r.partner_id === 'slow' && r.state === 'running'), 'slow to be running');
    polite.child.kill('SIGTERM');
    const stopped = await polite.done;
    expect(stopped.code, stopped.out).toBe(130);
    expect((await partnerRows(url)).find((r) => r.partner_id === 'slow')).toMatchObject({ state: 'pending', results: 0, crashes: 0 });
    const status = await cli(['status', '--store', url]).done;
    const queuedNow = (await partnerRows(url)).filter((r) => r.state === 'pending').length; // w1 may have gone first
    expect(status.out).toMatch(new RegExp(`queued  ${queuedNow}\\n  running 0`));

    // SIGKILL: the lease runs out and another worker audits the partner again.
    const doomed = cli(['worker', '--store', url, '--concurrency', '1']);
    await waitFor(async () => (await partnerRows(url)).some((r) => r.partner_id === 'slow' && r.state === 'running'), 'slow to be running again');
    const doomedWorker = (await partnerRows(url)).find((r) => r.partner_id === 'slow')!.worker;
    doomed.child.kill('SIGKILL');
    await doomed.done;
    // Until its lease runs out, the partner shows as running on the dead worker.
    const whileLost = await cli(['status', '--store', url]).done;
    expect(whileLost.out).toContain(`running 1\n    slow on ${doomedWorker} since `);
    const rescuer = await cli(['worker', '--store', url, '--concurrency', '1']).done;
    expect(rescuer.code, rescuer.out).toBe(0);
    const rows = await partnerRows(url);
    expect(rows.map((r) => [r.partner_id, r.state, r.results, r.checks])).toEqual([['slow', 'done', 1, 6], ['w1', 'done', 1, 6]]);
    const slow = rows.find((r) => r.partner_id === 'slow')!;
    expect([slow.attempts, slow.crashes]).toEqual([3, 1]);
    expect(slow.worker).not.toBe(doomedWorker);
    expect(await query(url, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM (SELECT partner_id, url FROM pages GROUP BY partner_id, url HAVING COUNT(*) > 1) d')).toEqual([{ n: 0 }]);
  });

  it(`a partner whose worker dies each time it is audited is recorded as failed, with the reason, after ${MAX_CRASHES} tries`, { timeout: 240_000 }, async (context) => {
    if (!postgres) return context.skip();
    const url = await postgres.createDatabase('deadly_partner');
    const queued = await cli(['batch', list('deadly.csv', ['slow']), '--store', url, '--lease', '6s', ...crawlArgs()]).done;
    expect(queued.code, queued.out).toBe(0);
    for (let attempt = 1; attempt <= MAX_CRASHES; attempt++) {
      const doomed = cli(['worker', '--store', url, '--concurrency', '1']);
      await waitFor(async () => (await partnerRows(url)).some((r) => r.state === 'running' && r.attempts === attempt), `attempt ${attempt}`);
      doomed.child.kill('SIGKILL');
      await doomed.done;
    }
    const last = await cli(['worker', '--store', url, '--concurrency', '1']).done;
    expect(last.code, last.out).toBe(0);
    expect(await partnerRows(url)).toMatchObject([{ partner_id: 'slow', state: 'failed', attempts: MAX_CRASHES, crashes: MAX_CRASHES, results: 0 }]);
    const [{ error }] = await query<{ error: string }>(url, 'SELECT error FROM partners');
    expect(error).toMatch(new RegExp(`died .* each of the ${MAX_CRASHES} times`));
    const status = await cli(['status', '--store', url]).done;
    expect(status.out).toMatch(/: finished\n[\s\S]*failed  1/);
  });
});
