// P2.3 (informational): whether each counted case study reads as MSP (ongoing operations) or
// project-based delivery, with the words that suggest it. The tool cannot verify it. Input: P2.2.1's
// counted case studies.

import type { Check, CheckContext, Finding } from '../types.ts';
import { message, t } from '../messages/index.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { checkResult, noCountedCaseStudy, NO_COUNTED_CASE_STUDY_INPUTS, type CheckMeta } from './result.ts';
import { label, text } from './values.ts';

const meta: CheckMeta = {
  id: 'P2.3', title: t('en', 'check.P2.3.title'), requirement: t('en', 'check.P2.3.requirement'), informational: true,
};

function run(context: CheckContext) {
  const counted = context.get(caseStudyJudgements).filter((j) => j.counted).map((j) => j.study);
  if (counted.length === 0) return noCountedCaseStudy(meta, context, message('P2.3.advice.publish'));
  const rows: Finding[] = counted.map((c) => {
    const signals = c.study?.deliverySignals ?? { msp: [], project: [] };
    return {
      url: c.url, path: c.path, kind: 'note.delivery',
      values: { delivery: label('delivery', c.study?.delivery ?? 'unknown'), msp: signals.msp.map(text), project: signals.project.map(text) },
    };
  });
  const categorised = counted.filter((c) => (c.study?.delivery ?? 'unknown') !== 'unknown');
  const msp = categorised.filter((c) => c.study!.delivery === 'msp').length;
  const outcome = message('P2.3.summary', { categorised: categorised.length, count: counted.length, msp, project: categorised.length - msp });
  const advice = [message('P2.3.advice.say')];
  // Each case study must say how it was delivered: one that does not fails the item, however many
  // others do (a reader of that study cannot tell either).
  return checkResult(meta, categorised.length === counted.length ? 'pass' : 'fail', outcome, rows, advice);
}

export const deliveryCategory: Check = { ...meta, inputs: [caseStudyJudgements, ...NO_COUNTED_CASE_STUDY_INPUTS], run };
