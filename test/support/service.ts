// The web service for tests: fixture partner sites on 127.0.0.1 and a real service on a free port
// that reaches them the way an operator would allow an intranet site (--resolve + --allow-address),
// the private-address guard staying on for everything else.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { DEFAULT_SERVICE_CONFIG, startService, type RunningService, type ServiceConfig } from '../../src/service/server.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface ServiceUnderTest {
  fixtures: FixtureServer;
  service: RunningService;
  dataDir: string;
  /** A fixture site's homepage, e.g. site('www.harbourline.test'). */
  site(host: string): string;
  /** Stops the service and the fixture server and removes the data directory. */
  close(): Promise<void>;
}

/** Crawl options that reach the fixture server and nothing else private. */
export function fixtureCrawl(fixtures: FixtureServer): ServiceConfig['crawl'] {
  return { resolve: fixtures.resolveArgs(), allowAddresses: ['127.0.0.1'], allowPrivate: false, delayMs: 0, render: 'never' };
}

export async function startServiceUnderTest(
  sites: string[],
  overrides: Partial<ServiceConfig> = {},
): Promise<ServiceUnderTest> {
  const fixtures = await startFixtureServer({ sites });
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-service-'));
  const service = await startService({
    ...DEFAULT_SERVICE_CONFIG,
    port: 0,
    dataDir,
    adminToken: ADMIN_TOKEN,
    crawl: fixtureCrawl(fixtures),
    ...overrides,
  });
  return {
    fixtures,
    service,
    dataDir,
    site: (host) => fixtures.url(host, '/'),
    async close() {
      await service.close();
      await fixtures.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a Server-Sent Events stream until it ends (or `limitMs`), returning its events in order. */
export async function readEvents(url: string, headers: Record<string, string> = {}, limitMs = 60_000): Promise<{ event: string; data: unknown }[]> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(limitMs) });
  if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  return events;
}

/** Polls the status API until the audit has finished. */
export async function waitForAudit(base: string, id: string, limitMs = 60_000): Promise<{ state: string; [key: string]: unknown }> {
  const until = Date.now() + limitMs;
  for (;;) {
    const status = (await (await fetch(`${base}/api/audits/${id}`)).json()) as { state: string };
    if (status.state === 'done' || status.state === 'failed') return status;
    if (Date.now() > until) throw new Error(`audit ${id} still ${status.state} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
