// Facts read from one page. Analyzers are pure: they take a page's content (and the audit date
// where a window matters) and return facts with provenance; they never do I/O.

import type { LinkRecord } from '../crawlers/types.ts';

/** Input to the analyzers: what the crawler got for one URL. */
export interface PageInput {
  url: string;
  finalUrl: string;
  contentType: string | null;
  /** Decoded HTML, or null for documents. */
  html: string | null;
  /** Document bytes (PDF), or null. */
  bytes: Uint8Array | null;
  headers: Record<string, string>;
  /** Links as the crawler extracted them (with regions); used for outbound customer-site links. */
  links: LinkRecord[];
}

/** A block of main text (paragraph, list item, table row, heading) — the unit of boilerplate detection. */
export interface TextBlock {
  text: string;
  /** Tag that held it: h1..h6, p, li, td, … */
  tag: string;
}

/** What content extraction reads from one HTML page or PDF (analyzers/extract.ts, analyzers/pdf.ts). */
export interface PageContent {
  title: string;
  /** BCP-47-ish language ("en", "zh-TW"), from <html lang>, Content-Language, else script detection. */
  lang: string | null;
  description: string | null;
  headings: { level: number; text: string }[];
  /** Main content only: nav, header, footer, cookie banners, sidebars, related-post lists removed. */
  blocks: TextBlock[];
  /** blocks joined with newlines. */
  mainText: string;
  /** All JSON-LD objects, flattened out of @graph and arrays. */
  jsonLd: Record<string, unknown>[];
  /** JSON-LD scripts too broken to parse even after repairs (their text): dates read fields from them. */
  unparsedJsonLd?: string[];
  /** <meta name|property|itemprop=…> content, keys lower-cased, repeated keys keep the first. */
  meta: Record<string, string>;
  /** Document metadata for PDFs (title, author, creationDate, modDate as ISO day strings). */
  documentInfo: Record<string, string> | null;
  /** Outbound / internal links of the main content (with region) — from the crawler record. */
  links: LinkRecord[];
  /** Absolute URLs of embedded video players (YouTube, Vimeo … iframes) and <video> sources. */
  embeds?: string[];
  /** The main text ran past MAX_MAIN_TEXT characters (analyzers/extract.ts) and the rest was not read. */
  textCut?: boolean;
}

export type DateSource = 'json-ld' | 'meta' | 'time' | 'url' | 'text' | 'pdf' | 'header';

export interface DateFact {
  /** Calendar day as the page writes it, YYYY-MM-DD (never shifted to UTC). */
  date: string;
  source: DateSource;
  /** Which rule won, e.g. "json-ld:BlogPosting.datePublished", "text:民國 byline". */
  rule: string;
  /** 0..1 */
  confidence: number;
  /** The raw string the date was read from (short). */
  raw: string;
}

export interface PageDates {
  published: DateFact | null;
  /** Last modified / updated, reported separately and never used as the publish date. */
  modified: DateFact | null;
}

export type PageType = 'practice' | 'case-study' | 'thought-leadership' | 'listing' | 'other';
export type ThoughtLeadershipKind = 'blog' | 'news' | 'video' | 'event' | 'whitepaper' | 'other';

export interface PageClassification {
  type: PageType;
  /** For thought-leadership pages. */
  kind: ThoughtLeadershipKind | null;
  /** 0..1 */
  confidence: number;
  /** The signals that decided, e.g. "url:/case-studies/", "headings:Challenge/Solution/Results". */
  signals: string[];
}

export const RETAIL_AREAS = [
  'customer-engagement',
  'merchandising-planning',
  'supply-chain-distribution',
  'stores',
  'retail-data-science',
  'business-applications',
] as const;
export type RetailAreaId = (typeof RETAIL_AREAS)[number];

export interface RetailScore {
  /** 0..1 per area for this page. */
  areas: Record<RetailAreaId, number>;
  /** 0..1: how much the page is about retail (generic markers + areas). */
  score: number;
  /** Terms matched, per area plus "generic", for evidence. */
  terms: Record<RetailAreaId | 'generic', string[]>;
  /**
   * Per main-text block (title first): hash, size and the retail terms it holds, so the site-level
   * pass (analyzers/coverage.ts) can drop boilerplate blocks and re-score without the page body.
   */
  blocks?: RetailBlock[];
}

/** One lexicon match: the area (or "generic" retail marker), the term's label, retail-specific or general IT. */
export interface RetailHit {
  area: RetailAreaId | 'generic';
  term: string;
  specific: boolean;
}

export interface RetailBlock {
  /** analyzers/terms.ts blockHash(text): case- and whitespace-insensitive. */
  hash: string;
  /** Word-equivalents (Latin tokens + CJK characters / 1.6). */
  words: number;
  /** 2 for the title and h1/h2, 1.5 for h3, else 1. */
  weight: number;
  hits: RetailHit[];
}

export interface Excerpted {
  present: boolean;
  /** Short text that shows it (≤ 240 chars), null when absent. */
  excerpt: string | null;
}

export type CaseStudyElementId =
  | 'customerName'
  | 'customerWebsite'
  | 'problem'
  | 'solution'
  | 'awsServices'
  | 'retailDomainKnowledge'
  | 'thirdParty'
  | 'completedWithin18Months'
  | 'results'
  | 'compliance';

export type DeliveryModel = 'msp' | 'project' | 'unknown';

/** Validation-checklist signals (V2.2 … V2.13) visible in a case study. */
export type ValidationSignalId =
  | 'V2.1' | 'V2.2' | 'V2.3' | 'V2.4' | 'V2.5' | 'V2.6' | 'V2.7'
  | 'V2.8' | 'V2.10' | 'V2.11' | 'V2.12' | 'V2.13';

export interface CaseStudyFacts {
  customer: string | null;
  /** The story names no customer ("a large retailer", "Client: NDA"). */
  anonymized: boolean;
  /**
   * The rule of analyzers/case-study.ts CUSTOMER_RULES that found the customer (or found it
   * anonymised): label, json-ld, about-heading, title, anonymised, introduction; null when none did.
   * Absent in evidence stored before the field existed.
   */
  customerRule?: string | null;
  customerWebsite: string | null;
  /**
   * The industry the story files its customer under, as written in an "Industry:" / "Segment" / 產業
   * field; null when it has none. Absent in evidence stored before the field existed.
   */
  statedIndustry?: string | null;
  /**
   * All elements except completedWithin18Months, which depends on the audit date and is decided by
   * the P2.1 check from the page's publish date.
   */
  elements: Record<Exclude<CaseStudyElementId, 'completedWithin18Months'>, Excerpted>;
  compliance: string[];
  delivery: DeliveryModel;
  deliverySignals: { msp: string[]; project: string[] };
  thirdParty: string[];
  validationSignals: Partial<Record<ValidationSignalId, string>>;
}

/** Everything the analyzers read from one page; stored per page so checks can be re-run later. */
export interface PageFacts {
  title: string;
  lang: string | null;
  description: string | null;
  dates: PageDates;
  classification: PageClassification;
  /** The page's own retail reading, every block of it counted. */
  retail: RetailScore;
  /**
   * The same reading without the blocks the site repeats on many pages (taglines, menus in the main
   * text), set by src/audit.ts from analyzers/coverage.ts: what the checks judge. Absent in evidence
   * stored before the field existed, whose `retail` already holds it.
   */
  siteRetail?: RetailScore;
  /** Today's official names, e.g. "Amazon S3", de-duplicated, in order of first mention. */
  awsServices: string[];
  /** Mentions AWS at all (Amazon Web Services, AWS, 亞馬遜雲端 …). */
  mentionsAws: boolean;
  /** Other clouds named (Azure, Google Cloud …), to tell AWS case studies from others. */
  otherClouds: string[];
  /** Present for pages classified as case studies (and for PDFs that read as one). */
  caseStudy: CaseStudyFacts | null;
  /**
   * Industries other than retail that the main text names (healthcare, financial services, 製造 …),
   * analyzers/classify.ts otherIndustries(). A homepage naming several is a generalist's. Absent in
   * evidence stored before the field existed.
   */
  otherIndustries?: string[];
  /**
   * For case-study pages: phrases showing the page announces work not yet delivered ("has selected",
   * "expected to go live in 2027"), one per kind (analyzers/classify.ts announcementPhrases()).
   */
  announcement?: string[];
  /** Short lead text for reports (≤ 300 chars). */
  excerpt: string;
  /** Analysis error in words ("PDF could not be read: …"), null when fine. */
  error: string | null;
}
