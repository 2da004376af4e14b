import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { MAX_CRASHES, PostgresStore, SCHEMA_VERSION, SqliteStore, type PartnerSummary, type Store } from '../src/store/index.ts';
import { migration } from '../src/store/schema.ts';
import { POSTGRES_MISSING, testPostgres, type TestPostgres } from './support/postgres.ts';
import type { AnalyzedPage, CheckResult, SiteEvidence } from '../src/types.ts';
import type { PageFacts } from '../analyzers/types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
let postgres: TestPostgres | null = null;
let databases = 0;
beforeAll(async () => {
  postgres = await testPostgres();
  if (!postgres) console.warn(POSTGRES_MISSING);
});
afterAll(async () => {
  await postgres?.stop();
});

/** One backend of the store: a fresh place (a folder, a database) and how to open a store there. */
interface Backend {
  name: string;
  fresh(): Promise<string>;
  open(place: string): Promise<Store>;
}
const BACKENDS: Backend[] = [
  { name: 'SQLite', fresh: async () => tempDir(), open: async (dir) => SqliteStore.open(dir) },
  { name: 'PostgreSQL', fresh: () => postgres!.createDatabase(`store_${++databases}`), open: (url) => PostgresStore.open(url) },
];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pp-store-'));
  dirs.push(d);
  return d;
}

const facts = (title: string): PageFacts => ({
  title,
  lang: 'zh-TW',
  description: null,
  dates: { published: { date: '2026-05-01', source: 'meta', rule: 'meta:article:published_time', confidence: 0.9, raw: '2026-05-01' }, modified: null },
  classification: { type: 'thought-leadership', kind: 'blog', confidence: 0.8, signals: ['url:/blog/'] },
  retail: {
    areas: { 'customer-engagement': 0.5, 'merchandising-planning': 0, 'supply-chain-distribution': 0, stores: 0.2, 'retail-data-science': 0, 'business-applications': 0 },
    score: 0.6,
    blocks: [],
    terms: { generic: ['零售'], 'customer-engagement': ['會員'], 'merchandising-planning': [], 'supply-chain-distribution': [], stores: ['門市'], 'retail-data-science': [], 'business-applications': [] },
  },
  awsServices: ['Amazon S3'],
  mentionsAws: true,
  otherClouds: [],
  caseStudy: null,
  excerpt: '零售 會員 門市',
  error: null,
});

const page = (url: string, withFacts: boolean): AnalyzedPage => ({
  url,
  finalUrl: url,
  redirectChain: [],
  httpStatus: 200,
  contentType: 'text/html',
  charset: 'utf-8',
  headers: {},
  foundVia: 'link',
  depth: 1,
  anchorText: 'Blog',
  referrers: ['http://www.a.test/'],
  truncated: false,
  byteLength: 1234,
  rendered: false,
  renderReason: null,
  links: [{ url: 'http://www.a.test/', text: 'Home', region: 'nav', internal: true }],
  canonical: null,
  error: null,
  blocked: null,
  fetchedAt: '2026-11-29T10:00:00.000Z',
  durationMs: 12,
  path: ['http://www.a.test/', url],
  facts: withFacts ? facts(`title of ${url}`) : null,
});

const evidence = (): SiteEvidence => ({
  homepage: 'http://www.a.test/',
  scopeDomain: 'a.test',
  pages: [page('http://www.a.test/', false), page('http://www.a.test/blog/1', true)],
  skipped: [{ url: 'http://www.a.test/private/', reason: 'robots', detail: 'Disallow: /private/', from: 'http://www.a.test/' }],
  outbound: [],
  retailCoverage: { areas: { 'customer-engagement': 0.5, 'merchandising-planning': 0, 'supply-chain-distribution': 0, stores: 0.2, 'retail-data-science': 0, 'business-applications': 0 }, overall: 0.12 },
  crawl: { pagesFetched: 2, pagesRendered: 0, documents: 0, stoppedBy: 'done', renderUnavailable: null, durationMs: 40, startedAt: '2026-11-29T10:00:00.000Z' },
});

const check = (id: CheckResult['id'], status: CheckResult['status']): CheckResult => ({
  id, title: id, status, outcome: { id: 'outcome.check-error', values: { error: status } }, advice: [], summary: `${id} is ${status}`, evidence: [],
  recommendation: null, informational: false, validUntil: null,
});

const summary: PartnerSummary = {
  finalHomepage: 'http://www.a.test/', verdict: 'pass', pagesCrawled: 2, caseStudiesFound: 0, caseStudiesReachable: 0,
  newestRetailThoughtLeadership: '2026-05-01', practicePage: null,
};

const partners = [
  { id: 'a', name: 'A', homepage: 'http://www.a.test/', notes: '', extra: { region: 'north' }, line: 2 },
  { id: 'b', name: 'B', homepage: 'http://www.b.test/', notes: 'n', extra: { region: 'south' }, line: 3 },
];
/** A partner's failure as the audit stores it: a crawl that could not connect. */
const refused = { kind: 'crawl.unreachable', values: { url: 'http://www.a.test/', code: 'ECONNREFUSED', detail: 'connection refused (ECONNREFUSED)' } };
const runMeta = { inputPath: 'list.csv', inputSha256: 'x', asOf: '2026-11-29', options: { maxPages: 5 }, extraColumns: ['region'] };

describe.each(BACKENDS)('the result store in $name', (backend) => {
  const unavailable = () => backend.name === 'PostgreSQL' && !postgres;

  it('stores a partner result and gives back the exact evidence', async (context) => {
    if (unavailable()) return context.skip();
    const place = await backend.fresh();
    const store = await backend.open(place);
    const run = await store.startRun({ ...runMeta, partners });
    expect((await store.partners(run.id)).map((p) => [p.id, p.state, p.extra.region])).toEqual([['a', 'pending', 'north'], ['b', 'pending', 'south']]);
    await store.markStarted(run.id, 'a', 'host:1');
    const bodies = new Map([['http://www.a.test/blog/1', '<html><body>零售 blog</body></html>']]);
    await store.saveResult(run.id, 'a', { evidence: evidence(), checks: [check('P3.2', 'pass'), check('P2.1', 'fail')], asOf: run.asOf, summary, durationMs: 50, bodies });
    expect(await store.loadEvidence(run.id, 'a')).toEqual(evidence());
    expect(await store.loadBody(run.id, 'a', 'http://www.a.test/blog/1')).toBe('<html><body>零售 blog</body></html>');
    expect(await store.loadBody(run.id, 'a', 'http://www.a.test/')).toBeNull();
    expect(await store.checks(run.id, 'a', run.asOf)).toEqual([
      { checkId: 'P2.1', status: 'fail', summary: 'P2.1 is fail' }, { checkId: 'P3.2', status: 'pass', summary: 'P3.2 is pass' },
    ]);
    const a = (await store.partners(run.id))[0]!;
    expect([a.state, a.attempts, a.summary, a.worker]).toEqual(['done', 1, summary, 'host:1']);
    await store.close();
    if (backend.name === 'SQLite') {
      const raw = new Database(join(place, 'results.sqlite'), { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT url, page_type, published FROM pages ORDER BY seq').all()).toEqual([
        { url: 'http://www.a.test/', page_type: null, published: null },
        { url: 'http://www.a.test/blog/1', page_type: 'thought-leadership', published: '2026-05-01' },
      ]);
      raw.close();
    }
  });

  it('writes a partner in one transaction: a failure half-way leaves nothing behind', async (context) => {
    if (unavailable()) return context.skip();
    const store = await backend.open(await backend.fresh());
    const run = await store.startRun({ ...runMeta, partners });
    await store.markStarted(run.id, 'a', 'host:1');
    const broken = evidence();
    // A value JSON cannot serialize, on the second page: the first page's row is already inserted.
    (broken.pages[1]!.facts as unknown as Record<string, unknown>).title = 10n;
    await expect(store.saveResult(run.id, 'a', { evidence: broken, checks: [check('P3.2', 'pass')], asOf: run.asOf, summary, durationMs: 1 })).rejects.toThrow(/BigInt/);
    expect(await store.loadEvidence(run.id, 'a')).toBeNull();
    expect(await store.checks(run.id, 'a', run.asOf)).toEqual([]);
    expect((await store.partners(run.id))[0]!.state).toBe('running');
    await store.close();
  });

  it('resumes the latest unfinished run: in-flight partners go back to pending, finished ones stay', async (context) => {
    if (unavailable()) return context.skip();
    const place = await backend.fresh();
    let store = await backend.open(place);
    const run = await store.startRun({ ...runMeta, partners });
    await store.markStarted(run.id, 'a', 'host:1');
    await store.saveFailure(run.id, 'a', refused, 10);
    await store.markStarted(run.id, 'b', 'host:1');
    await store.close(); // as if the process were killed here

    store = await backend.open(place);
    expect((await store.latestUnfinishedRun())?.id).toBe(run.id);
    await store.resumeRun(run.id);
    // Why it failed is kept as data (worded when shown, in the reader's language) and in English words.
    expect((await store.partners(run.id)).map((p) => [p.id, p.state, p.attempts, p.crashes, p.error, p.failure])).toEqual([
      ['a', 'failed', 1, 0, 'Could not reach http://www.a.test/: connection refused (ECONNREFUSED)', refused],
      ['b', 'pending', 1, 1, null, null],
    ]);
    await store.finishRun(run.id, 'finished');
    expect(await store.latestUnfinishedRun()).toBeNull();
    expect((await store.run(run.id))?.state).toBe('finished');
    await store.close();
  });

  it('puts back only a partner still in flight: an outcome stored meanwhile stays', async (context) => {
    if (unavailable()) return context.skip();
    const store = await backend.open(await backend.fresh());
    const run = await store.startRun({ ...runMeta, partners });
    await store.markStarted(run.id, 'a', 'host:1');
    await store.saveFailure(run.id, 'a', refused, 10);
    await store.markStarted(run.id, 'b', 'host:1');
    // A stop arriving as the audits end: 'a' was stored just before, 'b' is still in flight.
    await store.markPending(run.id, 'a');
    await store.markPending(run.id, 'b');
    expect((await store.partners(run.id)).map((p) => [p.id, p.state])).toEqual([['a', 'failed'], ['b', 'pending']]);
    await store.close();
  });

  it('counts deaths per partner (on resume and when a worker takes a partner still running) and gives up at MAX_CRASHES', async (context) => {
    if (unavailable()) return context.skip();
    const place = await backend.fresh();
    let store = await backend.open(place);
    const run = await store.startRun({ ...runMeta, partners });
    await store.markStarted(run.id, 'a', 'host:1');
    await store.markStarted(run.id, 'b', 'host:1');
    await store.close(); // the process dies with both in flight
    store = await backend.open(place);
    await store.resumeRun(run.id);
    expect((await store.partners(run.id)).map((p) => [p.state, p.crashes])).toEqual([['pending', 1], ['pending', 1]]);
    await store.markStarted(run.id, 'a', 'host:2'); // dies again: a worker that takes it finds it running
    const a = await store.markStarted(run.id, 'a', 'host:3');
    expect([a.state, a.crashes, a.error, a.failure]).toEqual(['failed', MAX_CRASHES, expect.stringMatching(/process auditing it died .* 2 times/),
      { kind: 'audit.given-up', values: { times: MAX_CRASHES } }]);
    expect(await store.finishRunIfComplete(run.id)).toBe(false); // b is still to do
    const b = await store.markStarted(run.id, 'b', 'host:3');
    expect([b.state, b.crashes, b.worker]).toEqual(['running', 1, 'host:3']);
    expect((await store.progress(run.id)).running).toEqual([{ partnerId: 'b', worker: 'host:3', startedAt: expect.any(String) }]);
    await store.saveFailure(run.id, 'b', { kind: 'audit.no-result' }, 1);
    expect(await store.finishRunIfComplete(run.id)).toBe(true);
    expect(await store.progress(run.id)).toMatchObject({ pending: 0, running: [], done: 0, failed: 2, run: { state: 'finished' } });
    await store.close();
  });

  it("finds each partner's previous outcome and keeps re-evaluations beside the original", async (context) => {
    if (unavailable()) return context.skip();
    const store = await backend.open(await backend.fresh());
    const first = await store.startRun({ ...runMeta, partners });
    await store.saveResult(first.id, 'a', { evidence: evidence(), checks: [check('P3.2', 'pass')], asOf: first.asOf, summary, durationMs: 1 });
    await store.finishRun(first.id, 'interrupted'); // b never reached
    const second = await store.startRun({ ...runMeta, asOf: '2026-12-01', partners });
    expect((await store.previousOutcome('a', second.id))?.checks).toEqual([{ checkId: 'P3.2', status: 'pass', summary: 'P3.2 is pass' }]);
    expect((await store.previousOutcome('a', second.id))?.run.id).toBe(first.id);
    expect(await store.previousOutcome('b', second.id)).toBeNull();
    expect(await store.previousOutcome('a', first.id)).toBeNull();

    await store.saveEvaluation(first.id, 'a', '2027-12-01', [check('P3.2', 'fail')], { ...summary, verdict: 'fail' });
    await store.saveEvaluation(first.id, 'a', '2027-12-01', [check('P3.2', 'fail')], { ...summary, verdict: 'fail' });
    expect((await store.checks(first.id, 'a', '2027-12-01')).map((c) => c.status)).toEqual(['fail']);
    expect((await store.checks(first.id, 'a', first.asOf)).map((c) => c.status)).toEqual(['pass']);
    const a = (await store.partners(first.id))[0]!;
    expect(a.summary?.verdict).toBe('pass');
    expect((await store.summaryAt(first, a, '2027-12-01'))?.verdict).toBe('fail');
    expect((await store.summaryAt(first, a, first.asOf))?.verdict).toBe('pass');
    expect(await store.summaryAt(first, a, '2028-01-01')).toBeNull();
    await store.close();
  });

  it('migrates a version 1 database, keeping its runs and partners, and refuses a newer one', async (context) => {
    if (unavailable()) return context.skip();
    const place = await backend.fresh();
    // Version 1 exactly as the first schema created it, with one run and one partner in it.
    const v1 = migration(0, backend.name === 'SQLite' ? 'sqlite' : 'postgres');
    const insertRun = `INSERT INTO runs (started_at, state, pid, input_path, input_sha256, as_of, options_json, extra_columns_json)
      VALUES ('2026-11-29T00:00:00Z', 'finished', 1, 'list.csv', 'x', '2026-11-29', '{}', '[]')`;
    const insertPartner = `INSERT INTO partners (run_id, partner_id, position, line, name, homepage, notes, extra_json, state)
      VALUES (1, 'a', 0, 2, 'A', 'http://www.a.test/', '', '{}', 'done')`;
    if (backend.name === 'SQLite') {
      const raw = new Database(join(place, 'results.sqlite'));
      raw.exec(v1 + insertRun + ';' + insertPartner);
      raw.pragma('user_version = 1');
      raw.close();
    } else {
      const client = new pg.Client({ connectionString: place });
      await client.connect();
      await client.query(v1);
      await client.query(`${insertRun}; ${insertPartner}`);
      await client.query('CREATE TABLE partner_presence_schema (version INTEGER NOT NULL); INSERT INTO partner_presence_schema VALUES (1)');
      await client.end();
    }
    const migrated = await backend.open(place);
    expect((await migrated.partners(1)).map((p) => [p.id, p.state, p.crashes, p.outputsCurrent, p.worker])).toEqual([['a', 'done', 0, false, null]]);
    const next = await migrated.startRun({ ...runMeta, partners });
    expect(next.id).toBe(2);
    await migrated.close();

    // A database from a newer partner-presence is refused, not misread.
    if (backend.name === 'SQLite') {
      const raw = new Database(join(place, 'results.sqlite'));
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      raw.pragma('user_version = 99');
      raw.close();
    } else {
      const client = new pg.Client({ connectionString: place });
      await client.connect();
      expect((await client.query('SELECT version FROM partner_presence_schema')).rows).toEqual([{ version: SCHEMA_VERSION }]);
      await client.query('UPDATE partner_presence_schema SET version = 99');
      await client.end();
    }
    await expect(backend.open(place)).rejects.toThrow(/schema 99, this one knows up to \d/);
  });
});
