// A customer's story published as a blog post is a case study (and still a post); a post about
// someone else's strategy is not.

import { describe, expect, it } from 'vitest';
import { analyzePage } from '../analyzers/index.ts';
import { htmlInput } from './pages/page-input.ts';

const post = (title: string, paragraphs: string[]) => `<html><head><title>${title}</title><meta property="og:type" content="article">
  <script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2026-03-02"}</script></head><body><article><h1>${title}</h1>
  ${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;

const STORY = post('How Fernwood Home cut stockouts with a demand forecast on AWS', [
  'Fernwood Home, a homewares retailer with 40 stores, struggled with empty shelves: the challenge was that store orders were planned in spreadsheets once a week, so fast sellers ran out before the weekend.',
  'We built a demand forecasting service on Amazon SageMaker that predicts sales per store and product every night, and store replenishment orders are now proposed automatically from Amazon Redshift.',
  'As a result, stockouts fell by 30% in the first quarter and store managers spend two hours less a week on ordering.',
  'Fernwood Home now plans to extend the forecast to its webshop, where the same products sell.',
]);

const COMMENTARY = post('How Zara keeps its stores stocked', [
  'Zara, the fashion retailer, struggled for years with the problem of slow supply chains, a challenge every apparel retailer knows.',
  'The company built a system of small batches and RFID tags on every garment, and its stores reorder twice a week.',
  'As a result, Zara sells most of its range at full price, and its stockouts are among the lowest of any fashion retailer.',
  'There are lessons here for every retailer, whatever its size.',
]);

describe('customer stories published as posts', () => {
  it('are read as case studies and stay posts', async () => {
    const facts = await analyzePage(htmlInput(STORY, 'https://www.shoptech.test/blog/fernwood-forecasting/'), '2026-06-01');
    expect(facts.classification.type).toBe('thought-leadership');
    expect(facts.caseStudy).toMatchObject({ customer: 'Fernwood Home' });
    expect(facts.classification.signals).toContain('story:Fernwood Home');
  });

  it('a post about another company\'s strategy is no case study', async () => {
    const facts = await analyzePage(htmlInput(COMMENTARY, 'https://www.shoptech.test/blog/zara-stock/'), '2026-06-01');
    expect(facts.classification.type).toBe('thought-leadership');
    expect(facts.caseStudy).toBeNull();
  });
});
