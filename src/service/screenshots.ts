// npm run screenshots: regenerates the README's pictures of the web service (src/service/screenshots/)
// from the real thing: the demo partner site on 127.0.0.1, the service, and Debian's Chromium. The
// demo site is slowed down so that a running audit can be caught in the middle.

import { chromium } from 'playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../../fixtures/server.ts';
import { DEFAULT_SERVICE_CONFIG, startService } from './server.ts';

const OUT = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TOKEN = 'screenshots';

const fixtures = await startFixtureServer({ sites: ['demo', 'static', 'stale'] });
const dataDir = mkdtempSync(join(tmpdir(), 'pp-screenshots-'));
const service = await startService({
  ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir, adminToken: TOKEN,
  crawl: { resolve: fixtures.resolveArgs(), allowAddresses: ['127.0.0.1'], delayMs: 0, render: 'never' },
});
const browser = await chromium.launch({
  executablePath: process.env.PARTNER_PRESENCE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 820 } });
  const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

  await page.goto(`${service.url}/`);
  await page.getByLabel('Your company’s homepage').fill(fixtures.url('www.harbourline.test', '/'));
  await page.getByLabel('Audit date (optional)').fill('2026-11-29');
  await shot('self-check');

  fixtures.route('www.harbourline.test', '/*', { delayMs: 250 });
  await Promise.all([page.waitForURL(/\/audits\//), page.getByRole('button', { name: 'Check my site' }).click()]);
  await page.waitForFunction(() => Number(document.getElementById('pages-read')?.textContent) >= 12);
  await shot('audit-running');
  fixtures.route('www.harbourline.test', '/*', { delayMs: 0 });
  await page.locator('#verdict-title').waitFor({ timeout: 120_000 });
  await shot('audit-report');

  await page.goto(`${service.url}/admin`);
  await page.getByLabel('Access token').fill(TOKEN);
  await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  const list = ['id,name,homepage', `harbourline,Harbourline,${fixtures.url('www.harbourline.test', '/')}`,
    `northwind,Northwind,${fixtures.url('www.northwind.test', '/')}`, 'nohome,No homepage,',
    `evergreen,Evergreen Commerce,${fixtures.url('www.evergreencommerce.test', '/')}`].join('\n');
  await page.getByLabel('Applicant list', { exact: true }).setInputFiles({ name: 'applicants.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
  await Promise.all([page.waitForURL(/\/admin\/batches\//), page.getByRole('button', { name: 'Start the audits' }).click()]);
  await page.locator('#batch-progress', { hasText: '3 of 3 partners finished' }).waitFor({ timeout: 120_000 });
  await page.locator('table#partners tbody tr').first().waitFor();
  await shot('console-batch');
  process.stdout.write(`wrote ${OUT}{self-check,audit-running,audit-report,console-batch}.png\n`);
} finally {
  await browser.close();
  await service.close();
  await fixtures.close();
  rmSync(dataDir, { recursive: true, force: true });
}
