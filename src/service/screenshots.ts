// npm run screenshots: regenerates the README's pictures of the web service and the HTML report, in
// English and Traditional Chinese (src/service/screenshots/<lang>/), from the real thing: the demo partner
// site on 127.0.0.1, the service, and Debian's Chromium (with fonts-noto-cjk for the Chinese glyphs).
// The demo site is slowed down so that a running audit can be caught in the middle. Each language gets
// a service of its own: a second submission of the same site to one service would show the first audit.

import { chromium, type Browser } from 'playwright';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { LANGS, type Lang } from '../messages/index.ts';
import { messages } from '../messages/service.ts';
import { DEFAULT_SERVICE_CONFIG, startService } from './server.ts';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TOKEN = 'screenshots';
/** The demo's own audit date (fixtures/sites/demo/expected.json), so the pictures do not age. */
const AS_OF = '2026-11-29';
const SHOTS = ['self-check', 'audit-running', 'audit-report', 'report-html', 'console-batch'] as const;

async function screenshots(browser: Browser, fixtures: FixtureServer, lang: Lang): Promise<void> {
  const t = messages(lang);
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-screenshots-'));
  const service = await startService({
    ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir, adminToken: TOKEN,
    crawl: { resolve: fixtures.resolveArgs(), allowAddresses: ['127.0.0.1'], delayMs: 0, render: 'never' },
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 }, locale: lang });
  try {
    const out = join(OUT, lang);
    mkdirSync(out, { recursive: true });
    const page = await context.newPage();
    const shot = (name: (typeof SHOTS)[number]) => page.screenshot({ path: join(out, `${name}.png`) });

    // ?lang= chooses the language; the cookie it sets keeps it for every later page.
    await page.goto(`${service.url}/?lang=${lang}`);
    await page.getByLabel(t.homepageLabel).fill(fixtures.url('www.harbourline.test', '/'));
    await page.getByLabel(t.asOfLabel).fill(AS_OF);
    await shot('self-check');

    fixtures.route('www.harbourline.test', '/*', { delayMs: 250 });
    await Promise.all([page.waitForURL(/\/audits\//), page.getByRole('button', { name: t.submit }).click()]);
    await page.waitForFunction(() => Number(document.getElementById('pages-read')?.textContent) >= 12);
    await shot('audit-running');
    fixtures.route('www.harbourline.test', '/*', { delayMs: 0 });
    await page.locator('#verdict-title').waitFor({ timeout: 120_000 });
    await shot('audit-report');

    // The single-file HTML report is served as a download: opened from a file, as its reader would.
    const download = await page.request.get(`${page.url().replace(/[?#].*$/, '')}/report.html?lang=${lang}`);
    const reportFile = join(dataDir, 'report.html');
    writeFileSync(reportFile, await download.body());
    await page.goto(pathToFileURL(reportFile).href);
    await shot('report-html');

    await page.goto(`${service.url}/admin`);
    await page.getByLabel(t.adminTokenLabel).fill(TOKEN);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: t.adminLogin }).click()]);
    const list = ['id,name,homepage', `harbourline,Harbourline,${fixtures.url('www.harbourline.test', '/')}`,
      `northwind,Northwind,${fixtures.url('www.northwind.test', '/')}`, 'nohome,No homepage,',
      `evergreen,Evergreen Commerce,${fixtures.url('www.evergreencommerce.test', '/')}`].join('\n');
    await page.getByLabel(t.listLabel, { exact: true }).setInputFiles({ name: 'applicants.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
    await Promise.all([page.waitForURL(/\/admin\/batches\//), page.getByRole('button', { name: t.upload }).click()]);
    // The live script reloads the page when the last partner is done: a finished run has no event stream.
    await page.locator('main.batch[data-events=""] table#partners tbody tr').first().waitFor({ timeout: 120_000 });
    await shot('console-batch');
    process.stdout.write(`wrote ${out}/{${SHOTS.join(',')}}.png\n`);
  } finally {
    await context.close();
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const fixtures = await startFixtureServer({ sites: ['demo', 'static', 'stale'] });
const browser = await chromium.launch({
  executablePath: process.env.PARTNER_PRESENCE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const lang of LANGS) await screenshots(browser, fixtures, lang);
} finally {
  await browser.close();
  await fixtures.close();
}
