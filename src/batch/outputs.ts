// What a batch leaves in DIR besides the database: reports/<partner>.json and .html (the same reports
// as `audit`), summary.csv and index.html. Every file is written to a temporary name and renamed, so a
// run killed mid-write never leaves a half-written report behind (the next run on DIR removes the
// temporary file). A file that cannot be written is an OutputWriteError: it stops the run, and never
// costs a partner its stored results.

import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckId, CheckStatus, Report } from '../types.ts';
import type { CheckRow, PartnerRow, RunRow, Store } from '../store/index.ts';
import { renderHtml } from '../report/html.ts';
import { renderBatchIndex, type BatchIndexRow } from '../report/index-page.ts';
import { CHECK_IDS } from '../checks/index.ts';
import { t, type Lang } from '../messages/index.ts';
import { compareOutcomes, partnerError, summaryCsv, type SummaryRow } from './summary.ts';

export function reportPaths(outDir: string, partnerId: string): { json: string; html: string } {
  return { json: join(outDir, 'reports', `${partnerId}.json`), html: join(outDir, 'reports', `${partnerId}.html`) };
}

/** A batch output file could not be written or removed (disk full, a directory in the way …). */
export class OutputWriteError extends Error {
  constructor(readonly path: string, cause: unknown) {
    super(`cannot write ${path}: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'OutputWriteError';
  }
}

export function writePartnerReport(outDir: string, partnerId: string, report: Report, lang: Lang = 'en'): void {
  const paths = reportPaths(outDir, partnerId);
  outputStep(join(outDir, 'reports'), () => mkdirSync(join(outDir, 'reports'), { recursive: true }));
  writeAtomically(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(paths.html, renderHtml(report, lang));
}

/** Removes a partner's report files (those of an earlier run when the partner failed in this one). */
export function removePartnerReport(outDir: string, partnerId: string): void {
  for (const path of Object.values(reportPaths(outDir, partnerId))) outputStep(path, () => rmSync(path, { force: true }));
}

/**
 * Removes the temporary files a killed process left mid-write. Only called while holding DIR's lock,
 * so no other process is writing them.
 */
export function removeLeftoverTemporaryFiles(outDir: string): void {
  for (const dir of [outDir, join(outDir, 'reports')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (TEMPORARY_NAME.test(name)) outputStep(join(dir, name), () => rmSync(join(dir, name), { force: true }));
    }
  }
}

export function hasPartnerReport(outDir: string, partnerId: string): boolean {
  const paths = reportPaths(outDir, partnerId);
  return existsSync(paths.json) && existsSync(paths.html);
}

/**
 * The summary rows of a run at an audit date (the run's own, or a re-evaluation's), each compared with
 * the partner's outcome in the previous run that reached it.
 */
export async function summaryRows(store: Store, run: RunRow, asOf: string): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  for (const stored of await store.partners(run.id)) {
    const partner = stored.state === 'done' ? { ...stored, summary: await store.summaryAt(run, stored, asOf) } : stored;
    const checks = partner.state === 'done' ? await store.checks(run.id, partner.id, asOf) : [];
    rows.push(summaryRow(partner, checks, await store.previousOutcome(partner.id, run.id)));
  }
  return rows;
}

function summaryRow(
  partner: PartnerRow,
  checks: CheckRow[],
  previous: { run: RunRow; partner: PartnerRow; checks: CheckRow[] } | null,
): SummaryRow {
  const reached = partner.state === 'done' || partner.state === 'failed';
  return {
    partner,
    statuses: Object.fromEntries(checks.map((c) => [c.checkId, c.status])) as Partial<Record<CheckId, CheckStatus>>,
    changes: previous && reached ? compareOutcomes(previous, { partner, checks }) : null,
    previousRunId: previous?.run.id ?? null,
    previousStatuses: previous
      ? (Object.fromEntries(previous.checks.map((c) => [c.checkId, c.status])) as Partial<Record<CheckId, CheckStatus>>)
      : null,
  };
}

/** The index page's rows; `reportHref` links a partner to its report (null: none to link to). */
export function batchIndexRows(rows: SummaryRow[], reportHref: (partnerId: string) => string, lang: Lang = 'en'): BatchIndexRow[] {
  return rows.map((row): BatchIndexRow => {
    const s = row.partner.state === 'done' ? row.partner.summary : null;
    return {
      id: row.partner.id,
      name: row.partner.name,
      homepage: s?.finalHomepage ?? row.partner.homepage,
      verdict: s?.verdict ?? null,
      checks: row.statuses,
      previousChecks: row.previousStatuses,
      caseStudiesFound: s?.caseStudiesFound ?? null,
      caseStudiesReachable: s?.caseStudiesReachable ?? null,
      newestThoughtLeadership: s?.newestRetailThoughtLeadership ?? null,
      validUntil: s?.validUntil ?? null,
      practicePage: s?.practicePage ?? null,
      pagesCrawled: s?.pagesCrawled ?? null,
      error: partnerError(row.partner, lang),
      reportHref: s ? reportHref(row.partner.id) : null,
    };
  });
}

/** Writes summary.csv and index.html for the rows. */
export function writeSummaryFiles(outDir: string, run: RunRow, asOf: string, rows: SummaryRow[], lang: Lang = 'en'): void {
  writeAtomically(join(outDir, 'summary.csv'), summaryCsv(rows, run.extraColumns, lang));
  const indexRows = batchIndexRows(rows, (id) => `reports/${encodeURIComponent(id)}.html`, lang);
  const title = t(lang, 'index.title', { run: run.id, asOf });
  writeAtomically(join(outDir, 'index.html'), renderBatchIndex(indexRows, { checkIds: CHECK_IDS, title, generatedAt: new Date().toISOString() }, lang));
}

const TEMPORARY_NAME = /\.\d+\.tmp$/;

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  outputStep(path, () => {
    try {
      writeFileSync(temporary, content);
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  });
}

function outputStep(path: string, step: () => void): void {
  try {
    step();
  } catch (error) {
    throw new OutputWriteError(path, error);
  }
}
