// A customer story served from an extensionless download address is judged by its content and by
// the file name its Content-Disposition gives, not by the address.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePage } from '../analyzers/index.ts';
import { attachmentFileName } from '../analyzers/pdf.ts';
import type { PageInput } from '../analyzers/types.ts';

const bytes = new Uint8Array(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pdf', 'customer-story-download.pdf')));
const download = (disposition?: string): PageInput => ({
  url: 'https://www.shoptech.test/download?file=17', finalUrl: 'https://www.shoptech.test/download?file=17', contentType: 'application/pdf',
  html: null, bytes, headers: disposition ? { 'content-disposition': disposition } : {}, links: [],
});

describe('a PDF behind a download link', () => {
  it('reads the file name of a Content-Disposition answer', () => {
    expect(attachmentFileName('attachment; filename="Northwind-CaseStudy.pdf"')).toBe('Northwind-CaseStudy.pdf');
    expect(attachmentFileName("attachment; filename=fallback.pdf; filename*=UTF-8''%E6%88%90%E5%8A%9F%E6%A1%88%E4%BE%8B.pdf")).toBe('成功案例.pdf');
    expect(attachmentFileName('inline')).toBeNull();
    expect(attachmentFileName(undefined)).toBeNull();
  });

  it('is a case study when its file name says so, with the story read from it', async () => {
    const facts = await analyzePage(download('attachment; filename="Northwind-Outfitters-CaseStudy.pdf"'), '2026-06-01');
    expect(facts.classification.type).toBe('case-study');
    expect(facts.classification.signals).toContain('file:Northwind-Outfitters-CaseStudy.pdf');
    expect(facts.caseStudy?.customer).toBe('Northwind Outfitters');
    expect(facts.awsServices).toEqual(expect.arrayContaining(['Amazon DynamoDB', 'AWS Lambda']));
    expect(facts.retail.score).toBeGreaterThanOrEqual(0.3);
  });

  it('is not one without the file name, nor when the file name says whitepaper', async () => {
    expect((await analyzePage(download(), '2026-06-01')).classification.type).not.toBe('case-study');
    const paper = await analyzePage(download('attachment; filename=Retail-Whitepaper.pdf'), '2026-06-01');
    expect(paper.classification).toMatchObject({ type: 'thought-leadership', kind: 'whitepaper' });
  });
});
