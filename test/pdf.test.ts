import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfContent, readPdf } from '../analyzers/pdf.ts';
import { parseDateString } from '../analyzers/dates/parse.ts';
import type { PageInput } from '../analyzers/types.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pdf');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const input = (url: string): PageInput => ({ url, finalUrl: url, contentType: 'application/pdf', html: null, bytes: null, headers: {}, links: [] });

describe('readPdf', () => {
  it('reads text, metadata and layout of an English case study (Type1 fonts)', async () => {
    const bytes = bytesOf('case-study-en.pdf');
    const pdf = await readPdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(pdf.info['Title']).toBe('FreshMart Grocers: Demand Forecasting on AWS');
    expect(pdf.info['Author']).toBe('ShopTech Consulting');
    expect(pdf.info['CreationDate']).toBe("D:20260310093000+08'00'");
    expect(pdf.info['ModDate']).toBe("D:20260415141500+08'00'");
    expect(pdf.blocks.filter((b) => b.tag !== 'p').map((b) => `${b.tag}:${b.text}`)).toEqual([
      'h1:FreshMart Grocers: Demand Forecasting on AWS',
      'h2:About the customer',
      'h2:The Challenge',
      'h2:The Solution',
      'h2:Results',
    ]);
    // Wrapped lines come back as one paragraph.
    expect(pdf.text).toContain('Store replenishment was planned in spreadsheets once a week. Fresh categories were regularly out of stock by Saturday afternoon');
    // The caller's buffer is still usable afterwards (PDF.js gets a copy).
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(String.fromCharCode(...bytes.subarray(0, 5))).toBe('%PDF-');
  });

  it('reads Traditional Chinese text set in a CID font through its ToUnicode map', async () => {
    const pdf = await readPdf(bytesOf('case-study-zh.pdf'));
    expect(pdf.info['Title']).toBe('好食超市導入 AWS 需求預測成功案例');
    expect(pdf.blocks.filter((b) => b.tag === 'h2').map((b) => b.text)).toEqual(['客戶簡介', '挑戰', '解決方案', '效益']);
    // A wrapped line inside Chinese text joins without a space.
    expect(pdf.text).toContain('同時必須符合個資法與 PCI DSS 的要求。');
    expect(pdf.text).toContain('並以 Amazon SageMaker 訓練需求預測模型');
  });

  it('drops a running footer repeated on every page and keeps paragraphs across the page break', async () => {
    const pdf = await readPdf(bytesOf('whitepaper-en.pdf'));
    expect(pdf.pages).toBe(2);
    expect(pdf.text).not.toContain('Unified Commerce Whitepaper | Page');
    expect(pdf.blocks.filter((b) => b.tag === 'p')).toHaveLength(13);
  });

  it('reads section headings set in the title size as sections (h2), the first one as the title', async () => {
    const pdf = await readPdf(bytesOf('case-study-flat.pdf'));
    expect(pdf.blocks.filter((b) => b.tag !== 'p').map((b) => `${b.tag}:${b.text}`)).toEqual([
      'h1:Customer story: UrbanWear',
      'h2:Challenge',
      'h2:Solution',
      'h2:Results',
    ]);
  });

  it('reads the first 50 pages of a longer document', async () => {
    const pdf = await readPdf(bytesOf('long-report.pdf'));
    expect(pdf.pages).toBe(60);
    expect(pdf.pagesRead).toBe(50);
    expect(pdf.text).toContain('Chapter 50: loyalty review');
    expect(pdf.text).not.toContain('Chapter 51');
  });

  it('rejects a broken PDF with a plain error', async () => {
    await expect(readPdf(bytesOf('broken.pdf'))).rejects.toThrow(/^PDF could not be read: /);
    await expect(readPdf(new TextEncoder().encode('<html><body>Not found</body></html>'))).rejects.toThrow(/^PDF could not be read/);
    await expect(readPdf(new Uint8Array())).rejects.toThrow(/^PDF could not be read/);
  });
});

describe('pdfContent', () => {
  it('turns a PDF into PageContent: info title, ISO days, headings, language by script', async () => {
    const pdf = await readPdf(bytesOf('case-study-zh.pdf'));
    const content = pdfContent(pdf, input('https://www.cloudwing.test/files/haoshi.pdf'));
    expect(content.title).toBe('好食超市導入 AWS 需求預測成功案例');
    expect(content.lang).toBe('zh-TW');
    expect(content.documentInfo).toMatchObject({ author: 'ShopTech 雲端顧問', creationDate: '2026-08-12', modDate: '2026-09-01', pages: '1' });
    expect(content.headings.map((h) => h.text)).toContain('解決方案');
    expect(content.mainText.split('\n')).toEqual(content.blocks.map((b) => b.text));
  });

  it('falls back to the first heading when Info Title is an authoring-tool placeholder', async () => {
    const pdf = await readPdf(bytesOf('case-study-en.pdf'));
    const content = pdfContent({ ...pdf, info: { ...pdf.info, Title: 'Microsoft Word - FreshMart_final_v3.docx' } }, input('https://www.shoptech.test/x.pdf'));
    expect(content.title).toBe('FreshMart Grocers: Demand Forecasting on AWS');
    expect(content.lang).toBe('en');
  });

  it('PDF info dates keep the calendar day as written', () => {
    expect(parseDateString("D:20260310233000-05'00'")).toBe('2026-03-10');
    expect(parseDateString('D:20261301')).toBeNull();
    expect(parseDateString('garbage')).toBeNull();
  });
});
