// P2.1 (informational): which of the checklist's case-study elements each counted public case study
// shows, with the text that shows it. The web can only show the public ones. Inputs: P2.2.1's counted
// case studies; the completion element is decided here from the publish date.

import type { CaseStudyElementId, Excerpted } from '../../analyzers/types.ts';
import type { Check, CheckContext, Finding } from '../types.ts';
import { message, t, type Message } from '../messages/index.ts';
import { lastDayWithin, withinMonths } from '../evidence/calendar.ts';
import type { CaseStudy } from '../evidence/case-studies.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { CASE_STUDY_WINDOW_MONTHS, MIN_COMPLIANCE_CASE_STUDIES, MIN_PUBLIC_CASE_STUDIES } from './thresholds.ts';
import { checkResult, noCountedCaseStudy, NO_COUNTED_CASE_STUDY_INPUTS, windowValidity, type CheckMeta } from './result.ts';
import { dateFact } from './values.ts';

const meta: CheckMeta = { id: 'P2.1', title: t('en', 'check.P2.1.title'), requirement: t('en', 'check.P2.1.requirement'), informational: true };

/** Element ids in checklist order, completion date included. */
export const CASE_STUDY_ELEMENTS: readonly CaseStudyElementId[] = [
  'customerName', 'customerWebsite', 'problem', 'solution', 'awsServices', 'retailDomainKnowledge',
  'thirdParty', 'completedWithin18Months', 'results', 'compliance',
];

/**
 * What a public study must show to be complete. Compliance is needed in only some studies (counted
 * separately); third-party applications only exist in projects that used some, so their absence from
 * the page proves nothing either way: both are reported, neither is required of every study.
 */
const REQUIRED_IN_EVERY_STUDY = CASE_STUDY_ELEMENTS.filter((e) => e !== 'compliance' && e !== 'thirdParty');

export interface CaseStudyElementReading {
  elements: Record<CaseStudyElementId, Excerpted>;
  /** How the completion element was decided (the publish date is the public proxy for completion). */
  completion: Message;
}

/**
 * The P2.1 elements of one study as of the audit date. Completion within 18 months is read from the
 * publish date (a proxy: the page cannot say when the project ended); no date means not shown. An
 * anonymised customer does not count as a customer name.
 */
export function caseStudyElements(candidate: CaseStudy, asOf: string, windowMonths = CASE_STUDY_WINDOW_MONTHS): CaseStudyElementReading {
  const absent: Excerpted = { present: false, excerpt: null };
  const base = candidate.study?.elements;
  const published = candidate.published;
  let completed: Excerpted = absent;
  let completion: Message;
  if (!published) completion = message('P2.1.completion.none');
  else {
    const values = { published: dateFact(published), months: windowMonths, asOf };
    if (withinMonths(published.date, asOf, windowMonths)) {
      // The excerpt is the date as the page writes it, like every other element's excerpt.
      completed = { present: true, excerpt: published.raw };
      completion = message('P2.1.completion.within', { ...values, until: lastDayWithin(published.date, windowMonths) });
    } else completion = message('P2.1.completion.outside', values);
  }
  const customerName = base?.customerName ?? absent;
  return {
    elements: {
      customerName: candidate.anonymized ? { present: false, excerpt: customerName.excerpt } : customerName,
      customerWebsite: base?.customerWebsite ?? absent,
      problem: base?.problem ?? absent,
      solution: base?.solution ?? absent,
      awsServices: base?.awsServices ?? (candidate.awsServices.length ? { present: true, excerpt: candidate.awsServices.join(', ') } : absent),
      retailDomainKnowledge: base?.retailDomainKnowledge ?? absent,
      thirdParty: base?.thirdParty ?? absent,
      completedWithin18Months: completed,
      results: base?.results ?? absent,
      compliance: base?.compliance ?? absent,
    },
    completion,
  };
}

function run(context: CheckContext) {
  const counted = context.get(caseStudyJudgements).filter((j) => j.counted).map((j) => j.study);
  if (counted.length === 0) return noCountedCaseStudy(meta, context, message('P2.1.advice.publish'));
  const readings = counted.map((c) => ({ c, reading: caseStudyElements(c, context.asOf) }));
  const rows: Finding[] = readings.map(({ c, reading }) => ({
    url: c.url,
    path: c.path,
    kind: 'note.case-study-elements',
    values: {
      elements: {
        type: 'elements', set: 'case-study',
        elements: CASE_STUDY_ELEMENTS.map((id) => ({ id, present: reading.elements[id].present, excerpt: reading.elements[id].excerpt })),
      },
      compliance: c.study?.compliance.length ? [...c.study.compliance] : null,
      anonymized: c.anonymized,
      completion: reading.completion,
    },
  }));
  const complete = readings.filter(({ reading }) => REQUIRED_IN_EVERY_STUDY.every((e) => reading.elements[e].present));
  const withCompliance = readings.filter(({ reading }) => reading.elements.compliance.present);
  const outcome = message('P2.1.summary', {
    complete: complete.length, count: counted.length, needs: MIN_PUBLIC_CASE_STUDIES, withCompliance: withCompliance.length, needsCompliance: MIN_COMPLIANCE_CASE_STUDIES,
  });
  if (complete.length >= MIN_PUBLIC_CASE_STUDIES && withCompliance.length >= MIN_COMPLIANCE_CASE_STUDIES) {
    // Complete studies stay complete only while dated inside the window (compliance is not dated).
    return checkResult(meta, 'pass', outcome, rows, [],
      windowValidity(complete.map(({ c }) => c), MIN_PUBLIC_CASE_STUDIES, CASE_STUDY_WINDOW_MONTHS, 'validity.P2.1'));
  }
  const gaps = new Map<CaseStudyElementId, number>();
  for (const { reading } of readings) for (const e of REQUIRED_IN_EVERY_STUDY) if (!reading.elements[e].present) gaps.set(e, (gaps.get(e) ?? 0) + 1);
  const commonGaps = [...gaps.entries()].sort((a, b) => b[1] - a[1]).map(([e]) => e);
  const advice: Message[] = [];
  if (commonGaps.length) advice.push(message('P2.1.advice.gaps', { elements: { type: 'elements', set: 'case-study', elements: commonGaps.map((id) => ({ id, present: false })) } }));
  if (withCompliance.length < MIN_COMPLIANCE_CASE_STUDIES) advice.push(message('P2.1.advice.compliance', { needs: MIN_COMPLIANCE_CASE_STUDIES }));
  return checkResult(meta, 'fail', outcome, rows, advice);
}

export const caseStudyElementsCheck: Check = { ...meta, inputs: [caseStudyJudgements, ...NO_COUNTED_CASE_STUDY_INPUTS], run };
