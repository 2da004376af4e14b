// What the audit keeps of every page until the checks run is kept small (issue 14): a link every page
// repeats (nav, footer) is one record, the facts' short strings are one string each, and what few
// read of the facts (the retail readings' terms and blocks, most of a page's facts) waits in a spool
// outside the heap until read. The values, and so the evidence's JSON, stay as they were.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDemo } from './support/demo-audit.ts';
import { auditSite } from '../src/audit.ts';
import { pageIndex, sitePage } from '../bench/site.ts';
import { FactsCompactor } from '../src/compact-facts.ts';
import { FactsSpool } from '../src/store/facts-spool.ts';
import type { PageFacts, RetailBlock, RetailScore } from '../analyzers/types.ts';
import type { SiteEvidence } from '../src/types.ts';

let evidence: SiteEvidence;
beforeAll(async () => {
  ({ evidence } = await auditDemo());
}, 120_000);

describe('the audit keeps repeated values once', () => {
  it('holds one record for a nav or footer link that many pages repeat', () => {
    const byLink = new Map<string, Set<object>>();
    const pagesWith = new Map<string, number>();
    for (const page of evidence.pages) {
      for (const l of page.links.filter((l) => l.region === 'nav' || l.region === 'footer')) {
        const key = `${l.url} ${l.region} ${l.text}`;
        byLink.set(key, (byLink.get(key) ?? new Set()).add(l));
        pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
      }
    }
    const repeated = [...pagesWith].filter(([, n]) => n >= 3).map(([key]) => key);
    expect(repeated.length).toBeGreaterThan(3);
    for (const key of repeated) expect(byLink.get(key)!.size).toBe(1);
  });

  it('keeps every analysed page’s retail terms and blocks, and its site-level ones, in the spool, read back when asked', () => {
    const analysed = evidence.pages.filter((p) => p.facts?.retail.blocks);
    expect(analysed.length).toBeGreaterThan(20);
    for (const { facts } of analysed) {
      for (const score of [facts!.retail, facts!.siteRetail!]) {
        for (const key of ['terms', 'blocks'] as const) expect(Object.getOwnPropertyDescriptor(score, key)?.get, key).toBeTypeOf('function');
        expect(score.blocks!.length).toBeGreaterThan(0);
        expect(JSON.parse(JSON.stringify(score))).toEqual({ areas: score.areas, score: score.score, terms: score.terms, blocks: score.blocks });
      }
    }
    expect(analysed.some(({ facts }) => Object.values(facts!.siteRetail!.terms).flat().length > 0)).toBe(true);
  });
});

describe('what the audit holds of each page while it crawls', () => {
  it('is not the page’s facts: they wait in the spool until the crawl ends', { timeout: 120_000 }, async () => {
    // The bench's generated site (10-20 KB pages of prose, a mega-menu, a footer of links), served here.
    const PAGES = 420;
    const SETTLED_AT = 60;
    const server = createServer((req, res) => {
      const i = pageIndex(req.url ?? '');
      res.writeHead(i < 0 ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' }).end(i < 0 ? '' : sitePage(i, PAGES));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    let read = 0;
    let settled = 0;
    let ended = 0;
    try {
      const { evidence } = await auditSite(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        allowPrivate: true, delayMs: 0, sitemaps: false, concurrency: 4, maxPages: PAGES, maxDepth: 50, asOf: '2026-11-29',
      }, {
        page: () => {
          read++;
          if (read === SETTLED_AT) settled = live();
          if (read === PAGES) ended = live();
        },
      });
      expect(evidence.pages.filter((p) => p.facts?.title)).toHaveLength(PAGES);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Its record, links and referrers, what the frontier and the copy detector keep of it: measured
    // 3.1-3.5 KB a page. With its facts held as well (in the compact form that shares their short
    // strings), 5.8 KB.
    const perPage = (ended - settled) / (PAGES - SETTLED_AT);
    expect(perPage).toBeLessThan(4500);
  });
});

describe('FactsCompactor', () => {
  const facts = (terms: string[], services: string[]) =>
    ({ retail: { areas: {}, score: 0.5, terms: { generic: terms } }, awsServices: services.map((name) => ({ name })), title: `${terms[0]} page` }) as unknown as PageFacts;

  it('leaves every value, and the JSON, as it was (the strings it shares are equal ones)', () => {
    const compactor = new FactsCompactor();
    const a = facts(['retail', 'POS'], ['Amazon S3']);
    const b = facts(['POS', 'loyalty'], ['Amazon S3']);
    const json = [JSON.stringify(a), JSON.stringify(b)];
    expect(compactor.facts(a)).toBe(a);
    compactor.facts(b);
    expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(json);
  });

  it('leaves what the spool holds to the spool (it would otherwise write to its read-only values)', () => {
    const spool = new FactsSpool();
    const a = spool.unpark(spool.park(facts(['retail', 'POS'], ['Amazon S3'])));
    const json = JSON.stringify(a);
    expect(() => new FactsCompactor().facts(a)).not.toThrow();
    expect(JSON.stringify(a)).toBe(json);
  });
});

describe('FactsSpool', () => {
  const block = (i: number): RetailBlock => ({ hash: `h${i}`, words: 40, weight: 1, hits: [{ area: 'stores', term: `POS ${i}`, specific: true }, { area: 'generic', term: 'retail', specific: false }] });
  const score = (i: number): RetailScore => ({ areas: {} as RetailScore['areas'], score: 0.5, terms: { generic: ['retail'] } as RetailScore['terms'], blocks: Array.from({ length: 24 }, (_, j) => block(i * 100 + j)) });

  it('reads a score’s terms and blocks back equal, and its JSON unchanged', () => {
    const spool = new FactsSpool();
    const scores = Array.from({ length: 40 }, (_, i) => score(i));
    const json = scores.map((s) => JSON.stringify(s));
    for (const s of scores) spool.retail(s);
    // Read in another order than written, past the few kept parsed.
    for (const i of [39, 0, 17, 0, 38]) expect(JSON.stringify(scores[i])).toBe(json[i]);
    expect(scores[5]!.blocks).toEqual(JSON.parse(json[5]!).blocks);
    expect(scores[5]!.terms).toEqual(JSON.parse(json[5]!).terms);
    const withoutBlocks = spool.retail({ ...score(1), blocks: undefined });
    expect(withoutBlocks.blocks).toBeUndefined();
    expect(JSON.stringify(withoutBlocks)).toBe(JSON.stringify({ ...score(1), blocks: undefined }));
  });

  it('gives a page’s facts back as they were parked: the same values and JSON, keys in the same order', () => {
    const facts = { title: 'Stores', excerpt: 'Store inventory on every phone.', retail: score(7), siteRetail: score(8), awsServices: ['Amazon S3'], dates: { published: null }, error: null } as unknown as PageFacts;
    const json = JSON.stringify(facts);
    const spool = new FactsSpool();
    const ids = [spool.park(facts), spool.park({ ...facts, retail: { ...score(9), blocks: undefined }, siteRetail: undefined })];
    expect(JSON.stringify(facts)).toBe(json);
    const back = spool.unpark(ids[0]!);
    expect(Object.getOwnPropertyDescriptor(back.retail, 'blocks')?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(back.siteRetail!, 'terms')?.get).toBeTypeOf('function');
    expect(JSON.stringify(back)).toBe(json);
    expect(back).toEqual(facts);
    const withoutBlocks = spool.unpark(ids[1]!);
    expect(withoutBlocks.retail.blocks).toBeUndefined();
    expect(withoutBlocks.retail.terms).toEqual(score(9).terms);
    expect(withoutBlocks.siteRetail).toBeUndefined();
  });

  it('keeps what a spooled score holds small: its getters cost it no shape of its own', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    const areas = score(0).areas;
    // A score as the analysers make it, with one term and no block: the spool holds ~nothing of it.
    const scores = Array.from({ length: 4000 }, (_, i) => ({ areas, score: i / 4000, terms: { generic: [`t${i % 7}`] } as RetailScore['terms'], blocks: [] as RetailBlock[] }));
    const spool = new FactsSpool();
    spool.retail(score(1));
    const before = live();
    for (const s of scores) spool.retail(s);
    const perScore = (live() - before) / scores.length;
    // A score keeps two numbers and its row on a shape every score shares, and lets its lists go:
    // measured -0.1 KB alone, 0.2 KB in this file's process. With a shape of its own, 1.1 KB and 0.6 KB.
    expect(perScore).toBeLessThan(400);
    expect(scores[3999]!.terms.generic).toEqual([`t${3999 % 7}`]);
  });

  it('holds 2,000 pages of blocks in a fraction of the heap they take as objects', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    const before = live();
    const asObjects = Array.from({ length: 2000 }, (_, i) => score(i));
    const objectsBytes = live() - before;
    const spool = new FactsSpool();
    for (const s of asObjects) spool.retail(s);
    const spooledBytes = live() - before;
    expect(objectsBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(spooledBytes).toBeLessThan(objectsBytes / 4);
    expect(asObjects[1999]!.blocks![23]!.hits[0]!.term).toBe('POS 199923');
  });
});
