// The demo's reports in Traditional Chinese: every word is the catalog's, none English, except what the
// report quotes (the site's titles, customers, excerpts, AWS services, standards), URLs, product and
// format names and the item ids. Rendered at the demo's audit date (all pass) and two years later (fail
// and review, with their advice), so the words of every status are read.

import { beforeAll, describe, expect, it } from 'vitest';
import { auditDemo } from './support/demo-audit.ts';
import { evaluate } from '../src/evaluate.ts';
import { renderHtml } from '../src/report/html.ts';
import { renderMarkdown } from '../src/report/markdown.ts';
import { renderTerminal } from '../src/report/terminal.ts';
import { renderJson } from '../src/report/json.ts';
import { renderBatchIndex, type BatchIndexRow } from '../src/report/index-page.ts';
import { summarizeReport } from '../src/batch/summary.ts';
import { CHECK_IDS } from '../src/checks/index.ts';
import { t } from '../src/messages/index.ts';
import { displayWidth } from '../src/report/columns.ts';
import type { Report } from '../src/types.ts';
import { englishLeft, htmlText } from './support/english-left.ts';

/** Keys whose strings are our ids or our English prose (schemaVersion 1), never the site's words. */
const NOT_QUOTED = new Set(['id', 'rule', 'type', 'vocabulary', 'set', 'source', 'status', 'verdict', 'kind', 'format', 'delivery', 'window',
  'foundVia', 'stoppedBy', 'contentType', 'lang', 'role', 'note', 'summary', 'recommendation', 'requirement', 'notCountedWhy', 'name', 'version']);

/** Every string the report holds that came from the site (or names a page), longest first. */
function quotedStrings(report: Report): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, inCheck: boolean): void => {
    if (typeof value === 'string') {
      if (!NOT_QUOTED.has(key) && !(inCheck && key === 'title')) found.add(value);
      // A date rule names the page's metadata property (json-ld:BlogPosting.datePublished): code, shown as written.
      if (key === 'rule' && /^(?:json-ld|meta):./.test(value)) found.add(value.slice(value.indexOf(':') + 1));
    } else if (Array.isArray(value)) for (const v of value) walk(v, key, inCheck);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k, inCheck || key === 'checks');
  };
  walk(report, '', false);
  found.add(new URL(report.homepage).host);
  return [...found].filter((s) => /[A-Za-z]/.test(s)).sort((a, b) => b.length - a.length);
}

let reports: { name: string; report: Report }[];

beforeAll(async () => {
  const { report, evidence } = await auditDemo();
  reports = [{ name: 'the demo', report }, { name: 'the demo two years on', report: evaluate(evidence, '2028-11-29') }];
}, 120_000);

describe('the demo in Traditional Chinese', () => {
  it('passes at its own date and fails checks two years on, so the words of every status of words are rendered', () => {
    expect(reports[0]!.report.verdict).toBe('pass');
    expect(reports[1]!.report.checks.map((c) => c.status)).toContain('fail');
    expect(reports[1]!.report.checks.some((c) => c.advice.length > 0)).toBe(true);
  });

  it('leaves no English word in the HTML, Markdown and terminal reports', () => {
    for (const { name, report } of reports) {
      const quoted = quotedStrings(report);
      // Markdown without its link targets and backslash escapes, so quoted titles read as the site wrote them.
      const md = renderMarkdown(report, 'zh-TW').replace(/\]\(<[^>]*>\)/g, ']').replace(/\\(.)/g, '$1');
      expect({ name, format: 'html', english: englishLeft(htmlText(renderHtml(report, 'zh-TW')), quoted) }).toEqual({ name, format: 'html', english: [] });
      expect({ name, format: 'md', english: englishLeft(md, quoted) }).toEqual({ name, format: 'md', english: [] });
      const terminal = renderTerminal(report, { color: false, width: Number.POSITIVE_INFINITY }, 'zh-TW');
      expect({ name, format: 'terminal', english: englishLeft(terminal, quoted) }).toEqual({ name, format: 'terminal', english: [] });
    }
  });

  it('finds the English report English by the same measure (the test can fail)', () => {
    const { report } = reports[1]!;
    expect(englishLeft(htmlText(renderHtml(report, 'en')), quotedStrings(report)).length).toBeGreaterThan(100);
  });

  it('uses the checklist items\' Chinese titles, 年月日 dates with the ROC year, and the JSON stays language-neutral', () => {
    const { report } = reports[0]!;
    const html = renderHtml(report, 'zh-TW');
    expect(html).toContain('<html lang="zh-TW">');
    expect(html).toContain('零售實務微型網站');
    expect(html).toContain('2026年11月29日（民國115年）');
    expect(html).toMatch(/有效至 2027年10月22日/);
    // In the Markdown table a check's outcome and its validity are two sentences, punctuated as each language does.
    expect(renderMarkdown(report, 'zh-TW')).toMatch(/最新一篇 2026年10月22日。有效至 2027年10月22日，/);
    expect(renderMarkdown(report, 'en')).toMatch(/newest 2026-10-22\. Passes until 2027-10-22, /);
    // The JSON report has no words of a language: the same bytes whatever language the other reports are in.
    expect(renderJson(report)).not.toMatch(/零售實務微型網站|近期的零售思想領導力|有效至/);
  });

  it('leaves no English word in the batch index of the demo: statuses, changes since the previous run, dates, time stamp', () => {
    const [now, later] = reports.map((r) => r.report) as [Report, Report];
    const statuses = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    const s = summarizeReport(later);
    const audited: BatchIndexRow = {
      id: 'harbourline', name: 'Harbourline', homepage: s.finalHomepage, verdict: s.verdict, checks: statuses(later), previousChecks: statuses(now),
      caseStudiesFound: s.caseStudiesFound, caseStudiesReachable: s.caseStudiesReachable, newestThoughtLeadership: s.newestRetailThoughtLeadership,
      validUntil: summarizeReport(now).validUntil ?? null, practicePage: s.practicePage, pagesCrawled: s.pagesCrawled, error: null, reportHref: 'reports/harbourline.html',
    };
    const unaudited: BatchIndexRow = { ...audited, id: 'later', name: 'Later', verdict: null, checks: {}, previousChecks: null,
      caseStudiesFound: null, caseStudiesReachable: null, newestThoughtLeadership: null, validUntil: null, practicePage: null, pagesCrawled: null,
      error: t('zh-TW', 'batch.not-audited-yet'), reportHref: null };
    const html = renderBatchIndex([audited, unaudited], {
      checkIds: CHECK_IDS, title: t('zh-TW', 'index.title', { run: 2, asOf: later.asOf }), generatedAt: '2028-11-29T08:15:00.000Z',
    }, 'zh-TW');
    expect(html).toContain('通過 → 未通過');
    const quoted = [...quotedStrings(later), 'Harbourline', 'harbourline', 'Later', 'later', 'UTC'];
    expect(englishLeft(htmlText(html), quoted)).toEqual([]);
    expect(englishLeft(htmlText(renderBatchIndex([audited], { checkIds: CHECK_IDS }, 'en')), quoted).length).toBeGreaterThan(20);
  });

  it('names fonts with Traditional Chinese glyphs on macOS, Windows and Linux before the generic family', () => {
    const css = /body \{[^}]*font:([^;]+);/.exec(renderHtml(reports[0]!.report, 'zh-TW'))![1]!;
    const families = css.split(',').map((f) => f.trim().replace(/^\d+px\/[\d.]+ /, '').replace(/"/g, ''));
    for (const font of ['PingFang TC', 'Microsoft JhengHei', 'Noto Sans TC', 'Noto Sans CJK TC']) {
      expect(families.indexOf(font)).toBeGreaterThan(-1);
      expect(families.indexOf(font)).toBeLessThan(families.indexOf('sans-serif'));
    }
  });

  it('lines up the terminal table in columns, Chinese characters counting two', () => {
    const terminal = renderTerminal(reports[1]!.report, { color: false, width: 200 }, 'zh-TW').split('\n');
    const checkLines = terminal.filter((line) => /^ {2}\S+ +P[23]\./.test(line));
    expect(checkLines).toHaveLength(6);
    // An informational check's mark follows its title as each language writes it: no space before a full-width bracket.
    expect(checkLines.find((line) => line.includes('P2.1 '))).toMatch(/零售客戶案例研究要素（參考） /);
    expect(renderTerminal(reports[1]!.report, { color: false, width: 200 }, 'en')).toMatch(/P2\.1 +Case-study elements \(info\) /);
    // The outcome starts in the same column on every line: after the title column's two spaces.
    const outcomeColumn = (line: string) => displayWidth(/^.*?P[\d.]+ +.+?\S {2,}/.exec(line)![0]);
    expect(new Set(checkLines.map(outcomeColumn)).size).toBe(1);
    const factLines = terminal.filter((line) => /^(?:實務頁面|案例研究|思想領導力|爬取|有效期限)：/.test(line));
    expect(factLines.length).toBeGreaterThanOrEqual(4);
    expect(new Set(factLines.map((line) => displayWidth(/^\S+：\s+/.exec(line)![0]))).size).toBe(1);
  });
});
