// P2.1 (informational): which of the checklist's case-study elements each counted public case study
// shows, with the text that shows it. The web can only show the public ones. Inputs: P2.2.1's counted
// case studies; the completion element is decided here from the publish date.

import type { CaseStudyElementId, Excerpted } from '../../analyzers/types.ts';
import type { Check, CheckContext, EvidenceRow } from '../types.ts';
import { withinMonths } from '../evidence/calendar.ts';
import type { CaseStudy } from '../evidence/case-studies.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { CASE_STUDY_WINDOW_MONTHS, MIN_COMPLIANCE_CASE_STUDIES, MIN_PUBLIC_CASE_STUDIES } from './thresholds.ts';
import { checkResult, noCountedCaseStudy, NO_COUNTED_CASE_STUDY_INPUTS, type CheckMeta } from './result.ts';
import { describeDate, plural } from './phrases.ts';

const meta: CheckMeta = { id: 'P2.1', title: 'Case-study elements', requirement: 'case-study elements, per public case study', informational: true };

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
  completionNote: string;
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
  let completionNote: string;
  if (!published) completionNote = 'no publish date found, so completion within the window is not shown';
  else if (withinMonths(published.date, asOf, windowMonths)) {
    completed = { present: true, excerpt: `published ${describeDate(published)}` };
    completionNote = `published ${describeDate(published)}, within ${windowMonths} months of ${asOf}`;
  } else completionNote = `published ${describeDate(published)}, more than ${windowMonths} months before ${asOf}`;
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
    completionNote,
  };
}

function run(context: CheckContext) {
  const counted = context.get(caseStudyJudgements).filter((j) => j.counted).map((j) => j.study);
  if (counted.length === 0) {
    return noCountedCaseStudy(meta, context, 'read the elements from',
      'Publish retail AWS case studies that name the customer, the problem, the solution, the AWS services, the results and the compliance requirements.');
  }
  const readings = counted.map((c) => ({ c, reading: caseStudyElements(c, context.asOf) }));
  const rows: EvidenceRow[] = readings.map(({ c, reading }) => {
    const present = CASE_STUDY_ELEMENTS.filter((e) => reading.elements[e].present);
    const missing = CASE_STUDY_ELEMENTS.filter((e) => !reading.elements[e].present);
    const compliance = c.study?.compliance.length ? `; compliance: ${c.study.compliance.join(', ')}` : '';
    const anonymized = c.anonymized ? '; customer anonymised' : '';
    return { url: c.url, path: c.path, note: `present: ${present.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'}${compliance}${anonymized}; ${reading.completionNote}` };
  });
  const complete = readings.filter(({ reading }) => REQUIRED_IN_EVERY_STUDY.every((e) => reading.elements[e].present));
  const withCompliance = readings.filter(({ reading }) => reading.elements.compliance.present);
  const summary = `Every required element shown by ${complete.length} of ${plural(counted.length, 'public case study', 'public case studies')} (needs ${MIN_PUBLIC_CASE_STUDIES}); compliance requirements stated by ${withCompliance.length} (needs ${MIN_COMPLIANCE_CASE_STUDIES})`;
  if (complete.length >= MIN_PUBLIC_CASE_STUDIES && withCompliance.length >= MIN_COMPLIANCE_CASE_STUDIES) {
    return checkResult(meta, 'pass', summary, rows, null);
  }
  const gaps = new Map<string, number>();
  for (const { reading } of readings) for (const e of REQUIRED_IN_EVERY_STUDY) if (!reading.elements[e].present) gaps.set(e, (gaps.get(e) ?? 0) + 1);
  const commonGaps = [...gaps.entries()].sort((a, b) => b[1] - a[1]).map(([e]) => e);
  const advice: string[] = [];
  if (commonGaps.length) advice.push(`Add to the case studies what they leave out: ${commonGaps.join(', ')}.`);
  if (withCompliance.length < MIN_COMPLIANCE_CASE_STUDIES) advice.push(`State the customer's compliance requirements (e.g. PCI DSS, GDPR, 個資法) in at least ${MIN_COMPLIANCE_CASE_STUDIES} studies.`);
  return checkResult(meta, 'fail', summary, rows, advice.join(' '));
}

export const caseStudyElementsCheck: Check = { ...meta, inputs: [caseStudyJudgements, ...NO_COUNTED_CASE_STUDY_INPUTS], run };
