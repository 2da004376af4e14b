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

describe('a project page that names its client in a field', () => {
  it('is a case study, as a portfolio entry is', async () => {
    const entry = `<html><head><title>Webshop rebuild</title></head><body><main><h1>Webshop rebuild</h1>
      <h3>About the project</h3><p>Founded in 1988, the brand makes knitwear and garments from British wool and sells them online and in two shops.</p>
      <h4>Client</h4><div>Fellside Knitwear</div><h4>Year</h4><div>2024</div>
      <h3>What we did</h3><ul><li>Platform migration to a new shop system</li><li>Hosting on Amazon EC2 with email through Amazon SES</li><li>Ongoing monitoring and support</li></ul>
      </main></body></html>`;
    const facts = await analyzePage(htmlInput(entry, 'https://www.devshop.test/portfolio/fellside/'), '2026-06-01');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.classification.signals).toContain('field:client Fellside Knitwear');
    expect(facts.caseStudy?.customer).toBe('Fellside Knitwear');
  });

  it('but a sentence after a "Customer" heading is no client field', async () => {
    const page = `<html><head><title>Support</title></head><body><main><h1>Support</h1><h3>Customer</h3>
      <p>We answer every question within a day.</p><p>Write to us at any time of day, and a person will answer you.</p></main></body></html>`;
    expect((await analyzePage(htmlInput(page, 'https://www.devshop.test/support/'), '2026-06-01')).classification.signals.join()).not.toMatch(/field:client/);
  });
});

describe('a story named by its slug and its kicker', () => {
  it('is a case study even on a download page with article markup', async () => {
    const html = `<html><head><title>Personalised outfits lift revenue 6%</title><meta property="og:type" content="article">
      <script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2024-02-01"}</script></head><body><main>
      <p>SUCCESS STORY</p><h1>Personalised outfits lift revenue 6% at Harbour Lane</h1>
      <p>Harbour Lane is a fashion retailer with 120 stores and a busy webshop. Its generic recommendations sold little.</p>
      <p>The team added outfit recommendations to product pages and emails, and tested them against the old widget for a season.</p>
      <p>Revenue per visitor rose 6% and the average order value 5% within twelve months of the roll-out to every category.</p>
      </main></body></html>`;
    const facts = await analyzePage(htmlInput(html, 'https://www.outfitco.test/downloads/success-story-harbour-lane/'), '2026-06-01');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.classification.signals).toEqual(expect.arrayContaining(['url:success-story-harbour-lane (story slug)', 'kicker:SUCCESS STORY']));
  });

  it('but the stories index is not one', async () => {
    const html = `<html><head><title>Success stories</title></head><body><main><h1>Success stories</h1><p>Read how retailers grow with us.</p></main></body></html>`;
    expect((await analyzePage(htmlInput(html, 'https://www.outfitco.test/success-stories/'), '2026-06-01')).classification.type).not.toBe('case-study');
  });
});
