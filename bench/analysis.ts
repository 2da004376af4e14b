// npm run bench:analysis [-- --pages 600 --in-thread]
//
// CPU time per analysed page on a fixed page set: the first N pages of the generated 2,000-page site
// (bench/site.ts), with their links read by the crawler's own link reader, each analysed once, one at
// a time, through the audit's analysis pool (one worker thread, the audit's heap settings), after 100
// other pages of the same site warmed it up. Once each, as in a crawl: analysing the same pages again
// would flatter every cache the analyzers keep. CPU time (process.cpuUsage: every thread of the process, the worker's and the collector's
// helpers included, and the main thread's encoding of each body) rather than wall-clock time, because
// the machines these benches run on are shared and CPU time is far less distorted by others' load.
// Also prints a digest of every page's facts, so a change meant to be faster can show it changed no
// fact. `--in-thread` runs analyzePage in this thread instead, for a profile:
//   node --cpu-prof --import tsx bench/analysis.ts --in-thread
// The last line is machine-readable:
//   pages=600 cpu_ms_per_page=0.00 wall_ms_per_page=0.00 facts_digest=…
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { analyzePage } from '../analyzers/index.ts';
import type { PageFacts, PageInput } from '../analyzers/types.ts';
import { AnalysisPool } from '../src/analysis-pool.ts';
import { scanHtml } from '../crawlers/html-scan.ts';
import { LinkReader } from '../crawlers/links.ts';
import { SiteScope } from '../crawlers/url.ts';
import { sitePage, sitePath } from './site.ts';

const SITE_PAGES = 2000;
const ORIGIN = 'http://www.bench-partner.test';
const AS_OF = '2026-11-29';
/** Pages from the end of the site analysed before measuring (loading, JIT), never measured. */
const WARM_UP_PAGES = 100;

/** Pages [from, from + count) of the generated site as the crawler hands them to analysis. */
function inputs(from: number, count: number): PageInput[] {
  const scope = new SiteScope(`${ORIGIN}/`);
  const links = new LinkReader(() => {});
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const url = `${ORIGIN}${sitePath(i)}`;
    const html = sitePage(i, SITE_PAGES);
    return {
      url,
      finalUrl: url,
      contentType: 'text/html; charset=utf-8',
      html,
      bytes: null,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      links: links.read(scanHtml(html), url, scope),
    };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { pages: { type: 'string', default: '600' }, 'in-thread': { type: 'boolean', default: false } },
  });
  const count = Math.min(Number(values.pages), SITE_PAGES - WARM_UP_PAGES);
  const pages = inputs(0, count);
  const warmUp = inputs(SITE_PAGES - WARM_UP_PAGES, WARM_UP_PAGES);
  const inThread = values['in-thread'];
  const pool = inThread ? null : new AnalysisPool({ threads: 1 });
  const analyze = (page: PageInput): Promise<PageFacts> => (pool ? pool.analyze(page, AS_OF, 600_000) : analyzePage(page, AS_OF));

  for (const page of warmUp) await analyze(page);

  const facts: PageFacts[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const page of pages) facts.push(await analyze(page));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await pool?.close();
  const digest = createHash('sha256');
  for (const f of facts) digest.update(JSON.stringify(f));
  const analysed = pages.length;
  const cpuMs = (cpu.user + cpu.system) / 1000 / analysed;
  const factsDigest = digest.digest('hex').slice(0, 16);
  console.log(`analysis of ${pages.length} generated pages, each once (after ${WARM_UP_PAGES} others), ${inThread ? 'in the main thread' : 'in one analysis worker'}`);
  console.log(`  CPU per page    ${cpuMs.toFixed(2)} ms (all of the process's threads, the collector's included)`);
  console.log(`  wall per page   ${(wallMs / analysed).toFixed(2)} ms (distorted by other processes' load)`);
  console.log(`  facts digest    ${factsDigest} (equal before and after a change that should change no fact)`);
  console.log(`pages=${pages.length} cpu_ms_per_page=${cpuMs.toFixed(2)} wall_ms_per_page=${(wallMs / analysed).toFixed(2)} facts_digest=${factsDigest}`);
}

await main();
