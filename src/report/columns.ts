// Text in a fixed-width terminal: how many columns a string takes (East Asian wide characters, such as
// Chinese, take two; ANSI colour codes none), padding to a width and cutting to one. string-width knows
// Unicode's East Asian Width and emoji tables; graphemes come from Intl.Segmenter.

import stringWidth from 'string-width';

/** Columns a string takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` followed by spaces up to `width` columns (never cut). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `width` columns, ending in "…" when cut; a wide character is never split. */
export function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
