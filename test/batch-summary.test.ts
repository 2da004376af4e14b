import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { compareOutcomes, summarizeReport, summaryCsv, summaryTable, type SummaryRow } from '../src/batch/summary.ts';
import { caseStudy, emptyReport } from './support/report-builder.ts';
import { displayWidth } from '../src/report/columns.ts';
import type { PartnerRow } from '../src/store/index.ts';

const partner = (over: Partial<PartnerRow>): PartnerRow => ({
  runId: 2, id: 'acme', name: 'Acme', homepage: 'https://www.acme.test/', notes: '', extra: {}, line: 2, position: 0,
  state: 'done', attempts: 1, crashes: 0, outputsCurrent: true, worker: null, startedAt: null, error: null, failure: null, auditedAt: '2026-11-29T10:00:00Z', durationMs: 1000,
  summary: { finalHomepage: 'https://www.acme.test/', verdict: 'fail', pagesCrawled: 42, caseStudiesFound: 3, caseStudiesReachable: 1,
    newestRetailThoughtLeadership: '2026-05-01', validUntil: '2027-05-01', practicePage: 'https://www.acme.test/retail/' },
  ...over,
});

describe('batch summary', () => {
  it('compares outcomes per check, including partners that failed', () => {
    const checks = (p32: 'pass' | 'fail') => [
      { checkId: 'P3.1' as const, status: 'pass' as const, summary: '' },
      { checkId: 'P3.2' as const, status: p32, summary: '' },
    ];
    expect(compareOutcomes({ partner: { state: 'done' }, checks: checks('pass') }, { partner: { state: 'done' }, checks: checks('fail') }))
      .toEqual([{ checkId: 'P3.2', from: 'pass', to: 'fail' }]);
    expect(compareOutcomes({ partner: { state: 'failed' }, checks: [] }, { partner: { state: 'done' }, checks: checks('pass') }).slice(-2))
      .toEqual([{ checkId: 'P3.1', from: 'error', to: 'pass' }, { checkId: 'P3.2', from: 'error', to: 'pass' }]);
  });

  it('writes RFC 4180 CSV that round-trips, with formula-looking cells defused', () => {
    const rows: SummaryRow[] = [
      { partner: partner({ name: 'Acme, "Retail" Ltd', notes: 'line one\nline two', extra: { region: '=HYPERLINK("x")' } }),
        statuses: { 'P3.1': 'pass', 'P3.2': 'fail' }, changes: [{ checkId: 'P3.2', from: 'pass', to: 'fail' }], previousRunId: 1,
        previousStatuses: { 'P3.1': 'pass', 'P3.2': 'pass' } },
      { partner: partner({ id: 'down', state: 'failed', error: 'homepage could not be fetched: connection refused', summary: null, extra: { region: '-5' } }),
        statuses: {}, changes: null, previousRunId: null, previousStatuses: null },
    ];
    const csv = summaryCsv(rows, ['region']);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(parsed[0]).toMatchObject({
      id: 'acme', name: 'Acme, "Retail" Ltd', 'P3.1': 'pass', 'P3.2': 'fail', 'P2.1': '', verdict: 'fail', case_studies_found: '3',
      case_studies_reachable: '1', newest_retail_thought_leadership: '2026-05-01', valid_until: '2027-05-01', practice_page: 'https://www.acme.test/retail/',
      pages_crawled: '42', error: '', changes_since_previous_run: 'P3.2 pass → fail', notes: 'line one\nline two',
      region: `'=HYPERLINK("x")`,
    });
    expect(parsed[1]).toMatchObject({ id: 'down', verdict: '', pages_crawled: '', error: 'homepage could not be fetched: connection refused',
      changes_since_previous_run: 'first run', region: '-5' });
  });

  it('prints one line per partner with its statuses and changes, colour only when asked', () => {
    const rows: SummaryRow[] = [
      { partner: partner({}), statuses: { 'P3.2': 'fail' }, changes: [], previousRunId: 1, previousStatuses: { 'P3.2': 'fail' } },
      { partner: partner({ id: 'later', state: 'pending', summary: null }), statuses: {}, changes: null, previousRunId: 1, previousStatuses: null },
    ];
    const plain = summaryTable(rows, false);
    expect(plain).not.toMatch(/\x1b\[/);
    const [head, acme, later] = plain.split('\n');
    expect(head).toMatch(/^id\s+P2\.1\s+P2\.2\.1\s+P2\.2\.2\s+P2\.3\s+P3\.1\s+P3\.2\s+changes \/ error$/);
    expect(acme).toMatch(/^acme\s+-\s+-\s+-\s+-\s+-\s+fail\s+no change since run 1$/);
    expect(later).toMatch(/not audited yet .*--resume/);
    expect(summaryTable(rows, true)).toContain('\x1b[31mfail');
  });

  it('leaves valid_until empty for a partner whose result predates it or that was not audited', () => {
    const { validUntil: _, ...older } = partner({}).summary!;
    const rows: SummaryRow[] = [
      { partner: partner({ summary: older }), statuses: {}, changes: null, previousRunId: null, previousStatuses: null },
      { partner: partner({ id: 'down', state: 'failed', error: 'x', summary: null }), statuses: {}, changes: null, previousRunId: null, previousStatuses: null },
    ];
    expect((parseCsv(summaryCsv(rows, []), { columns: true }) as Record<string, string>[]).map((r) => r.valid_until)).toEqual(['', '']);
  });

  it('writes summary.csv\'s headers and the table in Traditional Chinese, cells staying data', () => {
    const rows: SummaryRow[] = [
      { partner: partner({ id: '和風超市' }), statuses: { 'P3.1': 'pass', 'P3.2': 'fail' }, changes: [{ checkId: 'P3.2', from: 'pass', to: 'fail' }],
        previousRunId: 1, previousStatuses: { 'P3.1': 'pass', 'P3.2': 'pass' } },
      { partner: partner({ id: 'acme', state: 'failed', error: 'HTTP 500', summary: null }), statuses: {}, changes: null, previousRunId: null, previousStatuses: null },
    ];
    const [header, first] = parseCsv(summaryCsv(rows, ['region'], 'zh-TW')) as string[][];
    expect(header).toEqual(['編號', '名稱', '首頁', 'P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2', '判定', '找到的案例研究', '可到達的案例研究',
      '最新零售思想領導力', '有效期限', '實務頁面', '已爬取頁數', '錯誤', '與上次執行相比的變化', '備註', 'region']);
    expect(first!.slice(7, 14)).toEqual(['pass', 'fail', 'fail', '3', '1', '2026-05-01', '2027-05-01']);
    expect(first![17]).toBe('P3.2 通過 → 未通過');
    const lines = summaryTable(rows, false, 'zh-TW').split('\n');
    expect(lines[0]).toMatch(/^編號\s+P2\.1 .*變化／錯誤$/);
    expect(lines[1]).toMatch(/^和風超市\s+-\s+-\s+-\s+-\s+通過\s+未通過\s+P3\.2 通過 → 未通過$/);
    expect(lines[2]).toMatch(/^acme\s+錯誤\s+/);
    // Each column starts at the same terminal column on every line, Chinese characters counting two.
    const starts = (line: string) => [...line.matchAll(/(?<=  )\S/g)].map((m) => displayWidth(line.slice(0, m.index)));
    expect(starts(lines[1]!).slice(0, 7)).toEqual(starts(lines[2]!).slice(0, 7));
    expect(starts(lines[0]!).slice(0, 7)).toEqual(starts(lines[1]!).slice(0, 7));
  });
});

describe('summarizeReport', () => {
  it('counts the case studies P2.2.1 counts, not every retail AWS story (a second story of one customer is not counted)', () => {
    const report = { ...emptyReport(), caseStudies: [
      caseStudy({ url: 'https://empty.test/a/', counted: true, reachable: true }),
      caseStudy({ url: 'https://empty.test/b/', counted: true, reachable: false, path: null }),
      caseStudy({ url: 'https://empty.test/c/', counted: false, notCountedWhy: 'same customer as a', reachable: true }),
    ] };
    expect(summarizeReport(report)).toMatchObject({ caseStudiesFound: 2, caseStudiesReachable: 1, validUntil: null });
    expect(summarizeReport({ ...report, validUntil: { date: '2027-10-22', check: 'P3.2' } }).validUntil).toBe('2027-10-22');
  });
});
