// Pure helpers that turn a site's evidence into the candidate sets the checks decide on: case studies
// (HTML and PDF, de-duplicated), thought-leadership items, practice-page candidates, and the pages
// that could not be read although they matter. No I/O; every function is a function of its inputs.

import type { LinkRecord } from '../crawlers/types.ts';
import type { CaseStudyElementId, CaseStudyFacts, DateFact, Excerpted, PageFacts, ThoughtLeadershipKind } from '../analyzers/types.ts';
import { RETAIL_AREAS } from '../analyzers/types.ts';
import { detectAws } from '../analyzers/aws.ts';
import type { AnalyzedPage, SiteEvidence } from './types.ts';
import { inScope } from '../crawlers/url.ts';
import {
  DEDICATED_RETAIL_SITE_SHARE, MIN_ANNOUNCEMENT_KINDS, MIN_PUBLISH_DATE_CONFIDENCE, MIN_AWS_SERVICES_WHEN_OTHER_CLOUD, MIN_RETAIL_LINE_OF_BUSINESS_TERMS, MIN_STORY_ELEMENTS, MIN_TECHNICAL_AWS_SERVICES, MIN_USE_CASE_AREAS,
  RETAIL_BORDERLINE_MARGIN, RETAIL_SCORE_THRESHOLD, UNREAD_SHARE_FOR_REVIEW,
} from './checks/thresholds.ts';

// ---- URL vocabulary (EN + zh-TW), shared by the crawl priority hint and "pages that matter" ----

export type PageInterest = 'case-study' | 'thought-leadership' | 'practice';

const INTEREST_PATTERNS: Record<PageInterest, RegExp> = {
  'case-study': /case[-_ ]?stud|success[-_ ]?stor|customer[-_ ]?stor|\b(customers?|clients?|references?|cases?|portfolio)\b|our[-_ ]?work|成功案例|客戶案例|案例|客戶故事/i,
  'thought-leadership': /\b(blogs?|news|insights?|articles?|posts?|journal|columns?|resources?|whitepapers?|white[-_ ]papers?|e-?books?|webinars?|seminars?|events?|workshops?|videos?|press)\b|部落格|消息|新聞|文章|活動|研討會|講座|影片|白皮書|技術文章/i,
  practice: /retail|零售|industr|solution|commerce|consumer|cpg|產業|解決方案|電商|消費品|流通/i,
};

/** Percent-decoded URL (zh paths are percent-encoded), falling back to the raw URL. */
function readableUrl(url: string): string {
  try { return decodeURIComponent(url); } catch { return url; }
}

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

/** Archive page n of a listing (/page/3/, ?page=3, "Next »", "下一頁"): the items themselves are what matter. */
const PAGINATION = /\/page\/\d+|[?&](page|paged|pg|p)=\d+/i;
const PAGINATION_TEXT = /^(\d{1,4}|next|previous|prev|older( posts| entries)?|newer( posts| entries)?|more|[«‹<>›»]+|下一頁|上一頁|第\s*\d+\s*頁|更多)(\s*[«‹<>›»]+)?$/i;

/**
 * Crawl priority hint: retail, case-study, thought-leadership and industry links first, job ads, legal
 * pages, office pages and archive pagination last, so a limited page budget is spent where the checks
 * look. The crawler trades it against depth (a strong hint beats one extra click). A hint only: nothing
 * is excluded.
 */
export function linkPriority(link: LinkRecord): number {
  const url = readableUrl(link.url);
  const hay = `${url} ${link.text}`;
  let score = 0;
  if (/retail|零售|consumer|電商|commerce/i.test(hay)) score += 4;
  if (INTEREST_PATTERNS['case-study'].test(hay)) score += 3;
  if (INTEREST_PATTERNS['thought-leadership'].test(hay)) score += 2;
  if (INTEREST_PATTERNS.practice.test(hay)) score += 1;
  if (/\.pdf(\?|$)/i.test(link.url)) score += 1;
  for (const { pattern, penalty } of LOW_INTEREST_PATTERNS) if (pattern.test(hay)) score -= penalty;
  if (PAGINATION.test(url) || PAGINATION_TEXT.test(link.text.trim())) score -= 3;
  return score;
}

// ---- Calendar windows ----

/** The calendar day `months` months before `asOf` (YYYY-MM-DD), clamped to the month's last day. */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total % 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date is within the window when it is on or after the cut-off and not after the audit date. */
export function withinMonths(date: string, asOf: string, months: number): boolean {
  return date >= monthsBefore(asOf, months) && date <= asOf;
}

/** "2026-03-05 (json-ld:BlogPosting.datePublished)": a date with where it was read. */
export function describeDate(fact: DateFact): string {
  const inferred = fact.confidence < MIN_PUBLISH_DATE_CONFIDENCE ? ', inferred' : '';
  return `${fact.date} (${fact.rule.startsWith(fact.source) ? fact.rule : `${fact.source}: ${fact.rule}`}${inferred})`;
}

// ---- Page basics ----

export function isPdf(page: AnalyzedPage): boolean {
  return page.contentType === 'application/pdf' || /\.pdf(\?|$)/i.test(page.finalUrl);
}

/** Fetched, analysed and fine: a page the checks can trust. */
export function readablePage(page: AnalyzedPage): page is AnalyzedPage & { facts: PageFacts } {
  return page.facts !== null && page.facts.error === null && page.error === null && page.blocked === null
    && (page.httpStatus === null || (page.httpStatus >= 200 && page.httpStatus < 300));
}

export type RetailVerdict = 'retail' | 'borderline' | 'not-retail';

export function retailVerdict(score: number): RetailVerdict {
  if (score >= RETAIL_SCORE_THRESHOLD) return 'retail';
  if (score >= RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN) return 'borderline';
  return 'not-retail';
}

export function describeRetail(score: number, terms?: string[]): string {
  const shown = terms && terms.length > 0 ? ` (${terms.slice(0, 5).join(', ')})` : '';
  return `retail score ${score.toFixed(2)} vs threshold ${RETAIL_SCORE_THRESHOLD}${shown}`;
}

function retailTerms(facts: PageFacts): string[] {
  return [...new Set(Object.values(facts.retail.terms).flat())];
}

/** Shortest non-null click path among pages that are the same document. */
function bestPath(pages: AnalyzedPage[]): string[] | null {
  let best: string[] | null = null;
  for (const p of pages) if (p.path && (!best || p.path.length < best.length)) best = p.path;
  return best;
}

// ---- Case studies ----

export interface AwsReading {
  aws: boolean;
  note: string;
}

/** AWS when services are named or AWS is mentioned, and the story is not primarily on another cloud. */
export function readAws(services: string[], mentionsAws: boolean, otherClouds: string[]): AwsReading {
  if (otherClouds.length > 0) {
    if (services.length >= MIN_AWS_SERVICES_WHEN_OTHER_CLOUD) {
      return { aws: true, note: `AWS services ${services.join(', ')} alongside ${otherClouds.join(', ')}` };
    }
    return { aws: false, note: `primarily ${otherClouds.join(', ')}${services.length ? ` (only ${services.join(', ')} from AWS)` : ''}` };
  }
  if (services.length > 0) return { aws: true, note: `AWS services: ${services.join(', ')}` };
  if (mentionsAws) return { aws: true, note: 'mentions AWS but names no AWS service' };
  return { aws: false, note: 'no AWS service or mention found' };
}

export interface CaseStudyCandidate {
  /** Final URL of the study's main document (the HTML page when a PDF is attached to it). */
  url: string;
  title: string;
  format: 'html' | 'pdf';
  /** The main document and every other copy (redirect aliases, canonical duplicates, attached PDF). */
  pages: AnalyzedPage[];
  /** PDFs linked from the study's page, counted as part of it. */
  attachments: string[];
  path: string[] | null;
  customer: string | null;
  anonymized: boolean;
  retailScore: number;
  retail: RetailVerdict;
  retailNote: string;
  aws: boolean;
  awsNote: string;
  awsServices: string[];
  published: DateFact | null;
  study: CaseStudyFacts | null;
  /** Retail and AWS: what P2.2.1 counts. */
  counted: boolean;
  /** Why it is not counted (null when counted). */
  notCountedWhy: string | null;
  /** Not counted, but only for a reason too close to call (borderline retail, a thin story): worth a look. */
  unsure: boolean;
  /** A how-to post the classifier took for a story: no customer, filed in the blog. Listed as thought leadership too. */
  readsAsPost: boolean;
  /**
   * A PDF the classifier took for a story that names no customer, not even an anonymised one, and
   * is not counted (a solution brief: problem / solution / benefits): the partner's own paper, listed
   * as a whitepaper too.
   */
  readsAsDocument: boolean;
}

/** The parts that make a page a customer story rather than a solution page. */
const STORY_ELEMENTS = ['customerName', 'problem', 'solution', 'results'] as const;

function isCaseStudyPage(page: AnalyzedPage): page is AnalyzedPage & { facts: PageFacts } {
  return readablePage(page) && (page.facts.classification.type === 'case-study' || page.facts.caseStudy !== null);
}

const PAGINATED = /\/page\/\d+\/?$|[?&](page|paged|p)=\d+/i;

/** An index links to several items of its kind from its main content. */
const LISTING_MIN_ITEM_LINKS = 4;

/**
 * Drops index pages from a set of item pages: paginated URLs, and pages whose main content links to
 * several other items of the set. Counting an index as an item would be a wrong pass.
 */
function withoutIndexes<T extends AnalyzedPage>(pages: T[]): T[] {
  const items = new Set(pages.flatMap((p) => [p.url, p.finalUrl]));
  return pages.filter((p) => {
    if (PAGINATED.test(p.finalUrl)) return false;
    const linked = new Set(p.links.filter((l) => l.region === 'main' && l.url !== p.url && l.url !== p.finalUrl && items.has(l.url)).map((l) => l.url));
    return linked.size < LISTING_MIN_ITEM_LINKS;
  });
}

function mergeExcerpted(a: Excerpted, b: Excerpted | undefined): Excerpted {
  if (a.present || !b) return a;
  return b;
}

/**
 * The retail work a story shows: distinct retail-specific terms of the six areas (not the generic
 * words that say who the customer is) and the general IT terms, over all copies of the story.
 * Null for evidence stored without per-block terms.
 */
function retailLineOfBusiness(facts: PageFacts[]): { specific: string[]; general: string[] } | null {
  const hits = facts.flatMap((f) => f.retail.blocks?.flatMap((b) => b.hits) ?? []);
  if (!facts.some((f) => f.retail.blocks)) return null;
  const areaHits = hits.filter((h) => h.area !== 'generic');
  return {
    specific: [...new Set(areaHits.filter((h) => h.specific).map((h) => h.term))],
    general: [...new Set(areaHits.filter((h) => !h.specific).map((h) => h.term))],
  };
}

/** An AWS service read as the customer ("… with Amazon DynamoDB") is no customer. */
function withoutProductAsCustomer(study: CaseStudyFacts | null, services: string[]): CaseStudyFacts | null {
  const customer = study?.customer;
  if (!study || !customer || !(services.includes(customer) || /^(?:Amazon|AWS)\b/.test(customer))) return study;
  return { ...study, customer: null, elements: { ...study.elements, customerName: { present: false, excerpt: null } } };
}

/** One study's facts from its page and attached documents: an element is present if any shows it. */
function mergeStudies(studies: CaseStudyFacts[]): CaseStudyFacts | null {
  const [first, ...rest] = studies;
  if (!first) return null;
  let merged: CaseStudyFacts = { ...first, elements: { ...first.elements } };
  for (const s of rest) {
    const elements = { ...merged.elements };
    for (const id of Object.keys(elements) as (keyof typeof elements)[]) elements[id] = mergeExcerpted(elements[id], s.elements[id]);
    merged = {
      ...merged,
      customer: merged.customer ?? s.customer,
      anonymized: merged.customer === null && s.customer === null ? merged.anonymized || s.anonymized : false,
      customerWebsite: merged.customerWebsite ?? s.customerWebsite,
      elements,
      compliance: [...new Set([...merged.compliance, ...s.compliance])],
      delivery: merged.delivery !== 'unknown' ? merged.delivery : s.delivery,
      deliverySignals: {
        msp: [...new Set([...merged.deliverySignals.msp, ...s.deliverySignals.msp])],
        project: [...new Set([...merged.deliverySignals.project, ...s.deliverySignals.project])],
      },
      thirdParty: [...new Set([...merged.thirdParty, ...s.thirdParty])],
      validationSignals: { ...s.validationSignals, ...merged.validationSignals },
    };
  }
  return merged;
}

/** Words of a title or anchor text: Latin words of 3+ letters, and CJK character pairs. */
function words(text: string): Set<string> {
  const lower = text.toLowerCase();
  const latin = lower.match(/[a-z0-9]{3,}/g) ?? [];
  const han = [...lower.matchAll(/\p{Script=Han}+/gu)].flatMap((m) => [...m[0]].slice(0, -1).map((c, i) => c + m[0][i + 1]));
  return new Set([...latin, ...han]);
}

/** Anchor words that only say "this story as a file" ("Download the PDF version", "下載完整案例"). */
const FILE_LINK_WORDS = new Set(['download', 'pdf', 'the', 'version', 'full', 'case', 'study', 'print', 'read', 'here', 'this', 'story', '下載', '完整', '案例', '版本']);

/**
 * Whether a PDF linked from a case-study page is that same story as a document. Customers named on
 * both decide; otherwise the titles must share most words, or the link must only say "the PDF".
 * Unsure means separate documents, each judged on its own.
 */
function sameStory(page: AnalyzedPage & { facts: PageFacts }, pdf: AnalyzedPage & { facts: PageFacts }, pdfUrls: string[]): boolean {
  const ca = page.facts.caseStudy?.customer?.trim().toLowerCase();
  const cb = pdf.facts.caseStudy?.customer?.trim().toLowerCase();
  if (ca && cb) return ca === cb || ca.includes(cb) || cb.includes(ca);
  const a = words(page.facts.title);
  const b = words(pdf.facts.title);
  const shared = [...a].filter((w) => b.has(w)).length;
  if (a.size && b.size && shared / Math.min(a.size, b.size) >= 0.5) return true;
  return page.links.some((l) => pdfUrls.includes(l.url) && [...words(l.text)].every((w) => FILE_LINK_WORDS.has(w)));
}

const caseStudyCache = new WeakMap<SiteEvidence, CaseStudyCandidate[]>();

/**
 * Every case-study document on the site, one entry per study: copies of the same document (same final
 * URL, or a canonical pointing at another copy) are one study, and a PDF linked from a case-study page
 * is part of that page's study, not a second one. Sorted by URL for stable reports.
 */
export function caseStudyCandidates(evidence: SiteEvidence): CaseStudyCandidate[] {
  const cached = caseStudyCache.get(evidence);
  if (cached) return cached;

  const groups = new Map<string, (AnalyzedPage & { facts: PageFacts })[]>();
  for (const page of withoutIndexes(evidence.pages.filter(isCaseStudyPage))) {
    const group = groups.get(page.finalUrl) ?? [];
    group.push(page);
    groups.set(page.finalUrl, group);
  }
  // A canonical link merges two copies only when it points at another case-study document: a CMS
  // that canonicalises everything to the homepage must not collapse distinct studies.
  for (const [key, group] of [...groups]) {
    const canonical = group.find((p) => p.canonical && p.canonical !== key)?.canonical;
    if (canonical && groups.has(canonical) && canonical !== key) {
      groups.get(canonical)!.push(...group);
      groups.delete(key);
    }
  }
  // Attach PDFs to the HTML study that links to them.
  const attachedTo = new Map<string, string>();
  for (const [key, group] of groups) {
    const main = group[0]!;
    if (!isPdf(main)) continue;
    const pdfUrls = [...new Set(group.flatMap((g) => [g.url, g.finalUrl]))];
    const owners = [...groups.entries()].filter(([otherKey, other]) => otherKey !== key && !isPdf(other[0]!)
      && other.some((p) => p.links.some((l) => pdfUrls.includes(l.url)))
      && sameStory(other[0]!, main, pdfUrls));
    if (owners.length === 1) attachedTo.set(key, owners[0]![0]);
  }
  for (const [pdf, owner] of attachedTo) {
    groups.get(owner)!.push(...groups.get(pdf)!);
    groups.delete(pdf);
  }

  const candidates = [...groups.entries()].map(([key, group]) => buildCaseStudy(key, group, attachedTo));
  candidates.sort((a, b) => a.url.localeCompare(b.url));
  countEachCustomerOnce(candidates, evidence.scopeDomain);
  caseStudyCache.set(evidence, candidates);
  return candidates;
}

// Hosts that are nobody's own website: a profile or a video there says nothing about which customer it is.
const SHARED_HOSTS = /(?:^|\.)(?:linkedin|facebook|twitter|x|instagram|youtube|youtu|github|medium|amazon|amazonaws|google|apple|microsoft|wikipedia)\.[a-z.]+$/i;
const GENERIC_CUSTOMER = /^(?:the)?(?:client|customer|retailer|company|brand|partner|casestudy|客戶|客戶故事|客戶案例|案例|品牌|零售商)$/;
const COMPANY_SUFFIX = /\b(?:inc|ltd|llc|plc|corp(?:oration)?|co|company|group|limited|pty|gmbh|s\.?a)\b\.?|股份有限公司|有限公司|公司|集團/giu;

/** Ways to recognise one customer across stories: its website's host and its name, normalised. */
function customerKeys(c: CaseStudyCandidate, scopeDomain: string): string[] {
  const keys: string[] = [];
  const site = c.study?.customerWebsite;
  if (site) {
    try {
      const host = new URL(site).hostname.toLowerCase().replace(/^www\d?\./, '');
      if (!SHARED_HOSTS.test(host) && host !== scopeDomain && !host.endsWith(`.${scopeDomain}`)) keys.push(`site:${host}`);
    } catch {
      // not a URL: the name decides
    }
  }
  const name = c.customer?.normalize('NFKC').toLowerCase().replace(COMPANY_SUFFIX, '').replace(/[^\p{L}\p{N}]+/gu, '');
  // A label read as a name ("Client", 客戶) would make every story one customer.
  if (name && name.length >= 2 && !GENERIC_CUSTOMER.test(name)) keys.push(`name:${name}`);
  return keys;
}

/** How much of the checklist a study shows: its elements, and a delivery category. */
function storyCompleteness(c: CaseStudyCandidate): number {
  if (!c.study) return 0;
  return Object.values(c.study.elements).filter((e) => e.present).length + (c.study.delivery !== 'unknown' ? 1 : 0);
}

/**
 * The checklist asks for unique customers: the same customer's story again in another language, or a
 * second story about the same customer, adds no customer. The reachable, most complete one counts.
 */
function countEachCustomerOnce(candidates: CaseStudyCandidate[], scopeDomain: string): void {
  const counted = candidates.filter((c) => c.counted);
  // Stories sharing any key are one customer, also through a third story (a name here, a website there).
  const parent = counted.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const byKey = new Map<string, number>();
  counted.forEach((c, i) => {
    for (const key of customerKeys(c, scopeDomain)) {
      const j = byKey.get(key);
      if (j === undefined) byKey.set(key, i);
      else parent[root(i)] = root(j);
    }
  });
  const best = new Map<number, CaseStudyCandidate>();
  // Reachable first, then the fuller story; between equals the first published (later stories of the
  // same customer are follow-up projects), then the URL so the choice never depends on crawl order.
  const rank = (a: CaseStudyCandidate, b: CaseStudyCandidate) =>
    Number(b.path !== null) - Number(a.path !== null) || storyCompleteness(b) - storyCompleteness(a) ||
    (a.published?.date ?? '9999').localeCompare(b.published?.date ?? '9999') || a.url.localeCompare(b.url);
  counted.forEach((c, i) => {
    const current = best.get(root(i));
    if (!current || rank(c, current) < 0) best.set(root(i), c);
  });
  counted.forEach((c, i) => {
    const kept = best.get(root(i))!;
    if (kept === c) return;
    c.counted = false;
    c.notCountedWhy = `same customer as ${kept.url}${kept.customer ? ` (${kept.customer})` : ''}: the checklist counts unique customers`;
  });
}

function buildCaseStudy(key: string, group: (AnalyzedPage & { facts: PageFacts })[], attachedTo: Map<string, string>): CaseStudyCandidate {
  const main = group.find((p) => p.finalUrl === key) ?? group[0]!;
  const facts = group.map((p) => p.facts);
  const services = [...new Set(facts.flatMap((f) => f.awsServices))];
  const otherClouds = [...new Set(facts.flatMap((f) => f.otherClouds))];
  const aws = readAws(services, facts.some((f) => f.mentionsAws), otherClouds);
  const scored = facts.reduce((best, f) => (f.retail.score > best.retail.score ? f : best));
  const retailScore = scored.retail.score;
  const retail = retailVerdict(retailScore);
  const study = withoutProductAsCustomer(
    mergeStudies([main.facts, ...facts.filter((f) => f !== main.facts)].map((f) => f.caseStudy).filter((s): s is CaseStudyFacts => s !== null)),
    services,
  );
  const published = main.facts.dates.published ?? facts.map((f) => f.dates.published).find((d) => d !== null) ?? null;
  const reasons: string[] = [];
  if (retail !== 'retail') reasons.push(retail === 'borderline' ? `borderline retail (${describeRetail(retailScore)})` : `not retail (${describeRetail(retailScore)})`);
  if (!aws.aws) reasons.push(`not AWS (${aws.note})`);
  if (retail === 'retail') {
    const lineOfBusiness = retailLineOfBusiness(facts);
    // Few retail terms and more general IT ones (backup, migration, email): the work is generic IT.
    if (lineOfBusiness && lineOfBusiness.specific.length < MIN_RETAIL_LINE_OF_BUSINESS_TERMS
      && lineOfBusiness.general.length > lineOfBusiness.specific.length) {
      const general = lineOfBusiness.general.length ? `; general IT: ${lineOfBusiness.general.slice(0, 4).join(', ')}` : '';
      reasons.push(`a retail customer, but the story shows little retail line-of-business work (retail-specific: ${lineOfBusiness.specific.join(', ') || 'none'}${general}): a generic IT project?`);
    }
  }
  // A page classified as a case study that shows little of a customer story may be a solution page or
  // a post: too unsure to count, worth a look.
  const storyShown = STORY_ELEMENTS.filter((e) => study?.elements[e].present || (e === 'customerName' && study?.anonymized)).length;
  if (storyShown < MIN_STORY_ELEMENTS) reasons.push(`reads little like a customer story (shows ${storyShown} of customer, problem, solution, results)`);
  // Problem / solution / results about nobody ("The problem: checkouts slow down at peak …") is a
  // how-to post; a customer story names its customer, or at least "a large retailer".
  const noCustomer = storyShown >= MIN_STORY_ELEMENTS && study !== null && !study.customer && !study.anonymized;
  if (noCustomer) reasons.push('names no customer, not even an anonymised one ("a large retailer"): a how-to rather than a customer story');
  // Filed in the blog or news as well, such a page is a post beyond doubt.
  const postAddress = interestsOf(main.finalUrl).includes('thought-leadership') && !interestsOf(main.finalUrl).includes('case-study');
  // "X has selected Y … expected to go live in 2027": a project announced, not completed, and no
  // results to show. Several kinds of announcement phrasing leave no doubt; one is worth a look.
  const announced = study?.elements.results.present ? [] : main.facts.announcement ?? [];
  if (announced.length > 0) reasons.push(`announces a project not yet delivered, with no results ("${announced.slice(0, 3).join('", "')}")`);
  const readsAsPost = noCustomer && postAddress;
  const readsAsDocument = isPdf(main) && reasons.length > 0 && announced.length === 0 && !study?.customer && !study?.anonymized;
  const unsure = reasons.length > 0 && aws.aws && retail !== 'not-retail' && announced.length < MIN_ANNOUNCEMENT_KINDS && !readsAsPost;
  const attachments = [...new Set(group.filter((p) => attachedTo.has(p.finalUrl)).map((p) => p.finalUrl))];
  return {
    url: main.finalUrl,
    title: main.facts.title,
    format: isPdf(main) ? 'pdf' : 'html',
    pages: group,
    attachments,
    path: bestPath(group),
    customer: study?.customer ?? null,
    anonymized: study?.anonymized ?? false,
    retailScore,
    retail,
    retailNote: describeRetail(retailScore, retailTerms(scored)),
    aws: aws.aws,
    awsNote: aws.note,
    awsServices: services,
    published,
    study,
    counted: reasons.length === 0,
    notCountedWhy: reasons.length ? reasons.join('; ') : null,
    unsure,
    readsAsPost,
    readsAsDocument,
  };
}

/** Element ids in checklist order, completion date included. */
export const CASE_STUDY_ELEMENTS: CaseStudyElementId[] = [
  'customerName', 'customerWebsite', 'problem', 'solution', 'awsServices', 'retailDomainKnowledge',
  'thirdParty', 'completedWithin18Months', 'results', 'compliance',
];

// ---- Thought leadership ----

export const COUNTED_KINDS: ThoughtLeadershipKind[] = ['blog', 'news', 'video', 'event', 'whitepaper'];

export interface ThoughtLeadershipItem {
  url: string;
  title: string;
  kind: ThoughtLeadershipKind;
  path: string[] | null;
  retailScore: number;
  retail: RetailVerdict;
  retailNote: string;
  /** Publish date only: a modified date never stands in for it. */
  published: DateFact | null;
  modified: DateFact | null;
}

const tlCache = new WeakMap<SiteEvidence, ThoughtLeadershipItem[]>();

/** Every thought-leadership page (blog, news, video, event, whitepaper, other), one per final URL. */
export function thoughtLeadershipItems(evidence: SiteEvidence): ThoughtLeadershipItem[] {
  const cached = tlCache.get(evidence);
  if (cached) return cached;
  const groups = new Map<string, (AnalyzedPage & { facts: PageFacts })[]>();
  // A how-to post with Problem / Solution / Results headings reads as a story to the classifier;
  // telling no customer's story from the blog, it is the partner's thought leadership after all.
  const candidates = caseStudyCandidates(evidence);
  const howTos = new Set(candidates.filter((c) => c.readsAsPost).flatMap((c) => c.pages.map((p) => p.finalUrl)));
  const papers = new Set(candidates.filter((c) => c.readsAsDocument).flatMap((c) => c.pages.map((p) => p.finalUrl)));
  const posts = evidence.pages.filter((p): p is AnalyzedPage & { facts: PageFacts } => readablePage(p)
    && (p.facts.classification.type === 'thought-leadership' || papers.has(p.finalUrl)
      || (howTos.has(p.finalUrl) && p.facts.dates.published !== null)));
  for (const page of withoutIndexes(posts)) {
    const group = groups.get(page.finalUrl) ?? [];
    group.push(page);
    groups.set(page.finalUrl, group);
  }
  const items = [...groups.entries()].map(([key, group]): ThoughtLeadershipItem => {
    const main = group.find((p) => p.finalUrl === key) ?? group[0]!;
    const score = main.facts.retail.score;
    return {
      url: key,
      title: main.facts.title,
      kind: main.facts.classification.kind ?? (howTos.has(key) ? 'blog' : papers.has(key) ? 'whitepaper' : 'other'),
      path: bestPath(group),
      retailScore: score,
      retail: retailVerdict(score),
      retailNote: describeRetail(score, retailTerms(main.facts)),
      published: main.facts.dates.published,
      modified: main.facts.dates.modified,
    };
  });
  items.sort((a, b) => (b.published?.date ?? '').localeCompare(a.published?.date ?? '') || a.url.localeCompare(b.url));
  tlCache.set(evidence, items);
  return items;
}

// ---- Practice page ----

export type PracticeElementId = 'retailPractice' | 'awsSolutions' | 'useCases' | 'technicalSolutions' | 'caseStudyLinks';
export const PRACTICE_ELEMENTS: PracticeElementId[] = ['retailPractice', 'awsSolutions', 'useCases', 'technicalSolutions', 'caseStudyLinks'];

export interface PracticeCandidate {
  page: AnalyzedPage & { facts: PageFacts };
  url: string;
  path: string[] | null;
  isHomepage: boolean;
  elements: Record<PracticeElementId, { present: boolean; how: string }>;
  /** Ranking score: retail focus, practice signals, AWS, links to case studies. */
  score: number;
  signals: string[];
}

/**
 * Whether a link leads to case studies: to a case study, or to a page whose address or anchor says
 * "customers" / "case studies" unless the crawl read that page and found no case study behind it (a
 * wall of customer logos is not a set of case studies).
 */
function leadsToCaseStudies(link: LinkRecord, caseStudyUrls: Set<string>, read: Map<string, AnalyzedPage>): boolean {
  if (caseStudyUrls.has(link.url)) return true;
  if (!link.internal || !INTEREST_PATTERNS['case-study'].test(`${readableUrl(link.url)} ${link.text}`)) return false;
  const target = read.get(link.url);
  if (!target || !readablePage(target)) return true;
  // An index: it links on to a study, or to pages the crawl did not read (they may be studies).
  return target.links.some((l) => l.region === 'main' && l.internal
    && (caseStudyUrls.has(l.url) || (!read.has(l.url) && INTEREST_PATTERNS['case-study'].test(`${readableUrl(l.url)} ${l.text}`))));
}

function practiceElements(page: AnalyzedPage & { facts: PageFacts }, caseStudyUrls: Set<string>, read: Map<string, AnalyzedPage>): PracticeCandidate['elements'] {
  const f = page.facts;
  const areas = RETAIL_AREAS.filter((a) => f.retail.areas[a] > 0);
  // Only links in the page's own content: the site-wide "Case studies" menu item is on every page.
  const studyLinks = page.links.filter((l) => l.region === 'main' && leadsToCaseStudies(l, caseStudyUrls, read));
  const retail = retailVerdict(f.retail.score) === 'retail';
  // AWS named only in the titles of the case studies it links to ("… moves to AWS") says nothing of
  // the partner's own AWS solutions: those mentions do not count for the page.
  const inStudyLinks = detectAws(studyLinks.map((l) => l.text).join('\n'));
  const services = f.awsServices.filter((s) => !inStudyLinks.services.includes(s));
  const mentionsAws = services.length > 0 || (f.mentionsAws && !inStudyLinks.mentionsAws);
  return {
    retailPractice: { present: retail, how: describeRetail(f.retail.score, retailTerms(f)) },
    awsSolutions: {
      present: mentionsAws,
      how: services.length > 0 ? `names ${services.slice(0, 6).join(', ')}`
        : mentionsAws ? 'mentions AWS, names no service'
        : f.mentionsAws ? 'AWS named only in the titles of linked case studies' : 'no AWS mention',
    },
    useCases: {
      present: areas.length >= MIN_USE_CASE_AREAS,
      how: `covers ${areas.length} of 6 retail areas${areas.length ? ` (${areas.join(', ')})` : ''}; needs ${MIN_USE_CASE_AREAS}`,
    },
    technicalSolutions: {
      present: services.length >= MIN_TECHNICAL_AWS_SERVICES,
      how: `${services.length} AWS services named outside case-study links; needs ${MIN_TECHNICAL_AWS_SERVICES}`,
    },
    caseStudyLinks: {
      present: studyLinks.length > 0,
      how: studyLinks.length > 0 ? `links to ${studyLinks.slice(0, 3).map((l) => l.url).join(', ')}` : 'no link to a case study',
    },
  };
}

/** Share of `pages` whose (boilerplate-free) retail score passes the threshold. */
function retailShare(pages: (AnalyzedPage & { facts: PageFacts })[]): { share: number; retail: number; total: number } {
  const retail = pages.filter((p) => retailVerdict(p.facts.retail.score) === 'retail').length;
  return { share: pages.length ? retail / pages.length : 0, retail, total: pages.length };
}

/** A directory's index document: /index.html, /default.aspx, /index.php (the homepage under another address). */
const INDEX_DOCUMENT = /^\/(?:index|default|home)\.(?:html?|php|aspx?|jsp)$/i;

/** The homepage itself, or the same page under its index-document address (/index.html for /). */
export function isHomepageUrl(url: string, homepage: string): boolean {
  if (url === homepage) return true;
  try {
    const u = new URL(url);
    const h = new URL(homepage);
    return u.origin === h.origin && h.pathname === '/' && !u.search && INDEX_DOCUMENT.test(u.pathname);
  } catch {
    return false;
  }
}

/** The homepage's own record (the start URL may have redirected to it). */
export function homepageRecord(evidence: SiteEvidence): (AnalyzedPage & { facts: PageFacts }) | null {
  const page = evidence.pages.find((p) => p.finalUrl === evidence.homepage && p.facts !== null)
    ?? evidence.pages.find((p) => p.foundVia === 'start' && p.facts !== null);
  return page && readablePage(page) ? page : null;
}

export interface DedicatedRetailReading {
  dedicated: boolean;
  note: string;
}

/** Offering pages (industries, solutions, services) beyond which a site's business is judged. */
const MIN_OFFERING_PAGES = 2;

/** A retail specialist may mention one neighbouring industry on its homepage; naming more marks a generalist. */
const MAX_OTHER_INDUSTRIES_OF_SPECIALIST = 1;

/**
 * The homepage rule: a dedicated retail consultancy has a retail homepage and mostly retail offerings.
 * What a partner offers is read from its practice-type pages (industries, solutions, services) when
 * there are some: a generalist with a busy retail blog still has healthcare and migration pages. A
 * site without such pages is judged on all its pages.
 */
export function dedicatedRetailConsultancy(evidence: SiteEvidence): DedicatedRetailReading {
  const home = homepageRecord(evidence);
  if (!home) return { dedicated: false, note: 'homepage could not be read' };
  const readable = evidence.pages.filter(readablePage).filter((p) => p.finalUrl !== home.finalUrl && !isHomepageUrl(p.finalUrl, evidence.homepage));
  const offerings = readable.filter((p) => p.facts.classification.type === 'practice' && !isPdf(p));
  const judged = offerings.length >= MIN_OFFERING_PAGES ? offerings : readable;
  const share = retailShare(judged);
  const what = judged === offerings ? 'industry/solution pages' : 'pages';
  const siteNote = `${share.retail} of ${share.total} ${what} about retail (${Math.round(share.share * 100)}%, needs ${Math.round(DEDICATED_RETAIL_SITE_SHARE * 100)}%)`;
  const homeRetail = retailVerdict(home.facts.retail.score) === 'retail';
  // "Healthcare, financial services, retail and manufacturing": the homepage itself says the partner
  // serves several industries, whatever share of its pages (a busy retail blog) speaks of retail.
  const industries = home.facts.otherIndustries ?? [];
  const generalist = industries.length > MAX_OTHER_INDUSTRIES_OF_SPECIALIST;
  const industriesNote = generalist ? `; homepage also names ${industries.join(', ')}` : '';
  const dedicated = homeRetail && !generalist && share.share >= DEDICATED_RETAIL_SITE_SHARE;
  return { dedicated, note: `homepage ${describeRetail(home.facts.retail.score)}; ${siteNote}${industriesNote}` };
}

/** The address of an archive of posts by taxonomy, author, date or page number. */
const POST_ARCHIVE = /\/(?:category|categories|tags?|topics?|archives?|authors?|分類|標籤)\/|[?&](?:cat|tag|category|author|paged?)=|\/page\/\d+\/?$|\/(?:19|20)\d{2}\/(?:0?[1-9]|1[0-2])\/?$/i;

/** A page dedicated to retail says so where a visitor looks first: in its address or its title. */
const RETAIL_NAMED = /retail|零售|consumer|commerce|cpg|fmcg|grocer|fashion|apparel|電商|電子商務|消費品|流通|百貨|量販/i;

/**
 * Pages that could be the retail practice microsite, best first: pages that name retail in their
 * address or title, are practice, plain or index pages, and whose address is not that of a post, a
 * story or an index of them (/blog/, /news/, /case-studies/ …), plus the homepage (flagged; the P3.1 check applies the homepage rule). An
 * "Industries" page that gives retail one section among others does not name it, however often its
 * text says "retail": it is not dedicated to the retail practice. Case studies and posts are not candidates.
 */
export function practiceCandidates(evidence: SiteEvidence): PracticeCandidate[] {
  const caseStudyUrls = new Set(caseStudyCandidates(evidence).flatMap((c) => c.pages.flatMap((p) => [p.url, p.finalUrl])));
  const read = new Map<string, AnalyzedPage>();
  for (const p of evidence.pages) for (const url of [p.url, p.finalUrl]) if (!read.has(url)) read.set(url, p);
  const home = homepageRecord(evidence);
  const copies = new Map<string, AnalyzedPage[]>();
  for (const p of evidence.pages) copies.set(p.finalUrl, [...(copies.get(p.finalUrl) ?? []), p]);
  const seen = new Set<string>();
  const candidates: PracticeCandidate[] = [];
  for (const page of evidence.pages) {
    if (!readablePage(page) || isPdf(page) || seen.has(page.finalUrl)) continue;
    const f = page.facts;
    // /index.html is the homepage under another address: the homepage rule applies to it too.
    const isHomepage = page === home || isHomepageUrl(page.finalUrl, evidence.homepage);
    const type = f.classification.type;
    const named = RETAIL_NAMED.test(`${readableUrl(page.finalUrl)} ${f.title}`);
    // A post, a story or an index of them names retail too; its address says what it is. So does a
    // blog's archive of retail posts (WordPress /category/retail/, /tag/retail/, ?cat=4).
    const postOrStory = interestsOf(page.finalUrl).some((i) => i !== 'practice') || POST_ARCHIVE.test(readableUrl(page.finalUrl));
    const eligible = isHomepage || (named && !postOrStory && (type === 'practice' || type === 'other' || type === 'listing'));
    if (!eligible) continue;
    const signals: string[] = [];
    if (type === 'practice') signals.push(`classified practice (${f.classification.signals.slice(0, 3).join(', ')})`);
    if (named) signals.push('names retail in its address or title');
    seen.add(page.finalUrl);
    const elements = practiceElements(page, caseStudyUrls, read);
    const present = PRACTICE_ELEMENTS.filter((e) => elements[e].present).length;
    const score = 3 * f.retail.score + (type === 'practice' ? 2 : 0) + (named ? 1 : 0)
      + Math.min(f.awsServices.length, 5) / 5 + (f.mentionsAws ? 0.5 : 0) + present / 5;
    candidates.push({ page, url: page.finalUrl, path: bestPath(copies.get(page.finalUrl)!), isHomepage, elements, score, signals });
  }
  return candidates.sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
}

// ---- Pages that could not be read ----

/** Not there: a visitor cannot see these either, so they hide nothing from the audit. */
const GONE_STATUSES = new Set([404, 410]);

export interface UnreadPage {
  url: string;
  /** Why it was not read, in words. */
  reason: string;
  interests: PageInterest[];
  /** Left out by the page or time budget (not refused by the site). */
  budget: boolean;
}

/**
 * Pages the crawl saw but could not read: blocked by robots.txt or bot protection, failed (not 404/410:
 * a missing page hides nothing), script shells read without a browser, or left out by a page/time
 * limit. Each carries what kind of page its URL suggests.
 */
export function unreadPages(evidence: SiteEvidence): UnreadPage[] {
  const rows: UnreadPage[] = [];
  const seen = new Set<string>();
  for (const page of evidence.pages) {
    if (seen.has(page.url)) continue;
    let reason: string | null = null;
    if (page.blocked) reason = `blocked by ${page.blocked}`;
    else if (page.httpStatus !== null && GONE_STATUSES.has(page.httpStatus)) continue;
    else if (page.error) reason = page.error;
    else if (page.facts?.error) reason = page.facts.error;
    else if (page.renderReason && !page.rendered) {
      reason = `needs JavaScript rendering (${page.renderReason}) but was read without it${evidence.crawl.renderUnavailable ? `: ${evidence.crawl.renderUnavailable}` : ''}`;
    }
    if (!reason) continue;
    seen.add(page.url);
    rows.push({ url: page.url, reason, interests: interestsOf(page.url, page.anchorText ?? ''), budget: false });
  }
  for (const skip of evidence.skipped) {
    if (seen.has(skip.url)) continue;
    let reason: string | null = null;
    const budget = skip.reason === 'max-pages' || skip.reason === 'time-budget';
    if (skip.reason === 'robots') reason = `blocked by robots.txt${skip.detail ? ` (${skip.detail})` : ''}`;
    else if (budget) reason = `not fetched: ${skip.detail || skip.reason}`;
    if (!reason) continue;
    seen.add(skip.url);
    rows.push({ url: skip.url, reason, interests: interestsOf(skip.url), budget });
  }
  return rows;
}

/** Share of attempted pages (robots-blocked included) that were blocked, failed, or needed a browser they did not get. */
export function unreadShare(evidence: SiteEvidence): number {
  const failed = evidence.pages.filter((p) => p.blocked || (p.error && !(p.httpStatus !== null && GONE_STATUSES.has(p.httpStatus)))
    || (p.renderReason && !p.rendered)).length;
  const robots = evidence.skipped.filter((s) => s.reason === 'robots').length;
  const attempted = evidence.pages.length + robots;
  return attempted ? (failed + robots) / attempted : 0;
}

/**
 * Unread pages that could change a check's answer: those whose URL looks like the kind of page the
 * check looks for, every page the budget left when it stopped the crawl, or every unread page when a
 * significant share of the site could not be read.
 */
export function unreadThatMatters(evidence: SiteEvidence, interest: PageInterest): UnreadPage[] {
  const all = unreadPages(evidence);
  if (unreadShare(evidence) >= UNREAD_SHARE_FOR_REVIEW) return all;
  // When the page or time budget stopped the crawl, the links it left say nothing of what they hold
  // ("/projects/", "/work/"): any of them may be what a check that came up short looks for.
  const budgetStopped = evidence.crawl.stoppedBy === 'max-pages' || evidence.crawl.stoppedBy === 'time-budget';
  return all.filter((u) => u.interests.includes(interest) || (budgetStopped && u.budget));
}

// ---- Case studies published off the partner's domain ----

/**
 * Words that name a set of customer stories unmistakably, in a link's address or anchor text. Stricter
 * than the in-site vocabulary: off the site, "customer" alone is a login portal, "cases" a shop.
 */
const OFF_SITE_STORIES = /case[-_ ]?stud|success[-_ ]?stor|customer[-_ ]?stor|client[-_ ]?stor|(?:^|[/.\s])stories(?:[/.\s]|$)|成功案例|客戶案例|客戶故事|導入案例/i;

/** AWS publishes partners' customer stories on its own site; a partner linking to one points at a public case study. */
const AWS_CUSTOMER_STORY = /^https?:\/\/(?:[a-z0-9-]+\.)*aws\.amazon\.com\/(?:[a-z-]{2,5}\/)?(?:solutions\/case-studies|case-studies|partners\/success)\/[^?#]+/i;

/** A link from one of the partner's pages to another domain, which the audit does not read. */
export type OffSiteLink = SiteEvidence['outbound'][number];

/**
 * Outbound links from pages reachable from the homepage to other registrable domains, once each, that
 * `keep` accepts given the link and its lower-cased host.
 */
function offSiteLinks(evidence: SiteEvidence, keep: (link: OffSiteLink, host: string) => boolean): OffSiteLink[] {
  const reachable = new Set(evidence.pages.filter((p) => p.path !== null).flatMap((p) => [p.url, p.finalUrl]));
  const rows: OffSiteLink[] = [];
  const seen = new Set<string>();
  for (const link of evidence.outbound) {
    let host: string;
    try { host = new URL(link.url).hostname.toLowerCase(); } catch { continue; }
    if (seen.has(link.url) || !reachable.has(link.from) || inScope(link.url, evidence.scopeDomain)) continue;
    if (!keep(link, host)) continue;
    seen.add(link.url);
    rows.push(link);
  }
  return rows;
}

/**
 * Links from the partner's reachable pages to customer stories on another registrable domain (a group
 * or parent company's stories site, a separate brand domain). The audit stays on the partner's domain,
 * so what those pages hold is unknown: a check short of its count says `review` with these links,
 * never a confident `fail`. Shared platforms (LinkedIn, YouTube …) are not the partner's; AWS's own
 * case-study pages are, when they tell the partner's customer's story.
 */
export function offSiteStoryLinks(evidence: SiteEvidence): OffSiteLink[] {
  return offSiteLinks(evidence, (link, host) => AWS_CUSTOMER_STORY.test(link.url)
    || (!SHARED_HOSTS.test(host) && OFF_SITE_STORIES.test(`${readableUrl(link.url)} ${link.text}`)));
}

// ---- Thought leadership published off the partner's domain ----

/**
 * Addresses of single items (a post, a publication, a newsletter, a recording, an event page) on the
 * platforms partners publish thought leadership on. Profile and channel roots (linkedin.com/company/…,
 * youtube.com/@…) are not items: every site's footer links them.
 */
const OFF_SITE_TL_ITEM = new RegExp([
  String.raw`^https?://(?:[a-z0-9-]+\.)?medium\.com/[^?#\s]+`,
  String.raw`^https?://[a-z0-9-]+\.medium\.com/`,
  String.raw`^https?://[a-z0-9-]+\.substack\.com/`,
  String.raw`^https?://(?:[a-z]+\.)?linkedin\.com/(?:newsletters|pulse)/[^?#\s]+`,
  String.raw`^https?://(?:www\.|m\.)?youtube\.com/(?:watch|live/|playlist|shorts/|embed/)`,
  String.raw`^https?://youtu\.be/[^?#\s]+`,
  String.raw`^https?://(?:www\.)?vimeo\.com/\d+`,
  String.raw`^https?://(?:[a-z0-9-]+\.)*aws\.amazon\.com/(?:[a-z-]{2,5}/)?(?:events|blogs/[a-z0-9-]+|webinars)/[^?#\s]+`,
  String.raw`^https?://pages\.awscloud\.com/[^?#\s]+`,
  String.raw`^https?://(?:[a-z0-9-]+\.)?(?:on24\.com|brighttalk\.com|accupass\.com|kktix\.cc|vocus\.cc|slideshare\.net|speakerdeck\.com)/[^?#\s]+`,
  String.raw`^https?://(?:[a-z]+\.)?facebook\.com/(?:[^/?#\s]+/(?:posts|videos)/|events/\d)[^?#\s]*`,
  String.raw`^https?://fb\.watch/[^?#\s]+`,
].join('|'), 'i');

/** Anchor text naming a body of thought leadership (a link labelled "Blog" that leaves the site). */
const OFF_SITE_TL_TEXT = /\b(?:blogs?|newsletters?|webinars?|podcasts?|workshops?|articles|insights|recordings?)\b|部落格|電子報|研討會|講座|線上課程|直播/i;

/**
 * Links from the partner's reachable pages to thought leadership on other domains: a blog on Medium, a
 * LinkedIn newsletter, webinar recordings on YouTube or AWS's events pages. The audit does not read
 * them, so what they hold and when it was published is unknown: P3.2 short of a recent item says
 * `review` with these links, never a confident `fail`. Links into AWS's or a social network's site
 * count only as item addresses, never by anchor text alone ("AWS Blog" in a footer is AWS's).
 */
export function offSiteThoughtLeadershipLinks(evidence: SiteEvidence): OffSiteLink[] {
  return offSiteLinks(evidence, (link, host) => OFF_SITE_TL_ITEM.test(link.url)
    || (!SHARED_HOSTS.test(host) && OFF_SITE_TL_TEXT.test(link.text)));
}

/** Main-content words of a page (boilerplate-free retail blocks), null when the analyzer kept no blocks. */
export function contentWords(facts: PageFacts): number | null {
  return facts.retail.blocks ? facts.retail.blocks.reduce((n, b) => n + b.words, 0) : null;
}

// ---- Case-study elements (P2.1), the date-dependent one included ----

export interface CaseStudyElementReading {
  elements: Record<CaseStudyElementId, Excerpted>;
  /** How the completion element was decided (the publish date is the public proxy for completion). */
  completionNote: string;
}

/**
 * The P2.1 elements of one study as of the audit date. Completion within 18 months is read from the
 * publish date (a proxy: the page cannot say when the project ended); no date means not shown. An
 * anonymised customer does not count as a customer name.
 */
export function caseStudyElements(candidate: CaseStudyCandidate, asOf: string, windowMonths: number): CaseStudyElementReading {
  const absent: Excerpted = { present: false, excerpt: null };
  const base = candidate.study?.elements;
  const published = candidate.published;
  let completed: Excerpted = absent;
  let completionNote: string;
  if (!published) completionNote = 'no publish date found, so completion within the window is not shown';
  else if (withinMonths(published.date, asOf, windowMonths)) {
    completed = { present: true, excerpt: `published ${describeDate(published)}` };
    completionNote = `published ${describeDate(published)}, within ${windowMonths} months of ${asOf}`;
  } else completionNote = `published ${describeDate(published)}, more than ${windowMonths} months before ${asOf}`;
  const customerName = base?.customerName ?? absent;
  return {
    elements: {
      customerName: candidate.anonymized ? { present: false, excerpt: customerName.excerpt } : customerName,
      customerWebsite: base?.customerWebsite ?? absent,
      problem: base?.problem ?? absent,
      solution: base?.solution ?? absent,
      awsServices: base?.awsServices ?? (candidate.awsServices.length ? { present: true, excerpt: candidate.awsServices.join(', ') } : absent),
      retailDomainKnowledge: base?.retailDomainKnowledge ?? absent,
      thirdParty: base?.thirdParty ?? absent,
      completedWithin18Months: completed,
      results: base?.results ?? absent,
      compliance: base?.compliance ?? absent,
    },
    completionNote,
  };
}
