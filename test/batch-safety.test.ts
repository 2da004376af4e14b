// The batch loses nothing when the disk or the process fails: a report that cannot be written stops
// the run without touching stored results, a kill between storing and writing is repaired by
// --resume, one process at a time works on a directory (an OS lock, not a process id), and a partner
// that kills the process every time is given up after MAX_CRASHES instead of stopping every resume.
// Real batch processes (the CLI), a real fixture server, real SQLite files, real SIGKILLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { createProgress } from '../src/batch/progress.ts';
import { runBatch, type BatchSettings } from '../src/batch/run.ts';
import { summarizeReport } from '../src/batch/summary.ts';
import { evaluate } from '../src/evaluate.ts';
import { MAX_CRASHES, SqliteStore } from '../src/store/index.ts';
import type { Report } from '../src/types.ts';
import { cloneStaticSite } from './batch-helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'partner-presence.js');
let server: FixtureServer;
let dir: string;
const urls: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pp-safety-'));
  const sitesRoot = join(dir, 'sites');
  const clones = { alpha: 0, bravo: 0, locka: 0, lockb: 0, crasher: 300 } as Record<string, number>;
  const made = Object.entries(clones).map(([name, delay]) => [name, cloneStaticSite(sitesRoot, name, delay)] as const);
  server = await startFixtureServer({ root: sitesRoot });
  for (const [name, clone] of made) urls[name] = clone.startUrl(server.port);
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function list(file: string, names: string[]): string {
  const path = join(dir, file);
  writeFileSync(path, `name,homepage\n${names.map((n) => `${n},${urls[n]}`).join('\n')}\n`);
  return path;
}

const crawlArgs = () => [
  '--as-of', '2026-11-29', '--render', 'never', '--delay-ms', '0', '--allow-private',
  ...server.resolveArgs().flatMap((r) => ['--resolve', r]),
];

interface Cli { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }>; stdout: () => string }

function cli(args: string[], command = process.execPath, prefix: string[] = [BIN]): Cli {
  const child = spawn(command, [...prefix, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stdout: () => stdout };
}

interface PartnerState { partner_id: string; state: string; crashes: number; error: string | null }

function partnerStates(out: string): PartnerState[] {
  const file = join(out, 'results.sqlite');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT partner_id, state, crashes, error FROM partners WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY position').all() as PartnerState[];
  } catch {
    return []; // schema not created yet
  } finally {
    db.close();
  }
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const reportOf = (out: string, id: string) => JSON.parse(readFileSync(join(out, 'reports', `${id}.json`), 'utf8')) as Report;

describe('batch safety', () => {
  it('a report that cannot be written stops the run with one message and keeps the stored audit; --resume writes it', async () => {
    const out = join(dir, 'out-write');
    const file = list('write.csv', ['alpha', 'bravo']);
    // A directory where alpha's report goes: the rename onto it fails as on a full disk.
    mkdirSync(join(out, 'reports', 'alpha.json', 'in-the-way'), { recursive: true });
    const first = await cli(['batch', file, '--out', out, '--concurrency', '1', ...crawlArgs()]).done;
    expect(first.code, first.stderr).toBe(3);
    const messages = first.stderr.split('\n').filter((l) => l.startsWith('partner-presence batch:'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/stopped: cannot write .*reports\/alpha\.json: .*--resume/);
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(partnerStates(out).map((p) => [p.partner_id, p.state])).toEqual([['alpha', 'done'], ['bravo', 'pending']]);
    const store = SqliteStore.open(out);
    expect((await store.loadEvidence(1, 'alpha'))?.pages.length).toBeGreaterThan(1);
    await store.close();

    rmSync(join(out, 'reports', 'alpha.json'), { recursive: true });
    server.clearLog();
    const resumed = await cli(['batch', file, '--out', out, '--resume', ...crawlArgs()]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(server.log.filter((e) => e.host.endsWith('alpha.test'))).toEqual([]); // not crawled again
    expect(reportOf(out, 'alpha').homepage).toBe(`http://www.alpha.test:${server.port}/`);
    expect(reportOf(out, 'bravo').homepage).toBe(`http://www.bravo.test:${server.port}/`);
    expect(partnerStates(out).map((p) => p.state)).toEqual(['done', 'done']);
  });

  it('--resume rewrites a report the kill left stale and removes the temporary file', async () => {
    const out = join(dir, 'out-stale');
    const file = list('stale.csv', ['alpha']);
    const settings: BatchSettings = {
      outDir: out, asOf: '2026-11-29', concurrency: 1, keepHtml: false, resume: false,
      crawl: { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, render: 'never' },
    };
    const quiet = () => createProgress({ write: () => true });
    await runBatch(file, settings, quiet(), new AbortController().signal);
    expect(reportOf(out, 'alpha').asOf).toBe('2026-11-29');

    // Run 2 stored alpha's new outcome, then the process was killed before writing its report: exactly
    // what a SIGKILL between the commit and the rename leaves (with the half-written temporary file).
    const store = SqliteStore.open(out);
    const [alpha] = await store.partners(1);
    const evidence = (await store.loadEvidence(1, 'alpha'))!;
    const run1 = (await store.run(1))!;
    const run2 = await store.startRun({ inputPath: file, inputSha256: run1.inputSha256, asOf: '2027-11-29',
      options: { ...run1.options, asOf: '2027-11-29' }, extraColumns: [], partners: [alpha!] });
    await store.markStarted(run2.id, 'alpha', 'test:1');
    const report = evaluate(evidence, '2027-11-29');
    await store.saveResult(run2.id, 'alpha', { evidence, checks: report.checks, asOf: '2027-11-29', summary: summarizeReport(report), durationMs: 1 });
    await store.close();
    writeFileSync(join(out, 'reports', 'alpha.json.4242.tmp'), '{"half":');

    const outcome = await runBatch(file, { ...settings, resume: true }, quiet(), new AbortController().signal);
    expect([outcome.run.id, outcome.state]).toEqual([2, 'finished']);
    expect(reportOf(out, 'alpha').asOf).toBe('2027-11-29');
    expect(readFileSync(join(out, 'reports', 'alpha.html'), 'utf8')).toContain('2027-11-29');
    expect(readdirSync(join(out, 'reports')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a second process on one directory, and a killed batch (even a zombie) never blocks --resume', { timeout: 180_000 }, async () => {
    const out = join(dir, 'out-lock');
    const file = list('lock.csv', ['locka', 'lockb']);
    // The first batch's first homepage request hangs, so that batch is surely still running while the
    // others try; the resume's request is answered at once.
    server.route('www.locka.test', '/', { delayMs: 120_000, times: 1 });
    const args = ['batch', file, '--out', out, '--concurrency', '1', '--timeout', '150s', ...crawlArgs()];
    // The batch runs as the child of a shell that then becomes `sleep` and never reaps it: once killed,
    // the batch stays a zombie whose process id is still "alive" to kill(pid, 0).
    const holder = cli([`"$0" "$@" & echo "pid $!"; exec sleep 120`, process.execPath, BIN, ...args], 'sh', ['-c']);
    try {
      await waitUntil(() => partnerStates(out).some((p) => p.state === 'running'), 'the first batch to start a partner');
      const second = await cli(args).done;
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toMatch(/in use by another partner-presence process/);
      const resumeWhileRunning = await cli([...args, '--resume']).done;
      expect(resumeWhileRunning.code, resumeWhileRunning.stderr).toBe(2);
      const report = await cli(['report', out]).done;
      expect(report.code, report.stderr).toBe(2);

      let batchPid = 0;
      await waitUntil(() => {
        const pid = /pid (\d+)/.exec(holder.stdout());
        batchPid = pid ? Number(pid[1]) : 0;
        return batchPid > 0;
      }, 'the batch pid');
      process.kill(batchPid, 'SIGKILL');
      await waitUntil(() => /State:\s+Z/.test(readFileSync(`/proc/${batchPid}/status`, 'utf8')), 'the killed batch to be a zombie');
      expect(() => process.kill(batchPid, 0)).not.toThrow(); // its pid still answers

      const resumed = await cli([...args, '--resume']).done;
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(partnerStates(out).map((p) => p.state)).toEqual(['done', 'done']);
    } finally {
      holder.child.kill('SIGKILL');
      await holder.done;
    }
  });

  it('a partner that kills the process on every attempt is recorded as failed, and the run finishes', { timeout: 180_000 }, async () => {
    const out = join(dir, 'out-crash');
    const file = list('crash.csv', ['alpha', 'crasher', 'bravo']);
    let finished: { code: number | null; stdout: string; stderr: string } | null = null;
    let deaths = 0;
    // The process dies whenever it crawls the crasher site, as one that crashes Node or exhausts its memory would make it.
    for (let attempt = 0; attempt < 4 && !finished; attempt++) {
      server.clearLog();
      const run = cli(['batch', file, '--out', out, '--concurrency', '2', ...(attempt > 0 ? ['--resume'] : []), ...crawlArgs()]);
      const killer = setInterval(() => {
        if (server.log.some((e) => e.host.endsWith('crasher.test'))) run.child.kill('SIGKILL');
      }, 5);
      const result = await run.done;
      clearInterval(killer);
      if (result.code === null) deaths++;
      else finished = result;
    }
    expect(finished, 'the run never finished').not.toBeNull();
    expect(deaths).toBe(MAX_CRASHES);
    expect(finished!.code, finished!.stderr).toBe(1); // finished, one partner failed
    const states = partnerStates(out);
    expect(states.map((p) => [p.partner_id, p.state])).toEqual([['alpha', 'done'], ['crasher', 'failed'], ['bravo', 'done']]);
    expect(states[1]!.error).toMatch(/process auditing it died .* 2 times/);
    expect(states[0]!.crashes).toBeLessThan(MAX_CRASHES);
    expect(finished!.stdout).toMatch(/crasher .*process auditing it died/);
  });
});

