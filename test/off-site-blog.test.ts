// P3.2 and the partner's blog on another host. A blog the site's menu links as its own ("Blog") may
// hold the recent retail post whether it lives on another domain or on a host of the site the crawl
// could not reach: both keep P3.2 in review, naming it, even on a site whose own pages show no retail
// work (they say nothing of a blog the site does not show). A headline on a press page that happens
// to use one of a blog label's words is a third party's article, and a third party's blog stays
// judged by what the site shows. Real sites on 127.0.0.1.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { auditSite } from '../src/audit.ts';

const AS_OF = '2026-11-29';
let root: string;
let server: FixtureServer;

const TOPICS = ['ledgers', 'payments', 'loans', 'audits', 'treasury', 'compliance', 'risk', 'reporting', 'onboarding', 'fraud'];

const shell = (title: string, nav: string, body: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
  <header><nav><a href="/">Home</a> <a href="/press/">Press</a> ${TOPICS.map((t) => `<a href="/services/${t}/">${t}</a>`).join(' ')} ${nav}</nav></header>
  <main><h1>${title}</h1>${body}</main><footer><p>Northwind Ledger Ltd.</p></footer></body></html>`;

/** A bank-software consultancy: more pages than a site's focus is judged on, none about retail. */
function writeSite(name: string, host: string, nav: string, press = ''): void {
  const file = (path: string, html: string) => {
    mkdirSync(join(root, name, host, path), { recursive: true });
    writeFileSync(join(root, name, host, path, 'index.html'), html);
  };
  file('', shell('Northwind Ledger', nav, '<p>We build core banking systems for banks and credit unions: ledgers, payments and loan servicing.</p>'));
  for (const t of TOPICS) file(`services/${t}`, shell(`Banking ${t}`, nav, `<p>Our team modernises ${t} for banks and insurers, with audits and reporting that regulators accept.</p>`));
  file('press', shell('Press', nav, `<p>What others wrote about us.</p><ul>${press}</ul>`));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'off-site-blog-'));
  // The company's blog on a subdomain that does not answer (no host serves it).
  writeSite('sub', 'www.northwind-sub.test', '<a href="http://blog.northwind-sub.test:{{PORT}}/">Blog</a>');
  // The same on a subdomain that shares a publishing platform's name.
  writeSite('med', 'www.northwind-med.test', '<a href="http://medium.northwind-med.test:{{PORT}}/">Our blog</a>');
  // No blog of its own: a third party's headline on the press page, and a third party's blog.
  writeSite('none', 'www.northwind-none.test', '', `
    <li><a href="https://news.example.org/wire/2026/northwind-joins-partner-network">Northwind joins a partner network to help banks generate data insights at scale</a></li>
    <li><a href="https://blog.ledger-project.example/">Blog</a> of the open-source ledger project we contribute to</li>`);
  server = await startFixtureServer({ root, sites: ['sub', 'med', 'none'] });
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
  it('reviews, naming it, when the menu links the blog on a host of the site the crawl could not reach', { timeout: 60_000 }, async () => {
    for (const [site, blog] of [['www.northwind-sub.test', 'blog.northwind-sub.test'], ['www.northwind-med.test', 'medium.northwind-med.test']]) {
      const check = await p32(site!);
      expect(check.status, site).toBe('review');
      expect(check.outcome.id, site).toBe('P3.2.off-site');
      expect(check.evidence.map((e) => e.url), site).toContain(`http://${blog}:${server.port}/`);
    }
  });

  it('fails when the only outbound links are a third party\'s headline and a third party\'s blog on a site with no retail work', { timeout: 60_000 }, async () => {
    const check = await p32('www.northwind-none.test');
    expect(check.status).toBe('fail');
    expect(check.evidence.filter((e) => e.kind === 'note.off-site-thought-leadership')).toEqual([]);
  });
});
