// What the result store holds and the operations a batch, a worker and `report` need, independent of
// where it lives: SQLite in DIR/results.sqlite (the default, nothing to set up) or a shared PostgreSQL
// database (`--store postgres://…`) that workers on many machines write to.

import type { Applicant, CheckResult, CheckStatus, CheckId, SiteEvidence } from '../types.ts';
import type { Problem } from '../messages/index.ts';

/**
 * A partner in flight when its process died this many times is marked failed instead of being
 * audited again: a site that crashes the process (or runs it out of memory) must not stop every
 * --resume or every worker. After the first such death a suspect is audited alone (batch) so that an
 * innocent partner merely in flight beside the culprit is not blamed twice.
 */
export const MAX_CRASHES = 2;

export type RunState = 'running' | 'finished' | 'interrupted';
/** pending: not started or to be redone; running: in flight (or lost to a kill); done / failed: final. */
export type PartnerState = 'pending' | 'running' | 'done' | 'failed';

export interface RunRow {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  state: RunState;
  /** Process that started (or last resumed) it; for the record only (the output lock says who runs it). */
  pid: number;
  inputPath: string;
  inputSha256: string;
  asOf: string;
  /** Serializable audit options the run was started with; a resumed run reuses them. */
  options: Record<string, unknown>;
  extraColumns: string[];
}

/** A partner as the applicant list gives it (batch/input.ts reads them). */
export type PartnerInput = Applicant;

/** What the summary, the CSV and index.html show for one partner; stored so they need no evidence. */
export interface PartnerSummary {
  finalHomepage: string;
  verdict: CheckStatus;
  pagesCrawled: number;
  caseStudiesFound: number;
  caseStudiesReachable: number;
  newestRetailThoughtLeadership: string | null;
  /** report.validUntil's date: the last audit date every passing check still passes on its own (absent in results stored before it existed). */
  validUntil?: string | null;
  practicePage: string | null;
}

export interface PartnerRow extends PartnerInput {
  runId: number;
  position: number;
  state: PartnerState;
  attempts: number;
  /** Times the batch process died (crash, kill, out of memory) while this partner was in flight. */
  crashes: number;
  /** Whether reports/<id>.* match this partner's stored outcome (written for done, absent for failed). */
  outputsCurrent: boolean;
  /** Who audits (or last audited) it: host:pid of the batch or worker process, and since when. */
  worker: string | null;
  startedAt: string | null;
  /** Why it failed, in English words: all a row failed before schema 5 has. */
  error: string | null;
  /** Why it failed, as data (worded when shown); null before schema 5. */
  failure: Problem | null;
  auditedAt: string | null;
  durationMs: number | null;
  summary: PartnerSummary | null;
}

export interface PartnerResult {
  evidence: SiteEvidence;
  checks: CheckResult[];
  asOf: string;
  summary: PartnerSummary;
  durationMs: number;
  /** Page bodies by URL, stored (gzip) only with --keep-html. */
  bodies?: Map<string, string>;
}

export interface CheckRow {
  checkId: CheckId;
  status: CheckStatus;
  summary: string;
}

/** A partner in flight, for `status`. */
export interface RunningPartner {
  partnerId: string;
  worker: string | null;
  startedAt: string | null;
}

export interface RunProgress {
  run: RunRow;
  pending: number;
  running: RunningPartner[];
  done: number;
  failed: number;
}

export interface Store {
  /** Where the results are, for messages: a file path or a postgres URL without its password. */
  readonly location: string;
  close(): Promise<void>;
  /** Records a new run and all its partners as pending, in one transaction. */
  startRun(meta: {
    inputPath: string;
    inputSha256: string;
    asOf: string;
    options: Record<string, unknown>;
    extraColumns: string[];
    partners: PartnerInput[];
  }): Promise<RunRow>;
  run(id: number): Promise<RunRow | null>;
  latestRun(): Promise<RunRow | null>;
  /** The latest run not finished: interrupted by Ctrl-C, or still marked running after a kill. */
  latestUnfinishedRun(): Promise<RunRow | null>;
  /**
   * Takes over a run for resuming (the caller holds the output directory's lock, so no process runs
   * it). Partners still marked running were in flight when the process died: each such death is
   * counted, and a partner that has now seen MAX_CRASHES of them is recorded as failed; the others go
   * back to pending. The run is marked as ours.
   */
  resumeRun(runId: number): Promise<RunRow>;
  finishRun(runId: number, state: Exclude<RunState, 'running'>): Promise<void>;
  /** Marks the run finished when no partner of it is pending or running; returns whether it did. */
  finishRunIfComplete(runId: number): Promise<boolean>;
  partners(runId: number): Promise<PartnerRow[]>;
  partner(runId: number, partnerId: string): Promise<PartnerRow | null>;
  /**
   * Marks a partner as in flight by `worker` (committed at once, so a death leaves a trace). A partner
   * found still running was being audited by a process that died: that death is counted, and at
   * MAX_CRASHES the partner is recorded as failed instead; returns the partner as it now stands.
   */
  markStarted(runId: number, partnerId: string, worker: string): Promise<PartnerRow>;
  /** Puts an in-flight partner back to pending (its audit was abandoned); a stored outcome stays. */
  markPending(runId: number, partnerId: string): Promise<void>;
  /** Stores everything of one audited partner in one transaction. */
  saveResult(runId: number, partnerId: string, result: PartnerResult): Promise<void>;
  /** Records that a partner could not be audited (unreachable, timed out, crashed). */
  saveFailure(runId: number, partnerId: string, failure: Problem, durationMs: number): Promise<void>;
  /** Records that reports/<id>.* now match the partner's stored outcome. */
  markOutputsCurrent(runId: number, partnerId: string): Promise<void>;
  /** Stores a re-evaluation (`report --as-of`) beside the run's own results, which stay as they were. */
  saveEvaluation(runId: number, partnerId: string, asOf: string, checks: CheckResult[], summary: PartnerSummary): Promise<void>;
  /** A done partner's summary at an audit date: the run's own, or that of a re-evaluation. */
  summaryAt(run: RunRow, partner: PartnerRow, asOf: string): Promise<PartnerSummary | null>;
  /** The stored SiteEvidence of a done partner, exactly as the audit produced it. */
  loadEvidence(runId: number, partnerId: string): Promise<SiteEvidence | null>;
  /** A stored page body (only kept with --keep-html). */
  loadBody(runId: number, partnerId: string, url: string): Promise<string | null>;
  /** Check statuses of a partner in a run, at the given audit date. */
  checks(runId: number, partnerId: string, asOf: string): Promise<CheckRow[]>;
  /**
   * The partner's latest outcome in an earlier run: what "changed since the previous run" compares
   * with. Runs that never reached the partner are skipped; a failed audit counts (it was an outcome).
   */
  previousOutcome(partnerId: string, beforeRunId: number): Promise<{ run: RunRow; partner: PartnerRow; checks: CheckRow[] } | null>;
  /** Counts by state and who runs what, for `status`. */
  progress(runId: number): Promise<RunProgress>;
  /** Whether an error came from the database (disk full, connection lost, a locked or damaged file). */
  isStoreError(error: unknown): boolean;
}
