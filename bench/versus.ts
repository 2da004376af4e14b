// npm run bench -- --peer crawlee [--pages 2000] [--render never|always] [--runs 3] [--plot FILE] [--baseline DIR]
//
// Side by side with a peer, on the same generated site (bench/site.ts) served from its own process:
// the real `partner-presence audit` command (crawl, analysis, checks, reports) and Crawlee (a bare
// crawler: fetch, parse, enqueue links; CheerioCrawler, or PlaywrightCrawler with --render always),
// each in its own process, interleaved (ours, peer, ours, peer …) so that load from other work on a
// shared machine falls on both alike, 16 requests in flight, no delay. Crawlee is installed from
// bench/peer/package-lock.json on first use, never as a dependency of this project.
//
// Measured per run: wall time from spawn to exit, pages fetched, CPU of the process (all its threads,
// getrusage), and peak memory: the process's peak RSS (getrusage) without rendering; with rendering,
// the sampled peak of the process plus its Chromium processes, counted by proportional set size.
// Printed: each run, the medians, a warning for each run outside [median/2, 2 x median] of its side's
// wall times (one side unsteady: the medians would hide it) and for each run that fetched other than
// the site's pages (not the same work), and a last line
//   pages= ours_pages_per_s= peer_pages_per_s= speed_ratio= ours_rss_mb= peer_rss_mb= memory_ratio= warnings=
// --baseline DIR also runs the audit command of another checkout (say main's, in a detached worktree)
// in each round (baseline, ours, peer …), so that a change is measured against what it changes in the
// same run; its medians and its ratio to ours are printed before the last line.
// --plot FILE also crawls a 5,000-page site once with each and draws pages/s and memory against pages
// crawled (SVG), so that flat memory, or its growth, is visible.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSiteServer } from './site.ts';
import { processRss, treeMemory } from './memory.ts';
import { svgPlot, type Series } from './plot.ts';
import { median, outlierRuns } from './runs.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEER_DIR = join(ROOT, 'bench', 'peer');
const CONCURRENCY = 16;
const CHROMIUM = process.env.PARTNER_PRESENCE_CHROMIUM ?? '/usr/bin/chromium';

export interface VersusOptions {
  pages: number;
  render: 'never' | 'always';
  runs: number;
  plot: string | null;
  /** Another checkout whose audit command is measured in the same rounds. */
  baseline: string | null;
}

interface Sample {
  seconds: number;
  pages: number;
  memoryMb: number;
}

type Contestant = 'ours' | 'peer' | 'baseline';

interface RunFigures {
  who: Contestant;
  pages: number;
  wallS: number;
  pagesPerS: number;
  cpuMsPerPage: number;
  peakMb: number;
  samples: Sample[];
}

/** Installs Crawlee from its lockfile the first time (bench/peer/node_modules is not committed). */
function ensurePeer(): void {
  if (existsSync(join(PEER_DIR, 'node_modules', '@crawlee', 'cheerio'))) return;
  console.log('installing the peer (Crawlee) in bench/peer from its lockfile …');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEER_DIR, stdio: 'inherit' });
}

/** Progress lines: ours "crawling: N pages fetched" (N grouped as the language writes it: 1,204), the peer's "fetched N". */
const PROGRESS = /(?:crawling: ([\d,]+) pages? fetched|^fetched (\d+))/m;

function measure(who: Contestant, command: string[], render: boolean, pagesFrom: (stdout: string) => number, scratch: string): Promise<RunFigures> {
  const usageFile = join(scratch, `usage-${who}.json`);
  rmSync(usageFile, { force: true });
  const env = { ...process.env, NODE_OPTIONS: `--import=${join(ROOT, 'bench', 'usage.mjs')}`, BENCH_USAGE_FILE: usageFile };
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command[0]!, command.slice(1), { cwd: who === 'peer' ? PEER_DIR : dirname(dirname(command[0]!)), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let progress = 0;
    const samples: Sample[] = [];
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      stderr = (stderr + text).slice(-4000);
      for (const line of text.split('\n')) {
        const m = PROGRESS.exec(line);
        if (m) progress = Number((m[1] ?? m[2])!.replaceAll(',', ''));
      }
    });
    // /proc walks for Chromium's processes cost more: sample them less often.
    const sampler = setInterval(() => {
      const bytes = render ? treeMemory(child.pid!, { includeRoot: true }) : processRss(child.pid!);
      if (bytes === 0) return;
      peak = Math.max(peak, bytes);
      samples.push({ seconds: (performance.now() - t0) / 1000, pages: progress, memoryMb: bytes / 2 ** 20 });
    }, render ? 400 : 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const wallS = (performance.now() - t0) / 1000;
      if (!existsSync(usageFile)) return reject(new Error(`${who} exited with ${code} and no usage figures:\n${stderr}`));
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuUs: number };
      const pages = pagesFrom(stdout);
      if (!(pages > 0)) return reject(new Error(`${who} fetched no pages (exit ${code}):\n${stderr}`));
      resolve({
        who,
        pages,
        wallS,
        pagesPerS: pages / wallS,
        cpuMsPerPage: usage.cpuUs / 1000 / pages,
        peakMb: (render ? peak : Math.max(peak, usage.maxRssKb * 1024)) / 2 ** 20,
        samples,
      });
    });
  });
}

function runOurs(port: number, pages: number, render: 'never' | 'always', scratch: string, root = ROOT, who: Contestant = 'ours'): Promise<RunFigures> {
  const json = join(scratch, 'report.json');
  const command = [
    join(root, 'bin', 'partner-presence.js'), 'audit', `http://127.0.0.1:${port}/`,
    '--render', render, '--concurrency', String(CONCURRENCY), '--delay-ms', '0', '--max-pages', String(pages),
    '--max-depth', '50', '--no-sitemaps', '--allow-private', '--time-budget', '3600s', '--timeout', '60s',
    '--as-of', '2026-11-29', '--json', json, ...(render === 'always' ? ['--chromium', CHROMIUM] : []),
  ];
  return measure(who, command, render === 'always', () => {
    const report = JSON.parse(readFileSync(json, 'utf8')) as { crawl?: { pagesFetched?: number } };
    return report.crawl?.pagesFetched ?? 0;
  }, scratch);
}

function runPeer(port: number, render: 'never' | 'always', scratch: string): Promise<RunFigures> {
  // No page count: the site has exactly as many pages as ours is told to fetch, and the peer crawls it out.
  const command = [process.execPath, join(PEER_DIR, 'crawlee.js'), render === 'always' ? 'playwright' : 'cheerio', `http://127.0.0.1:${port}/`, String(CONCURRENCY), CHROMIUM];
  return measure('peer', command, render === 'always', (stdout) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}').pages ?? 0, scratch);
}

/** Pages/s over a sliding window of samples, against pages crawled. */
function rateSeries(samples: Sample[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let i = 0, j = 0; i < samples.length; i++) {
    while (samples[i]!.seconds - samples[j]!.seconds > 2) j++;
    const dt = samples[i]!.seconds - samples[j]!.seconds;
    if (dt > 0.5 && samples[i]!.pages > 0) out.push({ x: samples[i]!.pages, y: (samples[i]!.pages - samples[j]!.pages) / dt });
  }
  return out;
}

async function plot(file: string, render: 'never' | 'always', scratch: string): Promise<void> {
  const pages = render === 'never' ? 5000 : 500;
  const site = await startSiteServer(pages);
  try {
    const ours = await runOurs(site.port, pages, render, scratch);
    const peer = await runPeer(site.port, render, scratch);
    const peerName = render === 'never' ? 'Crawlee CheerioCrawler' : 'Crawlee PlaywrightCrawler';
    const memory = (r: RunFigures): { x: number; y: number }[] => r.samples.filter((s) => s.pages > 0).map((s) => ({ x: s.pages, y: s.memoryMb }));
    const series = (r: RunFigures, name: string, color: string): [Series, Series] => [
      { name, color, points: rateSeries(r.samples) },
      { name, color, points: memory(r) },
    ];
    const [oursRate, oursMemory] = series(ours, 'partner-presence audit', '#1f6feb');
    const [peerRate, peerMemory] = series(peer, peerName, '#d1242f');
    writeFileSync(file, svgPlot({
      title: `${pages}-page generated site, ${render === 'never' ? 'rendering off' : 'every page rendered'}, ${CONCURRENCY} requests in flight (one run each, shared 2-core machine)`,
      panels: [
        { yLabel: 'pages per second (2 s window)', series: [oursRate, peerRate] },
        { yLabel: render === 'never' ? 'RSS (MB)' : 'memory incl. Chromium, PSS (MB)', series: [oursMemory, peerMemory] },
      ],
      xLabel: 'pages crawled',
    }));
    const at = (r: RunFigures, n: number) => Math.max(...r.samples.filter((s) => s.pages > 0 && s.pages <= n).map((s) => s.memoryMb));
    console.log(`plot: ${file} (peak memory up to 500 pages / up to ${pages}: ours ${at(ours, 500).toFixed(0)} / ${ours.peakMb.toFixed(0)} MB, peer ${at(peer, 500).toFixed(0)} / ${peer.peakMb.toFixed(0)} MB)`);
  } finally {
    site.child.kill();
  }
}

export async function versusPeer(opts: VersusOptions): Promise<void> {
  ensurePeer();
  const scratch = mkdtempSync(join(tmpdir(), 'pp-bench-versus-'));
  const site = await startSiteServer(opts.pages);
  const runs: RunFigures[] = [];
  const f1 = (n: number) => n.toFixed(1);
  try {
    const line = (r: RunFigures) =>
      `  ${r.who.padEnd(8)} ${String(r.pages).padStart(5)} pages  ${f1(r.wallS).padStart(6)} s  ${f1(r.pagesPerS).padStart(7)} pages/s  ` +
      `${f1(r.cpuMsPerPage).padStart(6)} ms CPU/page  ${r.peakMb.toFixed(0).padStart(5)} MB peak`;
    console.log(`${opts.pages}-page generated site, render=${opts.render}, ${CONCURRENCY} in flight, no delay; ours = partner-presence audit, peer = Crawlee ${opts.render === 'never' ? 'CheerioCrawler' : 'PlaywrightCrawler'}`);
    const baseline = opts.baseline && resolve(opts.baseline);
    const contestants = [
      ...(baseline ? [(port: number) => runOurs(port, opts.pages, opts.render, scratch, baseline, 'baseline')] : []),
      (port: number) => runOurs(port, opts.pages, opts.render, scratch),
      (port: number) => runPeer(port, opts.render, scratch),
    ];
    if (baseline) console.log(`baseline = the audit command of ${baseline}`);
    for (let r = 0; r < opts.runs; r++) {
      for (const run of contestants) {
        const figures = await run(site.port);
        runs.push(figures);
        console.log(line(figures));
      }
    }
  } finally {
    site.child.kill();
  }
  const of = (who: Contestant) => runs.filter((r) => r.who === who);
  const med = (who: Contestant, key: 'pages' | 'pagesPerS' | 'peakMb' | 'cpuMsPerPage') => median(of(who).map((r) => r[key]));
  const speed = med('ours', 'pagesPerS') / med('peer', 'pagesPerS');
  const memory = med('ours', 'peakMb') / med('peer', 'peakMb');
  console.log(
    `medians of ${opts.runs}: ours ${med('ours', 'pagesPerS').toFixed(1)} pages/s, ${med('ours', 'cpuMsPerPage').toFixed(1)} ms CPU/page, ${med('ours', 'peakMb').toFixed(0)} MB; ` +
      `peer ${med('peer', 'pagesPerS').toFixed(1)} pages/s, ${med('peer', 'cpuMsPerPage').toFixed(1)} ms CPU/page${opts.render === 'always' ? ' (Node process only)' : ''}, ${med('peer', 'peakMb').toFixed(0)} MB`,
  );
  // What the medians would hide: a run far from its side's median (one side unsteady), or a side that
  // fetched other than the site's pages (not the same work).
  const warnings: string[] = [];
  for (const who of ['baseline', 'ours', 'peer'] as const) {
    const theirs = of(who);
    for (const { index, ratio } of outlierRuns(theirs.map((r) => r.wallS))) {
      warnings.push(`outlier: ${who} run ${index + 1} took ${f1(theirs[index]!.wallS)} s, ${ratio.toFixed(2)}× the median of its ${theirs.length} runs (${f1(median(theirs.map((r) => r.wallS)))} s)`);
    }
    for (const [index, r] of theirs.entries()) {
      if (r.pages !== opts.pages) warnings.push(`unequal work: ${who} run ${index + 1} fetched ${r.pages} of the site's ${opts.pages} pages`);
    }
  }
  for (const warning of warnings) console.log(warning);
  if (opts.baseline) {
    console.log(
      `baseline: ${med('baseline', 'pagesPerS').toFixed(1)} pages/s, ${med('baseline', 'cpuMsPerPage').toFixed(1)} ms CPU/page, ${med('baseline', 'peakMb').toFixed(0)} MB ` +
        `(speed_ratio=${(med('baseline', 'pagesPerS') / med('peer', 'pagesPerS')).toFixed(2)} memory_ratio=${(med('baseline', 'peakMb') / med('peer', 'peakMb')).toFixed(2)}); ` +
        `ours/baseline: ${(med('ours', 'pagesPerS') / med('baseline', 'pagesPerS')).toFixed(2)}× pages/s, ${(med('ours', 'peakMb') / med('baseline', 'peakMb')).toFixed(2)}× memory`,
    );
  }
  if (opts.plot) await plot(opts.plot, opts.render, scratch);
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    `pages=${med('ours', 'pages')} ours_pages_per_s=${med('ours', 'pagesPerS').toFixed(1)} peer_pages_per_s=${med('peer', 'pagesPerS').toFixed(1)} ` +
      `speed_ratio=${speed.toFixed(2)} ours_rss_mb=${med('ours', 'peakMb').toFixed(0)} peer_rss_mb=${med('peer', 'peakMb').toFixed(0)} memory_ratio=${memory.toFixed(2)} ` +
      `warnings=${warnings.length}`,
  );
}
