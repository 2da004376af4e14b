// Derived evidence: the pages the crawl saw but could not read, and which of them could change a
// check's answer. A check short of what it needs says `review` while these exist, never a confident `fail`.

import type { SkippedUrl } from '../../crawlers/types.ts';
import type { SiteEvidence } from '../types.ts';
import { monthsBefore } from './calendar.ts';
import { derived } from './evaluation.ts';
import { implausibleBy, siteFocus, type PlausibilityRuleId } from './focus.ts';
import { interestsOf, MAY_HOLD_PATTERNS, postedBefore, type PageInterest } from './interests.ts';
import { readableUrl } from './pages.ts';
import { postOrStoryAddress } from './practice.ts';

/** Not there: a visitor cannot see these either, so they hide nothing from the audit. */
const GONE_STATUSES = new Set([404, 410]);

/**
 * When at least this share of the pages the crawl attempted were blocked (robots.txt, bot
 * protection) or failed, the crawl saw too little for any confident `fail`.
 */
export const UNREAD_SHARE_FOR_REVIEW = 0.2;

/** Why a page was not read. */
export type UnreadReason =
  | { readonly kind: 'blocked'; readonly by: string }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'needs-rendering'; readonly why: string; readonly browser: string | null }
  | { readonly kind: 'robots'; readonly detail: string | null }
  | { readonly kind: 'budget'; readonly limit: SkippedUrl['reason'] };

export interface UnreadPage {
  readonly url: string;
  readonly reason: UnreadReason;
  readonly interests: readonly PageInterest[];
  /** Left out by the page or time budget (not refused by the site). */
  readonly budget: boolean;
  /** The anchor text of a link to it, when the crawl kept one. */
  readonly anchor: string;
  /** Found by a link (not only in a sitemap). */
  readonly linked: boolean;
}

/**
 * Pages the crawl saw but could not read: blocked by robots.txt or bot protection, failed (not 404/410:
 * a missing page hides nothing), script shells read without a browser, or left out by a page/time
 * limit. Each carries what kind of page its URL suggests.
 */
export const unreadPages = derived('unread-pages', ({ evidence }): readonly UnreadPage[] => {
  const rows: UnreadPage[] = [];
  const seen = new Set<string>();
  for (const page of evidence.pages) {
    if (seen.has(page.url)) continue;
    let reason: UnreadReason | null = null;
    if (page.blocked) reason = { kind: 'blocked', by: page.blocked };
    else if (page.httpStatus !== null && GONE_STATUSES.has(page.httpStatus)) continue;
    else if (page.error) reason = { kind: 'error', error: page.error };
    else if (page.facts?.error) reason = { kind: 'error', error: page.facts.error };
    else if (page.renderReason && !page.rendered) reason = { kind: 'needs-rendering', why: page.renderReason, browser: evidence.crawl.renderUnavailable };
    if (!reason) continue;
    seen.add(page.url);
    rows.push({ url: page.url, reason, interests: interestsOf(page.url, page.anchorText ?? ''), budget: false, anchor: page.anchorText ?? '', linked: page.foundVia !== 'sitemap' });
  }
  for (const skip of evidence.skipped) {
    if (seen.has(skip.url)) continue;
    const budget = skip.reason === 'max-pages' || skip.reason === 'time-budget';
    let reason: UnreadReason | null = null;
    if (skip.reason === 'robots') reason = { kind: 'robots', detail: skip.detail || null };
    else if (budget) reason = { kind: 'budget', limit: skip.reason };
    if (!reason) continue;
    seen.add(skip.url);
    // The crawler keeps the text of the link to a URL it did not fetch: with the path, what says what it may hold.
    rows.push({ url: skip.url, reason, interests: interestsOf(skip.url, skip.text ?? ''), budget, anchor: skip.text ?? '', linked: skip.from !== null });
  }
  return rows;
});

/** Share of attempted pages (robots-blocked included) that were blocked, failed, or needed a browser they did not get. */
export function unreadShare(evidence: SiteEvidence): number {
  const failed = evidence.pages.filter((p) => p.blocked || (p.error && !(p.httpStatus !== null && GONE_STATUSES.has(p.httpStatus)))
    || (p.renderReason && !p.rendered)).length;
  const robots = evidence.skipped.filter((s) => s.reason === 'robots').length;
  const attempted = evidence.pages.length + robots;
  return attempted ? (failed + robots) / attempted : 0;
}

/** Words of an address that say nothing of its topic: file names, CMS item routes. */
const ADDRESS_FILLER = new Set(['www', 'index', 'default', 'html', 'htm', 'php', 'asp', 'aspx', 'jsp', 'node', 'item', 'items', 'page', 'pages', 'detail', 'details', 'view', 'show', 'content', 'id', 'cid', 'pid', 'nid', 'lang']);

/** The site's index document named at its root (/index, /index/, /index.html, /default.aspx): the homepage's other name. */
const ROOT_INDEX_DOCUMENT = /^\/(?:index|default)(?:\.(?:html?|php|aspx?|jsp))?\/?$/i;

/**
 * An address with no word of its own in its path or query (/p/1234, /node/57, /item.php?id=3). The
 * root's index document is no such address: it names the homepage, which the crawl reads first. The
 * root of a host is named by its host ("tools.partner.com/" is the tools site), like a folder by its
 * name.
 */
export function opaqueAddress(url: string): boolean {
  let hay: string;
  try {
    const u = new URL(url);
    if (!u.search && ROOT_INDEX_DOCUMENT.test(u.pathname)) return false;
    hay = !u.search && u.pathname === '/' ? u.hostname.replace(/^www\./, '').split('.')[0]! : decodeURIComponent(`${u.pathname} ${u.search}`);
  } catch {
    return true;
  }
  return (hay.match(/\p{L}{3,}|\p{Script=Han}{2,}/gu) ?? []).every((w) => ADDRESS_FILLER.has(w.toLowerCase()));
}

/**
 * Why an unread page a check would look at was set aside: a plausibility rule (src/evidence/focus.ts),
 * or one of the check's own: for a check that needs a page reachable by links, that only a sitemap
 * lists it while every page found by links that could lead to it was read ('not-linked'); for P3.1,
 * that its address is a post's or a story's, which P3.1 never takes for the practice page
 * ('post-address', src/evidence/practice.ts); for P3.2, that its address dates it before the window
 * ('before-window').
 */
export type SetAsideRuleId = PlausibilityRuleId | 'not-linked' | 'post-address' | 'before-window';

export interface SetAsidePage extends UnreadPage {
  readonly setAsideBy: SetAsideRuleId;
}

/** The unread pages of the kind a check looks for: those that keep it in review, and those set aside. */
interface UnreadForCheck {
  readonly plausible: readonly UnreadPage[];
  readonly setAside: readonly SetAsidePage[];
}

/** What a check needs of an unread page, beyond what every check needs. */
interface CheckNeeds {
  /** Retail work on AWS (case studies, the practice page), not retail material alone. */
  readonly aws: boolean;
  /** A page reachable from the homepage by links. */
  readonly link: boolean;
  /** The check's own rule, after the shared ones: why a page of the kind cannot be what it needs. */
  readonly own?: (page: UnreadPage, asOf: string) => SetAsideRuleId | null;
}

/**
 * Unread pages that could change a check's answer: those whose URL looks like the kind of page the
 * check looks for, the pages with opaque addresses the budget left when it stopped the crawl, or every unread page when a
 * significant share of the site could not be read; in each case only pages that could plausibly hold
 * what the check needs (src/evidence/focus.ts: not on a site with no retail work at all, unless the
 * address names retail; for the AWS checks, not on a site that never mentions AWS, unless it names AWS;
 * and the check's own rule).
 * The others of the kind are kept as set aside, with the rule that did it: a `fail` lists them, so a
 * reader sees what the audit did not read and why it did not need to.
 */
function unreadForCheck(interest: PageInterest, needs: CheckNeeds) {
  return derived(`unread-${interest}`, (evaluation): UnreadForCheck => {
    const all = evaluation.get(unreadPages);
    const focus = evaluation.get(siteFocus);
    const { evidence, asOf } = evaluation;
    // A page only a sitemap lists is reachable by links only through a page found by links that the
    // crawl did not read; when every such page it left was set aside (archives, job ads), none is.
    const linkedLeft = needs.link && all.some((u) => u.linked && implausibleBy(focus, u.url, u.anchor, needs.aws) === null);
    // When the page or time budget stopped the crawl, a link it left whose address says nothing of
    // what it holds ("/p/1234", "/node/57?id=3") may be what a check that came up short looks for; one
    // whose address names another topic ("/bigdata/data-lake/") is judged by its words like any other.
    const budgetStopped = evidence.crawl.stoppedBy === 'max-pages' || evidence.crawl.stoppedBy === 'time-budget';
    const ofTheKind = unreadShare(evidence) >= UNREAD_SHARE_FOR_REVIEW ? all : all.filter((u) => u.interests.includes(interest)
      || (budgetStopped && u.budget && (opaqueAddress(u.url) || MAY_HOLD_PATTERNS[interest].test(`${readableUrl(u.url)} ${u.anchor}`))));
    const plausible: UnreadPage[] = [];
    const setAside: SetAsidePage[] = [];
    for (const u of ofTheKind) {
      const rule = needs.link && !u.linked && !linkedLeft ? 'not-linked' : implausibleBy(focus, u.url, u.anchor, needs.aws) ?? needs.own?.(u, asOf) ?? null;
      if (rule === null) plausible.push(u);
      else setAside.push({ ...u, setAsideBy: rule });
    }
    return { plausible, setAside };
  });
}

const caseStudyUnread = unreadForCheck('case-study', { aws: true, link: false });
// P3.1 needs a practice page reachable from the homepage by links, and never takes a post or a story for it.
const practiceUnread = unreadForCheck('practice', { aws: true, link: true, own: (u) => (postOrStoryAddress(u.url) ? 'post-address' : null) });

export const unreadCaseStudyPages = derived('unread-case-study-pages', (e) => e.get(caseStudyUnread).plausible);
export const unreadPracticePages = derived('unread-practice-pages', (e) => e.get(practiceUnread).plausible);
export const setAsideCaseStudyPages = derived('unread-case-study-set-aside', (e) => e.get(caseStudyUnread).setAside);

/**
 * The unread thought-leadership pages for a check that needs material published within `months` of
 * the audit date (P3.2 passes its window, src/checks/thresholds.ts): a post its address dates before
 * the window cannot be it. Call once per check (each call is its own derived value).
 */
export function unreadThoughtLeadership(months: number) {
  const unread = unreadForCheck('thought-leadership', { aws: false, link: false,
    own: (u, asOf) => (postedBefore(u.url, monthsBefore(asOf, months)) ? 'before-window' : null) });
  return {
    plausible: derived('unread-thought-leadership-pages', (e) => e.get(unread).plausible),
    setAside: derived('unread-thought-leadership-set-aside', (e) => e.get(unread).setAside),
  };
}
export const setAsidePracticePages = derived('unread-practice-set-aside', (e) => e.get(practiceUnread).setAside);
