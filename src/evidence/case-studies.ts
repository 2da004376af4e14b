// Derived evidence: every case-study document on the site, one record per study. Copies of one
// document are one study, a PDF linked from its story page is part of that story, and what the study
// shows (customer, story elements, retail work, AWS, announcement phrasing) is merged over its copies.
// Whether a study counts is P2.2.1's decision (src/checks/p2-2-1-public-case-studies.ts), not made here.

import type { CaseStudyFacts, DateFact, Excerpted, PageFacts, RetailHit } from '../../analyzers/types.ts';
import type { AnalyzedPage } from '../types.ts';
import { isPaginatedUrl } from '../../crawlers/url.ts';
import { derived } from './evaluation.ts';
import { interestsOf } from './interests.ts';
import { bestPath, contentWords, groupBy, isPdf, readablePage, readableUrl, retailTermsOf, siteRetail, type ReadPage } from './pages.ts';

export interface CaseStudy {
  /** Final URL of the study's main document (the HTML page when a PDF is attached to it). */
  readonly url: string;
  readonly title: string;
  readonly format: 'html' | 'pdf';
  /** The main document and every other copy (redirect aliases, canonical duplicates, attached PDF). */
  readonly pages: readonly ReadPage[];
  /** PDFs linked from the study's page, counted as part of it. */
  readonly attachments: readonly string[];
  readonly path: string[] | null;
  /** The customer's story over every copy; an AWS service read as the customer is no customer. */
  readonly study: CaseStudyFacts | null;
  readonly customer: string | null;
  readonly anonymized: boolean;
  /** The highest boilerplate-free retail score of the copies, and that copy's retail terms. */
  readonly retailScore: number;
  readonly retailTerms: readonly string[];
  readonly awsServices: readonly string[];
  readonly mentionsAws: boolean;
  readonly otherClouds: readonly string[];
  readonly published: DateFact | null;
  /** The retail work the story shows; null for evidence stored without per-block terms. */
  readonly lineOfBusiness: {
    readonly specific: readonly string[];
    /** General terms of a retail function (CRM, BI, sourcing …): retail work when the customer is a retailer. */
    readonly retailGeneral: readonly string[];
    /** General IT terms (migration, backup, integration, ERP …). */
    readonly general: readonly string[];
    /** Blocks of its text (title and headings included) that name retail work: a specific area term or a retail function's general one. */
    readonly workBlocks: number;
    /** Blocks that name general IT work and no retail work. */
    readonly itBlocks: number;
  } | null;
  /** How many of customer (or an anonymised one), problem, solution and results it shows. */
  readonly storyParts: number;
  /** Its address files it in the blog or news, not among case studies. */
  readonly postAddress: boolean;
  /** Announcement phrasing ("has selected", "expected to go live") of a story that reports no results. */
  readonly announced: readonly string[];
  /** Problem / solution / results about nobody, filed in the blog: a how-to post, thought leadership. */
  readonly readsAsPost: boolean;
  /**
   * A PDF that names no customer, not even an anonymised one, and announces nothing (a solution
   * brief: problem / solution / benefits): the partner's own paper, thought leadership (a whitepaper).
   */
  readonly readsAsDocument: boolean;
}

/** The parts that make a page a customer story rather than a solution page. */
const STORY_PARTS = ['customerName', 'problem', 'solution', 'results'] as const;

/**
 * A case study must show at least this many of customer, problem, solution and results to count as
 * a customer story (fewer: a solution page or a post the classifier took for a study; never counted,
 * reviewed when it would make the difference).
 */
export const MIN_STORY_ELEMENTS = 2;

function isCaseStudyPage(page: AnalyzedPage): page is ReadPage {
  return readablePage(page) && (page.facts.classification.type === 'case-study' || page.facts.caseStudy !== null);
}

/**
 * Archive addresses: an author's, tag's, category's or topic's page lists other items, whatever its
 * markup (/author/jane/, /blog/tag/edge/, /category/news/page/2/, /標籤/零售/). Never an item itself.
 */
const ARCHIVE_PATH = /\/(?:authors?|tags?|categor(?:y|ies)|topics?|archives?|labels?|作者|標籤|分類)\/[^/?#]+(?:\/|\.html?)?(?:index\.html?)?(?:$|[?#]|\/page\/)/i;
/** A section's own root (/blog/, /news/index.html, /blog/blog/): the index of its items. */
const SECTION_ROOT = /\/(?:blogs?|news|insights?|articles?|posts?|stories|case-?stud(?:y|ies)|success-?stor(?:y|ies)|customers?|resources|events|webinars|部落格|最新消息|新聞|文章|案例|成功案例|客戶案例)\/?(?:index\.html?)?$/i;

/**
 * An address dated to the day, then a slug (/2013/05/20/market-basket/, /news/2024/03/05/launch.html):
 * one item's, as blog engines name each post; an archive's address stops at the date (/2013/05/).
 */
const DATED_ITEM_PATH = /\/(?:19|20)\d{2}\/(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/[^/?#]*[\p{L}][^/?#]*\/?(?:[?#]|$)/u;

/** An index links to several items of its kind from its main content. */
const LISTING_MIN_ITEM_LINKS = 4;

/**
 * A post's links to its neighbours in the blog ("« Previous post", "Next article: …", "Older",
 * "下一篇"): every post of a blog engine has them, and they make no post a listing of its neighbours.
 */
const POST_NAVIGATION_TEXT = /^[\s«‹<←]*(?:previous|prev|next|older|newer)\b|\b(?:previous|next|older|newer)\s+(?:post|article|entry|story)[\s»›>→]*$|^[\s«‹<←]*(?:上|下|前|後)一(?:篇|則)/i;

/**
 * Drops index pages from a set of item pages: paginated URLs, archive and section-root addresses,
 * and pages whose main content links to several other items of the set, unless they have a body of
 * their own besides (a post with related-post links). Counting an index as an item would be a wrong pass.
 */
export function withoutIndexes<T extends AnalyzedPage>(pages: T[]): T[] {
  // A post's byline and tag chips link to archives, which are never items: they make no post a listing.
  const items = new Set(pages.flatMap((p) => [p.url, p.finalUrl]).filter((url) => !isIndexAddress(url)));
  return pages.filter((p) => {
    if (isIndexAddress(p.finalUrl)) return false;
    // A short post beside a "Recent posts" list still is that post: its dated address names it alone.
    if (DATED_ITEM_PATH.test(readableUrl(p.finalUrl))) return true;
    const linked = new Set(p.links.filter((l) => l.region === 'main' && l.url !== p.url && l.url !== p.finalUrl && items.has(l.url)
      && !POST_NAVIGATION_TEXT.test(l.text)).map((l) => l.url));
    return linked.size < LISTING_MIN_ITEM_LINKS || hasBodyOfItsOwn(p, linked.size);
  });
}

/** Paginated, archive and section-root addresses: indexes of items, never items. */
function isIndexAddress(url: string): boolean {
  if (isPaginatedUrl(url)) return true;
  const path = readableUrl(url).replace(/^[a-z]+:\/\/[^/]+/i, '');
  return ARCHIVE_PATH.test(path) || SECTION_ROOT.test(path);
}

/** A post followed by links to related posts still has a body of its own: this many words at least … */
const ITEM_MIN_OWN_WORDS = 300;
/** … and this many per item it links to (an index keeps a few words per item once its teaser cards are left out). */
const ITEM_MIN_WORDS_PER_LINK = 50;

/** Whether a page's own main text (teaser cards excluded, analyzers/extract.ts) makes it an item that links to others. */
function hasBodyOfItsOwn(page: AnalyzedPage, linkedItems: number): boolean {
  const words = page.facts ? contentWords(page.facts) : null;
  return words !== null && words >= ITEM_MIN_OWN_WORDS && words >= linkedItems * ITEM_MIN_WORDS_PER_LINK;
}

function mergeExcerpted(a: Excerpted, b: Excerpted | undefined): Excerpted {
  if (a.present || !b) return a;
  return b;
}

/**
 * The retail work a story shows: distinct retail-specific terms of the six areas (not the generic
 * words that say who the customer is), the general terms of a retail function (CRM, marketing
 * automation, BI, data warehouse, sourcing: the retail work of a retailer's story) and the general IT
 * terms of business applications (migration, backup, integration, ERP), over all copies of the story.
 * Null for evidence stored without per-block terms.
 */
function retailLineOfBusiness(facts: PageFacts[]): CaseStudy['lineOfBusiness'] {
  if (!facts.some((f) => siteRetail(f).blocks)) return null;
  const blocks = facts.flatMap((f) => siteRetail(f).blocks ?? []);
  const hits: RetailHit[] = blocks.flatMap((b) => b.hits);
  const areaHits = hits.filter((h) => h.area !== 'generic');
  const general = areaHits.filter((h) => !h.specific);
  const isItWork = (h: RetailHit) => h.area === 'business-applications' && !h.specific;
  const isRetailWork = (h: RetailHit) => h.area !== 'generic' && !isItWork(h);
  return {
    specific: [...new Set(areaHits.filter((h) => h.specific).map((h) => h.term))],
    retailGeneral: [...new Set(general.filter((h) => h.area !== 'business-applications').map((h) => h.term))],
    general: [...new Set(general.filter((h) => h.area === 'business-applications').map((h) => h.term))],
    workBlocks: blocks.filter((b) => b.hits.some(isRetailWork)).length,
    itBlocks: blocks.filter((b) => b.hits.some(isItWork) && !b.hits.some(isRetailWork)).length,
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
      statedIndustry: merged.statedIndustry ?? s.statedIndustry ?? null,
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
function sameStory(page: ReadPage, pdf: ReadPage, pdfUrls: string[]): boolean {
  const ca = page.facts.caseStudy?.customer?.trim().toLowerCase();
  const cb = pdf.facts.caseStudy?.customer?.trim().toLowerCase();
  if (ca && cb) return ca === cb || ca.includes(cb) || cb.includes(ca);
  const a = words(page.facts.title);
  const b = words(pdf.facts.title);
  const shared = [...a].filter((w) => b.has(w)).length;
  if (a.size && b.size && shared / Math.min(a.size, b.size) >= 0.5) return true;
  return page.links.some((l) => pdfUrls.includes(l.url) && [...words(l.text)].every((w) => FILE_LINK_WORDS.has(w)));
}

/**
 * Every case-study document on the site, one entry per study: copies of the same document (same final
 * URL, or a canonical pointing at another copy) are one study, and a PDF linked from a case-study page
 * is part of that page's study, not a second one. Sorted by URL for stable reports.
 */
export const caseStudies = derived('case-studies', ({ evidence }): readonly CaseStudy[] => {
  const groups = groupBy(withoutIndexes(evidence.pages.filter(isCaseStudyPage)), (p) => p.finalUrl);
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
  return [...groups.entries()].map(([key, group]) => buildCaseStudy(key, group, attachedTo)).sort((a, b) => a.url.localeCompare(b.url));
});

function buildCaseStudy(key: string, group: ReadPage[], attachedTo: Map<string, string>): CaseStudy {
  const main = group.find((p) => p.finalUrl === key) ?? group[0]!;
  const facts = group.map((p) => p.facts);
  const services = [...new Set(facts.flatMap((f) => f.awsServices))];
  const scored = facts.reduce((best, f) => (siteRetail(f).score > siteRetail(best).score ? f : best));
  const study = withoutProductAsCustomer(
    mergeStudies([main.facts, ...facts.filter((f) => f !== main.facts)].map((f) => f.caseStudy).filter((s): s is CaseStudyFacts => s !== null)),
    services,
  );
  const storyParts = STORY_PARTS.filter((e) => study?.elements[e].present || (e === 'customerName' && study?.anonymized)).length;
  const postAddress = interestsOf(main.finalUrl).includes('thought-leadership') && !interestsOf(main.finalUrl).includes('case-study');
  const noCustomer = !study?.customer && !study?.anonymized;
  // "X has selected Y … expected to go live in 2027": a project announced, not completed.
  const announced = study?.elements.results.present ? [] : main.facts.announcement ?? [];
  return {
    url: main.finalUrl,
    title: main.facts.title,
    format: isPdf(main) ? 'pdf' : 'html',
    pages: group,
    attachments: [...new Set(group.filter((p) => attachedTo.has(p.finalUrl)).map((p) => p.finalUrl))],
    path: bestPath(group),
    study,
    customer: study?.customer ?? null,
    anonymized: study?.anonymized ?? false,
    retailScore: siteRetail(scored).score,
    retailTerms: retailTermsOf(scored),
    awsServices: services,
    mentionsAws: facts.some((f) => f.mentionsAws),
    otherClouds: [...new Set(facts.flatMap((f) => f.otherClouds))],
    published: main.facts.dates.published ?? facts.map((f) => f.dates.published).find((d) => d !== null) ?? null,
    lineOfBusiness: retailLineOfBusiness(facts),
    storyParts,
    postAddress,
    announced,
    readsAsPost: noCustomer && study !== null && storyParts >= MIN_STORY_ELEMENTS && postAddress,
    // Naming no customer, such a document never counts (it reads as no story, or as a story of nobody).
    readsAsDocument: isPdf(main) && announced.length === 0 && noCustomer,
  };
}
