// One row per partner for the batch summary: the terminal table, DIR/summary.csv and index.html all
// show the same rows, built from what the store holds (no evidence needs to be loaded).

import type { CheckId, CheckStatus, Report } from '../types.ts';
import type { CheckRow, PartnerRow, PartnerSummary } from '../store/index.ts';
import { stringify } from 'csv-stringify/sync';
import { CHECK_IDS } from '../checks/index.ts';
import { withoutControls } from '../report/escape.ts';
import { displayWidth, padEnd } from '../report/columns.ts';
import { storedProblemText, t, type Lang, type MessageId } from '../messages/index.ts';

/** Status of a check in one run, or what stands in for it when the partner was not audited. */
export type CheckOutcome = CheckStatus | 'error' | 'not audited';

export interface CheckChange {
  checkId: CheckId;
  from: CheckOutcome;
  to: CheckOutcome;
}

export interface SummaryRow {
  partner: PartnerRow;
  /** Empty when the partner has no result (failed, or not reached in an interrupted run). */
  statuses: Partial<Record<CheckId, CheckStatus>>;
  /** Differences from the partner's previous outcome; null when there is no previous run for it. */
  changes: CheckChange[] | null;
  /** The run the changes are measured against, and the partner's statuses in it. */
  previousRunId: number | null;
  previousStatuses: Partial<Record<CheckId, CheckStatus>> | null;
}

/** The summary figures of one report (the case studies P2.2.1 counts: retail, AWS, one per customer). */
export function summarizeReport(report: Report): PartnerSummary {
  const counted = report.caseStudies.filter((c) => c.counted);
  const retailDates = report.thoughtLeadership
    .filter((t) => t.retail && t.published !== null)
    .map((t) => t.published!)
    .sort();
  return {
    finalHomepage: report.homepage,
    verdict: report.verdict,
    pagesCrawled: report.crawl.pagesFetched,
    caseStudiesFound: counted.length,
    caseStudiesReachable: counted.filter((c) => c.reachable).length,
    newestRetailThoughtLeadership: retailDates.at(-1) ?? null,
    validUntil: report.validUntil?.date ?? null,
    practicePage: report.practicePage?.url ?? null,
  };
}

function outcomes(partner: Pick<PartnerRow, 'state'>, checks: CheckRow[]): Record<CheckId, CheckOutcome> {
  const byId = new Map(checks.map((c) => [c.checkId, c.status]));
  const missing: CheckOutcome = partner.state === 'failed' ? 'error' : 'not audited';
  return Object.fromEntries(CHECK_IDS.map((id) => [id, byId.get(id) ?? missing])) as Record<CheckId, CheckOutcome>;
}

/** Per check, what differs between the previous outcome and this one. */
export function compareOutcomes(
  previous: { partner: Pick<PartnerRow, 'state'>; checks: CheckRow[] },
  current: { partner: Pick<PartnerRow, 'state'>; checks: CheckRow[] },
): CheckChange[] {
  const before = outcomes(previous.partner, previous.checks);
  const after = outcomes(current.partner, current.checks);
  return CHECK_IDS.filter((id) => before[id] !== after[id]).map((id) => ({ checkId: id, from: before[id], to: after[id] }));
}

/** A check's outcome in words (pass, fail, review, error, not audited). */
function outcomeWord(lang: Lang, outcome: CheckOutcome): string {
  return t(lang, `batch.status.${outcome}` as MessageId);
}

/** "P3.2 pass → fail; …", "no change", "first run" (no earlier outcome), or "" (not reached in this run). */
export function formatChanges(row: Pick<SummaryRow, 'changes' | 'previousRunId'>, lang: Lang = 'en'): string {
  if (row.previousRunId === null) return t(lang, 'batch.first-run');
  if (row.changes === null) return '';
  if (row.changes.length === 0) return t(lang, 'batch.no-change', { run: row.previousRunId });
  return row.changes.map((c) => t(lang, 'batch.change', { check: c.checkId, from: outcomeWord(lang, c.from), to: outcomeWord(lang, c.to) }))
    .join(t(lang, 'list.separator.semicolons'));
}

// ---- summary.csv ----

/** summary.csv's own columns; the checks' ids and the applicant list's extra columns go between and after. */
const CSV_COLUMNS = ['verdict', 'case_studies_found', 'case_studies_reachable', 'newest_retail_thought_leadership', 'valid_until',
  'practice_page', 'pages_crawled', 'error', 'changes_since_previous_run', 'notes'] as const;

/**
 * The summary as CSV. Headers are in the reader's language (English: stable snake_case names for
 * scripts); the cells are data: statuses as their ids, dates as YYYY-MM-DD, whatever the language.
 */
export function summaryCsv(rows: SummaryRow[], extraColumns: string[], lang: Lang = 'en'): string {
  const header = [
    ...(['id', 'name', 'homepage'] as const).map((c) => t(lang, `csv.${c}`)), ...CHECK_IDS,
    ...CSV_COLUMNS.map((c) => t(lang, `csv.${c}`)), ...extraColumns,
  ];
  // RFC 4180 with CRLF; cells a spreadsheet would run as a formula (=, +, -, @ first) get a leading
  // apostrophe, and control characters (NUL, ESC …) are dropped: crawled text and error messages end
  // up here and the file is opened in Excel or printed with cat.
  const records = rows.map((row) => csvRecord(row, extraColumns, lang).map((cell) => formulaSafe(withoutControls(cell))));
  return stringify([header, ...records], { record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
}

/** csv-stringify's own escape_formulas would also quote negative numbers; numbers stay numbers here. */
function formulaSafe(value: string): string {
  return /^[=+\-@\t]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

function csvRecord(row: SummaryRow, extraColumns: string[], lang: Lang): string[] {
  const { partner, statuses } = row;
  const s = partner.summary;
  const audited = partner.state === 'done' && s !== null;
  return [
    partner.id,
    partner.name,
    partner.homepage,
    ...CHECK_IDS.map((id) => statuses[id] ?? ''),
    audited ? s.verdict : '',
    audited ? String(s.caseStudiesFound) : '',
    audited ? String(s.caseStudiesReachable) : '',
    s?.newestRetailThoughtLeadership ?? '',
    (audited && s.validUntil) || '',
    s?.practicePage ?? '',
    audited ? String(s.pagesCrawled) : '',
    partnerError(partner, lang) ?? '',
    formatChanges(row, lang),
    partner.notes,
    ...extraColumns.map((c) => partner.extra[c] ?? ''),
  ];
}

/** The partner's error in words, including "not audited" for partners an interrupted run never finished. */
export function partnerError(partner: PartnerRow, lang: Lang = 'en'): string | null {
  if (partner.state === 'failed') return partner.error === null ? t(lang, 'batch.failed') : storedProblemText(lang, partner.failure, partner.error);
  if (partner.state !== 'done') return t(lang, 'batch.not-audited-yet');
  return null;
}

// ---- terminal ----

const STATUS_COLOUR: Record<CheckOutcome, string> = {
  pass: '\x1b[32m',
  fail: '\x1b[31m',
  review: '\x1b[33m',
  error: '\x1b[31m',
  'not audited': '\x1b[2m',
};

/**
 * A table in terminal columns (a Chinese character takes two): one line per partner, its check
 * statuses in the reader's words, and what changed.
 */
export function summaryTable(rows: SummaryRow[], colour: boolean, lang: Lang = 'en'): string {
  const paint = (text: string, outcome: CheckOutcome): string => (colour ? `${STATUS_COLOUR[outcome]}${text}\x1b[0m` : text);
  const idHeading = t(lang, 'batch.table.id');
  const idWidth = Math.max(displayWidth(idHeading), ...rows.map((r) => displayWidth(r.partner.id)));
  const statusWidth = Math.max(...(['pass', 'fail', 'review', 'error'] as const).map((s) => displayWidth(outcomeWord(lang, s))));
  const widths = CHECK_IDS.map((id) => Math.max(id.length, statusWidth));
  const head = [padEnd(idHeading, idWidth), ...CHECK_IDS.map((id, i) => id.padEnd(widths[i]!)), t(lang, 'batch.table.changes')].join('  ');
  const lines = rows.map((row) => {
    const failedOrMissing = partnerError(row.partner, lang);
    const cells = CHECK_IDS.map((id, i) => {
      const outcome: CheckOutcome = row.statuses[id] ?? (row.partner.state === 'failed' ? 'error' : 'not audited');
      const text = padEnd(outcome === 'not audited' ? '-' : outcomeWord(lang, outcome), widths[i]!);
      return paint(text, outcome);
    });
    const tail = withoutControls(failedOrMissing ?? formatChanges(row, lang)).replace(/\s+/g, ' ');
    return [padEnd(row.partner.id, idWidth), ...cells, tail].join('  ');
  });
  return [head, ...lines].join('\n');
}
