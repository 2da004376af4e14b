// P3.1: a retail practice microsite / landing page, reachable from the homepage, describing the AWS
// retail practice. The homepage counts only for a dedicated retail consultancy. The whole decision is
// here: the five elements a practice page shows (PRACTICE_ELEMENT_RULES), how candidates rank, the stub
// and homepage rules, and what each outcome means. Inputs: the practice-page candidates and where the
// site's case studies are (src/evidence/practice.ts), unread pages that may be practice pages.

import type { LinkRecord } from '../../crawlers/types.ts';
import { RETAIL_AREAS } from '../../analyzers/types.ts';
import { detectAws } from '../../analyzers/aws.ts';
import type { AnalyzedPage, Check, CheckContext, Finding, SiteEvidence } from '../types.ts';
import { message, t, type ElementsValue, type Message, type Reason } from '../messages/index.ts';
import { derived } from '../evidence/evaluation.ts';
import { INTEREST_PATTERNS } from '../evidence/interests.ts';
import { contentWords, homepageRecord, isHomepageUrl, isPdf, readablePage, readableUrl, retailTermsOf, siteRetail, type ReadPage } from '../evidence/pages.ts';
import { caseStudyLinkTargets, practiceCandidates, type PracticeCandidate } from '../evidence/practice.ts';
import { setAsidePracticePages, unreadPracticePages } from '../evidence/unread.ts';
import { retailVerdict } from './retail.ts';
import {
  DEDICATED_RETAIL_SITE_SHARE, MAX_STUB_PRACTICE_WORDS, MIN_PRACTICE_ELEMENTS, MIN_TECHNICAL_AWS_SERVICES, MIN_USE_CASE_AREAS,
} from './thresholds.ts';
import { checkResult, unreadReview, withSetAside, type CheckMeta } from './result.ts';
import { label, reasons, retail, url, urls } from './values.ts';

const meta: CheckMeta = {
  id: 'P3.1', title: t('en', 'check.P3.1.title'), informational: false, requirement: t('en', 'check.P3.1.requirement'),
};

export type PracticeElementId = 'retailPractice' | 'awsSolutions' | 'useCases' | 'technicalSolutions' | 'caseStudyLinks';
export const PRACTICE_ELEMENTS: readonly PracticeElementId[] = ['retailPractice', 'awsSolutions', 'useCases', 'technicalSolutions', 'caseStudyLinks'];

export interface ElementReading {
  readonly present: boolean;
  /** How it was decided (reason.practice.* words it). */
  readonly reason: Reason;
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
    areas: RETAIL_AREAS.filter((a) => siteRetail(f).areas[a] > 0),
    studyLinks,
    services,
    mentionsAws: services.length > 0 || (f.mentionsAws && !inStudyLinks.mentionsAws),
  };
}

/** The five elements of a practice page, each decided by its own rule. */
export const PRACTICE_ELEMENT_RULES: readonly { readonly id: PracticeElementId; readonly read: (r: PageReading) => ElementReading }[] = [
  {
    id: 'retailPractice',
    read: ({ page }) => ({
      present: retailVerdict(siteRetail(page.facts).score) === 'retail',
      reason: { rule: 'practice.retail', values: { retail: retail(siteRetail(page.facts).score, retailTermsOf(page.facts)) } },
    }),
  },
  {
    id: 'awsSolutions',
    read: ({ page, services, mentionsAws }) => ({
      present: mentionsAws,
      reason: services.length > 0 ? { rule: 'practice.aws.services', values: { services: [...services] } }
        : { rule: mentionsAws ? 'practice.aws.mention' : page.facts.mentionsAws ? 'practice.aws.only-in-study-links' : 'practice.aws.none' },
    }),
  },
  {
    id: 'useCases',
    read: ({ areas }) => ({
      present: areas.length >= MIN_USE_CASE_AREAS,
      reason: { rule: 'practice.use-cases', values: { count: areas.length, of: RETAIL_AREAS.length, areas: areas.map((a) => label('area', a)), needs: MIN_USE_CASE_AREAS } },
    }),
  },
  {
    id: 'technicalSolutions',
    read: ({ services }) => ({
      present: services.length >= MIN_TECHNICAL_AWS_SERVICES,
      reason: { rule: 'practice.technical', values: { count: services.length, needs: MIN_TECHNICAL_AWS_SERVICES } },
    }),
  },
  {
    id: 'caseStudyLinks',
    read: ({ studyLinks }) => ({
      present: studyLinks.length > 0,
      reason: studyLinks.length > 0 ? { rule: 'practice.links', values: { urls: urls(studyLinks.map((l) => l.url)) } } : { rule: 'practice.links.none' },
    }),
  },
];

export interface ScoredCandidate extends PracticeCandidate {
  readonly elements: Readonly<Record<PracticeElementId, ElementReading>>;
  /** Ranking score: retail focus, practice signals, AWS, elements shown. */
  readonly score: number;
  /** Why it is a candidate (signal.* words each). */
  readonly signals: readonly Message[];
}

function score(c: PracticeCandidate, targets: Parameters<typeof readPage>[1]): ScoredCandidate {
  const f = c.page.facts;
  const reading = readPage(c.page, targets);
  const elements = Object.fromEntries(PRACTICE_ELEMENT_RULES.map((rule) => [rule.id, rule.read(reading)])) as Record<PracticeElementId, ElementReading>;
  const present = PRACTICE_ELEMENTS.filter((e) => elements[e].present).length;
  const signals: Message[] = [];
  if (c.type === 'practice') signals.push(message('signal.classified-practice'));
  if (c.namesRetail) signals.push(message('signal.names-retail'));
  return {
    ...c,
    elements,
    signals,
    score: 3 * siteRetail(f).score + (c.type === 'practice' ? 2 : 0) + (c.namesRetail ? 1 : 0)
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
  const retail = pages.filter((p) => retailVerdict(siteRetail(p.facts).score) === 'retail').length;
  return { share: pages.length ? retail / pages.length : 0, retail, total: pages.length };
}

export interface DedicatedRetailReading {
  readonly dedicated: boolean;
  /** What decided it (reason.practice.dedicated words it). */
  readonly reason: Reason;
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
  if (!home) return { dedicated: false, reason: { rule: 'practice.dedicated.unreadable' } };
  const readable = evidence.pages.filter(readablePage).filter((p) => p.finalUrl !== home.finalUrl && !isHomepageUrl(p.finalUrl, evidence.homepage));
  const offerings = readable.filter((p) => p.facts.classification.type === 'practice' && !isPdf(p));
  const judged = offerings.length >= MIN_OFFERING_PAGES ? offerings : readable;
  const share = retailShare(judged);
  const homeRetail = retailVerdict(siteRetail(home.facts).score) === 'retail';
  // "Healthcare, financial services, retail and manufacturing": the homepage itself says the partner
  // serves several industries, whatever share of its pages (a busy retail blog) speaks of retail.
  const industries = home.facts.otherIndustries ?? [];
  const generalist = industries.length > MAX_OTHER_INDUSTRIES_OF_SPECIALIST;
  return {
    dedicated: homeRetail && !generalist && share.share >= DEDICATED_RETAIL_SITE_SHARE,
    reason: {
      rule: 'practice.dedicated',
      values: {
        home: retail(siteRetail(home.facts).score), retailPages: share.retail, total: share.total, offerings: judged === offerings,
        share: share.share, needs: DEDICATED_RETAIL_SITE_SHARE, industries: generalist ? industries.map((i) => label('industry', i)) : null,
      },
    },
  };
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

/** A candidate as a finding: its role, why it is a candidate, and its five elements. */
function candidateFinding(c: ScoredCandidate, role: 'practice-page' | 'other-candidate'): Finding {
  return {
    url: c.url,
    path: c.path,
    kind: 'note.practice-candidate',
    values: {
      role: message(`P3.1.role.${role}`),
      homepage: c.isHomepage,
      signals: [...c.signals],
      elements: { type: 'elements', set: 'practice', elements: PRACTICE_ELEMENTS.map((id) => ({ id, present: c.elements[id].present, reason: c.elements[id].reason })) },
    },
  };
}

function decide({ get }: CheckContext) {
  const { chosen, candidates, dedicated } = get(practiceChoice);
  const others = candidates.filter((c) => c !== chosen).slice(0, 4);
  const rows: Finding[] = [
    ...(chosen ? [candidateFinding(chosen, 'practice-page')] : []),
    ...others.map((c) => candidateFinding(c, 'other-candidate')),
  ];
  if (chosen?.path) {
    const present = PRACTICE_ELEMENTS.filter((e) => chosen.elements[e].present);
    const missing: ElementsValue = { type: 'elements', set: 'practice', elements: PRACTICE_ELEMENTS.filter((e) => !chosen.elements[e].present).map((id) => ({ id, present: false })) };
    const found = message('P3.1.found', {
      where: chosen.isHomepage ? message('P3.1.where.homepage', { dedicated: reasons(dedicated.reason) }) : url(chosen.url),
      count: chosen.path.length - 1, present: present.length, total: PRACTICE_ELEMENTS.length, missing,
    });
    if (present.length >= MIN_PRACTICE_ELEMENTS) return checkResult(meta, 'pass', found, rows, []);
    return checkResult(meta, 'review', message('P3.1.thin', { found }), rows, [message('P3.1.advice.extend', { url: url(chosen.url), missing })]);
  }

  const unread = get(unreadPracticePages);
  if (unread.length > 0) return unreadReview(meta, message('P3.1.none-reachable'), rows, unread);
  if (chosen) {
    return checkResult(meta, 'fail', message('P3.1.not-linked', { url: url(chosen.url), sitemapOnly: chosen.page.foundVia === 'sitemap' }), rows,
      [message('P3.1.advice.link', { url: url(chosen.url) })]);
  }
  const stub = candidates.find((c) => !c.isHomepage && c.path !== null && c.elements.retailPractice.present && stubWords(c) !== null);
  if (stub) return checkResult(meta, 'fail', message('P3.1.stub', { url: url(stub.url), words: stubWords(stub)! }), rows, [message('P3.1.advice.stub', { url: url(stub.url) })]);
  const borderline = candidates.find((c) => c.elements.awsSolutions.present && retailVerdict(siteRetail(c.page.facts).score) === 'borderline' && !c.isHomepage);
  if (borderline) {
    return checkResult(meta, 'review', message('P3.1.borderline', { url: url(borderline.url) }), rows, [message('P3.1.advice.borderline', { url: url(borderline.url) })]);
  }
  const near = candidates.find((c) => !c.isHomepage && c.elements.retailPractice.present);
  if (near) {
    return checkResult(meta, 'fail', message('P3.1.no-aws-practice', { url: url(near.url), aws: reasons(near.elements.awsSolutions.reason) }), rows,
      [message('P3.1.advice.describe', { url: url(near.url) })]);
  }
  const home = candidates.find((c) => c.isHomepage && qualifies(c));
  if (home) return checkResult(meta, 'fail', message('P3.1.homepage-only', { dedicated: reasons(dedicated.reason) }), rows, [message('P3.1.advice.create-nav')]);
  return checkResult(meta, 'fail', message('P3.1.none'), rows, [message('P3.1.advice.create')]);
}

const run = (context: CheckContext) => withSetAside(decide(context), context.get(setAsidePracticePages));

export const practicePage: Check = { ...meta, inputs: [practiceChoice, unreadPracticePages, setAsidePracticePages], run };
