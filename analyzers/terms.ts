// Term matching engine shared by the retail, AWS and case-study analyzers.
//
// English (Latin-script) text is matched token by token against a trie of phrases, longest match
// first, so "data store" can be consumed before "store" is looked at and "retail ERP" wins over "ERP".
// A phrase token matches in one of three ways:
//   exact — case-sensitive (acronyms: "POS", "AI", "S3"; an all-capital term token is always exact);
//   lower — case-insensitive, same word form ("store"/"stores" but never "storage"/"restore");
//   stem  — same Porter stem (natural's stemmer) and a similar length, so "personalization" matches
//           "personalisation"/"personalized" but not "person"/"personal".
// Tokens come from a Latin-letter/digit regex rather than natural's tokenizers because matches need
// character offsets for excerpts; stemming is natural's PorterStemmer (submodule import only), which
// also conflates verb forms ("reduced", "reducing" → "reduc"), so no lemmatiser is needed. "n't"
// contractions read as "not" ("couldn't" → could not). compromise is not used here: tagging a page
// costs ~26 ms (median, 60 English pages), against ~1 ms for all of this page's term matching.
//
// Chinese text is matched by substring on NFKC-normalised, whitespace-free text. Two-character
// terms are checked against Intl.Segmenter on a small window so that 會員 does not match inside
// 委員會員工 (委員會|員工). Segmenting whole pages costs ~1 ms per 1,000 characters, so the
// segmenter only looks at those windows.

import { createRequire } from 'node:module';

// The stemmer module alone: natural's index pulls in database clients and dotenv.
const PorterStemmer = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as {
  stem(word: string): string;
};

export interface Token {
  /** As written. */
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Separated from the previous token only by a space, hyphen, slash, ampersand (phrase-joinable). */
  joined: boolean;
  /**
   * The word's number in the vocabulary of words as written (the same for every token of the same
   * text in one `vocabularyEpoch`), so a matcher can remember per word whether it starts a phrase;
   * -1 when `lower` is not the text lower-cased (the parts of "couldn't"); -2 until a matcher asks.
   */
  word: number;
}

/** Words as written → their numbers (Token.word). Renumbered from 0, in a new epoch, past 200,000 words. */
const vocabulary = new Map<string, number>();
let vocabularyEpoch = 0;

function wordNumber(word: string): number {
  let n = vocabulary.get(word);
  if (n === undefined) {
    if (vocabulary.size >= 200_000) {
      vocabulary.clear();
      vocabularyEpoch++;
    }
    vocabulary.set(word, (n = vocabulary.size));
  }
  return n;
}

/** A token character: [A-Za-z0-9] and Latin-1 Supplement to Latin Extended-B (U+00C0–U+024F). */
const isTokenChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f);
/** Characters that may join two words of one phrase: space, tab, nbsp, hyphens, slash, &, +. */
const isJoinChar = (c: number) =>
  c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 47 || c === 38 || c === 43;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Whether text[from, to) lets the words on either side form one phrase. */
function joins(text: string, from: number, to: number): boolean {
  const len = to - from;
  if (len < 1 || len > 3) return false;
  // "." joins only digits ("AppStream 2.0"), never the end of a sentence.
  if (len === 1 && text.charCodeAt(from) === 46) return isDigit(text.charCodeAt(from - 1)) && isDigit(text.charCodeAt(to));
  for (let i = from; i < to; i++) if (!isJoinChar(text.charCodeAt(i))) return false;
  return true;
}

const FULLWIDTH_RE = /[\uFF01-\uFF5E\u3000]/g;
const HAS_FULLWIDTH_RE = /[\uFF01-\uFF5E\u3000]/;
/** Full-width ASCII (ＰＯＳ, ＡＷＳ) folded to ASCII; same length, so offsets hold. */
const foldFullWidth = (text: string) =>
  HAS_FULLWIDTH_RE.test(text)
    ? text.replace(FULLWIDTH_RE, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    : text;

// Scanned by character code rather than with a global regular expression: exec() makes a match array
// per word, and tokenizing is most of what the analyzers allocate.
export function tokenize(original: string): Token[] {
  const text = foldFullWidth(original);
  const tokens: Token[] = [];
  const length = text.length;
  let prevEnd = -1;
  let i = 0;
  while (i < length) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isTokenChar(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    const prev = tokens[tokens.length - 1];
    if (prev && isNegation(text, prev, word, start)) {
      // "couldn't" reads as "could not", so lexicon phrases written "could not" match it.
      prev.lower = NEGATED_BASE[prev.lower] ?? prev.lower.slice(0, -1);
      prev.word = -1;
      tokens.push({ text: word, lower: 'not', start, end: start + 1, joined: true, word: -1 });
      prevEnd = start + 1;
      continue;
    }
    const joined = prevEnd >= 0 && joins(text, prevEnd, start);
    tokens.push({ text: word, lower: word.toLowerCase(), start, end: i, joined, word: -2 });
    prevEnd = i;
  }
  return tokens;
}

/** Bases of "n't" contractions that are not the word less its n: can't, won't, shan't. */
const NEGATED_BASE: Record<string, string> = { can: 'can', won: 'will', shan: 'shall' };

/** A "t" right after an apostrophe that follows a word ending in n: the "n't" of a contraction. */
function isNegation(text: string, prev: Token, word: string, start: number): boolean {
  if ((word !== 't' && word !== 'T') || prev.end !== start - 1) return false;
  const apostrophe = text.charCodeAt(start - 1);
  return (apostrophe === 39 || apostrophe === 0x2019) && /n$/iu.test(prev.lower) && prev.lower.length >= 2;
}

const stemCache = new Map<string, string>();
/** Porter stem of a lower-case word (cached: stemming costs ~9 µs a word). */
export function stem(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = PorterStemmer.stem(lower);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}

export type TokenMode = 'exact' | 'lower' | 'stem';

export interface PhraseOptions {
  /** How non-acronym tokens match; all-capital tokens are always exact. */
  mode: Exclude<TokenMode, 'exact'> | 'exact';
  /** Lower-case words that, right before the phrase, cancel the match ("to store", "we store"). */
  unlessPrev?: string[];
  /** Lower-case words that, right after the phrase, cancel the match ("store data"). */
  unlessNext?: string[];
}

interface Edge {
  node: TrieNode;
  /**
   * For stem edges: lengths of the term words behind the edge. A token matches when its length is
   * within 3 of one of them: Porter conflates "personal" and "personalized" (both "person").
   */
  lengths: number[];
}

interface Terminal<P> {
  payload: P;
  unlessPrev: Set<string> | null;
  unlessNext: Set<string> | null;
}

interface TrieNode {
  /** Keyed by the token as written (exact), lower-cased (lower) or by Porter stem (stem). */
  exact: Map<string, Edge>;
  lower: Map<string, Edge>;
  stem: Map<string, Edge>;
  terminals: Terminal<unknown>[];
}

const newNode = (): TrieNode => ({ exact: new Map(), lower: new Map(), stem: new Map(), terminals: [] });

export interface PhraseHit<P> {
  payloads: P[];
  /** Token index range [first, last]. */
  first: number;
  last: number;
  start: number;
  end: number;
}

const isAcronym = (word: string) => /[A-Z]/.test(word) && !/[a-z]/.test(word);

/** Longest-match phrase dictionary over Latin-script tokens. */
export class PhraseMatcher<P> {
  private readonly root: TrieNode = newNode();
  /**
   * First four letters of every stem key of five or more letters: Porter only rewrites endings, so
   * a longer word whose first four letters are not among these cannot stem to a key. Words of up to
   * five letters are always stemmed (cheap: cached).
   */
  private readonly stemPrefixes = new Set<string>();

  add(phrase: string, payload: P, options: PhraseOptions): void {
    const words = tokenize(phrase);
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      const mode: TokenMode = isAcronym(w.text) ? 'exact' : options.mode;
      let map: Map<string, Edge>;
      let key: string;
      if (mode === 'exact') [map, key] = [node.exact, w.text];
      else if (mode === 'lower') [map, key] = [node.lower, w.lower];
      else {
        key = stem(w.lower);
        map = node.stem;
        // The word's own first letters too: Porter rewrites some short stems ("buying" → "bui").
        this.stemPrefixes.add(key.slice(0, 4)).add(w.lower.slice(0, 4));
      }
      let edge = map.get(key);
      if (!edge) map.set(key, (edge = { node: newNode(), lengths: [] }));
      if (!edge.lengths.includes(w.lower.length)) edge.lengths.push(w.lower.length);
      node = edge.node;
    }
    // A new stem key may admit words the per-word caches turned away.
    this.stemOf.clear();
    this.starts = new Uint8Array(0);
    const toSet = (xs?: string[]) => (xs && xs.length ? new Set(xs.map((x) => x.toLowerCase())) : null);
    node.terminals.push({ payload, unlessPrev: toSet(options.unlessPrev), unlessNext: toSet(options.unlessNext) });
  }

  /**
   * Per distinct lower-case word: its Porter stem, or null when the word cannot stem to a key of this
   * trie. Computed once per word, not once per token (a site repeats a small vocabulary).
   */
  private readonly stemOf = new Map<string, string | null>();

  private wordStem(lower: string): string | null {
    let s = this.stemOf.get(lower);
    if (s === undefined) {
      s = lower.length > 5 && !this.stemPrefixes.has(lower.slice(0, 4)) ? null : stem(lower);
      if (this.stemOf.size > 100_000) this.stemOf.clear();
      this.stemOf.set(lower, s);
    }
    return s;
  }

  private stemEdge(node: TrieNode, token: Token): Edge | undefined {
    if (node.stem.size === 0) return undefined;
    const s = this.wordStem(token.lower);
    if (s === null) return undefined;
    const e = node.stem.get(s);
    if (e === undefined) return undefined;
    const length = token.lower.length;
    for (const l of e.lengths) if (Math.abs(l - length) <= 3) return e;
    return undefined;
  }

  /** Appends to out, from index count, the nodes token leads to from node; returns the new count. */
  private step(node: TrieNode, token: Token, out: TrieNode[], count: number): number {
    const exact = node.exact.size ? node.exact.get(token.text) : undefined;
    if (exact) out[count++] = exact.node;
    const lower = node.lower.size ? node.lower.get(token.lower) : undefined;
    if (lower) out[count++] = lower.node;
    const stemmed = this.stemEdge(node, token);
    if (stemmed) out[count++] = stemmed.node;
    return count;
  }

  /**
   * Per vocabulary word (Token.word): 0 not yet known, 1 starts a phrase, 2 starts none. Most tokens
   * start none, and an array read answers that where the root's three maps were asked each time.
   */
  private starts = new Uint8Array(0);
  private startsEpoch = vocabularyEpoch;

  private startsPhrase(token: Token): boolean {
    // Numbered on first use: a token no matcher reads costs no lookup.
    if (token.word === -2) token.word = wordNumber(token.text);
    const w = token.word;
    if (this.startsEpoch !== vocabularyEpoch) {
      this.starts = new Uint8Array(0);
      this.startsEpoch = vocabularyEpoch;
    }
    const known = w >= 0 && w < this.starts.length ? this.starts[w]! : 0;
    if (known !== 0) return known === 1;
    const root = this.root;
    const starts = root.exact.has(token.text) || root.lower.has(token.lower) || this.stemEdge(root, token) !== undefined;
    if (w >= 0) {
      if (w >= this.starts.length) {
        const grown = new Uint8Array(Math.max(1024, w + 1, this.starts.length * 2));
        grown.set(this.starts);
        this.starts = grown;
      }
      this.starts[w] = starts ? 1 : 2;
    }
    return starts;
  }

  // Two frontiers reused by every match() (it never runs re-entrantly), filled by index with a count
  // (setting length would free their storage): a page has thousands of tokens, and a pair of arrays
  // per candidate phrase was garbage for the collector.
  private frontier: TrieNode[] = [];
  private next: TrieNode[] = [];

  /** Non-overlapping longest matches, left to right. */
  match(tokens: Token[]): PhraseHit<P>[] {
    const hits: PhraseHit<P>[] = [];
    const root = this.root;
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i];
      // Fast path: most tokens start no phrase.
      if (!this.startsPhrase(token)) {
        i++;
        continue;
      }
      let bestLast = -1;
      let bestPayloads: P[] | null = null;
      let frontier = this.frontier;
      let next = this.next;
      let size = this.step(root, token, frontier, 0);
      for (let j = i; size > 0; ) {
        let payloads: P[] | null = null;
        for (let k = 0; k < size; k++) {
          for (const t of frontier[k].terminals) {
            if (t.unlessPrev && i > 0 && t.unlessPrev.has(tokens[i - 1].lower)) continue;
            if (t.unlessNext && j + 1 < tokens.length && t.unlessNext.has(tokens[j + 1].lower)) continue;
            (payloads ??= []).push(t.payload as P);
          }
        }
        if (payloads !== null) {
          bestLast = j;
          bestPayloads = payloads;
        }
        j++;
        if (j >= tokens.length || !tokens[j].joined) break;
        let nextSize = 0;
        for (let k = 0; k < size; k++) nextSize = this.step(frontier[k], tokens[j], next, nextSize);
        [frontier, next] = [next, frontier];
        size = nextSize;
      }
      if (bestPayloads !== null) {
        hits.push({ payloads: bestPayloads, first: i, last: bestLast, start: tokens[i].start, end: tokens[bestLast].end });
        i = bestLast + 1;
      } else {
        i++;
      }
    }
    return hits;
  }
}

// ---------------------------------------------------------------------------------------------
// Chinese

const CJK_RE = /[\u3400-\u9FFF\uF900-\uFAFF]/;
export const hasCjk = (text: string) => CJK_RE.test(text);

/** A section heading's numbering: "01 挑戰", "1. The Challenge", "二、解決方案", "Step 3: Results". */
export const HEADING_NUMBERING = /^(?:step\s*\d+\s*[:：.]?|\d{1,2}\s*[.、:)）-]?|[一二三四五六七八九十]+\s*[、.．])\s*/i;

/** Text prepared for substring matching: NFKC, lower-case, whitespace removed, with offsets back. */
export interface CompactText {
  text: string;
  /** offsets[i] = index in the original text of compact character i. */
  offsets: Int32Array;
}

export function compact(original: string): CompactText {
  const normalized = original.normalize('NFKC');
  // NFKC can change lengths only for rare compatibility characters; offsets stay approximate then.
  const offsets = new Int32Array(normalized.length);
  let out = '';
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u3000' || c === '\u00A0') continue;
    offsets[out.length] = i;
    out += c;
  }
  return { text: out.toLowerCase(), offsets: offsets.subarray(0, out.length) };
}

const segmenter = new Intl.Segmenter('zh-TW', { granularity: 'word' });

/**
 * Whether a two-character term at `start` of its window aligns with a word edge, by window: the
 * answer depends on the window's text and the term's place in it alone, and a site repeats its
 * phrases, so most windows were segmented before. Bounded: dropped past 50,000 windows.
 */
const alignmentByWindow = new Map<string, boolean>();

/** False when text[start, start+len) starts and ends inside words (会員 in 委員會|員工), by segmenting a window. */
function alignsWithWords(text: string, start: number, len: number): boolean {
  const from = Math.max(0, start - 6);
  const window = text.slice(from, Math.min(text.length, start + len + 6));
  const key = `${start - from},${len},${window}`;
  let aligned = alignmentByWindow.get(key);
  if (aligned === undefined) {
    const cuts = new Set<number>();
    for (const s of segmenter.segment(window)) cuts.add(from + s.index);
    cuts.add(from + window.length);
    aligned = cuts.has(start) || cuts.has(start + len);
    if (alignmentByWindow.size >= 50_000) alignmentByWindow.clear();
    alignmentByWindow.set(key, aligned);
  }
  return aligned;
}

export interface SubstringHit<P> {
  payloads: P[];
  /** Offsets in the compact text. */
  start: number;
  end: number;
}

/** Longest-match substring dictionary for Chinese (terms of two or more characters). */
export class SubstringMatcher<P> {
  private readonly byPrefix = new Map<string, { term: string; payloads: P[] }[]>();

  add(term: string, payload: P): void {
    const key = compact(term).text;
    if (key.length < 2) return;
    const prefix = key.slice(0, 2);
    let list = this.byPrefix.get(prefix);
    if (!list) this.byPrefix.set(prefix, (list = []));
    const existing = list.find((x) => x.term === key);
    if (existing) existing.payloads.push(payload);
    else list.push({ term: key, payloads: [payload] });
    list.sort((a, b) => b.term.length - a.term.length);
  }

  match(text: string): SubstringHit<P>[] {
    const hits: SubstringHit<P>[] = [];
    let i = 0;
    while (i < text.length - 1) {
      const list = this.byPrefix.get(text.slice(i, i + 2));
      let matched = 0;
      if (list) {
        for (const { term, payloads } of list) {
          if (!text.startsWith(term, i)) continue;
          if (term.length === 2 && CJK_RE.test(term) && !alignsWithWords(text, i, 2)) continue;
          hits.push({ payloads, start: i, end: i + term.length });
          matched = term.length;
          break;
        }
      }
      i += matched || 1;
    }
    return hits;
  }
}

/**
 * Word-equivalents of a text, the one unit every word threshold is written in (page length, title
 * length, retail density): Latin tokens plus CJK characters / 1.6 (the mean length of a Chinese word;
 * a Chinese sentence has no spaces). `tokens`: the text's tokens when the caller has them.
 */
export function wordCount(text: string, tokens?: Token[]): number {
  let latin = tokens?.length ?? 0;
  let cjk = 0;
  // Without tokens, tokenize()'s runs are counted in place: making them was a sixth of what a page's
  // analysis allocated (classification counts the main text's words twice).
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
    if (tokens) continue;
    // Full-width ASCII reads as its ASCII letter or digit, as tokenize() folds it.
    const tokenChar = isTokenChar(c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c);
    if (tokenChar && !inToken) latin++;
    inToken = tokenChar;
  }
  return latin + cjk / 1.6;
}

const NON_ASCII_RE = /[^\x00-\x7f]/;

/**
 * Stable hash of a text block (case- and whitespace-insensitive), for boilerplate detection:
 * cyrb53 (53 bits; a collision among 10^5 blocks has odds ~10^-6), far cheaper than a digest.
 */
export function blockHash(text: string): string {
  const prepared = prepare(text);
  const memo = prepared.memo.get('hash') as string | undefined;
  if (memo !== undefined) return memo;
  const hash = cyrb53(text);
  prepared.memo.set('hash', hash);
  return hash;
}

/** JavaScript's \s (and what trim() strips): Unicode white space and line terminators. */
const isSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/**
 * cyrb53 of the text lower-cased with runs of white space read as one space and none at either end
 * (the same as hashing `.toLowerCase().replace(/\s+/g, ' ').trim()`, without making those strings).
 */
function cyrb53(text: string): string {
  const folded = NON_ASCII_RE.test(text) ? text.normalize('NFKC') : text;
  const lower = folded.toLowerCase();
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let started = false;
  let space = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (isSpace(c)) {
      space = started;
      continue;
    }
    if (space) {
      h1 = Math.imul(h1 ^ 32, 2654435761);
      h2 = Math.imul(h2 ^ 32, 1597334677);
      space = false;
    }
    started = true;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** A ≤ max-character excerpt of text centred on [start, end), cut at word/space boundaries. */
export function excerptAround(text: string, start: number, end: number, max = 240): string {
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return clean(text);
  const room = Math.max(0, max - (end - start));
  let from = Math.max(0, start - Math.floor(room / 3));
  let to = Math.min(text.length, from + max);
  from = Math.max(0, to - max);
  if (from > 0) {
    const sp = text.indexOf(' ', from);
    if (sp > 0 && sp < start && sp - from < 30) from = sp + 1;
  }
  if (to < text.length) {
    const sp = text.lastIndexOf(' ', to);
    if (sp > end && to - sp < 30) to = sp;
  }
  const body = clean(text.slice(from, to));
  const lead = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  const s = lead + body + tail;
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** Lexicon entry as written in the data files: "term" | ["label", "alias", …] | object. */
export type LexiconEntry =
  | string
  | string[]
  | { label: string; aliases?: string[]; exact?: boolean; unlessPrev?: string[]; unlessNext?: string[] };

export interface ExpandedEntry {
  label: string;
  forms: string[];
  exact: boolean;
  unlessPrev?: string[];
  unlessNext?: string[];
}

export function expandEntry(entry: LexiconEntry): ExpandedEntry {
  if (typeof entry === 'string') return { label: entry, forms: [entry], exact: false };
  if (Array.isArray(entry)) return { label: entry[0], forms: entry, exact: false };
  return {
    label: entry.label,
    forms: [entry.label, ...(entry.aliases ?? [])],
    exact: entry.exact ?? false,
    unlessPrev: entry.unlessPrev,
    unlessNext: entry.unlessNext,
  };
}

/** A form written only in Latin letters, digits and punctuation goes to the token matcher. */
export const isLatinForm = (form: string) => !CJK_RE.test(form);

/** A block's text prepared once for every matcher: Latin tokens now, compact CJK text on demand. */
export class PreparedText {
  readonly tokens: Token[];
  private compacted: CompactText | null = null;
  /** Per-analyzer memo (e.g. retail hits), so scoring and case-study reading match a block once. */
  readonly memo = new Map<string, unknown>();
  constructor(readonly text: string) {
    this.tokens = tokenize(text);
  }
  get compact(): CompactText {
    return (this.compacted ??= compact(this.text));
  }
}

/**
 * Prepared texts kept: a page's blocks and lines, not hundreds of pages'. Each holds its text, its
 * tokens and its memo (~15 KB for a paragraph): at 4,096 the analysis worker's heap climbed from ~27 to
 * ~95 MB before each clear (a 3,000-page audit: peak RSS −25 to −35 MB at 256, CPU unchanged).
 */
export const PREPARED_TEXTS_KEPT = 256;
const preparedCache = new Map<string, PreparedText>();
/**
 * The prepared form of a text, shared by the analyzers that read the same page one after another
 * (scoreRetail, then readCaseStudy). Bounded: the cache is dropped when it holds PREPARED_TEXTS_KEPT texts.
 */
export function prepare(text: string): PreparedText {
  let p = preparedCache.get(text);
  if (!p) {
    if (preparedCache.size >= PREPARED_TEXTS_KEPT) preparedCache.clear();
    preparedCache.set(text, (p = new PreparedText(text)));
  }
  return p;
}

/** Entry of a labelled lexicon (compliance, delivery, validation signals, vendors). */
export interface LabelledEntry {
  label: string;
  /** Latin forms (word-bounded; mode per matcher) and Chinese forms (substring). */
  forms?: string[];
  /** Ordinary-word forms: exact capitalisation only, and not as the first word of a sentence. */
  contextual?: string[];
  /** JavaScript regular expressions. */
  regex?: string[];
  /** A cheap regular expression the text must match before `regex` is tried (e.g. "week|month"). */
  guard?: string;
  weight?: number;
}

export interface LabelledHit<E extends LabelledEntry = LabelledEntry> {
  entry: E;
  /** Offsets in the original text. */
  start: number;
  end: number;
}

/** True when [start] opens a sentence: nothing but whitespace/bullets since the last . ! ? : or the start. */
export function opensSentence(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start).replace(/[\s•·*\-–"“'(]+$/u, '');
  return before === '' || /[.!?:;。！？：；]$/u.test(before);
}

/** Matches a labelled lexicon in a text: Latin phrases, Chinese substrings and regular expressions. */
export class LabelledMatcher<E extends LabelledEntry = LabelledEntry> {
  private readonly latin = new PhraseMatcher<{ entry: E; contextual: boolean }>();
  private readonly cjk = new SubstringMatcher<{ entry: E; contextual: boolean }>();
  private readonly regexes: { re: RegExp; guard: RegExp | null; entry: E }[] = [];
  private hasCjkForms = false;

  constructor(entries: E[], mode: 'lower' | 'stem', regexFlags = 'giu') {
    for (const entry of entries) {
      for (const form of entry.forms ?? []) {
        if (isLatinForm(form)) this.latin.add(form, { entry, contextual: false }, { mode });
        else {
          this.cjk.add(form, { entry, contextual: false });
          this.hasCjkForms = true;
        }
      }
      for (const form of entry.contextual ?? []) this.latin.add(form, { entry, contextual: true }, { mode: 'exact' });
      const guard = entry.guard ? new RegExp(entry.guard, 'iu') : null;
      for (const source of entry.regex ?? []) this.regexes.push({ re: new RegExp(source, regexFlags), guard, entry });
    }
  }

  find(prepared: PreparedText): LabelledHit<E>[] {
    const hits: LabelledHit<E>[] = [];
    const { text } = prepared;
    for (const h of this.latin.match(prepared.tokens)) {
      for (const p of h.payloads) {
        if (p.contextual && opensSentence(text, h.start)) continue;
        hits.push({ entry: p.entry, start: h.start, end: h.end });
        break;
      }
    }
    if (this.hasCjkForms && hasCjk(text)) {
      const c = prepared.compact;
      for (const h of this.cjk.match(c.text)) {
        const start = c.offsets[h.start] ?? 0;
        hits.push({ entry: h.payloads[0].entry, start, end: (c.offsets[h.end - 1] ?? start) + 1 });
      }
    }
    for (const { re, guard, entry } of this.regexes) {
      if (guard && !guard.test(text)) continue;
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) {
        hits.push({ entry, start: m.index, end: m.index + m[0].length });
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }
}

/** The sentence of text around [start, end), as an excerpt of at most max characters. */
export function sentenceExcerpt(text: string, start: number, end: number, max = 240): string {
  let from = 0;
  const stop = /[.!?。！？]\s|[。！？]/gu;
  let m: RegExpExecArray | null;
  while ((m = stop.exec(text)) !== null && m.index < start) from = m.index + m[0].length;
  stop.lastIndex = end;
  const after = stop.exec(text);
  const to = after ? after.index + 1 : text.length;
  return excerptAround(text.slice(from, to), start - from, end - from, max);
}
