import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Compromise from 'compromise';
import { parseHtml } from '../analyzers/index.ts';
import { extractContent } from '../analyzers/extract.ts';
import { compromiseSweep, withQuickSweep } from '../analyzers/compromise-sweep.ts';
import { sitePage } from '../bench/site.ts';
import { htmlInput } from './pages/page-input.ts';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const nlp = withQuickSweep(createRequire(import.meta.url)('compromise') as typeof Compromise);

/** Every .html file under a directory. */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

/**
 * The title and first ~800 characters of an English page's main text (what a case study's introduction
 * gives compromise), from every eighth fixture page (all ~1,300 take ~20 s).
 */
function introductions(): string[] {
  const texts: string[] = [];
  for (const file of htmlFiles(join(ROOT, 'fixtures', 'sites')).filter((_, i) => i % 8 === 0)) {
    const html = readFileSync(file, 'utf8');
    const content = extractContent(parseHtml(html), htmlInput(html, 'https://partner.example/page/'));
    if (content.lang !== null && !/^en\b/i.test(content.lang)) continue;
    const text = `${content.title}.\n${content.mainText}`.slice(0, 800);
    if (/[A-Z]/.test(text)) texts.push(text);
  }
  // The bench's generated pages: template prose with products, numbers and contractions.
  for (let i = 1; i < 200; i += 10) {
    const content = extractContent(parseHtml(sitePage(i, 2000)), htmlInput(sitePage(i, 2000), 'https://partner.example/x/'));
    if (content.lang === 'en') texts.push(`${content.title}.\n${content.mainText}`.slice(0, 800));
  }
  return texts;
}

/** Every term's tags, and the entities the case-study reader asks for. */
function reading(text: string): string {
  const doc = nlp(text);
  return JSON.stringify([doc.out('tags'), doc.organizations().out('array'), doc.match('#ProperNoun+').out('array'), doc.people().out('array'), doc.places().out('array'), doc.match('#Date+').out('array')]);
}

describe('compromise with the quicker sweep', () => {
  it('tags every English fixture page the way compromise\'s own sweep does', () => {
    const methods = nlp.methods() as { one: { bulkMatch: unknown } };
    const quick = methods.one.bulkMatch;
    const own = compromiseSweep(nlp);
    expect(own).toBeTypeOf('function');
    expect(own).not.toBe(quick);
    const texts = [
      'Jane Doe, CIO of Valley Fresh Markets, met our team in Portland last March to plan Black Friday.',
      "Northwind Traders Inc. couldn't scale its POS; Bramble & Co hired us on Monday, 3 June 2025.",
      ...introductions(),
    ];
    expect(texts.length).toBeGreaterThan(100);
    let tagged = 0;
    for (const text of texts) {
      methods.one.bulkMatch = own;
      const expected = reading(text);
      methods.one.bulkMatch = quick;
      expect(reading(text)).toBe(expected);
      tagged++;
    }
    expect(tagged).toBe(texts.length);
  });
});
