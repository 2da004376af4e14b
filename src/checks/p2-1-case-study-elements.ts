// P2.1 (informational): which of the checklist's case-study elements each counted public case study
// shows, with the text that shows it. The web can only show the public ones.

import type { Check, EvidenceRow, SiteEvidence } from '../types.ts';
import { caseStudyCandidates, caseStudyElements, CASE_STUDY_ELEMENTS } from '../evidence.ts';
import { CASE_STUDY_WINDOW_MONTHS, MIN_COMPLIANCE_CASE_STUDIES, MIN_PUBLIC_CASE_STUDIES } from './thresholds.ts';
import { checkResult, noCountedCaseStudy, plural, type CheckMeta } from './result.ts';

const meta: CheckMeta = { id: 'P2.1', title: 'Case-study elements', informational: true };

/**
 * What a public study must show to be complete. Compliance is needed in only some studies (counted
 * separately); third-party applications only exist in projects that used some, so their absence from
 * the page proves nothing either way: both are reported, neither is required of every study.
 */
const REQUIRED_IN_EVERY_STUDY = CASE_STUDY_ELEMENTS.filter((e) => e !== 'compliance' && e !== 'thirdParty');

function run(evidence: SiteEvidence, asOf: string) {
  const counted = caseStudyCandidates(evidence).filter((c) => c.counted);
  if (counted.length === 0) {
    return noCountedCaseStudy(meta, evidence, 'read the elements from',
      'Publish retail AWS case studies that name the customer, the problem, the solution, the AWS services, the results and the compliance requirements.');
  }
  const readings = counted.map((c) => ({ c, reading: caseStudyElements(c, asOf, CASE_STUDY_WINDOW_MONTHS) }));
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

export const caseStudyElementsCheck: Check = { ...meta, run };
