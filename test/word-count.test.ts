// One unit of text length (analyzers/terms.ts wordCount): word-equivalents, Latin tokens plus CJK
// characters / 1.6. The classifier's length thresholds and the retail density are written in it, so
// a Chinese page and an English page of the same length in words meet the same thresholds.

import { describe, expect, it } from 'vitest';
import { wordCount } from '../analyzers/terms.ts';
import { classifyPage } from '../analyzers/classify.ts';
import type { PageContent, PageDates } from '../analyzers/types.ts';

const DATED: PageDates = { published: { date: '2026-03-02', source: 'meta', rule: 'meta:article:published_time', confidence: 0.9, raw: '2026-03-02' }, modified: null };

/** A dated page of three paragraphs with `words` word-equivalents in all, in English or in Chinese. */
function article(words: number, script: 'en' | 'zh'): PageContent {
  const paragraph = (n: number) => (script === 'en' ? 'shoppers '.repeat(n).trim() : '顧客'.repeat(Math.round(n * 0.8)));
  const blocks = [0, 1, 2].map(() => ({ tag: 'p', text: paragraph(Math.round(words / 3)) }));
  return {
    title: 'Notes', lang: script, description: null, headings: [], blocks, mainText: blocks.map((b) => b.text).join('\n'),
    jsonLd: [], meta: {}, documentInfo: null, links: [], embeds: [],
  };
}

describe('wordCount', () => {
  it('counts Latin tokens and CJK characters / 1.6', () => {
    expect(wordCount('Retail demand forecasting on AWS')).toBe(5);
    expect(wordCount('零售需求預測')).toBeCloseTo(6 / 1.6);
    expect(wordCount('AWS 零售解決方案')).toBeCloseTo(1 + 6 / 1.6);
    expect(wordCount('')).toBe(0);
  });

  it('is the unit of the classifier\'s length thresholds, in either script', () => {
    const shape = (content: PageContent) => classifyPage(content, 'https://www.partner.example/notes/a/', DATED).signals.some((s) => s.startsWith('shape:dated article'));
    for (const script of ['en', 'zh'] as const) {
      expect(wordCount(article(255, script).mainText), script).toBeGreaterThanOrEqual(250);
      expect(shape(article(255, script)), `${script} 255 words`).toBe(true);
      expect(wordCount(article(240, script).mainText), script).toBeLessThan(250);
      expect(shape(article(240, script)), `${script} 240 words`).toBe(false);
    }
  });
});
