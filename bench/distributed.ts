// `npm run bench:distributed`: 60 fixture partner sites crawled with realistic politeness (the default
// 250 ms gap and 2 requests in flight per host, 50 ms answers), queued in one throw-away PostgreSQL 15
// and audited by 1, 2 and 4 worker processes (PARTNERS_PER_WORKER at a time each, low, so that the run
// is bound by politeness, not by this machine's 2 cores). Prints sites/minute for each, the politeness bound (what
// a perfect scheduler would reach with the same slots), the scaling efficiency at 4 workers and each
// worker's peak RSS; the last line is machine-readable.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFixtureServer } from '../fixtures/server.ts';
import { cloneStaticSite } from '../test/batch-helpers.ts';
import { POSTGRES_MISSING, startPostgres } from '../test/support/postgres.ts';

const SITES = 60;
const WORKER_COUNTS = [1, 2, 4];
const PARTNERS_PER_WORKER = 1;
const GAP_MS = 250; // the crawler's default --delay-ms
const MAX_PAGES = 10;
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'partner-presence.js');

/** A CLI process; its stderr (progress lines) is shown only if it fails. */
function run(args: string[], okCodes = [0]): { pid: number; ready: Promise<void>; stop(): void; done: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (/ready: taking jobs/.test(stderr)) markReady();
  });
  return {
    pid: child.pid!,
    ready,
    stop: () => child.kill('SIGTERM'),
    done: new Promise((resolve) => child.on('close', (code) => {
      if (!okCodes.includes(code ?? -1)) process.stderr.write(stderr);
      resolve(code);
    })),
  };
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

const postgres = await startPostgres();
if (!postgres) {
  console.error(POSTGRES_MISSING);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'pp-bench-distributed-'));
const names = Array.from({ length: SITES }, (_, i) => `site${String(i + 1).padStart(2, '0')}`);
const clones = names.map((name) => cloneStaticSite(join(dir, 'sites'), name, 50));
const server = await startFixtureServer({ root: join(dir, 'sites') });
const listFile = join(dir, 'list.csv');
writeFileSync(listFile, `name,homepage\n${names.map((n, i) => `${n},${clones[i]!.startUrl(server.port)}`).join('\n')}\n`);
const crawlArgs = ['--as-of', '2026-11-29', '--render', 'never', '--allow-private', '--max-pages', String(MAX_PAGES),
  ...server.resolveArgs().flatMap((r) => ['--resolve', r])];

interface Result { workers: number; sitesPerMin: number; boundPerMin: number; peakRssMb: number }
const results: Result[] = [];
try {
  for (const workers of WORKER_COUNTS) {
    const url = await postgres.createDatabase(`bench_${workers}`);
    // Workers first, waiting on an empty queue (--watch), so that their start-up is not measured.
    const procs = Array.from({ length: workers }, () => run(['worker', '--store', url, '--watch', '--concurrency', String(PARTNERS_PER_WORKER)], [130]));
    await Promise.all(procs.map((p) => p.ready));
    server.clearLog();
    if ((await run(['batch', listFile, '--store', url, ...crawlArgs]).done) !== 0) throw new Error('enqueueing failed');
    const peak = new Map<number, number>();
    const cpu = new Map<number, number>();
    const sampler = setInterval(() => {
      for (const p of procs) {
        peak.set(p.pid, Math.max(peak.get(p.pid) ?? 0, rssMb(p.pid)));
        cpu.set(p.pid, Math.max(cpu.get(p.pid) ?? 0, cpuSeconds(p.pid)));
      }
    }, 200);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    while ((await client.query("SELECT 1 FROM runs WHERE state = 'finished'")).rowCount === 0) await new Promise((r) => setTimeout(r, 250));
    for (const p of procs) p.stop();
    const codes = await Promise.all(procs.map((p) => p.done));
    clearInterval(sampler);
    if (codes.some((c) => c !== 130)) throw new Error(`a worker failed: exit codes ${codes.join(', ')}`);
    const { rows } = await client.query<{ state: string; started_at: string; audited_at: string }>('SELECT state, started_at, audited_at FROM partners');
    await client.end();
    if (rows.some((r) => r.state !== 'done')) throw new Error(`not every partner was audited: ${JSON.stringify(rows.filter((r) => r.state !== 'done'))}`);
    const start = Math.min(...rows.map((r) => Date.parse(r.started_at)));
    const end = Math.max(...rows.map((r) => Date.parse(r.audited_at)));
    // The politeness floor of one site: its requests, GAP_MS apart (2 in flight do not shorten the gap).
    const requestsPerSite = names.map((n) => server.log.filter((e) => e.host.endsWith(`${n}.test`)).length);
    const siteFloorS = requestsPerSite.reduce((a, n) => a + Math.max(0, n - 1) * GAP_MS, 0) / requestsPerSite.length / 1000;
    const slots = workers * PARTNERS_PER_WORKER;
    results.push({
      workers,
      sitesPerMin: (SITES / ((end - start) / 1000)) * 60,
      boundPerMin: (SITES / (Math.ceil(SITES / slots) * siteFloorS)) * 60,
      peakRssMb: Math.max(...peak.values()),
    });
    const r = results.at(-1)!;
    console.log(`${workers} worker(s) × ${PARTNERS_PER_WORKER} partners: ${r.sitesPerMin.toFixed(1)} sites/min ` +
      `(politeness bound ${r.boundPerMin.toFixed(1)}; ${(requestsPerSite.reduce((a, b) => a + b, 0) / SITES).toFixed(1)} requests a site), ` +
      `${((end - start) / 1000).toFixed(1)} s, peak RSS per worker ${r.peakRssMb.toFixed(0)} MB, ` +
      `CPU ${([...cpu.values()].reduce((a, b) => a + b, 0) / SITES).toFixed(2)} s a site (worker start-up included)`);
  }
} finally {
  await server.close();
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
const one = results[0]!;
const efficiency = results.at(-1)!.sitesPerMin / (results.at(-1)!.workers * one.sitesPerMin);
console.log(`scaling efficiency at ${results.at(-1)!.workers} workers: ${efficiency.toFixed(2)} (goal ≥ 0.85)`);
console.log(
  `workers=${results.map((r) => r.workers).join(',')} sites_per_min=${results.map((r) => r.sitesPerMin.toFixed(1)).join(',')} ` +
    `efficiency=${efficiency.toFixed(2)} rss_mb=${results.map((r) => r.peakRssMb.toFixed(0)).join(',')}`,
);
