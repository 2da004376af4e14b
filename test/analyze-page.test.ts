import { describe, expect, it } from 'vitest';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePage, documentKind, measureAnalyzeCost, readHtml, releaseDocument } from '../analyzers/index.ts';
import { RETAIL_AREAS } from '../analyzers/types.ts';
import type { PageInput } from '../analyzers/types.ts';
import { pageInput, pdfInput } from './pages/page-input.ts';

const AS_OF = '2026-11-29';
const pdfDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pdf');

describe('analyzePage end to end', () => {
  it('an English blog post: dates, type, retail, AWS services, excerpt', async () => {
    const facts = await analyzePage(pageInput('blog-post-en.html', 'https://www.shoptech.test/blog/grocery-demand-forecasting/'), AS_OF);
    expect(facts.error).toBeNull();
    expect(facts.title).toBe('How Grocers Cut Stockouts with Demand Forecasting on AWS');
    expect(facts.lang).toBe('en-US');
    expect(facts.dates.published?.date).toBe('2026-05-12');
    expect(facts.dates.modified?.date).toBe('2026-06-02');
    expect(facts.classification).toMatchObject({ type: 'thought-leadership', kind: 'blog' });
    expect(facts.retail.score).toBeGreaterThan(0.3);
    expect(facts.awsServices).toEqual(expect.arrayContaining(['Amazon S3', 'AWS Glue', 'Amazon SageMaker', 'Amazon QuickSight']));
    expect(facts.mentionsAws).toBe(true);
    expect(facts.caseStudy).toBeNull();
    expect(facts.excerpt).toMatch(/^Empty shelves cost grocers more than lost sales/);
    expect(facts.excerpt.length).toBeLessThanOrEqual(300);
  });

  it('a zh-TW case study: case-study facts read from the story, not the furniture', async () => {
    const facts = await analyzePage(pageInput('case-study-zh.html', 'https://www.cloudwing.test/zh-tw/success-stories/haoshi-forecast/'), AS_OF);
    expect(facts.error).toBeNull();
    expect(facts.lang).toBe('zh-TW');
    expect(facts.dates.published?.date).toBe('2026-08-12');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.caseStudy).not.toBeNull();
    expect(facts.caseStudy!.customerWebsite).toBe('https://www.haoshi.test/');
    expect(facts.caseStudy!.elements.problem.present).toBe(true);
    expect(facts.caseStudy!.elements.solution.present).toBe(true);
    expect(facts.caseStudy!.elements.results.present).toBe(true);
    expect(facts.awsServices).toEqual(expect.arrayContaining(['Amazon S3', 'AWS Glue', 'Amazon SageMaker', 'AWS Lambda']));
    expect(facts.retail.score).toBeGreaterThan(0.3);
  });

  it('a PDF case study is read, dated from its Info dictionary and gets case-study facts', async () => {
    const facts = await analyzePage(pdfInput(join(pdfDir, 'case-study-en.pdf'), 'https://www.shoptech.test/files/freshmart.pdf'), AS_OF);
    expect(facts.error).toBeNull();
    expect(facts.title).toBe('FreshMart Grocers: Demand Forecasting on AWS');
    expect(facts.dates.published).toMatchObject({ date: '2026-03-10', source: 'pdf' });
    expect(facts.dates.modified?.date).toBe('2026-04-15');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.caseStudy?.compliance).toContain('PCI DSS');
    expect(facts.awsServices).toEqual(expect.arrayContaining(['Amazon S3', 'AWS Glue', 'Amazon SageMaker', 'AWS Lambda', 'AWS CloudFormation', 'Amazon CloudWatch']));
  });

  it('a broken PDF gives an error and empty facts, never a throw', async () => {
    const facts = await analyzePage(pdfInput(join(pdfDir, 'broken.pdf'), 'https://www.shoptech.test/files/broken.pdf'), AS_OF);
    expect(facts.error).toMatch(/^PDF could not be read: /);
    expect(facts.classification.type).toBe('other');
    expect(Object.keys(facts.retail.areas)).toEqual([...RETAIL_AREAS]);
  });

  it('a scanned PDF without a text layer is reported, with its metadata kept', async () => {
    const facts = await analyzePage(pdfInput(join(pdfDir, 'scanned.pdf'), 'https://www.shoptech.test/files/scan.pdf'), AS_OF);
    expect(facts.error).toBe('PDF has no text layer (scanned pages?): nothing to analyse');
    expect(facts.title).toBe('Scanned case study');
    expect(facts.dates.published?.date).toBe('2026-07-01');
  });

  it('a PDF served as application/octet-stream is recognized by its signature', () => {
    const input = pdfInput(join(pdfDir, 'case-study-en.pdf'), 'https://www.shoptech.test/download?id=7');
    expect(documentKind({ ...input, contentType: 'application/octet-stream' })).toEqual({ kind: 'pdf' });
  });

  it('other documents are not analysed', async () => {
    const input: PageInput = {
      url: 'https://www.shoptech.test/brochure.docx',
      finalUrl: 'https://www.shoptech.test/brochure.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      html: null,
      bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      headers: {},
      links: [],
    };
    const facts = await analyzePage(input, AS_OF);
    expect(facts.error).toBe('not analysed: application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('an empty or garbage HTML body is analysed without an error', async () => {
    const input: PageInput = { url: 'https://www.shoptech.test/empty', finalUrl: 'https://www.shoptech.test/empty', contentType: 'text/html', html: '<<<>>\u0000<div', bytes: null, headers: {}, links: [] };
    const facts = await analyzePage(input, AS_OF);
    expect(facts.error).toBeNull();
    expect(facts.classification.type).toBe('other');
  });

  it('measureAnalyzeCost reports a per-page cost', async () => {
    const cost = await measureAnalyzeCost([pageInput('blog-post-en.html', 'https://www.shoptech.test/blog/x/')], AS_OF, 2);
    expect(cost.pages).toBe(2);
    expect(cost.msPerPage).toBeGreaterThan(0);
    expect(cost.medianMs).toBeGreaterThan(0);
  });
});

describe('releaseDocument', () => {
  it('leaves the loaded document with no node to reach once the readers are done', () => {
    const { $ } = readHtml('<html><body><main><p>One</p><p>Two</p></main></body></html>');
    expect($('p')).toHaveLength(2);
    releaseDocument($);
    expect($.root()[0]!.children).toEqual([]);
    expect($('p')).toHaveLength(0);
  });
});
