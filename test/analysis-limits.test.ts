// Hostile input costs one page, never the audit: PDFs that inflate to tens or hundreds of MB, markup
// nested 200,000 elements deep, a 5 MB page of text on one line. Each is made here, served or analysed
// for real, and must end as that page's error (or a note of what was not read) within bounded time and
// memory, with every other page analysed as usual.
import { createServer, type Server } from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf, MAX_INFLATED_BYTES } from '../analyzers/pdf.ts';
import { analyzePage } from '../analyzers/index.ts';
import { MAX_MAIN_TEXT } from '../analyzers/extract.ts';
import { scanHtml, MAX_NESTING } from '../crawlers/html-scan.ts';
import type { PageInput } from '../analyzers/types.ts';
import { AnalysisPool } from '../src/analysis-pool.ts';
import { auditSite } from '../src/audit.ts';
import { inflatingPdf } from './support/hostile-pdf.ts';

const AS_OF = '2026-11-29';
const MB = 2 ** 20;

const htmlInput = (html: string, url = 'http://www.partner.test/page/'): PageInput =>
  ({ url, finalUrl: url, contentType: 'text/html', html, bytes: null, headers: {}, links: [] });
const pdfInput = (bytes: Uint8Array, url = 'http://www.partner.test/story.pdf'): PageInput =>
  ({ url, finalUrl: url, contentType: 'application/pdf', html: null, bytes, headers: {}, links: [] });

const STORY = `<!doctype html><html lang="en"><head><title>How FreshMart moved its stores to AWS</title></head><body><main>
<h1>How FreshMart moved its stores to AWS</h1><p>FreshMart, a grocery retailer with 80 stores, moved its point-of-sale
and inventory systems to Amazon Web Services with our team, and cut checkout time by a third.</p></main></body></html>`;
const NESTED = `<!doctype html><html lang="en"><head><title>Deep page</title></head><body><main><h1>Deep page</h1>
<p>The first paragraph of a page whose markup then nests two hundred thousand elements deep.</p><a href="/before">before</a>
${'<div>'.repeat(200_000)}<p>never read</p><a href="/after">after</a></main></body></html>`;
const ONE_LINE = `<!doctype html><html lang="en"><head><title>Long page</title></head><body><p>${'retail store inventory loyalty cloud migration data analytics customer experience '.repeat(62_000)}</p></body></html>`;

const seconds = async <T>(work: () => Promise<T>): Promise<{ value: T; s: number }> => {
  const t0 = performance.now();
  const value = await work();
  return { value, s: (performance.now() - t0) / 1000 };
};

describe('PDF decompression bombs', () => {
  it('refuses a 180 KB PDF whose content stream inflates to 50 MB before PDF.js reads it', async () => {
    const pdf = inflatingPdf(50 * MB);
    expect(pdf.length).toBeLessThan(250_000);
    // Read whole, this one took ~59 s and ~900 MB.
    const { value, s } = await seconds(() => readPdf(new Uint8Array(pdf)).then(() => null, (err: Error) => err.message));
    expect(value).toBe(`PDF not read: its compressed streams inflate to more than ${MAX_INFLATED_BYTES / MB} MB`);
    expect(s).toBeLessThan(10);
  });

  it('refuses a 1.5 MB PDF whose 400 content streams inflate to 400 MB (it ran the process out of memory)', async () => {
    const facts = await analyzePage(pdfInput(new Uint8Array(inflatingPdf(400 * MB, 400))), AS_OF);
    expect(facts.error).toBe(`PDF not read: its compressed streams inflate to more than ${MAX_INFLATED_BYTES / MB} MB`);
  });

  it('still reads a PDF whose streams inflate to less than the cap', async () => {
    const pdf = await readPdf(new Uint8Array(inflatingPdf(64 * 1024)));
    expect(pdf.text).toContain('Retail case study: the customer moved its stores to AWS.');
  });
});

describe('the analysis pool contains a page that overruns', () => {
  let pool: AnalysisPool;
  beforeAll(() => {
    pool = new AnalysisPool({ threads: 1, maxHeapMb: 96 });
  });
  afterAll(() => pool.close());

  it('a 5 MB page of text on one line is analysed within a 96 MB heap (it peaked at 452 MB)', async () => {
    expect(ONE_LINE.length).toBeGreaterThan(5_000_000);
    const facts = await pool.analyze(htmlInput(ONE_LINE), AS_OF, 30_000);
    expect(facts.error).toBe(`main text longer than ${MAX_MAIN_TEXT.toLocaleString('en')} characters: the rest was not read`);
    expect(facts.title).toBe('Long page');
    expect(facts.retail.score).toBeGreaterThan(0);
  });
});

describe('the command’s V8 flags', () => {
  // The command starts with --max-old-space-size=768 on its #! line, for its own thread. V8's heap flags
  // are the process's and a thread reads them after its resourceLimits: the worker's cap was 768 MB,
  // and this PDF (~550 MB for PDF.js) was read whole, in ~25 s at ~940 MB of RSS. The pool's default
  // cap (256 MB) must hold under them.
  it('leave each analysis thread its own heap cap, by default 256 MB', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-worker-cap-'));
    try {
      const script = join(dir, 'one-pdf.mts');
      writeFileSync(script, [
        `import { AnalysisPool } from ${JSON.stringify(fileURLToPath(new URL('../src/analysis-pool.ts', import.meta.url)))};`,
        `import { inflatingPdf } from ${JSON.stringify(fileURLToPath(new URL('./support/hostile-pdf.ts', import.meta.url)))};`,
        'const pool = new AnalysisPool({ threads: 1 });',
        `const url = 'http://www.partner.test/story.pdf';`,
        `const facts = await pool.analyze({ url, finalUrl: url, contentType: 'application/pdf', html: null, bytes: new Uint8Array(inflatingPdf(30 * 2 ** 20)), headers: {}, links: [] }, '${AS_OF}', 90_000);`,
        'await pool.close();',
        'process.stdout.write(JSON.stringify(facts.error));',
      ].join('\n'));
      const bin = readFileSync(new URL('../bin/partner-presence.js', import.meta.url), 'utf8').split('\n')[0]!;
      const flags = bin.split(' ').filter((arg) => arg.startsWith('--'));
      expect(flags).toContain('--max-old-space-size=768');
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, [...flags, '--import', 'tsx', script], { cwd: fileURLToPath(new URL('..', import.meta.url)) }, (err, out, errOut) => (err ? reject(new Error(errOut)) : resolve(out)));
      });
      expect(JSON.parse(stdout)).toBe('not analysed: needed more memory than one page may use');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pages queued on a thread behind one that overruns', () => {
  // A thread is sent its next page while it analyses one (src/analysis-pool.ts): the page behind must
  // neither share the overrun's fate nor have its clock run while it waits.
  const STORY_2 = STORY.replaceAll('FreshMart', 'CornerShop');

  /** The drawn PDF and two stories right behind it on one thread: the PDF's error once both stories are analysed. */
  async function drawnPdfAhead(maxHeapMb: number, pdfMs: number, storyMs: number): Promise<string | null> {
    const pool = new AnalysisPool({ threads: 1, maxHeapMb });
    try {
      const [pdf, first, second] = await Promise.all([
        pool.analyze(pdfInput(new Uint8Array(inflatingPdf(30 * MB))), AS_OF, pdfMs),
        pool.analyze(htmlInput(STORY, 'http://www.partner.test/stories/freshmart/'), AS_OF, storyMs),
        pool.analyze(htmlInput(STORY_2, 'http://www.partner.test/stories/cornershop/'), AS_OF, storyMs),
      ]);
      expect([first.error, first.title]).toEqual([null, 'How FreshMart moved its stores to AWS']);
      expect([second.error, second.title]).toEqual([null, 'How CornerShop moved its stores to AWS']);
      return pdf.error;
    } finally {
      await pool.close();
    }
  }

  it('a page past its time costs its thread; the pages behind it are analysed by the replacement, their time counted from their start', { timeout: 120_000 }, async () => {
    // Heap room enough that the drawn PDF runs out of time, not memory; the stories' 1 s would be long
    // gone had their clocks run while they waited behind its 3 s.
    expect(await drawnPdfAhead(1024, 3_000, 1_000)).toBe('not analysed: took longer than 3 s');
  });

  it('a page that runs its thread out of memory costs that thread; the pages behind it are analysed', { timeout: 120_000 }, async () => {
    expect(await drawnPdfAhead(96, 90_000, 15_000)).toBe('not analysed: needed more memory than one page may use');
  });

  it('a closed pool answers the pages it still held with the reason', async () => {
    const pool = new AnalysisPool({ threads: 1 });
    const pages = [pool.analyze(htmlInput(STORY), AS_OF), pool.analyze(htmlInput(STORY_2), AS_OF), pool.analyze(htmlInput(STORY), AS_OF)];
    await pool.close();
    for (const facts of await Promise.all(pages)) expect(facts.error).toBe('not analysed: the analysis pool was closed');
  });
});

describe('markup nested 200,000 elements deep', () => {
  it('is read up to the nesting cap, in well under a second, with the reason (it took ~50 s of CPU)', async () => {
    const { value: facts, s } = await seconds(() => analyzePage(htmlInput(NESTED), AS_OF));
    expect(facts.error).toBe(`markup nested deeper than ${MAX_NESTING} elements: read up to that point`);
    expect(facts.title).toBe('Deep page');
    expect(facts.excerpt).toContain('The first paragraph of a page whose markup then nests');
    expect(s).toBeLessThan(5);
  });

  it("costs the crawler's link scan no more: links before the cap are kept", () => {
    const t0 = performance.now();
    const scan = scanHtml(NESTED);
    expect((performance.now() - t0) / 1000).toBeLessThan(5);
    expect(scan.links.map((l) => l.href)).toEqual(['/before']);
  });
});

describe('an audit of a site that serves all of them', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const pages: Record<string, { type: string; body: string | Buffer }> = {
      '/': { type: 'text/html', body: `<!doctype html><html lang="en"><head><title>Partner</title></head><body><main><h1>Partner</h1>
<ul><li><a href="/bomb.pdf">Case study (PDF)</a></li><li><a href="/drawn.pdf">Whitepaper (PDF)</a></li>
<li><a href="/deep/">Deep page</a></li><li><a href="/long/">Long page</a></li><li><a href="/stories/freshmart/">FreshMart story</a></li></ul></main></body></html>` },
      '/bomb.pdf': { type: 'application/pdf', body: inflatingPdf(50 * MB) },
      '/drawn.pdf': { type: 'application/pdf', body: inflatingPdf(30 * MB) },
      '/deep/': { type: 'text/html', body: NESTED },
      '/long/': { type: 'text/html', body: ONE_LINE },
      '/stories/freshmart/': { type: 'text/html', body: STORY },
    };
    server = createServer((req, res) => {
      const page = pages[(req.url ?? '/').split('?')[0]!];
      res.writeHead(page ? 200 : 404, { 'content-type': page?.type ?? 'text/plain' });
      res.end(page?.body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('finishes, records each hostile page with its reason, and analyses the rest', { timeout: 120_000 }, async () => {
    const { evidence } = await auditSite(base, { allowPrivate: true, delayMs: 0, sitemaps: false, timeoutMs: 20_000, asOf: AS_OF });
    const error = (path: string) => evidence.pages.find((p) => p.url === new URL(path, base).href)?.facts?.error;
    expect(error('/bomb.pdf')).toMatch(/^PDF not read: its compressed streams inflate to more than/);
    expect(error('/drawn.pdf')).toMatch(/^not analysed: (?:needed more memory than one page may use|took longer than 20 s)$/);
    expect(error('/deep/')).toMatch(/^markup nested deeper than/);
    expect(error('/long/')).toMatch(/^main text longer than/);
    expect(error('/stories/freshmart/')).toBeNull();
    expect(error('/')).toBeNull();
    // No request starved into a false timeout: the only failed fetch is the deep page's dead link.
    expect(evidence.pages.filter((p) => p.error !== null).map((p) => `${new URL(p.url).pathname} ${p.error}`)).toEqual(['/before HTTP 404']);
  });
});
