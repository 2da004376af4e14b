// The URL vocabulary (English and Traditional Chinese) that says what kind of page a link leads to:
// shared by the crawl's priority hint and by "unread pages that matter".

import type { LinkRecord } from '../../crawlers/types.ts';
import { isPaginatedUrl } from '../../crawlers/url.ts';
import { readableUrl } from './pages.ts';

export type PageInterest = 'case-study' | 'thought-leadership' | 'practice';

export const INTEREST_PATTERNS: Record<PageInterest, RegExp> = {
  'case-study': /case[-_ ]?stud|success[-_ ]?stor|customer[-_ ]?stor|\b(customers?|clients?|references?|cases?|portfolio)\b|our[-_ ]?work|成功案例|客戶案例|案例|客戶故事/i,
  'thought-leadership': /\b(blogs?|news|insights?|articles?|posts?|journal|columns?|resources?|whitepapers?|white[-_ ]papers?|e-?books?|webinars?|seminars?|events?|workshops?|videos?|press)\b|部落格|消息|新聞|文章|活動|研討會|講座|影片|白皮書|技術文章/i,
  practice: /retail|零售|industr|solution|commerce|consumer|cpg|產業|解決方案|電商|消費品|流通/i,
};

/** Which kinds of page a URL (and optional anchor text) looks like, from its words alone. */
export function interestsOf(url: string, text = ''): PageInterest[] {
  const hay = `${readableUrl(url)} ${text}`;
  return (Object.keys(INTEREST_PATTERNS) as PageInterest[]).filter((k) => INTEREST_PATTERNS[k].test(hay));
}

/** Pages no check reads, which large sites have hundreds of: job ads, legal pages, office pages. */
const LOW_INTEREST_PATTERNS: { pattern: RegExp; penalty: number }[] = [
  { pattern: /\b(careers?|jobs?|vacanc(y|ies)|openings?|hiring|recruit(ment|ing)?|join[-_ ]us)\b|職缺|徵才|招募|求才|工作機會|加入我們/i, penalty: 4 },
  { pattern: /\b(privacy|terms|cookies?|legal|disclaimer|imprint|impressum|accessibility|gdpr|modern[-_ ]slavery|sitemap)\b|隱私|條款|免責|著作權|版權|網站地圖|個資/i, penalty: 4 },
  { pattern: /\b(locations?|offices?)\b|據點|辦公室|服務據點/i, penalty: 2 },
];

/** Job ads, legal pages, office pages: pages no check reads (the strongest of LOW_INTEREST_PATTERNS). */
export function holdsNothingChecked(url: string, text = ''): boolean {
  const hay = `${readableUrl(url)} ${text}`;
  return LOW_INTEREST_PATTERNS.some(({ pattern, penalty }) => penalty >= 4 && pattern.test(hay));
}

/** Archive folders list items found elsewhere: a tag, author or category page is never what a check needs. */
export const ARCHIVE_FOLDER = /\/(?:authors?|tags?|categor(?:y|ies)|topics?|archives?|labels?|作者|標籤|分類)\//i;

/** Product documentation and API references: a software vendor's largest section, and none of it a post, a story or a practice page. */
const DOCUMENTATION = /\/(?:docs?|documentation|api-?(?:docs|reference)|reference|manuals?|handbook|使用手冊|說明文件|技術文件)\//i;

/** A link to archive page n of a listing ("Next »", "下一頁", /page/3/): the items themselves are what matter. */
const PAGINATION_TEXT = /^(\d{1,4}|next|previous|prev|older( posts| entries)?|newer( posts| entries)?|more|[«‹<>›»]+|下一頁|上一頁|第\s*\d+\s*頁|更多)(\s*[«‹<>›»]+)?$/i;

/**
 * Crawl priority hint: retail, case-study, thought-leadership and industry links first (retail by its
 * words, or by a shop's own topics a title names without saying "retail": market baskets, product
 * pages, merchandising, assortments, "e-comm"), job ads, legal
 * pages, office pages and archive pagination last, so a limited page budget is spent where the checks
 * look. Tag, category and author archives and product documentation rank below every neutral link,
 * whatever their words ("/blog/category/retail/" lists posts the blog links anyway; a vendor's docs
 * run to hundreds of pages): on a large site they used up the budget before the retail pages. The
 * crawler trades it against depth (a strong hint beats one extra click). A hint only: nothing is
 * excluded.
 */
export function linkPriority(link: LinkRecord): number {
  const url = readableUrl(link.url);
  const hay = `${url} ${link.text}`;
  let score = 0;
  if (/retail|零售|consumer|電商|commerce|\be-?comm\b|black[-_ ]?friday|cyber[-_ ]?monday|\bmarket[-_ ]basket|\bproduct[-_ ]pages?\b|\bmerchandis|\bassortment/i.test(hay)) score += 4;
  if (INTEREST_PATTERNS['case-study'].test(hay)) score += 3;
  if (INTEREST_PATTERNS['thought-leadership'].test(hay)) score += 2;
  if (INTEREST_PATTERNS.practice.test(hay)) score += 1;
  if (/\.pdf(\?|$)/i.test(link.url)) score += 1;
  for (const { pattern, penalty } of LOW_INTEREST_PATTERNS) if (pattern.test(hay)) score -= penalty;
  if (isPaginatedUrl(link.url) || PAGINATION_TEXT.test(link.text.trim())) score -= 3;
  if (ARCHIVE_FOLDER.test(url) || DOCUMENTATION.test(url)) score = Math.min(score, 0) - LISTING_PENALTY;
  return score;
}

/**
 * How far below a neutral link archives and documentation rank: two clicks' worth (the crawler trades
 * 3 of priority for one click, crawlers/frontier.ts PRIORITY_PER_CLICK), so pages two levels deeper
 * are read first.
 */
const LISTING_PENALTY = 6;

/** Hosts that are nobody's own website: a profile or a video there says nothing about whose it is. */
// The platform's name is the registrable label (medium.com, amazon.co.uk, google.com.tw), not a
// company's subdomain that happens to share it (medium.partner.com is the partner's).
export const SHARED_HOSTS = /(?:^|\.)(?:linkedin|facebook|twitter|x|instagram|youtube|youtu|github|medium|amazon|amazonaws|google|apple|microsoft|wikipedia)\.[a-z]{2,3}(?:\.[a-z]{2})?$/i;
