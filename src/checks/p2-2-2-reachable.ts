// P2.2.2: at least two of the counted case studies can be reached by following links from the homepage.
// Inputs: P2.2.1's judgements (counted, and too close to call), unread pages, stories on other domains.

import type { Check, CheckContext, Finding } from '../types.ts';
import { message, t } from '../messages/index.ts';
import type { CaseStudy } from '../evidence/case-studies.ts';
import { offSiteStoryLinks } from '../evidence/off-site.ts';
import { setAsideCaseStudyPages, unreadCaseStudyPages } from '../evidence/unread.ts';
import { caseStudyJudgements } from './p2-2-1-public-case-studies.ts';
import { MIN_REACHABLE_CASE_STUDIES } from './thresholds.ts';
import { checkResult, offSiteReview, unreadReview, withSetAside, type CheckMeta } from './result.ts';
import { reasons, urls } from './values.ts';

const meta: CheckMeta = {
  id: 'P2.2.2', title: t('en', 'check.P2.2.2.title'), requirement: t('en', 'check.P2.2.2.requirement', { needs: MIN_REACHABLE_CASE_STUDIES }), informational: false,
};

/** How a study is reached: its click path, or found only in a sitemap, or not at all. */
function reach(c: CaseStudy): Finding {
  const foundVia = c.path ? 'link' : c.pages.some((p) => p.foundVia === 'sitemap') ? 'sitemap' : 'none';
  return { url: c.url, path: c.path, kind: 'note.reach', values: { reach: { type: 'click-path', path: c.path, foundVia } } };
}

function decide({ get }: CheckContext) {
  const judgements = get(caseStudyJudgements);
  const counted = judgements.filter((j) => j.counted).map((j) => j.study);
  const reachable = counted.filter((c) => c.path !== null);
  const unreachable = counted.filter((c) => c.path === null);
  const rows = counted.map(reach);
  const found = message('P2.2.2.found', { reachable: reachable.length, count: counted.length, needs: MIN_REACHABLE_CASE_STUDIES });
  if (reachable.length >= MIN_REACHABLE_CASE_STUDIES) return checkResult(meta, 'pass', found, rows, []);

  const borderline = judgements.filter((j) => j.unsure && j.study.path !== null);
  if (reachable.length + borderline.length >= MIN_REACHABLE_CASE_STUDIES) {
    return checkResult(meta, 'review', message('P2.2.2.too-close', { found, count: borderline.length }),
      [...rows, ...borderline.map((j): Finding => ({ url: j.study.url, path: j.study.path, kind: 'note.too-close', values: { notCounted: reasons(...j.notCounted) } }))],
      [message('P2.2.2.advice.too-close')]);
  }
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) return unreadReview(meta, found, rows, unread);
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) return offSiteReview(meta, found, rows, offSite);
  if (unreachable.length === 0) return checkResult(meta, 'fail', found, rows, [message('P2.2.2.advice.publish')]);
  const links = urls(unreachable.map((c) => c.url));
  return checkResult(meta, 'fail', message('P2.2.2.not-linked', { found, urls: links }), rows, [message('P2.2.2.advice.link', { urls: links })]);
}

const run = (context: CheckContext) => withSetAside(decide(context), context.get(setAsideCaseStudyPages));

export const reachableCaseStudies: Check = { ...meta, inputs: [caseStudyJudgements, unreadCaseStudyPages, setAsideCaseStudyPages, offSiteStoryLinks], run };
