// P3.2: retail thought leadership (posts, news, videos, events, whitepapers) published within the
// past 12 months. Only the publish date counts: an "updated" date says nothing about when it was published.

import type { ThoughtLeadershipKind } from '../../analyzers/types.ts';
import type { Check, CheckContext, EvidenceRow } from '../types.ts';
import { monthsBefore, withinMonths } from '../evidence/calendar.ts';
import { offSiteThoughtLeadershipLinks } from '../evidence/off-site.ts';
import { thoughtLeadershipItems, type ThoughtLeadershipItem } from '../evidence/thought-leadership.ts';
import { unreadThoughtLeadershipPages } from '../evidence/unread.ts';
import { retailVerdict } from './retail.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, MIN_RECENT_THOUGHT_LEADERSHIP, THOUGHT_LEADERSHIP_WINDOW_MONTHS } from './thresholds.ts';
import { checkResult, unreadReview, type CheckMeta } from './result.ts';
import { describeDate, describeRetail, plural } from './phrases.ts';

const meta: CheckMeta = {
  id: 'P3.2', title: 'Recent retail thought leadership', informational: false,
  requirement: `retail thought leadership published within ${THOUGHT_LEADERSHIP_WINDOW_MONTHS} months of --as-of`,
};

/** The kinds of item that count as thought leadership ("other" pages are listed, never counted). */
export const COUNTED_KINDS: readonly ThoughtLeadershipKind[] = ['blog', 'news', 'video', 'event', 'whitepaper'];

function itemNote(item: ThoughtLeadershipItem, asOf: string): string {
  const verdict = retailVerdict(item.retailScore);
  const retail = verdict === 'retail' ? 'retail' : verdict === 'borderline' ? 'borderline retail' : 'not retail';
  let date: string;
  if (!item.published) {
    date = 'no publish date found' + (item.modified ? ` (updated ${describeDate(item.modified)} is not a publish date)` : '');
  } else {
    const inside = withinMonths(item.published.date, asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS);
    date = `published ${describeDate(item.published)}, ${inside ? 'within' : item.published.date > asOf ? 'after the audit date, outside' : 'outside'} the ${THOUGHT_LEADERSHIP_WINDOW_MONTHS}-month window`;
    if (item.modified && item.modified.date > item.published.date) date += ` (updated ${item.modified.date}, which does not count)`;
  }
  return `${item.kind}; ${retail} (${describeRetail(item.retailScore, item.retailTerms)}); ${date}`;
}

function run({ get, asOf }: CheckContext) {
  const items = get(thoughtLeadershipItems).filter((i) => COUNTED_KINDS.includes(i.kind));
  const recent = (i: ThoughtLeadershipItem) => i.published !== null && withinMonths(i.published.date, asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS);
  const retail = items.filter((i) => retailVerdict(i.retailScore) === 'retail');
  const retailRecent = retail.filter(recent);
  const retailRecentConfident = retailRecent.filter((i) => i.published!.confidence >= MIN_PUBLISH_DATE_CONFIDENCE);
  const retailDated = retail.filter((i) => i.published !== null);
  const retailUndated = retail.filter((i) => i.published === null);
  const borderlineRecent = items.filter((i) => retailVerdict(i.retailScore) === 'borderline' && recent(i));
  const since = monthsBefore(asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS);
  const shown = [...retail, ...items.filter((i) => retailVerdict(i.retailScore) === 'borderline')];
  const rows: EvidenceRow[] = shown.map((i) => ({ url: i.url, path: i.path, note: itemNote(i, asOf) }));
  const counts = `${plural(retailRecent.length, 'retail item')} published since ${since} (needs ${MIN_RECENT_THOUGHT_LEADERSHIP}); ${plural(retail.length, 'retail item')} in all, ${retailUndated.length} undated`;

  const addDates = 'Show a publish date on every post (visible byline and datePublished / article:published_time metadata).';
  if (retailRecentConfident.length >= MIN_RECENT_THOUGHT_LEADERSHIP) {
    const newest = retailRecentConfident[0]!;
    return checkResult(meta, 'pass', `${counts}; newest ${newest.published!.date}`, rows, null);
  }
  if (retailRecent.length > 0) {
    return checkResult(meta, 'review', `${counts}, but every recent date is inferred (${describeDate(retailRecent[0]!.published!)}): confirm it on the page`, rows, addDates);
  }
  if (borderlineRecent.length > 0) {
    return checkResult(meta, 'review', `${counts}; ${plural(borderlineRecent.length, 'recent item')} with a borderline retail score needs a look`, rows,
      'Check whether the borderline recent items are about retail; if so, make the retail focus explicit in their titles and text.');
  }
  const unread = get(unreadThoughtLeadershipPages);
  if (unread.length > 0) return unreadReview(meta, counts, rows, unread);
  const offSite = get(offSiteThoughtLeadershipLinks);
  if (offSite.length > 0) {
    const hosts = [...new Set(offSite.map((l) => new URL(l.url).host))];
    const offSiteRows = offSite.slice(0, 10).map((l) => ({ url: l.url, path: null,
      note: `thought leadership on another site, linked from ${l.from} ("${l.text}"): not read, publish date and topic unknown` }));
    return checkResult(meta, 'review', `${counts}, but the site links to ${plural(offSite.length, 'post, recording or event', 'posts, recordings or events')} on ${hosts.join(', ')}, which the audit does not read: check them for retail material published since ${since}`,
      [...rows, ...offSiteRows], 'Open the linked posts and recordings and confirm at least one is about retail and was published in the past '
        + `${THOUGHT_LEADERSHIP_WINDOW_MONTHS} months; to make it visible to an audit, also publish retail posts and webinar pages on your own site with a publish date.`);
  }
  if (retailDated.length === 0 && retailUndated.length > 0) {
    return checkResult(meta, 'review', `${counts}: no retail item has a findable publish date`, rows, addDates);
  }
  // An undated retail item may be the recent one (an event page dated only by when it happens, a post
  // dated "3 weeks ago"): older dated items do not make it old, so a human has to look.
  if (retailUndated.length > 0) {
    const shownUndated = retailUndated.slice(0, 3).map((i) => i.url).join(', ');
    return checkResult(meta, 'review', `${counts}: no dated retail item is recent, but ${plural(retailUndated.length, 'retail item')} without a findable publish date (${shownUndated}${retailUndated.length > 3 ? ' …' : ''}) may be`, rows, addDates);
  }
  const publish = `Publish retail thought leadership (blog posts, news, webinars, workshops, videos) at least once every ${THOUGHT_LEADERSHIP_WINDOW_MONTHS} months.`;
  if (retailDated.length === 0) {
    return checkResult(meta, 'fail', `No retail thought leadership found (${items.length} posts and other items in all)`, rows, publish);
  }
  // A date after the audit date is no publish date (an upcoming event's date, a typo): the item may
  // well be recent, so never pass on it and never fail it as old.
  const future = retailDated.filter((i) => i.published!.date > asOf);
  if (future.length > 0) {
    return checkResult(meta, 'review', `${counts}; ${plural(future.length, 'retail item')} dated after the audit date ${asOf} (${future.slice(0, 3).map((i) => `${i.url} ${i.published!.date}`).join(', ')}): an upcoming event's date or a wrong date, not when it was published`, rows, addDates);
  }
  const past = retailDated.filter((i) => i.published!.date <= asOf);
  const newest = past.reduce((a, b) => (b.published!.date > a.published!.date ? b : a));
  const when = `the newest retail item was published ${describeDate(newest.published!)}`;
  const refreshed = retailDated.filter((i) => i.modified && i.modified.date >= since);
  const refreshedNote = refreshed.length ? ` Updating older posts does not count: ${plural(refreshed.length, 'retail item')} updated recently ${refreshed.length === 1 ? 'was' : 'were'} first published before ${since}.` : '';
  return checkResult(meta, 'fail', `${counts}; ${when}`, rows, `${publish}${refreshedNote}`);
}

export const thoughtLeadership: Check = { ...meta, inputs: [thoughtLeadershipItems, unreadThoughtLeadershipPages, offSiteThoughtLeadershipLinks], run };
