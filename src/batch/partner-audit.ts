// One partner's audit and its stored outcome, the same for a local batch and for a queue worker:
// marked in flight first (so a death leaves a trace), audited with a deadline, then stored in one
// transaction: the result, or why it failed (as data, and in plain English words). An abort stores nothing.

import { hostname } from 'node:os';
import type { CrawlOptions } from '../../crawlers/types.ts';
import type { HostThrottle } from '../../crawlers/throttle.ts';
import type { Renderer } from '../../crawlers/render.ts';
import { auditSite } from '../audit.ts';
import type { Report } from '../types.ts';
import type { PartnerRow, RunRow, Store } from '../store/index.ts';
import type { BatchProgress } from './progress.ts';
import { summarizeReport } from './summary.ts';
import { CrawlStartError } from '../../crawlers/errors.ts';
import { isProblem, problemData, problemText, type Problem } from '../messages/index.ts';

/** Crawl options that can be stored with a run and applied again on resume (no functions, no signal). */
export type StoredCrawlOptions = Partial<Omit<CrawlOptions, 'priority' | 'signal'>>;

/** What a run was started with; a resumed run and every worker use these, not their own flags. */
export interface StoredRunOptions {
  asOf: string;
  crawl: StoredCrawlOptions;
  keepHtml: boolean;
}

/** Beyond the crawl's own time budget, the time analysis may take before a partner counts as hung. */
export const PARTNER_GRACE_MS = 120_000;
const DEFAULT_TIME_BUDGET_MS = 300_000;

/** The longest one partner may take: its crawl budget plus the grace for analysis. */
export function partnerLimitMs(options: StoredRunOptions): number {
  return (options.crawl.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + PARTNER_GRACE_MS;
}

export type PartnerOutcome =
  | { kind: 'done'; report: Report }
  | { kind: 'failed'; error: string }
  /** Stopped (Ctrl-C, SIGTERM, a write failure elsewhere): nothing stored, the partner is pending again. */
  | { kind: 'abandoned' }
  /** Given up before auditing: the process died during each of its last MAX_CRASHES audits. */
  | { kind: 'given-up'; error: string };

/** host:pid, how `status` names the process auditing a partner. */
export const WORKER_NAME = `${hostname()}:${process.pid}`;

/**
 * Audits one partner and stores its outcome. Store errors are thrown: the caller stops (a store that
 * cannot be written is no partner's fault).
 */
export async function auditAndStore(
  store: Store,
  run: RunRow,
  partner: PartnerRow,
  options: StoredRunOptions,
  shared: { hosts: HostThrottle; renderer: Renderer },
  progress: BatchProgress,
  stopSignal: AbortSignal,
): Promise<PartnerOutcome> {
  const started = await store.markStarted(run.id, partner.id, WORKER_NAME);
  if (started.state === 'failed') {
    progress.partnerStarted(partner.id);
    progress.partnerFinished(partner.id, `error: ${started.error}`);
    return { kind: 'given-up', error: started.error ?? 'failed' };
  }
  if (started.state !== 'running') return { kind: 'abandoned' };
  progress.partnerStarted(partner.id);
  const begun = Date.now();
  const limitMs = partnerLimitMs(options);
  const deadline = AbortSignal.timeout(limitMs);
  const signal = AbortSignal.any([stopSignal, deadline]);
  const bodies = options.keepHtml ? new Map<string, string>() : undefined;
  const overrun = auditOverrun(limitMs);
  let audit: Awaited<ReturnType<typeof auditSite>> | null = null;
  let failure: Problem | null = null;
  try {
    audit = await auditSite(
      partner.homepage,
      { ...options.crawl, asOf: options.asOf, signal },
      {
        page: bodies ? (page) => { if (page.body !== null) bodies.set(page.url, page.body); } : undefined,
        progress: (p) => progress.partnerPages(partner.id, p.fetched),
      },
      shared,
    );
    if (deadline.aborted) failure = overrun;
  } catch (error) {
    failure = deadline.aborted ? overrun : auditFailure(error);
  }
  if (stopSignal.aborted) {
    await store.markPending(run.id, partner.id);
    progress.partnerAbandoned(partner.id);
    return { kind: 'abandoned' };
  }
  if (failure !== null || audit === null) {
    const why = failure ?? { kind: 'audit.no-result' };
    await store.saveFailure(run.id, partner.id, why, Date.now() - begun);
    const error = problemText('en', why);
    progress.partnerFinished(partner.id, `error: ${error}`);
    return { kind: 'failed', error };
  }
  const { report, evidence } = audit;
  const summary = summarizeReport(report);
  await store.saveResult(run.id, partner.id, { evidence, checks: report.checks, asOf: run.asOf, summary, durationMs: Date.now() - begun, bodies });
  progress.partnerFinished(partner.id, `${summary.pagesCrawled} pages, verdict ${summary.verdict}`);
  return { kind: 'done', report };
}

/** An audit that ran past its time limit (the crawl's budget and the grace for analysis). */
export function auditOverrun(limitMs: number): Problem {
  return { kind: 'audit.timed-out', values: { seconds: Math.round(limitMs / 1000) } };
}

/** Why an audit failed, as data: the crawl's own reason when it could not start, else the error's first line. */
export function auditFailure(error: unknown): Problem {
  if (error instanceof CrawlStartError) return { kind: `crawl.${error.kind}`, values: error.values };
  if (isProblem(error)) return problemData(error);
  return { kind: 'audit.error', values: { message: errorMessage(error) } };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}
