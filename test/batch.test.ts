// A batch over the fixture sites (real fixture server, real crawl and analysis, real SQLite file):
// statuses per partner, clear errors for the unreachable one and the bad rows, a second run that
// shows what changed, and `report --as-of` a year later moving P3.2's window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { chromium } from 'playwright';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { createProgress } from '../src/batch/progress.ts';
import { reportFromStore, runBatch, type BatchSettings } from '../src/batch/run.ts';
import { SqliteStore } from '../src/store/index.ts';
import type { Report } from '../src/types.ts';
import { expectedSites, type ExpectedSite } from './batch-helpers.ts';

let server: FixtureServer;
let dir: string;
let sites: ExpectedSite[];
let closedPort: number;
const asOf = '2026-11-29';

async function freeClosedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

function settings(overrides: Partial<BatchSettings> = {}): BatchSettings {
  return {
    outDir: join(dir, 'out'),
    asOf,
    crawl: {
      resolve: [...server.resolveArgs(), `www.down.test:${closedPort}:127.0.0.1`],
      allowPrivate: true,
      delayMs: 5,
      retries: 0,
      timeoutMs: 10_000,
      render: 'auto',
    },
    concurrency: 3,
    keepHtml: false,
    resume: false,
    ...overrides,
  };
}

function quietProgress(): { progress: ReturnType<typeof createProgress>; lines: string[] } {
  const lines: string[] = [];
  return { progress: createProgress({ write: (s: string) => lines.push(s) > 0 }), lines };
}

beforeAll(async () => {
  server = await startFixtureServer();
  closedPort = await freeClosedPort();
  dir = mkdtempSync(join(tmpdir(), 'pp-batch-'));
  sites = expectedSites(server.port).filter((s) => s.asOf === asOf);
  const rows = [
    'id,name,homepage,tier',
    ...sites.map((s) => `${s.site},"Partner ${s.site}, Inc.",${s.startUrl},gold`),
    `down,Down Ltd,http://www.down.test:${closedPort}/,silver`,
    'nohome,No Homepage,,bronze',
    'badurl,Bad URL,http://exa mple.test/,bronze',
    `dup,Duplicate,${sites[0]!.startUrl},bronze`,
  ];
  writeFileSync(join(dir, 'applicants.csv'), `${rows.join('\n')}\n`);
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('batch over the fixture sites', () => {
  it('audits every partner, records the unreachable one and the bad rows with clear errors', { timeout: 180_000 }, async () => {
    expect(sites.length).toBeGreaterThan(0);
    const { progress, lines } = quietProgress();
    const outcome = await runBatch(join(dir, 'applicants.csv'), settings({ keepHtml: true }), progress, new AbortController().signal);
    expect(outcome.state).toBe('finished');
    expect(outcome.problems.map((p) => [p.line, p.message])).toEqual([
      [sites.length + 3, 'no homepage; skipped'],
      [sites.length + 4, 'malformed homepage "http://exa mple.test/": not a URL; skipped'],
      [sites.length + 5, `duplicate of line 2 (same homepage ${new URL(sites[0]!.startUrl).href}); skipped`],
    ]);
    expect(lines.some((l) => l.includes(`applicants.csv:${sites.length + 3}: no homepage`))).toBe(true);

    const byId = new Map(outcome.rows.map((r) => [r.partner.id, r]));
    expect([...byId.keys()]).toEqual([...sites.map((s) => s.site), 'down']);
    for (const site of sites) {
      const row = byId.get(site.site)!;
      expect(row.partner.state, `${site.site}: ${row.partner.error}`).toBe('done');
      expect(row.statuses, site.site).toEqual(site.checks);
      expect(row.partner.summary?.finalHomepage).toBe(site.homepage);
      const report = JSON.parse(readFileSync(join(dir, 'out', 'reports', `${site.site}.json`), 'utf8')) as Report;
      expect(report.homepage).toBe(site.homepage);
      expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual(site.checks);
      expect(readFileSync(join(dir, 'out', 'reports', `${site.site}.html`), 'utf8')).toContain('<html');
    }
    const store = SqliteStore.open(join(dir, 'out'));
    try {
      // --keep-html: the homepage's body is stored with its page record.
      for (const site of sites) expect(await store.loadBody(outcome.run.id, site.site, site.startUrl) ?? await store.loadBody(outcome.run.id, site.site, site.homepage), site.site).toMatch(/<html/i);
    } finally {
      await store.close();
    }
    const down = byId.get('down')!;
    expect(down.partner.state).toBe('failed');
    expect(down.partner.error).toMatch(/www\.down\.test/);
    expect(down.partner.error).not.toMatch(/\n|    at /);
    expect(existsSync(join(dir, 'out', 'reports', 'down.json'))).toBe(false);

    const csv = parseCsv(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.id)).toEqual([...sites.map((s) => s.site), 'down']);
    const first = csv[0]!;
    expect(first.name).toBe(`Partner ${sites[0]!.site}, Inc.`);
    expect(first.tier).toBe('gold');
    expect(first['P3.2']).toBe(sites[0]!.checks['P3.2']);
    expect(first.changes_since_previous_run).toBe('first run');
    expect(Number(first.pages_crawled)).toBeGreaterThan(1);
    expect(csv.at(-1)!.error).toBe(down.partner.error);
    expect(csv.at(-1)!['P2.2.1']).toBe('');
    const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    for (const site of sites) expect(index).toContain(`reports/${site.site}.html`);

    const static_ = sites.find((s) => s.site === 'static');
    if (static_) {
      const summary = byId.get('static')!.partner.summary!;
      expect(summary.caseStudiesFound).toBeGreaterThanOrEqual(2);
      expect(summary.practicePage).toBe(`http://www.northwind.test:${server.port}/industries/retail/`);
      expect(summary.newestRetailThoughtLeadership).toBe('2026-10-14');
    }
  });

  it('a second run over the same list records a new run and shows what changed', { timeout: 180_000 }, async () => {
    // The site changed: its customer stories are gone.
    server.route('www.northwind.test', '/customers/*', { status: 410, body: '<h1>Gone</h1>' });
    const outcome = await runBatch(join(dir, 'applicants.csv'), settings(), quietProgress().progress, new AbortController().signal);
    expect(outcome.run.id).toBe(2);
    const store = SqliteStore.open(join(dir, 'out'));
    try {
      for (const site of sites) expect(await store.loadBody(2, site.site, site.homepage), site.site).toBeNull(); // no --keep-html
    } finally {
      await store.close();
    }
    const byId = new Map(outcome.rows.map((r) => [r.partner.id, r]));
    for (const site of sites.filter((s) => s.site !== 'static')) {
      expect(byId.get(site.site)!.changes, site.site).toEqual([]);
      expect(byId.get(site.site)!.previousRunId).toBe(1);
    }
    expect(byId.get('down')!.changes).toEqual([]);
    if (sites.some((s) => s.site === 'static')) {
      const changes = byId.get('static')!.changes!;
      const p221 = changes.find((c) => c.checkId === 'P2.2.1');
      expect(p221?.from).toBe('pass');
      expect(p221?.to).not.toBe('pass');
      const csv = parseCsv(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
      expect(csv.find((r) => r.id === 'static')!.changes_since_previous_run).toContain(`P2.2.1 pass → ${p221?.to}`);
      expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toContain('P2.2.1');
    }
  });

  it('report --as-of a year later re-evaluates from the stored evidence and moves the P3.2 window', async () => {
    const logBefore = server.log.length;
    const yearLater = '2027-11-29';
    const { run, rows } = await reportFromStore(join(dir, 'out'), yearLater);
    expect(run.id).toBe(2);
    expect(server.log.length).toBe(logBefore); // nothing crawled
    const store = SqliteStore.open(join(dir, 'out'));
    try {
      for (const site of sites) {
        const row = rows.find((r) => r.partner.id === site.site)!;
        const report = JSON.parse(readFileSync(join(dir, 'out', 'reports', `${site.site}.json`), 'utf8')) as Report;
        expect(report.asOf).toBe(yearLater);
        expect(row.statuses['P3.2']).toBe(report.checks.find((c) => c.id === 'P3.2')!.status);
        // The run's own results stay as they were on its audit date.
        expect((await store.checks(2, site.site, asOf)).length).toBe(6);
      }
    } finally {
      await store.close();
    }
    if (sites.some((s) => s.site === 'static')) {
      // The newest retail post (2026-10-14) is more than 12 months before 2027-11-29.
      expect(rows.find((r) => r.partner.id === 'static')!.statuses['P3.2']).toBe('fail');
      const csv = parseCsv(readFileSync(join(dir, 'out', 'summary.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
      expect(csv.find((r) => r.id === 'static')!['P3.2']).toBe('fail');
      expect(csv.find((r) => r.id === 'static')!.verdict).toBe('fail');
      expect(readFileSync(join(dir, 'out', 'index.html'), 'utf8')).toContain(yearLater);
    }
  });

  it('index.html opens in Chromium and its table sorts', async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(pathToFileURL(join(dir, 'out', 'index.html')).href);
      const ids = () => page.$$eval('#partners tbody tr td:first-child code', (cells) => cells.map((c) => c.textContent));
      const inputOrder = [...sites.map((s) => s.site), 'down'];
      expect(await ids()).toEqual(inputOrder);

      const headers = await page.$$eval('#partners thead th', (ths) => ths.map((th) => th.textContent));
      const pagesColumn = headers.indexOf('Pages');
      expect(pagesColumn).toBeGreaterThan(0);
      const pagesCrawled = () => page.$$eval('#partners tbody tr', (rows, col) =>
        rows.map((r) => (r as HTMLTableRowElement).cells[col]!.getAttribute('data-sort')), pagesColumn);
      const pagesButton = page.locator('#partners thead th').nth(pagesColumn).locator('button');
      await pagesButton.click();
      const ascending = await pagesCrawled();
      const numbers = ascending.filter((v) => v !== '').map(Number);
      expect(numbers.length).toBe(sites.length);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(ascending.at(-1)).toBe(''); // the partner that could not be audited sorts last
      await pagesButton.click();
      const descending = (await pagesCrawled()).filter((v) => v !== '').map(Number);
      expect(descending).toEqual([...numbers].sort((a, b) => b - a));

      await page.locator('#partners thead th', { hasText: 'Partner' }).locator('button').click();
      const byName = await page.$$eval('#partners tbody tr td:first-child', (cells) => cells.map((c) => c.getAttribute('data-sort')!));
      expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('report --lang zh-TW rewrites the reports, summary.csv\'s headers and index.html in Traditional Chinese, carrying valid_until', async () => {
    const out = join(dir, 'out');
    await reportFromStore(out, asOf, { lang: 'zh-TW' });
    const [header, ...records] = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8')) as string[][];
    expect(header!.slice(0, 3)).toEqual(['編號', '名稱', '首頁']);
    const validUntil = header!.indexOf('有效期限');
    const done = sites.map((s) => s.site);
    for (const record of records.filter((r) => done.includes(r[0]!))) {
      const report = JSON.parse(readFileSync(join(out, 'reports', `${record[0]}.json`), 'utf8')) as Report;
      expect(record[validUntil]).toBe(report.validUntil?.date ?? '');
      expect(readFileSync(join(out, 'reports', `${record[0]}.html`), 'utf8')).toContain('<html lang="zh-TW">');
    }
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="zh-TW">');
    await reportFromStore(out, asOf);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<html lang="en">');
  });
});
