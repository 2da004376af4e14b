// npm run bench [-- --pages 2000 --render never|always --no-analysis]
// npm run bench -- --peer crawlee [--pages 2000 (or 500,2000,5000) --render never|always --runs 3 --plot FILE --baseline DIR]  (bench/versus.ts)
//
// Serves the generated partner site (bench/site.ts: realistic pages of 10–20 KB with nav, footer and
// prose) from a child process on 127.0.0.1 (so the server's CPU is not counted), and crawls it in this
// process with politeness off (our own server) and every page analysed as the audit does (crawl +
// analyzePage). Prints pages/s, CPU ms per page (this process), analysis ms per page and peak RSS
// (this process, plus Chromium's processes' proportional set size when rendering, from /proc).
// The last line is machine-readable:
//   pages=2000 wall_s=0.0 pages_per_s=0.0 cpu_ms_per_page=0.0 peak_rss_mb=0
//
// `runCrawlBench` is exported so other benchmarks can reuse the site and the measurement with their own
// per-page handler (`onPage`).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crawlSite } from '../crawlers/crawl.ts';
import type { PageRecord, RenderMode } from '../crawlers/types.ts';
import { analyzePage } from '../analyzers/index.ts';
import { startSiteServer } from './site.ts';
import { treeMemory } from './memory.ts';
import { versusPeer } from './versus.ts';

const HOST = 'www.bench-partner.test';

export interface CrawlBenchFigures {
  pages: number;
  wallS: number;
  pagesPerS: number;
  cpuMsPerPage: number;
  analysisMsPerPage: number | null;
  peakRssMb: number;
  rendered: number;
}

/**
 * Serves an N-page site, crawls it and measures. `onPage` is the per-page handler (analysis); it gets
 * the record while its body is still attached, as the audit's handler does.
 */
export async function runCrawlBench(opts: { pages: number; render: RenderMode; onPage?: (page: PageRecord) => Promise<void> | void }): Promise<CrawlBenchFigures> {
  const { port, child } = await startSiteServer(opts.pages);
  let peak = 0;
  // Reading /proc costs CPU in this process; it is measured and left out of the crawl's CPU figure.
  let samplerCpuUs = 0;
  const sample = () => {
    const c0 = process.cpuUsage();
    const own = process.memoryUsage().rss;
    const browser = opts.render === 'never' ? 0 : treeMemory(process.pid, { exclude: child.pid });
    peak = Math.max(peak, own + browser);
    const c = process.cpuUsage(c0);
    samplerCpuUs += c.user + c.system;
  };
  const sampler = setInterval(sample, opts.render === 'never' ? 50 : 500);
  let handlerMs = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const result = await crawlSite(
      `http://${HOST}:${port}/`,
      {
        resolve: [`${HOST}:${port}:127.0.0.1`],
        allowPrivate: true,
        delayMs: 0,
        perHostConcurrency: 8,
        concurrency: 8,
        maxPages: opts.pages,
        maxDepth: 20,
        render: opts.render,
        sitemaps: false,
        timeBudgetMs: 3_600_000,
      },
      {
        page: async (page) => {
          if (!opts.onPage) return;
          const h0 = performance.now();
          await opts.onPage(page);
          handlerMs += performance.now() - h0;
        },
      },
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    sample();
    const pages = result.pages.length;
    return {
      pages,
      wallS,
      pagesPerS: pages / wallS,
      cpuMsPerPage: (cpu.user + cpu.system - samplerCpuUs) / 1000 / pages,
      analysisMsPerPage: opts.onPage ? handlerMs / pages : null,
      peakRssMb: peak / 1024 / 1024,
      rendered: result.pages.filter((p) => p.rendered).length,
    };
  } finally {
    clearInterval(sampler);
    child.kill();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string' },
      render: { type: 'string', default: 'never' },
      'no-analysis': { type: 'boolean', default: false },
      peer: { type: 'string' },
      runs: { type: 'string', default: '3' },
      plot: { type: 'string' },
      baseline: { type: 'string' },
    },
  });
  const render = values.render as RenderMode;
  if (!['never', 'always', 'auto'].includes(render)) throw new Error('--render must be never, always or auto');
  // --peer takes several site sizes (--pages 500,2000,5000): memory against pages in one invocation.
  const sizes = (values.pages ?? (render === 'never' ? '2000' : '200')).split(',').map(Number);
  if (sizes.some((n) => !(n > 0))) throw new Error('--pages takes a number of pages, or with --peer several: 500,2000,5000');
  if (values.peer !== undefined) {
    if (values.peer !== 'crawlee') throw new Error('--peer takes crawlee (the one peer the bench installs)');
    if (render === 'auto') throw new Error('--peer compares --render never or always');
    for (const [i, size] of sizes.entries()) {
      const last = i === sizes.length - 1;
      await versusPeer({ pages: size, render, runs: Number(values.runs), plot: last ? values.plot ?? null : null, baseline: values.baseline ?? null });
    }
    return;
  }
  if (sizes.length > 1) throw new Error('several --pages sizes need --peer');
  const pages = sizes[0]!;
  const analyse = !values['no-analysis'];
  const asOf = '2026-11-29';
  const figures = await runCrawlBench({
    pages,
    render,
    onPage: analyse
      ? async (page) => {
          if (page.body !== null || page.bytes !== null) {
            await analyzePage({ url: page.url, finalUrl: page.finalUrl, contentType: page.contentType, html: page.body, bytes: page.bytes, headers: page.headers, links: page.links }, asOf);
          }
        }
      : undefined,
  });
  const f1 = (n: number) => n.toFixed(1);
  console.log(`crawl of a generated ${pages}-page site, render=${render}, analysis ${analyse ? 'on (analyzePage per page)' : 'off'}`);
  console.log(`  pages fetched        ${figures.pages} (${figures.rendered} rendered)`);
  console.log(`  wall time            ${f1(figures.wallS)} s`);
  console.log(`  pages per second     ${f1(figures.pagesPerS)}`);
  console.log(`  CPU per page         ${f1(figures.cpuMsPerPage)} ms (this process; the site server runs in another)`);
  if (figures.analysisMsPerPage !== null) console.log(`  analysis per page    ${f1(figures.analysisMsPerPage)} ms (inside the page handler)`);
  console.log(`  peak RSS             ${Math.round(figures.peakRssMb)} MB${render === 'never' ? '' : ' (including Chromium, PSS)'}`);
  console.log(
    `pages=${figures.pages} wall_s=${f1(figures.wallS)} pages_per_s=${f1(figures.pagesPerS)} cpu_ms_per_page=${f1(figures.cpuMsPerPage)} peak_rss_mb=${Math.round(figures.peakRssMb)}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
