import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { crawlSite, CrawlStartError } from '../crawlers/crawl.ts';
import { isPrivateAddress } from '../crawlers/net.ts';
import { USER_AGENT } from '../crawlers/options.ts';
import { crawlFixture } from './crawler-helpers.ts';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ sites: ['crawl-charset', 'crawl-scope'] });
});
afterAll(() => server.close());

describe('decoding', () => {
  let crawl: Awaited<ReturnType<typeof crawlFixture>>;
  const u = (path: string) => server.url('www.charset.test', path);
  beforeAll(async () => {
    crawl = await crawlFixture(server, 'www.charset.test');
  });
  const title = '台灣零售業數位轉型案例：連鎖便利商店導入雲端 POS 與會員系統';

  it.each(['/big5-header.html', '/big5-meta.html', '/big5-http-equiv.html'])('decodes Big5 declared by %s', (path) => {
    const record = crawl.result.pages.find((p) => p.url === u(path))!;
    expect(record.charset).toBe('big5');
    expect(crawl.bodies.get(u(path))).toContain(`<h1>${title}</h1>`);
    expect(crawl.bodies.get(u(path))).toContain('民國115年3月1日發布');
  });

  it('lets a byte-order mark win over a wrong HTTP charset', () => {
    expect(crawl.result.pages.find((p) => p.url === u('/bom.html'))?.charset).toBe('utf-8');
    expect(crawl.bodies.get(u('/bom.html'))).toContain(title);
  });

  it('decodes windows-1252 by <meta charset>', () => {
    expect(crawl.bodies.get(u('/latin.html'))).toContain('Café résumé – naïve');
  });

  it.each(['/gzip.html', '/brotli.html', '/deflate.html'])('decompresses %s', (path) => {
    const record = crawl.result.pages.find((p) => p.url === u(path))!;
    expect(record.links).toHaveLength(7); // the eight links minus the one to itself
    expect(crawl.bodies.get(u(path))).toContain('編碼測試');
  });

  it('hands bodies to the page handler and keeps none afterwards', () => {
    expect(crawl.bodies.size).toBeGreaterThan(5);
    expect(crawl.result.pages.every((p) => p.body === null && p.bytes === null)).toBe(true);
  });

  it('sends its User-Agent, or the one given', async () => {
    expect(USER_AGENT).toMatch(/^partner-presence\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/partner-presence\/partner-presence\)$/);
    expect(new Set(server.log.filter((e) => e.host === 'www.charset.test').map((e) => e.userAgent))).toEqual(new Set([USER_AGENT]));
    server.clearLog();
    await crawlFixture(server, 'www.charset.test', { userAgent: 'AcmeAudit/2.0', maxPages: 1, sitemaps: false });
    expect(new Set(server.log.map((e) => e.userAgent))).toEqual(new Set(['AcmeAudit/2.0']));
  });
});

describe('private-address guard', () => {
  it('refuses loopback by default, with one plain message', async () => {
    const attempt = crawlSite(server.url('www.scope.test'), { resolve: server.resolveArgs(), delayMs: 0 });
    await expect(attempt).rejects.toThrow(CrawlStartError);
    await expect(attempt).rejects.toThrow(`Could not reach ${server.url('www.scope.test')}: www.scope.test resolves to a private address (127.0.0.1); use --allow-private (or --allow-address 127.0.0.1) to crawl it`);
  });

  it('classifies private, link-local, unique-local and metadata addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::2', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });

  // A host of the partner that redirects (or links) to a host of the same domain resolving to a
  // private address, as an intranet name or a DNS-rebinding answer would. The partner's own server
  // runs on 127.0.0.2, allowed one by one (--allow-address), so everything stays on loopback while
  // the guard refuses every other private address.
  const partnerAddress = '127.0.0.2';
  describe('behind a redirect', () => {
    let publicSite: Server;
    let port = 0;
    const intranet = () => `http://intranet.public.test:${server.port}`;
    const resolve = () => [
      `www.public.test:${port}:${partnerAddress}`,
      `intranet.public.test:${server.port}:127.0.0.1`,
      `metadata.public.test:80:169.254.169.254`,
    ];
    beforeAll(async () => {
      server.route('intranet.public.test', '/*', { body: '<h1>Intranet</h1>' });
      publicSite = createServer((req, res) => {
        const redirect = (location: string) => {
          res.writeHead(302, { location });
          res.end();
        };
        if (req.url === '/') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(`<a href="/to-intranet">Intranet</a> <a href="${intranet()}/direct">Direct</a> <a href="/to-metadata">Metadata</a>`);
        } else if (req.url === '/to-intranet') redirect(`${intranet()}/`);
        else if (req.url === '/to-metadata') redirect('http://metadata.public.test/latest/meta-data/');
        else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((r) => publicSite.listen(0, partnerAddress, r));
      port = (publicSite.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => publicSite.close(() => r())));

    it('refuses in-scope hosts on private addresses, directly and behind a redirect, without connecting', async () => {
      server.clearLog();
      const result = await crawlSite(`http://www.public.test:${port}/`, { resolve: resolve(), allowAddresses: [partnerAddress], delayMs: 0, sitemaps: false, retries: 0 });
      const refused = result.skipped.filter((s) => s.reason === 'private-address');
      expect(refused.map((s) => s.url).sort()).toEqual([`${intranet()}/direct`, `http://www.public.test:${port}/to-intranet`, `http://www.public.test:${port}/to-metadata`]);
      expect(refused.find((s) => s.url.endsWith('/to-metadata'))?.detail).toBe(
        'redirects to http://metadata.public.test/latest/meta-data/: metadata.public.test resolves to a private address (169.254.169.254); use --allow-private (or --allow-address 169.254.169.254) to crawl it',
      );
      expect(server.log).toEqual([]);
    });

    it('refuses a start URL that redirects into a private address', async () => {
      await expect(crawlSite(`http://www.public.test:${port}/to-intranet`, { resolve: resolve(), allowAddresses: [partnerAddress], delayMs: 0 })).rejects.toThrow(
        `Could not reach http://www.public.test:${port}/to-intranet: intranet.public.test resolves to a private address (127.0.0.1); use --allow-private (or --allow-address 127.0.0.1) to crawl it`,
      );
    });
  });
});

describe('an unusable start URL', () => {
  it('gives one plain error for a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const attempt = crawlSite(`down.test:${port}`, { resolve: [`down.test:${port}:127.0.0.1`], allowPrivate: true, retries: 0 });
    // The words for the terminal, and the same facts as data for reports in other languages.
    await expect(attempt).rejects.toThrow(CrawlStartError);
    await expect(attempt).rejects.toMatchObject({
      message: `Could not reach https://down.test:${port}/: connection refused (ECONNREFUSED)`,
      kind: 'unreachable', values: { url: `https://down.test:${port}/`, code: 'ECONNREFUSED' },
    });
  });

  it('gives one plain error when the name does not resolve', async () => {
    await expect(crawlSite('http://no-such-partner.invalid/', { retries: 0 })).rejects.toThrow(/^Could not reach http:\/\/no-such-partner\.invalid\/: DNS lookup failed/);
  });

  it('rejects something that is not a web address', async () => {
    await expect(crawlSite('http://exa mple.com/')).rejects.toThrow('"http://exa mple.com/" is not a web address (expected e.g. https://www.partner.com/)');
  });

  it('rejects a malformed --resolve entry', async () => {
    await expect(crawlSite('https://www.partner.test/', { resolve: ['www.partner.test:127.0.0.1'] })).rejects.toThrow(
      'invalid resolve entry "www.partner.test:127.0.0.1": expected host:port:address, e.g. www.partner.test:8080:127.0.0.1',
    );
  });

  it('reports a homepage that answers with an error status', async () => {
    server.route('gone.scope.test', '/', { status: 410, body: 'gone' });
    await expect(crawlFixture(server, 'gone.scope.test')).rejects.toThrow(`Could not crawl ${server.url('gone.scope.test')}: the homepage answered HTTP 410`);
  });
});
