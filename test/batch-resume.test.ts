// `partner-presence batch` as a child process, killed with SIGKILL in the middle, stopped with
// SIGINT, and resumed with --resume: every partner ends up audited exactly once in the final results,
// finished partners are never crawled again, and a partner in flight is audited again from the start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { parse as parseCsv } from 'csv-parse/sync';
import { startFixtureServer, SITES_ROOT, type FixtureServer } from '../fixtures/server.ts';
import { cloneStaticSite } from './batch-helpers.ts';

const PARTNERS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const ROOT = join(import.meta.dirname, '..');
let server: FixtureServer;
let dir: string;
let expectedChecks: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-resume-'));
  const sitesRoot = join(dir, 'sites');
  // Slow pages make "the middle" of the run last long enough to kill it there.
  const clones = PARTNERS.map((name) => cloneStaticSite(sitesRoot, name, 80));
  server = await startFixtureServer({ root: sitesRoot });
  expectedChecks = JSON.parse(readFileSync(join(SITES_ROOT, 'static', 'expected.json'), 'utf8')).checks;
  writeFileSync(
    join(dir, 'list.csv'),
    `name,homepage\n${PARTNERS.map((name, i) => `${name},${clones[i]!.startUrl(server.port)}`).join('\n')}\n`,
  );
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startBatch(extra: string[] = []): { child: ChildProcess; exit: Promise<number | null>; output: () => string } {
  const args = [
    join(ROOT, 'bin', 'partner-presence.js'), 'batch', join(dir, 'list.csv'), '--out', join(dir, 'out'),
    '--as-of', '2026-11-29', '--concurrency', '2', '--render', 'never', '--delay-ms', '0', '--allow-private',
    ...server.resolveArgs().flatMap((r) => ['--resolve', r]), ...extra,
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

interface PartnerState { partner_id: string; state: string; attempts: number }

function partnerStates(): PartnerState[] {
  const file = join(dir, 'out', 'results.sqlite');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT partner_id, state, attempts FROM partners ORDER BY position').all() as PartnerState[];
  } catch {
    return []; // schema not created yet
  } finally {
    db.close();
  }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const hostsOf = (ids: string[]) => new Set(ids.map((id) => `www.${id}.test`));

describe('batch killed, interrupted and resumed', () => {
  it('ends with every partner audited exactly once and nothing lost', { timeout: 180_000 }, async () => {
    // 1. SIGKILL once a partner is finished and others are in flight.
    const first = startBatch();
    await waitUntil(() => partnerStates().some((p) => p.state === 'done'), 'a finished partner');
    first.child.kill('SIGKILL');
    expect(await first.exit).toBe(null);
    const afterKill = partnerStates();
    const doneBeforeKill = afterKill.filter((p) => p.state === 'done').map((p) => p.partner_id);
    const inFlightAtKill = afterKill.filter((p) => p.state === 'running').map((p) => p.partner_id);
    expect(doneBeforeKill.length).toBeGreaterThanOrEqual(1);
    expect(inFlightAtKill.length).toBeGreaterThanOrEqual(1);

    // 2. Resume; stop it with SIGINT once one more partner is finished.
    server.clearLog();
    const second = startBatch(['--resume']);
    await waitUntil(() => partnerStates().filter((p) => p.state === 'done').length > doneBeforeKill.length, 'another finished partner');
    second.child.kill('SIGINT');
    expect(await second.exit, second.output()).toBe(130);
    expect(second.output()).toMatch(/Resuming run 1/);
    expect(second.output()).toMatch(/--resume/);
    const afterInterrupt = partnerStates();
    // A clean stop leaves no partner half-done: each is finished or to be done again.
    expect(afterInterrupt.every((p) => p.state === 'done' || p.state === 'pending'), JSON.stringify(afterInterrupt)).toBe(true);
    for (const id of inFlightAtKill) expect(afterInterrupt.find((p) => p.partner_id === id)!.attempts).toBeGreaterThanOrEqual(2);
    const requestedAfterKill = new Set(server.log.map((e) => e.host));
    for (const host of hostsOf(doneBeforeKill)) expect(requestedAfterKill.has(host), host).toBe(false);
    const doneBeforeInterrupt = afterInterrupt.filter((p) => p.state === 'done').map((p) => p.partner_id);

    // 3. Resume to the end.
    server.clearLog();
    const third = startBatch(['--resume']);
    expect(await third.exit, third.output()).toBe(0);
    const requestedAtEnd = new Set(server.log.map((e) => e.host));
    for (const host of hostsOf(doneBeforeInterrupt)) expect(requestedAtEnd.has(host), host).toBe(false);

    const db = new Database(join(dir, 'out', 'results.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT id, state FROM runs').all()).toEqual([{ id: 1, state: 'finished' }]);
      const rows = db.prepare('SELECT partner_id, state, attempts FROM partners ORDER BY position').all() as PartnerState[];
      expect(rows.map((r) => [r.partner_id, r.state])).toEqual(PARTNERS.map((id) => [id, 'done']));
      for (const id of doneBeforeKill) expect(rows.find((r) => r.partner_id === id)!.attempts).toBe(1);
      // Exactly one result per partner: one evidence row, one set of checks, pages without duplicates.
      expect(db.prepare('SELECT partner_id, COUNT(*) AS n FROM evidence GROUP BY partner_id ORDER BY partner_id').all())
        .toEqual([...PARTNERS].sort().map((id) => ({ partner_id: id, n: 1 })));
      expect(db.prepare('SELECT COUNT(*) AS n FROM checks').get()).toEqual({ n: PARTNERS.length * 6 });
      expect(db.prepare('SELECT COUNT(*) AS n FROM (SELECT partner_id, url FROM pages GROUP BY partner_id, url HAVING COUNT(*) > 1)').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const csv = parseCsv(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.id)).toEqual(PARTNERS);
    for (const row of csv) {
      expect(row.error, row.id).toBe('');
      for (const [check, status] of Object.entries(expectedChecks)) expect(row[check], `${row.id} ${check}`).toBe(status);
      expect(existsSync(join(dir, 'out', 'reports', `${row.id}.json`))).toBe(true);
    }
    expect(third.output()).toMatch(/Run 1, as of 2026-11-29/);
  });
});
