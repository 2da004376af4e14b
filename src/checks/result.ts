// The one way checks build their results, so every result has the same shape and rules.

import type { Check, CheckContext, CheckResult, CheckStatus, EvidenceRow } from '../types.ts';
import { offSiteStoryLinks, type OffSiteLink } from '../evidence/off-site.ts';
import { unreadCaseStudyPages, type UnreadPage } from '../evidence/unread.ts';
import { describeUnreadReason } from './phrases.ts';

export type CheckMeta = Pick<Check, 'id' | 'title' | 'requirement' | 'informational'>;

/** What a check built on noCountedCaseStudy must declare among its inputs. */
export const NO_COUNTED_CASE_STUDY_INPUTS = [unreadCaseStudyPages, offSiteStoryLinks] as const;

export function checkResult(meta: CheckMeta, status: CheckStatus, summary: string, evidence: EvidenceRow[],
  recommendation: string | null): CheckResult {
  return {
    id: meta.id,
    title: meta.title,
    status,
    summary,
    evidence,
    recommendation: status === 'pass' ? null : recommendation,
    informational: meta.informational,
  };
}

/** Evidence rows for pages the crawl could not read, so a `review` shows what it could not see. */
function unreadRows(unread: readonly UnreadPage[], limit = 20): EvidenceRow[] {
  return unread.slice(0, limit).map((u) => ({ url: u.url, path: null, note: `could not be read: ${describeUnreadReason(u.reason)}` }));
}

/** "3 pages (…/a, …/b, …) could not be read (robots.txt, errors)": the reason behind a review. */
function unreadSentence(unread: readonly UnreadPage[]): string {
  const shown = unread.slice(0, 3).map((u) => u.url).join(', ');
  const more = unread.length > 3 ? ` and ${unread.length - 3} more` : '';
  return `${unread.length} page${unread.length === 1 ? '' : 's'} that may matter could not be read (${shown}${more})`;
}

const UNREAD_RECOMMENDATION = 'Check the pages that could not be read (allow them in robots.txt, fix the errors, '
  + 'lift the bot protection for the audit, or raise --max-pages / --time-budget when the budget stopped the crawl), then audit again.';

/** Evidence rows for customer-story links that leave the partner's domain (not read by the audit). */
function offSiteRows(links: readonly OffSiteLink[], limit = 10): EvidenceRow[] {
  return links.slice(0, limit).map((l) => ({ url: l.url, path: null, note: `customer stories on another domain, linked from ${l.from} ("${l.text}"): not read` }));
}

/** "the site links to customer stories on stories.group.test (…/a, …/b), another domain the audit does not read". */
function offSiteSentence(links: readonly OffSiteLink[]): string {
  const hosts = [...new Set(links.map((l) => new URL(l.url).host))];
  const shown = links.slice(0, 3).map((l) => l.url).join(', ');
  return `the site links to customer stories on ${hosts.join(', ')} (${shown}${links.length > 3 ? ` and ${links.length - 3} more` : ''}), `
    + 'another domain the audit does not read';
}

const OFF_SITE_RECOMMENDATION = 'The linked customer stories are on another domain (a group site, or AWS\'s own case-study '
  + 'pages): confirm it belongs to the partner or tells the partner\'s customer\'s story, and read the stories there; or publish '
  + 'the retail AWS case studies on the partner\'s own site.';

/** A check short of what it needs while pages that may hold it could not be read: review, listing them. */
export function unreadReview(meta: CheckMeta, found: string, rows: EvidenceRow[], unread: readonly UnreadPage[]): CheckResult {
  return checkResult(meta, 'review', `${found}, but ${unreadSentence(unread)}`, [...rows, ...unreadRows(unread)], UNREAD_RECOMMENDATION);
}

/** A case-study check short of its count while the site links to stories on another domain: review, listing them. */
export function offSiteReview(meta: CheckMeta, found: string, rows: EvidenceRow[], offSite: readonly OffSiteLink[]): CheckResult {
  return checkResult(meta, 'review', `${found}, but ${offSiteSentence(offSite)}`, [...rows, ...offSiteRows(offSite)], OFF_SITE_RECOMMENDATION);
}

/**
 * An informational case-study check (P2.1, P2.3) with no counted study to read: review when studies
 * may exist unread (blocked, failed, on another domain), else fail with what to publish.
 */
export function noCountedCaseStudy(meta: CheckMeta, { get }: CheckContext, toWhat: string, recommendation: string): CheckResult {
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) return checkResult(meta, 'review', `No retail AWS case study to ${toWhat}, and ${unreadSentence(unread)}`, unreadRows(unread), UNREAD_RECOMMENDATION);
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) return checkResult(meta, 'review', `No retail AWS case study on the site to ${toWhat}, but ${offSiteSentence(offSite)}`, offSiteRows(offSite), OFF_SITE_RECOMMENDATION);
  return checkResult(meta, 'fail', `No public retail AWS case study to ${toWhat}`, [], recommendation);
}
