// evaluate(evidence, asOf): runs every check and builds the report (schemaVersion 2). Pure: the same
// evidence and date always give the same report, so a stored audit can be re-judged on another date.

import type { CheckResult, CheckStatus, CheckVerdict, Report, ReportCaseStudy, ReportPage, ReportPracticePage, ReportThoughtLeadership,
  SiteEvidence } from './types.ts';
import { Evaluation } from './evidence/evaluation.ts';
import { withinMonths } from './evidence/calendar.ts';
import { siteRetail } from './evidence/pages.ts';
import { thoughtLeadershipItems } from './evidence/thought-leadership.ts';
import { runChecks } from './checks/index.ts';
import { caseStudyElements } from './checks/p2-1-case-study-elements.ts';
import { caseStudyJudgements } from './checks/p2-2-1-public-case-studies.ts';
import { practiceChoice, PRACTICE_ELEMENTS } from './checks/p3-1-practice-page.ts';
import { itemRetailVerdict } from './checks/p3-2-thought-leadership.ts';
import * as thresholds from './checks/thresholds.ts';
import { CASE_STUDY_WINDOW_MONTHS, THOUGHT_LEADERSHIP_WINDOW_MONTHS } from './checks/thresholds.ts';
import { monthsBefore } from './evidence/calendar.ts';
import { phrase, reasonText } from './messages/index.ts';
import { PACKAGE_VERSION } from '../crawlers/package-files.ts';

export const TOOL_VERSION: string = PACKAGE_VERSION;

/** pass when every scored check passes; fail when any fails; review otherwise. */
export function overallVerdict(checks: readonly Pick<CheckVerdict, 'informational' | 'status'>[]): CheckStatus {
  const scored = checks.filter((c) => !c.informational);
  if (scored.some((c) => c.status === 'fail')) return 'fail';
  if (scored.every((c) => c.status === 'pass')) return 'pass';
  return 'review';
}

/** The earliest expiry of the passing checks: until when the web presence passes as it does on the audit date. */
export function reportValidity(checks: readonly Pick<CheckVerdict, 'id' | 'validUntil'>[]): Report['validUntil'] {
  let earliest: Report['validUntil'] = null;
  for (const c of checks) {
    if (c.validUntil && (!earliest || c.validUntil.until < earliest.date)) earliest = { date: c.validUntil.until, check: c.id };
  }
  return earliest;
}

/**
 * A check's verdict with the English prose of schemaVersion 1 (summary, recommendation, each row's
 * note), kept one version for scripts that read them; words come from the message catalog.
 */
export function withProse(verdict: CheckVerdict): CheckResult {
  return {
    ...verdict,
    summary: phrase('en', verdict.outcome),
    recommendation: verdict.advice.length ? verdict.advice.map((m) => phrase('en', m)).join(' ') : null,
    evidence: verdict.evidence.map((row) => ({ ...row, note: phrase('en', { id: row.kind, values: row.values }) })),
  };
}

/** Every number the checks decide by (src/checks/thresholds.ts), named in camelCase: what the report was judged against. */
const THRESHOLDS: Record<string, number> = Object.fromEntries(Object.entries(thresholds).flatMap(([name, value]) =>
  (typeof value === 'number' ? [[name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), value]] : [])));

function caseStudies(evaluation: Evaluation): ReportCaseStudy[] {
  return evaluation.get(caseStudyJudgements).map(({ study: c, ...j }) => ({
    url: c.url,
    title: c.title,
    customer: c.customer,
    format: c.format,
    retail: j.retail === 'retail',
    aws: j.aws.aws,
    reachable: c.path !== null,
    path: c.path,
    published: c.published?.date ?? null,
    publishedSource: c.published?.source ?? null,
    elements: caseStudyElements(c, evaluation.asOf).elements,
    compliance: c.study?.compliance ?? [],
    delivery: c.study?.delivery ?? 'unknown',
    awsServices: [...c.awsServices],
    customerRule: c.study?.customerRule ?? null,
    counted: j.counted,
    notCounted: [...j.notCounted],
    notCountedWhy: j.counted ? null : j.notCounted.map((r) => reasonText('en', r)).join('; '),
    retailScore: c.retailScore,
    attachments: [...c.attachments],
  }));
}

function thoughtLeadership(evaluation: Evaluation): ReportThoughtLeadership[] {
  const { asOf } = evaluation;
  return evaluation.get(thoughtLeadershipItems).map((i) => ({
    url: i.url,
    title: i.title,
    kind: i.kind,
    retail: itemRetailVerdict(i) === 'retail',
    published: i.published?.date ?? null,
    publishedSource: i.published?.source ?? null,
    withinWindow: i.published !== null && withinMonths(i.published.date, asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS),
    reachable: i.path !== null,
    path: i.path,
    retailScore: i.retailScore,
    modified: i.modified?.date ?? null,
  }));
}

function pages(evidence: SiteEvidence): ReportPage[] {
  return evidence.pages.map((p) => ({
    url: p.url,
    finalUrl: p.finalUrl,
    httpStatus: p.httpStatus,
    contentType: p.contentType,
    depth: p.depth,
    path: p.path,
    foundVia: p.foundVia,
    rendered: p.rendered,
    title: p.facts?.title ?? null,
    lang: p.facts?.lang ?? null,
    type: p.facts?.classification.type ?? 'other',
    published: p.facts?.dates.published?.date ?? null,
    publishedSource: p.facts?.dates.published?.source ?? null,
    retailScore: p.facts ? siteRetail(p.facts)?.score ?? 0 : 0,
    error: p.error ?? (p.blocked ? `blocked by ${p.blocked}` : null) ?? p.facts?.error ?? null,
  }));
}

export function evaluate(evidence: SiteEvidence, asOf: string): Report {
  const evaluation = new Evaluation(evidence, asOf);
  const checks = runChecks(evaluation).map(withProse);
  let practicePage: Report['practicePage'] = null;
  try {
    const { chosen } = evaluation.get(practiceChoice);
    if (chosen) {
      practicePage = {
        url: chosen.url,
        path: chosen.path,
        isHomepage: chosen.isHomepage,
        elements: Object.fromEntries(PRACTICE_ELEMENTS.map((e) => [e, chosen.elements[e].present])) as ReportPracticePage['elements'],
        elementReasons: Object.fromEntries(PRACTICE_ELEMENTS.map((e) => [e, chosen.elements[e].reason])) as ReportPracticePage['elementReasons'],
        elementNotes: Object.fromEntries(PRACTICE_ELEMENTS.map((e) => [e, reasonText('en', chosen.elements[e].reason)])) as ReportPracticePage['elementNotes'],
      };
    }
  } catch {
    // The P3.1 check already reports the same failure as a review naming the error.
  }
  const seenErrors = new Set<string>();
  const errors: Report['crawl']['errors'] = [];
  for (const p of evidence.pages) {
    const error = p.error ?? (p.blocked ? `blocked by ${p.blocked}` : null);
    if (error && !seenErrors.has(p.url)) {
      seenErrors.add(p.url);
      errors.push({ url: p.url, error });
    }
  }
  return {
    schemaVersion: 2,
    tool: { name: 'partner-presence', version: TOOL_VERSION },
    homepage: evidence.homepage,
    asOf,
    windows: {
      caseStudies: { months: CASE_STUDY_WINDOW_MONTHS, since: monthsBefore(asOf, CASE_STUDY_WINDOW_MONTHS) },
      thoughtLeadership: { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS, since: monthsBefore(asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS) },
    },
    thresholds: THRESHOLDS,
    verdict: overallVerdict(checks),
    validUntil: reportValidity(checks),
    crawl: {
      pagesFetched: evidence.crawl.pagesFetched,
      pagesRendered: evidence.crawl.pagesRendered,
      documents: evidence.crawl.documents,
      blockedByRobots: [...new Set(evidence.skipped.filter((s) => s.reason === 'robots').map((s) => s.url))],
      errors,
      stoppedBy: evidence.crawl.stoppedBy,
      renderUnavailable: evidence.crawl.renderUnavailable,
      durationMs: evidence.crawl.durationMs,
    },
    checks,
    practicePage,
    caseStudies: safe(() => caseStudies(evaluation), []),
    thoughtLeadership: safe(() => thoughtLeadership(evaluation), []),
    retailCoverage: evidence.retailCoverage,
    pages: pages(evidence),
  };
}

/** Report sections are derived from the same helpers as the checks; if one throws, the check has said so. */
function safe<T>(build: () => T, fallback: T): T {
  try { return build(); } catch { return fallback; }
}
