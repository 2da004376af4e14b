import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';

let root: string;
let server: FixtureServer;

function get(host: string, path: string, method = 'GET', port = server.port) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; error?: string }>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `${host}:${port}`, 'user-agent': 'fixture-test' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', (err) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: (err as NodeJS.ErrnoException).code }));
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fixture-server-'));
  const site = (p: string, content: string | Buffer) => {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), content);
  };
  site('one/www.one.test/index.html', '<a href="http://blog.one.test:{{PORT}}/">Blog</a>');
  site('one/www.one.test/about/index.html', 'about');
  site('one/www.one.test/page.html', 'page');
  site('one/www.one.test/page/index.html', 'a folder beside page.html');
  site('one/www.one.test/Caps.html', 'caps');
  site('one/www.one.test/big5.html', iconv.encode('<meta charset=big5>台灣{{PORT}}', 'big5'));
  site('one/www.one.test/doc.pdf', '%PDF-1.4 {{PORT}}');
  site('one/blog.one.test/index.html', 'blog');
  site('one/site.json', JSON.stringify({
    routes: {
      '/old': { status: 301, location: '/page' },
      '/gone': { status: 410, body: 'gone {{PORT}}' },
      '/flaky': { status: 503, times: 1 },
      '/gz.html': { encoding: 'gzip', file: 'page.html' },
      '/slow/*': { delayMs: 30 },
      '/slow/exact': { status: 418, body: 'teapot' },
      '/reset': { reset: true },
      '/big': { streamBytes: 50_000 },
      '/calc': { handler: 'sum' },
      'blog.one.test/only-blog': { body: 'blog route' },
    },
  }));
  site('one/handlers.ts', `export const handlers = { sum: ({ query }) => ({ body: String(Number(query.get('a')) + Number(query.get('b'))) }) };`);
  site('app/app.one-spa.test/shell.html', '<div id="root"></div>');
  site('app/site.json', JSON.stringify({ spa: 'shell.html' }));
  server = await startFixtureServer({ root });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('fixture server', () => {
  it('routes by Host header and maps paths to files without changing case', async () => {
    expect((await get('blog.one.test', '/')).body.toString()).toBe('blog');
    expect((await get('www.one.test', '/about/')).body.toString()).toBe('about');
    expect((await get('www.one.test', '/about')).body.toString()).toBe('about');
    expect((await get('www.one.test', '/page')).body.toString()).toBe('page');
    expect((await get('www.one.test', '/Caps')).body.toString()).toBe('caps');
    expect((await get('www.one.test', '/caps')).status).toBe(404);
    expect((await get('nobody.test', '/')).status).toBe(404);
    expect((await get('www.one.test', '/../../etc/passwd')).status).toBe(404);
  });

  it('replaces {{PORT}} in text, also in Big5 files, and leaves charset to the page when not UTF-8', async () => {
    expect((await get('www.one.test', '/')).body.toString()).toBe(`<a href="http://blog.one.test:${server.port}/">Blog</a>`);
    const big5 = await get('www.one.test', '/big5.html');
    expect(big5.headers['content-type']).toBe('text/html');
    expect(iconv.decode(big5.body, 'big5')).toBe(`<meta charset=big5>台灣${server.port}`);
    const pdf = await get('www.one.test', '/doc.pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.toString()).toBe('%PDF-1.4 {{PORT}}');
    expect((await get('www.one.test', '/page')).headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('gives routes their behaviours', async () => {
    const old = await get('www.one.test', '/old');
    expect([old.status, old.headers.location]).toEqual([301, '/page']);
    expect((await get('www.one.test', '/gone')).body.toString()).toBe(`gone ${server.port}`);
    expect((await get('www.one.test', '/flaky')).status).toBe(503);
    expect((await get('www.one.test', '/flaky')).status).toBe(404);
    const gz = await get('www.one.test', '/gz.html');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe('page');
    expect((await get('www.one.test', '/slow/exact')).status).toBe(418);
    expect((await get('www.one.test', '/reset')).error).toBe('ECONNRESET');
    const big = await get('www.one.test', '/big');
    expect(big.headers['content-length']).toBeUndefined();
    expect(big.body.length).toBeGreaterThanOrEqual(50_000);
    expect((await get('www.one.test', '/calc?a=2&b=3')).body.toString()).toBe('5');
    expect((await get('blog.one.test', '/only-blog')).body.toString()).toBe('blog route');
    expect((await get('www.one.test', '/only-blog')).status).toBe(404);
  });

  it('answers every path of a single-page app with its shell', async () => {
    expect((await get('app.one-spa.test', '/any/deep/path')).body.toString()).toBe('<div id="root"></div>');
  });

  it('keeps an access log, adds routes at run time and lists --resolve entries for every host', async () => {
    server.clearLog();
    server.route('down.test', '/*', { reset: true });
    await get('down.test', '/x');
    await get('www.one.test', '/page', 'POST');
    expect(server.log.map(({ host, path, status, method, userAgent }) => ({ host, path, status, method, userAgent }))).toEqual([
      { host: 'down.test', path: '/x', status: 0, method: 'GET', userAgent: 'fixture-test' },
      { host: 'www.one.test', path: '/page', status: 200, method: 'POST', userAgent: 'fixture-test' },
    ]);
    expect(server.log[1].bytes).toBe(4);
    expect(server.resolveArgs()).toEqual(
      expect.arrayContaining([`www.one.test:${server.port}:127.0.0.1`, `blog.one.test:${server.port}:127.0.0.1`, `app.one-spa.test:${server.port}:127.0.0.1`, `down.test:${server.port}:127.0.0.1`]),
    );
  });
});

describe('fixture server with folderRedirects (a real site as static hosts serve it)', () => {
  let hosted: FixtureServer;
  beforeAll(async () => {
    hosted = await startFixtureServer({ root, sites: ['one', 'app'], folderRedirects: true });
  });
  afterAll(() => hosted.close());
  const getFrom = (host: string, path: string) => get(host, path, 'GET', hosted.port);

  it("answers a folder's address without its slash with a 301 to the slash form, keeping the query", async () => {
    const moved = await getFrom('www.one.test', '/about?x=1');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('/about/?x=1');
    expect((await getFrom('www.one.test', '/about/')).body.toString()).toBe('about');
  });

  it('serves a page from x.html without a redirect when a folder x/ is there too (no file named index.html makes /x a folder)', async () => {
    const page = await getFrom('www.one.test', '/page');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe('page');
    const home = await getFrom('www.one.test', '/index');
    expect(home.status).toBe(200);
    expect(home.body.toString()).toContain('Blog');
  });

  it('serves files, .html pages and a single-page app shell as before', async () => {
    expect((await getFrom('www.one.test', '/page')).body.toString()).toBe('page');
    expect((await getFrom('www.one.test', '/about/index.html')).status).toBe(200);
    const shell = await getFrom('app.one-spa.test', '/deep/route');
    expect(shell.status).toBe(200);
    expect(shell.body.toString()).toBe('<div id="root"></div>');
  });
});
