import { describe, expect, it } from 'vitest';
import { siteCoverage } from '../analyzers/coverage.ts';
import { scoreRetail } from '../analyzers/retail.ts';
import { blockHash } from '../analyzers/terms.ts';
import { RETAIL_AREAS, type PageFacts } from '../analyzers/types.ts';
import { pageContent, type PageSpec } from './helpers/page-content.ts';

// Only the retail score matters to siteCoverage; the rest is what analyzePage would fill in.
function facts(spec: PageSpec): PageFacts {
  const content = pageContent(spec);
  return {
    title: content.title,
    lang: content.lang,
    description: null,
    dates: { published: null, modified: null },
    classification: { type: 'other', kind: null, confidence: 0, signals: [] },
    retail: scoreRetail(content),
    awsServices: [],
    mentionsAws: false,
    otherClouds: [],
    caseStudy: null,
    excerpt: '',
    error: null,
  };
}

// A promotional strip that extraction left in every page's main text.
const TAGLINE =
  'Retail experts: omnichannel commerce, loyalty programs, POS, inventory management, supply chain and demand forecasting for retailers.';

const genericPage = (topic: string): PageSpec => ({
  title: `${topic} | Harbourline`,
  blocks: [
    ['h1', topic],
    ['p', `Our ${topic.toLowerCase()} team plans, builds and runs workloads on AWS for banks, insurers, hospitals and manufacturers.`],
    ['p', 'We automate infrastructure with AWS CloudFormation, tune costs every month and keep systems patched and monitored.'],
    ['p', TAGLINE],
  ],
});

const retailPage: PageSpec = {
  title: 'Stores and supply chain for retailers',
  blocks: [
    ['h1', 'Stores and supply chain for retailers'],
    ['p', 'For grocery and fashion retailers we deploy self-checkout, RFID, electronic shelf labels and in-store analytics across the store network.'],
    ['p', 'In the supply chain we run demand forecasting, replenishment, safety stock optimisation and distribution center slotting; BOPIS and ship-from-store fulfillment connect stores with e-commerce.'],
    ['p', TAGLINE],
  ],
};

describe('siteCoverage', () => {
  it('does not let a block repeated on every page inflate any page', () => {
    const pages = ['Migration', 'Security', 'Data platforms', 'DevOps', 'Managed services'].map((t) => facts(genericPage(t)));
    // Page by page, the tagline makes every generic page look like a retail page …
    for (const p of pages) expect(p.retail.score).toBeGreaterThan(0.35);
    const site = siteCoverage(pages);
    expect(site.boilerplate).toContain(blockHash(TAGLINE));
    // … once it is recognised as boilerplate, none is.
    for (const s of site.pageScores) expect(s.score).toBeLessThan(0.1);
    expect(site.overall).toBe(0);
    for (const area of RETAIL_AREAS) expect(site.areas[area], area).toBe(0);
  });

  it('hands each page’s new score to `keep` as it is made, and keeps what it returns', () => {
    const pages = ['Migration', 'Security', 'Data platforms', 'DevOps'].map((t) => facts(genericPage(t)));
    const given: unknown[] = [];
    const site = siteCoverage(pages, (score) => {
      given.push(score);
      return { ...score, blocks: undefined };
    });
    expect(given).toEqual(siteCoverage(pages).pageScores);
    expect(site.pageScores.map((s) => s.blocks)).toEqual([undefined, undefined, undefined, undefined]);
    expect(site.pageScores.map((s) => s.score)).toEqual(siteCoverage(pages).pageScores.map((s) => s.score));
  });

  it('measures the site’s coverage per area from its retail pages, overall = mean of areas', () => {
    const pages = [...['Migration', 'Security', 'Data platforms', 'DevOps'].map((t) => facts(genericPage(t))), facts(retailPage)];
    const site = siteCoverage(pages);
    expect(site.pageScores[4].score).toBeGreaterThan(0.8);
    expect(site.areas.stores).toBeGreaterThan(0.5);
    expect(site.areas['supply-chain-distribution']).toBeGreaterThan(0.5);
    expect(site.areas['merchandising-planning']).toBe(0);
    const mean = RETAIL_AREAS.reduce((s, a) => s + site.areas[a], 0) / RETAIL_AREAS.length;
    expect(site.overall).toBeCloseTo(mean, 3);
  });

  it('treats nothing as boilerplate on a site of two pages', () => {
    const site = siteCoverage([facts(retailPage), facts(genericPage('Migration'))]);
    expect(site.boilerplate).toEqual([]);
    expect(site.pageScores[1].score).toBeGreaterThan(0.35);
  });
});
