// Page language: the declared tag when the text agrees with it, else what the script says.
// Many Taiwanese sites ship a template's lang="en" (or a bare "zh") over Chinese text, so a declared
// tag is checked against the letters actually on the page.

import { countScripts } from './text.ts';

// Frequent characters that exist in only one of the two Chinese orthographies. Characters shared by
// both (台, 后, 于, 划, 云 …) are left out on purpose.
const TRADITIONAL_ONLY = new Set(
  '們個這來時會國學對發過還開關門問題經與點無機電種實現體應業當長東車書見親語讀買賣區歷專導資務際產術總雲數據網頁為從處灣臺說動護級統計萬樣氣價單購貨庫營銷員檔頻雜顧優習權線視號類適選擇變擁遷轉執規場讓認識維運團隊環節夠圖傳義戶訊護邊'.split(''),
);
const SIMPLIFIED_ONLY = new Set(
  '们个这来时会国学对发过还开关门问题经与点无机电种实现体应业当长东车书见亲语读买卖区历专导资务际产总数网页为从处湾说动护级统计万样气价单购货库营销员档频杂顾优习权线视号类适选择变拥迁转执规场让认识维运团队环节够图传义户讯边'.split(''),
);

// Short function words that tell Latin-script languages apart well enough on a page of text.
export const LATIN_STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'for', 'with', 'that', 'our', 'we', 'you', 'are', 'on'],
  de: ['der', 'die', 'und', 'das', 'ist', 'mit', 'für', 'nicht', 'wir', 'sie', 'ein', 'eine'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'pour', 'une', 'dans', 'nous', 'vous', 'avec'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'para', 'una', 'con', 'por', 'nuestro', 'que'],
  pt: ['o', 'os', 'e', 'é', 'para', 'uma', 'com', 'não', 'nosso', 'que', 'em', 'do'],
  id: ['dan', 'yang', 'untuk', 'dengan', 'ini', 'itu', 'kami', 'anda', 'dari', 'pada'],
};

/**
 * Normalizes a language tag to the project's BCP-47-ish form: "zh_tw" → "zh-TW",
 * "zh-Hant(-TW)" → "zh-TW", "zh-Hans(-CN)" → "zh-CN", "EN-us" → "en-US". Null when unusable.
 */
export function normalizeLangTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const first = tag.split(',')[0]!.trim().replace(/_/g, '-');
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(first)) return null;
  const parts = first.split('-');
  const lang = parts[0]!.toLowerCase();
  let script: string | null = null;
  let region: string | null = null;
  for (const p of parts.slice(1)) {
    if (p.length === 4 && !script) script = p[0]!.toUpperCase() + p.slice(1).toLowerCase();
    else if ((p.length === 2 || /^\d{3}$/.test(p)) && !region) region = p.toUpperCase();
  }
  if (lang === 'zh') {
    if (region) return `zh-${region}`;
    if (script === 'Hant') return 'zh-TW';
    if (script === 'Hans') return 'zh-CN';
    return 'zh';
  }
  return region ? `${lang}-${region}` : lang;
}

/** Chinese orthography of a text: "zh-TW" (Traditional), "zh-CN" (Simplified) or "zh" (undecided). */
export function chineseVariant(text: string): 'zh-TW' | 'zh-CN' | 'zh' {
  let trad = 0;
  let simp = 0;
  const sample = text.length > 6_000 ? text.slice(0, 6_000) : text;
  for (const ch of sample) {
    if (TRADITIONAL_ONLY.has(ch)) trad++;
    else if (SIMPLIFIED_ONLY.has(ch)) simp++;
  }
  if (trad > simp * 2 && trad >= 2) return 'zh-TW';
  if (simp > trad * 2 && simp >= 2) return 'zh-CN';
  return 'zh';
}

/**
 * Language from the letters alone; null when the text is too short or undecidable. `scriptOnly`: a
 * Latin-script text is not told apart further (null), for a caller to whom only the writing system
 * matters.
 */
export function detectLangFromText(text: string, scriptOnly = false): string | null {
  const c = countScripts(text);
  if (c.total < 20) return null;
  // Japanese mixes kana into Han; any real share of kana means Japanese, not Chinese.
  if (c.kana >= 5 && c.kana >= (c.han + c.kana) * 0.1) return 'ja';
  if (c.hangul > c.total * 0.3) return 'ko';
  if (c.han > c.total * 0.2) return chineseVariant(text);
  if (c.thai > c.total * 0.3) return 'th';
  if (c.cyrillic > c.total * 0.3) return 'ru';
  if (c.arabic > c.total * 0.3) return 'ar';
  if (c.latin > c.total * 0.5) return scriptOnly ? null : latinLanguage(text);
  return null;
}

const LETTER = /^\p{L}$/u;
/** The languages of LATIN_STOPWORDS in the table's order (a tie goes to the one listed first). */
const STOPWORD_LANG_NAMES = Object.keys(LATIN_STOPWORDS);
/**
 * Stop words by length and first character (length × 0x10000 + UTF-16 code), each with the indexes of
 * its languages: a run of letters is looked up where it stands, without making a string of it.
 */
const STOPWORDS_BY_SHAPE = new Map<number, { word: string; langs: number[] }[]>();
for (const [index, lang] of STOPWORD_LANG_NAMES.entries()) {
  for (const word of LATIN_STOPWORDS[lang]!) {
    const shape = word.length * 0x10000 + word.charCodeAt(0);
    let list = STOPWORDS_BY_SHAPE.get(shape);
    if (!list) STOPWORDS_BY_SHAPE.set(shape, (list = []));
    const known = list.find((s) => s.word === word);
    if (known) known.langs.push(index);
    else list.push({ word, langs: [index] });
  }
}
const LONGEST_STOPWORD = Math.max(...Object.values(LATIN_STOPWORDS).flat().map((w) => w.length));

/** Per character of the Basic Multilingual Plane: 0 not yet asked, 1 a letter (\p{L}), 2 not. */
const bmpLetter = new Uint8Array(0x10000);
/** Whether a code point is a letter (\p{L}), as a Unicode regular expression reads it. */
function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  if (code > 0xffff) return LETTER.test(String.fromCodePoint(code));
  if (bmpLetter[code] === 0) bmpLetter[code] = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return bmpLetter[code] === 1;
}

// One walk over the sample's code points: each run of letters is a word (as /\p{L}+/gu reads them),
// and a word is a stop word when the whole run is one. Two regular expressions over the sample, one
// of them an alternation of every stop word tried at every character, cost several times more.
function latinLanguage(text: string): string | null {
  const sample = (text.length > 6_000 ? text.slice(0, 6_000) : text).toLowerCase();
  let words = 0;
  const hits = new Array<number>(STOPWORD_LANG_NAMES.length).fill(0);
  let runStart = -1;
  for (let i = 0; i <= sample.length; ) {
    let code = i < sample.length ? sample.charCodeAt(i) : -1;
    // A high surrogate followed by a low one is one code point beyond the BMP.
    if (code >= 0xd800 && code <= 0xdbff) code = sample.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (code >= 0 && isLetter(code)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      words++;
      const length = i - runStart;
      if (length <= LONGEST_STOPWORD) {
        const candidates = STOPWORDS_BY_SHAPE.get(length * 0x10000 + sample.charCodeAt(runStart));
        if (candidates) {
          for (const { word, langs } of candidates) {
            if (!sample.startsWith(word, runStart)) continue;
            for (const lang of langs) hits[lang]!++;
            break;
          }
        }
      }
      runStart = -1;
    }
    i += width;
  }
  if (words < 8) return null;
  let best: string | null = null;
  let bestHits = 0;
  for (const [index, lang] of STOPWORD_LANG_NAMES.entries()) {
    if (hits[index]! > bestHits) {
      best = lang;
      bestHits = hits[index]!;
    }
  }
  return bestHits >= Math.max(3, words * 0.05) ? best : null;
}

/**
 * The page language: a declared tag (html lang, Content-Language) is kept when the text does not
 * contradict it; a declared "zh" without region is refined by orthography; a declared Latin-script
 * language over mostly-Han text (a template default) gives way to the text.
 */
export function resolveLang(declared: (string | null | undefined)[], text: string, url?: string): string | null {
  const lang = declaredOrDetected(declared, text);
  // Chinese the orthography could not place: a Taiwanese host or a /zh-tw/ path decides.
  if (lang === 'zh' && url && TAIWAN_URL.test(url)) return 'zh-TW';
  return lang;
}

const TAIWAN_URL = /^https?:\/\/[^/]+\.tw(?::\d+)?(?:\/|$)|\/(?:tw|zh-tw|zh_tw|zh-hant|tc)(?:\/|$)/i;

function declaredOrDetected(declared: (string | null | undefined)[], text: string): string | null {
  const tag = declared.map(normalizeLangTag).find((t): t is string => t !== null) ?? null;
  const tagBase = tag?.split('-')[0];
  const cjk = ['zh', 'ja', 'ko'];
  // Under a declared language of another writing system than Chinese, Japanese or Korean, only such
  // a text overrides it (below): which Latin-script language the text reads as is not worked out.
  const detected = detectLangFromText(text, tag !== null && !cjk.includes(tagBase!));
  if (!tag) return detected;
  if (!detected) return tag;
  const detectedBase = detected.split('-')[0];
  // Chinese: the orthography on the page beats a template's region (zh-CN over Traditional text);
  // Hong Kong and Macau tags are kept, their Traditional text says nothing against them.
  if (tagBase === 'zh' && detectedBase === 'zh') return detected !== 'zh' && ['zh', 'zh-CN', 'zh-TW', 'zh-SG'].includes(tag) ? detected : tag;
  // Only a change of writing system overrides a declaration: "en" vs "de" guesses are too weak.
  if (cjk.includes(detectedBase!) !== cjk.includes(tagBase!) || (cjk.includes(tagBase!) && tagBase !== detectedBase)) {
    return detected;
  }
  return tag;
}
