// The finder behind findDates' "March 5, 2026" form (analyzers/dates/parse.ts MonthThenDigitsFinder)
// must find exactly what the plain global expression finds: same matches, same order, same groups.
import { describe, expect, it } from 'vitest';
import { DAY_YEAR, MONTH_DAY_YEAR, MonthThenDigitsFinder, findDates } from '../analyzers/dates/parse.ts';

function all(re: Pick<RegExp, 'exec' | 'lastIndex'>, text: string): (string | number | undefined)[][] {
  const out: (string | number | undefined)[][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push([m.index, ...m]);
  return out;
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('MonthThenDigitsFinder', () => {
  const plain = () => new RegExp(MONTH_DAY_YEAR, 'giu');
  const finder = () => new MonthThenDigitsFinder(MONTH_DAY_YEAR, DAY_YEAR, 'iu');

  it('finds what the plain expression finds on hand-picked edge cases', () => {
    const texts = [
      'Published March 5, 2026 and updated Mar. 17th 2026.',
      'MARCH 5 2026, march5, 2026, Sept.  9, 2025, sept . 9, 2025',
      'Summarch 5, 2026 (a word ending in a month), 12 March 5 2026, March 123 2026, March 1 5 2026',
      'Octobre 1er 2024 — décembre 3, 2023 — Dezember 24 2024 — października 3, 2022',
      'mai 17, 2024Mai 17, 20245 April 31, 2026 June 01,2026 July 4,\n\t 1999',
      '\u{1D400}March 5, 2026 𝐀 March 5, 2026 x\u00a0Mar\u00a05,\u00a02026 ſeptember 5, 2026',
      'a'.repeat(50) + 'march 5, 2026 ' + 'march 5, 2026'.repeat(3),
      '',
      '5, 2026 March',
    ];
    for (const text of texts) expect(all(finder(), text), text).toEqual(all(plain(), text));
  });

  it('finds what the plain expression finds on random mixtures of names, digits and separators', () => {
    const pieces = ['March', 'mar', 'Mar.', 'Sept', 'mai', 'Juni', 'décembre', 'x', 'ab', ' ', '  ', '\n', ',', '.', '5', '17', '123', '2026', '1999', 'th', 'st', 'er', '-', 'é', '\u00a0', '𝐀'];
    const next = random(14);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 14);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
      expect(all(finder(), text), JSON.stringify(text)).toEqual(all(plain(), text));
    }
  });

  it('is what findDates reads "March 5, 2026" with', () => {
    expect(findDates('Posted on March 5, 2026 by the team').map((d) => [d.date, d.form, d.raw])).toEqual([['2026-03-05', 'mdy-name', 'March 5, 2026']]);
  });
});
