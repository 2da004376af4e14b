// What the audit keeps of every page until the checks run is kept small (issue 14): a link every page
// repeats (nav, footer) is one record, and the retail readings' equal hits and blocks are one object,
// whichever page they came from. The values, and so the evidence's JSON, stay as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDemo } from './support/demo-audit.ts';
import { FactsCompactor } from '../src/compact-facts.ts';
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

  it('holds one object for a retail hit or a block that pages share', () => {
    const blocks = evidence.pages.flatMap((p) => p.facts?.retail.blocks ?? []);
    const hits = blocks.flatMap((b) => b.hits);
    const byTerm = new Map<string, Set<object>>();
    for (const h of hits) byTerm.set(`${h.area} ${h.term} ${h.specific}`, (byTerm.get(`${h.area} ${h.term} ${h.specific}`) ?? new Set()).add(h));
    expect(byTerm.size).toBeGreaterThan(3);
    for (const objects of byTerm.values()) expect(objects.size).toBe(1);
    const repeated = blocks.filter((b, i) => blocks.findIndex((o) => o.hash === b.hash) !== i);
    expect(repeated.length).toBeGreaterThan(0);
    for (const b of repeated) expect(blocks.find((o) => o.hash === b.hash && o.weight === b.weight)).toBe(b);
  });
});

describe('FactsCompactor', () => {
  const block = (hash: string, terms: string[], weight = 1): RetailBlock => ({ hash, words: 12, weight, hits: terms.map((term) => ({ area: 'stores', term, specific: true })) });
  const score = (blocks: RetailBlock[]): RetailScore => ({ areas: {} as RetailScore['areas'], score: 0.5, terms: { generic: ['retail'] } as RetailScore['terms'], blocks });
  const facts = (blocks: RetailBlock[]) => ({ retail: score(blocks), blockHashes: blocks.map((b) => b.hash) }) as unknown as PageFacts;

  it('shares equal blocks and leaves every value, and the JSON, as it was', () => {
    const compactor = new FactsCompactor();
    const a = facts([block('h1', ['POS']), block('h2', [])]);
    const b = facts([block('h1', ['POS']), block('h3', ['POS', 'loyalty'])]);
    const json = [JSON.stringify(a), JSON.stringify(b)];
    compactor.facts(a);
    compactor.facts(b);
    expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(json);
    expect(b.retail.blocks![0]).toBe(a.retail.blocks![0]);
    expect(b.retail.blocks![1]!.hits[0]).toBe(a.retail.blocks![0]!.hits[0]);
  });

  it('keeps apart blocks of one hash whose weight or hits differ (a heading and a paragraph of the same words)', () => {
    const compactor = new FactsCompactor();
    const a = compactor.facts(facts([block('h1', ['POS'], 2)]));
    const b = compactor.facts(facts([block('h1', ['POS'], 1), block('h1', ['kiosk'], 2)]));
    expect(b.retail.blocks![0]).not.toBe(a.retail.blocks![0]);
    expect(b.retail.blocks![0]!.weight).toBe(1);
    expect(b.retail.blocks![1]).not.toBe(a.retail.blocks![0]);
    expect(b.retail.blocks![1]!.hits.map((h) => h.term)).toEqual(['kiosk']);
  });
});
