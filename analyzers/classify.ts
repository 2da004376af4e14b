// Page type from weighted, named signals: URL sections (EN and zh), title words, JSON-LD @type,
// og:type, heading structure (Challenge / Solution / Results), players, event markers, card-like
// link lists and pagination. Every signal that counts is kept so a report can say why.

import type { PageClassification, PageContent, PageDates, PageType, ThoughtLeadershipKind } from './types.ts';
import { countHan } from './text.ts';
import { HEADING_NUMBERING, wordCount } from './terms.ts';
import { indexDocumentDirectory, isPaginatedUrl, paginationBase } from '../crawlers/url.ts';

type Kind = ThoughtLeadershipKind;

interface Signal {
  type: PageType;
  /** For thought-leadership signals: the kind they point to (null = "an article of some kind"). */
  kind?: Kind | null;
  weight: number;
  name: string;
}

// --- URL vocabulary (one path segment each; locale prefixes are skipped) -------------------------

const LOCALE_SEGMENT = /^(?:[a-z]{2}(?:[-_][a-z]{2,4})?|tc|sc|cht|chs)$/i;

const CASE_SECTION = /^(?:case-?stud(?:y|ies)|casestud(?:y|ies)|success-?stor(?:y|ies)|customer-?stor(?:y|ies)|client-?stor(?:y|ies)|customer-?success(?:-stories)?|success-?cases?|customer-?cases?|cases?|use-?cases?|references?|成功案例|客戶案例|案例分享|導入案例|案例|客戶故事)$/;
// Sections whose index is a client list but whose children are stories.
const CASE_PARENT_ONLY = /^(?:customers?|clients?|our-?work|work|portfolio|projects?|stories|客戶)$/;
const TL_SECTIONS: [RegExp, Kind][] = [
  [/^(?:blogs?|posts?|articles?|columns?|insights?|journal|thinking|perspectives|tech-?blog|knowledge|部落格|技術文章|文章|專欄|觀點)$/, 'blog'],
  [/^(?:news(?:room)?|press(?:-?releases?)?|press-?room|media(?:-?center)?|announcements?|latest-?news|最新消息|新聞|新聞中心|新聞稿|消息)$/, 'news'],
  [/^(?:events?|webinars?|seminars?|workshops?|summits?|conferences?|activit(?:y|ies)|meetups?|trainings?|活動|研討會|講座|線上講座|工作坊|課程)$/, 'event'],
  [/^(?:videos?|watch|tv|影音|影片)$/, 'video'],
  [/^(?:white-?papers?|e-?books?|reports?|guides?|downloads?|白皮書|電子書)$/, 'whitepaper'],
];
// The partner's product catalogue and its feature pages: a page under them sells a product (its player is a demo, its
// feature list no retail insight, a date it quotes no publish date), whatever the page embeds.
const PRODUCT_SECTION = /^(?:products?|features?|software|產品|功能|軟體)$/;
const PRODUCT_SIGNAL_SUFFIX = ' (product)';
const RESOURCES_SECTION = /^(?:resources?|resource-?center|library|learn|資源|資源中心)$/;
const PRACTICE_SECTION = /^(?:industr(?:y|ies)|sectors?|verticals?|markets?|practices?|expertise|產業|產業解決方案|行業|產業別)$/;
const SOLUTION_SECTION = /^(?:solutions?|services?|offerings?|capabilities|解決方案|服務)$/;
const INDUSTRY_SEGMENT = /(?:^|[-_])(?:retail|retailers?|consumer|cpg|fmcg|ecommerce|e-commerce|commerce|grocery|fashion|apparel|restaurants?|hospitality)(?:$|[-_])|零售|流通|電商|消費品/;
// A section filtered by an industry (/blog/retail/, /news/e-commerce/): the whole segment is the name.
const INDUSTRY_NAME = /^(?:retail|retailers|consumer|consumer-goods|cpg|fmcg|e-?commerce|commerce|grocery|fashion|apparel|restaurants?|hospitality|零售|電商|消費品|流通)$/;
const OTHER_SECTION = /^(?:about(?:-?us)?|contact(?:-?us)?|privacy(?:-?(?:policy|notice|statement))?|terms(?:-of-(?:use|service)|-and-conditions|-conditions)?|legal|imprint|impressum|disclaimer|accessibility|careers?|jobs|join-?us|cookies?(?:-?(?:policy|notice|settings))?|sitemap|login|signin|search|關於我們|聯絡我們|隱私權政策|人才招募)$/;
// Job ads live under these: a vacancy is never a post, whatever article markup the CMS gives it.
const JOB_SECTION = /^(?:careers?|jobs|join-?us|vacanc(?:y|ies)|openings|人才招募|職缺)$/;
const LISTING_SECTION = /^(?:category|categories|tags?|topics?|archives?|authors?|分類|標籤)$/;
// Taiwanese CMS templates name an item's page after its section: case_detail_21.html,
// news_detail.php?id=105, newsview.aspx, case-in-12.html, news_21.html. The section part decides.
const ITEM_OF_SECTION = /^([a-z]+?)(?:[-_]?(?:detail|details|view|show|content)|[-_](?:in|info|item|read))(?:[-_]?\d+)?$|^([a-z]+?)[-_]\d+$/;
const DATED_PATH = /\/(?:19|20)\d{2}\/(?:0?[1-9]|1[0-2])(?:\/|$)/;

// --- Words in titles and headings --------------------------------------------------------------

// zh-TW story titles name the customer in corner brackets and end in 案例: 「全家福量販」導入 AWS 會員數據平台案例.
const CASE_TITLE = /\b(?:case study|success story|customer story)\b|成功案例|客戶案例|導入案例|客戶故事|「[^」]{2,20}」[^「」]{0,40}案例(?!分享|集|列表|介紹)/i;
// A downloaded document's file name (Content-Disposition), camel case and separators allowed.
const CASE_FILE_NAME = /case[-_ ]?stud(?:y|ies)|success[-_ ]?stor(?:y|ies)|customer[-_ ]?stor(?:y|ies)|成功案例|客戶案例|導入案例|客戶故事/i;
const WHITEPAPER_FILE_NAME = /white[-_ ]?paper|e-?book|白皮書|電子書/i;
// A slug that names a customer story among other words.
const STORY_SLUG = /(?:^|[-_])(?:case-?stud(?:y|ies)|success-?stor(?:y|ies)|customer-?stor(?:y|ies))(?:[-_]|$)|成功案例|客戶案例|導入案例/i;
// The kicker line above a story's heading ("SUCCESS STORY", 客戶案例).
const STORY_KICKER = /^(?:case study|success story|customer story|client story|成功案例|客戶案例|導入案例|客戶故事)$/i;
// Plural section names title the index of stories, not a story.
const CASE_INDEX_TITLE = /^(?:(?:our |customer |client |all )?(?:case studies|success stories|customer stories|client stories|customers|clients|references)|成功案例|客戶案例|案例分享|客戶故事|成功故事)$/i;
// A section's bare name as a page's h1: "Events", "Latest news", 活動報名, 技術專欄 (Chinese has no
// plural to tell the "Webinars" index from a "webinar").
const TL_INDEX_TITLE = /^(?:(?:upcoming |past |all |our |latest |on-demand )?(?:events|webinars|seminars|workshops|news|blog|insights|articles|resources|videos|press releases)|活動|活動報名|活動資訊|最新活動|研討會|線上講座|最新消息|新聞中心|新聞稿|部落格|技術專欄|專欄|技術文章|影音專區)$/i;
// The category tag a Taiwanese CMS puts before a news item's title: 【活動】, 【新聞】, 【專欄】. The site's own
// label for the item, so it outweighs the section the item is filed under (an event under /news/).
const TITLE_TAGS: [RegExp, Kind][] = [
  [/^[【\[〔［](?:活動|研討會|講座|課程|工作坊|論壇|活動報名|線上講座|活動回顧|活動花絮)[】\]〕］]/, 'event'],
  [/^[【\[〔［](?:新聞|新聞稿|媒體報導|公告|最新消息|獲獎)[】\]〕］]/, 'news'],
  [/^[【\[〔［](?:專欄|觀點|技術分享|部落格|文章|知識分享)[】\]〕］]/, 'blog'],
  [/^[【\[〔［](?:影音|影片|直播)[】\]〕］]/, 'video'],
  [/^[【\[〔［](?:白皮書|電子書)[】\]〕］]/, 'whitepaper'],
];
const TL_TITLE: [RegExp, Kind][] = [
  // Singular: "Upcoming webinars" titles the events index.
  [/\b(?:webinar|workshop|seminar|summit|conference|meetup|masterclass|bootcamp|roadshow|hands-on lab)\b|研討會|講座|工作坊|論壇|說明會|高峰會|課程|活動報名/i, 'event'],
  [/\b(?:video|watch|recording|on-demand|episode|podcast)\b|影片|影音|直播回放/i, 'video'],
  [/\b(?:white ?paper|e-?book|report|guide|playbook)\b|白皮書|電子書|報告書|指南/i, 'whitepaper'],
  [/\b(?:press release|announces?|announced|launches|appoints|partners with|awarded|wins)\b|新聞稿|宣布|攜手|榮獲|獲頒/i, 'news'],
];
const INDUSTRY_WORDS = /\b(?:retail|retailers?|consumer goods|cpg|e-?commerce|grocery|fashion|manufacturing|financial services|banking|healthcare|life sciences|media|gaming|public sector|education|automotive|energy|telecom(?:munications)?|travel|hospitality|logistics)\b|零售|流通|消費品|電商|製造|金融|醫療|媒體|遊戲|公部門|教育|汽車|能源|電信|旅遊|物流/i;
const OFFERING_WORDS = /\b(?:solutions?|industry|industries|practice|services|consulting|expertise|capabilities|offerings?)\b|解決方案|產業|服務|顧問|方案/i;
const OFFERING_TEXT = [
  /\bwe help\b/i,
  /\bour (?:[\w&-]+ ){0,2}(?:practice|solutions|services|offerings|expertise|capabilities)\b/i,
  /\bwhat we (?:offer|do)\b/i,
  /\bwhy (?:choose )?(?:us|[A-Z][\w-]+)\b/,
  /\b(?:talk to|contact) (?:an? |our )?(?:[\w-]+ )?(?:experts?|team|us|specialists?)\b/i,
  /\b(?:get started|book a (?:demo|consultation)|request a (?:demo|quote))\b/i,
  /我們的(?:服務|解決方案|專業)|服務項目|為什麼選擇|聯絡我們|立即諮詢|預約諮詢|我們協助|協助(?:企業|零售|品牌)/,
];

// Case-study section headings: short and anchored, so "Our retail solutions" on a practice page
// is not read as a story's "Solution".
const CASE_HEADINGS: [string, RegExp][] = [
  ['challenge', /^(?:the |business |key |customer |client |main )?(?:challenges?|problems?|problem statement|situation|pain points?|background|business needs?|requirements?|brief|ask|context|starting point|objectives?|goals?)$/i],
  // "Acme's solution": the partner's possessive names the story's solution section too.
  ['solution', /^(?:the |our |[\w&.-]+['’]s )?(?:solution|approach|implementation|what we did|what we built|what we delivered|how we did it|how we helped|architecture)$|^(?:導入服務|服務內容)$/i],
  ['results', /^(?:the |key |business )?(?:results?|outcomes?|benefits|impact|value delivered|value added|business value(?: delivered)?|benefits delivered|metrics)$|^what changed$/i],
];
// zh-TW story headings name their section last, after a qualifier of any wording: 合作背景,
// 客戶面臨的挑戰, 我們的做法, 導入方案, 上線成果, 專案效益. Short headings only, so a sentence is not one.
const CASE_HEADINGS_ZH: [string, RegExp][] = [
  // 常見問題 is a page's FAQ, not a customer's problem.
  ['challenge', /^(?!常見問題$)[\p{Script=Han}\s]{0,6}(?:挑戰|痛點|問題|需求|困境|背景)$/u],
  ['solution', /^[\p{Script=Han}\s]{0,6}(?:解決方案|解決之道|解決方式|方案|做法|作法|架構)$/u],
  ['results', /^[\p{Script=Han}\s]{0,6}(?:成果|效益|成效|效果)$/u],
];
const ABOUT_CUSTOMER = /^about (?:the )?(?:customer|client|company)$|^customer (?:profile|overview)$|^(?:客戶簡介|關於客戶|公司簡介|客戶背景|企業簡介)$/i;

const EVENT_MARKERS = [
  /\bregist(?:er|ration)\b/i,
  /\bsign up (?:now|today|here)\b|\bsave (?:your|a) seat\b|\breserve your (?:spot|seat)\b/i,
  /\b(?:agenda|speakers?|venue|location)\s*[:：]/i,
  /\b(?:date|time)\s*[:：]/i,
  /報名|立即報名|報名截止/,
  /(?:活動)?(?:地點|時間|日期|議程|講者)\s*[:：]/,
];
/**
 * An exhibitor's booth at a trade show ("Find us at booth #947", "visit us at stand B12", 攤位號碼：N0112):
 * the page announces the partner's part in an event, however little else it says.
 */
const EXHIBITOR_BOOTH = /\b(?:booth|stand)\s*(?:#|no\.?|number)\s*[a-z]?-?\d+|\b(?:visit|find|meet|see) us at (?:our |the )?(?:booth|stand)\b|(?:攤位|展位)(?:編號|號碼|號)?\s*[:：#]?\s*[a-z]?-?\d+/i;
const REGISTER_LINK = /^(?:register|register now|sign up|save (?:your|a) seat|立即報名|報名|我要報名|線上報名)/i;

const LISTING_LD = new Set(['CollectionPage', 'ItemList', 'SearchResultsPage', 'Blog']);
const TL_LD: Record<string, Kind | null> = {
  BlogPosting: 'blog',
  NewsArticle: 'news',
  ReportageNews: 'news',
  AnalysisNewsArticle: 'news',
  VideoObject: 'video',
  Report: 'whitepaper',
  Article: null,
  TechArticle: null,
  ScholarlyArticle: null,
};

// Industries other than retail, as a generalist's homepage lists the ones it serves. Only phrasings
// a retail text would not use in passing ("social media", "back to school", "pharmacy" are not here).
const OTHER_INDUSTRIES: [string, RegExp][] = [
  ['healthcare', /\bhealth ?care\b|\bhealth systems?\b|\bhospitals\b|\blife sciences\b|\bpharmaceuticals?\b|醫療|醫院|生技/i],
  ['financial services', /\bfinancial services\b|\bbanking\b|\binsurance\b|\binsurers\b|\bcredit unions?\b|\bfintech\b|金融|銀行|保險|證券/i],
  ['manufacturing', /\bmanufacturing\b|\bmanufacturers\b|製造業|智慧製造/i],
  ['public sector', /\bpublic sector\b|\bgovernment agencies\b|\bstate and local government\b|公部門|政府機關/i],
  ['education', /\beducation\b|\bhigher ed\b|\buniversities\b|教育(?!訓練)/i],
  ['energy and utilities', /\benergy (?:and|&) utilities\b|\butilities\b|\boil (?:and|&) gas\b|能源產業/i],
  ['telecommunications and media', /\btelecom(?:munications)?\b|\bmedia (?:and|&) entertainment\b|\bgaming\b|電信|媒體娛樂/i],
  ['automotive', /\bautomotive\b|汽車產業/i],
  ['high tech', /\bsemiconductors?\b|\bhigh[- ]tech\b|半導體|高科技/i],
];

/** The industries other than retail a text names, for telling a generalist from a retail specialist. */
export function otherIndustries(text: string): string[] {
  return OTHER_INDUSTRIES.filter(([, re]) => re.test(text)).map(([name]) => name);
}

// An announcement of work still to come ("X has selected Y … expected to go live in 2027") is not a
// case study of a completed project, whatever section it is filed under. One pattern per kind of
// evidence, so a page shows how many kinds it has.
const ANNOUNCEMENT_PATTERNS: RegExp[] = [
  /\b(?:today announced|announced today|(?:is|are) (?:pleased|excited|proud) to announce|announced? (?:a|an|the|its|their) (?:new )?(?:partnership|collaboration|agreement|alliance))\b|宣布|簽署|合作備忘錄|策略聯盟/i,
  /\b(?:has|have) (?:selected|chosen|engaged|appointed)\b|\bselects\b|選定|選擇.{0,12}作為/i,
  /\b(?:expected|scheduled|planned|slated|set) to (?:go live|launch|complete|roll out)\b|\b(?:is|are) (?:planned|scheduled|expected) for\b|\bwill go live\b|預計(?:於|在)?.{0,12}(?:上線|完成|啟用)|將於.{0,12}(?:上線|完成|啟用)/i,
  /\b(?:will|plans? to|aims? to|intends? to) (?:rebuild|build|migrate|move|modernize|modernise|deploy|implement|use|help|deliver|create|launch|replace|roll out)\b|將(?:協助|導入|建置|打造|採用|遷移)/i,
  /\/(?:PRNewswire|Business Wire|GLOBE NEWSWIRE)\/|\b(?:media|press) contacts?\b/i,
];
// …unless the text also says the work is live: then it is a story that happens to look ahead.
const DELIVERED = /\b(?:went live|is now live|has been live|since (?:launch|go-live|going live)|now runs|has run)\b|已(?:正式)?上線|上線(?:後|以來)/i;

/** Phrases that show a text announces work not yet delivered, one per kind; empty when it reads as delivered. */
export function announcementPhrases(text: string): string[] {
  if (DELIVERED.test(text)) return [];
  const found: string[] = [];
  for (const re of ANNOUNCEMENT_PATTERNS) {
    const m = re.exec(text);
    if (m) found.push(m[0]);
  }
  return found;
}

// The partner's own credentials: "AWS Advanced Tier Services Partner", "AWS-certified team", "AWS
// Retail Competency", "AWS 進階級合作夥伴". They say what the partner is, not what a project or an
// offering runs on, and sit in the call-to-action bands of every page.
const AWS_CREDENTIALS = [
  /\b(?:Amazon Web Services|AWS)(?:\s+\(AWS\))?\s+(?:(?:Advanced|Select|Premier|Registered|Validated|Differentiated|Consulting|Technology|Services?|MSP|Tier|Level)\s+){0,4}Partner(?:s|ship)?(?:\s+(?:Network|Program(?:me)?|Tier))?\b/gi,
  /\bAWS[- ]certified\b|\bAWS certifications?\b|\bcertified (?:AWS )?(?:architects?|engineers?|experts?) on AWS\b/gi,
  /\bAWS\s+(?:[A-Z][\w&-]*\s+){0,3}Competency\b|\bAWS\s+(?:[A-Z][\w&-]*\s+){0,2}(?:Service Delivery|Managed Service Provider) (?:Program|designation)\b/g,
  /AWS\s*(?:進階|精選|頂級|高級|認證|專業)?級?\s*(?:服務|諮詢|顧問|技術)?\s*合作夥伴|AWS\s*(?:專業)?認證|AWS\s*[\p{Script=Han}]{0,4}能力認證/gu,
];

/** The text without the partner's AWS credentials, so a credential alone is no mention of AWS use. */
export function withoutAwsCredentials(text: string): string {
  return AWS_CREDENTIALS.reduce((t, re) => t.replace(re, ' '), text);
}

/** A redirect stub has at most this many words of its own ("Redirecting… click here if nothing happens"). */
const MAX_REDIRECT_STUB_WORDS = 40;
const REDIRECT_TEXT = /^\s*(?:redirecting|you are being redirected|this (?:page|site|post) (?:has )?moved|(?:page|site|post) moved|click here if (?:you are not|nothing)|轉址|重新導向|頁面已移至|網頁已搬移)/i;
/** A line saying "Redirecting…" is short. */
const MAX_REDIRECT_LINE_WORDS = 15;

/**
 * A page that only sends the visitor elsewhere: a meta refresh to another address, or a few words
 * saying "Redirecting…". It is no item of any kind (the crawler follows such stubs like redirects;
 * one that slips through still never counts as a case study or a post).
 */
export function redirectStub(content: PageContent): string | null {
  if (wordCount(content.mainText) > MAX_REDIRECT_STUB_WORDS) return null;
  const refresh = content.meta['refresh'];
  if (refresh && /url\s*=/i.test(refresh)) return `redirect stub: meta refresh ${refresh.slice(0, 80)}`;
  const text = content.blocks.find((b) => REDIRECT_TEXT.test(b.text) && wordCount(b.text) <= MAX_REDIRECT_LINE_WORDS);
  return text ? `redirect stub: ${text.text.slice(0, 80)}` : null;
}

/** Decides the page type (and, for thought leadership, its kind) with the signals that decided it. */
export function classifyPage(content: PageContent, url: string, dates: PageDates): PageClassification {
  const stub = redirectStub(content);
  if (stub) return { type: 'other', kind: null, confidence: 1, signals: [stub] };
  const signals: Signal[] = [];
  const add = (type: PageType, weight: number, name: string, kind?: Kind | null) => signals.push({ type, weight, name, kind });
  const words = wordCount(content.mainText);

  urlSignals(url, add);
  titleSignals(content, add);
  structuredDataSignals(content, dates, words, add);
  structureSignals(content, words, add);
  linkSignals(content, url, add);
  // The shape of an article even without markup: a publish date over several paragraphs of prose.
  // Stories are dated prose too, so not where anything already points to a case study.
  const paragraphs = content.blocks.filter((b) => b.tag === 'p' && (b.text.length >= 80 || countHan(b.text) >= 30)).length;
  const published = dates.published;
  if (published && published.source !== 'header' && !content.documentInfo && words >= 250 && paragraphs >= 3 && !signals.some((s) => s.type === 'case-study')) {
    add('thought-leadership', 1.5, `shape:dated article, ${paragraphs} paragraphs`, null);
  }
  hubSignal(content, url, dates, words, signals, add);
  if (content.documentInfo) {
    // The name a download gives its file says what it is as an address would ("…-CaseStudy.pdf").
    const fileName = content.documentInfo['fileName'] ?? '';
    if (CASE_FILE_NAME.test(fileName)) add('case-study', 3.5, `file:${fileName}`);
    else if (WHITEPAPER_FILE_NAME.test(fileName)) add('thought-leadership', 2.5, `file:${fileName}`, 'whitepaper');
    const subject = `${content.documentInfo['subject'] ?? ''} ${content.documentInfo['keywords'] ?? ''}`;
    if (/white ?paper|e-?book|白皮書/i.test(subject)) add('thought-leadership', 2.5, 'pdf:subject whitepaper', 'whitepaper');
    else if (words >= 250) add('thought-leadership', 2, 'pdf:document', 'whitepaper');
  }
  // A player on a product page is the product's demo, not a video item (PRODUCT_SECTION).
  const productPage = signals.some((s) => s.name.endsWith(PRODUCT_SIGNAL_SUFFIX));
  return decide(withoutTemplateMarkup(productPage ? signals.filter((s) => !s.name.startsWith('embed:')) : signals, dates));
}

type Add = (type: PageType, weight: number, name: string, kind?: Kind | null) => void;

function pathSegments(url: string): { segments: string[]; host: string; query: string } {
  try {
    const u = new URL(url);
    let path = u.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the encoded path
    }
    const segments = path
      .toLowerCase()
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/\.(?:html?|php|aspx?|jsp)$/, ''))
      .filter((s) => s !== 'index' && s !== 'default');
    while (segments.length && LOCALE_SEGMENT.test(segments[0]!)) segments.shift();
    return { segments, host: u.hostname.toLowerCase(), query: u.search };
  } catch {
    return { segments: [], host: '', query: '' };
  }
}

function urlSignals(url: string, add: Add): void {
  const { segments, host, query } = pathSegments(url);
  if (isPaginatedUrl(url)) add('listing', 2.5, 'url:paginated');
  // Drop a trailing /page/N so /blog/page/2/ reads as the blog index.
  const segs = segments.length >= 2 && segments[segments.length - 2] === 'page' && /^\d+$/.test(segments[segments.length - 1]!)
    ? segments.slice(0, -2)
    : segments;
  if (!segs.length) {
    // A microsite's root (retail.partner.com) is its practice page; a plain homepage decides on content.
    if (INDUSTRY_SEGMENT.test(host.split('.')[0]!)) add('practice', 3, `url:host ${host.split('.')[0]}`);
    else if (!query) add('other', 3, 'url:site-root');
    return;
  }
  const last = segs.length - 1;
  // The item's own slug says what it is: /downloads/success-story-river-isle/, /resources/acme-case-study/.
  if (STORY_SLUG.test(segs[last]!) && !CASE_SECTION.test(segs[last]!)) add('case-study', 3.5, `url:${segs[last]} (story slug)`);
  const item = ITEM_OF_SECTION.exec(segs[last]!);
  const itemSection = item ? (item[1] ?? item[2])! : null;
  if (itemSection && CASE_SECTION.test(itemSection)) add('case-study', 3, `url:${segs[last]} (${itemSection} item)`);
  else if (itemSection) {
    const section = TL_SECTIONS.find(([re]) => re.test(itemSection));
    if (section) add('thought-leadership', 2.5, `url:${segs[last]} (${itemSection} item)`, section[1]);
  }
  segs.forEach((seg, i) => {
    const isLast = i === last;
    const shown = `/${segs.slice(0, i + 1).join('/')}/`;
    if (CASE_SECTION.test(seg)) {
      const rest = segs.slice(i + 1);
      // /case-studies/retail/ and /case-studies/category/x/ are filtered indexes, not stories.
      const filtered = rest.length === 1 ? INDUSTRY_SEGMENT.test(rest[0]!) : rest.length === 2 && LISTING_SECTION.test(rest[0]!);
      if (isLast || filtered) add('listing', 1.5, `url:${shown} (index)`);
      else add('case-study', 3, `url:${shown}…`);
    } else if (CASE_PARENT_ONLY.test(seg) && !isLast && i === 0) {
      add('case-study', 1.5, `url:${shown}…`);
    } else if (PRACTICE_SECTION.test(seg)) {
      add('practice', isLast ? 1.5 : 3.5, `url:${shown}${isLast ? '' : '…'}`);
    } else if (SOLUTION_SECTION.test(seg) && !isLast) {
      // /solutions/<x>/ may be an industry or a product; other signals have to agree.
      add('practice', 1.5, `url:${shown}…`);
    } else if (LISTING_SECTION.test(seg) && !isLast) {
      add('listing', 2, `url:${shown}…`);
    } else if (PRODUCT_SECTION.test(seg) && !isLast && !segs.slice(0, i).some((s) => TL_SECTIONS.some(([re]) => re.test(s)) || CASE_SECTION.test(s))) {
      add('other', 3, `url:${shown}…${PRODUCT_SIGNAL_SUFFIX}`);
    } else if ((OTHER_SECTION.test(seg) && isLast) || (JOB_SECTION.test(seg) && i === 0)) {
      // The page itself is a legal or company page (/privacy/, /company/careers/, /legal/cookies/),
      // or a job ad under the careers section (/careers/data-engineer/): no article markup a CMS
      // puts on every page makes it a post.
      add('other', 6.5, `url:${shown}`);
    } else if (OTHER_SECTION.test(seg) && i === 0) {
      add('other', 3, `url:${shown}`);
    } else if (RESOURCES_SECTION.test(seg)) {
      if (isLast) add('listing', 1, `url:${shown} (index)`);
      else add('thought-leadership', 1, `url:${shown}…`, null);
    } else {
      for (const [re, kind] of TL_SECTIONS) {
        if (!re.test(seg)) continue;
        if (isLast) add('listing', 1.5, `url:${shown} (index)`);
        else if (i === last - 1 && INDUSTRY_NAME.test(segs[last]!)) add('listing', 3, `url:${shown}${segs[last]}/ (index by industry)`);
        else add('thought-leadership', 2.5, `url:${shown}…`, kind);
        break;
      }
    }
    // An industry named at the top of the path (/retail/, /zh-tw/零售/) or under a section.
    // (A short name only: an article slug that mentions "restaurant" is not an industry page.)
    const underSection = PRACTICE_SECTION.test(segs[i - 1] ?? '') || SOLUTION_SECTION.test(segs[i - 1] ?? '');
    if ((i === 0 || underSection) && INDUSTRY_SEGMENT.test(seg) && seg.split(/[-_]/).length <= 4) {
      add('practice', i === 0 ? 3 : 1, `url:industry ${seg}`);
    }
  });
  if (DATED_PATH.test(url)) add('thought-leadership', 1.5, 'url:dated path', null);
}

/**
 * A CMS names an archive in its title: "Blog category | Logistics", "Category: Retail", "Tag – edge",
 * "Posts tagged edge", "分類：零售". The page lists posts filed under a topic; it is none of them.
 */
const ARCHIVE_TITLE = /(?:^|[|–—:·•»]|\s-\s)\s*(?:(?:blog|news|post|article) )?(?:categor(?:y|ies)|tags?|topics?|archives?)\s*(?:[|–—:·•»]|\s-\s|$)|\b(?:posts?|articles?) (?:tagged|filed under)\b|(?:^|[|｜])\s*(?:分類|標籤)\s*(?:[|｜：:]|$)/i;

function titleSignals(content: PageContent, add: Add): void {
  const h1 = content.headings.find((h) => h.level === 1)?.text ?? '';
  const title = `${content.title} ${h1 !== content.title ? h1 : ''}`;
  // The shown title drops what repeats the h1 ("Blog category | Logistics" → "Logistics"); the full one keeps it.
  const archive = [content.title, content.meta['og:title'] ?? '', content.meta['twitter:title'] ?? ''].find((t) => ARCHIVE_TITLE.test(t));
  if (archive) add('listing', 3, `title:archive ${archive.slice(0, 60)}`);
  const h1Index = content.blocks.findIndex((b) => b.tag === 'h1');
  const kicker = content.blocks.slice(0, Math.max(0, h1Index)).find((b) => STORY_KICKER.test(b.text.trim()));
  if (kicker) add('case-study', 2.5, `kicker:${kicker.text.trim()}`);
  if (CASE_INDEX_TITLE.test(h1 || content.title)) add('listing', 1.5, `title:${h1 || content.title}`);
  else if (CASE_TITLE.test(title)) add('case-study', 2.5, `title:${CASE_TITLE.exec(title)![0]}`);
  // A section's bare name ("Events", 活動報名) does not make its index an item of that kind; the
  // address and the links decide what the page is.
  const sectionName = TL_INDEX_TITLE.test(h1.trim());
  const tagged = (h1 || content.title).trim();
  const tag = TITLE_TAGS.find(([re]) => re.test(tagged));
  if (tag) add('thought-leadership', 3, `title:${tag[0].exec(tagged)![0]}`, tag[1]);
  for (const [re, kind] of sectionName ? [] : TL_TITLE) {
    const m = re.exec(title);
    if (m) {
      add('thought-leadership', 2, `title:${m[0]}`, kind);
      break;
    }
  }
  const industry = INDUSTRY_WORDS.exec(title);
  if (industry) {
    if (OFFERING_WORDS.test(title)) add('practice', 2, `title:${industry[0]} + offering`);
    else if (wordCount(title) <= 6) add('practice', 1, `title:${industry[0]}`);
  }
}

function ldTypes(jsonLd: Record<string, unknown>[]): string[] {
  const types: string[] = [];
  for (const obj of jsonLd) {
    const t = obj['@type'];
    for (const v of Array.isArray(t) ? t : [t]) if (typeof v === 'string') types.push(v.replace(/^.*[/#:]/, ''));
  }
  return types;
}

function structuredDataSignals(content: PageContent, dates: PageDates, words: number, add: Add): void {
  const seen = new Set<string>();
  for (const type of ldTypes(content.jsonLd)) {
    if (seen.has(type)) continue;
    seen.add(type);
    if (type in TL_LD) {
      const kind = TL_LD[type]!;
      // A player on a long article is the article's illustration, not a video page.
      if (kind === 'video' && words > 600) add('thought-leadership', 1, `json-ld:${type}`, 'video');
      else add('thought-leadership', kind ? 3 : 2, `json-ld:${type}`, kind);
    } else if (/Event$/.test(type)) {
      add('thought-leadership', 3.5, `json-ld:${type}`, 'event');
    } else if (LISTING_LD.has(type)) {
      add('listing', type === 'Blog' ? 1.5 : 3, `json-ld:${type}`);
    } else if (type === 'AboutPage' || type === 'ContactPage' || type === 'ProfilePage') {
      add('other', 2.5, `json-ld:${type}`);
    }
  }
  const ogType = content.meta['og:type']?.toLowerCase() ?? '';
  if (ogType === 'article') add('thought-leadership', 1.5, 'og:type article', null);
  else if (ogType.startsWith('video')) add('thought-leadership', 2, `og:type ${ogType}`, 'video');
  const rule = dates.published?.rule ?? '';
  if (/Event|startDate/i.test(rule)) add('thought-leadership', 1.5, `date:${rule}`, 'event');
  else if (dates.published && dates.published.source !== 'url' && dates.published.source !== 'header' && dates.published.source !== 'pdf') {
    add('thought-leadership', 0.5, `date:${dates.published.source}`, null);
  }
}

/**
 * A labelled client field, as portfolio entries and story sidebars show it: "Client: X", or "Client" over
 * "X". The label ends at a colon or the block's end: "客戶層級設定" (customer tiers, a product's feature)
 * and "Clients we serve" are not fields.
 */
const CLIENT_FIELD = /^\s*(?:client|customer|客戶名稱|客戶)\s*(?:[:：]\s*(.*))?$/i;
const MAX_CLIENT_VALUE = 60;

function clientField(content: PageContent): string | null {
  const blocks = content.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const m = blocks[i]!.text.length <= MAX_CLIENT_VALUE + 12 ? CLIENT_FIELD.exec(blocks[i]!.text) : null;
    if (!m) continue;
    const next = blocks[i + 1];
    const value = m[1] ? m[1].trim() : next && !/^h[1-6]$/.test(next.tag) ? next.text.trim() : '';
    if (value && value.length <= MAX_CLIENT_VALUE && !/[.。!?]$/.test(value)) return value;
  }
  return null;
}

function structureSignals(content: PageContent, words: number, add: Add): void {
  // Naming the client in a field of its own is what a project page does (a portfolio entry, a story's sidebar).
  const client = clientField(content);
  if (client) add('case-study', 2, `field:client ${client}`);
  const found = new Set<string>();
  let about = false;
  for (const h of content.headings) {
    if (h.level === 1) continue;
    const text = h.text.replace(HEADING_NUMBERING, '').replace(/[:：.。]$/, '').trim();
    if (text.length > 40) continue;
    for (const [group, re] of [...CASE_HEADINGS, ...CASE_HEADINGS_ZH]) if (re.test(text)) found.add(group);
    if (ABOUT_CUSTOMER.test(text)) about = true;
  }
  if (found.size >= 2) {
    // All three sections make a story even when it is published as a blog post (see decide()).
    add('case-study', found.size === 3 ? 6.5 : 3.5, `headings:${[...found].join('/')}`);
    if (about) add('case-study', 1, 'headings:about the customer');
  }

  const embeds = content.embeds ?? [];
  if (embeds.length) {
    if (words < 400) add('thought-leadership', 2.5, `embed:${hostOf(embeds[0]!)} player, short text`, 'video');
    else add('thought-leadership', 0.5, `embed:${hostOf(embeds[0]!)} player`, 'video');
  }

  const text = content.mainText.length > 30_000 ? content.mainText.slice(0, 30_000) : content.mainText;
  const markers = EVENT_MARKERS.filter((re) => re.test(text)).length;
  if (markers >= 2) add('thought-leadership', markers >= 3 ? 2.5 : 1.5, `text:${markers} event markers`, 'event');
  if (EXHIBITOR_BOOTH.test(text)) add('thought-leadership', 1.5, 'text:exhibitor booth', 'event');

  const offering = OFFERING_TEXT.filter((re) => re.test(text)).length;
  if (offering) add('practice', Math.min(1.5, offering * 0.5), `text:offering language ×${offering}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'video';
  }
}

/** A link text that reads like the title of an item in a list of posts or stories. */
function isTitleLike(text: string): boolean {
  const han = countHan(text);
  return han >= 6 || text.split(/\s+/).length >= 4;
}

/**
 * Path prefix under which a page's items live: /customers/ for /customers/, /customers/page/2/ and
 * /customers/index.html (an index document stands for its directory).
 */
function sectionPath(url: string): string | null {
  const base = paginationBase(indexDocumentDirectory(url) ?? url);
  return base === null ? null : new URL(base).pathname;
}

function linkSignals(content: PageContent, url: string, add: Add): void {
  // A homepage is full of teasers; that does not make it an index of posts.
  const atRoot = pathSegments(url).segments.length === 0;
  const base = paginationBase(url);
  const section = sectionPath(url);
  const seen = new Set<string>();
  const children = new Set<string>();
  let titled = 0;
  let titledChars = 0;
  let caseLinks = 0;
  let paginated = false;
  let register = false;
  // WordPress-style posts live at /2026/09/slug/, not under the index's own path.
  const datedPosts = new Set<string>();
  for (const link of content.links) {
    // Registration is often on a ticketing site (Accupass, KKTIX, Eventbrite): any host counts.
    if (link.region === 'main' && REGISTER_LINK.test(link.text)) register = true;
    if (!link.internal) continue;
    // Pagination bars often sit in a <nav>: any region counts, if it pages through this very URL.
    if (link.url !== url && isPaginatedUrl(link.url) && paginationBase(link.url) === base) paginated = true;
    if (link.region !== 'main') continue;
    if (seen.has(link.url) || link.url === url) continue;
    seen.add(link.url);
    const linkPath = sectionPath(link.url);
    if (section && linkPath && linkPath !== section && linkPath.startsWith(section) && !isPaginatedUrl(link.url)) {
      children.add(linkPath);
    }
    if (!isTitleLike(link.text)) continue;
    titled++;
    titledChars += link.text.length;
    if (DATED_PATH.test(link.url)) datedPosts.add(link.url);
    const segs = pathSegments(link.url).segments;
    if (segs.length >= 2 && segs.slice(0, -1).some((seg) => CASE_SECTION.test(seg) || CASE_PARENT_ONLY.test(seg))) caseLinks++;
  }
  if (register) add('thought-leadership', 1, 'links:register', 'event');
  // Linking to case studies is one of the things a practice page is for (checklist P3.1).
  if (caseLinks >= 2) add('practice', 1, `links:${caseLinks} case studies`);
  if (atRoot) return;
  if (paginated) add('listing', 2.5, 'links:pagination');
  // An index links down to its items: /customers/ → /customers/<story>/.
  if (children.size) add('listing', children.size >= 6 ? 3 : children.size >= 3 ? 2 : 1, `links:${children.size} child page${children.size > 1 ? 's' : ''}`);
  if (datedPosts.size >= 3 && !DATED_PATH.test(url)) add('listing', 2, `links:${datedPosts.size} dated posts`);
  const share = titledChars / Math.max(1, content.mainText.length);
  const items = `links:${titled} item titles, ${Math.round(share * 100)}% of text`;
  if (titled >= 6 && share >= 0.5) add('listing', 3.5, items);
  else if (titled >= 6 && share >= 0.35) add('listing', 2.5, items);
  else if (titled >= 4 && share >= 0.5) add('listing', 1.5, items);
}

/** A hub's own prose is short: an introduction to the pages it lists, not an article around a reading list. */
const MAX_HUB_WORDS = 500;
/** A hub lists at least this many pages. */
const MIN_HUB_ITEMS = 3;

/**
 * A topic's hub: an undated page with a short introduction and a list whose items are each the title
 * of another page of the site ("An overview of X" over its recipes, a guide's contents page). It
 * introduces items; it is none of them, so it is a listing, wherever it is filed. Only where nothing
 * points to a practice page or a story: a service page lists its offerings the same way.
 */
function hubSignal(content: PageContent, url: string, dates: PageDates, words: number, signals: readonly Signal[], add: Add): void {
  if (dates.published || pathSegments(url).segments.length === 0) return;
  if (signals.some((s) => (s.type === 'practice' || s.type === 'case-study') && s.weight > 0)) return;
  const listItems = new Set(content.blocks.filter((b) => b.tag === 'li').map((b) => b.text.trim()));
  const self = url.replace(/#.*$/, '');
  const listed = new Set<string>();
  let listedWords = 0;
  for (const link of content.links) {
    if (link.region !== 'main' || !link.internal || link.url.replace(/#.*$/, '') === self || listed.has(link.url)) continue;
    const text = link.text.trim();
    if (!isTitleLike(text) || !listItems.has(text)) continue;
    listed.add(link.url);
    listedWords += wordCount(text);
  }
  if (listed.size >= MIN_HUB_ITEMS && words - listedWords <= MAX_HUB_WORDS) add('listing', 3, `links:${listed.size} listed titles, undated`);
}

/** Post signals that are markup a site template may put on every page: JSON-LD article types, og:type article, a metadata date. */
const ARTICLE_MARKUP = /^(?:json-ld:(?:BlogPosting|NewsArticle|Article|TechArticle)|og:type article|date:(?:json-ld|meta|microdata|time))$/;
/** What article markup alone may weigh: below what makes a page anything (decide: 2). */
const MARKUP_ALONE_CAP = 1.5;

/** Where a date read from markup comes from: the page's metadata, which a template may fill on every page. */
const MARKUP_DATE_SOURCES: ReadonlySet<string> = new Set(['json-ld', 'meta']);

/**
 * Article markup with nothing else of a post: no post section in the address, no dated prose (the
 * article shape needs three paragraphs), no story, no event. Site templates put BlogPosting and
 * og:type article on service and product pages too; such a page is not a post on markup alone, and
 * its markup weighs at most MARKUP_ALONE_CAP. On a page the address files under the partner's
 * services, solutions, industries or products (feature pages), prose dated only by that markup is the
 * template's article shape too: an offering page has paragraphs, and the template gave it the date
 * (Jekyll layouts write the build time, site.time, into every page that is not a post).
 */
function withoutTemplateMarkup(signals: Signal[], dates: PageDates): Signal[] {
  const post = signals.filter((s) => s.type === 'thought-leadership' && s.weight > 0);
  const offeringAddress = signals.some((s) => (s.type === 'practice' && s.name.startsWith('url:')) || s.name.endsWith(PRODUCT_SIGNAL_SUFFIX));
  const markupDated = offeringAddress && MARKUP_DATE_SOURCES.has(dates.published?.source ?? '');
  const isMarkup = (s: Signal) => ARTICLE_MARKUP.test(s.name) || (markupDated && s.name.startsWith('shape:dated article'));
  if (post.length === 0 || !post.every(isMarkup)) return signals;
  const total = post.reduce((sum, s) => sum + s.weight, 0);
  if (total <= MARKUP_ALONE_CAP) return signals;
  return signals.map((s) => (post.includes(s) ? { ...s, weight: (s.weight * MARKUP_ALONE_CAP) / total } : s));
}

const TL_CAP = 6;
const TYPE_ORDER: PageType[] = ['case-study', 'practice', 'thought-leadership', 'listing', 'other'];

function decide(signals: Signal[]): PageClassification {
  const score = new Map<PageType, number>(TYPE_ORDER.map((t) => [t, 0]));
  for (const s of signals) score.set(s.type, score.get(s.type)! + s.weight);
  // URL section, JSON-LD type, og:type and a byline date all restate one fact (the page is an
  // article); capped, they cannot outvote a story's Challenge / Solution / Results structure.
  score.set('thought-leadership', Math.min(TL_CAP, score.get('thought-leadership')!));
  const ranked = [...TYPE_ORDER].sort((a, b) => score.get(b)! - score.get(a)! || TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  const best = score.get(ranked[0]!)!;
  const second = score.get(ranked[1]!)!;
  // Below this, nothing points clearly anywhere: an ordinary page.
  const type: PageType = best >= 2 ? ranked[0]! : 'other';
  const decided = signals.filter((s) => s.type === type && s.weight > 0).sort((a, b) => b.weight - a.weight);
  // Nothing decided: say so, and show the weak hints that did not add up to a type.
  const weak = type === 'other' && !decided.length
    ? ['no decisive signal', ...signals.filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, 3).map((s) => `weak ${s.type}: ${s.name}`)]
    : null;
  let kind: Kind | null = null;
  if (type === 'thought-leadership') {
    const kinds = new Map<Kind, number>();
    for (const s of decided) if (s.kind) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + s.weight);
    kind = [...kinds.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (decided.some((s) => s.kind === null) ? 'blog' : 'other');
  }
  const typeScore = score.get(type)!;
  const confidence = typeScore <= 0 ? 0.2 : (1 - Math.exp(-typeScore / 4)) * (type === ranked[0] ? (best - second) / best : 0.5);
  return {
    type,
    kind,
    confidence: Math.round(Math.max(0.05, Math.min(1, confidence)) * 100) / 100,
    signals: weak ?? decided.map((s) => s.name),
  };
}
