// The checks in report order, and the runner that keeps one check's failure from killing the report.

import type { Check, CheckResult, SiteEvidence } from '../types.ts';
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

/** Runs one check; an exception inside it becomes a `review` result that names the error. */
export function runCheck(check: Check, evidence: SiteEvidence, asOf: string): CheckResult {
  try {
    return check.run(evidence, asOf);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return checkResult(check, 'review', `The check could not run: ${message}`, [],
      'This is a defect in partner-presence, not in the site: review this item by hand and report the error.');
  }
}

export function runChecks(evidence: SiteEvidence, asOf: string): CheckResult[] {
  return CHECKS.map((check) => runCheck(check, evidence, asOf));
}
