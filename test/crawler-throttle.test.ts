// The per-host gap as the host sees it: counted from when a request leaves for the host, not from when
// its turn came, so that a request held back after its turn (name resolution, connection set-up, a busy
// process) does not shorten the gap before the next one, whichever crawl of a batch sends it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { parseResolve } from '../crawlers/net.ts';
import { PoliteFetcher } from '../crawlers/polite-fetcher.ts';
import { HostThrottle } from '../crawlers/throttle.ts';

const HOST = 'www.shared.test';
const DELAY_MS = 300;
/** How long the process is busy between the first request's turn and its leaving. */
const HELD_BACK_MS = 200;
// Arrivals are taken at the server: loopback latency moves single arrivals by a few ms.
const TOLERANCE_MS = 50;

let server: FixtureServer;
const fetchers: PoliteFetcher[] = [];

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-shared-host'] });
});
afterAll(async () => {
  for (const fetcher of fetchers) fetcher.close();
  await server?.close();
});

function fetcherSharing(throttle: HostThrottle): PoliteFetcher {
  const fetcher = new PoliteFetcher({
    policy: { resolve: parseResolve(server.resolveArgs()), allowPrivate: true, allowAddresses: new Set() },
    userAgent: 'partner-presence-test',
    timeoutMs: 10_000,
    maxBytes: 1_000_000,
    perHostConcurrency: 1,
    delayMs: DELAY_MS,
    retries: 0,
    signal: new AbortController().signal,
    throttle,
  });
  fetchers.push(fetcher);
  return fetcher;
}

function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('two crawls sharing one HostThrottle (two partners of a batch on one host)', () => {
  it('space their requests by the delay from when the first one left, even when it left late', async () => {
    server.clearLog();
    const throttle = new HostThrottle();
    const [alpha, beta] = [fetcherSharing(throttle), fetcherSharing(throttle)];
    // alpha's turn comes now; the process is then busy before alpha's request can leave.
    const first = alpha.request(server.url(HOST, '/robots.txt'));
    busyFor(HELD_BACK_MS);
    const second = beta.request(server.url(HOST, '/robots.txt'));
    await Promise.all([first, second]);
    const times = server.log.filter((e) => e.host === HOST).map((e) => e.time);
    expect(times).toHaveLength(2);
    // Counted from alpha's turn, beta's request would arrive about DELAY_MS - HELD_BACK_MS after alpha's.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(DELAY_MS - TOLERANCE_MS);
  });
});
