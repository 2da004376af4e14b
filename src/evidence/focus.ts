// Derived evidence: whether the pages the crawl read show any retail work, or any AWS, at all. A page
// the audit could not read (or a link to another domain it does not read) may only turn a check's
// `fail` into `review` when it could plausibly hold what the check needs (PLAUSIBILITY_RULES).
//
// Why the read pages may speak for the unread ones: the crawl reads retail, case-study and post links
// first (src/evidence/interests.ts linkPriority), so what it leaves is, if anything, less likely to be
// retail than what it read. When tens of read pages show no retail work, an unread page whose address
// and anchor text name no retail topic gives a reader no reason to open it; a review there asks a
// person to check pages the audit has every reason to believe are not retail. An address that names
// retail ("/downloads/retail-loyalty-case-study.pdf", 零售) stays worth a look on any site.

import { RETAIL_SCORE_THRESHOLD } from '../../analyzers/coverage.ts';
import { isPaginatedUrl } from '../../crawlers/url.ts';
import type { AnalyzedPage } from '../types.ts';
import { derived } from './evaluation.ts';
import { ARCHIVE_FOLDER, holdsNothingChecked, RELEASE_NOTE } from './interests.ts';
import { readablePage, readableUrl, siteRetail } from './pages.ts';

/** Below this many read pages the site is not judged: too little was read to say what it is about. */
export const MIN_PAGES_TO_JUDGE_FOCUS = 10;
/** A retail focus: at least this many read pages are about retail … */
export const MIN_RETAIL_FOCUS_PAGES = 2;
/** … and they are at least this share of the read pages (one retail post in a hundred is a passing topic). */
export const RETAIL_FOCUS_SHARE = 0.05;

/** Retail topics an address or anchor text may name, EN and zh-TW (word-bounded where Latin). */
// Not "store" alone ("data store", "app store") nor "consumer" alone ("Kafka consumer").
export const RETAIL_TOPIC = /retail|e-?commerce|\b(?:web)?shop(?:s|ping)?\b|\bin-?stores?\b|\bstores\b|\bstorefronts?\b|\bgrocer(?:y|s|ies)?\b|supermarkets?|\bfashion\b|\bapparel\b|\bconsumer[-_ ](?:goods|brands?|products)\b|\bcpg\b|\bfmcg\b|restaurants?|\bmerchants?\b|零售|電商|門市|商店|店家|百貨|超市|量販|餐飲|消費品|流通/i;
/** AWS named in an address or anchor text. */
export const AWS_TOPIC = /\baws\b|amazon/i;

export interface SiteFocus {
  /** Readable pages the focus was judged on. */
  readonly readPages: number;
  /** Of those, pages whose boilerplate-free retail score reaches the retail threshold. */
  readonly retailPages: number;
  /** Pages that mention AWS (a service or AWS itself). */
  readonly awsPages: number;
  /** Enough was read to judge (MIN_PAGES_TO_JUDGE_FOCUS). */
  readonly judged: boolean;
  /** Some retail work shows (or too little was read to say it does not). */
  readonly retail: boolean;
  /** AWS shows somewhere (or too little was read to say it does not). */
  readonly aws: boolean;
}

export function siteFocusOf(pages: readonly AnalyzedPage[]): SiteFocus {
  const read = pages.filter(readablePage);
  const retailPages = read.filter((p) => siteRetail(p.facts).score >= RETAIL_SCORE_THRESHOLD).length;
  const awsPages = read.filter((p) => p.facts.mentionsAws || p.facts.awsServices.length > 0).length;
  const judged = read.length >= MIN_PAGES_TO_JUDGE_FOCUS;
  return {
    readPages: read.length,
    retailPages,
    awsPages,
    judged,
    retail: !judged || (retailPages >= MIN_RETAIL_FOCUS_PAGES && retailPages / read.length >= RETAIL_FOCUS_SHARE),
    aws: !judged || awsPages > 0,
  };
}

export const siteFocus = derived('site-focus', ({ evidence }): SiteFocus => siteFocusOf(evidence.pages));

export type PlausibilityRuleId = 'holds-nothing-checked' | 'archive' | 'release-note' | 'other-industry' | 'no-retail-focus' | 'no-aws';

/** An address filed under another industry (/bfsi/…, /healthcare/…): none of its pages is retail work. */
const OTHER_INDUSTRY_ADDRESS = /\/(?:[a-z-]*-)?(?:bfsi|banking|banks|insurance|insurers|fintech|healthcare|health-care|hospitals?|life-sciences|pharma(?:ceuticals?)?|manufacturing|education|edtech|government|public-sector|telecoms?|telecommunications|energy|utilities|oil-and-gas|automotive|real-estate|proptech|travel|aviation)(?:-[a-z-]*)?\/|\/(?:金融|銀行|保險|醫療|製造|教育|政府|電信|能源)(?:業|產業)?\//i;

/**
 * Why an unread page or off-site link could not hold what a check needs, in order. `needsAws`: the
 * check looks for retail work on AWS (case studies, the practice page), not retail material alone.
 */
export const PLAUSIBILITY_RULES: readonly { readonly id: PlausibilityRuleId; readonly implausible: (focus: SiteFocus, topic: string, needsAws: boolean, url: string) => boolean }[] = [
  // Job ads, legal pages: nothing any check reads (src/evidence/interests.ts).
  { id: 'holds-nothing-checked', implausible: (_focus, topic) => holdsNothingChecked(topic) },
  // A tag, author or category archive, or page n of a listing: it lists items, it is none.
  { id: 'archive', implausible: (_focus, topic, _needsAws, url) => ARCHIVE_FOLDER.test(topic) || isPaginatedUrl(url) },
  // A software release announced (src/evidence/interests.ts RELEASE_NOTE), naming no retail topic: product news.
  { id: 'release-note', implausible: (_focus, topic) => RELEASE_NOTE.test(topic) && !RETAIL_TOPIC.test(topic) },
  // Filed under another industry, and naming no retail topic itself.
  { id: 'other-industry', implausible: (_focus, topic) => OTHER_INDUSTRY_ADDRESS.test(topic) && !RETAIL_TOPIC.test(topic) },
  // No read page shows retail work, and the address and anchor name no retail topic.
  { id: 'no-retail-focus', implausible: (focus, topic) => !focus.retail && !RETAIL_TOPIC.test(topic) },
  // No read page mentions AWS, and the address and anchor do not either: no AWS case study or AWS practice behind it.
  { id: 'no-aws', implausible: (focus, topic, needsAws) => needsAws && !focus.aws && !AWS_TOPIC.test(topic) },
];

/** The first plausibility rule that rules a URL (with its anchor text) out, or null when it may hold what the check needs. */
export function implausibleBy(focus: SiteFocus, url: string, anchor: string, needsAws: boolean): PlausibilityRuleId | null {
  const topic = `${readableUrl(url)} ${anchor}`;
  return PLAUSIBILITY_RULES.find((r) => r.implausible(focus, topic, needsAws, url))?.id ?? null;
}
