// The one way checks build their results, so every result has the same shape and rules; and the
// results every check shares: short of its count while pages could not be read, or while the site
// links to customer stories on another domain.

import type { Check, CheckContext, CheckStatus, CheckVerdict, Finding, Validity } from '../types.ts';
import { message, type Message } from '../messages/index.ts';
import { offSiteStoryLinks, type OffSiteLink } from '../evidence/off-site.ts';
import { setAsideCaseStudyPages, unreadCaseStudyPages, type SetAsidePage, type UnreadPage, type UnreadReason } from '../evidence/unread.ts';
import { dateFact, label, reasons, text, url, urls } from './values.ts';
import { lastDayWithin } from '../evidence/calendar.ts';
import type { DateFact } from '../../analyzers/types.ts';
import type { Reason } from '../messages/index.ts';

export type CheckMeta = Pick<Check, 'id' | 'title' | 'requirement' | 'informational'>;

/** What a check built on noCountedCaseStudy must declare among its inputs. */
export const NO_COUNTED_CASE_STUDY_INPUTS = [unreadCaseStudyPages, setAsideCaseStudyPages, offSiteStoryLinks] as const;

/** A check's result; `validUntil` only for a pass that expires as the audit date moves on. */
export function checkResult(meta: CheckMeta, status: CheckStatus, outcome: Message, evidence: Finding[], advice: Message[],
  validUntil: Validity | null = null): CheckVerdict {
  return {
    id: meta.id,
    title: meta.title,
    status,
    outcome,
    advice: status === 'pass' ? [] : advice,
    evidence,
    informational: meta.informational,
    validUntil: status === 'pass' ? validUntil : null,
  };
}

/**
 * Until when a pass that needs `needed` dated items inside a `months`-month window holds, the evidence
 * unchanged and only the audit date moving on: until the needed-th newest of them leaves the window
 * (items are the ones the pass counted, each with its publish date). `why` words it.
 */
export function windowValidity(items: readonly { readonly published: DateFact | null }[], needed: number, months: number,
  why: 'validity.P2.1' | 'validity.P3.2'): Validity {
  const ends = items.map(({ published }) => ({ published: published!, end: lastDayWithin(published!.date, months) }))
    .sort((a, b) => b.end.localeCompare(a.end));
  const last = ends[needed - 1]!;
  return { until: last.end, why: message(why, { rank: needed, published: dateFact(last.published), months }) };
}

/** Why a page was not read, as a reason (reason.unread.<kind>). */
export function unreadReason(reason: UnreadReason): Reason {
  switch (reason.kind) {
    // The crawler's own words (an error, a robots.txt rule) are quoted as they are, never translated.
    case 'blocked': return { rule: 'unread.blocked', values: { by: label('blocked-by', reason.by) } };
    case 'error': return { rule: 'unread.error', values: { error: text(reason.error) } };
    case 'needs-rendering': return { rule: 'unread.needs-rendering', values: { why: text(reason.why), browser: reason.browser && text(reason.browser) } };
    case 'robots': return { rule: 'unread.robots', values: { detail: reason.detail && text(reason.detail) } };
    case 'budget': return { rule: 'unread.budget', values: { limit: label('budget', reason.limit) } };
  }
}

/** Evidence rows for pages the crawl could not read, so a `review` shows what it could not see. */
function unreadRows(unread: readonly UnreadPage[], limit = 20): Finding[] {
  return unread.slice(0, limit).map((u) => ({ url: u.url, path: null, kind: 'note.unread', values: { reason: reasons(unreadReason(u.reason)) } }));
}

/**
 * A `fail` with the unread pages of the kind the check looks for that a plausibility rule set aside
 * (src/evidence/focus.ts), each with why it was not read and why it could not hold what the check
 * needs: the reader sees what the audit did not read. Other statuses are returned as they are.
 */
export function withSetAside(verdict: CheckVerdict, setAside: readonly SetAsidePage[], limit = 20): CheckVerdict {
  if (verdict.status !== 'fail' || setAside.length === 0) return verdict;
  const rows = setAside.slice(0, limit).map((u): Finding => ({
    url: u.url, path: null, kind: 'note.set-aside', values: { reason: reasons(unreadReason(u.reason)), setAsideBy: reasons({ rule: `set-aside.${u.setAsideBy}` }) },
  }));
  return { ...verdict, evidence: [...verdict.evidence, ...rows] };
}

/** "3 pages (…/a, …/b, …) could not be read": the reason behind a review. */
function unreadSentence(unread: readonly UnreadPage[]): Message {
  return message('unread.sentence', { count: unread.length, shown: urls(unread.slice(0, 3).map((u) => u.url)), more: Math.max(0, unread.length - 3) });
}

/** Evidence rows for customer-story links that leave the partner's domain (not read by the audit). */
function offSiteRows(links: readonly OffSiteLink[], limit = 10): Finding[] {
  return links.slice(0, limit).map((l) => ({ url: l.url, path: null, kind: 'note.off-site-stories', values: { from: url(l.from), text: text(l.text) } }));
}

/** "the site links to customer stories on stories.group.test (…/a, …/b), another domain the audit does not read". */
function offSiteSentence(links: readonly OffSiteLink[]): Message {
  return message('off-site.sentence', {
    hosts: [...new Set(links.map((l) => new URL(l.url).host))], shown: urls(links.slice(0, 3).map((l) => l.url)), more: Math.max(0, links.length - 3),
  });
}

/** A check short of what it needs while pages that may hold it could not be read: review, listing them. */
export function unreadReview(meta: CheckMeta, found: Message, rows: Finding[], unread: readonly UnreadPage[]): CheckVerdict {
  return checkResult(meta, 'review', message('outcome.unread', { found, unread: unreadSentence(unread) }), [...rows, ...unreadRows(unread)], [message('advice.unread')]);
}

/** A case-study check short of its count while the site links to stories on another domain: review, listing them. */
export function offSiteReview(meta: CheckMeta, found: Message, rows: Finding[], offSite: readonly OffSiteLink[]): CheckVerdict {
  return checkResult(meta, 'review', message('outcome.off-site', { found, offSite: offSiteSentence(offSite) }), [...rows, ...offSiteRows(offSite)],
    [message('advice.off-site-stories')]);
}

/**
 * An informational case-study check (P2.1, P2.3) with no counted study to read: review when studies
 * may exist unread (blocked, failed, on another domain), else fail with what to publish.
 */
export function noCountedCaseStudy(meta: CheckMeta, { get }: CheckContext, advice: Message): CheckVerdict {
  return withSetAside(noCountedCaseStudyVerdict(meta, get, advice), get(setAsideCaseStudyPages));
}

function noCountedCaseStudyVerdict(meta: CheckMeta, get: CheckContext['get'], advice: Message): CheckVerdict {
  const toWhat = message(`${meta.id}.to-what` as Message['id']);
  const unread = get(unreadCaseStudyPages);
  if (unread.length > 0) {
    return checkResult(meta, 'review', message('outcome.no-study.unread', { toWhat, unread: unreadSentence(unread) }), unreadRows(unread), [message('advice.unread')]);
  }
  const offSite = get(offSiteStoryLinks);
  if (offSite.length > 0) {
    return checkResult(meta, 'review', message('outcome.no-study.off-site', { toWhat, offSite: offSiteSentence(offSite) }), offSiteRows(offSite),
      [message('advice.off-site-stories')]);
  }
  return checkResult(meta, 'fail', message('outcome.no-study', { toWhat }), [], [advice]);
}
