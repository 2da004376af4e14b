// End to end: serve every fixture site on 127.0.0.1, audit it through the real crawler and analyzers,
// and compare the report with the site's expected.json; every report must validate against the schema.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startFixtureServer } from '../fixtures/server.ts';
import { auditSite, resolveAuditOptions, today, validateAsOf } from '../src/audit.ts';
import { closeSharedAnalysisPool } from '../src/analysis-pool.ts';
import { linkPriority } from '../src/evidence/interests.ts';
import { evaluate } from '../src/evaluate.ts';
import type { CheckId, Report } from '../src/types.ts';

const SITES = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../schema/report.schema.json', import.meta.url)), 'utf8'));

interface Expected {
  homepage: string;
  startUrl?: string;
  asOf: string;
  render?: 'auto' | 'always' | 'never';
  checks: Record<CheckId, Report['checks'][number]['status']>;
  practicePage: string | null;
  /** `counted` defaults to retail && aws; false for a retail AWS story that must not count (an announcement, the same customer again). */
  caseStudies: { url: string; retail: boolean; aws: boolean; reachable: boolean; counted?: boolean; published?: string | null; format?: 'html' | 'pdf' }[];
  thoughtLeadership: { url: string; retail: boolean; kind?: string; published: string | null; withinWindow: boolean }[];
  /** URLs robots.txt disallows: listed as blocked, never fetched. */
  blockedByRobots?: string[];
  /** Pages found only outside the links (sitemap): no click path. */
  unreachable?: string[];
  /** What `render: never` must give on a script-built site. */
  renderNever?: { checks: Partial<Record<CheckId, Report['checks'][number]['status']>>; practicePage: string | null; caseStudies: unknown[]; thoughtLeadership: unknown[] };
}

const sites = readdirSync(SITES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(`${SITES}${e.name}/expected.json`))
  .map((e) => e.name)
  .sort();

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

/** The report must survive a JSON round trip and validate; returns the schema errors, if any. */
function schemaErrors(report: Report): string[] {
  const ok = validate(JSON.parse(JSON.stringify(report)));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

let server: Awaited<ReturnType<typeof startFixtureServer>>;

beforeAll(async () => {
  server = await startFixtureServer({ sites });
});
afterAll(async () => {
  await server?.close();
});

describe('audit options', () => {
  it('default to today and the crawl defaults, with the retail priority hint, and are validated', () => {
    const options = resolveAuditOptions({ maxPages: 50 });
    expect(options.asOf).toBe(today());
    expect(options.maxPages).toBe(50);
    // The hint knows the audit date: posts before P2.1's 18-month window (the longest) are archive to it.
    const post = (path: string) => ({ url: `https://www.partner.example${path}`, text: 'Notes', region: 'main' as const, internal: true });
    const dated = resolveAuditOptions({ asOf: '2026-11-30' });
    expect(dated.priority!(post('/blog/2025/04/04/notes/'))).toBe(linkPriority(post('/blog/2025/04/04/notes/'), '2025-05-30'));
    expect(dated.priority!(post('/blog/2025/04/04/notes/'))).toBeLessThan(linkPriority(post('/blog/2025/04/04/notes/')));
    expect(dated.priority!(post('/blog/2025/05/04/notes/'))).toBe(linkPriority(post('/blog/2025/05/04/notes/')));
    expect(validateAsOf('2024-02-29')).toBe('2024-02-29');
    expect(() => validateAsOf('2026-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => validateAsOf('29/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => resolveAuditOptions({ maxPages: 0 })).toThrow(/maxPages/);
    expect(() => resolveAuditOptions({ render: 'sometimes' as 'auto' })).toThrow(/render/);
  });
});

describe('the schema', () => {
  it('rejects a report that breaks the contract', () => {
    const broken = { schemaVersion: 1, tool: { name: 'partner-presence', version: '0' }, homepage: 'HTTP://X.test/#a' };
    expect(validate(broken)).toBe(false);
  });
});

describe('the end of the crawl', () => {
  it('is told once every page is analysed, and the pages are judged after the analysis threads are ended', { timeout: 120_000 }, async () => {
    // What the command does to give the analysis threads' memory back before the checks and reports.
    const expected = JSON.parse(readFileSync(`${SITES}static/expected.json`, 'utf8')) as Expected;
    const events: string[] = [];
    const { report } = await auditSite(expected.homepage.replaceAll('{{PORT}}', String(server.port)), {
      resolve: server.resolveArgs(), allowPrivate: true, asOf: expected.asOf, delayMs: 0,
    }, {
      page: () => { events.push('page'); },
      crawled: async () => {
        events.push('crawled');
        await closeSharedAnalysisPool();
      },
    });
    expect(events.length).toBeGreaterThan(3);
    expect(events.indexOf('crawled')).toBe(events.length - 1);
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual(expected.checks);
  });
});

describe.each(sites)('fixture site %s', (site) => {
  const expected = JSON.parse(readFileSync(`${SITES}${site}/expected.json`, 'utf8')) as Expected;
  const at = (url: string) => url.replaceAll('{{PORT}}', String(server.port));

  it('audits to the expected verdicts with evidence', { timeout: 180_000 }, async () => {
    const { report, evidence } = await auditSite(at(expected.startUrl ?? expected.homepage), {
      resolve: server.resolveArgs(), allowPrivate: true, asOf: expected.asOf, render: expected.render ?? 'auto', delayMs: 0,
    });
    expect(report.homepage).toBe(at(expected.homepage));
    expect(schemaErrors(report)).toEqual([]);

    const statuses = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    const why = report.checks.map((c) => `${c.id} ${c.status}: ${c.summary}`).join('\n');
    expect.soft(statuses, why).toEqual(expected.checks);
    expect.soft(report.practicePage?.url ?? null, 'practice page').toBe(expected.practicePage ? at(expected.practicePage) : null);

    for (const cs of expected.caseStudies) {
      const got = report.caseStudies.find((c) => c.url === at(cs.url));
      expect.soft(got, `case study ${cs.url} found`).toBeDefined();
      if (!got) continue;
      expect.soft({ retail: got.retail, aws: got.aws, reachable: got.reachable }, `${cs.url}: ${got.notCountedWhy ?? 'counted'}`)
        .toEqual({ retail: cs.retail, aws: cs.aws, reachable: cs.reachable });
      if (cs.published !== undefined) expect.soft(got.published, `${cs.url} published`).toBe(cs.published);
      if (cs.format) expect.soft(got.format, `${cs.url} format`).toBe(cs.format);
    }
    // Nothing counted that the site does not have (a PDF twice, a listing page, a blog post).
    const counted = report.caseStudies.filter((c) => c.counted).map((c) => c.url).sort();
    expect.soft(counted, 'counted case studies').toEqual(expected.caseStudies.filter((c) => c.counted ?? (c.retail && c.aws)).map((c) => at(c.url)).sort());

    for (const tl of expected.thoughtLeadership) {
      const got = report.thoughtLeadership.find((t) => t.url === at(tl.url));
      expect.soft(got, `thought leadership ${tl.url} found`).toBeDefined();
      if (!got) continue;
      expect.soft({ retail: got.retail, published: got.published, withinWindow: got.withinWindow, ...(tl.kind ? { kind: got.kind } : {}) }, tl.url)
        .toEqual({ retail: tl.retail, published: tl.published, withinWindow: tl.withinWindow, ...(tl.kind ? { kind: tl.kind } : {}) });
    }

    for (const url of expected.blockedByRobots ?? []) {
      expect.soft(report.crawl.blockedByRobots, 'blocked by robots.txt').toContain(at(url));
      expect.soft(report.pages.find((p) => p.url === at(url))?.httpStatus ?? null, `${url} never fetched`).toBeNull();
    }
    for (const url of expected.unreachable ?? []) {
      const got = report.pages.find((p) => p.url === at(url) || p.finalUrl === at(url));
      expect.soft(got?.path, `${url} has no click path`).toBeNull();
    }

    // Evidence is serializable and re-evaluates to the same report (what `report --as-of` relies on).
    const again = evaluate(JSON.parse(JSON.stringify(evidence)), expected.asOf);
    expect(again.checks).toEqual(report.checks);
  });

  if (expected.renderNever) it('without rendering finds nothing and says so rather than passing', { timeout: 120_000 }, async () => {
    const never = expected.renderNever!;
    const { report } = await auditSite(at(expected.startUrl ?? expected.homepage), {
      resolve: server.resolveArgs(), allowPrivate: true, asOf: expected.asOf, render: 'never', delayMs: 0,
    });
    expect(schemaErrors(report)).toEqual([]);
    for (const [id, status] of Object.entries(never.checks)) {
      // A script shell read without a browser is unread, so `review` is the honest answer; never a pass.
      expect.soft([status, 'review'], id).toContain(report.checks.find((c) => c.id === id)!.status);
    }
    expect(report.practicePage?.url ?? null).toBe(never.practicePage);
    expect(report.caseStudies).toHaveLength(never.caseStudies.length);
    expect(report.thoughtLeadership).toHaveLength(never.thoughtLeadership.length);
  });
});
