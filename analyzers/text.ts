// Small text helpers shared by the analyzers: whitespace, excerpts, script detection.
// (Block hashes live in analyzers/terms.ts `blockHash`, the one site-level boilerplate detection uses.)

// \s covers NBSP and the ideographic space (U+3000); zero-width characters are dropped outright.
const WHITESPACE = /\s+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Collapses runs of whitespace (incl. NBSP, ideographic space) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(WHITESPACE, ' ').trim();
}

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;

/** True when the text holds at least one CJK ideograph. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Number of Han ideographs in the text. */
export function countHan(text: string): number {
  return text.match(HAN_G)?.length ?? 0;
}

/**
 * A "word" count that works for both scripts: Latin-script words plus one per Han character
 * (a Chinese sentence has no spaces, so characters are the honest unit of length).
 */
export function wordCount(text: string): number {
  const han = countHan(text);
  const latin = text.replace(HAN_G, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return han + latin;
}

const SENTENCE_END = /[.!?。！？](?=\s|$)|[。！？]/g;

/**
 * A short lead for reports: whole sentences up to `max` characters; a single overlong sentence is
 * cut at a word boundary (or anywhere in CJK text) and ends with an ellipsis.
 */
export function excerpt(text: string, max = 300): string {
  const clean = collapseWhitespace(text);
  if (clean.length <= max) return clean;
  let cut = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(clean); m && m.index < max; m = SENTENCE_END.exec(clean)) cut = m.index + 1;
  if (cut >= max * 0.5) return clean.slice(0, cut).trim();
  const head = clean.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  const body = space >= max * 0.6 && !hasHan(head.slice(space)) ? head.slice(0, space) : head;
  return `${body.replace(/[\s,;:，、；：]+$/u, '')}…`;
}

/** Counts of letters per writing system, the basis of script-based language detection. */
export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  latin: number;
  cyrillic: number;
  thai: number;
  arabic: number;
  total: number;
}

const SCRIPT_RE = /(\p{Script=Han})|([\p{Script=Hiragana}\p{Script=Katakana}])|(\p{Script=Hangul})|(\p{Script=Latin})|(\p{Script=Cyrillic})|(\p{Script=Thai})|(\p{Script=Arabic})/gu;

/** Letter counts per script over (at most) the first `limit` characters. */
export function countScripts(text: string, limit = 20_000): ScriptCounts {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, cyrillic: 0, thai: 0, arabic: 0, total: 0 };
  const sample = text.length > limit ? text.slice(0, limit) : text;
  for (const m of sample.matchAll(SCRIPT_RE)) {
    if (m[1]) counts.han++;
    else if (m[2]) counts.kana++;
    else if (m[3]) counts.hangul++;
    else if (m[4]) counts.latin++;
    else if (m[5]) counts.cyrillic++;
    else if (m[6]) counts.thai++;
    else counts.arabic++;
    counts.total++;
  }
  return counts;
}
