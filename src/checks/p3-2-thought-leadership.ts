// P3.2: retail thought leadership (posts, news, videos, events, whitepapers) published within the
// past 12 months. Only the publish date counts: an "updated" date says nothing about when it was published.

import type { ThoughtLeadershipKind } from '../../analyzers/types.ts';
import type { Check, CheckContext, Finding } from '../types.ts';
import { message, t } from '../messages/index.ts';
import { lastDayWithin, monthsBefore, withinMonths } from '../evidence/calendar.ts';
import { offSiteMaterialDates, offSiteThoughtLeadershipLinks } from '../evidence/off-site.ts';
import { thoughtLeadershipItems, type ThoughtLeadershipItem } from '../evidence/thought-leadership.ts';
import { unreadThoughtLeadership } from '../evidence/unread.ts';
import { retailVerdict, type RetailVerdict } from './retail.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, MIN_RECENT_THOUGHT_LEADERSHIP, MIN_RETAIL_THEME_BLOCKS, MIN_RETAIL_THEME_SHARE, MIN_RETAIL_THEME_SPREAD, THOUGHT_LEADERSHIP_WINDOW_MONTHS } from './thresholds.ts';
import { checkResult, unreadReview, windowValidity, withSetAside, type CheckMeta } from './result.ts';
import { dateFact, day, label, retail, text, url, urls } from './values.ts';

/** Unread pages that could be recent retail material (an address dated before the window cannot be). */
const { plausible: unreadThoughtLeadershipPages, setAside: setAsideThoughtLeadershipPages } = unreadThoughtLeadership(THOUGHT_LEADERSHIP_WINDOW_MONTHS);

const meta: CheckMeta = {
  id: 'P3.2', title: t('en', 'check.P3.2.title'), informational: false,
  requirement: t('en', 'check.P3.2.requirement', { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS }),
};

/** The kinds of item that count as thought leadership ("other" pages are listed, never counted). */
export const COUNTED_KINDS: readonly ThoughtLeadershipKind[] = ['blog', 'news', 'video', 'event', 'whitepaper'];

/** A version number ("2.6.0", "v3.1") … */
const VERSION = /(?:^|[\s(])v?\d+\.\d+(?:\.\d+)*(?=$|[\s,:;)])/iu;
/** … beside a release word: "Tracker 2.6.0 released", "Release notes 3.1", "v2.0 版本發布". */
const RELEASE_WORD = /\brelease(?:s|d)?\b|\bchangelog\b|\bwhat['’]s new\b|版本|發布|發佈|更新日誌/iu;

/**
 * A release note tells what a version of the partner's product changed: product news, whatever
 * retail features it lists ("e-commerce tracking added"), and no retail thought leadership.
 */
export function isReleaseNote(title: string): boolean {
  return VERSION.test(title) && RELEASE_WORD.test(title);
}

/**
 * An item's retail verdict for P3.2. An item that never names retail, retailers, shoppers, grocery,
 * e-commerce or a consumer brand (no retail marker) is not about retail, whatever its area words:
 * logistics, personalisation, AI or "edge computing" are every industry's (a post on maritime
 * logistics is no retail thought leadership). Nor is one that names retail only as an example deep in
 * its body (a post on confidence intervals whose worked example is an online shop, a forecasting
 * primer that mentions a store once, a long trends post with retail among its examples): retail must
 * be in its title or lead, or run through it (MIN_RETAIL_THEME_BLOCKS of its blocks, and
 * MIN_RETAIL_THEME_SHARE of them, spread over MIN_RETAIL_THEME_SPREAD of its words: one worked
 * example section is an example, however many paragraphs it takes). A release note is product news (isReleaseNote). Just under
 * the threshold is worth a look only with a marker for the same reason.
 */
export function itemRetailVerdict(item: Pick<ThoughtLeadershipItem, 'title' | 'retailScore' | 'retailMarkers' | 'retailPlacement'>): RetailVerdict {
  if (item.retailMarkers.length === 0 || isReleaseNote(item.title)) return 'not-retail';
  const placed = item.retailPlacement;
  const theme = placed && placed.blocks >= MIN_RETAIL_THEME_BLOCKS && placed.blocks >= MIN_RETAIL_THEME_SHARE * placed.of
    && placed.spread >= MIN_RETAIL_THEME_SPREAD;
  if (placed && placed.inLead.length === 0 && !theme) return 'not-retail';
  const verdict = retailVerdict(item.retailScore);
  // Titled for a retail topic and naming it through the text, an item is about retail even when it
  // uses too few distinct retail words to score (a short post on one shopping event).
  return verdict === 'borderline' && theme && placed.inTitle.length > 0 ? 'retail' : verdict;
}

/** Where a publish date falls against the window: inside it, before it, or after the audit date. */
function windowRelation(date: string, asOf: string): 'within' | 'before' | 'after' {
  if (withinMonths(date, asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS)) return 'within';
  return date > asOf ? 'after' : 'before';
}

/** An item as a finding: its kind, its retail reading, its publish date against the window. */
function itemFinding(item: ThoughtLeadershipItem, asOf: string): Finding {
  const window = item.published && windowRelation(item.published.date, asOf);
  return {
    url: item.url,
    path: item.path,
    kind: 'note.thought-leadership',
    values: {
      kind: label('kind', item.kind),
      verdict: label('retail-verdict', itemRetailVerdict(item)),
      retail: retail(item.retailScore, item.retailTerms),
      published: item.published && dateFact(item.published),
      window: window && label('window', window),
      months: THOUGHT_LEADERSHIP_WINDOW_MONTHS,
      inWindowUntil: window === 'within' ? day(lastDayWithin(item.published!.date, THOUGHT_LEADERSHIP_WINDOW_MONTHS)) : null,
      modified: item.modified && dateFact(item.modified),
    },
  };
}

function decide({ get, asOf }: CheckContext) {
  const items = get(thoughtLeadershipItems).filter((i) => COUNTED_KINDS.includes(i.kind));
  const recent = (i: ThoughtLeadershipItem) => i.published !== null && withinMonths(i.published.date, asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS);
  const retailItems = items.filter((i) => itemRetailVerdict(i) === 'retail');
  const retailRecent = retailItems.filter(recent);
  const retailRecentConfident = retailRecent.filter((i) => i.published!.confidence >= MIN_PUBLISH_DATE_CONFIDENCE);
  const retailDated = retailItems.filter((i) => i.published !== null);
  const retailUndated = retailItems.filter((i) => i.published === null);
  const borderline = items.filter((i) => itemRetailVerdict(i) === 'borderline');
  const borderlineRecent = borderline.filter(recent);
  const since = monthsBefore(asOf, THOUGHT_LEADERSHIP_WINDOW_MONTHS);
  const rows = [...retailItems, ...borderline].map((i) => itemFinding(i, asOf));
  const counts = message('P3.2.counts', {
    count: retailRecent.length, since, needs: MIN_RECENT_THOUGHT_LEADERSHIP, all: retailItems.length, undated: retailUndated.length,
  });

  const addDates = message('P3.2.advice.add-dates');
  if (retailRecentConfident.length >= MIN_RECENT_THOUGHT_LEADERSHIP) {
    return checkResult(meta, 'pass', message('P3.2.pass', { counts, newest: retailRecentConfident[0]!.published!.date }), rows, [],
      windowValidity(retailRecentConfident, MIN_RECENT_THOUGHT_LEADERSHIP, THOUGHT_LEADERSHIP_WINDOW_MONTHS, 'validity.P3.2'));
  }
  if (retailRecent.length > 0) {
    return checkResult(meta, 'review', message('P3.2.inferred', { counts, date: dateFact(retailRecent[0]!.published!) }), rows, [addDates]);
  }
  if (borderlineRecent.length > 0) {
    return checkResult(meta, 'review', message('P3.2.borderline', { counts, count: borderlineRecent.length }), rows, [message('P3.2.advice.borderline')]);
  }
  const unread = get(unreadThoughtLeadershipPages);
  if (unread.length > 0) return unreadReview(meta, counts, rows, unread);
  // Recordings and slides that one of the site's own dated items links (the event they were given at)
  // are that item's material: when the newest such item is older than the window, so are they.
  const materialDates = get(offSiteMaterialDates);
  const offSite = get(offSiteThoughtLeadershipLinks).filter((l) => !(materialDates[l.url] !== undefined && materialDates[l.url]! < since));
  if (offSite.length > 0) {
    const offSiteRows = offSite.slice(0, 10).map((l): Finding => ({ url: l.url, path: null, kind: 'note.off-site-thought-leadership', values: { from: url(l.from), text: text(l.text) } }));
    return checkResult(meta, 'review', message('P3.2.off-site', { counts, count: offSite.length, hosts: [...new Set(offSite.map((l) => new URL(l.url).host))], since }),
      [...rows, ...offSiteRows], [message('P3.2.advice.off-site', { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS })]);
  }
  if (retailDated.length === 0 && retailUndated.length > 0) return checkResult(meta, 'review', message('P3.2.undated-only', { counts }), rows, [addDates]);
  // An undated retail item may be the recent one (an event page dated only by when it happens, a post
  // dated "3 weeks ago"): older dated items do not make it old, so a human has to look.
  if (retailUndated.length > 0) {
    return checkResult(meta, 'review', message('P3.2.undated-may-be-recent', {
      counts, count: retailUndated.length, shown: urls(retailUndated.slice(0, 3).map((i) => i.url)), more: retailUndated.length > 3,
    }), rows, [addDates]);
  }
  const publish = message('P3.2.advice.publish', { months: THOUGHT_LEADERSHIP_WINDOW_MONTHS });
  if (retailDated.length === 0) return checkResult(meta, 'fail', message('P3.2.none', { items: items.length }), rows, [publish]);
  // A date after the audit date is no publish date (an upcoming event's date, a typo): the item may
  // well be recent, so never pass on it and never fail it as old.
  const future = retailDated.filter((i) => i.published!.date > asOf);
  if (future.length > 0) {
    return checkResult(meta, 'review', message('P3.2.future', {
      counts, count: future.length, asOf, items: future.slice(0, 3).map((i) => message('P3.2.future-item', { url: url(i.url), date: i.published!.date })),
    }), rows, [addDates]);
  }
  const past = retailDated.filter((i) => i.published!.date <= asOf);
  const newest = past.reduce((a, b) => (b.published!.date > a.published!.date ? b : a));
  const refreshed = retailDated.filter((i) => i.modified && i.modified.date >= since);
  const advice = [publish];
  if (refreshed.length) advice.push(message('P3.2.advice.updates-do-not-count', { count: refreshed.length, since }));
  return checkResult(meta, 'fail', message('P3.2.old', { counts, newest: dateFact(newest.published!) }), rows, advice);
}

const run = (context: CheckContext) => withSetAside(decide(context), context.get(setAsideThoughtLeadershipPages));

export const thoughtLeadership: Check = {
  ...meta, inputs: [thoughtLeadershipItems, unreadThoughtLeadershipPages, setAsideThoughtLeadershipPages, offSiteThoughtLeadershipLinks, offSiteMaterialDates], run,
};
