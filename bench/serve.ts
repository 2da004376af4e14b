// npm run bench:serve [-- --connections 100 --duration 10 --streams 50 --audits 200]
//
// Runs `partner-presence serve` as operators do (its own process, so its RSS is its own) over a data
// directory holding 200 stored audits (one real audit of the demo site, stored again under other
// sites' names), then measures with autocannon under 100 concurrent clients: the self-check page, a
// finished report page, the status API, and a static file as the framework's ceiling on this machine.
// Before the load, it reads the server's RSS at rest and with 50 event streams open on a running audit.
// Each endpoint gets a short warm-up first. The client runs on the same 2 cores as the server, so the
// static file's figure is the ceiling the others compare with. The last line is machine-readable.

import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { ServiceStore } from '../src/service/store.ts';
import { newAuditId } from '../src/service/scheduler.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    streams: { type: 'string', default: '50' },
    audits: { type: 'string', default: '200' },
  },
});
const CONNECTIONS = Number(values.connections);
const DURATION_S = Number(values.duration);
const STREAMS = Number(values.streams);
const AUDITS = Number(values.audits);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function serve(fixtures: FixtureServer, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const args = [
    join(ROOT, 'bin/partner-presence.js'), 'serve', '--port', '0', '--data', dataDir, '--max-running', '2',
    '--audits-per-hour', '1000', '--allow-address', '127.0.0.1', '--delay-ms', '0', '--render', 'never',
    ...fixtures.resolveArgs().flatMap((entry) => ['--resolve', entry]),
  ];
  // The V8 flags of the command's shebang (bin/partner-presence.js), which a spawned node does not read.
  const child = spawn(process.execPath, ['--max-old-space-size=768', '--optimize-for-size', ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /serving (http:\/\/\S+?)\/ /.exec(stderr)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

async function startAudit(url: string, homepage: string): Promise<string> {
  const res = await fetch(`${url}/api/audits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage, asOf: '2026-11-29' }) });
  return ((await res.json()) as { id: string }).id;
}

async function waitDone(url: string, id: string): Promise<void> {
  for (;;) {
    const status = (await (await fetch(`${url}/api/audits/${id}`)).json()) as { state: string };
    if (status.state === 'done') return;
    if (status.state === 'failed') throw new Error(`audit ${id} failed`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stores the finished audit again as `count` other sites' audits (the service's own tables and rows). */
async function seedAudits(dataDir: string, sourceId: string, count: number): Promise<void> {
  const store = ServiceStore.open(dataDir);
  try {
    const source = (await store.serviceAudit(sourceId))!;
    const evidence = (await store.loadEvidence(source.runId, source.partnerId))!;
    const checks = await store.checks(source.runId, source.partnerId, source.asOf);
    for (let i = 0; i < count; i++) {
      const site = `bench-${i}.test`;
      const run = await store.startRun({
        inputPath: 'web', inputSha256: site, asOf: source.asOf, options: {}, extraColumns: [],
        partners: [{ id: `visitor:${site}`, name: site, homepage: `https://${site}/`, notes: '', extra: {}, line: 1 }],
      });
      await store.addServiceAudits([{ id: newAuditId(), kind: 'visitor', site, runId: run.id, partnerId: `visitor:${site}` }]);
      await store.markStarted(run.id, `visitor:${site}`, 'bench');
      await store.saveResult(run.id, `visitor:${site}`, {
        evidence, asOf: source.asOf, summary: source.summary!, durationMs: 1000,
        checks: checks.map((c) => ({
          id: c.checkId, title: c.checkId, status: c.status, outcome: { id: 'outcome.check-error', values: { error: c.summary } }, advice: [],
          summary: c.summary, evidence: [], recommendation: null, informational: false, validUntil: null,
        })),
      });
      await store.finishRun(run.id, 'finished');
    }
  } finally {
    await store.close();
  }
}

async function measure(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  // As browsers ask: compressed where the server offers it.
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Opens an event stream and keeps it open; resolves once the first event arrived. */
function openStream(url: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.once('data', () => resolve(() => req.destroy()));
    });
    req.on('error', reject);
    req.end();
  });
}

const fixtures = await startFixtureServer({ sites: ['demo', 'static'] });
const dataDir = mkdtempSync(join(tmpdir(), 'pp-bench-serve-'));
try {
  let server = await serve(fixtures, dataDir);
  const reportId = await startAudit(server.url, fixtures.url('www.harbourline.test', '/'));
  await waitDone(server.url, reportId);
  await stop(server.child);
  await seedAudits(dataDir, reportId, AUDITS - 1);

  server = await serve(fixtures, dataDir);
  const pid = server.child.pid!;
  const idleRss = rssMb(pid);
  fixtures.route('www.northwind.test', '/*', { delayMs: 2000 });
  const runningId = await startAudit(server.url, fixtures.url('www.northwind.test', '/'));
  const closers = await Promise.all(Array.from({ length: STREAMS }, () => openStream(`${server.url}/api/audits/${runningId}/events`)));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const streamsRss = rssMb(pid);
  console.log(`RSS of the server with ${AUDITS} stored audits: ${idleRss} MB; with ${STREAMS} event streams open on a running audit: ${streamsRss} MB`);
  for (const close of closers) close();
  // The load below is measured with no audit running.
  fixtures.route('www.northwind.test', '/*', { delayMs: 0 });
  await waitDone(server.url, runningId);

  const rows: [string, string][] = [
    ['self-check page  GET /', '/'],
    ['finished report  GET /audits/<id>', `/audits/${reportId}`],
    ['status API       GET /api/audits/<id>', `/api/audits/${reportId}`],
    ['static file      GET /static/service.css (ceiling)', '/static/service.css'],
  ];
  const results: Record<string, { rps: number; p99: number; errors: number }> = {};
  await fetch(`${server.url}/audits/${reportId}`); // the report is rendered once, then served from memory
  for (const [label, path] of rows) {
    results[path] = await measure(`${server.url}${path}`);
    const r = results[path]!;
    console.log(`${label.padEnd(52)} ${String(r.rps).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms${r.errors ? `  (${r.errors} errors)` : ''}`);
  }

  await stop(server.child);

  const self = results['/']!;
  const report = results[`/audits/${reportId}`]!;
  const status = results[`/api/audits/${reportId}`]!;
  const ceiling = results['/static/service.css']!;
  console.log(
    `connections=${CONNECTIONS} selfcheck_rps=${self.rps} selfcheck_p99_ms=${self.p99} report_rps=${report.rps} report_p99_ms=${report.p99} ` +
      `status_rps=${status.rps} status_p99_ms=${status.p99} static_rps=${ceiling.rps} audits=${AUDITS} rss_mb=${idleRss} streams=${STREAMS} rss_streams_mb=${streamsRss}`,
  );
} finally {
  await fixtures.close();
  rmSync(dataDir, { recursive: true, force: true });
}
