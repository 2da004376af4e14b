// The web service's store: the batch command's SQLite store (DIR/results.sqlite, src/store/), whose
// runs and partners the service's audits are, plus the service's own tables (store/schema.ts): each
// audit's unguessable id and place in the service's queue, and the uploaded lists.

import type { InputProblem } from '../batch/input.ts';
import { problemText, type Problem } from '../messages/index.ts';
import { MAX_CRASHES, SqliteStore, type PartnerState, type PartnerSummary, type RunRow } from '../store/index.ts';

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
  failure: Problem | null;
  summary: PartnerSummary | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A skipped row as stored: with its kind and values, or (a list uploaded before problems had kinds) only its English words. */
export type StoredInputProblem = InputProblem | { line: number; message: string };

/** A list uploaded to the web service, with its run. */
export interface ServiceBatchRow {
  run: RunRow;
  fileName: string;
  problems: StoredInputProblem[];
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
  error_json: string | null;
  summary_json: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
}

interface ServiceBatchRecord {
  run_id: number;
  file_name: string;
  problems_json: string;
}

const SERVICE_AUDIT_SELECT = `
SELECT a.id, a.seq, a.kind, a.site, a.run_id, a.partner_id, p.name, p.homepage, r.as_of, p.state, p.error, p.error_json,
  p.summary_json, a.queued_at, a.started_at, a.finished_at
FROM service_audits a
JOIN partners p ON p.run_id = a.run_id AND p.partner_id = a.partner_id
JOIN runs r ON r.id = a.run_id`;

export class ServiceStore extends SqliteStore {
  /** Opens (creating and migrating when needed) DIR/results.sqlite. */
  static override open(dir: string): ServiceStore {
    return new ServiceStore(dir);
  }

  /**
   * Queues audits for the web service: each partner of the run gets an unguessable id and a place at
   * the end of the queue, in one transaction with nothing else.
   */
  async addServiceAudits(entries: { id: string; kind: ServiceAuditKind; site: string; runId: number; partnerId: string }[]): Promise<void> {
    const queuedAt = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      for (const e of entries) {
        await tx.run(
          `INSERT INTO service_audits (id, seq, kind, site, run_id, partner_id, queued_at)
           VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM service_audits), ?, ?, ?, ?, ?)`,
          [e.id, e.kind, e.site, e.runId, e.partnerId, queuedAt],
        );
      }
    });
  }

  async serviceAudit(id: string): Promise<ServiceAuditRow | null> {
    return this.#firstAudit(`${SERVICE_AUDIT_SELECT} WHERE a.id = ?`, [id]);
  }

  /** Audits not finished (pending or running), first queued first. */
  async unfinishedServiceAudits(): Promise<ServiceAuditRow[]> {
    return this.#audits(`${SERVICE_AUDIT_SELECT} WHERE p.state IN ('pending', 'running') ORDER BY a.seq`);
  }

  /** The service's audits of one batch run, in list order. */
  async serviceAuditsOfRun(runId: number): Promise<ServiceAuditRow[]> {
    return this.#audits(`${SERVICE_AUDIT_SELECT} WHERE a.run_id = ? ORDER BY p.position`, [runId]);
  }

  /** The latest audit of a site of this kind queued before `beforeSeq` (default: any). */
  async latestServiceAudit(kind: ServiceAuditKind, site: string, beforeSeq = Number.MAX_SAFE_INTEGER): Promise<ServiceAuditRow | null> {
    return this.#firstAudit(`${SERVICE_AUDIT_SELECT} WHERE a.kind = ? AND a.site = ? AND a.seq < ? ORDER BY a.seq DESC LIMIT 1`, [kind, site, beforeSeq]);
  }

  /** The latest finished audit of a site of this kind queued before `beforeSeq`: what changes are measured from. */
  async previousServiceAudit(kind: ServiceAuditKind, site: string, beforeSeq: number): Promise<ServiceAuditRow | null> {
    return this.#firstAudit(
      `${SERVICE_AUDIT_SELECT} WHERE a.kind = ? AND a.site = ? AND a.seq < ? AND p.state IN ('done', 'failed')
       ORDER BY a.seq DESC LIMIT 1`,
      [kind, site, beforeSeq],
    );
  }

  /** Marks a service audit started or finished (the partner row's state is set by markStarted / saveResult …). */
  async markServiceAuditTime(id: string, which: 'started' | 'finished'): Promise<void> {
    await this.db.run(`UPDATE service_audits SET ${which === 'started' ? 'started_at' : 'finished_at'} = ? WHERE id = ?`, [new Date().toISOString(), id]);
  }

  /**
   * After the service died (crash, out of memory, SIGKILL; a clean stop puts its audits back itself):
   * audits left running start over from the queue, and one that has now been in flight at MAX_CRASHES
   * such deaths is recorded as failed, so that a site that kills the service cannot do it forever.
   */
  async requeueRunningServiceAudits(): Promise<void> {
    const ofService = 'EXISTS (SELECT 1 FROM service_audits a WHERE a.run_id = partners.run_id AND a.partner_id = partners.partner_id)';
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run(`UPDATE partners SET state = 'pending', crashes = crashes + 1 WHERE state = 'running' AND ${ofService}`);
      await tx.run(
        `UPDATE service_audits SET finished_at = ? WHERE EXISTS (SELECT 1 FROM partners p WHERE p.run_id = service_audits.run_id
           AND p.partner_id = service_audits.partner_id AND p.state = 'pending' AND p.crashes >= ?)`,
        [now, MAX_CRASHES],
      );
      const killers = await tx.all<{ run_id: number; partner_id: string; crashes: number }>(
        `SELECT run_id, partner_id, crashes FROM partners WHERE state = 'pending' AND crashes >= ? AND ${ofService}`, [MAX_CRASHES]);
      for (const p of killers) {
        const failure: Problem = { kind: 'audit.service-crashed', values: { times: p.crashes } };
        await tx.run(
          `UPDATE partners SET state = 'failed', audited_at = ?, summary_json = NULL, error = ?, error_json = ? WHERE run_id = ? AND partner_id = ?`,
          [now, problemText('en', failure), JSON.stringify(failure), p.run_id, p.partner_id],
        );
      }
    });
  }

  async addServiceBatch(runId: number, fileName: string, problems: readonly InputProblem[]): Promise<void> {
    await this.db.run('INSERT INTO service_batches (run_id, file_name, problems_json) VALUES (?, ?, ?)', [runId, fileName, JSON.stringify(problems)]);
  }

  /** Lists uploaded to the service, newest first. */
  async serviceBatches(): Promise<ServiceBatchRow[]> {
    const rows = await this.db.all<ServiceBatchRecord>('SELECT run_id, file_name, problems_json FROM service_batches ORDER BY run_id DESC');
    return Promise.all(rows.map((row) => this.#serviceBatch(row)));
  }

  async serviceBatch(runId: number): Promise<ServiceBatchRow | null> {
    const [row] = await this.db.all<ServiceBatchRecord>('SELECT run_id, file_name, problems_json FROM service_batches WHERE run_id = ?', [runId]);
    return row ? this.#serviceBatch(row) : null;
  }

  async #serviceBatch(row: ServiceBatchRecord): Promise<ServiceBatchRow> {
    const counts: Record<PartnerState, number> = { pending: 0, running: 0, done: 0, failed: 0 };
    const states = await this.db.all<{ state: PartnerState; n: number }>('SELECT state, COUNT(*) AS n FROM partners WHERE run_id = ? GROUP BY state', [row.run_id]);
    for (const s of states) counts[s.state] = s.n;
    return { run: (await this.run(row.run_id))!, fileName: row.file_name, problems: JSON.parse(row.problems_json) as ServiceBatchRow['problems'], counts };
  }

  async #audits(sql: string, params: unknown[] = []): Promise<ServiceAuditRow[]> {
    return (await this.db.all<ServiceAuditRecord>(sql, params)).map(toServiceAudit);
  }

  async #firstAudit(sql: string, params: unknown[]): Promise<ServiceAuditRow | null> {
    return (await this.#audits(sql, params))[0] ?? null;
  }
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
    failure: row.error_json ? (JSON.parse(row.error_json) as Problem) : null,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as PartnerSummary) : null,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
