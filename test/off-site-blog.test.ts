// P3.2 and the partner's blog on another host. A blog the site's menu links as its own ("Blog") may
// hold the recent retail post whether it lives on another domain or on a subdomain the crawl could not
// reach: both keep P3.2 in review, naming it. A headline on a press page that happens to use one of a
// blog label's words is a third party's article, not the partner's blog. Real sites on 127.0.0.1.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { auditSite } from '../src/audit.ts';

const AS_OF = '2026-11-29';
let root: string;
let server: FixtureServer;

const shell = (title: string, nav: string, body: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
  <header><nav><a href="/">Home</a> <a href="/services/">Services</a> <a href="/press/">Press</a> ${nav}</nav></header>
  <main><h1>${title}</h1>${body}</main><footer><p>Northwind Data Ltd.</p></footer></body></html>`;

function writeSite(name: string, host: string, blogLink: string): void {
  const file = (path: string, html: string) => {
    mkdirSync(join(root, name, host, path), { recursive: true });
    writeFileSync(join(root, name, host, path, 'index.html'), html);
  };
  file('', shell('Northwind Data', blogLink, '<p>We build data platforms for retailers and grocers: demand forecasts, loyalty analytics and store dashboards.</p>'));
  file('services', shell('Services', blogLink, '<p>Data engineering, analytics and machine learning for retail chains and their stores.</p>'));
  file('press', shell('Press', blogLink, `<p>What others wrote about us.</p><ul>
    <li><a href="https://news.example.org/wire/2026/northwind-joins-partner-network">Northwind joins a partner network to help banks generate data insights at scale</a></li></ul>`));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'off-site-blog-'));
  // The blog on a subdomain of the site that does not answer (no host serves it).
  writeSite('sub', 'www.northwind-sub.test', '<a href="http://blog.northwind-sub.test:{{PORT}}/">Blog</a>');
  // No blog link at all: the press headline is the only outbound link.
  writeSite('none', 'www.northwind-none.test', '');
  server = await startFixtureServer({ root, sites: ['sub', 'none'] });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const p32 = async (host: string) => {
  const { report } = await auditSite(`http://${host}:${server.port}/`, { resolve: server.resolveArgs(), allowPrivate: true, asOf: AS_OF, delayMs: 0, render: 'never' });
  return report.checks.find((c) => c.id === 'P3.2')!;
};

describe('P3.2 and a blog on another host', () => {
  it('reviews, naming it, when the menu links the blog on a subdomain the crawl could not reach', { timeout: 60_000 }, async () => {
    const check = await p32('www.northwind-sub.test');
    expect(check.status).toBe('review');
    expect(check.outcome.id).toBe('P3.2.off-site');
    expect(check.evidence.map((e) => e.url)).toContain(`http://blog.northwind-sub.test:${server.port}/`);
  });

  it('fails when the only outbound link is a third party\'s headline that uses a blog label\'s word in passing', { timeout: 60_000 }, async () => {
    const check = await p32('www.northwind-none.test');
    expect(check.status).toBe('fail');
    expect(check.evidence.some((e) => e.url.includes('news.example.org'))).toBe(false);
  });
});
