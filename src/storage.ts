// Batch results in one SQLite file (DIR/results.sqlite): runs, the partners of each run, each
// partner's pages (metadata and analysis facts; bodies only when asked), its check results and the
// rest of its SiteEvidence. A partner's results are written in one transaction, so a run killed at any
// moment leaves each partner either complete or untouched, and `--resume` can pick up from there.
// Stored results are only ever replaced by a newer outcome of the same partner, never deleted because
// something later (a report file) failed. The schema and its migrations are store/schema.ts's, shared
// with the Store of batches and workers (src/store/); this synchronous ResultStore serves the web
// service (src/service/), which adds its own tables there.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import type { AnalyzedPage, CheckResult, CheckStatus, CheckId, SiteEvidence } from './types.ts';
import { migration, SCHEMA_VERSION } from './store/schema.ts';

export const RESULTS_FILE = 'results.sqlite';
export {
  MAX_CRASHES,
  type CheckRow,
  type PartnerInput,
  type PartnerResult,
  type PartnerRow,
  type PartnerState,
  type PartnerSummary,
  type RunRow,
  type RunState,
} from './store/types.ts';
import type { CheckRow, PartnerInput, PartnerResult, PartnerRow, PartnerState, PartnerSummary, RunRow, RunState } from './store/types.ts';
import { MAX_CRASHES } from './store/types.ts';

export { SCHEMA_VERSION };

export type ServiceAuditKind = 'visitor' | 'batch';

/** An audit run by the web service: its queue entry joined with its partner row. */
export interface ServiceAuditRow {
  id: string;
  seq: number;
  kind: ServiceAuditKind;
  site: string;
  runId: number;
  partnerId: string;
  name: string;
  homepage: string;
  asOf: string;
  state: PartnerState;
  error: string | null;
  summary: PartnerSummary | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A list uploaded to the web service, with its run. */
export interface ServiceBatchRow {
  run: RunRow;
  fileName: string;
  problems: { line: number; message: string }[];
  counts: Record<PartnerState, number>;
}

interface ServiceAuditRecord {
  id: string;
  seq: number;
  kind: ServiceAuditKind;
  site: string;
  run_id: number;
  partner_id: string;
  name: string;
  homepage: string;
  as_of: string;
  state: PartnerState;
  error: string | null;
  summary_json: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const SERVICE_AUDIT_SELECT = `
SELECT a.id, a.seq, a.kind, a.site, a.run_id, a.partner_id, p.name, p.homepage, r.as_of, p.state, p.error,
  p.summary_json, a.queued_at, a.started_at, a.finished_at
FROM service_audits a
JOIN partners p ON p.run_id = a.run_id AND p.partner_id = a.partner_id
JOIN runs r ON r.id = a.run_id`;

interface RunRecord {
  id: number;
  started_at: string;
  finished_at: string | null;
  state: RunState;
  pid: number;
  input_path: string;
  input_sha256: string;
  as_of: string;
  options_json: string;
  extra_columns_json: string;
}

interface PartnerRecord {
  run_id: number;
  partner_id: string;
  position: number;
  line: number;
  name: string;
  homepage: string;
  notes: string;
  extra_json: string;
  state: PartnerState;
  attempts: number;
  crashes: number;
  outputs_current: number;
  worker: string | null;
  started_at: string | null;
  error: string | null;
  audited_at: string | null;
  duration_ms: number | null;
  summary_json: string | null;
}

/** Whether an error came from the database (disk full, I/O error, a locked or damaged file). */
export function isStoreError(error: unknown): boolean {
  return error instanceof Database.SqliteError;
}

export class ResultStore {
  readonly path: string;
  readonly #db: Database.Database;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
  }

  /** Opens (creating when needed) DIR/results.sqlite. */
  static open(dir: string): ResultStore {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, RESULTS_FILE);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against process kills (the case that matters for resume); only an OS crash
    // could lose the last commits, which then are simply audited again.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new Error(`${path} was written by a newer version of partner-presence (schema ${version}, this one knows up to ${SCHEMA_VERSION})`);
    }
    for (let v = version; v < SCHEMA_VERSION; v++) {
      db.transaction(() => {
        db.exec(migration(v, 'sqlite'));
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
    return new ResultStore(path, db);
  }

  close(): void {
    this.#db.close();
  }

  /** Records a new run and all its partners as pending, in one transaction. */
  startRun(meta: {
    inputPath: string;
    inputSha256: string;
    asOf: string;
    options: Record<string, unknown>;
    extraColumns: string[];
    partners: PartnerInput[];
  }): RunRow {
    const insertRun = this.#db.prepare(
      `INSERT INTO runs (started_at, state, pid, input_path, input_sha256, as_of, options_json, extra_columns_json)
       VALUES (?, 'running', ?, ?, ?, ?, ?, ?)`,
    );
    const insertPartner = this.#db.prepare(
      `INSERT INTO partners (run_id, partner_id, position, line, name, homepage, notes, extra_json, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    );
    const runId = this.#db.transaction(() => {
      const { lastInsertRowid } = insertRun.run(
        new Date().toISOString(),
        process.pid,
        meta.inputPath,
        meta.inputSha256,
        meta.asOf,
        JSON.stringify(meta.options),
        JSON.stringify(meta.extraColumns),
      );
      meta.partners.forEach((p, position) => {
        insertPartner.run(lastInsertRowid, p.id, position, p.line, p.name, p.homepage, p.notes, JSON.stringify(p.extra));
      });
      return Number(lastInsertRowid);
    })();
    return this.run(runId)!;
  }

  run(id: number): RunRow | null {
    const row = this.#db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRecord | undefined;
    return row ? toRun(row) : null;
  }

  latestRun(): RunRow | null {
    const row = this.#db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT 1').get() as RunRecord | undefined;
    return row ? toRun(row) : null;
  }

  /** The latest run not finished: interrupted by Ctrl-C, or still marked running after a kill. */
  latestUnfinishedRun(): RunRow | null {
    const row = this.#db
      .prepare("SELECT * FROM runs WHERE state <> 'finished' ORDER BY id DESC LIMIT 1")
      .get() as RunRecord | undefined;
    return row ? toRun(row) : null;
  }

  /**
   * Takes over a run for resuming (the caller holds the output directory's lock, so no process runs
   * it). Partners still marked running were in flight when the process died: each such death is
   * counted, and a partner that has now seen MAX_CRASHES of them is recorded as failed; the others go
   * back to pending (audited again from the start). The run is marked as ours.
   */
  resumeRun(runId: number): RunRow {
    this.#db.transaction(() => {
      this.#db
        .prepare("UPDATE partners SET state = 'pending', crashes = crashes + 1 WHERE run_id = ? AND state = 'running'")
        .run(runId);
      this.#db
        .prepare(
          `UPDATE partners SET state = 'failed', outputs_current = 0, audited_at = ?, duration_ms = NULL, summary_json = NULL,
             error = 'the batch process died (crashed, ran out of memory or was killed) each of the ' || crashes ||
               ' times this partner was being audited; not tried again (audit it alone with "partner-presence audit" to see why)'
           WHERE run_id = ? AND state = 'pending' AND crashes >= ?`,
        )
        .run(new Date().toISOString(), runId, MAX_CRASHES);
      this.#db
        .prepare("UPDATE runs SET state = 'running', pid = ?, finished_at = NULL WHERE id = ?")
        .run(process.pid, runId);
    })();
    return this.run(runId)!;
  }

  finishRun(runId: number, state: Exclude<RunState, 'running'>): void {
    this.#db.transaction(() => {
      // In-flight partners of an interrupted run were discarded: they are to be done again.
      this.#db.prepare("UPDATE partners SET state = 'pending' WHERE run_id = ? AND state = 'running'").run(runId);
      this.#db.prepare('UPDATE runs SET state = ?, finished_at = ? WHERE id = ?').run(state, new Date().toISOString(), runId);
    })();
  }

  partners(runId: number): PartnerRow[] {
    const rows = this.#db
      .prepare('SELECT * FROM partners WHERE run_id = ? ORDER BY position')
      .all(runId) as PartnerRecord[];
    return rows.map(toPartner);
  }

  /** Marks a partner as in flight (committed at once, so a kill leaves a trace of the attempt). */
  markStarted(runId: number, partnerId: string): void {
    this.#db
      .prepare("UPDATE partners SET state = 'running', attempts = attempts + 1 WHERE run_id = ? AND partner_id = ?")
      .run(runId, partnerId);
  }

  /** Puts an in-flight partner back to pending (its audit was abandoned and its results discarded). */
  markPending(runId: number, partnerId: string): void {
    this.#db.prepare("UPDATE partners SET state = 'pending' WHERE run_id = ? AND partner_id = ?").run(runId, partnerId);
  }

  /** Stores everything of one audited partner in one transaction. */
  saveResult(runId: number, partnerId: string, result: PartnerResult): void {
    const insertPage = this.#db.prepare(
      `INSERT INTO pages (run_id, partner_id, seq, url, final_url, http_status, content_type, depth, page_type,
         published, error, page_json, facts_json, body_gzip)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const { pages, ...rest } = result.evidence;
    this.#db.transaction(() => {
      this.#deletePartnerResults(runId, partnerId);
      this.#db
        .prepare('INSERT INTO evidence (run_id, partner_id, evidence_json) VALUES (?, ?, ?)')
        .run(runId, partnerId, JSON.stringify(rest));
      pages.forEach((page, seq) => {
        const { facts, ...record } = page;
        const body = result.bodies?.get(page.url);
        insertPage.run(
          runId,
          partnerId,
          seq,
          page.url,
          page.finalUrl,
          page.httpStatus,
          page.contentType,
          page.depth,
          facts?.classification.type ?? null,
          facts?.dates.published?.date ?? null,
          page.error,
          JSON.stringify(record),
          facts ? JSON.stringify(facts) : null,
          body === undefined ? null : gzipSync(body),
        );
      });
      this.#insertChecks(runId, partnerId, result.asOf, result.checks);
      this.#db
        .prepare(
          `UPDATE partners SET state = 'done', error = NULL, audited_at = ?, duration_ms = ?, summary_json = ?, outputs_current = 0
           WHERE run_id = ? AND partner_id = ?`,
        )
        .run(new Date().toISOString(), Math.round(result.durationMs), JSON.stringify(result.summary), runId, partnerId);
    })();
  }

  /** Records that a partner could not be audited (unreachable, timed out, crashed). */
  saveFailure(runId: number, partnerId: string, error: string, durationMs: number): void {
    this.#db.transaction(() => {
      this.#deletePartnerResults(runId, partnerId);
      this.#db
        .prepare(
          `UPDATE partners SET state = 'failed', error = ?, audited_at = ?, duration_ms = ?, summary_json = NULL, outputs_current = 0
           WHERE run_id = ? AND partner_id = ?`,
        )
        .run(error, new Date().toISOString(), Math.round(durationMs), runId, partnerId);
    })();
  }

  /** Records that reports/<id>.* now match the partner's stored outcome. */
  markOutputsCurrent(runId: number, partnerId: string): void {
    this.#db.prepare('UPDATE partners SET outputs_current = 1 WHERE run_id = ? AND partner_id = ?').run(runId, partnerId);
  }

  /** Stores a re-evaluation (`report --as-of`) beside the run's own results, which stay as they were. */
  saveEvaluation(runId: number, partnerId: string, asOf: string, checks: CheckResult[], summary: PartnerSummary): void {
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM checks WHERE run_id = ? AND partner_id = ? AND as_of = ?').run(runId, partnerId, asOf);
      this.#insertChecks(runId, partnerId, asOf, checks);
      this.#db
        .prepare('INSERT OR REPLACE INTO evaluations (run_id, partner_id, as_of, evaluated_at, summary_json) VALUES (?, ?, ?, ?, ?)')
        .run(runId, partnerId, asOf, new Date().toISOString(), JSON.stringify(summary));
    })();
  }

  /** A done partner's summary at an audit date: the run's own, or that of a re-evaluation. */
  summaryAt(run: RunRow, partner: PartnerRow, asOf: string): PartnerSummary | null {
    if (asOf === run.asOf) return partner.summary;
    const row = this.#db
      .prepare('SELECT summary_json FROM evaluations WHERE run_id = ? AND partner_id = ? AND as_of = ?')
      .get(run.id, partner.id, asOf) as { summary_json: string } | undefined;
    return row ? (JSON.parse(row.summary_json) as PartnerSummary) : null;
  }

  /** The stored SiteEvidence of a done partner, exactly as the audit produced it. */
  loadEvidence(runId: number, partnerId: string): SiteEvidence | null {
    const row = this.#db
      .prepare('SELECT evidence_json FROM evidence WHERE run_id = ? AND partner_id = ?')
      .get(runId, partnerId) as { evidence_json: string } | undefined;
    if (!row) return null;
    const pages = (
      this.#db
        .prepare('SELECT page_json, facts_json FROM pages WHERE run_id = ? AND partner_id = ? ORDER BY seq')
        .all(runId, partnerId) as { page_json: string; facts_json: string | null }[]
    ).map(
      (p): AnalyzedPage => ({ ...(JSON.parse(p.page_json) as Omit<AnalyzedPage, 'facts'>), facts: p.facts_json ? JSON.parse(p.facts_json) : null }),
    );
    return { ...(JSON.parse(row.evidence_json) as Omit<SiteEvidence, 'pages'>), pages };
  }

  /** A stored page body (only kept with --keep-html). */
  loadBody(runId: number, partnerId: string, url: string): string | null {
    const row = this.#db
      .prepare('SELECT body_gzip FROM pages WHERE run_id = ? AND partner_id = ? AND url = ?')
      .get(runId, partnerId, url) as { body_gzip: Buffer | null } | undefined;
    return row?.body_gzip ? gunzipSync(row.body_gzip).toString('utf8') : null;
  }

  /** Check statuses of a partner in a run, at the given audit date. */
  checks(runId: number, partnerId: string, asOf: string): CheckRow[] {
    return (
      this.#db
        .prepare('SELECT check_id, status, summary FROM checks WHERE run_id = ? AND partner_id = ? AND as_of = ? ORDER BY rowid')
        .all(runId, partnerId, asOf) as { check_id: CheckId; status: CheckStatus; summary: string }[]
    ).map((r) => ({ checkId: r.check_id, status: r.status, summary: r.summary }));
  }

  /**
   * The partner's latest outcome in an earlier run: what "changed since the previous run" compares
   * with. Runs that never reached the partner are skipped; a failed audit counts (it was an outcome).
   */
  previousOutcome(partnerId: string, beforeRunId: number): { run: RunRow; partner: PartnerRow; checks: CheckRow[] } | null {
    const record = this.#db
      .prepare(
        `SELECT * FROM partners WHERE partner_id = ? AND run_id < ? AND state IN ('done', 'failed')
         ORDER BY run_id DESC LIMIT 1`,
      )
      .get(partnerId, beforeRunId) as PartnerRecord | undefined;
    if (!record) return null;
    const run = this.run(record.run_id)!;
    return { run, partner: toPartner(record), checks: this.checks(run.id, partnerId, run.asOf) };
  }

  // ---- the web service (src/service/) ----

  /**
   * Queues audits for the web service: each partner of the run gets an unguessable id and a place at
   * the end of the queue, in one transaction with nothing else.
   */
  addServiceAudits(entries: { id: string; kind: ServiceAuditKind; site: string; runId: number; partnerId: string }[]): void {
    const insert = this.#db.prepare(
      `INSERT INTO service_audits (id, seq, kind, site, run_id, partner_id, queued_at)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM service_audits), ?, ?, ?, ?, ?)`,
    );
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      for (const e of entries) insert.run(e.id, e.kind, e.site, e.runId, e.partnerId, now);
    })();
  }

  serviceAudit(id: string): ServiceAuditRow | null {
    const row = this.#db.prepare(`${SERVICE_AUDIT_SELECT} WHERE a.id = ?`).get(id) as ServiceAuditRecord | undefined;
    return row ? toServiceAudit(row) : null;
  }

  /** Audits not finished (pending or running), first queued first. */
  unfinishedServiceAudits(): ServiceAuditRow[] {
    return (
      this.#db.prepare(`${SERVICE_AUDIT_SELECT} WHERE p.state IN ('pending', 'running') ORDER BY a.seq`).all() as ServiceAuditRecord[]
    ).map(toServiceAudit);
  }

  /** The service's audits of one batch run, in list order. */
  serviceAuditsOfRun(runId: number): ServiceAuditRow[] {
    return (
      this.#db.prepare(`${SERVICE_AUDIT_SELECT} WHERE a.run_id = ? ORDER BY p.position`).all(runId) as ServiceAuditRecord[]
    ).map(toServiceAudit);
  }

  /** The latest audit of a site of this kind queued before `beforeSeq` (default: any). */
  latestServiceAudit(kind: ServiceAuditKind, site: string, beforeSeq = Number.MAX_SAFE_INTEGER): ServiceAuditRow | null {
    const row = this.#db
      .prepare(`${SERVICE_AUDIT_SELECT} WHERE a.kind = ? AND a.site = ? AND a.seq < ? ORDER BY a.seq DESC LIMIT 1`)
      .get(kind, site, beforeSeq) as ServiceAuditRecord | undefined;
    return row ? toServiceAudit(row) : null;
  }

  /** The latest finished audit of a site of this kind queued before `beforeSeq`: what changes are measured from. */
  previousServiceAudit(kind: ServiceAuditKind, site: string, beforeSeq: number): ServiceAuditRow | null {
    const row = this.#db
      .prepare(
        `${SERVICE_AUDIT_SELECT} WHERE a.kind = ? AND a.site = ? AND a.seq < ? AND p.state IN ('done', 'failed')
         ORDER BY a.seq DESC LIMIT 1`,
      )
      .get(kind, site, beforeSeq) as ServiceAuditRecord | undefined;
    return row ? toServiceAudit(row) : null;
  }

  /** Marks a service audit started or finished (the partner row's state is set by markStarted / saveResult …). */
  markServiceAuditTime(id: string, which: 'started' | 'finished'): void {
    this.#db.prepare(`UPDATE service_audits SET ${which === 'started' ? 'started_at' : 'finished_at'} = ? WHERE id = ?`).run(new Date().toISOString(), id);
  }

  /**
   * After the service died (crash, out of memory, SIGKILL; a clean stop puts its audits back itself):
   * audits left running start over from the queue, and one that has now been in flight at MAX_CRASHES
   * such deaths is recorded as failed, so that a site that kills the service cannot do it forever.
   */
  requeueRunningServiceAudits(): void {
    const ofService = 'EXISTS (SELECT 1 FROM service_audits a WHERE a.run_id = partners.run_id AND a.partner_id = partners.partner_id)';
    const now = new Date().toISOString();
    this.#db.transaction(() => {
      this.#db.prepare(`UPDATE partners SET state = 'pending', crashes = crashes + 1 WHERE state = 'running' AND ${ofService}`).run();
      this.#db
        .prepare(
          `UPDATE service_audits SET finished_at = ? WHERE EXISTS (SELECT 1 FROM partners p WHERE p.run_id = service_audits.run_id
             AND p.partner_id = service_audits.partner_id AND p.state = 'pending' AND p.crashes >= ?)`,
        )
        .run(now, MAX_CRASHES);
      this.#db
        .prepare(
          `UPDATE partners SET state = 'failed', audited_at = ?, summary_json = NULL,
             error = 'the service stopped unexpectedly (crashed, ran out of memory or was killed) each of the ' || crashes ||
               ' times this site was being audited; not tried again'
           WHERE state = 'pending' AND crashes >= ? AND ${ofService}`,
        )
        .run(now, MAX_CRASHES);
    })();
  }

  addServiceBatch(runId: number, fileName: string, problems: { line: number; message: string }[]): void {
    this.#db.prepare('INSERT INTO service_batches (run_id, file_name, problems_json) VALUES (?, ?, ?)').run(runId, fileName, JSON.stringify(problems));
  }

  /** Lists uploaded to the service, newest first. */
  serviceBatches(): ServiceBatchRow[] {
    const rows = this.#db
      .prepare('SELECT b.run_id, b.file_name, b.problems_json FROM service_batches b ORDER BY b.run_id DESC')
      .all() as { run_id: number; file_name: string; problems_json: string }[];
    return rows.map((row) => this.#serviceBatch(row));
  }

  serviceBatch(runId: number): ServiceBatchRow | null {
    const row = this.#db
      .prepare('SELECT run_id, file_name, problems_json FROM service_batches WHERE run_id = ?')
      .get(runId) as { run_id: number; file_name: string; problems_json: string } | undefined;
    return row ? this.#serviceBatch(row) : null;
  }

  #serviceBatch(row: { run_id: number; file_name: string; problems_json: string }): ServiceBatchRow {
    const counts: Record<PartnerState, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    const states = this.#db.prepare('SELECT state, COUNT(*) AS n FROM partners WHERE run_id = ? GROUP BY state').all(row.run_id) as {
      state: PartnerState;
      n: number;
    }[];
    for (const s of states) counts[s.state] = s.n;
    return { run: this.run(row.run_id)!, fileName: row.file_name, problems: JSON.parse(row.problems_json) as ServiceBatchRow['problems'], counts };
  }

  #deletePartnerResults(runId: number, partnerId: string): void {
    for (const table of ['checks', 'evaluations', 'pages', 'evidence']) {
      this.#db.prepare(`DELETE FROM ${table} WHERE run_id = ? AND partner_id = ?`).run(runId, partnerId);
    }
  }

  #insertChecks(runId: number, partnerId: string, asOf: string, checks: CheckResult[]): void {
    const insert = this.#db.prepare(
      'INSERT INTO checks (run_id, partner_id, as_of, check_id, status, summary, result_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const check of checks) insert.run(runId, partnerId, asOf, check.id, check.status, check.summary, JSON.stringify(check));
  }
}

function toRun(row: RunRecord): RunRow {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    state: row.state,
    pid: row.pid,
    inputPath: row.input_path,
    inputSha256: row.input_sha256,
    asOf: row.as_of,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    extraColumns: JSON.parse(row.extra_columns_json) as string[],
  };
}

function toPartner(row: PartnerRecord): PartnerRow {
  return {
    runId: row.run_id,
    id: row.partner_id,
    position: row.position,
    line: row.line,
    name: row.name,
    homepage: row.homepage,
    notes: row.notes,
    extra: JSON.parse(row.extra_json) as Record<string, string>,
    state: row.state,
    attempts: row.attempts,
    crashes: row.crashes,
    outputsCurrent: row.outputs_current === 1,
    worker: row.worker,
    startedAt: row.started_at,
    error: row.error,
    auditedAt: row.audited_at,
    durationMs: row.duration_ms,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as PartnerSummary) : null,
  };
}

function toServiceAudit(row: ServiceAuditRecord): ServiceAuditRow {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    site: row.site,
    runId: row.run_id,
    partnerId: row.partner_id,
    name: row.name,
    homepage: row.homepage,
    asOf: row.as_of,
    state: row.state,
    error: row.error,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as PartnerSummary) : null,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
