// The Store over SQL that both SQLite and PostgreSQL run unchanged: `?` placeholders (numbered for
// PostgreSQL by its adapter), RETURNING, ON CONFLICT, CAST. Each adapter only runs statements and
// transactions; every rule about runs and partners is here, once.

import { gzipSync, gunzipSync } from 'node:zlib';
import type { AnalyzedPage, CheckId, CheckResult, CheckStatus, SiteEvidence } from '../types.ts';
import { problemData, problemText, type Problem } from '../messages/index.ts';
import {
  MAX_CRASHES,
  type CheckRow,
  type PartnerInput,
  type PartnerResult,
  type PartnerRow,
  type PartnerState,
  type PartnerSummary,
  type RunProgress,
  type RunRow,
  type RunState,
  type Store,
} from './types.ts';

/** What an adapter gives the store: statements with `?` placeholders, and transactions. */
export interface SqlDb {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs fn on one connection inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
}

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
  error_json: string | null;
  audited_at: string | null;
  duration_ms: number | null;
  summary_json: string | null;
}

const now = () => new Date().toISOString();

export abstract class SqlStore implements Store {
  abstract readonly location: string;
  protected abstract readonly db: SqlDb;
  abstract close(): Promise<void>;
  abstract isStoreError(error: unknown): boolean;

  async startRun(meta: Parameters<Store['startRun']>[0]): Promise<RunRow> {
    const runId = await this.db.transaction(async (tx) => {
      const [{ id }] = (await tx.all<{ id: number }>(
        `INSERT INTO runs (started_at, state, pid, input_path, input_sha256, as_of, options_json, extra_columns_json)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?) RETURNING id`,
        [now(), process.pid, meta.inputPath, meta.inputSha256, meta.asOf, JSON.stringify(meta.options), JSON.stringify(meta.extraColumns)],
      )) as [{ id: number }];
      for (const [position, p] of meta.partners.entries()) await insertPartner(tx, id, position, p);
      return id;
    });
    return (await this.run(runId))!;
  }

  async run(id: number): Promise<RunRow | null> {
    const [row] = await this.db.all<RunRecord>('SELECT * FROM runs WHERE id = ?', [id]);
    return row ? toRun(row) : null;
  }

  async latestRun(): Promise<RunRow | null> {
    const [row] = await this.db.all<RunRecord>('SELECT * FROM runs ORDER BY id DESC LIMIT 1');
    return row ? toRun(row) : null;
  }

  async latestUnfinishedRun(): Promise<RunRow | null> {
    const [row] = await this.db.all<RunRecord>("SELECT * FROM runs WHERE state <> 'finished' ORDER BY id DESC LIMIT 1");
    return row ? toRun(row) : null;
  }

  async resumeRun(runId: number): Promise<RunRow> {
    await this.db.transaction(async (tx) => {
      await tx.run("UPDATE partners SET state = 'pending', crashes = crashes + 1 WHERE run_id = ? AND state = 'running'", [runId]);
      for (const { partner_id, crashes } of await tx.all<{ partner_id: string; crashes: number }>(
        "SELECT partner_id, crashes FROM partners WHERE run_id = ? AND state = 'pending' AND crashes >= ?",
        [runId, MAX_CRASHES],
      )) {
        await giveUp(tx, runId, partner_id, crashes);
      }
      await tx.run("UPDATE runs SET state = 'running', pid = ?, finished_at = NULL WHERE id = ?", [process.pid, runId]);
    });
    return (await this.run(runId))!;
  }

  async finishRun(runId: number, state: Exclude<RunState, 'running'>): Promise<void> {
    await this.db.transaction(async (tx) => {
      // In-flight partners of an interrupted run were discarded: they are to be done again.
      await tx.run("UPDATE partners SET state = 'pending' WHERE run_id = ? AND state = 'running'", [runId]);
      await tx.run('UPDATE runs SET state = ?, finished_at = ? WHERE id = ?', [state, now(), runId]);
    });
  }

  async finishRunIfComplete(runId: number): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE runs SET state = 'finished', finished_at = ? WHERE id = ? AND state <> 'finished'
       AND NOT EXISTS (SELECT 1 FROM partners WHERE run_id = ? AND state IN ('pending', 'running'))`,
      [now(), runId, runId],
    );
    return changed > 0;
  }

  async partners(runId: number): Promise<PartnerRow[]> {
    return (await this.db.all<PartnerRecord>('SELECT * FROM partners WHERE run_id = ? ORDER BY position', [runId])).map(toPartner);
  }

  async partner(runId: number, partnerId: string): Promise<PartnerRow | null> {
    const [row] = await this.db.all<PartnerRecord>('SELECT * FROM partners WHERE run_id = ? AND partner_id = ?', [runId, partnerId]);
    return row ? toPartner(row) : null;
  }

  async markStarted(runId: number, partnerId: string, worker: string): Promise<PartnerRow> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.all<PartnerRecord>('SELECT * FROM partners WHERE run_id = ? AND partner_id = ?', [runId, partnerId]);
      if (!row || row.state === 'done' || row.state === 'failed') return;
      const crashes = row.crashes + (row.state === 'running' ? 1 : 0);
      if (crashes >= MAX_CRASHES) {
        await tx.run('UPDATE partners SET crashes = ? WHERE run_id = ? AND partner_id = ?', [crashes, runId, partnerId]);
        await giveUp(tx, runId, partnerId, crashes);
        return;
      }
      await tx.run(
        "UPDATE partners SET state = 'running', attempts = attempts + 1, crashes = ?, worker = ?, started_at = ? WHERE run_id = ? AND partner_id = ?",
        [crashes, worker, now(), runId, partnerId],
      );
    });
    return (await this.partner(runId, partnerId))!;
  }

  async markPending(runId: number, partnerId: string): Promise<void> {
    // Only while in flight: an outcome stored meanwhile stays.
    await this.db.run("UPDATE partners SET state = 'pending' WHERE run_id = ? AND partner_id = ? AND state = 'running'", [runId, partnerId]);
  }

  async saveResult(runId: number, partnerId: string, result: PartnerResult): Promise<void> {
    const { pages, ...rest } = result.evidence;
    await this.db.transaction(async (tx) => {
      await deletePartnerResults(tx, runId, partnerId);
      await tx.run('INSERT INTO evidence (run_id, partner_id, evidence_json) VALUES (?, ?, ?)', [runId, partnerId, JSON.stringify(rest)]);
      for (const [seq, page] of pages.entries()) {
        const { facts, ...record } = page;
        const body = result.bodies?.get(page.url);
        await tx.run(
          `INSERT INTO pages (run_id, partner_id, seq, url, final_url, http_status, content_type, depth, page_type,
             published, error, page_json, facts_json, body_gzip)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            runId, partnerId, seq, page.url, page.finalUrl, page.httpStatus, page.contentType, page.depth,
            facts?.classification.type ?? null, facts?.dates.published?.date ?? null, page.error,
            JSON.stringify(record), facts ? JSON.stringify(facts) : null, body === undefined ? null : gzipSync(body),
          ],
        );
      }
      await insertChecks(tx, runId, partnerId, result.asOf, result.checks);
      await tx.run(
        `UPDATE partners SET state = 'done', error = NULL, audited_at = ?, duration_ms = ?, summary_json = ?, outputs_current = 0
         WHERE run_id = ? AND partner_id = ?`,
        [now(), Math.round(result.durationMs), JSON.stringify(result.summary), runId, partnerId],
      );
    });
  }

  async saveFailure(runId: number, partnerId: string, failure: Problem, durationMs: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await deletePartnerResults(tx, runId, partnerId);
      await tx.run(
        `UPDATE partners SET state = 'failed', error = ?, error_json = ?, audited_at = ?, duration_ms = ?, summary_json = NULL, outputs_current = 0
         WHERE run_id = ? AND partner_id = ?`,
        [problemText('en', failure), JSON.stringify(problemData(failure)), now(), Math.round(durationMs), runId, partnerId],
      );
    });
  }

  async markOutputsCurrent(runId: number, partnerId: string): Promise<void> {
    await this.db.run('UPDATE partners SET outputs_current = 1 WHERE run_id = ? AND partner_id = ?', [runId, partnerId]);
  }

  async saveEvaluation(runId: number, partnerId: string, asOf: string, checks: CheckResult[], summary: PartnerSummary): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM checks WHERE run_id = ? AND partner_id = ? AND as_of = ?', [runId, partnerId, asOf]);
      await insertChecks(tx, runId, partnerId, asOf, checks);
      await tx.run(
        `INSERT INTO evaluations (run_id, partner_id, as_of, evaluated_at, summary_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (run_id, partner_id, as_of) DO UPDATE SET evaluated_at = excluded.evaluated_at, summary_json = excluded.summary_json`,
        [runId, partnerId, asOf, now(), JSON.stringify(summary)],
      );
    });
  }

  async summaryAt(run: RunRow, partner: PartnerRow, asOf: string): Promise<PartnerSummary | null> {
    if (asOf === run.asOf) return partner.summary;
    const [row] = await this.db.all<{ summary_json: string }>(
      'SELECT summary_json FROM evaluations WHERE run_id = ? AND partner_id = ? AND as_of = ?',
      [run.id, partner.id, asOf],
    );
    return row ? (JSON.parse(row.summary_json) as PartnerSummary) : null;
  }

  async loadEvidence(runId: number, partnerId: string): Promise<SiteEvidence | null> {
    const [row] = await this.db.all<{ evidence_json: string }>(
      'SELECT evidence_json FROM evidence WHERE run_id = ? AND partner_id = ?', [runId, partnerId]);
    if (!row) return null;
    const pages = (
      await this.db.all<{ page_json: string; facts_json: string | null }>(
        'SELECT page_json, facts_json FROM pages WHERE run_id = ? AND partner_id = ? ORDER BY seq', [runId, partnerId])
    ).map(
      (p): AnalyzedPage => ({ ...(JSON.parse(p.page_json) as Omit<AnalyzedPage, 'facts'>), facts: p.facts_json ? JSON.parse(p.facts_json) : null }),
    );
    return { ...(JSON.parse(row.evidence_json) as Omit<SiteEvidence, 'pages'>), pages };
  }

  async loadBody(runId: number, partnerId: string, url: string): Promise<string | null> {
    const [row] = await this.db.all<{ body_gzip: Buffer | null }>(
      'SELECT body_gzip FROM pages WHERE run_id = ? AND partner_id = ? AND url = ?', [runId, partnerId, url]);
    return row?.body_gzip ? gunzipSync(row.body_gzip).toString('utf8') : null;
  }

  async checks(runId: number, partnerId: string, asOf: string): Promise<CheckRow[]> {
    // Check ids sort in checklist order (P2.1 < P2.2.1 < … < P3.2) in both databases.
    return (
      await this.db.all<{ check_id: CheckId; status: CheckStatus; summary: string }>(
        'SELECT check_id, status, summary FROM checks WHERE run_id = ? AND partner_id = ? AND as_of = ? ORDER BY check_id',
        [runId, partnerId, asOf],
      )
    ).map((r) => ({ checkId: r.check_id, status: r.status, summary: r.summary }));
  }

  async previousOutcome(partnerId: string, beforeRunId: number): Promise<{ run: RunRow; partner: PartnerRow; checks: CheckRow[] } | null> {
    const [record] = await this.db.all<PartnerRecord>(
      `SELECT * FROM partners WHERE partner_id = ? AND run_id < ? AND state IN ('done', 'failed')
       ORDER BY run_id DESC LIMIT 1`,
      [partnerId, beforeRunId],
    );
    if (!record) return null;
    const run = (await this.run(record.run_id))!;
    return { run, partner: toPartner(record), checks: await this.checks(run.id, partnerId, run.asOf) };
  }

  async progress(runId: number): Promise<RunProgress> {
    const run = await this.run(runId);
    if (!run) throw new RangeError(`no run ${runId} in ${this.location}`);
    const counts = await this.db.all<{ state: PartnerState; n: number }>(
      'SELECT state, CAST(COUNT(*) AS INTEGER) AS n FROM partners WHERE run_id = ? GROUP BY state', [runId]);
    const count = (state: PartnerState) => Number(counts.find((c) => c.state === state)?.n ?? 0);
    const running = await this.db.all<{ partner_id: string; worker: string | null; started_at: string | null }>(
      "SELECT partner_id, worker, started_at FROM partners WHERE run_id = ? AND state = 'running' ORDER BY started_at", [runId]);
    return {
      run,
      pending: count('pending'),
      running: running.map((r) => ({ partnerId: r.partner_id, worker: r.worker, startedAt: r.started_at })),
      done: count('done'),
      failed: count('failed'),
    };
  }
}

async function insertPartner(tx: SqlDb, runId: number, position: number, p: PartnerInput): Promise<void> {
  await tx.run(
    `INSERT INTO partners (run_id, partner_id, position, line, name, homepage, notes, extra_json, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
    [runId, p.id, position, p.line, p.name, p.homepage, p.notes, JSON.stringify(p.extra)],
  );
}

async function giveUp(tx: SqlDb, runId: number, partnerId: string, crashes: number): Promise<void> {
  const givenUp: Problem = { kind: 'audit.given-up', values: { times: crashes } };
  await tx.run(
    `UPDATE partners SET state = 'failed', outputs_current = 0, audited_at = ?, duration_ms = NULL, summary_json = NULL, error = ?, error_json = ?
     WHERE run_id = ? AND partner_id = ?`,
    [now(), problemText('en', givenUp), JSON.stringify(givenUp), runId, partnerId],
  );
}

async function deletePartnerResults(tx: SqlDb, runId: number, partnerId: string): Promise<void> {
  for (const table of ['checks', 'evaluations', 'pages', 'evidence']) {
    await tx.run(`DELETE FROM ${table} WHERE run_id = ? AND partner_id = ?`, [runId, partnerId]);
  }
}

async function insertChecks(tx: SqlDb, runId: number, partnerId: string, asOf: string, checks: CheckResult[]): Promise<void> {
  for (const check of checks) {
    await tx.run(
      'INSERT INTO checks (run_id, partner_id, as_of, check_id, status, summary, result_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [runId, partnerId, asOf, check.id, check.status, check.summary, JSON.stringify(check)],
    );
  }
}

function toRun(row: RunRecord): RunRow {
  return {
    id: Number(row.id),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    state: row.state,
    pid: Number(row.pid),
    inputPath: row.input_path,
    inputSha256: row.input_sha256,
    asOf: row.as_of,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    extraColumns: JSON.parse(row.extra_columns_json) as string[],
  };
}

function toPartner(row: PartnerRecord): PartnerRow {
  return {
    runId: Number(row.run_id),
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
    failure: row.error_json ? (JSON.parse(row.error_json) as Problem) : null,
    auditedAt: row.audited_at,
    durationMs: row.duration_ms,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as PartnerSummary) : null,
  };
}
