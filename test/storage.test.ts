import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MAX_CRASHES, ResultStore, SCHEMA_VERSION, type PartnerSummary } from '../src/storage.ts';
import type { AnalyzedPage, CheckResult, SiteEvidence } from '../src/types.ts';
import type { PageFacts } from '../analyzers/types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
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
  blockHashes: ['abc'],
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
const runMeta = { inputPath: 'list.csv', inputSha256: 'x', asOf: '2026-11-29', options: { maxPages: 5 }, extraColumns: ['region'] };

describe('ResultStore', () => {
  it('stores a partner result in WAL mode and gives back the exact evidence', () => {
    const dir = tempDir();
    const store = ResultStore.open(dir);
    const run = store.startRun({ ...runMeta, partners });
    expect(store.partners(run.id).map((p) => [p.id, p.state, p.extra.region])).toEqual([['a', 'pending', 'north'], ['b', 'pending', 'south']]);
    store.markStarted(run.id, 'a');
    const bodies = new Map([['http://www.a.test/blog/1', '<html><body>零售 blog</body></html>']]);
    store.saveResult(run.id, 'a', { evidence: evidence(), checks: [check('P3.2', 'pass')], asOf: run.asOf, summary, durationMs: 50, bodies });
    expect(store.loadEvidence(run.id, 'a')).toEqual(evidence());
    expect(store.loadBody(run.id, 'a', 'http://www.a.test/blog/1')).toBe('<html><body>零售 blog</body></html>');
    expect(store.loadBody(run.id, 'a', 'http://www.a.test/')).toBeNull();
    expect(store.checks(run.id, 'a', run.asOf)).toEqual([{ checkId: 'P3.2', status: 'pass', summary: 'P3.2 is pass' }]);
    const a = store.partners(run.id)[0]!;
    expect([a.state, a.attempts, a.summary]).toEqual(['done', 1, summary]);
    store.close();

    const raw = new Database(join(dir, 'results.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT url, page_type, published FROM pages ORDER BY seq').all()).toEqual([
      { url: 'http://www.a.test/', page_type: null, published: null },
      { url: 'http://www.a.test/blog/1', page_type: 'thought-leadership', published: '2026-05-01' },
    ]);
    raw.close();
  });

  it('writes a partner in one transaction: a failure half-way leaves nothing behind', () => {
    const store = ResultStore.open(tempDir());
    const run = store.startRun({ ...runMeta, partners });
    store.markStarted(run.id, 'a');
    const broken = evidence();
    // A value JSON cannot serialize, on the second page: the first page's row is already inserted.
    (broken.pages[1]!.facts as unknown as Record<string, unknown>).title = 10n;
    expect(() => store.saveResult(run.id, 'a', { evidence: broken, checks: [check('P3.2', 'pass')], asOf: run.asOf, summary, durationMs: 1 })).toThrow(/BigInt/);
    expect(store.loadEvidence(run.id, 'a')).toBeNull();
    expect(store.checks(run.id, 'a', run.asOf)).toEqual([]);
    expect(store.partners(run.id)[0]!.state).toBe('running');
    store.close();
  });

  it('resumes the latest unfinished run: in-flight partners go back to pending, finished ones stay', () => {
    const dir = tempDir();
    let store = ResultStore.open(dir);
    const run = store.startRun({ ...runMeta, partners });
    store.markStarted(run.id, 'a');
    store.saveFailure(run.id, 'a', 'cannot reach http://www.a.test/: connection refused', 10);
    store.markStarted(run.id, 'b');
    store.close(); // as if the process were killed here

    store = ResultStore.open(dir);
    expect(store.latestUnfinishedRun()?.id).toBe(run.id);
    store.resumeRun(run.id);
    expect(store.partners(run.id).map((p) => [p.id, p.state, p.attempts, p.error])).toEqual([
      ['a', 'failed', 1, 'cannot reach http://www.a.test/: connection refused'],
      ['b', 'pending', 1, null],
    ]);
    store.finishRun(run.id, 'finished');
    expect(store.latestUnfinishedRun()).toBeNull();
    expect(store.run(run.id)?.state).toBe('finished');
    store.close();
  });

  it('finds each partner\'s previous outcome and keeps re-evaluations beside the original', () => {
    const store = ResultStore.open(tempDir());
    const first = store.startRun({ ...runMeta, partners });
    store.saveResult(first.id, 'a', { evidence: evidence(), checks: [check('P3.2', 'pass')], asOf: first.asOf, summary, durationMs: 1 });
    store.finishRun(first.id, 'interrupted'); // b never reached
    const second = store.startRun({ ...runMeta, asOf: '2026-12-01', partners });
    expect(store.previousOutcome('a', second.id)?.checks).toEqual([{ checkId: 'P3.2', status: 'pass', summary: 'P3.2 is pass' }]);
    expect(store.previousOutcome('a', second.id)?.run.id).toBe(first.id);
    expect(store.previousOutcome('b', second.id)).toBeNull();
    expect(store.previousOutcome('a', first.id)).toBeNull();

    store.saveEvaluation(first.id, 'a', '2027-12-01', [check('P3.2', 'fail')], { ...summary, verdict: 'fail' });
    expect(store.checks(first.id, 'a', '2027-12-01').map((c) => c.status)).toEqual(['fail']);
    expect(store.checks(first.id, 'a', first.asOf).map((c) => c.status)).toEqual(['pass']);
    const a = store.partners(first.id)[0]!;
    expect(a.summary?.verdict).toBe('pass');
    expect(store.summaryAt(first, a, '2027-12-01')?.verdict).toBe('fail');
    expect(store.summaryAt(first, a, first.asOf)?.verdict).toBe('pass');
    expect(store.summaryAt(first, a, '2028-01-01')).toBeNull();
    store.close();
  });

  it('counts process deaths per partner and fails a partner after MAX_CRASHES of them', () => {
    const dir = tempDir();
    let store = ResultStore.open(dir);
    const run = store.startRun({ ...runMeta, partners });
    for (let death = 1; death <= MAX_CRASHES; death++) {
      store.markStarted(run.id, 'a');
      if (death === 1) store.markStarted(run.id, 'b'); // in flight beside a the first time only
      store.close(); // the process dies here
      store = ResultStore.open(dir);
      store.resumeRun(run.id);
    }
    const [a, b] = store.partners(run.id);
    expect([a!.state, a!.crashes, a!.error]).toEqual(['failed', MAX_CRASHES, expect.stringMatching(/process died .* 2 times/)]);
    expect([b!.state, b!.crashes]).toEqual(['pending', 1]);
    store.close();
  });

  it('migrates a version 1 results file, keeping its runs and partners', () => {
    const dir = tempDir();
    const store = ResultStore.open(dir);
    const run = store.startRun({ ...runMeta, partners });
    store.saveResult(run.id, 'a', { evidence: evidence(), checks: [check('P3.2', 'pass')], asOf: run.asOf, summary, durationMs: 1 });
    store.close();
    // Version 1 as an older partner-presence wrote it: no crash count, no outputs flag.
    const raw = new Database(join(dir, 'results.sqlite'));
    raw.exec('ALTER TABLE partners DROP COLUMN crashes; ALTER TABLE partners DROP COLUMN outputs_current; PRAGMA user_version = 1');
    raw.close();

    const migrated = ResultStore.open(dir);
    expect(migrated.partners(run.id).map((p) => [p.id, p.state, p.crashes, p.outputsCurrent])).toEqual([
      ['a', 'done', 0, false], ['b', 'pending', 0, false],
    ]);
    expect(migrated.loadEvidence(run.id, 'a')).toEqual(evidence());
    migrated.close();
    const check2 = new Database(join(dir, 'results.sqlite'), { readonly: true });
    expect(check2.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check2.close();
  });

  it('refuses a results file written with another schema version', () => {
    const dir = tempDir();
    ResultStore.open(dir).close();
    const raw = new Database(join(dir, 'results.sqlite'));
    raw.pragma('user_version = 7');
    raw.close();
    expect(() => ResultStore.open(dir)).toThrow(new RegExp(`schema 7, this one knows up to ${SCHEMA_VERSION}`));
  });
});
