// A customer story is told by its sections, whatever a CMS's article markup says: "Problem
// Statement", "<Partner>'s Solution" and "Value Added" are a story's sections as much as Challenge /
// Solution / Results.

import { describe, expect, it } from 'vitest';
import { analyzePage } from '../analyzers/index.ts';
import { htmlInput } from './pages/page-input.ts';

const story = (problem: string, solution: string, results: string) => `<html><head><title>Weekly sales forecasts for 300 stores</title>
  <meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2026-02-03"}</script></head>
  <body><article><h1>Weekly sales forecasts for 300 stores</h1>
  <h3>Customer</h3><p>A leading grocery chain with more than 300 stores</p>
  <h3>${problem}</h3><p>Stores over-ordered slow lines and ran out of fast ones, because orders followed each manager's intuition.</p>
  <h3>${solution}</h3><p>A forecasting service on Amazon SageMaker predicts next week's sales per article and store; Amazon Redshift serves the reports.</p>
  <h3>${results}</h3><p>Stockouts fell by a fifth and forecasts reach 80 % accuracy per category.</p>
  </article></body></html>`;

describe('story section headings', () => {
  it('make a story a case study even in blog-post markup', async () => {
    const facts = await analyzePage(htmlInput(story('Problem Statement', 'Northbeam’s Solution', 'Value Added'), 'https://www.northbeam.test/work/grocer-forecasts/'), '2026-06-01');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.classification.signals).toContain('headings:challenge/solution/results');
  });

  it('but a post with one such heading stays a post', async () => {
    const facts = await analyzePage(htmlInput(story('Why forecasts matter', 'Northbeam’s Solution', 'What comes next'), 'https://www.northbeam.test/blog/forecasts/'), '2026-06-01');
    expect(facts.classification.type).toBe('thought-leadership');
  });
});

describe('the industry a story states', () => {
  it('is read from an Industry / Segment / 產業 field, as a heading over its value or as a label', async () => {
    const asHeading = story('Problem Statement', 'Solution', 'Results').replace('<h3>Customer</h3>', '<h3>Segment</h3><p>Logistics</p><h3>Customer</h3>');
    expect((await analyzePage(htmlInput(asHeading, 'https://www.northbeam.test/work/a/'), '2026-06-01')).caseStudy?.statedIndustry).toBe('Logistics');
    const asLabel = story('Challenge', 'Solution', 'Results').replace('<h3>Customer</h3>', '<p>Industry: Grocery retail</p><h3>Customer</h3>');
    expect((await analyzePage(htmlInput(asLabel, 'https://www.northbeam.test/work/b/'), '2026-06-01')).caseStudy?.statedIndustry).toBe('Grocery retail');
    expect((await analyzePage(htmlInput(story('Challenge', 'Solution', 'Results'), 'https://www.northbeam.test/work/c/'), '2026-06-01')).caseStudy?.statedIndustry).toBeNull();
  });
});
