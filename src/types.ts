// The audit's vocabulary: evidence that checks read, the results they return, and the report
// (../shared/report-contract.md, schemaVersion 2) that users script against.

import type { PageRecord, SkippedUrl, StoppedBy } from '../crawlers/types.ts';
import type { Derived } from './evidence/evaluation.ts';
import type { Message, MessageId, MessageValues, Reason } from './messages/index.ts';
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
/** One partner of an applicant list (src/batch/input.ts reads them; storage keeps them). */
export interface Applicant {
  /** Unique within the list; used for report file names and to match partners across runs. */
  id: string;
  name: string;
  /** As given, with https:// added when no scheme was given. */
  homepage: string;
  notes: string;
  /** Columns other than id, name, homepage and notes, carried into the summary. */
  extra: Record<string, string>;
  /** 1-based line of the row in the input file. */
  line: number;
}

export type CheckId = `P${number}.${number}` | `P${number}.${number}.${number}`;
export type CheckStatus = 'pass' | 'fail' | 'review';

/**
 * One row of a check's evidence: a page (or link) and what was found about it, as a message id (the
 * kind of row) with typed values (dates with their source, reasons with their rule, elements …) that
 * renderers draw by value type and word in the reader's language.
 */
export interface Finding {
  url: string;
  /** Click path from the homepage, homepage first; null when not reachable by links. */
  path: string[] | null;
  /** What the row says (note.<kind> words it). */
  kind: MessageId;
  values: MessageValues;
}

/**
 * How long a passing check keeps passing on its own, the evidence unchanged and only the audit date
 * moving on (dated case studies and posts leave their windows): the last audit date it passes, and why
 * it stops then.
 */
export interface Validity {
  /** YYYY-MM-DD: `--as-of` this date still passes, the day after does not. */
  until: string;
  /** What leaves its window (validity.<check> words it). */
  why: Message;
}

/** A check's decision as the check returns it: structured, no words. */
export interface CheckVerdict {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** Why this status (its message words it). */
  outcome: Message;
  /** What the partner could do; empty on pass. */
  advice: Message[];
  evidence: Finding[];
  /** Informational checks (P2.1, P2.3) never make the overall verdict fail. */
  informational: boolean;
  /** A passing check that will stop passing as time goes by: until when; null when it does not expire (or does not pass). */
  validUntil: Validity | null;
}

/** A finding in the report: with its English note, kept one version for scripts that read it. */
export interface EvidenceRow extends Finding {
  /** @deprecated since schemaVersion 2: English prose of kind and values; read those instead. */
  note: string;
}

/** A check in the report (schemaVersion 2): the verdict, plus the English prose of schemaVersion 1. */
export interface CheckResult extends Omit<CheckVerdict, 'evidence'> {
  evidence: EvidenceRow[];
  /** @deprecated since schemaVersion 2: the English words of `outcome`. */
  summary: string;
  /** @deprecated since schemaVersion 2: the English words of `advice`; null on pass. */
  recommendation: string | null;
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
  run(context: CheckContext): CheckVerdict;
}

// ---- Report (schemaVersion 2) ----

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
  /** How each element was decided: the rule (reason.practice.*) and the values it read. */
  elementReasons: Record<keyof ReportPracticePage['elements'], Reason>;
  /** @deprecated since schemaVersion 2: the English words of elementReasons. */
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
  /** Which rule of analyzers/case-study.ts CUSTOMER_RULES found the customer; null when none did. */
  customerRule: string | null;
  /** Retail and AWS: counted by P2.2.1. */
  counted: boolean;
  /** Why it is not counted: every P2.2.1 rule that applied (reason.<rule>), empty when counted. */
  notCounted: Reason[];
  /** @deprecated since schemaVersion 2: the English words of notCounted, null when counted. */
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
  schemaVersion: 2;
  tool: { name: 'partner-presence'; version: string };
  homepage: string;
  asOf: string;
  /** The windows the checks measured dates against: their length and first day. */
  windows: {
    caseStudies: { months: number; since: string };
    thoughtLeadership: { months: number; since: string };
  };
  /** Every number the checks decided by, from src/checks/thresholds.ts, in camelCase. */
  thresholds: Record<string, number>;
  /** pass when every scored check passes; fail when any fails; review otherwise. */
  verdict: CheckStatus;
  /**
   * The earliest validUntil of the passing checks: the last audit date on which the web presence
   * passes as it does today, and the check that stops first. Null when no passing check expires.
   */
  validUntil: { date: string; check: CheckId } | null;
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
