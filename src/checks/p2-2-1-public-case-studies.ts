// P2.2.1: at least two public case studies of retail projects on AWS (HTML pages and PDF documents).

import type { Check, EvidenceRow, SiteEvidence } from '../types.ts';
import { caseStudyCandidates, describeDate, offSiteStoryLinks, unreadThatMatters, type CaseStudyCandidate } from '../evidence.ts';
import { MIN_PUBLIC_CASE_STUDIES } from './thresholds.ts';
import { checkResult, offSiteReview, plural, unreadReview, type CheckMeta } from './result.ts';

const meta: CheckMeta = { id: 'P2.2.1', title: 'Public retail AWS case studies', informational: false };

export function caseStudyRow(c: CaseStudyCandidate, verdict: string): EvidenceRow {
  const parts = [verdict, `${c.format.toUpperCase()}`, c.retailNote, c.awsNote];
  if (c.customer) parts.push(`customer ${c.customer}`);
  if (c.attachments.length) parts.push(`with PDF ${c.attachments.join(', ')}`);
  parts.push(c.published ? `published ${describeDate(c.published)}` : 'no publish date');
  return { url: c.url, path: c.path, note: parts.join('; ') };
}

function run(evidence: SiteEvidence) {
  const candidates = caseStudyCandidates(evidence);
  const counted = candidates.filter((c) => c.counted);
  const rows: EvidenceRow[] = [
    ...counted.map((c) => caseStudyRow(c, 'counted')),
    ...candidates.filter((c) => !c.counted).map((c) => caseStudyRow(c, `not counted: ${c.notCountedWhy}`)),
  ];
  const found = `${plural(counted.length, 'retail AWS case study', 'retail AWS case studies')} found (needs ${MIN_PUBLIC_CASE_STUDIES})`;
  if (counted.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'pass', `${found}; ${plural(candidates.length - counted.length, 'other case study', 'other case studies')} not counted`, rows, null);
  }
  const borderline = candidates.filter((c) => c.unsure);
  const unread = unreadThatMatters(evidence, 'case-study');
  if (counted.length + borderline.length >= MIN_PUBLIC_CASE_STUDIES) {
    return checkResult(meta, 'review', `${found}; ${plural(borderline.length, 'more AWS case study', 'more AWS case studies')} too close to call (${borderline.map((c) => c.notCountedWhy).join('; ')})`,
      rows, 'Check the case studies too close to call: say plainly that the customer is a retailer and the project a retail one, and tell the story (customer, problem, solution, results).');
  }
  if (unread.length > 0) return unreadReview(meta, found, rows, unread);
  const offSite = offSiteStoryLinks(evidence);
  if (offSite.length > 0) return offSiteReview(meta, found, rows, offSite);
  const notAws = candidates.filter((c) => c.retail === 'retail' && !c.aws);
  let recommendation = `Publish at least ${MIN_PUBLIC_CASE_STUDIES} public case studies of completed retail projects on AWS (HTML or PDF), naming the customer and the AWS services used.`;
  if (notAws.length > 0) recommendation += ` ${plural(notAws.length, 'retail case study', 'retail case studies')} found do not show AWS: name the AWS services if they ran on AWS.`;
  return checkResult(meta, 'fail', found, rows, recommendation);
}

export const publicCaseStudies: Check = { ...meta, run };
