// The URL vocabulary (English and Traditional Chinese) that says what kind of page a link leads to:
// shared by the crawl's priority hint and by "unread pages that matter".

import { urlMonth } from '../../analyzers/dates/parse.ts';
import type { LinkRecord } from '../../crawlers/types.ts';
import { isPaginatedUrl } from '../../crawlers/url.ts';
import { readableUrl } from './pages.ts';

export type PageInterest = 'case-study' | 'thought-leadership' | 'practice';

export const INTEREST_PATTERNS: Record<PageInterest, RegExp> = {
  'case-study': /case[-_ ]?stud|success[-_ ]?stor|customer[-_ ]?stor|\b(customers?|clients?|references?|cases?|portfolio)\b|our[-_ ]?work|成功案例|客戶案例|案例|客戶故事/i,
  'thought-leadership': /\b(blogs?|news|insights?|articles?|posts?|journal|columns?|resources?|whitepapers?|white[-_ ]papers?|e-?books?|webinars?|seminars?|events?|workshops?|videos?|press)\b|部落格|消息|新聞|文章|活動|研討會|講座|影片|白皮書|技術文章/i,
  practice: /retail|零售|industr|solution|commerce|consumer|cpg|產業|解決方案|電商|消費品|流通/i,
};

/**
 * Beyond the words of INTEREST_PATTERNS, what a link may hold: project and client pages hold customer
 * stories, updates and libraries hold posts, service and sector pages hold a practice. Weaker words
 * than INTEREST_PATTERNS ("work" is also "how we work"), so the crawl does not rank them up; an unread
 * one keeps a check in review only when the budget cut it (src/evidence/unread.ts), and an old post
 * naming a client or a project is not ranked down with the other old posts (linkPriority).
 */
export const MAY_HOLD_PATTERNS: Record<PageInterest, RegExp> = {
  'case-study': /\b(?:projects?|work|showcase|clients?|customers?|references?)\b|專案|實績/i,
  'thought-leadership': /\b(?:updates|stories|library|knowledge|media|podcasts?|talks?)\b|專欄|知識/i,
  practice: /\b(?:services?|expertise|capabilit(?:y|ies)|offerings?|what-we-do|sectors?|verticals?|markets?)\b|服務|專長/i,
};

/** Which kinds of page a URL (and optional anchor text) looks like, from its words alone. */
export function interestsOf(url: string, text = ''): PageInterest[] {
  const hay = `${readableUrl(url)} ${text}`;
  return (Object.keys(INTEREST_PATTERNS) as PageInterest[]).filter((k) => INTEREST_PATTERNS[k].test(hay));
}

/**
 * A software release announced ("… 2.7.0 released", release notes, a changelog): product news, which
 * is neither a customer's story nor a practice page, and not what a check reads as thought leadership.
 * A software vendor's blog is mostly these.
 */
export const RELEASE_NOTE = /\b(?:released|release[-_ ]notes?|changelogs?|v\d+(?:\.\d+)+)\b|版本更新|更新日誌|版本說明/i;

/** Pages no check reads, which large sites have hundreds of: job ads, legal pages, office pages, release notes. */
const LOW_INTEREST_PATTERNS: { pattern: RegExp; penalty: number }[] = [
  { pattern: /\b(careers?|jobs?|vacanc(y|ies)|openings?|hiring|recruit(ment|ing)?|join[-_ ]us)\b|職缺|徵才|招募|求才|工作機會|加入我們/i, penalty: 4 },
  { pattern: /\b(privacy|terms|cookies?|legal|disclaimer|imprint|impressum|accessibility|gdpr|modern[-_ ]slavery|sitemap)\b|隱私|條款|免責|著作權|版權|網站地圖|個資/i, penalty: 4 },
  { pattern: /\b(locations?|offices?)\b|據點|辦公室|服務據點/i, penalty: 2 },
  { pattern: RELEASE_NOTE, penalty: 2 },
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
 * Crawl priority hint: the pages that can decide a check first, so that what a limited page budget
 * leaves unread is what could not have changed an answer (src/evidence/unread.ts judges the unread by
 * the same words). Retail, case-study, thought-leadership and practice links rank up (retail by its
 * words, or by a shop's own topics a title names without saying "retail": market baskets, product
 * pages, merchandising, assortments, "e-comm"). Job ads, legal pages, office pages, release notes
 * and archive pagination rank down. Tag, category and author archives and product documentation rank below
 * every neutral link, whatever their words ("/blog/category/retail/" lists posts the blog links anyway;
 * a vendor's docs run to hundreds of pages): on a large site they used up the budget before the retail
 * pages. Given `archiveBefore` (the first day of every check's windows: the audit passes the day P2.1's
 * 18 months for a case study's completion begin, P3.2's 12 being shorter), a post whose address dates it before it ranks with
 * job ads unless its words name retail, a case study or a client: services, industry, customer and
 * about pages, whatever their words, and recent posts come first. The crawler trades the hint
 * against depth (a strong hint beats one extra click). A hint only: nothing is excluded.
 */
export function linkPriority(link: LinkRecord, archiveBefore?: string): number {
  const url = readableUrl(link.url);
  const hay = `${url} ${link.text}`;
  let score = 0;
  if (/retail|零售|consumer|電商|commerce|\be-?comm\b|black[-_ ]?friday|cyber[-_ ]?monday|\bmarket[-_ ]basket|\bproduct[-_ ]pages?\b|\bmerchandis|\bassortment/i.test(hay)) score += 4;
  if (INTEREST_PATTERNS['case-study'].test(hay)) score += 3;
  // Older than every check's window: still a case study P2.2.1 counts, where its words say so, but not recent material.
  const archivePost = archiveBefore !== undefined && postedBefore(link.url, archiveBefore);
  // An old post is a case study only where its words say so (a release note never is): otherwise it
  // ranks with what no check reads.
  if (archivePost && score === 0 && (RELEASE_NOTE.test(hay) || !MAY_HOLD_PATTERNS['case-study'].test(hay))) score -= ARCHIVE_POST_PENALTY;
  if (!archivePost && INTEREST_PATTERNS['thought-leadership'].test(hay)) score += 2;
  if (INTEREST_PATTERNS.practice.test(hay)) score += 1;
  if (/\.pdf(\?|$)/i.test(link.url)) score += 1;
  for (const { pattern, penalty } of LOW_INTEREST_PATTERNS) if (pattern.test(hay)) score -= penalty;
  if (isPaginatedUrl(link.url) || PAGINATION_TEXT.test(link.text.trim())) score -= 3;
  if (ARCHIVE_FOLDER.test(url) || DOCUMENTATION.test(url)) score = Math.min(score, 0) - LISTING_PENALTY;
  return score;
}

/** Links remembered by a linkPriorities hint before it starts over (a site's menu and footer are a few hundred). */
const REMEMBERED_LINKS = 4096;

/**
 * linkPriority for one audit's crawl, each link worked out once: a site repeats its menu, footer and
 * sidebar links on every page, and the hint's dozen expressions over each of them were ~7 % of the
 * crawl thread's time on a 2,000-page site. The same address under other words is another link (its
 * words count), so both key the answer. Bounded: forgets everything past REMEMBERED_LINKS.
 */
export function linkPriorities(archiveBefore?: string): (link: LinkRecord) => number {
  const byUrl = new Map<string, Map<string, number>>();
  let remembered = 0;
  return (link) => {
    let byText = byUrl.get(link.url);
    const known = byText?.get(link.text);
    if (known !== undefined) return known;
    if (remembered >= REMEMBERED_LINKS) {
      byUrl.clear();
      remembered = 0;
      byText = undefined;
    }
    if (!byText) byUrl.set(link.url, (byText = new Map()));
    const priority = linkPriority(link, archiveBefore);
    byText.set(link.text, priority);
    remembered++;
    return priority;
  };
}

/**
 * As far down as a job ad: read only when nothing else is left (crawlers/frontier.ts HELD_BACK_PRIORITY,
 * with the share of a blog listing's hint a post inherits), since unread it is set aside as well.
 */
const ARCHIVE_POST_PENALTY = 4;

/** The address dates the page (/2013/04/12/…, /2013/04/…) to a month that ended before `cutOff` (YYYY-MM-DD). */
export function postedBefore(url: string, cutOff: string): boolean {
  const dated = urlMonth(url);
  return dated !== null && `${dated.year}-${String(dated.month).padStart(2, '0')}` < cutOff.slice(0, 7);
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
