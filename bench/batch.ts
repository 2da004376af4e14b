// npm run bench:batch [-- --sites 100 --pages-per-site 50 --partners 4]
//
// Generates partner sites of ~50 pages each (hosts p001.bench.test …, one node:http server on
// 127.0.0.1 routing by Host), then runs the batch with rendering off over the first 25 sites and over
// all of them, each in its own child process so that its peak RSS is its own. Prints wall time, pages/s
// and peak RSS per size; peak RSS must stay flat as the list grows (bodies and evidence are dropped
// once each partner is stored). The last line is machine-readable.

import { createServer, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SENTENCES = [
  'Our retail practice helps grocers, fashion brands and department stores modernise on Amazon Web Services.',
  'We built an omnichannel order management system with inventory visibility across 120 stores.',
  'Demand forecasting with Amazon SageMaker cut stockouts by 30% and lowered safety stock.',
  'The loyalty program runs on AWS Lambda and Amazon DynamoDB and serves two million members.',
  'Point of sale data streams through Amazon Kinesis into a customer data platform on Amazon S3.',
  'Store associates use a mobile app for click-and-collect, ship-from-store and endless aisle.',
  'Personalised product recommendations with Amazon Personalize raised basket size by 12%.',
  'PCI DSS network segmentation and encryption at rest with AWS KMS protect cardholder data.',
  'We deploy with AWS CloudFormation and monitor with Amazon CloudWatch and AWS X-Ray.',
  'Merchandise planning, assortment and markdown optimisation now run on Amazon Redshift.',
  'Our team has served retailers in Taiwan, Japan and Southeast Asia for over fifteen years.',
  'Cloud migration, managed services and data analytics are the core of our consulting work.',
  'Contact our consultants to discuss your landing zone, security baseline and cost optimisation.',
  'Computer vision in smart stores measures foot traffic and heat maps without storing faces.',
  'Supply chain control towers bring warehouse, distribution centre and last-mile data together.',
];

function sentences(seed: number, count: number): string {
  const out: string[] = [];
  let x = seed * 2654435761 >>> 0;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(SENTENCES[x % SENTENCES.length]!);
  }
  return out.join(' ');
}

const CASE_STUDIES = 12;
const POSTS = 25;
const OTHER_PAGES = ['about', 'contact', 'careers', 'services/migration', 'services/managed', 'services/data', 'services/security', 'partners/aws'];

function layout(site: number, title: string, main: string): string {
  const nav = [
    ['/', 'Home'], ['/industries/retail/', 'Retail'], ['/customers/', 'Customers'], ['/blog/', 'Blog'],
    ...OTHER_PAGES.map((p) => [`/${p}/`, p.replace('/', ' ')]),
  ]
    .map(([href, text]) => `<li><a href="${href}">${text}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Partner ${site}</title>
<meta name="description" content="${title}"></head><body><header><nav><ul>${nav}</ul></nav></header>
<main>${main}</main><footer><p>© 2026 Partner ${site} Cloud Consulting. <a href="/contact/">Contact</a></p></footer></body></html>`;
}

function day(site: number, n: number): string {
  const d = new Date(Date.UTC(2026, 10, 20) - ((site * 7 + n * 23) % 700) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The page at `path` of site number `site`, or null (404). ~50 pages per site. */
function page(site: number, path: string): string | null {
  if (path === '/') {
    return layout(site, 'Cloud consulting', `<h1>Partner ${site}: AWS consulting</h1><p>${sentences(site, 6)}</p>
<p><a href="/industries/retail/">Our retail practice</a> · <a href="/customers/">Customer stories</a> · <a href="/blog/">Insights</a></p>`);
  }
  if (path === '/industries/retail/') {
    const links = Array.from({ length: 4 }, (_, i) => `<li><a href="/customers/story-${i + 1}/">Retail story ${i + 1}</a></li>`).join('');
    return layout(site, 'Retail on AWS', `<h1>Retail practice on AWS</h1><h2>AWS solutions for retail</h2><p>${sentences(site + 1, 8)}</p>
<h2>Use cases</h2><p>${sentences(site + 2, 6)}</p><h2>Technical solutions</h2><p>${sentences(site + 3, 5)}</p><ul>${links}</ul>`);
  }
  if (path === '/customers/') {
    const links = Array.from({ length: CASE_STUDIES }, (_, i) => `<li><a href="/customers/story-${i + 1}/">Customer story ${i + 1}</a></li>`).join('');
    return layout(site, 'Customer stories', `<h1>Customer stories</h1><ul>${links}</ul>`);
  }
  const story = /^\/customers\/story-(\d+)\/$/.exec(path);
  if (story && Number(story[1]) >= 1 && Number(story[1]) <= CASE_STUDIES) {
    const n = Number(story[1]);
    return layout(site, `Retailer ${n} case study`, `<article><h1>How Retailer ${site}-${n} modernised its stores on AWS</h1>
<p><time datetime="${day(site, n)}">${day(site, n)}</time></p><h2>About the customer</h2><p>Retailer ${site}-${n} (<a href="https://retailer${n}.example.com/">retailer${n}.example.com</a>) runs 80 stores.</p>
<h2>Challenge</h2><p>${sentences(site * 31 + n, 5)}</p><h2>Solution</h2><p>${sentences(site * 37 + n, 7)}</p>
<h2>Results</h2><p>Sales grew 18% and checkout time fell by 40%. ${sentences(site * 41 + n, 3)}</p></article>`);
  }
  const listing = /^\/blog\/(?:page\/(\d+)\/)?$/.exec(path);
  if (listing) {
    const pageNo = Number(listing[1] ?? 1);
    if (pageNo > 2) return null;
    const from = (pageNo - 1) * 13;
    const links = Array.from({ length: Math.min(13, POSTS - from) }, (_, i) => `<li><a href="/blog/post-${from + i + 1}/">Post ${from + i + 1}</a></li>`).join('');
    const next = pageNo === 1 ? '<a href="/blog/page/2/">Older posts</a>' : '';
    return layout(site, 'Blog', `<h1>Blog</h1><ul>${links}</ul>${next}`);
  }
  const post = /^\/blog\/post-(\d+)\/$/.exec(path);
  if (post && Number(post[1]) >= 1 && Number(post[1]) <= POSTS) {
    const n = Number(post[1]);
    return layout(site, `Retail insight ${n}`, `<article><h1>Retail insight ${n}: lessons from the store floor</h1>
<p>Published <time datetime="${day(site, 100 + n)}">${day(site, 100 + n)}</time></p><p>${sentences(site * 43 + n, 9)}</p><p>${sentences(site * 47 + n, 6)}</p></article>`);
  }
  const other = OTHER_PAGES.find((p) => path === `/${p}/`);
  if (other) return layout(site, other, `<h1>${other}</h1><p>${sentences(site * 53 + other.length, 6)}</p>`);
  return null;
}

const PAGES_PER_SITE = 1 + 1 + 1 + CASE_STUDIES + 2 + POSTS + OTHER_PAGES.length;

function hostName(site: number): string {
  return `p${String(site).padStart(3, '0')}.bench.test`;
}

async function serve(sites: number): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const match = /^p(\d{3})\.bench\.test$/.exec(host);
    const site = match ? Number(match[1]) : 0;
    const body = site >= 1 && site <= sites ? page(site, (req.url ?? '/').split('?')[0]!) : null;
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? '<h1>Not found</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port };
}

interface ChildFigures {
  pages: number;
  partners: number;
  failed: number;
  wallS: number;
  peakRssMb: number;
}

/** Runs one batch in a child process (so its peak RSS is its own) and returns its figures. */
function runChild(listFile: string, outDir: string, port: number, sites: number, partners: number): Promise<ChildFigures> {
  // execArgv carries the V8 settings of `npm run bench:batch`, the same as the command's (bin/).
  const args = [...process.execArgv, fileURLToPath(import.meta.url), '--child', listFile, '--out', outDir, '--port', String(port),
    '--sites', String(sites), '--partners', String(partners)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`batch child exited with ${code}: ${out}`));
      resolve(JSON.parse(last) as ChildFigures);
    });
  });
}

async function child(values: Record<string, string | boolean | undefined>, listFile: string): Promise<void> {
  const { runBatch } = await import('../src/batch/run.ts');
  const { createProgress } = await import('../src/batch/progress.ts');
  const port = Number(values.port);
  const sites = Number(values.sites);
  const resolve = Array.from({ length: sites }, (_, i) => `${hostName(i + 1)}:${port}:127.0.0.1`);
  const started = performance.now();
  const outcome = await runBatch(
    listFile,
    {
      outDir: String(values.out),
      asOf: '2026-11-29',
      crawl: { resolve, allowPrivate: true, render: 'never', delayMs: 0, retries: 0, sitemaps: false },
      concurrency: Number(values.partners),
      keepHtml: false,
      resume: false,
    },
    // Plain lines to stderr are noise at this size; the figures are what the bench is for.
    createProgress({ write: () => true }),
    new AbortController().signal,
  );
  const wallS = (performance.now() - started) / 1000;
  const pages = outcome.rows.reduce((n, r) => n + (r.partner.summary?.pagesCrawled ?? 0), 0);
  const figures: ChildFigures = {
    pages,
    partners: outcome.rows.length,
    failed: outcome.rows.filter((r) => r.partner.state !== 'done').length,
    wallS,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'boolean' },
      out: { type: 'string' },
      port: { type: 'string' },
      sites: { type: 'string', default: '100' },
      partners: { type: 'string', default: '4' },
    },
  });
  if (values.child) return child(values, positionals[0]!);

  const total = Number(values.sites);
  const small = Math.max(1, Math.round(total / 4));
  const partners = Number(values.partners);
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-batch-'));
  const { server, port } = await serve(total);
  try {
    const figures: Record<number, ChildFigures> = {};
    for (const sites of [small, total]) {
      const list = join(dir, `applicants-${sites}.csv`);
      const rows = Array.from({ length: sites }, (_, i) => `p${i + 1},Partner ${i + 1},http://${hostName(i + 1)}:${port}/`);
      writeFileSync(list, `id,name,homepage\n${rows.join('\n')}\n`);
      const f = await runChild(list, join(dir, `out-${sites}`), port, sites, partners);
      figures[sites] = f;
      console.log(
        `${sites} sites (${PAGES_PER_SITE} pages each, ${partners} partners at a time): ${f.pages} pages in ${f.wallS.toFixed(1)} s, ` +
          `${(f.pages / f.wallS).toFixed(1)} pages/s, peak RSS ${f.peakRssMb.toFixed(0)} MB, ${f.failed} partners not audited`,
      );
    }
    const big = figures[total]!;
    console.log(
      `sites=${total} pages=${big.pages} wall_s=${big.wallS.toFixed(1)} pages_per_s=${(big.pages / big.wallS).toFixed(1)} ` +
        `peak_rss_mb_${small}=${figures[small]!.peakRssMb.toFixed(0)} peak_rss_mb_${total}=${big.peakRssMb.toFixed(0)}`,
    );
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
