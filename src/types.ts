// The audit's vocabulary: evidence that checks read, the results they return, and the report
// (../shared/report-contract.md, schemaVersion 1) that users script against.

import type { PageRecord, SkippedUrl, StoppedBy } from '../crawlers/types.ts';
import type { Derived } from './evidence/evaluation.ts';
import type { PageFacts, RetailAreaId, CaseStudyElementId, Excerpted, DeliveryModel, DateSource,
  ThoughtLeadershipKind } from '../analyzers/types.ts';

/** A crawled page with its body dropped and its facts attached: what storage keeps and checks read. */
export type AnalyzedPage = Omit<PageRecord, 'body' | 'bytes'> & {
  /** Shortest click path from the homepage, null when not reachable by links. */
  path: string[] | null;
  /** Null when the page could not be analysed (error, blocked, non-HTML non-PDF). */
  facts: PageFacts | null;
};

/**
 * Everything the checks may look at for one site. Serializable to JSON so a stored audit can be
 * re-evaluated later (`report --as-of`) without crawling again.
 */
export interface SiteEvidence {
  homepage: string;
  scopeDomain: string;
  pages: AnalyzedPage[];
  skipped: SkippedUrl[];
  outbound: { url: string; from: string; text: string }[];
  /** Site-level retail coverage (boilerplate removed), see analyzers/coverage.ts. */
  retailCoverage: { areas: Record<RetailAreaId, number>; overall: number };
  crawl: {
    pagesFetched: number;
    pagesRendered: number;
    documents: number;
    stoppedBy: StoppedBy;
    renderUnavailable: string | null;
    durationMs: number;
    startedAt: string;
  };
}

/** A checklist item's id as the checklist numbers it (P2.2.1); the checks are listed in src/checks/index.ts. */
export type CheckId = `P${number}.${number}` | `P${number}.${number}.${number}`;
export type CheckStatus = 'pass' | 'fail' | 'review';

export interface EvidenceRow {
  url: string;
  /** Click path from the homepage, homepage first; null when not reachable by links. */
  path: string[] | null;
  note: string;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  summary: string;
  evidence: EvidenceRow[];
  /** What the partner could do; null on pass. */
  recommendation: string | null;
  /** Informational checks (P2.1, P2.3) never make the overall verdict fail. */
  informational: boolean;
}

/** What a check is given: the evidence, the audit date, and the derived evidence it declared. */
export interface CheckContext {
  readonly evidence: SiteEvidence;
  readonly asOf: string;
  /** Derived evidence, computed once per evaluation; only what the check lists in its `inputs`. */
  get<T>(input: Derived<T>): T;
}

/** A check is a pure function of the evidence and the audit date (Lighthouse-style audit). */
export interface Check {
  id: CheckId;
  title: string;
  /** What it takes to pass, one line (the CLI's help lists it). */
  requirement: string;
  /** Informational checks (P2.1, P2.3) never make the overall verdict fail nor the exit code non-zero. */
  informational: boolean;
  /** The derived evidence it reads (Lighthouse's requiredArtifacts): the files that hold the rest of its decision. */
  inputs: readonly Derived<unknown>[];
  run(context: CheckContext): CheckResult;
}

// ---- Report (schemaVersion 1) ----

export interface ReportPracticePage {
  url: string;
  path: string[] | null;
  isHomepage: boolean;
  elements: {
    retailPractice: boolean;
    awsSolutions: boolean;
    useCases: boolean;
    technicalSolutions: boolean;
    caseStudyLinks: boolean;
  };
  /** How each element was decided ("names Amazon S3, AWS Lambda", "covers 3 of 6 retail areas …"). */
  elementNotes: Record<keyof ReportPracticePage['elements'], string>;
}

export interface ReportCaseStudy {
  url: string;
  title: string;
  customer: string | null;
  format: 'html' | 'pdf';
  retail: boolean;
  aws: boolean;
  reachable: boolean;
  path: string[] | null;
  published: string | null;
  publishedSource: DateSource | null;
  elements: Record<CaseStudyElementId, Excerpted>;
  compliance: string[];
  delivery: DeliveryModel;
  awsServices: string[];
  /** Retail and AWS: counted by P2.2.1. */
  counted: boolean;
  /** Why it is not counted ("not AWS (primarily Microsoft Azure)"), null when counted. */
  notCountedWhy: string | null;
  /** Boilerplate-free retail score 0..1 of the study (its page or attached PDF, the higher). */
  retailScore: number;
  /** PDFs linked from the study's page and counted as part of it. */
  attachments: string[];
}

export interface ReportThoughtLeadership {
  url: string;
  title: string;
  kind: ThoughtLeadershipKind;
  retail: boolean;
  published: string | null;
  publishedSource: DateSource | null;
  withinWindow: boolean;
  reachable: boolean;
  path: string[] | null;
  retailScore: number;
  /** Last-modified date, shown for information only: it never stands in for the publish date. */
  modified: string | null;
}

export interface ReportPage {
  url: string;
  finalUrl: string;
  httpStatus: number | null;
  contentType: string | null;
  depth: number | null;
  path: string[] | null;
  foundVia: PageRecord['foundVia'];
  rendered: boolean;
  title: string | null;
  lang: string | null;
  type: 'practice' | 'case-study' | 'thought-leadership' | 'listing' | 'other';
  published: string | null;
  publishedSource: DateSource | null;
  retailScore: number;
  error: string | null;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'partner-presence'; version: string };
  homepage: string;
  asOf: string;
  /** pass when every scored check passes; fail when any fails; review otherwise. */
  verdict: CheckStatus;
  crawl: {
    pagesFetched: number;
    pagesRendered: number;
    documents: number;
    blockedByRobots: string[];
    errors: { url: string; error: string }[];
    stoppedBy: StoppedBy;
    renderUnavailable: string | null;
    durationMs: number;
  };
  checks: CheckResult[];
  practicePage: ReportPracticePage | null;
  caseStudies: ReportCaseStudy[];
  thoughtLeadership: ReportThoughtLeadership[];
  retailCoverage: { areas: Record<RetailAreaId, number>; overall: number };
  pages: ReportPage[];
}
