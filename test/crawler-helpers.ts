// Shared by the crawler tests: a crawl against the fixture server, and the robots.txt audit of its log.
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import robotsParserModule from 'robots-parser';
import { expect } from 'vitest';
import type { FixtureServer } from '../fixtures/server.ts';
import { crawlSite } from '../crawlers/crawl.ts';
import type { CrawlOptions, CrawlResult, PageRecord } from '../crawlers/types.ts';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** Crawls through the fixture server; keeps each page's body (the crawler drops it) for assertions. */
export async function crawlFixture(server: FixtureServer, host: string, options: Partial<CrawlOptions> = {}, path = '/') {
  const bodies = new Map<string, string>();
  const seen: PageRecord[] = [];
  const progress: { fetched: number; queued: number; rendered: number }[] = [];
  const result: CrawlResult = await crawlSite(
    server.url(host, path),
    { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, ...options },
    {
      page: (p) => {
        seen.push({ ...p });
        if (p.body !== null) bodies.set(p.url, p.body);
      },
      progress: (p) => progress.push(p),
    },
  );
  return { result, bodies, seen, progress, page: (path: string, h = host) => result.pages.find((p) => p.url === server.url(h, path)) };
}

/** GET straight from the fixture server (not through the crawler). */
export function rawGet(server: FixtureServer, host: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

/**
 * Asserts from the access log that no request broke robots.txt: nothing disallowed for our user agent
 * was requested, and a host whose robots.txt answered 5xx got no request but robots.txt.
 * Reads each robots.txt as served, independently of the crawler. Returns the number of requests checked.
 */
export async function expectRobotsObeyed(server: FixtureServer, userAgent = 'partner-presence/0.1.0'): Promise<number> {
  const hosts = [...new Set(server.log.map((e) => e.host))];
  const log = [...server.log];
  let checked = 0;
  try {
    for (const host of hosts) {
      const robots = await rawGet(server, host, '/robots.txt');
      const requests = log.filter((e) => e.host === host && e.path !== '/robots.txt');
      if (robots.status >= 500) {
        expect(requests, `${host} answered robots.txt with ${robots.status}: nothing else may be requested`).toEqual([]);
        continue;
      }
      if (robots.status >= 400) continue;
      const rules = robotsParser(`http://${host}:${server.port}/robots.txt`, robots.text);
      for (const e of requests) {
        checked++;
        expect(rules.isDisallowed(`http://${host}:${server.port}${e.path}`, userAgent), `${host}${e.path} is disallowed by robots.txt`).not.toBe(true);
      }
    }
  } finally {
    // Our own robots.txt reads are not the crawler's requests.
    server.log.splice(log.length);
  }
  return checked;
}

/** Chromium processes started by this test process whose command line contains `flag` (Linux /proc). */
export function ourChromiumProcesses(flag: string): number[] {
  const parentOf = new Map<number, number>();
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(flag)) found.push(Number(name));
    } catch {
      // Ended while we looked.
    }
  }
  return found.filter((pid) => {
    for (let at = parentOf.get(pid), hops = 0; at && hops < 10; hops++, at = parentOf.get(at)) if (at === process.pid) return true;
    return false;
  });
}
