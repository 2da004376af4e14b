// The check registry: every check in report order. The CLI (help, exit code), the report, summary.csv,
// the batch index and the schema's list of ids all come from CHECKS: adding a check is one new file in
// this folder plus one line here. Also the runner that keeps one check's failure from killing the report.

import type { Check, CheckContext, CheckId, CheckVerdict } from '../types.ts';
import { message } from '../messages/index.ts';
import type { Derived, Evaluation } from '../evidence/evaluation.ts';
import { caseStudyElementsCheck } from './p2-1-case-study-elements.ts';
import { publicCaseStudies } from './p2-2-1-public-case-studies.ts';
import { reachableCaseStudies } from './p2-2-2-reachable.ts';
import { deliveryCategory } from './p2-3-delivery.ts';
import { practicePage } from './p3-1-practice-page.ts';
import { thoughtLeadership } from './p3-2-thought-leadership.ts';
import { checkResult } from './result.ts';

export const CHECKS: readonly Check[] = [
  caseStudyElementsCheck, publicCaseStudies, reachableCaseStudies, deliveryCategory, practicePage, thoughtLeadership,
];

/** The checks' ids in report order (summary.csv columns, index.html columns, the schema). */
export const CHECK_IDS: readonly CheckId[] = CHECKS.map((c) => c.id);

/** The checks that decide the verdict and the exit code (the others are informational). */
export const SCORED_CHECK_IDS: readonly CheckId[] = CHECKS.filter((c) => !c.informational).map((c) => c.id);

/** What one check may read: the evidence, the date, and the derived evidence it declares (anything else is a defect). */
function contextFor(check: Check, evaluation: Evaluation): CheckContext {
  const declared = new Set<Derived<unknown>>(check.inputs);
  return {
    evidence: evaluation.evidence,
    asOf: evaluation.asOf,
    get: <T>(input: Derived<T>): T => {
      if (!declared.has(input)) throw new Error(`${check.id} reads "${input.id}" without declaring it among its inputs`);
      return evaluation.get(input);
    },
  };
}

/** Runs one check; an exception inside it becomes a `review` result that names the error. */
export function runCheck(check: Check, evaluation: Evaluation): CheckVerdict {
  try {
    return check.run(contextFor(check, evaluation));
  } catch (error) {
    return checkResult(check, 'review', message('outcome.check-error', { error: error instanceof Error ? error.message : String(error) }), [],
      [message('advice.check-error')]);
  }
}

export function runChecks(evaluation: Evaluation): CheckVerdict[] {
  return CHECKS.map((check) => runCheck(check, evaluation));
}
