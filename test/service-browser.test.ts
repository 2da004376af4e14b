// The web service in a real browser (Debian's Chromium through Playwright) against the real server on
// 127.0.0.1 auditing fixture partner sites: the form, live progress, the report, keyboard-only use,
// a hostile site, joining a running audit, the 429 page and the program managers' console; axe finds
// no serious or critical accessibility violation on any page.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright';
import { ADMIN_TOKEN, startServiceUnderTest, type ServiceUnderTest } from './support/service.ts';
import { useChromium } from './support/open-html.ts';

let sut: ServiceUnderTest;
const browser = useChromium();
let context: BrowserContext;

beforeAll(async () => {
  sut = await startServiceUnderTest(['demo', 'hostile', 'static', 'stale'], { auditsPerHour: 5 });
  context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await context?.close();
  await sut?.close();
});

/**
 * Every serious or critical axe violation on the page, as "rule: target" lines (none expected).
 * `exclude` leaves out long repeats of one row template (a report's table of every crawled page), which
 * cost axe most of its time and nothing the rest of the page does not show it.
 */
async function accessibilityProblems(page: Page, exclude?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (exclude) builder.exclude(exclude);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Records, across reloads, what the live page showed before the audit finished. */
const RECORD_LIVE_UPDATES = () => {
  document.addEventListener('DOMContentLoaded', () => {
    const root = document.querySelector('main.audit');
    if (!root) return;
    const log = JSON.parse(sessionStorage.getItem('live') ?? '{"pages":[],"checks":[]}');
    new MutationObserver(() => {
      const pages = document.getElementById('pages-read')?.textContent ?? '';
      if (!log.pages.includes(pages)) log.pages.push(pages);
      document.querySelectorAll('#live-checks li').forEach((li) => {
        const id = li.getAttribute('data-check');
        if (!log.checks.some((c: { id: string }) => c.id === id)) log.checks.push({ id, state: root.getAttribute('data-state') });
      });
      sessionStorage.setItem('live', JSON.stringify(log));
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
};

async function submit(page: Page, homepage: string, asOf?: string): Promise<void> {
  await page.goto(`${sut.service.url}/`);
  await page.getByLabel('Your company’s homepage').fill(homepage);
  if (asOf) await page.getByLabel('Audit date (optional)').fill(asOf);
  await Promise.all([page.waitForURL(/\/audits\/[A-Za-z0-9_-]{22}$/), page.getByRole('button', { name: 'Check my site' }).click()]);
}

async function waitForReport(page: Page): Promise<void> {
  await page.locator('#verdict-title').waitFor({ timeout: 60_000 });
}

describe('a partner checking their own site', () => {
  it('fills in the form, sees progress and each check arrive before the end, then the report', async () => {
    sut.fixtures.route('www.harbourline.test', '/*', { delayMs: 60 });
    const page = await context.newPage();
    await page.addInitScript(RECORD_LIVE_UPDATES);
    await page.goto(`${sut.service.url}/`);
    expect(await page.locator('ul.items li').count()).toBe(6);
    expect(await accessibilityProblems(page)).toEqual([]);

    await submit(page, sut.site('www.harbourline.test'), '2026-11-29');
    await page.locator('#audit-state').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await waitForReport(page);

    const live = JSON.parse((await page.evaluate(() => sessionStorage.getItem('live'))) ?? '{}');
    expect(live.pages.filter((p: string) => Number(p) > 0).length).toBeGreaterThan(1);
    expect(live.checks.map((c: { id: string }) => c.id)).toEqual(['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']);
    expect(live.checks.every((c: { state: string }) => c.state === 'running')).toBe(true);

    expect(await page.locator('#verdict-title').innerText()).toMatch(/meets/i);
    expect(await page.locator('section.changes').innerText()).toMatch(/first audit of this site/);
    expect(await accessibilityProblems(page, '#pages tbody')).toEqual([]);
    const json = await page.request.get(sut.service.url + (await page.getByRole('link', { name: 'JSON', exact: true }).getAttribute('href')));
    expect((await json.json()).verdict).toBe('pass');
    const markdown = await page.request.get(sut.service.url + (await page.getByRole('link', { name: 'Markdown', exact: true }).getAttribute('href')));
    expect(await markdown.text()).toMatch(/^# Retail web presence audit/);
    sut.fixtures.route('www.harbourline.test', '/*', { delayMs: 0 });
    await page.close();
  }, 150_000);

  it('works with the keyboard alone', async () => {
    const page = await context.newPage();
    await page.goto(`${sut.service.url}/`);
    let focused = '';
    for (let i = 0; i < 8 && focused !== 'homepage'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('homepage');
    await page.keyboard.type(sut.site('www.northwind.test'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('asOf');
    // The date field's day, month and year parts each take a Tab.
    for (let i = 0; i < 4 && focused !== 'Check my site'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent ?? '' : ''));
    }
    expect(focused).toBe('Check my site');
    await Promise.all([page.waitForURL(/\/audits\//), page.keyboard.press('Enter')]);
    await waitForReport(page);
    await page.close();
  });

  it('shows a hostile site’s report without running or loading anything from it', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => { if (!r.url().startsWith(sut.service.url)) foreign.push(r.url()); });
    await submit(page, sut.site('www.hostile.test'));
    await waitForReport(page);
    await page.mouse.move(300, 400);
    await page.waitForTimeout(200);
    expect(await page.content()).toMatch(/&lt;script&gt;|&lt;img/);
    expect({ dialogs, errors, foreign }).toEqual({ dialogs: [], errors: [], foreign: [] });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
    const active = await page.evaluate(() => ({
      scripts: Array.from(document.scripts).filter((s) => !s.src.startsWith(location.origin + '/static/')).length,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
      badLinks: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '')
        .filter((href) => !/^(https?:|#|\/(?!\/))/.test(href)),
      embedded: document.querySelectorAll('iframe, object, embed').length,
    }));
    expect(active).toEqual({ scripts: 0, handlers: 0, badLinks: [], embedded: 0 });
    await page.close();
  });

  it('joins the audit already running when the same site is submitted again', async () => {
    sut.fixtures.route('www.evergreencommerce.test', '/*', { delayMs: 300 });
    const first = await context.newPage();
    const second = await context.newPage();
    await submit(first, sut.site('www.evergreencommerce.test'));
    await submit(second, sut.site('www.evergreencommerce.test').replace('http://www.', 'http://'));
    expect(second.url()).toBe(first.url());
    expect(await second.locator('#audit-state').innerText()).toMatch(/Reading|Waiting/);
    sut.fixtures.route('www.evergreencommerce.test', '/*', { delayMs: 0 });
    await waitForReport(second);
    await first.close();
    await second.close();
  });

  it('works without JavaScript: the form submits, and the audit page reloads itself until the report is there', async () => {
    const noScript = await browser().newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    sut.fixtures.route('www.northwind.test', '/*', { delayMs: 150 });
    // A start page under the site's root is another site to the service, so this is a new audit.
    await submit(page, sut.fixtures.url('www.northwind.test', '/industries/retail/'));
    expect(await page.locator('#audit-state').innerText()).toMatch(/Reading the site|Waiting to start/);
    sut.fixtures.route('www.northwind.test', '/*', { delayMs: 0 });
    await page.locator('#verdict-title').waitFor({ timeout: 60_000 });
    await noScript.close();
  });

  it('shows a page saying when to try again once an address has started too many audits', async () => {
    // Five audits were started above (the join did not count); new sites (on the fixture server's
    // address, which answers 404 for them) use up whatever is left of the hour's allowance.
    const page = await context.newPage();
    let status = 0;
    for (let i = 0; i < 5 && status !== 429; i++) {
      await page.goto(`${sut.service.url}/`);
      await page.getByLabel('Your company’s homepage').fill(`http://127.0.0.1:${sut.fixtures.port}/site-${i}/`);
      const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Check my site' }).click()]);
      status = response?.status() ?? 0;
    }
    expect(status).toBe(429);
    expect(await page.locator('h1').innerText()).toBe('Too many audits from your address');
    expect(await page.locator('main p').first().innerText()).toMatch(/start another in about \d+ minutes/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});

describe('a program manager', () => {
  it('signs in, uploads a list with a bad row, watches the batch and opens a partner’s report', async () => {
    const page = await context.newPage();
    await page.goto(`${sut.service.url}/admin`);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Access token').fill(ADMIN_TOKEN);
    await Promise.all([page.waitForURL(/\/admin$/), page.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Slow enough that the batch is still running while the page is checked; sped up afterwards.
    sut.fixtures.route('www.northwind.test', '/*', { delayMs: 2000 });
    const csv = ['id,name,homepage', `northwind,Northwind,${sut.site('www.northwind.test')}`, 'nohome,No Homepage,', `harbour,Harbourline,${sut.site('www.harbourline.test')}`].join('\n');
    await page.getByLabel('Applicant list', { exact: true }).setInputFiles({ name: 'applicants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForURL(/\/admin\/batches\/\d+$/), page.getByRole('button', { name: 'Start the audits' }).click()]);

    const skipped = page.locator('table.problems');
    expect(await skipped.locator('tbody tr').count()).toBe(1);
    expect(await skipped.locator('tbody td').first().innerText()).toBe('3');
    const progress = page.locator('#batch-progress');
    expect(await progress.innerText()).toMatch(/of 2 partners finished/);
    expect(await accessibilityProblems(page)).toEqual([]);
    sut.fixtures.route('www.northwind.test', '/*', { delayMs: 0 });
    // The live script reloads the page when the last partner is done.
    await page.locator('#batch-progress', { hasText: '2 of 2 partners finished' }).waitFor({ timeout: 60_000 });
    await page.locator('table#partners tbody tr').first().waitFor();
    expect(await page.locator('table#partners tbody tr').count()).toBe(2);

    await Promise.all([page.waitForURL(/\/partners\/harbour$/), page.locator('tr', { hasText: 'Harbourline' }).getByRole('link', { name: 'report' }).click()]);
    await waitForReport(page);
    expect(await page.locator('#verdict-title').innerText()).toMatch(/meets/i);
    // The page is the visitor's report page (auditReportPage) with another back link; axe checked
    // that one above.
    await page.close();
  }, 150_000);
});

describe('a reader of Traditional Chinese', () => {
  it('gets the pages in zh-TW from the browser’s language, accessible, and switches to English from the header', async () => {
    // A context of its own: the language cookie it sets must not reach the other tests' pages.
    const zhContext = await browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-TW' });
    try {
      const page = await zhContext.newPage();
      await page.goto(`${sut.service.url}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
      expect(await accessibilityProblems(page)).toEqual([]);
      await page.getByLabel('貴公司的首頁').fill(sut.site('www.harbourline.test'));
      await page.getByLabel('稽核日期（選填）').fill('2026-11-29');
      await Promise.all([page.waitForURL(/\/audits\/[A-Za-z0-9_-]{22}$/), page.getByRole('button', { name: '檢查我的網站' }).click()]);
      await waitForReport(page);
      expect(await page.locator('#verdict-title').textContent()).toBe('符合網路形象的先決條件');
      expect(await page.locator('.verdict-valid-until').textContent()).toMatch(/^網路形象有效至 2027年10月22日/);
      expect(await accessibilityProblems(page, '#pages tbody')).toEqual([]);
      await Promise.all([page.waitForURL(/\?lang=en$/), page.getByRole('link', { name: 'English' }).click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('#verdict-title').textContent()).toBe('Meets the web-presence prerequisites');
      // The choice is remembered over the browser's language.
      await page.goto(`${sut.service.url}/`);
      expect(await page.locator('h1').textContent()).toBe('Check your retail web presence before you apply');
    } finally {
      await zhContext.close();
    }
  }, 150_000);
});
