// P2.3 (informational): whether each counted case study reads as MSP (ongoing operations) or
// project-based delivery, with the words that suggest it. The tool cannot verify it. Input: P2.2.1's
// counted case studies.

import type { Check, CheckContext, EvidenceRow } from '../types.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { checkResult, noCountedCaseStudy, NO_COUNTED_CASE_STUDY_INPUTS, type CheckMeta } from './result.ts';

const meta: CheckMeta = {
  id: 'P2.3', title: 'Delivery category (MSP or project)', requirement: 'delivery category, MSP or project, per case study', informational: true,
};

function run(context: CheckContext) {
  const counted = context.get(caseStudyJudgements).filter((j) => j.counted).map((j) => j.study);
  if (counted.length === 0) {
    return noCountedCaseStudy(meta, context, 'categorise',
      'Publish retail AWS case studies that say whether you run the workload for the customer (MSP) or delivered a project.');
  }
  const rows: EvidenceRow[] = counted.map((c) => {
    const delivery = c.study?.delivery ?? 'unknown';
    const signals = c.study?.deliverySignals ?? { msp: [], project: [] };
    const words = [signals.msp.length ? `MSP signals: ${signals.msp.join(', ')}` : '', signals.project.length ? `project signals: ${signals.project.join(', ')}` : '']
      .filter(Boolean).join('; ');
    return { url: c.url, path: c.path, note: `${delivery}${words ? ` (${words})` : ' (no delivery signals)'}` };
  });
  const categorised = counted.filter((c) => (c.study?.delivery ?? 'unknown') !== 'unknown');
  const msp = categorised.filter((c) => c.study!.delivery === 'msp').length;
  const summary = `${categorised.length} of ${counted.length} case studies suggest a category (${msp} MSP, ${categorised.length - msp} project)`;
  const advice = 'Say in each case study how it is delivered: ongoing managed operations (MSP) or a delivered project handed over to the customer.';
  if (categorised.length === counted.length) return checkResult(meta, 'pass', summary, rows, null);
  if (categorised.length === 0) return checkResult(meta, 'fail', summary, rows, advice);
  return checkResult(meta, 'review', summary, rows, advice);
}

export const deliveryCategory: Check = { ...meta, inputs: [caseStudyJudgements, ...NO_COUNTED_CASE_STUDY_INPUTS], run };
