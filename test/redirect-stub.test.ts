// Redirect stubs are never case studies or thought leadership, wherever they are filed.

import { describe, expect, it } from 'vitest';
import { analyzePage } from '../analyzers/index.ts';
import { htmlInput } from './pages/page-input.ts';

const analyse = (html: string, url: string) => analyzePage(htmlInput(html, url), '2026-06-01');

describe('redirect stubs', () => {
  it('a meta refresh page filed among case studies is no case study', async () => {
    const html = `<html><head><title>Grocer moves to AWS | Case study</title><meta http-equiv="refresh" content="0; url=/customers/grocer/"></head>
      <body><h1>Grocer moves to AWS</h1><p>Redirecting…</p></body></html>`;
    const facts = await analyse(html, 'https://www.partner.test/case-studies/grocer-moves-to-aws/');
    expect(facts.classification).toMatchObject({ type: 'other', signals: [expect.stringMatching(/^redirect stub: meta refresh/)] });
    expect(facts.caseStudy).toBeNull();
  });

  it('a script redirect that only says so, in a dated blog path, is no post; a real post is', async () => {
    const stub = `<html><head><title>Retail trends 2026</title><script>location.href="/insights/retail-trends/"</script></head>
      <body><p>Redirecting to the new address. Click here if nothing happens.</p></body></html>`;
    expect((await analyse(stub, 'https://www.partner.test/blog/2026/03/retail-trends/')).classification.type).toBe('other');
    const post = `<html><head><title>Retail trends 2026</title><meta property="og:type" content="article"></head><body><article><h1>Retail trends 2026</h1>
      <p>Moved to a new store format last spring, the chain now measures footfall and basket size per aisle and per hour, and its planners use the figures when they lay out the seasonal range.</p></article></body></html>`;
    expect((await analyse(post, 'https://www.partner.test/blog/2026/03/retail-trends/')).classification.type).toBe('thought-leadership');
  });
});

describe('legal and company pages', () => {
  it('are no posts even with article markup, a date and paragraphs of prose, at any depth', async () => {
    const prose = Array.from({ length: 4 }, (_, i) => `<p>Clause ${i + 1}. We keep the personal data of shoppers and retailers who use the service only as long as the contract requires, and we delete it within thirty days of the end of the contract unless the law requires otherwise.</p>`).join('');
    const html = `<html><head><title>Terms and conditions</title><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2021-11-05"}</script></head><body><main><h1>Terms and conditions</h1><p>Last updated 5 November 2021</p>${prose}</main></body></html>`;
    for (const path of ['/terms-and-conditions/', '/company/careers/', '/legal/cookies/']) {
      expect((await analyse(html, `https://www.partner.test${path}`)).classification.type, path).not.toBe('thought-leadership');
    }
  });
});
