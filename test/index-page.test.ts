import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { INDEX_CSP, renderBatchIndex, type BatchIndexRow } from '../src/report/index-page.ts';
import { CHECK_IDS } from '../src/checks/index.ts';
import type { Report } from '../src/types.ts';
import { emptyReport, hostileReport, PAYLOADS } from './support/report-builder.ts';
import { NOTHING_RAN, openHtml, sideEffects, useChromium } from './support/open-html.ts';

function previousRun(): Report {
  const report = hostileReport();
  report.checks = report.checks.map((c) => (c.id === 'P2.2.2' ? { ...c, status: 'pass' } : c.id === 'P3.2' ? { ...c, status: 'fail' } : c));
  return report;
}

function statuses(report: Report): BatchIndexRow['checks'] {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

/** A row as the batch builds it from a partner's report (and the previous run's), or from a failure. */
function batchIndexRow(input: { id: string; name: string; homepage: string; report: Report | null; previous?: Report; error?: string; reportHref?: string }): BatchIndexRow {
  const { report } = input;
  const counted = report?.caseStudies.filter((s) => s.counted) ?? [];
  return {
    id: input.id,
    name: input.name,
    homepage: report?.homepage ?? input.homepage,
    verdict: report?.verdict ?? null,
    checks: report ? statuses(report) : {},
    previousChecks: input.previous ? statuses(input.previous) : null,
    caseStudiesFound: report ? counted.length : null,
    caseStudiesReachable: report ? counted.filter((s) => s.reachable).length : null,
    newestThoughtLeadership: report?.thoughtLeadership.map((t) => t.published).filter((d) => d !== null).sort().at(-1) ?? null,
    validUntil: report?.validUntil?.date ?? null,
    practicePage: report?.practicePage?.url ?? null,
    pagesCrawled: report?.crawl.pagesFetched ?? null,
    error: input.error ?? null,
    reportHref: input.reportHref ?? (report ? `reports/${encodeURIComponent(input.id)}.html` : null),
  };
}

function handRow(over: Partial<BatchIndexRow> & Pick<BatchIndexRow, 'id' | 'name' | 'homepage'>): BatchIndexRow {
  return {
    verdict: 'pass',
    checks: { 'P2.1': 'pass', 'P2.2.1': 'pass', 'P2.2.2': 'pass', 'P2.3': 'pass', 'P3.1': 'pass', 'P3.2': 'pass' },
    previousChecks: null,
    caseStudiesFound: 3,
    caseStudiesReachable: 3,
    newestThoughtLeadership: null,
    validUntil: null,
    practicePage: null,
    pagesCrawled: null,
    error: null,
    reportHref: `reports/${over.id}.html`,
    ...over,
  };
}

function batchRows(): BatchIndexRow[] {
  return [
    batchIndexRow({ id: 'acme', name: 'Acme Retail Cloud', homepage: 'https://www.shoptech.test/', report: hostileReport(), previous: previousRun() }),
    batchIndexRow({ id: 'empty', name: 'Empty Partner', homepage: 'https://empty.test/', report: emptyReport() }),
    batchIndexRow({
      id: 'evil',
      name: `${PAYLOADS.script}Evil`,
      homepage: PAYLOADS.jsUrl,
      report: null,
      error: `homepage could not be fetched: ECONNREFUSED ${PAYLOADS.img}`,
      reportHref: PAYLOADS.jsUrl,
      previous: hostileReport(),
    }),
    handRow({
      id: 'cloudbridge',
      name: '雲橋科技 CloudBridge',
      homepage: 'https://www.cloudbridge.test/',
      pagesCrawled: 120,
      newestThoughtLeadership: '2026-09-10',
      practicePage: 'https://www.cloudbridge.test/solutions/retail/',
    }),
    handRow({
      id: 'contoso',
      name: 'Contoso Consulting',
      homepage: 'https://contoso.test/',
      verdict: 'review',
      checks: { 'P2.1': 'review', 'P2.2.1': 'pass', 'P2.2.2': 'pass', 'P2.3': 'pass', 'P3.1': 'pass', 'P3.2': 'review' },
      previousChecks: { 'P2.1': 'review', 'P2.2.1': 'pass', 'P2.2.2': 'pass', 'P2.3': 'pass', 'P3.1': 'pass', 'P3.2': 'review' },
      pagesCrawled: 7,
      newestThoughtLeadership: '2025-12-24',
    }),
  ];
}

describe('renderBatchIndex (strings)', () => {
  const html = renderBatchIndex(batchRows(), { checkIds: CHECK_IDS, generatedAt: '2026-11-29 18:00 UTC' });

  it('allows exactly its own inline script by hash and nothing external', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(INDEX_CSP).toContain(`script-src 'sha256-${hash}'`);
    expect(INDEX_CSP).toContain("default-src 'none'");
    expect(INDEX_CSP).not.toMatch(/unsafe-inline'[^;]*script|unsafe-eval|unsafe-hashes/);
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
  });

  it('escapes partner data and links only http(s) homepages and relative reports', () => {
    for (const payload of Object.values(PAYLOADS)) {
      if (/[<>"']/.test(payload)) expect(html).not.toContain(payload);
    }
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('&lt;script&gt;window.__pwned = &#39;script&#39;; alert(&#39;script&#39;)&lt;/script&gt;Evil');
    expect(html).toContain('<a href="reports/acme.html">report</a>');
    expect(html).toContain('<a class="home" href="https://www.shoptech.test/" rel="noreferrer noopener">www.shoptech.test</a>');
    expect(html).toContain('<span class="home">javascript:window.__pwned=&#39;href&#39;');
  });

  it('marks checks that changed since the previous run', () => {
    expect(html).toContain('<span class="changed" title="changed since the previous run">pass → fail</span>');
    expect(html).toContain('<span class="changed" title="changed since the previous run">fail → review</span>');
    expect(html).toContain('<span class="changed" title="changed since the previous run">pass → error</span>');
    expect(html.match(/data-changed="yes"/g)).toHaveLength(2);
    expect(html).toContain('5 partners · <span class="badge badge-pass">1 pass</span> <span class="badge badge-fail">1 fail</span> <span class="badge badge-review">2 review</span> <span class="badge badge-error">1 error</span> · 2 changed since the previous run');
  });

  it('renders an empty batch', () => {
    const empty = renderBatchIndex([], { checkIds: CHECK_IDS });
    expect(empty).toContain('No partners in this batch.');
    expect(empty).toContain('<tbody>\n</tbody>');
  });

  it('shows until when each partner’s web presence holds, sorted by its ISO date', () => {
    const rows = [handRow({ id: 'a', name: 'A', homepage: 'https://a.test/', validUntil: '2027-10-22' })];
    expect(renderBatchIndex(rows, { checkIds: CHECK_IDS })).toContain('<td class="date" data-sort="2027-10-22">2027-10-22</td>');
    expect(renderBatchIndex(rows, { checkIds: CHECK_IDS }, 'zh-TW')).toContain('<td class="date" data-sort="2027-10-22">2027年10月22日</td>');
  });

  it('speaks Traditional Chinese when asked, the script’s count sentence included', () => {
    const zh = renderBatchIndex(batchRows(), { checkIds: CHECK_IDS, generatedAt: '2026-11-29T18:00:05.123Z' }, 'zh-TW');
    expect(zh).toContain('<html lang="zh-TW">');
    expect(zh).toContain('產生於 2026年11月29日 18:00（UTC）');
    expect(zh).toContain('5 個合作夥伴 · <span class="badge badge-pass">1 個通過</span>');
    expect(zh).toContain('<span class="changed" title="與上次執行相比有變化">通過 → 未通過</span>');
    expect(zh).toContain('data-template="顯示 {total} 個合作夥伴中的 {shown} 個"');
    expect(zh).toContain('<button type="button">有效期限</button>');
    expect(zh).not.toMatch(/>(?:Partner|Verdict|Filter|Show|report)</);
  });
});

describe('renderBatchIndex in Chromium', () => {
  const browser = useChromium();

  const visibleIds = (page: Page): Promise<string[]> =>
    page.$$eval('#partners tbody tr:not([hidden]) td:first-child code', (codes) => codes.map((c) => c.textContent ?? ''));

  it('sorts by clicking headers, filters by text and status, and runs nothing hostile', async () => {
    const opened = await openHtml(browser(), renderBatchIndex(batchRows(), { checkIds: CHECK_IDS }), 'index.html');
    try {
      const { page } = opened;
      expect(await visibleIds(page)).toEqual(['acme', 'empty', 'evil', 'cloudbridge', 'contoso']);
      expect(await page.locator('#row-count').innerText()).toBe('5 of 5 partners shown');

      const header = (label: string) => page.locator('#partners thead th', { hasText: label }).locator('button');
      await header('Pages').click();
      expect(await visibleIds(page)).toEqual(['empty', 'contoso', 'acme', 'cloudbridge', 'evil']);
      expect(await page.locator('#partners thead th', { hasText: 'Pages' }).getAttribute('aria-sort')).toBe('ascending');
      await header('Pages').click();
      expect(await visibleIds(page)).toEqual(['cloudbridge', 'acme', 'contoso', 'empty', 'evil']);

      await header('Newest retail TL').click();
      expect((await visibleIds(page)).slice(0, 3)).toEqual(['contoso', 'acme', 'cloudbridge']);

      await header('Verdict').click();
      expect(await visibleIds(page)).toEqual(['acme', 'contoso', 'empty', 'cloudbridge', 'evil']);

      await header('Partner').click();
      expect((await visibleIds(page))[0]).toBe('evil'); // "<script>…" sorts before letters

      await page.fill('#filter-text', 'contoso');
      expect(await visibleIds(page)).toEqual(['contoso']);
      expect(await page.locator('#row-count').innerText()).toBe('1 of 5 partners shown');
      await page.fill('#filter-text', 'shoptech'); // matches the homepage URL, not only visible text
      expect(await visibleIds(page)).toEqual(['acme']);
      await page.fill('#filter-text', '');

      await page.selectOption('#filter-status', 'changed');
      expect(await visibleIds(page)).toEqual(['evil', 'acme']);
      expect(await page.locator('#partners tbody tr:not([hidden]) .changed').allInnerTexts()).toEqual([
        'review → error', 'pass → error', 'fail → error', 'pass → error', 'pass → error', 'review → error',
        'pass → fail', 'fail → review',
      ]);
      await page.selectOption('#filter-status', 'error');
      expect(await visibleIds(page)).toEqual(['evil']);
      await page.selectOption('#filter-status', 'review');
      await page.fill('#filter-text', 'empty');
      expect(await visibleIds(page)).toEqual(['empty']);
      await page.selectOption('#filter-status', 'all');
      await page.fill('#filter-text', '');

      await page.hover('text=Evil');
      await page.waitForTimeout(200);
      expect(await sideEffects(opened)).toEqual(NOTHING_RAN);
      expect(await page.evaluate(() => document.scripts.length)).toBe(1);
      await page.screenshot({ path: '/tmp/partner-presence-index.png', fullPage: true });
    } finally {
      await opened.close();
    }
  });

  it('writes its counts as the page\'s language writes numbers, in the page and in the script', async () => {
    const rows = Array.from({ length: 1204 }, (_, i) => handRow({ id: `p${i}`, name: `Partner ${i}`, homepage: `https://p${i}.test/` }));
    for (const [lang, before, after] of [['en', '1,204 partners', '1,204 of 1,204 partners shown'], ['zh-TW', '1,204 個合作夥伴', '顯示 1,204 個合作夥伴中的 1,204 個']] as const) {
      const html = renderBatchIndex(rows, { checkIds: CHECK_IDS }, lang);
      expect(html).toContain(`<span id="row-count" aria-live="polite" data-template="`);
      expect(html).toContain(`">${before}</span>`);
      const opened = await openHtml(browser(), html, `index-${lang}.html`);
      try {
        expect(await opened.page.locator('#row-count').innerText()).toBe(after);
      } finally {
        await opened.close();
      }
    }
  });
});
