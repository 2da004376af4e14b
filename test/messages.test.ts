// The message catalogs: every language has every message, and each uses the same values as the English
// one (a value dropped in translation is a fact the reader never sees; one the English does not have
// would throw when rendered). Dates are written as the reader's language writes them.

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../src/messages/en.ts';
import { zhTW } from '../src/messages/zh-TW.ts';
import { formatDate, formatDateTime, formatValue, LANGS, t, type Template } from '../src/messages/index.ts';
import { messages } from '../src/messages/service.ts';
import { RETAIL_AREAS } from '../analyzers/types.ts';

const CATALOGS = { en, 'zh-TW': zhTW } as const;

/** The values a template reads: {name} in a string, v.name in a function's source. */
function valuesRead(template: Template): string[] {
  const source = typeof template === 'function' ? template.toString()
    : typeof template === 'string' ? template : `${template.one} ${template.other}`;
  const names = typeof template === 'function'
    ? [...source.matchAll(/\bv\.(\w+)/g)].map((m) => m[1]!)
    : [...source.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1]!);
  // A plural template reads count to choose its form even where a form leaves it out.
  if (typeof template === 'object') names.push('count');
  return [...new Set(names)].sort();
}

describe('message catalogs', () => {
  it('has a catalog for every language, each with exactly the English message ids', () => {
    expect(Object.keys(CATALOGS).sort()).toEqual([...LANGS].sort());
    for (const catalog of Object.values(CATALOGS)) expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same values in every language as in English', () => {
    const differ: string[] = [];
    for (const [lang, catalog] of Object.entries(CATALOGS)) {
      for (const [id, template] of Object.entries(catalog)) {
        const english = valuesRead(en[id as keyof typeof en]);
        const translated = valuesRead(template);
        // A plural form may leave count out of a word ("one item") that Chinese writes with the number.
        const dropPluralCount = (names: string[]) => names.filter((n) => n !== 'count' || english.includes('count') && translated.includes('count'));
        if (JSON.stringify(dropPluralCount(english)) !== JSON.stringify(dropPluralCount(translated))) {
          differ.push(`${lang} ${id}: en reads ${english.join(',')}; ${lang} reads ${translated.join(',')}`);
        }
      }
    }
    expect(differ).toEqual([]);
  });

  it('names the six retail areas as the checklist’s Chinese edition does', () => {
    expect(RETAIL_AREAS.map((a) => t('zh-TW', `label.area.${a}`))).toEqual([
      '顧客互動', '商品企劃與規劃', '供應鏈與物流配送', '門市：實體／數位／虛擬', '進階零售資料科學', '核心零售業務應用',
    ]);
  });

  // The checklist's items, "**P2.2.1 Public case studies.**": each check the catalogs title is one of them.
  const checklist = new URL('../../shared/checklist.md', import.meta.url);
  it.skipIf(!existsSync(checklist))('titles exactly the items of ../shared/checklist.md, in both languages (skipped when ../shared is absent)', () => {
    const items = [...readFileSync(checklist, 'utf8').matchAll(/^\*\*(P[\d.]+?) [^*]+\.\*\*/gm)].map((m) => m[1]!).sort();
    for (const catalog of Object.values(CATALOGS)) {
      expect(Object.keys(catalog).filter((id) => /^check\.P[\d.]+\.title$/.test(id)).map((id) => id.slice(6, -6)).sort()).toEqual(items);
    }
  });

  // The project's notes list each area's Chinese name in its heading: "### 3.1 Customer engagement (顧客互動)".
  const notes = new URL('../../shared/domain-notes.md', import.meta.url);
  for (const file of [checklist, notes]) {
    if (!existsSync(file)) console.warn(`messages.test.ts: skipping the test that reads ${file.pathname}: it is absent (../shared is not part of the repository)`);
  }
  it.skipIf(!existsSync(notes))('matches the area names of ../shared/domain-notes.md (skipped when ../shared is absent)', () => {
    const headings = [...readFileSync(notes, 'utf8').matchAll(/^### 3\.\d .*?\((.+)\)\s*$/gm)].map((m) => m[1]!.replace(/:/g, '：').replace(/\//g, '／'));
    expect(headings).toHaveLength(RETAIL_AREAS.length);
    expect(RETAIL_AREAS.map((a) => t('zh-TW', `label.area.${a}`))).toEqual(headings);
  });
});

describe('dates and numbers in the reader\'s language', () => {
  it('writes a day as ISO in English and as 年月日 in Traditional Chinese, with the ROC year when asked', () => {
    expect(formatDate('en', '2026-11-29')).toBe('2026-11-29');
    expect(formatDate('zh-TW', '2026-11-29')).toBe('2026年11月29日');
    expect(formatDate('zh-TW', '2026-11-29', true)).toBe('2026年11月29日（民國115年）');
    expect(formatDate('zh-TW', '1911-12-31', true)).toBe('1911年12月31日');
    expect(formatDate('zh-TW', 'not a date')).toBe('not a date');
  });

  it('writes an instant to the minute in UTC, its day as the language writes days', () => {
    expect(formatDateTime('en', '2026-12-05T02:52:34.618Z')).toBe('2026-12-05 02:52 UTC');
    expect(formatDateTime('zh-TW', '2026-12-05T02:52:34.618Z')).toBe('2026年12月5日 02:52（UTC）');
    expect(formatDateTime('zh-TW', '2026-12-05T23:30:00+08:00')).toBe('2026年12月5日 15:30（UTC）');
    expect(t('zh-TW', 'index.generated', { at: '2026-12-05T02:52:34.618Z' })).toBe('產生於 2026年12月5日 02:52（UTC）');
    expect(formatDateTime('en', '2026-11-29 18:00 UTC')).toBe('2026-11-29 18:00 UTC');
  });

  it('writes numbers, percentages and plurals through Intl', () => {
    expect(formatValue('zh-TW', 2.5)).toBe('2.5');
    expect(formatValue('en', 1234)).toBe('1,234');
    expect(formatValue('zh-TW', 1234)).toBe('1,234');
    expect(formatValue('en', 0.42, 'percent')).toBe('42%');
    expect(formatValue('en', 12.5, 'percent')).toBe('1,250%');
    expect(formatValue('en', 5, 'fixed1')).toBe('5.0');
    expect(formatValue('zh-TW', ['甲', '乙'])).toBe('甲、乙');
    expect(formatValue('zh-TW', ['甲', '乙'], 'semicolons')).toBe('甲；乙');
    expect(formatValue('zh-TW', 0.42, 'percent')).toMatch(/^42\s?%$/);
    expect(t('en', 'index.partners', { count: 1 })).toBe('1 partner');
    expect(t('en', 'index.partners', { count: 2 })).toBe('2 partners');
    expect(t('zh-TW', 'index.partners', { count: 2 })).toBe('2 個合作夥伴');
  });

  it('chooses English words by count with Intl plural and ordinal rules, in the reports and the service', () => {
    const crawl = { rendered: 0, errors: 0, robots: 0, stopped: null, browser: null, seconds: 5 };
    expect(t('en', 'terminal.crawl', { ...crawl, pages: 1204, documents: 1 })).toBe('1,204 pages (1 PDF) in 5.0 s');
    expect(t('en', 'terminal.crawl', { ...crawl, pages: 1, documents: 2, seconds: 1234.56 })).toBe('1 page (2 PDFs) in 1,234.6 s');
    expect(t('zh-TW', 'terminal.crawl', { ...crawl, pages: 1204, documents: 0 })).toBe('1,204 頁，耗時 5.0 秒');
    expect(t('en', 'report.meta', { asOf: '2026-11-29', pages: 1 })).toBe('Audit date 2026-11-29 · 1 page crawled');
    expect(t('en', 'P3.2.advice.updates-do-not-count', { count: 1, since: '2025-11-29' })).toContain('1 retail item updated recently was first');
    expect(t('en', 'P3.2.advice.updates-do-not-count', { count: 2, since: '2025-11-29' })).toContain('2 retail items updated recently were first');
    const validity = { published: '2026-10-22', months: 12 };
    expect(t('en', 'validity.P3.2', { ...validity, rank: 1 })).toMatch(/^when the newest retail item/);
    expect(t('en', 'validity.P3.2', { ...validity, rank: 2 })).toMatch(/^when the second-newest/);
    expect(t('en', 'validity.P3.2', { ...validity, rank: 21 })).toMatch(/^when the 21st-newest/);
    expect(t('en', 'validity.P3.2', { ...validity, rank: 22 })).toMatch(/^when the 22nd-newest/);
    expect(t('en', 'validity.P3.2', { ...validity, rank: 11 })).toMatch(/^when the 11th-newest/);
    const en = messages('en');
    expect(en.howItWorks({ maxPages: 1000, minutes: 1 })).toContain('at most 1,000 public pages of your site, politely and as robots.txt allows, for at most 1 minute.');
    expect(en.rateLimited(2, '12:00')).toContain('in about 2 minutes (at 12:00 UTC)');
    expect(en.rateLimited(1, '12:00')).toContain('in about 1 minute (at 12:00 UTC)');
    expect(messages('zh-TW').howItWorks({ maxPages: 1000, minutes: 5 })).toContain('最多讀取您網站的 1,000 個公開頁面，最多 5 分鐘');
  });

  it('writes numbers that name something (a run, a port) as they are', () => {
    expect(t('en', 'batch.heading.run', { run: 1234, asOf: '2026-11-29' })).toBe('Run 1234, as of 2026-11-29');
    expect(t('zh-TW', 'index.title', { run: 1234, asOf: '2026-11-29' })).toContain('第 1234 次批次執行');
    expect(t('en', 'demo.serving', { port: 42635, url: 'http://www.harbourline.test:42635/' })).toContain('127.0.0.1:42635;');
  });

  it('words a typed date fact by where it was read, in each language', () => {
    const fact = { type: 'date-fact', date: '2026-10-22', source: 'json-ld', rule: 'json-ld:BlogPosting.datePublished', inferred: false } as const;
    expect(formatValue('en', fact)).toBe('2026-10-22 (structured data BlogPosting.datePublished)');
    expect(formatValue('zh-TW', fact)).toBe('2026年10月22日（結構化資料 BlogPosting.datePublished）');
    expect(formatValue('zh-TW', { ...fact, source: 'url', rule: 'url:year-month', inferred: true })).toBe('2026年10月22日（頁面網址中的年月，推測）');
  });
});
