// P3.1: a retail practice microsite / landing page, reachable from the homepage, describing the AWS
// retail practice. The homepage counts only for a dedicated retail consultancy. The whole decision is
// here: the five elements a practice page shows (PRACTICE_ELEMENT_RULES), how candidates rank, the stub
// and homepage rules, and what each outcome means. Inputs: the practice-page candidates and where the
// site's case studies are (src/evidence/practice.ts), unread pages that may be practice pages.

import type { LinkRecord } from '../../crawlers/types.ts';
import { RETAIL_AREAS } from '../../analyzers/types.ts';
import { detectAws } from '../../analyzers/aws.ts';
import type { AnalyzedPage, Check, CheckContext, EvidenceRow, SiteEvidence } from '../types.ts';
import { derived } from '../evidence/evaluation.ts';
import { INTEREST_PATTERNS } from '../evidence/interests.ts';
import { contentWords, homepageRecord, isHomepageUrl, isPdf, readablePage, readableUrl, retailTermsOf, type ReadPage } from '../evidence/pages.ts';
import { caseStudyLinkTargets, practiceCandidates, type PracticeCandidate } from '../evidence/practice.ts';
import { unreadPracticePages } from '../evidence/unread.ts';
import { retailVerdict } from './retail.ts';
import {
  DEDICATED_RETAIL_SITE_SHARE, MAX_STUB_PRACTICE_WORDS, MIN_PRACTICE_ELEMENTS, MIN_TECHNICAL_AWS_SERVICES, MIN_USE_CASE_AREAS,
} from './thresholds.ts';
import { checkResult, unreadReview, type CheckMeta } from './result.ts';
import { describeRetail, plural } from './phrases.ts';

const meta: CheckMeta = {
  id: 'P3.1', title: 'Retail practice microsite', informational: false,
  requirement: 'a retail practice page reachable from the homepage (the homepage only counts for a dedicated retail consultancy)',
};

export type PracticeElementId = 'retailPractice' | 'awsSolutions' | 'useCases' | 'technicalSolutions' | 'caseStudyLinks';
export const PRACTICE_ELEMENTS: readonly PracticeElementId[] = ['retailPractice', 'awsSolutions', 'useCases', 'technicalSolutions', 'caseStudyLinks'];

export interface ElementReading {
  readonly present: boolean;
  readonly how: string;
}

/** What the element rules read of one candidate page. */
interface PageReading {
  readonly page: ReadPage;
  /** Retail areas the page speaks to. */
  readonly areas: readonly string[];
  /** Links in the page's own content that lead to case studies. */
  readonly studyLinks: readonly LinkRecord[];
  /** AWS services named outside the titles of linked case studies. */
  readonly services: readonly string[];
  /** Mentions AWS outside the titles of linked case studies. */
  readonly mentionsAws: boolean;
}

/**
 * Whether a link leads to case studies: to a case study, or to a page whose address or anchor says
 * "customers" / "case studies" unless the crawl read that page and found no case study behind it (a
 * wall of customer logos is not a set of case studies).
 */
function leadsToCaseStudies(link: LinkRecord, caseStudyUrls: ReadonlySet<string>, read: ReadonlyMap<string, AnalyzedPage>): boolean {
  if (caseStudyUrls.has(link.url)) return true;
  if (!link.internal || !INTEREST_PATTERNS['case-study'].test(`${readableUrl(link.url)} ${link.text}`)) return false;
  const target = read.get(link.url);
  if (!target || !readablePage(target)) return true;
  // An index: it links on to a study, or to pages the crawl did not read (they may be studies).
  return target.links.some((l) => l.region === 'main' && l.internal
    && (caseStudyUrls.has(l.url) || (!read.has(l.url) && INTEREST_PATTERNS['case-study'].test(`${readableUrl(l.url)} ${l.text}`))));
}

function readPage(page: ReadPage, targets: { caseStudyUrls: ReadonlySet<string>; read: ReadonlyMap<string, AnalyzedPage> }): PageReading {
  const f = page.facts;
  // Only links in the page's own content: the site-wide "Case studies" menu item is on every page.
  const studyLinks = page.links.filter((l) => l.region === 'main' && leadsToCaseStudies(l, targets.caseStudyUrls, targets.read));
  // AWS named only in the titles of the case studies it links to ("… moves to AWS") says nothing of
  // the partner's own AWS solutions: those mentions do not count for the page.
  const inStudyLinks = detectAws(studyLinks.map((l) => l.text).join('\n'));
  const services = f.awsServices.filter((s) => !inStudyLinks.services.includes(s));
  return {
    page,
    areas: RETAIL_AREAS.filter((a) => f.retail.areas[a] > 0),
    studyLinks,
    services,
    mentionsAws: services.length > 0 || (f.mentionsAws && !inStudyLinks.mentionsAws),
  };
}

/** The five elements of a practice page, each decided by its own rule. */
export const PRACTICE_ELEMENT_RULES: readonly { readonly id: PracticeElementId; readonly read: (r: PageReading) => ElementReading }[] = [
  {
    id: 'retailPractice',
    read: ({ page }) => ({ present: retailVerdict(page.facts.retail.score) === 'retail', how: describeRetail(page.facts.retail.score, retailTermsOf(page.facts)) }),
  },
  {
    id: 'awsSolutions',
    read: ({ page, services, mentionsAws }) => ({
      present: mentionsAws,
      how: services.length > 0 ? `names ${services.slice(0, 6).join(', ')}`
        : mentionsAws ? 'mentions AWS, names no service'
        : page.facts.mentionsAws ? 'AWS named only in the titles of linked case studies' : 'no AWS mention',
    }),
  },
  {
    id: 'useCases',
    read: ({ areas }) => ({
      present: areas.length >= MIN_USE_CASE_AREAS,
      how: `covers ${areas.length} of 6 retail areas${areas.length ? ` (${areas.join(', ')})` : ''}; needs ${MIN_USE_CASE_AREAS}`,
    }),
  },
  {
    id: 'technicalSolutions',
    read: ({ services }) => ({
      present: services.length >= MIN_TECHNICAL_AWS_SERVICES,
      how: `${services.length} AWS services named outside case-study links; needs ${MIN_TECHNICAL_AWS_SERVICES}`,
    }),
  },
  {
    id: 'caseStudyLinks',
    read: ({ studyLinks }) => ({
      present: studyLinks.length > 0,
      how: studyLinks.length > 0 ? `links to ${studyLinks.slice(0, 3).map((l) => l.url).join(', ')}` : 'no link to a case study',
    }),
  },
];

export interface ScoredCandidate extends PracticeCandidate {
  readonly elements: Readonly<Record<PracticeElementId, ElementReading>>;
  /** Ranking score: retail focus, practice signals, AWS, elements shown. */
  readonly score: number;
  readonly signals: readonly string[];
}

function score(c: PracticeCandidate, targets: Parameters<typeof readPage>[1]): ScoredCandidate {
  const f = c.page.facts;
  const reading = readPage(c.page, targets);
  const elements = Object.fromEntries(PRACTICE_ELEMENT_RULES.map((rule) => [rule.id, rule.read(reading)])) as Record<PracticeElementId, ElementReading>;
  const present = PRACTICE_ELEMENTS.filter((e) => elements[e].present).length;
  const signals: string[] = [];
  if (c.type === 'practice') signals.push(`classified practice (${f.classification.signals.slice(0, 3).join(', ')})`);
  if (c.namesRetail) signals.push('names retail in its address or title');
  return {
    ...c,
    elements,
    signals,
    score: 3 * f.retail.score + (c.type === 'practice' ? 2 : 0) + (c.namesRetail ? 1 : 0)
      + Math.min(f.awsServices.length, 5) / 5 + (f.mentionsAws ? 0.5 : 0) + present / 5,
  };
}

/** The candidates with their elements, best first. */
export const scoredPracticeCandidates = derived('scored-practice-candidates', (evaluation): readonly ScoredCandidate[] => {
  const targets = evaluation.get(caseStudyLinkTargets);
  return evaluation.get(practiceCandidates).map((c) => score(c, targets)).sort((a, b) => b.score - a.score || a.url.localeCompare(b.url));
});

/** Share of `pages` whose (boilerplate-free) retail score passes the threshold. */
function retailShare(pages: ReadPage[]): { share: number; retail: number; total: number } {
  const retail = pages.filter((p) => retailVerdict(p.facts.retail.score) === 'retail').length;
  return { share: pages.length ? retail / pages.length : 0, retail, total: pages.length };
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

function qualifies(c: ScoredCandidate): boolean {
  return c.elements.retailPractice.present && c.elements.awsSolutions.present && stubWords(c) === null;
}

/**
 * The page's word count when it is a stub: a few lines that say retail and AWS but name no AWS service,
 * no retail use case and no case study. Null when it is more than that (or its length is unknown).
 */
export function stubWords(c: ScoredCandidate): number | null {
  const words = contentWords(c.page.facts);
  if (words === null || words > MAX_STUB_PRACTICE_WORDS) return null;
  const shows = c.page.facts.awsServices.length > 0 || c.elements.useCases.present || c.elements.caseStudyLinks.present;
  return shows ? null : words;
}

export interface PracticeChoice {
  /** The accepted practice page (possibly unreachable), or null when none qualifies. */
  readonly chosen: ScoredCandidate | null;
  readonly candidates: readonly ScoredCandidate[];
  readonly dedicated: DedicatedRetailReading;
}

/** The practice page P3.1 judges: the best qualifying candidate, reachable ones first. */
export const practiceChoice = derived('practice-choice', (evaluation): PracticeChoice => {
  const candidates = evaluation.get(scoredPracticeCandidates);
  const dedicated = dedicatedRetailConsultancy(evaluation.evidence);
  const accepted = candidates.filter((c) => qualifies(c) && (!c.isHomepage || dedicated.dedicated));
  const chosen = accepted.find((c) => c.path !== null) ?? accepted[0] ?? null;
  return { chosen, candidates, dedicated };
});

function elementsNote(c: ScoredCandidate): string {
  return PRACTICE_ELEMENTS.map((e) => `${e} ${c.elements[e].present ? 'yes' : 'no'} (${c.elements[e].how})`).join('; ');
}

function candidateRow(c: ScoredCandidate, verdict: string): EvidenceRow {
  const signals = c.signals.length ? ` (${c.signals.join('; ')})` : '';
  return { url: c.url, path: c.path, note: `${verdict}${c.isHomepage ? ' [homepage]' : ''}${signals}: ${elementsNote(c)}` };
}

function run({ get }: CheckContext) {
  const { chosen, candidates, dedicated } = get(practiceChoice);
  const others = candidates.filter((c) => c !== chosen).slice(0, 4);
  const rows: EvidenceRow[] = [
    ...(chosen ? [candidateRow(chosen, 'practice page')] : []),
    ...others.map((c) => candidateRow(c, 'other candidate')),
  ];
  if (chosen?.path) {
    const present = PRACTICE_ELEMENTS.filter((e) => chosen.elements[e].present);
    const missing = PRACTICE_ELEMENTS.filter((e) => !chosen.elements[e].present);
    const where = chosen.isHomepage ? `the homepage (a dedicated retail consultancy: ${dedicated.note})` : chosen.url;
    const summary = `Practice page ${where}, ${plural(chosen.path.length - 1, 'click')} from the homepage; covers ${present.length} of 5 elements${missing.length ? ` (missing ${missing.join(', ')})` : ''}`;
    if (present.length >= MIN_PRACTICE_ELEMENTS) return checkResult(meta, 'pass', summary, rows, null);
    return checkResult(meta, 'review', `${summary}: too thin to call a practice microsite without a look`, rows,
      `Extend ${chosen.url} to cover ${missing.join(', ')}: AWS retail use cases, the technical solutions and AWS services used, and links to the retail case studies.`);
  }

  const unread = get(unreadPracticePages);
  if (unread.length > 0) return unreadReview(meta, 'No reachable retail practice page found', rows, unread);
  if (chosen) {
    const how = chosen.page.foundVia === 'sitemap' ? 'is listed only in sitemap.xml' : 'is not linked from any page reachable from the homepage';
    return checkResult(meta, 'fail', `The retail practice page ${chosen.url} ${how}`, rows,
      `Link ${chosen.url} from the homepage, ideally from the main navigation (e.g. Industries › Retail).`);
  }
  const stub = candidates.find((c) => !c.isHomepage && c.path !== null && c.elements.retailPractice.present && stubWords(c) !== null);
  if (stub) {
    return checkResult(meta, 'fail', `The retail page ${stub.url} is a stub (${stubWords(stub)} words): it names retail and AWS but no AWS service, retail use case or case study`, rows,
      `Turn ${stub.url} into a retail practice page: the AWS retail practice and team, the AWS solutions and services used, retail use cases, and links to the retail case studies.`);
  }
  const borderline = candidates.find((c) => c.elements.awsSolutions.present && retailVerdict(c.page.facts.retail.score) === 'borderline' && !c.isHomepage);
  if (borderline) {
    return checkResult(meta, 'review', `The best practice-page candidate ${borderline.url} has a borderline retail score`, rows,
      `Check whether ${borderline.url} is the retail practice page; if so, make its retail focus explicit.`);
  }
  const near = candidates.find((c) => !c.isHomepage && c.elements.retailPractice.present);
  if (near) {
    return checkResult(meta, 'fail', `The retail page ${near.url} does not present an AWS practice (${near.elements.awsSolutions.how})`, rows,
      `Describe the AWS retail practice on ${near.url}: the AWS solutions and services used, competency use cases and links to AWS case studies.`);
  }
  const home = candidates.find((c) => c.isHomepage && qualifies(c));
  if (home) {
    return checkResult(meta, 'fail', `Only the homepage speaks to AWS retail, and it is not accepted: the partner is not a dedicated retail consultancy (${dedicated.note})`,
      rows, 'Create a retail practice page (e.g. /industries/retail) describing the AWS retail practice, solutions, use cases and case studies, and link it from the main navigation.');
  }
  return checkResult(meta, 'fail', 'No retail practice page found', rows,
    'Create a retail practice page describing the AWS retail practice, solutions, use cases and case studies, and link it from the homepage navigation.');
}

export const practicePage: Check = { ...meta, inputs: [practiceChoice, unreadPracticePages], run };
