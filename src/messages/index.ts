// Words are made here and only here: every phrase a report shows (and the English prose fields the
// JSON report keeps for one more version) is a message of a catalog, keyed by id, with named
// placeholders filled from structured values at render time. Adding a language is adding a catalog.
//
// Template syntax: "{name}" inserts a value (a number as the language writes it, through Intl: 1,234);
// "{name:fixed1}", "{name:fixed2}" a number with one or two decimals, "{name:percent}" a 0..1 share as a
// whole percentage, "{name:id}" a number that names something (a run, a port) as it is,
// "{name:semicolons}" a list joined by "; ", "{name:date}" a YYYY-MM-DD day as the language writes
// dates ("{name:date-roc}" with the ROC year, "{name:datetime}" an instant to the minute). A message
// may instead be { one, other } (Intl plural rules on values.count), or a function of its values for
// the few phrases whose wording depends on a value (pluralForm and ordinalForm give such a function
// Intl's choice of word).

import { en, type MessageId } from './en.ts';
import { zhTW } from './zh-TW.ts';

export type { MessageId };

/** The languages reports and the service speak: English, and Traditional Chinese as written in Taiwan. */
export const LANGS = ['en', 'zh-TW'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** A value a message can be filled with: text and numbers, lists, other messages, and typed values. */
export type MessageValue = string | number | boolean | null | MessageRef | TypedValue | readonly MessageValue[];
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** A phrase not yet worded: which message, with which values. */
export interface MessageRef {
  readonly id: string;
  readonly values?: MessageValues;
}

/** A message of the catalog. */
export interface Message extends MessageRef {
  readonly id: MessageId;
}

/** A date with where it was read (analyzers/dates.ts): the rule that won and how sure it is. */
export interface DateFactValue {
  readonly type: 'date-fact';
  readonly date: string;
  readonly source: string;
  readonly rule: string;
  /** Below the confidence the checks trust (a month-only URL, the nearest date in the text). */
  readonly inferred: boolean;
}

/** A calendar day (YYYY-MM-DD) the tool worked out (a window's end): written as the reader's language writes dates. */
export interface DateValue {
  readonly type: 'date';
  readonly date: string;
}

/** A page's retail reading: its boilerplate-free score against the threshold, and the terms behind it. */
export interface RetailValue {
  readonly type: 'retail';
  readonly score: number;
  readonly threshold: number;
  readonly terms: readonly string[];
}

/** Why something was decided: a rule id and the values it found (reasons.<rule> words it). */
export interface Reason {
  readonly rule: string;
  readonly values?: MessageValues;
}

export interface ReasonsValue {
  readonly type: 'reasons';
  readonly reasons: readonly Reason[];
}

/** Which elements (of a case study, of a practice page) are present, each with its excerpt or reading. */
export interface ElementsValue {
  readonly type: 'elements';
  /** element.<set>.<id> names each element. */
  readonly set: 'case-study' | 'practice';
  readonly elements: readonly { readonly id: string; readonly present: boolean; readonly excerpt?: string | null; readonly reason?: Reason }[];
}

/** An id of a closed vocabulary (a page kind, a delivery model, a file format) that label.<vocabulary>.<id> words. */
export interface LabelValue {
  readonly type: 'label';
  readonly vocabulary: 'kind' | 'delivery' | 'format' | 'retail-verdict' | 'window' | 'area' | 'industry' | 'blocked-by' | 'budget' | 'stopped-by';
  readonly id: string;
}

export interface UrlValue {
  readonly type: 'url';
  readonly url: string;
}

/** How a page is reached from the homepage: its click path, or how it was found instead. */
export interface ClickPathValue {
  readonly type: 'click-path';
  readonly path: readonly string[] | null;
  readonly foundVia: string;
}

/** Text quoted from the site (a customer's name, an anchor text): shown as is, never translated. */
export interface TextValue {
  readonly type: 'text';
  readonly text: string;
}

export type TypedValue = DateValue | DateFactValue | RetailValue | ReasonsValue | ElementsValue | LabelValue | UrlValue | ClickPathValue | TextValue;

export type Template = string | { readonly one: string; readonly other: string } | ((values: MessageValues, lang: Lang) => string);


/** Looked up when used: en.ts imports this module's value helpers. */
function catalog(lang: Lang): Readonly<Record<MessageId, Template>> {
  switch (lang) {
    case 'en': return en;
    case 'zh-TW': return zhTW;
  }
}

/** Whether the catalog has a message (for ids built from data: a date rule, a vocabulary id). */
export function hasMessage(lang: Lang, id: string): id is MessageId {
  return Object.hasOwn(catalog(lang), id);
}

export function message(id: MessageId, values?: MessageValues): Message {
  return values ? { id, values } : { id };
}

export function isMessage(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as MessageRef).id === 'string'
    && !('type' in value);
}

/** The words of a message in a language. */
export function t(lang: Lang, id: MessageId, values: MessageValues = {}): string {
  const template = catalog(lang)[id];
  if (template === undefined) throw new Error(`no message "${id}" in the ${lang} catalog`);
  if (typeof template === 'function') return template(values, lang);
  const text = typeof template === 'string' ? template
    : pluralForm(lang, values.count) === 'one' ? template.one : template.other;
  return text.replace(/\{(\w+)(?::(\w+))?\}/g, (_, name: string, format?: string) => {
    if (!(name in values)) throw new Error(`message "${id}" needs a value for {${name}}`);
    return formatValue(lang, values[name]!, format);
  });
}

/** The words of a message whose id is built from data (a catalog's own helpers use it: no id type to depend on). */
export function messageText(lang: Lang, id: string, values?: MessageValues): string {
  return t(lang, id as MessageId, values);
}

/** A message in words. */
export function phrase(lang: Lang, m: MessageRef): string {
  return t(lang, m.id as MessageId, m.values);
}

/** Any message value in words: the text renderer of every value type. */
export function formatValue(lang: Lang, value: MessageValue, format?: string): string {
  if (value === null) return '';
  if (format === 'date' || format === 'date-roc') return typeof value === 'string' ? formatDate(lang, value, format === 'date-roc') : formatValue(lang, value);
  if (format === 'datetime') return typeof value === 'string' ? formatDateTime(lang, value) : formatValue(lang, value);
  if (typeof value === 'number') {
    // An identifier (a run number, a port) is written as it is: 42635, never 42,635.
    if (format === 'id') return String(value);
    if (format === 'percent') return numberFormat(lang, 'percent').format(value);
    // Rounded as JavaScript's toFixed rounds (0.985 is 0.98499… in binary), so every language shows the same digits.
    if (format === 'fixed1') return numberFormat(lang, format).format(Number(value.toFixed(1)));
    if (format === 'fixed2') return numberFormat(lang, format).format(Number(value.toFixed(2)));
    return numberFormat(lang, 'plain').format(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return t(lang, value ? 'value.yes' : 'value.no');
  if (Array.isArray(value)) {
    const parts = value.map((v) => formatValue(lang, v));
    return parts.join(t(lang, format === 'semicolons' ? 'list.separator.semicolons' : 'list.separator'));
  }
  if (isMessage(value)) return phrase(lang, value);
  const typed = value as TypedValue;
  switch (typed.type) {
    case 'date': return formatDate(lang, typed.date);
    case 'date-fact': return t(lang, typed.inferred ? 'value.date-fact.inferred' : 'value.date-fact', {
      date: formatDate(lang, typed.date), source: dateSourceText(lang, typed.source, typed.rule),
    });
    case 'retail': return typed.terms.length
      ? t(lang, 'value.retail.terms', { score: typed.score, threshold: typed.threshold, terms: typed.terms.slice(0, 5).map((term) => ({ type: 'text', text: term })) })
      : t(lang, 'value.retail', { score: typed.score, threshold: typed.threshold });
    case 'reasons': return typed.reasons.map((r) => reasonText(lang, r)).join('; ');
    case 'elements': return typed.elements.map((e) => t(lang, `element.${typed.set}.${e.id}` as MessageId)).join(t(lang, 'list.separator'));
    case 'label': return t(lang, `label.${typed.vocabulary}.${typed.id}` as MessageId);
    case 'url': return typed.url;
    case 'click-path': return typed.path
      ? t(lang, 'value.click-path', { count: typed.path.length - 1 })
      : t(lang, typed.foundVia === 'sitemap' ? 'value.click-path.sitemap-only' : 'value.click-path.none');
    case 'text': return t(lang, 'value.quoted', { text: typed.text });
  }
}

const NUMBER_OPTIONS = {
  plain: { maximumFractionDigits: 3 },
  fixed1: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  fixed2: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  percent: { style: 'percent', maximumFractionDigits: 0 },
} as const satisfies Record<string, Intl.NumberFormatOptions>;

// Made once per language and style: a report formats thousands of values, and building an Intl
// formatter costs far more than using one.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, style: keyof typeof NUMBER_OPTIONS): Intl.NumberFormat {
  const key = `${lang} ${style}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, format = new Intl.NumberFormat(lang, NUMBER_OPTIONS[style]));
  return format;
}

const pluralRules = new Map<string, Intl.PluralRules>();
function rules(lang: Lang, type: Intl.PluralRuleType): Intl.PluralRules {
  const key = `${lang} ${type}`;
  let made = pluralRules.get(key);
  if (!made) pluralRules.set(key, made = new Intl.PluralRules(lang, { type }));
  return made;
}

/** The plural category of a count in a language ("one" for 1 page in English, "other" for 0, 2 or 1.5). */
export function pluralForm(lang: Lang, count: MessageValue | undefined): Intl.LDMLPluralRule {
  return rules(lang, 'cardinal').select(Number(count));
}

/** The ordinal category of a rank in a language (English: "one" 21st, "two" 22nd, "few" 23rd, "other" 24th). */
export function ordinalForm(lang: Lang, rank: MessageValue | undefined): Intl.LDMLPluralRule {
  return rules(lang, 'ordinal').select(Number(rank));
}

/** A reason in words: the message reason.<rule> with its values. */
export function reasonText(lang: Lang, reason: Reason): string {
  return t(lang, `reason.${reason.rule}` as MessageId, reason.values);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day (YYYY-MM-DD) as its readers write it: ISO in English (what program managers and
 * scripts compare), 2026年11月29日 in Traditional Chinese, with the ROC year beside it when asked
 * (民國115年). Anything that is not a calendar day is shown as it is.
 */
export function formatDate(lang: Lang, date: string, withRocYear = false): string {
  const m = DAY.exec(date);
  if (!m || lang === 'en') return date;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(day.getTime())) return date;
  const written = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(day);
  if (!withRocYear || day.getUTCFullYear() <= 1911) return written;
  const roc = new Intl.DateTimeFormat(`${lang}-u-ca-roc`, { era: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);
  return t(lang, 'value.date.roc', { date: written, roc });
}

/**
 * An instant (ISO 8601, as the tool stamps files) to the minute in UTC, its day written as the language
 * writes days: 2026-12-05 02:52 UTC, 2026年12月5日 02:52（UTC）. Anything else is shown as it is.
 */
export function formatDateTime(lang: Lang, instant: string): string {
  const at = new Date(instant);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(instant) || Number.isNaN(at.getTime())) return instant;
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(at);
  return t(lang, 'value.datetime', { date: formatDate(lang, at.toISOString().slice(0, 10)), time });
}

/**
 * Where a date was read, in words: the rule's own words when the catalog has them (date-rule.<rule>),
 * else the source's, naming the page's metadata property (article:published_time) for metadata rules.
 */
export function dateSourceText(lang: Lang, source: string, rule: string): string {
  const ruleId = `date-rule.${rule}`;
  if (hasMessage(lang, ruleId)) return t(lang, ruleId);
  const sourceId = `label.date-source.${source}`;
  const words = hasMessage(lang, sourceId) ? t(lang, sourceId) : source;
  const property = metadataProperty(source, rule);
  return property ? t(lang, 'value.date-source.property', { source: words, property }) : words;
}

/** The page's own property a metadata rule read ("json-ld:BlogPosting.datePublished" → BlogPosting.datePublished), else null. */
export function metadataProperty(source: string, rule: string): string | null {
  if (source !== 'json-ld' && source !== 'meta') return null;
  const colon = rule.indexOf(':');
  return colon >= 0 && colon < rule.length - 1 ? rule.slice(colon + 1) : null;
}

/**
 * Something that went wrong, as data: its kind (a stable id; problem.<kind> words it) and the values it
 * names. Stored and sent as data; worded only when shown, in the reader's language.
 */
export interface Problem {
  readonly kind: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** A problem in words. */
export function problemText(lang: Lang, problem: Problem): string {
  return t(lang, `problem.${problem.kind}` as MessageId, problem.values);
}

/** Whether a value (an error, a stored object) carries a problem's kind and values. */
export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).kind === 'string'
    && hasMessage('en', `problem.${(value as Problem).kind}`);
}

/** The problem's data alone (kind and values), as stored and sent: not the error object around it. */
export function problemData(problem: Problem): Problem {
  return problem.values ? { kind: problem.kind, values: problem.values } : { kind: problem.kind };
}

/** An error that is a problem: its message is the English words (for logs and scripts), its kind and values the data. */
export class ProblemError extends RangeError {
  readonly kind: string;
  readonly values?: Readonly<Record<string, string | number>>;
  constructor(kind: string, values?: Readonly<Record<string, string | number>>) {
    super(problemText('en', { kind, values }));
    this.name = 'ProblemError';
    this.kind = kind;
    if (values) this.values = values;
  }
}

/**
 * Why a connection failed, from the system's error code (crawlers/fetch.ts names them): the class's
 * words in the language, or the fetcher's own English words for a failure no class covers.
 */
export function networkCauseText(lang: Lang, code: MessageValue | undefined, detail: MessageValue | undefined): string {
  const c = typeof code === 'string' ? code : '';
  const cause = c === 'ECONNREFUSED' ? 'refused' : c === 'ENOTFOUND' ? 'dns' : c === 'EAI_AGAIN' ? 'dns-temporary'
    : /^(?:ECONNRESET|EPIPE|ECONNABORTED)$/.test(c) ? 'reset' : /^(?:EHOSTUNREACH|ENETUNREACH)$/.test(c) ? 'host-unreachable'
      : /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(c) ? 'tls' : null;
  if (cause) return t(lang, `network.${cause}` as MessageId, { code: c });
  // A timeout's words name the fetcher's limit: "timed out after 20 s".
  const seconds = c === 'ETIMEDOUT' && typeof detail === 'string' ? /after ([\d.]+) s$/.exec(detail)?.[1] : undefined;
  if (seconds !== undefined) return t(lang, 'network.timeout', { seconds: Number(seconds) });
  return formatValue(lang, detail ?? c);
}

/** A stored problem in words: its kind's, or (a row stored before problems had kinds) the English `text` stored with it. */
export function storedProblemText(lang: Lang, problem: unknown, text: string): string {
  return isProblem(problem) ? problemText(lang, problem) : text;
}
