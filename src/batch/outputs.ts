// What a batch leaves in DIR besides the database: reports/<partner>.json and .html (the same reports
// as `audit`), summary.csv and index.html. Every file is written to a temporary name and renamed, so a
// run killed mid-write never leaves a half-written report behind.

import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckId, CheckStatus, Report } from '../types.ts';
import type { ResultStore, RunRow } from '../storage.ts';
import { renderHtml } from '../report/html.ts';
import { renderBatchIndex, type BatchIndexRow } from '../report/index-page.ts';
import { compareOutcomes, partnerError, summaryCsv, type SummaryRow } from './summary.ts';

export function reportPaths(outDir: string, partnerId: string): { json: string; html: string } {
  return { json: join(outDir, 'reports', `${partnerId}.json`), html: join(outDir, 'reports', `${partnerId}.html`) };
}

export function writePartnerReport(outDir: string, partnerId: string, report: Report): void {
  mkdirSync(join(outDir, 'reports'), { recursive: true });
  const paths = reportPaths(outDir, partnerId);
  writeAtomically(paths.json, `${JSON.stringify(report, null, 2)}\n`);
  writeAtomically(paths.html, renderHtml(report));
}

export function hasPartnerReport(outDir: string, partnerId: string): boolean {
  const paths = reportPaths(outDir, partnerId);
  return existsSync(paths.json) && existsSync(paths.html);
}

/**
 * The summary rows of a run at an audit date (the run's own, or a re-evaluation's), each compared with
 * the partner's outcome in the previous run that reached it.
 */
export function summaryRows(store: ResultStore, run: RunRow, asOf: string): SummaryRow[] {
  return store.partners(run.id).map((stored) => {
    const partner = stored.state === 'done' ? { ...stored, summary: store.summaryAt(run, stored, asOf) } : stored;
    const checks = partner.state === 'done' ? store.checks(run.id, partner.id, asOf) : [];
    const previous = store.previousOutcome(partner.id, run.id);
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
  });
}

/** Writes summary.csv and index.html for the rows. */
export function writeSummaryFiles(outDir: string, run: RunRow, asOf: string, rows: SummaryRow[]): void {
  writeAtomically(join(outDir, 'summary.csv'), summaryCsv(rows, run.extraColumns));
  const indexRows = rows.map((row): BatchIndexRow => {
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
      practicePage: s?.practicePage ?? null,
      pagesCrawled: s?.pagesCrawled ?? null,
      error: partnerError(row.partner),
      reportHref: s ? `reports/${encodeURIComponent(row.partner.id)}.html` : null,
    };
  });
  const title = `Partner presence: batch run ${run.id}, as of ${asOf}`;
  writeAtomically(join(outDir, 'index.html'), renderBatchIndex(indexRows, { title, generatedAt: new Date().toISOString() }));
}

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
