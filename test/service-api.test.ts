// The web service's JSON API, safety rules and restart behaviour, against a real server on 127.0.0.1
// auditing fixture partner sites (the browser side is in service-browser.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ADMIN_TOKEN, readEvents, startServiceUnderTest, waitForAudit, type ServiceUnderTest } from './support/service.ts';
import { DEFAULT_SERVICE_CONFIG, startService } from '../src/service/server.ts';
import { MAX_CRASHES } from '../src/store/index.ts';
import { ServiceStore } from '../src/service/store.ts';
import { AuditScheduler } from '../src/service/scheduler.ts';

const schema = JSON.parse(readFileSync(new URL('../schema/report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv2020({ strict: false }).compile(schema);

let sut: ServiceUnderTest;
let base: string;

beforeAll(async () => {
  sut = await startServiceUnderTest(['demo', 'static', 'stale', 'microsite'], { auditsPerHour: 3 });
  base = sut.service.url;
  // Slow enough that an audit is still running when the next request comes.
  sut.fixtures.route('www.harbourline.test', '/*', { delayMs: 60 });
});
afterAll(async () => {
  await sut?.close();
});

async function startAudit(homepage: string, asOf?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/audits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(asOf ? { homepage, asOf } : { homepage }),
  });
  return { res, body: (await res.json()) as Record<string, any> };
}

describe('the audit API', () => {
  let id: string;

  it('starts an audit, streams its progress and checks before it ends, and serves its reports', async () => {
    const { res, body } = await startAudit(sut.site('www.harbourline.test'), '2026-11-29');
    expect(res.status).toBe(202);
    expect(body.joined).toBe(false);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    id = body.id;
    expect(res.headers.get('location')).toBe(`/api/audits/${id}`);

    const events = await readEvents(`${base}/api/audits/${id}/events`);
    const kinds = events.map((e) => e.event);
    const firstCheck = kinds.indexOf('check');
    const done = kinds.findIndex((k, i) => k === 'state' && (events[i]!.data as { state: string }).state === 'done');
    expect(done).toBe(kinds.length - 1);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as { pagesFetched: number; currentUrl: string | null });
    expect(progress.some((p) => p.currentUrl?.startsWith('http://www.harbourline.test:'))).toBe(true);
    expect(kinds.slice(0, firstCheck)).toContain('progress');
    expect(events.filter((e) => e.event === 'check').map((e) => (e.data as { id: string }).id))
      .toEqual(['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']);
    expect(firstCheck).toBeLessThan(done);

    const status = await (await fetch(`${base}/api/audits/${id}`)).json();
    expect(status).toMatchObject({ state: 'done', verdict: 'pass', asOf: '2026-11-29', position: null });
    expect(status.checks).toHaveLength(6);

    const report = await (await fetch(`${base}${status.links.report}`)).json();
    expect(validateReport(report)).toBe(true);
    expect(report.verdict).toBe('pass');
    const page = await fetch(`${base}/audits/${id}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(await page.text()).toContain('id="verdict-title"');
    const markdown = await fetch(`${base}/audits/${id}/report.md`);
    expect(markdown.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await markdown.text()).toMatch(/^# Retail web presence audit: www\.harbourline\.test/);
  });

  it('speaks Traditional Chinese when asked by ?lang=, the cookie it sets, or Accept-Language, with a switch on every page', async () => {
    const zh = await fetch(`${base}/audits/${id}?lang=zh-TW`);
    expect(zh.headers.get('set-cookie')).toMatch(/^lang=zh-TW;/);
    const zhPage = await zh.text();
    expect(zhPage).toContain('<html lang="zh-TW">');
    expect(zhPage).toContain('零售實務微型網站'); // the embedded report too
    // Chinese punctuation between and after the download links, not English commas and full stops.
    expect(zhPage).toMatch(/>單一 HTML 檔案<\/a>。分享此頁/);
    expect(zhPage).toMatch(/>JSON<\/a>、<a [^>]*>Markdown<\/a>、<a /);
    expect(zhPage).toContain(`<a href="/audits/${id}?lang=en" hreflang="en" lang="en">English</a>`);
    expect(zhPage).toContain('<span aria-current="true" lang="zh-TW">繁體中文</span>');
    const markdown = await (await fetch(`${base}/audits/${id}/report.md`, { headers: { cookie: 'lang=zh-TW' } })).text();
    expect(markdown).toMatch(/^# 零售網路形象稽核：www\.harbourline\.test/);
    const english = await (await fetch(`${base}/audits/${id}`)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain(`<a href="/audits/${id}?lang=zh-TW" hreflang="zh-TW" lang="zh-TW">繁體中文</a>`);
    expect(await (await fetch(`${base}//evil.test/x`)).text()).toContain('<a href="/evil.test/x?lang=zh-TW"');
    expect(await (await fetch(`${base}/`, { headers: { 'accept-language': 'zh-Hant-TW,zh;q=0.9,en;q=0.5' } })).text()).toContain('申請前，先檢查您的零售網路形象');
    // Simplified Chinese is not offered: such a reader gets the next language they accept, or English.
    expect(await (await fetch(`${base}/`, { headers: { 'accept-language': 'zh-CN' } })).text()).toContain('<html lang="en">');
  });

  it('shows a finished audit again for the same site (any spelling of its address) within the cooldown', async () => {
    const host = new URL(sut.site('www.harbourline.test')).host.replace(/^www\./, '');
    const { res, body } = await startAudit(`HTTP://${host.toUpperCase()}`);
    expect(res.status).toBe(202);
    expect(body).toMatchObject({ id, joined: true });
  });

  it('refuses what is not a web address, and dates that are not dates, with a 400 naming the problem', async () => {
    const bad = await startAudit('javascript:alert(1)');
    expect(bad.res.status).toBe(400);
    expect(bad.body.error).toMatch(/not a web address/);
    const date = await startAudit(sut.site('www.northwind.test'), '2026-02-30');
    expect(date.res.status).toBe(400);
    expect(date.body.error).toMatch(/calendar date/);
    const extra = await fetch(`${base}/api/audits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: 'a.com', maxPages: 5000 }) });
    expect(extra.status).toBe(400);
  });

  it('answers unknown or malformed audit ids with 404, never touching a file', async () => {
    for (const path of ['/api/audits/AAAAAAAAAAAAAAAAAAAAAA', '/api/audits/..%2F..%2Fetc%2Fpasswd', '/audits/..%2Fresults.sqlite', '/audits/x/report.json']) {
      const res = await fetch(`${base}${path}`);
      expect([400, 404], path).toContain(res.status);
    }
  });
});

describe('safety', () => {
  it('sends security headers and a CSP that allows no inline script on every page', async () => {
    for (const path of ['/', '/admin', '/nothing-here']) {
      const res = await fetch(`${base}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('accepts state changes only from its own origin', async () => {
    const form = (headers: Record<string, string>) =>
      fetch(`${base}/audits`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'homepage=www.example.com' });
    expect((await form({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await form({ origin: base, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await form({ origin: 'null' })).status).toBe(403);
    const upload = await fetch(`${base}/api/batches`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, origin: 'https://evil.example' } });
    expect(upload.status).toBe(403);
  });

  it('limits the audits one address may start, with a 429 that says when to try again; joining is free', async () => {
    // The first audit above was one; the join and the refused requests were not.
    const second = await startAudit(sut.site('www.northwind.test'));
    expect(second.res.status).toBe(202);
    const third = await startAudit(sut.site('www.evergreencommerce.test'));
    expect(third.res.status).toBe(202);
    const join = await startAudit(sut.site('www.evergreencommerce.test'));
    expect(join.body.joined).toBe(true);
    const refused = await startAudit(sut.site('www.shoptech.test'));
    expect(refused.res.status).toBe(429);
    const retryAfter = Number(refused.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3000);
    expect(refused.body.retryAfterSeconds).toBe(retryAfter);

    const page = await fetch(`${base}/audits`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, body: 'homepage=www.shoptech.test' });
    expect(page.status).toBe(429);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/You can start another in about \d+ minutes \(at \d\d:\d\d UTC\)/);
    await waitForAudit(base, second.body.id);
    await waitForAudit(base, third.body.id);
  });
});

describe('the batch API', () => {
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

  function upload(name: string, content: string, headers: Record<string, string> = auth) {
    const form = new FormData();
    form.append('list', new Blob([content], { type: 'text/csv' }), name);
    return fetch(`${base}/api/batches`, { method: 'POST', headers, body: form });
  }

  it('needs the admin token', async () => {
    expect((await upload('a.csv', 'name,homepage\nA,a.com\n', {})).status).toBe(401);
    expect((await upload('a.csv', 'name,homepage\nA,a.com\n', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${base}/api/batches`)).status).toBe(401);
  });

  it('audits an uploaded list, reports bad rows by line, and keeps the upload name out of every path', async () => {
    const csv = `id,name,homepage\nstatic,Static Co,${sut.site('www.northwind.test')}\nbroken,Broken,ht!tp://nope\nstale,Stale Co,${sut.site('www.evergreencommerce.test')}\n`;
    const res = await upload('../../../tmp/evil\u0007.csv', csv);
    expect(res.status).toBe(201);
    const batch = (await res.json()) as Record<string, any>;
    expect(batch.fileName).toBe('evil.csv');
    expect(batch.problems).toEqual([expect.objectContaining({ line: 3 })]);
    expect(batch.partners.map((p: { id: string }) => p.id)).toEqual(['static', 'stale']);

    const events = await readEvents(`${base}${batch.links.events}`, auth);
    const partnerEvents = events.filter((e) => e.event === 'partner').map((e) => e.data as { partnerId: string; state: string });
    expect(partnerEvents).toContainEqual(expect.objectContaining({ partnerId: 'static', state: 'done' }));
    expect(partnerEvents).toContainEqual(expect.objectContaining({ partnerId: 'stale', state: 'done' }));
    let status: Record<string, any> = {};
    for (let i = 0; i < 300 && status.state !== 'finished'; i++) {
      status = await (await fetch(`${base}/api/batches/${batch.id}`, { headers: auth })).json();
      if (status.state !== 'finished') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status.counts).toEqual({ queued: 0, running: 0, done: 2, failed: 0 });
    const report = await (await fetch(`${base}${status.partners[0].report}`, { headers: auth })).json();
    expect(validateReport(report)).toBe(true);
    expect(readdirSync(sut.dataDir).sort().filter((f) => !/^(results\.sqlite(-wal|-shm)?|batch\.lock(-journal)?)$/.test(f))).toEqual([]);
  });

  it('refuses a file that is not an applicant list with one clear error', async () => {
    const res = await upload('list.csv', 'just some text\nwithout a header\n');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/not an applicant list/);
  });
});

describe('a site audited again after the cooldown', () => {
  it('shows what changed since its previous audit', async () => {
    const { fixtures, dataDir } = sut;
    const crawl = { resolve: fixtures.resolveArgs(), allowAddresses: ['127.0.0.1'], delayMs: 0, render: 'never' as const };
    const service = await startService({ ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir: `${dataDir}/again`, adminToken: null, crawl, cooldownMs: 0 });
    try {
      const audit = async (asOf: string) => {
        const res = await fetch(`${service.url}/api/audits`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: sut.site('www.evergreencommerce.test'), asOf }),
        });
        const { id, joined } = (await res.json()) as { id: string; joined: boolean };
        expect(joined).toBe(false);
        await waitForAudit(service.url, id);
        return id;
      };
      // The site's newest retail item is from 2025-10-14: within 12 months in mid-2026, not by December.
      const before = await audit('2026-06-01');
      const page = await (await fetch(`${service.url}/audits/${before}`)).text();
      expect(page).toMatch(/first audit of this site/);
      const after = await audit('2026-12-04');
      const changed = await (await fetch(`${service.url}/audits/${after}`)).text();
      expect(changed).toMatch(/Changed since the audit of \d{4}-\d\d-\d\d/);
      expect(changed).toContain(`href="/audits/${before}"`);
      expect(changed.match(/<ul id="changes">(.*?)<\/ul>/s)?.[1]?.replace(/<[^>]+>/g, '')).toBe('P3.2 pass → fail');
    } finally {
      await service.close();
    }
  });
});

describe('live-progress streams', () => {
  it('one client address holds at most --max-streams-per-address open; the next gets a 429 until one closes', async () => {
    const { fixtures, dataDir } = sut;
    // A site whose homepage takes 20 s: its audit runs, and its streams stay open, for the whole test.
    const host = 'slow.streams.test';
    const port = new URL(sut.site('www.northwind.test')).port;
    fixtures.route(host, '/', { delayMs: 20_000, body: '<html><body>slow</body></html>' });
    const crawl = { resolve: [...fixtures.resolveArgs(), `${host}:${port}:127.0.0.1`], allowAddresses: ['127.0.0.1'], delayMs: 0, render: 'never' as const, timeoutMs: 30_000 };
    const service = await startService({
      ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir: `${dataDir}/streams`, adminToken: null, crawl, maxStreamsPerAddress: 2, trustProxy: true,
    });
    const held: AbortController[] = [];
    try {
      const started = await fetch(`${service.url}/api/audits`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: `http://${host}:${port}/` }),
      });
      const { id } = (await started.json()) as { id: string };
      /** Opens the audit's event stream as client `from` (behind the trusted proxy); an accepted one is read until it has begun. */
      const open = async (from: string, path = `/api/audits/${id}/events`) => {
        const controller = new AbortController();
        const res = await fetch(`${service.url}${path}`, { headers: { 'x-forwarded-for': from }, signal: controller.signal });
        if (res.ok) {
          held.push(controller);
          await res.body!.getReader().read();
        }
        return { status: res.status, res, close: () => controller.abort() };
      };
      const first = await open('203.0.113.7');
      expect((await open('203.0.113.7')).status).toBe(200);
      const refused = await open('203.0.113.7');
      expect(refused.status).toBe(429);
      expect(refused.res.headers.get('retry-after')).toBe('10');
      expect(await refused.res.json()).toMatchObject({ error: expect.stringMatching(/^too many open event streams from this address \(2\)/), retryAfterSeconds: 10 });
      // The progress page's own stream counts against the same cap, and is refused with a page.
      const pageStream = await open('203.0.113.7', `/audits/${id}/events`);
      expect(pageStream.status).toBe(429);
      expect(pageStream.res.headers.get('content-type')).toMatch(/^text\/html/);
      // Another address is not affected.
      expect((await open('198.51.100.9')).status).toBe(200);
      // A stream the client closes gives its place back (and only one place).
      first.close();
      await expect.poll(async () => (await open('203.0.113.7')).status, { timeout: 10_000, interval: 100 }).toBe(200);
      expect((await open('203.0.113.7')).status).toBe(429);
    } finally {
      for (const controller of held) controller.abort();
      await service.close();
    }
  });
});

describe('the queue', () => {
  it('starts one audit for two submissions of a site that arrive at once', async () => {
    const store = ServiceStore.open(`${sut.dataDir}/at-once`);
    // No room to run: the test is about the queue, not the crawl.
    const scheduler = new AuditScheduler(store, { maxRunning: 0, crawl: {}, cooldownMs: 60_000 });
    try {
      const [first, second] = await Promise.all([scheduler.submitVisitor('www.example.test'), scheduler.submitVisitor('https://example.test/')]);
      expect(first.joined).toBe(false);
      expect(second).toEqual({ id: first.id, joined: true });
      expect(await store.unfinishedServiceAudits()).toHaveLength(1);
    } finally {
      await scheduler.stop();
      await store.close();
    }
  });
});

describe('a restart', () => {
  it('gives up on an audit that was in flight each time the service died, so one site cannot kill it forever', async () => {
    const store = ServiceStore.open(`${sut.dataDir}/crashes`);
    try {
      const run = await store.startRun({
        inputPath: 'web', inputSha256: 'x', asOf: '2026-11-29', options: {}, extraColumns: [],
        partners: [{ id: 'visitor:killer.test', name: 'killer.test', homepage: 'https://killer.test/', notes: '', extra: {}, line: 1 }],
      });
      await store.addServiceAudits([{ id: 'k'.repeat(22), kind: 'visitor', site: 'killer.test', runId: run.id, partnerId: 'visitor:killer.test' }]);
      for (let death = 1; death <= MAX_CRASHES; death++) {
        expect((await store.unfinishedServiceAudits()).map((a) => a.id)).toEqual(['k'.repeat(22)]);
        await store.markStarted(run.id, 'visitor:killer.test', 'service');
        await store.requeueRunningServiceAudits();
      }
      expect(await store.unfinishedServiceAudits()).toEqual([]);
      expect(await store.serviceAudit('k'.repeat(22))).toMatchObject({ state: 'failed', error: expect.stringMatching(/stopped unexpectedly .* 2 times/) });
    } finally {
      await store.close();
    }
  });

  it('picks up queued and running audits after a stop, and loses nothing finished', async () => {
    const { fixtures, dataDir } = sut;
    const crawl = { resolve: fixtures.resolveArgs(), allowAddresses: ['127.0.0.1'], delayMs: 0, render: 'never' as const };
    fixtures.route('www.shoptech.test', '/*', { delayMs: 400 });
    const first = await startService({ ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir: `${dataDir}/restart`, adminToken: null, crawl, maxRunning: 1 });
    const post = async (url: string, homepage: string) =>
      (await (await fetch(`${url}/api/audits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage }) })).json()) as { id: string; status: { state: string; position: number | null } };
    const finished = await post(first.url, sut.site('www.northwind.test'));
    await waitForAudit(first.url, finished.id);
    const running = await post(first.url, sut.site('www.shoptech.test'));
    const queued = await post(first.url, sut.site('www.evergreencommerce.test'));
    expect(queued.status).toMatchObject({ state: 'queued', position: 1 });
    const stopping = Date.now();
    await first.close();
    expect(Date.now() - stopping).toBeLessThan(5_000);
    fixtures.route('www.shoptech.test', '/*', { delayMs: 0 });

    const second = await startService({ ...DEFAULT_SERVICE_CONFIG, port: 0, dataDir: `${dataDir}/restart`, adminToken: null, crawl, maxRunning: 1 });
    try {
      expect((await waitForAudit(second.url, running.id)).state).toBe('done');
      expect((await waitForAudit(second.url, queued.id)).state).toBe('done');
      const kept = await (await fetch(`${second.url}/api/audits/${finished.id}`)).json();
      expect(kept).toMatchObject({ state: 'done', verdict: expect.any(String) });
    } finally {
      await second.close();
    }
  });
});
