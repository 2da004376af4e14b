// Words every renderer shares, from the message catalog: statuses, vocabulary labels, and a check's
// outcome, advice and reasons (falling back to the English prose a schemaVersion 1 report carries).

import type { CaseStudyElementId } from '../../analyzers/types.ts';
import type { CheckResult, CheckStatus, Report, ReportCaseStudy } from '../types.ts';
import { formatDate, hasMessage, phrase, t, type Lang, type MessageId } from '../messages/index.ts';

const STATUSES: readonly CheckStatus[] = ['pass', 'fail', 'review'];

export const CASE_STUDY_ELEMENT_IDS: readonly CaseStudyElementId[] = [
  'customerName', 'customerWebsite', 'problem', 'solution', 'awsServices', 'retailDomainKnowledge', 'thirdParty',
  'completedWithin18Months', 'results', 'compliance',
];

export const PRACTICE_ELEMENT_IDS = ['retailPractice', 'awsSolutions', 'useCases', 'technicalSolutions', 'caseStudyLinks'] as const;

/** A catalog word that may be missing for an id a hostile or newer report carries: the id itself then. */
export function labelOf(lang: Lang, prefix: string, id: string | null | undefined): string {
  try {
    return t(lang, `${prefix}.${id}` as MessageId);
  } catch {
    return String(id ?? '');
  }
}

/** A check's outcome in words: from its message, or (a report of schemaVersion 1) its summary. */
export function outcomeText(lang: Lang, check: CheckResult): string {
  try {
    return check.outcome ? phrase(lang, check.outcome) : check.summary ?? '';
  } catch {
    return check.summary ?? '';
  }
}

export function adviceText(lang: Lang, check: CheckResult): string | null {
  try {
    if (check.advice) return check.advice.length ? check.advice.map((m) => phrase(lang, m)).join(' ') : null;
  } catch {
    // a message this version does not know: the English words the report carries
  }
  return check.recommendation ?? null;
}

export function notCountedText(lang: Lang, study: ReportCaseStudy): string | null {
  try {
    if (study.notCounted?.length) return study.notCounted.map((r) => phrase(lang, { id: `reason.${r.rule}`, values: r.values })).join('; ');
  } catch {
    // the English words the report carries
  }
  return study.notCountedWhy ?? null;
}

/** A check's title: the checklist item's name in the reader's language (the report's English title for an id this version does not know). */
export function checkTitle(lang: Lang, check: Pick<CheckResult, 'id' | 'title'>): string {
  const id = `check.${check.id}.title`;
  return hasMessage(lang, id) ? t(lang, id) : check.title ?? String(check.id);
}

/** "Passes until 2027-10-22, when the newest retail item … turns 12 months old.", or null for a check that does not expire. */
export function checkValidityText(lang: Lang, check: CheckResult): string | null {
  if (!check.validUntil) return null;
  try {
    return t(lang, 'validity.check', { until: formatDate(lang, check.validUntil.until), why: phrase(lang, check.validUntil.why) });
  } catch {
    return null;
  }
}

/**
 * Until when the web presence holds as audited: the sentence of the summary card and the terminal's
 * line. Null when no passing check expires (or the report predates the field).
 */
export function reportValidityText(lang: Lang, report: Report): { sentence: string; terminal: string } | null {
  const first = report.validUntil;
  const check = first && (report.checks ?? []).find((c) => c.id === first.check);
  if (!first || !check?.validUntil) return null;
  try {
    const why = phrase(lang, check.validUntil.why);
    const values = { until: formatDate(lang, first.date, true), check: `${check.id} ${checkTitle(lang, check)}`, why };
    return {
      sentence: t(lang, report.verdict === 'pass' ? 'validity.report' : 'validity.report.not-passing', values),
      terminal: t(lang, 'terminal.valid-until', { ...values, until: formatDate(lang, first.date), check: check.id }),
    };
  } catch {
    return null;
  }
}

export function statusLabel(lang: Lang, status: string): string {
  return (STATUSES as readonly string[]).includes(status) ? t(lang, `status.${status as CheckStatus}`) : t(lang, 'status.unknown');
}

export function statusClass(status: string): string {
  return (STATUSES as readonly string[]).includes(status) ? status : 'unknown';
}

