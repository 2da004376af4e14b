// Small text helpers shared by the analyzers: whitespace, excerpts, script detection.
// (Block hashes live in analyzers/terms.ts `blockHash`, the one site-level boilerplate detection uses.)

// \s covers NBSP and the ideographic space (U+3000); zero-width characters are dropped outright.
const WHITESPACE = /\s+/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** Whitespace other than a lone plain space: what `.replace(/\s+/g, ' ')` would change. */
const NOT_SINGLE_SPACED = /[^\S ]| {2}/;
/** What collapseWhitespace would change: also zero-width characters and spaces at either end. */
const NOT_COLLAPSED = /[^\S ]| {2}|[\u200b-\u200d\u2060\ufeff]|^ | $/;

// Most text nodes and blocks are already single-spaced; testing first (which allocates nothing)
// spares a new string for each of them.

/** Collapses runs of whitespace (incl. NBSP, ideographic space) to one space and trims. */
export function collapseWhitespace(text: string): string {
  if (!NOT_COLLAPSED.test(text)) return text;
  return text.replace(ZERO_WIDTH, '').replace(WHITESPACE, ' ').trim();
}

/** Runs of whitespace as one space each, like `text.replace(/\s+/g, ' ')`, without a copy when none is needed. */
export function singleSpaced(text: string): string {
  return NOT_SINGLE_SPACED.test(text) ? text.replace(WHITESPACE, ' ') : text;
}

const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;

/** True when the text holds at least one CJK ideograph. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Number of Han ideographs in the text. */
export function countHan(text: string): number {
  // Counted with test(), which builds no match array (match() made one string per character).
  let count = 0;
  HAN_G.lastIndex = 0;
  while (HAN_G.test(text)) count++;
  return count;
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

/** Letter counts per script over (at most) the first `limit` characters. */
export function countScripts(text: string, limit = 6_000): ScriptCounts {
  const counts: ScriptCounts = { han: 0, kana: 0, hangul: 0, latin: 0, cyrillic: 0, thai: 0, arabic: 0, total: 0 };
  const end = Math.min(text.length, limit);
  // Code-point ranges instead of \p{Script} regexes: this runs on every page.
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (c <= 0x7a) {
      if (c <= 0x5a || c >= 0x61) counts.latin++;
      else continue;
    } else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) counts.latin++;
    else if (c >= 0x400 && c <= 0x4ff) counts.cyrillic++;
    else if (c >= 0x600 && c <= 0x6ff) counts.arabic++;
    else if (c >= 0xe00 && c <= 0xe7f) counts.thai++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0xff66 && c <= 0xff9f)) counts.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) counts.hangul++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd87f)) counts.han++;
    else continue;
    counts.total++;
  }
  return counts;
}
