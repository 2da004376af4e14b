// Per-host politeness across a whole batch (issue 5): two partners whose pages live on one shared web
// host, audited at the same time, still send that host one request at a time, spaced by the delay,
// while hosts of their own are crawled alongside instead of waiting behind the shared one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type AccessLogEntry, type FixtureServer } from '../fixtures/server.ts';
import { createProgress } from '../src/batch/progress.ts';
import { runBatch } from '../src/batch/run.ts';

const SHARED_HOST = 'www.shared.test';
const DELAY_MS = 300;
// Homepages answer slower than the delay, so two requests in flight at once would show as a gap
// shorter than the answer time even where the delay alone is respected.
const HOMEPAGE_ANSWER_MS = 500;
const PAGE_ANSWER_MS = 60;
// Arrival times are taken at the server: connection set-up on a busy machine moves single arrivals
// by a few ms either way (as in the Crawl-delay test).
const TOLERANCE_MS = 50;

let server: FixtureServer;
let dir: string;
let log: AccessLogEntry[];

const answerMs = (entry: AccessLogEntry) => (/^\/(alpha|beta)\/$/.test(entry.path) ? HOMEPAGE_ANSWER_MS : PAGE_ANSWER_MS);

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-shared-host'] });
  server.route(SHARED_HOST, '/*', { delayMs: PAGE_ANSWER_MS });
  server.route(SHARED_HOST, '/alpha/', { delayMs: HOMEPAGE_ANSWER_MS });
  server.route(SHARED_HOST, '/beta/', { delayMs: HOMEPAGE_ANSWER_MS });
  dir = mkdtempSync(join(tmpdir(), 'pp-batch-politeness-'));
  writeFileSync(
    join(dir, 'applicants.csv'),
    ['id,name,homepage', `alpha,Alpha Systems,${server.url(SHARED_HOST, '/alpha/')}`, `beta,Beta Systems,${server.url(SHARED_HOST, '/beta/')}`, ''].join('\n'),
  );
  const outcome = await runBatch(
    join(dir, 'applicants.csv'),
    {
      outDir: join(dir, 'out'),
      asOf: '2026-11-29',
      crawl: {
        resolve: server.resolveArgs(),
        allowPrivate: true,
        delayMs: DELAY_MS,
        perHostConcurrency: 1,
        retries: 0,
        timeoutMs: 10_000,
        render: 'never',
      },
      concurrency: 2,
      keepHtml: false,
      resume: false,
    },
    createProgress({ write: () => true }),
    new AbortController().signal,
  );
  expect(outcome.state).toBe('finished');
  expect(outcome.rows.map((r) => [r.partner.id, r.partner.state, r.partner.error])).toEqual([
    ['alpha', 'done', null],
    ['beta', 'done', null],
  ]);
  log = [...server.log].sort((a, b) => a.time - b.time);
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a batch of two partners on one shared host (partner concurrency 2, per-host concurrency 1)', () => {
  it('crawled both partners on the shared host and on their own hosts', () => {
    const paths = (host: string) => new Set(log.filter((e) => e.host === host).map((e) => e.path));
    for (const partner of ['alpha', 'beta']) {
      expect([...paths(SHARED_HOST)], partner).toEqual(expect.arrayContaining([`/${partner}/`, `/${partner}/about`, `/${partner}/customers`]));
      expect([...paths(`${partner}.shared.test`)], partner).toEqual(expect.arrayContaining(['/', '/stores', '/ecommerce']));
    }
  });

  it('sends the shared host one request at a time, each after the previous answer and at least the delay apart', () => {
    const shared = log.filter((e) => e.host === SHARED_HOST);
    const pairs = shared.slice(1).map((next, i) => ({ prev: shared[i]!, gap: next.time - shared[i]!.time }));
    expect(pairs.length).toBeGreaterThan(8);
    // Never overlapping: the next request arrives only after the previous one was answered.
    const overlaps = pairs.filter(({ prev, gap }) => gap < answerMs(prev) - TOLERANCE_MS);
    expect(overlaps.map(({ prev, gap }) => `${prev.path} +${gap} ms`)).toEqual([]);
    const tooClose = pairs.filter(({ gap }) => gap < DELAY_MS - TOLERANCE_MS);
    expect(tooClose.map(({ prev, gap }) => `${prev.path} +${gap} ms`)).toEqual([]);
  });

  it('does not hold requests to other hosts behind the shared host', () => {
    // With one queue for every host, no two requests of the batch would arrive closer than the delay;
    // here each host gets requests within half a delay of a request to another host.
    const closeToAnotherHost = new Set<string>();
    log.slice(1).forEach((next, i) => {
      const prev = log[i]!;
      if (next.host !== prev.host && next.time - prev.time < DELAY_MS / 2) closeToAnotherHost.add(prev.host).add(next.host);
    });
    expect([...closeToAnotherHost].sort()).toEqual(['alpha.shared.test', 'beta.shared.test', SHARED_HOST]);
  });
});
