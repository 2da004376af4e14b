// One lenient JSON parser and one reading of a page's JSON-LD (analyzers/json-ld.ts), shared by the
// content extractor (page type, case-study subjects) and the date extractor: what one of them can read,
// the other reads too, and analyzePage reads each script once.

import { describe, expect, it } from 'vitest';
import { isJsonLdType, parseJsonLenient, readJsonLd } from '../analyzers/json-ld.ts';
import { analyzePage, parseHtml } from '../analyzers/index.ts';
import { extractDates } from '../analyzers/dates.ts';

const AS_OF = '2026-11-29';
const URL = 'https://www.partner.example/insights/loyalty/';

const page = (...scripts: string[]) => `<!doctype html><html lang="en"><head><title>Loyalty that pays</title>
${scripts.map((s) => `<script type="application/ld+json">${s}</script>`).join('\n')}</head>
<body><main><h1>Loyalty that pays</h1><p>${'Retailers keep customers with offers that fit. '.repeat(8)}</p></main></body></html>`;

describe('parseJsonLenient', () => {
  it('repairs what CMS output gets wrong, and gives up on what is no JSON', () => {
    expect(parseJsonLenient('<![CDATA[{"@type":"Article"}]]>')).toEqual({ '@type': 'Article' });
    expect(parseJsonLenient('//<![CDATA[\n{"@type":"Article"}\n//]]>')).toEqual({ '@type': 'Article' });
    expect(parseJsonLenient('{"headline":"line one\nline two",}')).toEqual({ headline: 'line one\nline two' });
    expect(parseJsonLenient('/* yoast */ {"a":"https://x.test/b"};')).toEqual({ a: 'https://x.test/b' });
    expect(parseJsonLenient('[{"a":1}]')).toEqual([{ a: 1 }]);
    expect(parseJsonLenient('   ')).toBeUndefined();
    expect(parseJsonLenient('{"datePublished": "2026-03-02", oops}')).toBeUndefined();
  });
});

describe('readJsonLd', () => {
  it('flattens @graph and arrays in document order, keeps the scripts that did not parse, skips blank ones', () => {
    const broken = '{"@type":"Article", "datePublished": "2026-03-02" oops}';
    const ld = readJsonLd([
      '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"Article"}]}',
      '  \n ',
      broken,
      '[{"@type":"Organization"},[{"@type":"Person"}]]',
      '{"@graph":[{"@type":"Event"}],"@type":"CollectionPage"}',
    ]);
    expect(ld.objects.map((o) => o['@type'])).toEqual(['WebPage', 'Article', 'Organization', 'Person', 'CollectionPage', 'Event']);
    expect(ld.unparsed).toEqual([broken]);
  });

  it('takes any ld+json script type', () => {
    expect(isJsonLdType('application/ld+json')).toBe(true);
    expect(isJsonLdType(' Application/LD+JSON; charset=utf-8')).toBe(true);
    expect(isJsonLdType('application/json')).toBe(false);
    expect(isJsonLdType('')).toBe(false);
  });
});

describe('one reading of JSON-LD for content and dates', () => {
  it('a script only the repairs can read gives its objects to the page type and its date to the dates', async () => {
    // A JS comment and a trailing comma: the date extractor used to need its own fallback for this.
    const facts = await analyzePage({
      url: URL, finalUrl: URL, html: page('{"@type": "BlogPosting", // Yoast\n "datePublished": "2026-03-02T08:00:00+08:00",}'),
      bytes: null, contentType: 'text/html', headers: {}, links: [],
    } as never, AS_OF);
    expect(facts.dates.published).toMatchObject({ date: '2026-03-02', rule: 'json-ld:BlogPosting.datePublished' });
    expect(facts.classification.signals.some((s) => s.startsWith('json-ld:'))).toBe(true);
  });

  it('a script nothing can parse still gives its date field, as a malformed script', () => {
    const $ = parseHtml(page('{"@type": "Article", "datePublished": "2026-03-02" "headline": }'));
    expect(extractDates($, URL, AS_OF).published).toMatchObject({ date: '2026-03-02', rule: 'json-ld:malformed.datePublished' });
  });

  it('the dates read the JSON-LD they are given rather than parsing the scripts again', () => {
    const $ = parseHtml(page('{"@type": "Article", "datePublished": "2026-03-02"}'));
    expect(extractDates($, URL, AS_OF).published?.date).toBe('2026-03-02');
    const given = readJsonLd(['{"@type": "Article", "datePublished": "2026-04-09"}']);
    expect(extractDates($, URL, AS_OF, given).published?.date).toBe('2026-04-09');
  });
});
