// P3.1: a retail practice microsite / landing page, reachable from the homepage, describing the AWS
// retail practice. The homepage counts only for a dedicated retail consultancy.

import type { Check, EvidenceRow, SiteEvidence } from '../types.ts';
import { contentWords, dedicatedRetailConsultancy, practiceCandidates, PRACTICE_ELEMENTS, retailVerdict, unreadThatMatters,
  type PracticeCandidate } from '../evidence.ts';
import { MAX_STUB_PRACTICE_WORDS, MIN_PRACTICE_ELEMENTS } from './thresholds.ts';
import { checkResult, plural, unreadReview, type CheckMeta } from './result.ts';

const meta: CheckMeta = { id: 'P3.1', title: 'Retail practice microsite', informational: false };

function qualifies(c: PracticeCandidate): boolean {
  return c.elements.retailPractice.present && c.elements.awsSolutions.present && stubWords(c) === null;
}

/**
 * The page's word count when it is a stub: a few lines that say retail and AWS but name no AWS service,
 * no retail use case and no case study. Null when it is more than that (or its length is unknown).
 */
export function stubWords(c: PracticeCandidate): number | null {
  const words = contentWords(c.page.facts);
  if (words === null || words > MAX_STUB_PRACTICE_WORDS) return null;
  const shows = c.page.facts.awsServices.length > 0 || c.elements.useCases.present || c.elements.caseStudyLinks.present;
  return shows ? null : words;
}

export interface PracticeChoice {
  /** The accepted practice page (possibly unreachable), or null when none qualifies. */
  chosen: PracticeCandidate | null;
  candidates: PracticeCandidate[];
  dedicated: ReturnType<typeof dedicatedRetailConsultancy>;
}

/** The practice page P3.1 judges: the best qualifying candidate, reachable ones first. */
export function choosePracticePage(evidence: SiteEvidence): PracticeChoice {
  const candidates = practiceCandidates(evidence);
  const dedicated = dedicatedRetailConsultancy(evidence);
  const accepted = candidates.filter((c) => qualifies(c) && (!c.isHomepage || dedicated.dedicated));
  const chosen = accepted.find((c) => c.path !== null) ?? accepted[0] ?? null;
  return { chosen, candidates, dedicated };
}

function elementsNote(c: PracticeCandidate): string {
  return PRACTICE_ELEMENTS.map((e) => `${e} ${c.elements[e].present ? 'yes' : 'no'} (${c.elements[e].how})`).join('; ');
}

function candidateRow(c: PracticeCandidate, verdict: string): EvidenceRow {
  const signals = c.signals.length ? ` (${c.signals.join('; ')})` : '';
  return { url: c.url, path: c.path, note: `${verdict}${c.isHomepage ? ' [homepage]' : ''}${signals}: ${elementsNote(c)}` };
}

function run(evidence: SiteEvidence) {
  const { chosen, candidates, dedicated } = choosePracticePage(evidence);
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

  const unread = unreadThatMatters(evidence, 'practice');
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

export const practicePage: Check = { ...meta, run };
