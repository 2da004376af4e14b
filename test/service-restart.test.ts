// `partner-presence serve` as operators run it (a child process): SIGKILLed in the middle of an audit
// that a visitor is watching in Chromium, then started again on the same data, the audit completes
// and the visitor's page shows the report; SIGTERM stops it within a few seconds, and the audit it
// interrupted starts over on the next start.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { useChromium } from './support/open-html.ts';
import { waitForAudit } from './support/service.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const browser = useChromium();
let fixtures: FixtureServer;
let dataDir: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  fixtures = await startFixtureServer({ sites: ['demo', 'static'] });
  dataDir = mkdtempSync(join(tmpdir(), 'pp-serve-'));
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fixtures?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `serve` on a free port and resolves with its address once it listens. */
function serve(): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const args = [
    join(ROOT, 'bin/partner-presence.js'), 'serve', '--port', '0', '--data', dataDir, '--max-running', '1',
    '--allow-address', '127.0.0.1', '--delay-ms', '0', '--render', 'never',
    ...fixtures.resolveArgs().flatMap((entry) => ['--resolve', entry]),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { children.delete(child); resolve(code); }));
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /serving (http:\/\/\S+?)\/ /.exec(stderr)?.[1];
      if (url) resolve({ child, url, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

describe('the service process', () => {
  it('refuses --allow-private (the guard stays on for visitors) with one clear message', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/partner-presence.js'), 'serve', '--port', '0', '--data', dataDir, '--allow-private'], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--allow-private is refused for the web service: allow named addresses with --allow-address/);
  });

  it('finishes an audit it was SIGKILLed in the middle of, once started again, and the visitor sees the report', async () => {
    fixtures.route('www.harbourline.test', '/*', { delayMs: 150 });
    const first = await serve();
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${first.url}/`);
    await page.getByLabel('Your company’s homepage').fill(fixtures.url('www.harbourline.test', '/'));
    await Promise.all([page.waitForURL(/\/audits\//), page.getByRole('button', { name: 'Check my site' }).click()]);
    const path = new URL(page.url()).pathname;
    await page.waitForFunction(() => Number(document.getElementById('pages-read')?.textContent) >= 3, undefined, { timeout: 30_000 });
    expect(await page.locator('#audit-state').innerText()).toBe('Reading the site…');

    first.child.kill('SIGKILL');
    await first.exited;
    fixtures.route('www.harbourline.test', '/*', { delayMs: 0 });
    const second = await serve();
    await page.goto(`${second.url}${path}`);
    await page.locator('#verdict-title').waitFor({ timeout: 60_000 });
    expect(await page.locator('#verdict-title').innerText()).toMatch(/meets/i);
    await context.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('stops within a few seconds on SIGTERM, and the audit it interrupted starts over on the next start', async () => {
    fixtures.route('www.northwind.test', '/*', { delayMs: 300 });
    const first = await serve();
    const started = await fetch(`${first.url}/api/audits`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ homepage: fixtures.url('www.northwind.test', '/') }),
    });
    const { id } = (await started.json()) as { id: string };
    for (let i = 0; i < 100; i++) {
      const status = (await (await fetch(`${first.url}/api/audits/${id}`)).json()) as { pagesFetched: number };
      if (status.pagesFetched >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A visitor watching the event stream must not keep the process alive.
    const watching = fetch(`${first.url}/api/audits/${id}/events`).then((res) => res.text()).catch(() => '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(5_000);
    await watching;

    fixtures.route('www.northwind.test', '/*', { delayMs: 0 });
    const second = await serve();
    expect((await waitForAudit(second.url, id)).state).toBe('done');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
