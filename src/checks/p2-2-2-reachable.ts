// P2.2.2: at least two of the counted case studies can be reached by following links from the homepage.
// Inputs: P2.2.1's judgements (counted, and too close to call), unread pages, stories on other domains.

import type { Check, CheckContext, EvidenceRow } from '../types.ts';
import type { CaseStudy } from '../evidence/case-studies.ts';
import { offSiteStoryLinks } from '../evidence/off-site.ts';
import { unreadCaseStudyPages } from '../evidence/unread.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { MIN_REACHABLE_CASE_STUDIES } from './thresholds.ts';
import { checkResult, offSiteReview, unreadReview, type CheckMeta } from './result.ts';
import { describeNotCounted, plural } from './phrases.ts';

const meta: CheckMeta = {
  id: 'P2.2.2', title: 'Case studies reachable from the homepage', requirement: 'at least 2 of them reachable by links from the homepage', informational: false,
};

function howFound(c: CaseStudy): string {
  if (c.path) return `reachable in ${c.path.length - 1} click${c.path.length === 2 ? '' : 's'} from the homepage`;
  if (c.pages.some((p) => p.foundVia === 'sitemap')) return 'found only in sitemap.xml: no link leads to it from the homepage';
  return 'not reachable by links from the homepage';
}

function run({ get }: CheckContext) {
  const judgements = get(caseStudyJudgements);
  const counted = judgements.filter((j) => j.counted).map((j) => j.study);
  const reachable = counted.filter((c) => c.path !== null);
  const unreachable = counted.filter((c) => c.path === null);
  const rows: EvidenceRow[] = counted.map((c) => ({ url: c.url, path: c.path, note: howFound(c) }));
  const found = `${reachable.length} of ${plural(counted.length, 'retail AWS case study', 'retail AWS case studies')} reachable by links from the homepage (needs ${MIN_REACHABLE_CASE_STUDIES})`;
  if (reachable.length >= MIN_REACHABLE_CASE_STUDIES) return checkResult(meta, 'pass', found, rows, null);

  const borderline = judgements.filter((j) => j.unsure && j.study.path !== null);
  if (reachable.length + borderline.length >= MIN_REACHABLE_CASE_STUDIES) {
    return checkResult(meta, 'review', `${found}; ${plural(borderline.length, 'reachable AWS case study', 'reachable AWS case studies')} too close to call`,
      [...rows, ...borderline.map((j) => ({ url: j.study.url, path: j.study.path, note: `too close to call: ${describeNotCounted(j.notCounted)}` }))],
      'Check the case studies too close to call (see P2.2.1); if they are retail customer stories, say so plainly.');
  }
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) return unreadReview(meta, found, rows, unread);
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) return offSiteReview(meta, found, rows, offSite);
  const recommendation = unreachable.length > 0
    ? `Link ${unreachable.map((c) => c.url).join(', ')} from the homepage (main navigation or a case-study index linked from it).`
    : `Publish retail AWS case studies and link them from the homepage (main navigation or a case-study index).`;
  return checkResult(meta, 'fail', unreachable.length > 0 ? `${found}; not linked: ${unreachable.map((c) => c.url).join(', ')}` : found, rows, recommendation);
}

export const reachableCaseStudies: Check = { ...meta, inputs: [caseStudyJudgements, unreadCaseStudyPages, offSiteStoryLinks], run };
