// What went wrong, in the reader's language: skipped rows of an applicant list, the service's HTTP
// errors, and why an audit failed (the crawl could not start, it ran out of time, the process kept
// dying) are kept as data (a kind and values) and worded when a page is drawn. A zh-TW page showing
// each of them has no English word left (the measure of test/report-zh-tw.test.ts); the English words
// are the ones the tool always wrote; the JSON carries the stable kinds and values.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, startServiceUnderTest, waitForAudit, type ServiceUnderTest } from './support/service.ts';
import { englishLeft, htmlText } from './support/english-left.ts';
import { crawlSite } from '../crawlers/crawl.ts';
import { auditFailure, auditOverrun } from '../src/batch/partner-audit.ts';
import { batchIndexRows, summaryRows } from '../src/batch/outputs.ts';
import { renderBatchIndex } from '../src/report/index-page.ts';
import { CHECK_IDS } from '../src/checks/index.ts';
import { SqliteStore } from '../src/store/index.ts';

/**
 * Port 1 on 127.0.0.1 (tcpmux), where nothing listens: connections to it are refused. A port freed
 * by a closed server is not enough, as another test's server may take it before the audit connects.
 */
const REFUSED_PORT = 1;

/** A site on 127.0.0.1 whose robots.txt disallows everything. */
async function siteClosedByRobots(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer((req, res) => {
    if (req.url === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /\n');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<title>closed</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let sut: ServiceUnderTest;
let base: string;
let down: string;

beforeAll(async () => {
  sut = await startServiceUnderTest(['static']);
  base = sut.service.url;
  down = `http://127.0.0.1:${REFUSED_PORT}/`;
});
afterAll(async () => {
  await sut?.close();
});

async function page(path: string, lang: 'en' | 'zh-TW', headers: Record<string, string> = {}): Promise<{ status: number; html: string }> {
  const res = await fetch(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, { headers });
  return { status: res.status, html: await res.text() };
}

describe('an applicant list\'s skipped rows and a partner whose site cannot be reached, on the console\'s batch page', () => {
  // Names in Chinese, so that what the page quotes from the list is only the ids and addresses.
  const rows = () => [
    'id,name,homepage',
    `down,北風,${down}`,
    'nohome,沒有首頁,',
    'badurl,壞網址,http://exa mple.test/',
    'ftp,檔案站,ftp://files.test/',
    'hostish,主機,localhostish',
    'creds,帳密,https://user:pw@creds.test/',
    `again,再一次,${down}`,
    'bad!id,壞編號,https://badid.test/',
    'con,裝置,https://con.test/',
    'dot.,句點,https://dot.test/',
    'down,同編號,https://other.test/',
  ].join('\n');
  const quoted = () => ['down', 'nohome', 'badurl', 'ftp', 'hostish', 'creds', 'again', 'bad!id', 'con', 'dot.', 'applicants.csv',
    // The page's URLs are taken out first, so of the address with a space only its second half is left to quote.
    'mple.test/', 'ftp://files.test/', 'ftp:', 'localhostish', down, 'UTC'].sort((a, b) => b.length - a.length);
  let runId: number;

  beforeAll(async () => {
    const form = new FormData();
    form.append('list', new Blob([rows()], { type: 'text/csv' }), 'applicants.csv');
    const res = await fetch(`${base}/api/batches`, { method: 'POST', headers: auth, body: form });
    expect(res.status, await res.clone().text()).toBe(201);
    runId = ((await res.json()) as { id: number }).id;
    for (const until = Date.now() + 60_000; ;) {
      const batch = (await (await fetch(`${base}/api/batches/${runId}`, { headers: auth })).json()) as { counts: { failed: number } };
      if (batch.counts.failed === 1) break;
      if (Date.now() > until) throw new Error('the unreachable partner did not fail within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);

  it('has no English word in Traditional Chinese, and the words it always had in English', async () => {
    const zh = await page(`/admin/batches/${runId}`, 'zh-TW', auth);
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('沒有首頁網址；已略過');
    expect(zh.html).toContain('連線被拒絕');
    expect(englishLeft(htmlText(zh.html), quoted())).toEqual([]);

    const en = await page(`/admin/batches/${runId}`, 'en', auth);
    for (const words of ['no homepage; skipped', 'malformed homepage "http://exa mple.test/": not a URL; skipped',
      'malformed homepage "ftp://files.test/": scheme ftp: is not http or https; skipped',
      'malformed homepage "localhostish": "localhostish" is not a host name; skipped',
      'malformed homepage "https://user:pw@creds.test/": credentials in URLs are not accepted; skipped',
      `duplicate of line 2 (same homepage ${down}); skipped`,
      'id "bad!id" must start with a letter or digit and use only letters, digits, ".", "_" and "-"; skipped',
      'id "con" cannot name a file on Windows (a reserved device name such as CON, NUL or COM1); skipped',
      'id "dot." cannot name a file on Windows (it ends with a dot); skipped',
      'duplicate id "down" (also on line 2); skipped',
      `Could not reach ${down}: connection refused (ECONNREFUSED)`]) {
      expect(htmlText(en.html)).toContain(words);
    }
    // The measure finds English in the English page (it can fail).
    expect(englishLeft(htmlText(en.html), quoted()).length).toBeGreaterThan(50);
  });

  it('sends each skipped row and the failure with a stable kind and values, beside the English words', async () => {
    const batch = (await (await fetch(`${base}/api/batches/${runId}`, { headers: auth })).json()) as Record<string, any>;
    expect(batch.problems[0]).toEqual({ line: 3, kind: 'input.no-homepage', message: 'no homepage; skipped' });
    expect(batch.problems.find((p: { line: number }) => p.line === 8)).toEqual({
      line: 8, kind: 'input.duplicate-site', values: { earlierLine: 2, homepage: down }, message: `duplicate of line 2 (same homepage ${down}); skipped`,
    });
    expect(batch.partners[0]).toMatchObject({
      id: 'down', state: 'failed', error: `Could not reach ${down}: connection refused (ECONNREFUSED)`,
      failure: { kind: 'crawl.unreachable', values: { url: down, code: 'ECONNREFUSED' } },
    });
  });
});

describe('a visitor\'s failed audit and the service\'s errors', () => {
  it('words a failed audit\'s crawl error in the page\'s language, and sends it as data', async () => {
    const res = await fetch(`${base}/api/audits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: down }) });
    const { id } = (await res.json()) as { id: string };
    const status = await waitForAudit(base, id);
    expect(status).toMatchObject({
      state: 'failed', error: `Could not reach ${down}: connection refused (ECONNREFUSED)`,
      failure: { kind: 'crawl.unreachable', values: { url: down, code: 'ECONNREFUSED' } },
    });
    const zh = await page(`/audits/${id}`, 'zh-TW');
    expect(zh.html).toContain(`稽核無法完成：無法連線到 ${down}：連線被拒絕（ECONNREFUSED）`);
    expect(englishLeft(htmlText(zh.html), [down])).toEqual([]);
    expect((await page(`/audits/${id}`, 'en')).html).toContain(`The audit could not finish: Could not reach ${down}: connection refused (ECONNREFUSED)`);
  }, 90_000);

  it('answers an address no audit has, a run that does not exist and a homepage that is none in the page\'s language', async () => {
    const pages = [
      { path: '/audits/AAAAAAAAAAAAAAAAAAAAAA', headers: {}, zh: '沒有稽核使用此網址', en: 'no audit has this address', kind: 'http.no-audit' },
      { path: '/admin/batches/999', headers: auth, zh: '沒有此編號的執行', en: 'no run has this number', kind: 'http.no-run' },
    ];
    for (const { path, headers, zh, en, kind } of pages) {
      const zhPage = await page(path, 'zh-TW', headers);
      expect(zhPage.status).toBe(404);
      expect(zhPage.html).toContain(zh);
      expect(englishLeft(htmlText(zhPage.html), [])).toEqual([]);
      expect((await page(path, 'en', headers)).html).toContain(en);
      const api = await fetch(`${base}/api${path.replace('/admin', '')}`, { headers });
      expect(await api.json()).toEqual({ error: en, kind });
    }

    const form = await fetch(`${base}/audits?lang=zh-TW`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'homepage=ftp%3A%2F%2Ffiles.test%2F',
    });
    expect(form.status).toBe(400);
    const html = await form.text();
    expect(html).toContain('「ftp://files.test/」不是網頁（HTTP）網址');
    // The form's hint gives an example address: www.example.com.
    expect(englishLeft(htmlText(html), ['ftp://files.test/', 'www.example.com'])).toEqual([]);
    const api = await fetch(`${base}/api/audits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: 'ftp://files.test/' }) });
    expect(await api.json()).toEqual({ error: '"ftp://files.test/" is not an http(s) address', kind: 'start.not-http', values: { input: 'ftp://files.test/' } });
  });

  it('words a list with no row to audit in the console\'s language', async () => {
    const form = new FormData();
    form.append('list', new Blob(['name,homepage\n沒有首頁,\n'], { type: 'text/csv' }), 'empty.csv');
    const res = await fetch(`${base}/admin/batches?lang=zh-TW`, { method: 'POST', headers: auth, body: form });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('empty.csv 中沒有可稽核的列');
    // The error and the skipped rows (the form's own lead names the list's columns as they are written: name, homepage).
    const shown = /<p id="list-error"[\s\S]*?<\/table>/.exec(html)![0];
    expect(shown).toContain('沒有首頁網址；已略過');
    expect(englishLeft(htmlText(shown), ['empty.csv'])).toEqual([]);
  });

  it('words a file that is no applicant list in the console\'s language, and sends why as data', async () => {
    const send = (lang: string, headers: Record<string, string> = auth) => {
      const form = new FormData();
      form.append('list', new Blob([Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01])], { type: 'text/csv' }), 'list.csv');
      return fetch(`${base}/admin/batches?lang=${lang}`, { method: 'POST', headers, body: form });
    };
    const zh = await (await send('zh-TW')).text();
    const error = /<p id="list-error"[\s\S]*?<\/p>/.exec(zh)![0];
    expect(error).toContain('list.csv 不是申請者名單（它是二進位檔）');
    // What a list must hold is named as the list writes it: its columns, and the JSON Lines format.
    expect(englishLeft(htmlText(error), ['list.csv', '"name"', '"homepage"', 'name', 'homepage', 'JSON Lines'])).toEqual([]);
    expect(await (await send('en')).text()).toContain('list.csv is not an applicant list (it is a binary file): expected CSV with a header row');
    const form = new FormData();
    form.append('list', new Blob(['just some text\n'], { type: 'text/csv' }), 'list.csv');
    const api = (await (await fetch(`${base}/api/batches`, { method: 'POST', headers: auth, body: form })).json()) as Record<string, unknown>;
    expect(api).toMatchObject({ kind: 'list.no-homepage-column', values: { file: 'list.csv' }, error: expect.stringMatching(/^list\.csv is not an applicant list/) });
  });
});

describe('failed partners in the batch command\'s index.html', () => {
  it('words a refused connection, a robots.txt rule, a time limit and a process that kept dying in Traditional Chinese, and as before in English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-problems-'));
    const store = SqliteStore.open(dir);
    const closed = await siteClosedByRobots();
    try {
      const refused = await crawlSite(down, { allowAddresses: ['127.0.0.1'], retries: 0 }).then(() => null, auditFailure);
      expect(refused).toMatchObject({ kind: 'crawl.unreachable', values: { code: 'ECONNREFUSED' } });
      const disallowed = await crawlSite(closed.url, { allowAddresses: ['127.0.0.1'], retries: 0 }).then(() => null, auditFailure);
      expect(disallowed).toEqual({ kind: 'crawl.robots-disallowed', values: { url: closed.url, line: 2, rule: 'Disallow: /' } });
      const partner = (id: string, line: number) => ({ id, name: `夥伴${line}`, homepage: down, notes: '', extra: {}, line });
      const run = await store.startRun({
        inputPath: 'list.csv', inputSha256: 'x', asOf: '2026-11-29', options: {}, extraColumns: [],
        partners: [partner('refused', 2), partner('slow', 3), partner('dying', 4), partner('closed', 5)],
      });
      await store.saveFailure(run.id, 'refused', refused!, 10);
      await store.saveFailure(run.id, 'slow', auditOverrun(420_000), 420_000);
      await store.saveFailure(run.id, 'closed', disallowed!, 10);
      // Taken by three processes that all died: the store gives up on it.
      for (const worker of ['host:1', 'host:2', 'host:3']) await store.markStarted(run.id, 'dying', worker);

      const index = async (lang: 'en' | 'zh-TW') => renderBatchIndex(
        batchIndexRows(await summaryRows(store, run, run.asOf), (id) => `reports/${id}.html`, lang), { checkIds: CHECK_IDS }, lang);
      const zh = await index('zh-TW');
      expect(zh).toContain('未在 420 秒內完成');
      expect(zh).toContain(`不允許爬取 ${closed.url}：robots.txt 第 2 行「Disallow: /」`);
      expect(englishLeft(htmlText(zh), ['refused', 'slow', 'dying', 'closed', down, closed.url, 'Disallow:', 'partner-presence audit'])).toEqual([]);
      const en = htmlText(await index('en'));
      expect(en).toContain(`Could not reach ${down}: connection refused (ECONNREFUSED)`);
      expect(en).toContain('did not finish within 420 s');
      expect(en).toContain(`${closed.url} may not be crawled: robots.txt line 2: Disallow: /`);
      expect(en).toMatch(/the process auditing it died .* each of the \d times this partner was being audited/);
    } finally {
      await store.close();
      await closed.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
