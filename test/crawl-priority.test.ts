// Where a page budget goes on a site whose blog is mostly an archive (fixtures/sites/crawl-archive):
// the pages that can decide a check (services, industries, customers, recent posts) are read before
// posts older than every check's window, and what the budget leaves is then set aside with its reason,
// so a short check stays `fail` instead of `review`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { auditSite } from '../src/audit.ts';
import { linkPriority } from '../src/evidence/interests.ts';
import { crawlFixture } from './crawler-helpers.ts';

const HOST = 'www.tallyworks.test';
const AS_OF = '2026-11-30';
/** 18 months before it: where every check's window begins, as the audit tells the priority hint. */
const ARCHIVE_BEFORE = '2025-05-30';
/** Every page but the 36 archive posts (2019–2022): 16 static pages, the blog and its 4 recent posts. */
const CURRENT_PAGES = 21;
const OLD_POST = /^\/blog\/(?:2019|202[0-2])\//;

let server: FixtureServer;
beforeAll(async () => { server = await startFixtureServer({ sites: ['crawl-archive'] }); });
afterAll(() => server.close());

describe('a page budget smaller than the site', () => {
  it('reads every page that is not an archive post before the first archive post', async () => {
    const { result } = await crawlFixture(server, HOST, { sitemaps: false, concurrency: 1, maxPages: CURRENT_PAGES + 4, priority: (l) => linkPriority(l, ARCHIVE_BEFORE) });
    const read = result.pages.filter((p) => p.redirectChain.length === 0).map((p) => new URL(p.url).pathname);
    const firstOld = read.findIndex((path) => OLD_POST.test(path));
    expect(firstOld).toBe(CURRENT_PAGES);
    expect(read.slice(0, firstOld)).toEqual(expect.arrayContaining(['/services/data-platforms/approach/', '/industries/retail/', '/customers/harbour-grocers/', '/blog/2026/05/30/streaming-or-batch/']));
    expect(result.skipped.filter((s) => s.reason === 'max-pages').every((s) => OLD_POST.test(new URL(s.url).pathname))).toBe(true);
  });

  it('leaves only posts that cannot be what a check needs, so the checks fail and list them set aside with the reason', { timeout: 60_000 }, async () => {
    const { report } = await auditSite(server.url(HOST, '/'), { resolve: server.resolveArgs(), allowPrivate: true, delayMs: 0, asOf: AS_OF, maxPages: CURRENT_PAGES + 4, sitemaps: false });
    expect(report.crawl.stoppedBy).toBe('max-pages');
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({ 'P2.1': 'fail', 'P2.2.1': 'fail', 'P2.2.2': 'fail', 'P2.3': 'fail', 'P3.1': 'fail', 'P3.2': 'fail' });
    const setAside = (id: string) => report.checks.find((c) => c.id === id)!.evidence.filter((e) => e.kind === 'note.set-aside')
      .map((e) => [new URL(e.url!).pathname, (e.values.setAsideBy as unknown as { reasons: { rule: string }[] }).reasons[0]!.rule]);
    // Posts dated before the 12-month window cannot be recent thought leadership.
    const p32 = setAside('P3.2');
    expect(p32.length).toBeGreaterThan(10);
    expect(p32.every(([path, rule]) => OLD_POST.test(path!) && (rule === 'set-aside.before-window' || rule === 'set-aside.release-note'))).toBe(true);
    // A release note of the example project names a project, but announces a release, not a customer's story.
    expect(setAside('P2.2.1').map(([, rule]) => rule)).toContain('set-aside.release-note');
    expect(setAside('P2.2.1').every(([path]) => /-released\/$/.test(path!))).toBe(true);
  });
});
