// Batches past one machine: PostgreSQL is the shared store and, through pg-boss, the job queue. A
// batch enqueues one job per partner; workers on any machine take jobs until the queue is empty (or
// for ever with --watch). pg-boss gives each job a lease: a worker that dies (SIGKILL, machine lost)
// holds its job until the lease expires, and the job is then handed to another worker. Partners on
// one registrable domain are never crawled by two workers at once: a worker holds a PostgreSQL
// advisory lock on the domain while it audits, which the server drops when the worker's connection
// dies. Our own count of deaths per partner (MAX_CRASHES) decides when a partner is given up.

import PgBoss from 'pg-boss';
import type pg from 'pg';
import { getDomain } from 'tldts';
import { HostThrottle } from '../../crawlers/throttle.ts';
import { Renderer } from '../../crawlers/render.ts';
import { PostgresStore, type RunRow } from '../store/index.ts';
import { auditAndStore, partnerLimitMs, WORKER_NAME, type StoredRunOptions } from './partner-audit.ts';
import type { BatchProgress } from './progress.ts';
import type { ApplicantList } from './input.ts';

export const QUEUE = 'partner-audit';

interface AuditJob {
  runId: number;
  partnerId: string;
}

/** What a run stores beside its audit options when its partners go through the queue. */
export interface QueuedRunOptions extends StoredRunOptions {
  /** Seconds a worker may hold a partner's job before it counts as lost and goes to another worker. */
  leaseSeconds: number;
}

/** A job whose domain another worker is crawling waits this long before it is offered again. */
const DOMAIN_BUSY_RETRY_SECONDS = 2;
/** Our own MAX_CRASHES decides when a partner is given up; pg-boss must keep offering it until then. */
const QUEUE_RETRY_LIMIT = 1000;
/** Advisory locks of this tool are (this, hashtext(domain)) pairs, apart from any other application's. */
const DOMAIN_LOCK_CLASS = 0x7070;

/** The default lease: a partner's whole time limit, plus a minute for writing its results. */
export function defaultLeaseSeconds(options: StoredRunOptions): number {
  return Math.ceil(partnerLimitMs(options) / 1000) + 60;
}

/** The registrable domain politeness is kept per across workers (www.shop.com.tw → shop.com.tw). */
export function registrableDomain(url: string): string {
  const host = new URL(url).hostname;
  return getDomain(host) ?? host;
}

/**
 * How often pg-boss's maintenance (run by one worker at a time) looks for expired leases: a lost job
 * waits at most this long beyond its lease.
 */
const MAINTENANCE_SECONDS = 5;

async function startBoss(url: string, role: 'enqueue' | 'work'): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    schedule: false,
    supervise: role === 'work',
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on('error', () => undefined); // a maintenance hiccup is retried by pg-boss itself
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    try {
      await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: QUEUE_RETRY_LIMIT, retryDelay: 0 });
    } catch (error) {
      if (!(await boss.getQueue(QUEUE))) throw error; // not merely created by another worker meanwhile
    }
  }
  return boss;
}

/** Records the run in PostgreSQL and puts one job per partner on the queue. */
export async function enqueueRun(
  store: PostgresStore,
  list: ApplicantList,
  meta: { inputPath: string; options: QueuedRunOptions },
): Promise<RunRow> {
  const run = await store.startRun({
    inputPath: meta.inputPath,
    inputSha256: list.sha256,
    asOf: meta.options.asOf,
    options: { ...meta.options },
    extraColumns: list.extraColumns,
    partners: list.applicants,
  });
  const boss = await startBoss(store.url, 'enqueue');
  try {
    await boss.insert(list.applicants.map((p) => ({
      name: QUEUE,
      data: { runId: run.id, partnerId: p.id } satisfies AuditJob,
      expireInSeconds: meta.options.leaseSeconds,
      retryLimit: QUEUE_RETRY_LIMIT,
      retryDelay: 0,
    })));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  return run;
}

export interface WorkerSettings {
  /** Partners this worker audits at the same time. */
  concurrency: number;
  /** Keep waiting for jobs when the queue is empty. */
  watch: boolean;
  /** How often an idle worker asks for jobs. */
  pollSeconds?: number;
}

/**
 * Takes jobs until the queue is empty (or the signal stops it; for ever with --watch). Partners in
 * flight when the signal fires are put back on the queue, nothing half-written. Returns the number of
 * partners this worker audited.
 */
export async function runWorker(
  store: PostgresStore,
  settings: WorkerSettings,
  progress: BatchProgress,
  signal: AbortSignal,
): Promise<number> {
  const boss = await startBoss(store.url, 'work');
  const runs = new Map<number, RunRow>();
  const renderers = new Set<Renderer>();
  const hosts = new HostThrottle();
  let audited = 0;
  let active = 0;
  const handle = async ([job]: PgBoss.Job<AuditJob>[]) => {
    if (!job || signal.aborted) throw new Error('worker stopping: the job goes back to the queue');
    active++;
    try {
      const { runId, partnerId } = job.data;
      const run = runs.get(runId) ?? (await store.run(runId));
      const partner = await store.partner(runId, partnerId);
      if (!run || !partner || partner.state === 'done' || partner.state === 'failed') return;
      runs.set(runId, run);
      const domainLock = await lockDomain(store.pool, registrableDomain(partner.homepage));
      if (!domainLock) {
        await boss.send(QUEUE, job.data, { startAfter: DOMAIN_BUSY_RETRY_SECONDS, expireInSeconds: job.expireInSeconds, retryLimit: QUEUE_RETRY_LIMIT, retryDelay: 0 });
        return;
      }
      try {
        const options = run.options as unknown as QueuedRunOptions;
        const renderer = new Renderer({ chromiumPath: options.crawl.chromiumPath ?? null });
        renderers.add(renderer);
        try {
          const outcome = await auditAndStore(store, run, partner, options, { hosts, renderer }, progress, signal);
          if (outcome.kind === 'abandoned') throw new Error('worker stopping: the job goes back to the queue');
          audited++;
          await store.finishRunIfComplete(runId);
        } finally {
          renderers.delete(renderer);
          await renderer.close();
        }
      } finally {
        await domainLock.release();
      }
    } finally {
      active--;
    }
  };
  const pollingIntervalSeconds = settings.pollSeconds ?? 1;
  for (let i = 0; i < Math.max(1, settings.concurrency); i++) {
    await boss.work<AuditJob>(QUEUE, { batchSize: 1, pollingIntervalSeconds }, handle);
  }
  progress.note(`worker ${WORKER_NAME} ready: taking jobs from ${store.location}, ${settings.concurrency} at a time`);
  try {
    // Done when nothing is queued, retrying or leased (a dead worker's lease keeps us waiting for its job).
    for (;;) {
      await new Promise((r) => setTimeout(r, pollingIntervalSeconds * 1000));
      if (signal.aborted) break;
      if (!settings.watch && active === 0 && (await boss.getQueueSize(QUEUE, { before: 'completed' })) === 0) break;
    }
  } finally {
    await boss.offWork(QUEUE);
    // Handlers see the signal, put their partners back to pending and fail their jobs into the queue's retry.
    await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    await Promise.all([...renderers].map((r) => r.close()));
  }
  return audited;
}

/** A session-level advisory lock on the domain, on its own connection: dropped by the server if we die. */
async function lockDomain(pool: pg.Pool, domain: string): Promise<{ release(): Promise<void> } | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [DOMAIN_LOCK_CLASS, domain]);
    if (!rows[0]!.locked) {
      client.release();
      return null;
    }
  } catch (error) {
    client.release();
    throw error;
  }
  return {
    async release() {
      try {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [DOMAIN_LOCK_CLASS, domain]);
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    },
  };
}
