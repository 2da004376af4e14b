// npm run bench [-- --pages 2000 --render never|always --no-analysis]
//
// Generates a partner-like site of N pages (nav and footer full of links, a few paragraphs, a tree of
// links so every page is a few clicks from the homepage), serves it from a child process on 127.0.0.1
// (so the server's CPU is not counted), and crawls it with politeness off (our own server) and every
// page analysed as the audit does (crawl + analyzePage). Prints pages/s, CPU ms per page (this process),
// analysis ms per page and peak RSS (this process, plus Chromium's processes' proportional set size when rendering, from /proc).
// The last line is machine-readable:
//   pages=2000 wall_s=0.0 pages_per_s=0.0 cpu_ms_per_page=0.0 peak_rss_mb=0
//
// `runCrawlBench` is exported so other benchmarks can reuse the site and the measurement with their own
// per-page handler (`onPage`).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crawlSite } from '../crawlers/crawl.ts';
import type { PageRecord, RenderMode } from '../crawlers/types.ts';
import { analyzePage } from '../analyzers/index.ts';

const HOST = 'www.bench-partner.test';
const FANOUT = 6;

const WORDS = (
  'retail store omnichannel inventory loyalty point of sale cloud migration Amazon Web Services data analytics ' +
  'customer experience supply chain forecasting ecommerce merchandising fulfilment personalisation security ' +
  'managed services modernisation serverless containers machine learning dashboards grocery fashion'
).split(' ');

function paragraph(seed: number, words: number): string {
  let x = (seed * 2654435761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(WORDS[x % WORDS.length]);
  }
  return `${out.join(' ')}.`;
}

/** Page i of the generated site: links to its FANOUT children, plus site-wide nav and footer. */
export function benchPage(i: number, pages: number): string {
  const nav = Array.from({ length: 24 }, (_, k) => `<li><a href="/p/${k + 1}">Section ${k + 1}</a></li>`).join('');
  const footer = Array.from({ length: 20 }, (_, k) => `<a href="/p/${(k * 37) % pages || 1}">Footer link ${k}</a>`).join(' ');
  const children = Array.from({ length: FANOUT }, (_, k) => i * FANOUT + k + 1)
    .filter((c) => c < pages)
    .map((c) => `<li><a href="/p/${c}">Related page ${c}: ${paragraph(c, 6)}</a></li>`)
    .join('');
  const body = Array.from({ length: 6 }, (_, k) => `<p>${paragraph(i * 10 + k, 90)}</p>`).join('\n');
  const date = `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${i} | Bench Partner</title>
<meta name="description" content="${paragraph(i, 20)}"><meta property="article:published_time" content="${date}">
</head><body><header><nav><ul>${nav}</ul></nav></header>
<main><h1>Page ${i}: ${paragraph(i, 5)}</h1><time datetime="${date}">${date}</time>
${body}<ul>${children}</ul></main><footer>${footer}<p>© 2026 Bench Partner</p></footer></body></html>`;
}

/** Serves the generated site (run in a child process). Pages are built once, kept as Buffers. */
async function serve(pages: number): Promise<void> {
  const bodies = Array.from({ length: pages }, (_, i) => Buffer.from(benchPage(i, pages)));
  const server = createServer((req, res) => {
    const m = /^\/(?:p\/(\d+))?$/.exec(req.url ?? '');
    const i = m ? Number(m[1] ?? 0) : NaN;
    if (!(i >= 0 && i < pages)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bodies[i].length });
    res.end(bodies[i]);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
}

async function startServer(pages: number): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', String(pages)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) resolve(JSON.parse(line).port);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { port, child };
}

/**
 * Memory (bytes) of every process below `root` (Chromium's), except the subtree of `exclude` (the site
 * server). Proportional set size where the kernel gives it: Chromium's processes share most of their
 * pages, and summing their RSS would count those pages once per process.
 */
function descendantsMemory(root: number, exclude: number | undefined): number {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const pid of parentOf.keys()) {
    let at: number | undefined = parentOf.get(pid);
    let under = false;
    for (let hops = 0; at && hops < 20; hops++, at = parentOf.get(at)) {
      if (at === exclude) break;
      if (at === root) {
        under = pid !== exclude;
        break;
      }
    }
    if (!under) continue;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      const rss = pss ? null : /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number((pss ?? rss)?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}

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
  const { port, child } = await startServer(opts.pages);
  let peak = 0;
  // Reading /proc costs CPU in this process; it is measured and left out of the crawl's CPU figure.
  let samplerCpuUs = 0;
  const sample = () => {
    const c0 = process.cpuUsage();
    const own = process.memoryUsage().rss;
    const browser = opts.render === 'never' ? 0 : descendantsMemory(process.pid, child.pid);
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
      serve: { type: 'string' },
    },
  });
  if (values.serve) return serve(Number(values.serve));
  const render = values.render as RenderMode;
  if (!['never', 'always', 'auto'].includes(render)) throw new Error('--render must be never, always or auto');
  const pages = Number(values.pages ?? (render === 'never' ? 2000 : 200));
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
