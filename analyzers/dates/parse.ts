// Date-string parsers: fast, regex-based, multilingual (English, German, French and other European
// month names, Chinese 年月日, the ROC/民國 calendar, full-width digits). They return the calendar day
// exactly as written: a timestamp with an offset is never converted to UTC.

/** Earliest publication year we accept (the web before this is not a partner's web presence). */
export const MIN_YEAR = 1995;

export interface ParseOptions {
  /** Page language (BCP-47-ish); decides D/M vs M/D for ambiguous numeric dates and enables ROC numerals. */
  lang?: string | null;
  /** Prefer month-first for ambiguous numeric dates (US style); defaults from lang. */
  monthFirst?: boolean;
  /** Accept ROC numeric dates without a 民國 marker (115/08/12); defaults to lang zh-TW / zh-Hant. */
  roc?: boolean;
}

/** A date found inside a longer text, with where it was found. */
export interface FoundDate {
  date: string;
  index: number;
  raw: string;
  /** What shape it had: "iso", "ymd", "cjk", "roc", "dmy-num", "mdy-num", "dmy-name", "mdy-name". */
  form: string;
}

/** ROC (民國) year → Gregorian year: 民國1年 = 1912. */
export function rocToGregorian(rocYear: number): number {
  return rocYear + 1911;
}

/** Fold full-width digits and punctuation (２０２６／０３／０５) to ASCII; keeps string length stable. */
export function foldWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'YYYY-MM-DD' for a valid day, else null. */
export function makeDay(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Within [MIN_YEAR-01-01, asOf]. */
export function isPlausible(day: string, asOf: string): boolean {
  return day >= `${MIN_YEAR}-01-01` && day <= asOf;
}

// Month names (lower case, accents kept) → month number. Several languages share spellings with the
// same meaning (mai, mars, april); none is ambiguous across the languages listed.
const MONTH_NAMES: Record<string, number> = {};
function addMonths(names: string[][]): void {
  names.forEach((variants, i) => {
    for (const v of variants) MONTH_NAMES[v] = i + 1;
  });
}
// English
addMonths([
  ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
  ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'],
  ['november', 'nov'], ['december', 'dec'],
]);
// German (incl. Austrian Jänner)
addMonths([
  ['januar', 'jänner', 'jaenner'], ['februar', 'feber'], ['märz', 'maerz', 'mär', 'mrz'], [], ['mai'], ['juni'],
  ['juli'], [], [], ['oktober', 'okt'], [], ['dezember', 'dez'],
]);
// French
addMonths([
  ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fév', 'fevr'], ['mars'], ['avril', 'avr'], [], ['juin'],
  ['juillet', 'juil'], ['août', 'aout'], ['septembre'], ['octobre'], ['novembre'], ['décembre', 'decembre', 'déc'],
]);
// Spanish / Portuguese / Italian
addMonths([
  ['enero', 'janeiro', 'gennaio', 'ene'], ['febrero', 'fevereiro', 'febbraio'], ['marzo', 'março', 'marco'],
  ['abril', 'aprile', 'abr'], ['mayo', 'maio', 'maggio'], ['junio', 'junho', 'giugno'],
  ['julio', 'julho', 'luglio'], ['agosto', 'ago'], ['septiembre', 'setiembre', 'setembro', 'settembre', 'set'],
  ['octubre', 'outubro', 'ottobre', 'out'], ['noviembre', 'novembro'], ['diciembre', 'dezembro', 'dicembre', 'dic'],
]);
// Dutch / Scandinavian
addMonths([
  ['januari'], ['februari'], ['maart', 'marts'], [], ['mei', 'maj'], ['juni'], ['juli'], ['augustus', 'augusti'],
  [], ['oktober'], [], [],
]);
// Polish (genitive, as written in dates) / Czech
addMonths([
  ['stycznia', 'ledna'], ['lutego', 'února'], ['marca', 'března'], ['kwietnia', 'dubna'], ['maja', 'května'],
  ['czerwca', 'června'], ['lipca', 'července'], ['sierpnia', 'srpna'], ['września', 'září'],
  ['października', 'října'], ['listopada', 'listopadu'], ['grudnia', 'prosince'],
]);
// Russian / Ukrainian (genitive)
addMonths([
  ['января', 'січня'], ['февраля', 'лютого'], ['марта', 'березня'], ['апреля', 'квітня'], ['мая', 'травня'],
  ['июня', 'червня'], ['июля', 'липня'], ['августа', 'серпня'], ['сентября', 'вересня'],
  ['октября', 'жовтня'], ['ноября', 'листопада'], ['декабря', 'грудня'],
]);

const MONTH_ALT = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');
// A month name as a whole word, optionally abbreviated with a dot.
const MONTH = `(?<![\\p{L}])(${MONTH_ALT})(?![\\p{L}])\\.?`;
const ORD = '(?:\\.|st|nd|rd|th|er|º|°)?';

/** What findDates runs over a text: a global regular expression, or a finder that answers as one would. */
type Finder = Pick<RegExp, 'exec' | 'lastIndex'>;

/** JavaScript's \s (with or without the u flag: it has no astral members). */
const SPACE = /\s/;
const LETTERS_AT_END = /\p{L}+$/u;

/**
 * The matches of `${MONTH}\s*${digits}` as a global regular expression with `flags` finds them, in
 * the same order and with the same groups, for a `digits` expression that starts with a digit. That
 * expression, searched for as it is, tries some 300 month names, case-folded, at every character of
 * a page: it was nine tenths of findDates' time. Here `digits` is searched for instead (a digit is
 * found fast); at each of its matches the month name can only be the run of letters just before it,
 * past an optional dot and spaces, and the whole expression, sticky, decides at that run's start.
 */
export class MonthThenDigitsFinder implements Finder {
  lastIndex = 0;
  readonly #digits: RegExp;
  readonly #whole: RegExp;

  constructor(wholeSource: string, digitsSource: string, flags: string) {
    this.#digits = new RegExp(digitsSource, `${flags}g`);
    this.#whole = new RegExp(wholeSource, `${flags}y`);
  }

  exec(text: string): RegExpExecArray | null {
    const from = this.lastIndex;
    const digits = this.#digits;
    digits.lastIndex = from;
    for (let d = digits.exec(text); d !== null; d = digits.exec(text)) {
      const start = monthStartBefore(text, d.index);
      // A match starts at or after where the search did, as a global expression's would.
      if (start >= from) {
        this.#whole.lastIndex = start;
        const m = this.#whole.exec(text);
        if (m) {
          this.lastIndex = this.#whole.lastIndex;
          return m;
        }
      }
      // Every later digit is a candidate, even one inside this match of `digits`.
      digits.lastIndex = d.index + 1;
    }
    this.lastIndex = 0;
    return null;
  }
}

/** Where a month name ending just before `at` (then an optional dot and white space) would start; -1 when no letter is there. */
function monthStartBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && SPACE.test(text[i - 1]!)) i--;
  if (i > 0 && text.charCodeAt(i - 1) === 46) i--;
  // Month names are at most 12 letters: a longer run is no name, and the sticky expression says so.
  const run = LETTERS_AT_END.exec(text.slice(Math.max(0, i - 40), i));
  return run ? i - run[0].length : -1;
}

/** A day and a year after a month name: "5, 2026", "5th 2026" (exported, as MONTH_DAY_YEAR, for the test). */
export const DAY_YEAR = `(\\d{1,2})${ORD},?\\s+(\\d{4})(?!\\d)`;
/** "March 5, 2026", "Mar. 5th 2026", "Mai 17, 2024". */
export const MONTH_DAY_YEAR = `${MONTH}\\s*${DAY_YEAR}`;

// The patterns, tried together on a text. Each has a form name and a reader from the match groups.
interface Pattern {
  form: string;
  re: Finder;
  read: (m: RegExpExecArray, o: ResolvedOptions) => string | null;
}
interface ResolvedOptions {
  monthFirst: boolean;
  roc: boolean;
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** Chinese numerals up to 999 (一百一十五, 十二, 廿 not needed) → number; ASCII digits pass through. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '元') return 1;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch]!;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return NaN;
  }
  return total + current;
}

const monthOf = (name: string): number => MONTH_NAMES[name.toLowerCase()] ?? NaN;
const CN_NUM = '[\\d〇零一二三四五六七八九十百]{1,5}';

// A numeric date separator (group 2), with up to two spaces either side; the second separator must be
// the same character. Spaces are counted after foldWidth, so ideographic spaces count too.
const SEP = '[ \\u00a0]{0,2}([-\\/.])[ \\u00a0]{0,2}';
const SAME_SEP = '[ \\u00a0]{0,2}\\2[ \\u00a0]{0,2}';

const PATTERNS: Pattern[] = [
  {
    // 民國115年8月12日, 中華民國一百一十五年八月十二日, 民國元年
    form: 'roc',
    re: new RegExp(`(?:中華)?民國\\s*(${CN_NUM}|元)\\s*年\\s*(${CN_NUM})\\s*月\\s*(${CN_NUM})\\s*[日號号]?`, 'gu'),
    read: (m) => makeDay(rocToGregorian(chineseNumber(m[1]!)), chineseNumber(m[2]!), chineseNumber(m[3]!)),
  },
  {
    // 2026年3月5日, 2026 年 03 月 05 日
    form: 'cjk',
    re: /(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]?/gu,
    read: (m) => makeDay(+m[1]!, +m[2]!, +m[3]!),
  },
  {
    // 115年8月12日 (a 2–3 digit year with 年月日 is the ROC calendar)
    form: 'roc',
    re: /(?<![\d民國])(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]/gu,
    read: (m) => makeDay(rocToGregorian(+m[1]!), +m[2]!, +m[3]!),
  },
  {
    // 2026-03-05, 2026-03-05T23:30:00-08:00 (day as written), 2026/3/5, 2026.03.05, and the same with
    // spaces around the separators (2026 / 03 / 05), which Taiwanese CMS templates write after a label
    form: 'ymd',
    re: new RegExp(`(?<![\\d.\\/-])(\\d{4})${SEP}(\\d{1,2})${SAME_SEP}(\\d{1,2})(?!\\d)`, 'g'),
    read: (m) => makeDay(+m[1]!, +m[3]!, +m[4]!),
  },
  {
    // 115/08/12, 115.08.12, 115-8-12, 115 / 08 / 12 on zh-TW pages
    form: 'roc',
    re: new RegExp(`(?<![\\d.\\/-])(\\d{2,3})${SEP}(\\d{1,2})${SAME_SEP}(\\d{1,2})(?![\\d.\\/-]?\\d)`, 'g'),
    read: (m, o) => (o.roc && +m[1]! >= 84 ? makeDay(rocToGregorian(+m[1]!), +m[3]!, +m[4]!) : null),
  },
  {
    // 17.05.2024, 17/05/2024, 05/17/2024, 17-05-2024
    form: 'num',
    re: /(?<![\d.\/-])(\d{1,2})\s?([.\/-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d])/g,
    read: (m, o) => {
      const a = +m[1]!;
      const b = +m[3]!;
      const y = +m[4]!;
      // Dots are day-first everywhere; slashes and dashes follow the page's convention unless impossible.
      if (m[2] === '.' || a > 12) return makeDay(y, b, a);
      if (b > 12) return makeDay(y, a, b);
      return o.monthFirst ? makeDay(y, a, b) : makeDay(y, b, a);
    },
  },
  {
    // 17.05.24: two-digit years only with dots and two-digit day and month (German short form).
    form: 'dmy-short',
    re: /(?<![\d.\/-])(\d{2})\.(\d{2})\.(\d{2})(?![\d]|\.\d)/g,
    read: (m) => makeDay((+m[3]! > 69 ? 1900 : 2000) + +m[3]!, +m[2]!, +m[1]!),
  },
  {
    // 17. Mai 2024, 5 March 2026, 1er mars 2024, 17 de mayo de 2024, 5. 3. 2024 is handled above
    form: 'dmy-name',
    re: new RegExp(`(?<!\\d)(\\d{1,2})${ORD}\\s*(?:de\\s+|of\\s+)?${MONTH},?\\s*(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`, 'giu'),
    read: (m) => makeDay(+m[3]!, monthOf(m[2]!), +m[1]!),
  },
  {
    // March 5, 2026, Mar. 5th 2026, Mai 17, 2024
    form: 'mdy-name',
    re: new MonthThenDigitsFinder(MONTH_DAY_YEAR, DAY_YEAR, 'iu'),
    read: (m) => makeDay(+m[3]!, monthOf(m[1]!), +m[2]!),
  },
  {
    // 2024 March 5, 2024. május 17. (year first with month name: Hungarian, some Asian English)
    form: 'ymd-name',
    re: new RegExp(`(?<!\\d)(\\d{4})\\.?,?\\s+${MONTH}\\s+(\\d{1,2})(?!\\d)`, 'giu'),
    read: (m) => makeDay(+m[1]!, monthOf(m[2]!), +m[3]!),
  },
];

function resolveOptions(opts: ParseOptions | undefined): ResolvedOptions {
  const lang = (opts?.lang ?? '').toLowerCase();
  return {
    monthFirst: opts?.monthFirst ?? /^en(-us)?$|^en-(ph|ca)$/.test(lang),
    roc: opts?.roc ?? /^zh-(tw|hant)/.test(lang),
  };
}

/**
 * Every date written in `text`, in text order (overlapping matches keep the earliest-starting and
 * the most specific form). Dates are validated as calendar days but not against a time window.
 */
export function findDates(text: string, opts?: ParseOptions): FoundDate[] {
  const o = resolveOptions(opts);
  const folded = foldWidth(text);
  const found: FoundDate[] = [];
  // Characters already inside an accepted match: earlier (more specific) patterns win overlaps.
  const taken = new Uint8Array(folded.length);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(folded)) !== null) {
      const date = p.read(m, o);
      if (!date) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      taken.fill(1, start, end);
      found.push({ date, index: start, raw: text.slice(start, end).trim(), form: p.form });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const MONTH_YEAR = new RegExp(
  `(?:中華)?民國\\s*(\\d{2,3})\\s*年\\s*(\\d{1,2})\\s*月(?!\\s*\\d)|(?<!\\d)(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月(?!\\s*\\d)|${MONTH},?\\s+(\\d{4})(?!\\d)`,
  'iu',
);

/** The first month-and-year without a day ("March 2026", "2026年3月", "民國115年3月"), e.g. on a PDF cover. */
export function findMonthYear(text: string): { year: number; month: number; raw: string } | null {
  const m = MONTH_YEAR.exec(foldWidth(text));
  if (!m) return null;
  const [year, month] = m[1]
    ? [rocToGregorian(+m[1]), +m[2]!]
    : m[3]
      ? [+m[3], +m[4]!]
      : [+m[6]!, monthOf(m[5]!)];
  return month >= 1 && month <= 12 ? { year, month, raw: m[0].trim() } : null;
}

/**
 * Parse a machine-readable or short human date string ("2026-01-15T23:30:00-08:00", "20260305",
 * "Tue, 05 Mar 2026 10:00:00 GMT", "5 Mar 2026", "民國115年8月12日") → 'YYYY-MM-DD' as written, or null.
 */
export function parseDateString(raw: string, opts?: ParseOptions): string | null {
  const s = foldWidth(raw).trim();
  if (!s) return null;
  // Compact forms: 20260305, 20260305T120000Z, D:20260305120000 (PDF).
  const compact = /^(?:D:)?(\d{4})(\d{2})(\d{2})(?:T?\d{0,6}.*)?$/.exec(s);
  if (compact) return makeDay(+compact[1]!, +compact[2]!, +compact[3]!);
  const first = findDates(s, opts)[0];
  return first ? first.date : null;
}

/** A date in a URL path: /2024/05/17/, /2024-05-17-slug, /20240517/ (full day only). */
export function urlDate(url: string): { date: string; raw: string } | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const sep = /(?<![\d])((?:19|20)\d{2})[\/_-](\d{1,2})[\/_-](\d{1,2})(?![\d])/.exec(path);
  if (sep) {
    const d = makeDay(+sep[1]!, +sep[2]!, +sep[3]!);
    if (d) return { date: d, raw: sep[0] };
  }
  // 8 digits standing alone in a path segment (20240517), not part of a longer id.
  const compact = /(?<![\d])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d])/.exec(path);
  if (compact) {
    const d = makeDay(+compact[1]!, +compact[2]!, +compact[3]!);
    if (d) return { date: d, raw: compact[0] };
  }
  return null;
}

/** Year and month in a URL path (/2024/05/slug): month granularity only. */
export function urlMonth(url: string): { year: number; month: number; raw: string } | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /\/((?:19|20)\d{2})[\/_-](0?[1-9]|1[0-2])(?:\/|$|[_-](?!\d))/.exec(path);
  return m ? { year: +m[1]!, month: +m[2]!, raw: m[0] } : null;
}
