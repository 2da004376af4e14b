// The text primitives every analyzer runs on every block, rewritten to allocate less (issue 14), pinned
// against their plain regular-expression definitions on text with every kind of white space, Latin
// letters with diacritics, contractions, full-width letters and Chinese.
import { describe, expect, it } from 'vitest';
import { PhraseMatcher, blockHash, prepare, tokenize, wordCount } from '../analyzers/terms.ts';
import { collapseWhitespace, countHan, singleSpaced } from '../analyzers/text.ts';
import { LATIN_STOPWORDS, detectLangFromText } from '../analyzers/lang.ts';

const SAMPLES = [
  '',
  ' ',
  'plain single-spaced text',
  '  leading and trailing  ',
  'tabs\tand\nnewlines\r\nand\u00a0nbsp\u3000ideographic\u2009thin\u202fnarrow\u205fmath\u1680ogham\u2028line\u2029para\ufeffbom',
  'zero\u200bwidth\u200cjoiners\u200d\u2060here',
  'Couldn\u2019t, won\'t, can\'t — shan\'t stop: Café Müller déjà-vu naïve ÆØÅ ǅ Ǆ',
  'ＰＯＳ　ＡＷＳ full-width letters and ＡＰＩ',
  '我們協助一家連鎖超市將 POS 收銀系統遷移到 AWS，結帳時間縮短了三成。',
  'mixed 中文 and English\n\n\twith   gaps',
  'AppStream 2.0, S3/Glue & Lambda + EKS; e-commerce—retail',
];

/** The definitions the fast versions replaced. */
const reference = {
  collapseWhitespace: (t: string) => t.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim(),
  singleSpaced: (t: string) => t.replace(/\s+/g, ' '),
  countHan: (t: string) => t.match(/\p{Script=Han}/gu)?.length ?? 0,
};

describe('text primitives', () => {
  it('collapseWhitespace, singleSpaced and countHan equal their regular-expression definitions', () => {
    for (const s of SAMPLES) {
      expect(collapseWhitespace(s), JSON.stringify(s)).toBe(reference.collapseWhitespace(s));
      expect(singleSpaced(s), JSON.stringify(s)).toBe(reference.singleSpaced(s));
      expect(countHan(s), JSON.stringify(s)).toBe(reference.countHan(s));
    }
  });

  it('blockHash reads case and runs of any white space as one, and nothing at either end', () => {
    expect(blockHash('Retail  Solutions\n\tfor\u00a0Stores ')).toBe(blockHash('retail solutions for stores'));
    expect(blockHash('\u3000零售\u2028解決方案')).toBe(blockHash('零售 解決方案'));
    expect(blockHash('retail solutions')).not.toBe(blockHash('retailsolutions'));
    expect(blockHash('retail solutions')).not.toBe(blockHash('retail  solution'));
    // The value itself is stored with audits (site-level boilerplate), so it must not drift.
    expect(blockHash('Retail solutions for stores')).toBe('1oyk5kqe8mb');
  });

  it('tokenize reads Latin words with diacritics, folds full-width letters and reads "n\'t" as "not"', () => {
    const tokens = tokenize('Couldn\u2019t ＰＯＳ Café-Müller, AppStream 2.0');
    expect(tokens.map((t) => [t.text, t.lower, t.start, t.end, t.joined])).toEqual([
      ['Couldn', 'could', 0, 6, false],
      ['t', 'not', 7, 8, true],
      ['POS', 'pos', 9, 12, true],
      ['Café', 'café', 13, 17, true],
      ['Müller', 'müller', 18, 24, true],
      ['AppStream', 'appstream', 26, 35, false],
      ['2', '2', 36, 37, true],
      ['0', '0', 38, 39, true],
    ]);
  });

  it('wordCount without tokens counts what tokenize() reads (full-width letters, contractions, Latin-1 letters)', () => {
    for (const text of ['Couldn\u2019t ＰＯＳ Café-Müller, AppStream 2.0', 'ＡＷＳ\u3000零售 solutions', 'don\'t stop', '  ', 'x', '…—“quoted”—…', 'Łódź 2026 ﬁ']) {
      expect(wordCount(text), text).toBe(wordCount(text, tokenize(text)));
    }
    expect(wordCount('ＰＯＳ systems')).toBe(2);
  });

  it('a phrase matcher gives the same matches when a page repeats its words (per-word stems are cached)', () => {
    const m = new PhraseMatcher<string>();
    m.add('personalization', 'p', { mode: 'stem' });
    m.add('data store', 'ds', { mode: 'lower' });
    m.add('store', 's', { mode: 'lower', unlessPrev: ['to'] });
    const text = 'Personalized offers, a data store and a store; we want to store personalisation data. Person personal personalized.';
    const first = m.match(tokenize(text)).map((h) => [h.payloads, h.start, h.end]);
    expect(first).toEqual([
      [['p'], 0, 12],
      [['ds'], 23, 33],
      [['s'], 40, 45],
      [['p'], 102, 114],
    ]);
    expect(m.match(tokenize(text)).map((h) => [h.payloads, h.start, h.end])).toEqual(first);
  });

  it('a phrase matcher remembers per word whether it starts a phrase, until a phrase is added', () => {
    const m = new PhraseMatcher<string>();
    m.add('unified commerce', 'uc', { mode: 'lower' });
    const text = 'Unified commerce and order management; ORDER now';
    expect(m.match(tokenize(text)).map((h) => h.payloads)).toEqual([['uc']]);
    // "order" was read above as starting nothing: a phrase added since must still be found.
    m.add('order management', 'om', { mode: 'stem' });
    m.add('ORDER', 'acronym', { mode: 'lower' });
    expect(m.match(tokenize(text)).map((h) => h.payloads)).toEqual([['uc'], ['om'], ['acronym']]);
    // The parts of a contraction are read as their words ("could not"), not as written.
    m.add('could not scale', 'cns', { mode: 'lower' });
    expect(m.match(tokenize('They couldn\u2019t scale; could not scale.')).map((h) => [h.payloads, h.start])).toEqual([[['cns'], 5], [['cns'], 21]]);
    // Even after the same letters were read as words of their own ("couldn", "t").
    m.add('not scale', 'ns', { mode: 'lower' });
    expect(m.match(tokenize('couldn t scale, then couldn\u2019t scale')).map((h) => [h.payloads, h.start])).toEqual([[['cns'], 21]]);
    expect(m.match(tokenize('t scale, shouldn\u2019t scale')).map((h) => [h.payloads, h.start])).toEqual([[['ns'], 17]]);
  });

  it('a prepared text is shared while the analyzers read one page, and not kept for hundreds of pages', () => {
    const block = 'Store inventory on every manager\'s phone, updated as the shelves change.';
    const first = prepare(block);
    expect(prepare(block)).toBe(first);
    // A few hundred pages' worth of other blocks later, it is prepared again (the same tokens).
    for (let i = 0; i < 1000; i++) prepare(`block ${i} of another page`);
    expect(prepare(block)).not.toBe(first);
    expect(prepare(block).tokens).toEqual(first.tokens);
  });

  it('language detection by stop words counts whole words only', () => {
    expect(detectLangFromText('The team and the store managers work with our partners in the cloud for the season')).toBe('en');
    expect(detectLangFromText('Wir sind für die Kunden da und das ist nicht eine kleine Sache mit der Zeit')).toBe('de');
    // Stop words inside longer words ("theme", "andes", "often") are not stop words.
    expect(detectLangFromText('Theme Andes often Thereafter Android Isle Forest Onion Youth Weather Ourselves')).toBe(null);
    expect(detectLangFromText('Bathe the dogs, soothe the cats and breathe: other mothers gather together with the team for our season')).toBe('en');
    expect(detectLangFromText('O Café Müller é para nós uma casa com não muito do que os outros têm em Lisboa e o Porto para a família')).toBe('pt');
    expect(detectLangFromText('Nous avons les équipes pour la mise en place des solutions et vous avec nous dans une démarche est claire')).toBe('fr');
  });

  it('language detection reads words as /\\p{L}+/u does and stop words as whole words, on any mixture of scripts', () => {
    // The definition: words are runs of letters, a stop word hit is a run that is a stop word.
    const stops = LATIN_STOPWORDS;
    const byDefinition = (text: string): string | null => {
      const sample = (text.length > 6_000 ? text.slice(0, 6_000) : text).toLowerCase();
      const runs = sample.match(/\p{L}+/gu) ?? [];
      if (runs.length < 8) return null;
      let best: string | null = null;
      let bestHits = 0;
      for (const [lang, words] of Object.entries(stops)) {
        const hits = runs.filter((r) => words.includes(r)).length;
        if (hits > bestHits) [best, bestHits] = [lang, hits];
      }
      return bestHits >= Math.max(3, runs.length * 0.05) ? best : null;
    };
    const words = ['the', 'and', 'der', 'und', 'la', 'les', 'é', 'não', 'nuestro', 'dengan', 'yang', 'theme', 'x', 'Ünd', 'THE'];
    const glue = [' ', ' ', ' ', '-', "'", '\u0301', '𝐀', '\ud835', 'İ', 'ß', '5', ',', '\n', ''];
    let seed = 9;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let decided = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      for (let k = 0; k < 8 + Math.floor(next() * 30); k++) text += words[Math.floor(next() * words.length)] + glue[Math.floor(next() * glue.length)];
      // Latin-script text, as detectLangFromText hands it over.
      text = `${text} ${'Lorem ipsum '.repeat(Math.floor(next() * 3))}`;
      const expected = byDefinition(text);
      if (expected) decided++;
      expect(detectLangFromText(text), JSON.stringify(text)).toBe(expected);
    }
    expect(decided).toBeGreaterThan(300);
    // A cut inside a surrogate pair at the 6,000th character is no letter.
    expect(detectLangFromText(`${'the and of '.repeat(545)}x𝐀 the`)).toBe(byDefinition(`${'the and of '.repeat(545)}x𝐀 the`));
  });
});
