// Publish and modified dates of one page, metascraper-style: an ordered list of small rules,
// structured data first and visible text last, each yielding at most one plausible day (between
// 1995-01-01 and the audit date) with the rule's name. Unlike metascraper, the first rule does not
// simply win: each rule casts a vote weighted by how reliable it is, and the day with the most weight
// wins (ties go to the earlier rule). So a JSON-LD date stamped in UTC that the URL, the byline and the
// <time> element all contradict loses, while a lone JSON-LD date still wins over nothing.
// The original publication date is preferred; the last-modified date is reported separately and
// never used as the publish date. Days are kept as written (no UTC shift).

import type { CheerioAPI } from 'cheerio';
import type { DateFact, DateSource, PageDates } from './types.ts';
import { findDates, findMonthYear, foldWidth, isPlausible, makeDay, parseDateString, urlDate, urlMonth, type FoundDate, type ParseOptions } from './dates/parse.ts';
import { scanDocument, type DatedElement, type Scan } from './dates/scan.ts';
import { readJsonLd, type JsonLd } from './json-ld.ts';

export { parseDateString, rocToGregorian } from './dates/parse.ts';

interface Context {
  scan: Scan;
  url: string;
  asOf: string;
  parse: ParseOptions;
  /** Year-month from the URL path, when it has one: a tie-breaker for text dates. */
  urlMonth: string | null;
  /** Plausible dates in the page text, read once on first use. */
  textDates?: FoundDate[];
  /** The page's JSON-LD when the caller has read it already (analyzePage: the content extractor has). */
  jsonLd?: JsonLd;
  /** JSON-LD dates, read once on first use. */
  ld?: LdDates;
  /** Dates right after a "published" label, read once on first use. */
  labelled?: LabelledDate[];
}

type Rule = (ctx: Context) => DateFact | null;

interface LabelledDate {
  found: FoundDate;
  label: string;
  /** The label heads its line (or a "|"-separated field of it), as a byline or info box writes it; not a word in a sentence. */
  heading: boolean;
}

const fact = (date: string, source: DateSource, rule: string, confidence: number, raw: string): DateFact => ({
  date,
  source,
  rule,
  confidence,
  raw: raw.trim().slice(0, 80),
});

/** Parse a machine value and keep it only when it is a plausible day. */
function plausible(ctx: Context, raw: string | null | undefined): string | null {
  if (!raw) return null;
  const d = parseDateString(raw, ctx.parse);
  return d && isPlausible(d, ctx.asOf) ? d : null;
}

// ---------------------------------------------------------------- JSON-LD

interface LdNode {
  types: string[];
  obj: Record<string, unknown>;
}

// Only these keys lead to the page's own entities (a top-level @graph is flattened already); others
// (comment, review, itemListElement, author, publisher, isPartOf, hasPart …) hold other things with their own dates.
const LD_DESCEND = new Set(['@graph', 'mainEntity', 'mainentity']);

function collectLd(value: unknown, out: LdNode[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectLd(v, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  const t = obj['@type'];
  const types = (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
  out.push({ types, obj });
  for (const key of Object.keys(obj)) if (LD_DESCEND.has(key)) collectLd(obj[key], out, depth + 1);
}

const ARTICLE_TYPE = /article|posting|blog|report|review|news|story|podcast|episode|creativework|recipe|howto|pressrelease|qapage|scholarly|thesis|dataset/i;

function ldValue(obj: Record<string, unknown>, key: string): string | null {
  const v = obj[key];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  if (v && typeof v === 'object' && typeof (v as Record<string, unknown>)['@value'] === 'string') {
    return (v as Record<string, unknown>)['@value'] as string;
  }
  return null;
}

interface LdDates {
  published: DateFact | null;
  modified: DateFact | null;
  /** An Event's startDate: the date of an event page, ranked below the URL (news pages embed events). */
  event: DateFact | null;
}

function jsonLd(ctx: Context): LdDates {
  ctx.ld ??= readLdDates(ctx);
  return ctx.ld;
}

function readLdDates(ctx: Context): LdDates {
  const { objects, unparsed } = ctx.jsonLd ?? readJsonLd(ctx.scan.jsonLd);
  const nodes: LdNode[] = [];
  for (const obj of objects) collectLd(obj, nodes, 0);
  // Rank: the article itself, then video/event, then the web page; in document order within a rank.
  const rank = (n: LdNode): number => {
    const ts = n.types.join(' ');
    if (ARTICLE_TYPE.test(ts)) return 0;
    if (/videoobject|event/i.test(ts)) return 1;
    if (/webpage/i.test(ts)) return 2;
    return 3;
  };
  const ordered = nodes.map((n, i) => ({ n, i, r: rank(n) })).sort((a, b) => a.r - b.r || a.i - b.i);

  let published: DateFact | null = null;
  let modified: DateFact | null = null;
  let event: DateFact | null = null;
  for (const { n, r } of ordered) {
    const type = n.types[0] ?? 'Thing';
    const fields = ['datePublished', 'dateCreated'];
    if (n.types.some((t) => /videoobject/i.test(t))) fields.push('uploadDate');
    if (!event && n.types.some((t) => /event$/i.test(t))) {
      const raw = ldValue(n.obj, 'startDate');
      const d = plausible(ctx, raw);
      if (d) event = fact(d, 'json-ld', `json-ld:${type}.startDate`, 0.8, raw!);
    }
    if (!published) {
      for (const f of fields) {
        const raw = ldValue(n.obj, f);
        const d = plausible(ctx, raw);
        if (d) {
          published = fact(d, 'json-ld', `json-ld:${type}.${f}`, r <= 1 ? 0.95 : 0.85, raw!);
          break;
        }
      }
    }
    if (!modified) {
      const raw = ldValue(n.obj, 'dateModified');
      const d = plausible(ctx, raw);
      if (d) modified = fact(d, 'json-ld', `json-ld:${type}.dateModified`, 0.9, raw!);
    }
  }
  // JSON-LD too broken to parse: read the fields directly.
  for (const body of unparsed) {
    const pub = /"(datePublished|dateCreated|uploadDate)"\s*:\s*"([^"]{6,40})"/.exec(body);
    const d = plausible(ctx, pub?.[2]);
    if (!published && d) published = fact(d, 'json-ld', `json-ld:malformed.${pub![1]}`, 0.85, pub![2]!);
    const mod = /"dateModified"\s*:\s*"([^"]{6,40})"/.exec(body);
    const md = plausible(ctx, mod?.[1]);
    if (!modified && md) modified = fact(md, 'json-ld', 'json-ld:malformed.dateModified', 0.85, mod![1]!);
  }
  return { published, modified, event };
}

// ---------------------------------------------------------------- meta tags

// Publication metas, most specific first.
const META_PUBLISHED = [
  'article:published_time', 'article:published', 'og:article:published_time', 'og:published_time',
  'published_time', 'datepublished', 'article.published', 'parsely-pub-date', 'sailthru.date',
  'citation_publication_date', 'citation_online_date', 'citation_date', 'dc.date.issued', 'dcterms.issued',
  'dc.date.created', 'dcterms.created', 'dc.date.published', 'dc.date', 'dcterms.date', 'dc.created',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'publication-date', 'pub_date',
  'original-publish-date', 'article_date_original', 'og:pubdate', 'cxenseparse:recs:publishtime',
  'rnews:datepublished', 'datecreated', 'article.created', 'created', 'creation_date', 'date_published',
  'bt:pubdate',
];
const META_MODIFIED = [
  'article:modified_time', 'article:modified', 'og:updated_time', 'datemodified', 'dc.date.modified',
  'dcterms.modified', 'last-modified', 'lastmod', 'modified', 'updated_time', 'article.updated',
  'sailthru.lastmodified', 'revised',
];
// Generic "date" metas: often right, sometimes the crawl or update day.
const META_GENERIC = ['date', 'dc.date.available', 'timestamp', 'displaydate', 'article:post_date'];

function metaRule(keys: string[], rulePrefix: string, confidence: number): Rule {
  return (ctx) => {
    for (const key of keys) {
      for (const m of ctx.scan.metas) {
        if (m.key !== key) continue;
        const d = plausible(ctx, m.content);
        if (d) return fact(d, 'meta', `${rulePrefix}:${key}`, confidence, m.content);
      }
    }
    return null;
  };
}

/** parsely-page / similar JSON inside a meta tag. */
const metaJsonRule: Rule = (ctx) => {
  for (const m of ctx.scan.metas) {
    if (!m.content.startsWith('{')) continue;
    const pub = /"(pub_date|published|datePublished|publish_date)"\s*:\s*"([^"]{6,40})"/.exec(m.content);
    const d = plausible(ctx, pub?.[2]);
    if (d) return fact(d, 'meta', `meta:${m.key}.${pub![1]}`, 0.85, pub![2]!);
  }
  return null;
};

/** Site-specific metas whose name says "published" or "created" (five_hundred_pixels:created_at …). */
const metaNamedRule: Rule = (ctx) => {
  for (const m of ctx.scan.metas) {
    if (!/publish|pub_?date|created|release_?date/.test(m.key) || /modif|updat|expir/.test(m.key)) continue;
    const d = plausible(ctx, m.content);
    if (d) return fact(d, 'meta', `meta-named:${m.key.slice(0, 40)}`, 0.6, m.content);
  }
  return null;
};

/** Inline app state (Shopify, Next.js, review widgets): "publishedDate": "2016-11-04T20:37:27Z". */
const scriptJsonRule: Rule = (ctx) => {
  for (const { key, value } of ctx.scan.scriptDates) {
    if (/modified|updated/i.test(key)) continue;
    const d = plausible(ctx, value);
    if (d) return fact(d, 'json-ld', `script:${key}`, 0.5, value);
  }
  return null;
};

// ---------------------------------------------------------------- <time>, microdata, hAtom

const PUBLISHED_MARKER = /published|datepublished|datecreated|entry-date|pubdate|post-date|postdate|publish|created|dtstart|uploaddate|startdate/;
const MODIFIED_MARKER = /updated|modified|datemodified|update|changed|edited|aktualisiert/;

function timedValue(ctx: Context, t: DatedElement): { date: string; raw: string } | null {
  const fromValue = plausible(ctx, t.value);
  if (fromValue) return { date: fromValue, raw: t.value! };
  const fromText = plausible(ctx, t.text);
  return fromText ? { date: fromText, raw: t.text } : null;
}

/** An element explicitly marked as the publication date (itemprop, class "published", pubdate). */
const markedTimeRule: Rule = (ctx) => {
  for (const t of ctx.scan.timed) {
    if (t.boilerplate) continue;
    // "updated published" (WordPress) is both: the published class decides.
    if (!(t.pubdate || PUBLISHED_MARKER.test(t.marker))) continue;
    const v = timedValue(ctx, t);
    if (v) return fact(v.date, 'time', t.marker.startsWith('time') ? 'time:published' : 'microdata:datePublished', 0.85, v.raw);
  }
  return null;
};

const markedModifiedRule: Rule = (ctx) => {
  for (const t of ctx.scan.timed) {
    if (t.boilerplate || !MODIFIED_MARKER.test(t.marker)) continue;
    const v = timedValue(ctx, t);
    if (v) return fact(v.date, 'time', 'time:modified', 0.8, v.raw);
  }
  return null;
};

/** Distance of a text offset from the title: text just under the title (the byline) is closest. */
function titleDistance(ctx: Context, offset: number): number {
  const { titleOffset, titleEnd } = ctx.scan;
  if (titleOffset < 0) return offset;
  if (offset >= titleEnd) return offset - titleEnd;
  return offset >= titleOffset ? 0 : (titleOffset - offset) * 2;
}

/** The <time> element nearest the title (the byline), not marked as updated. */
const nearestTimeRule: Rule = (ctx) => {
  let best: { d: { date: string; raw: string }; dist: number } | null = null;
  for (const t of ctx.scan.timed) {
    if (t.boilerplate || !t.marker.startsWith('time') || MODIFIED_MARKER.test(t.marker)) continue;
    const d = timedValue(ctx, t);
    if (!d) continue;
    const dist = titleDistance(ctx, t.offset);
    if (!best || dist < best.dist) best = { d, dist };
  }
  return best && best.dist < 3000 ? fact(best.d.date, 'time', 'time:near-title', 0.7, best.d.raw) : null;
};

// ---------------------------------------------------------------- URL

/** A date in the page's URL, else in its canonical URL or og:url (the fetched URL may be a short link). */
const urlRule: Rule = (ctx) => {
  const ogUrl = ctx.scan.metas.find((m) => m.key === 'og:url')?.content;
  const candidates: [string, string | null | undefined][] = [
    ['url:path-date', ctx.url],
    ['url:canonical-date', ctx.scan.canonical],
    ['url:og-url-date', ogUrl],
  ];
  for (const [rule, raw] of candidates) {
    if (!raw) continue;
    let absolute: string;
    try {
      absolute = new URL(raw, ctx.url).href;
    } catch {
      continue;
    }
    const u = urlDate(absolute);
    if (u && isPlausible(u.date, ctx.asOf)) return fact(u.date, 'url', rule, 0.8, u.raw);
  }
  return null;
};

/**
 * /2024/05/slug gives the month only. It is reported as the 1st of that month with low confidence, so
 * the 12- and 18-month window checks still get a usable date; any rule that finds a day outvotes it.
 */
const urlMonthRule: Rule = (ctx) => {
  const u = urlMonth(ctx.url);
  if (!u) return null;
  const d = makeDay(u.year, u.month, 1);
  return d && isPlausible(d, ctx.asOf) ? fact(d, 'url', 'url:year-month', 0.2, u.raw) : null;
};

// ---------------------------------------------------------------- visible text

const PUBLISHED_LABEL =
  /(?:published|posted|released|publication date|date published|first published|veröffentlicht|erschienen|publiziert|erstellt|publié|publiée|mis en ligne|publicado|publicada|pubblicato|gepubliceerd|geplaatst|opublikowano|發布日期|發佈日期|发布日期|發布時間|發佈時間|发布时间|發表於|发表于|發表日期|發布於|發佈於|发布于|出版日期|公開日期|上稿日期|刊登日期|發文日期|公告日期|活動日期|(?<![\p{L}-])(?:date|datum|fecha|data|日期)\s*[:：])/giu;
const MODIFIED_LABEL =
  /(?:updated|last updated|modified|last modified|revised|aktualisiert|geändert|zuletzt|stand:|mis à jour|actualizado|actualización|aggiornato|bijgewerkt|更新日期|更新時間|更新时间|最後更新|最后更新|修改日期)/i;
const MODIFIED_LABEL_ALL = new RegExp(MODIFIED_LABEL.source, 'gi');

// A date that opens or closes a span of days ("5.–11. Februar 2022", "14. - 20. Januar", "2020/7/11-12",
// "13.01.2022 - 15.01.2022", "5月3日至5日") dates an event or a period, not the page. What follows a
// dash must read as a day: "19.11.2021 - 14:05" is a time and "5 Mar 2026 - 4 min read" a reading time.
const SPAN_AFTER = /^\s*(?:[-–—~～〜]|bis|to|until|through|au|al|至|到)\s*(?:\d{1,2}(?=[.日号號)）、､,\n]|\s+\p{L}+\.?\s+\d{4})|\d{4}[-/.]\d)/iu;
const SPAN_BEFORE = /\d\.?\s*(?:[-–—~～〜]|bis|to|until|through|au|al|至|到)\s*$/i;

// Labels that say a date is something other than the page's: a member's registration or birth, a
// deadline or an expiry ("Registriert: 18.09.2008", "Member since Jan 3, 2015", "Anmeldeschluss 01.03.",
// "valid until", "截止日期"). Forum posts and event pages write them next to the post's own date.
const OTHER_DATE_LABEL =
  /(?<!\p{L})(?:registered|registriert|joined|member since|mitglied seit|dabei seit|inscrit|inscription|registrado|iscritto|born|geboren|né le|née le|deadline|due date|valid until|valid through|expires|gültig bis|ablaufdatum|frist|anmeldeschluss|einsendeschluss|bewerbungsschluss|date limite)(?!\p{L})|註冊|注册|加入日期|加入時間|出生|截止|有效期/iu;

function labelledOtherKind(text: string, f: FoundDate): boolean {
  const before = text.slice(Math.max(0, f.index - 30), f.index);
  return OTHER_DATE_LABEL.test(before.slice(before.lastIndexOf('\n') + 1).replace(/^.*\d/s, ''));
}

function opensOrClosesSpan(text: string, f: FoundDate): boolean {
  const end = f.index + f.raw.length;
  return SPAN_AFTER.test(text.slice(end, end + 30)) || SPAN_BEFORE.test(text.slice(Math.max(0, f.index - 12), f.index));
}

/** Plausible dates in the page text; the text is parsed once, and rules look at slices of the result. */
function textDates(ctx: Context): FoundDate[] {
  return (ctx.textDates ??= findDates(ctx.scan.text, ctx.parse).filter((f) => isPlausible(f.date, ctx.asOf) && !opensOrClosesSpan(ctx.scan.text, f) && !labelledOtherKind(ctx.scan.text, f)));
}

/** Plausible dates in a slice of the page text, with offsets relative to the whole text. */
function datesIn(ctx: Context, start: number, end: number): FoundDate[] {
  return textDates(ctx).filter((f) => f.index >= start && f.index + f.raw.length <= end);
}

/** Is the date preceded closely by an "updated" label (on its line, after any earlier date)? */
function labelledModified(ctx: Context, index: number): boolean {
  const before = ctx.scan.text.slice(Math.max(0, index - 30), index);
  const line = before.slice(before.lastIndexOf('\n') + 1).replace(/^.*\d/s, '');
  return MODIFIED_LABEL.test(line);
}

/**
 * Dates written just after a "published" label ("Published on March 5, 2026", "Veröffentlicht am
 * 17.05.2024", "發表日期：2017 / 05 / 26"), in text order; read once on first use.
 */
function labelledDates(ctx: Context): LabelledDate[] {
  if (ctx.labelled) return ctx.labelled;
  const text = ctx.scan.text;
  const out: LabelledDate[] = [];
  // A label names no date on a page whose text has none (half of all pages): its search is spared.
  if (textDates(ctx).length === 0) return (ctx.labelled = out);
  PUBLISHED_LABEL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PUBLISHED_LABEL.exec(text)) !== null) {
    const after = m.index + m[0].length;
    const found = datesIn(ctx, after, after + 60).find((f) => f.index - after <= 40);
    if (!found || labelledModified(ctx, found.index)) continue;
    const lineBefore = text.slice(text.lastIndexOf('\n', m.index - 1) + 1, m.index);
    out.push({ found, label: m[0], heading: lineBefore.trim().length <= 12 || /[|·•]\s*$/.test(lineBefore) });
  }
  ctx.labelled = out;
  return out;
}

const labelledTextRule: Rule = (ctx) => {
  const first = labelledDates(ctx)[0];
  return first ? fact(first.found.date, 'text', 'text:published-label', 0.8, `${first.label} ${first.found.raw}`) : null;
};

const labelledModifiedRule: Rule = (ctx) => {
  if (textDates(ctx).length === 0) return null;
  const text = ctx.scan.text;
  MODIFIED_LABEL_ALL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MODIFIED_LABEL_ALL.exec(text)) !== null) {
    const after = m.index + m[0].length;
    const found = datesIn(ctx, after, after + 60).find((f) => f.index - after <= 40);
    if (found) return fact(found.date, 'text', 'text:updated-label', 0.7, `${m[0]} ${found.raw}`);
  }
  return null;
};

/**
 * A date inside a sentence ("On 3 March 2021 the first shop opened …") tells of an event; a byline, a
 * dateline or a kicker writes the page's date on a short line of its own. Such a date counts as this
 * many characters farther from the title.
 */
const RUNNING_TEXT_DISTANCE = 200;
/** Characters of a line besides the date past which the line is running text, not a byline. */
const RUNNING_TEXT_MIN_CHARS = 60;

function inRunningText(ctx: Context, f: FoundDate): boolean {
  const text = ctx.scan.text;
  const lineStart = text.lastIndexOf('\n', f.index - 1) + 1;
  const newline = text.indexOf('\n', f.index);
  const lineEnd = newline < 0 ? text.length : newline;
  return lineEnd - lineStart - f.raw.length > RUNNING_TEXT_MIN_CHARS;
}

/**
 * Pick among text dates: the one nearest the title; a date in the URL's month counts as 500 characters
 * nearer, a date inside running text 200 characters farther (inRunningText). A date the page labels as the publication date counts as standing at the title: a label says
 * what a date is, nearness only suggests it, so a date in the lead paragraph must not beat the labelled one.
 */
function pickNearTitle(ctx: Context, found: FoundDate[]): FoundDate | null {
  const labelled = new Set(labelledDates(ctx).filter((l) => l.heading).map((l) => l.found.index));
  let best: FoundDate | null = null;
  let bestScore = Infinity;
  for (const f of found) {
    if (labelledModified(ctx, f.index)) continue;
    let score = labelled.has(f.index) ? 0 : titleDistance(ctx, f.index);
    if (ctx.urlMonth && f.date.slice(0, 7) === ctx.urlMonth) score -= 500;
    if (inRunningText(ctx, f)) score += RUNNING_TEXT_DISTANCE;
    if (score < bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** The text of a byline / dateline / post-meta element nearest the title. */
const dateishElementRule: Rule = (ctx) => {
  const found: FoundDate[] = [];
  for (const r of ctx.scan.dateish) {
    if (MODIFIED_MARKER.test(r.marker)) continue;
    found.push(...datesIn(ctx, r.start, r.end));
  }
  const best = pickNearTitle(ctx, found);
  return best && titleDistance(ctx, best.index) < 4000 ? fact(best.date, 'text', 'text:date-element', 0.7, best.raw) : null;
};

/** Any date written just around the title. */
const nearTitleTextRule: Rule = (ctx) => {
  const title = ctx.scan.titleOffset;
  if (title < 0) return null;
  const best = pickNearTitle(ctx, datesIn(ctx, title - 300, ctx.scan.titleEnd + 800));
  return best ? fact(best.date, 'text', 'text:near-title', 0.55, best.raw) : null;
};

/** Last resort: the date nearest the title anywhere in the page's own text (boilerplate excluded). */
const anyTextRule: Rule = (ctx) => {
  const best = pickNearTitle(ctx, datesIn(ctx, 0, Infinity));
  return best ? fact(best.date, 'text', 'text:nearest-in-body', 0.35, best.raw) : null;
};

// ---------------------------------------------------------------- order

// In priority order, with vote weights: the log-odds that the rule's day is the publication day when
// it fires (rounded from measured precision on the htmldate evaluation pages). Named so a report and
// the benchmark's --json can show what every rule found, not only the winner.
const PUBLISHED_RULES: [string, number, Rule][] = [
  ['json-ld', 2.8, (ctx) => jsonLd(ctx).published],
  ['meta', 2.7, metaRule(META_PUBLISHED, 'meta', 0.9)],
  ['meta-json', 1.5, metaJsonRule],
  ['time-marked', 3.7, markedTimeRule],
  ['url', 4.5, urlRule],
  ['json-ld-event', 1.0, (ctx) => jsonLd(ctx).event],
  ['text-label', 2.4, labelledTextRule],
  ['date-element', 3.2, dateishElementRule],
  ['time-nearest', 3.5, nearestTimeRule],
  ['meta-generic', 2.2, metaRule(META_GENERIC, 'meta-generic', 0.6)],
  ['meta-named', 0.4, metaNamedRule],
  ['script-json', 0.8, scriptJsonRule],
  ['text-near-title', 2.4, nearTitleTextRule],
  ['text-any', 2.0, anyTextRule],
  ['url-month', 0.05, urlMonthRule],
];

/** Weighted agreement between the rules; the winning fact is the first rule's that found that day. */
function votePublished(ctx: Context): DateFact | null {
  const votes = new Map<string, { weight: number; first: DateFact; agreeing: number[] }>();
  for (const [, weight, rule] of PUBLISHED_RULES) {
    const f = rule(ctx);
    if (!f) continue;
    const v = votes.get(f.date);
    if (v) {
      v.weight += weight;
      v.agreeing.push(f.confidence);
    } else votes.set(f.date, { weight, first: f, agreeing: [f.confidence] });
  }
  let best: { weight: number; first: DateFact; agreeing: number[] } | null = null;
  for (const v of votes.values()) if (!best || v.weight > best.weight) best = v;
  if (!best) return null;
  // Agreeing independent rules raise confidence: 1 - Π(1 - c).
  const confidence = 1 - best.agreeing.reduce((p, c) => p * (1 - c), 1);
  return { ...best.first, confidence: Math.round(Math.min(0.99, confidence) * 100) / 100 };
}

// The modified date is only reported: the first rule that finds one wins.
const MODIFIED_RULES: Rule[] = [
  (ctx) => jsonLd(ctx).modified,
  metaRule(META_MODIFIED, 'meta', 0.85),
  markedModifiedRule,
  labelledModifiedRule,
];

function firstOf(rules: Rule[], ctx: Context): DateFact | null {
  for (const rule of rules) {
    const f = rule(ctx);
    if (f) return f;
  }
  return null;
}

/** What every published-date rule finds on the page, in rule order (for explanations and tuning). */
export function explainDates($: CheerioAPI, url: string, asOf: string): { rule: string; fact: DateFact | null }[] {
  const ctx = buildContext($, url, asOf, undefined);
  return PUBLISHED_RULES.map(([rule, , fn]) => ({ rule, fact: fn(ctx) }));
}

/**
 * D/M vs M/D for numeric slash dates: an unambiguous one on the page decides (13/05/2024 or 05/13/2024),
 * else a machine-readable date in the metadata written the same way in the text, else the language.
 */
function monthFirstFor(scan: Scan, lang: string | null, url: string): boolean {
  const slashDates = [...foldWidth(scan.text.slice(0, 100_000)).matchAll(/(?<![\d.\/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/g)];
  for (const m of slashDates) {
    if (+m[1]! > 12) return false;
    if (+m[2]! > 12) return true;
  }
  if (slashDates.length > 0) {
    const machineDays = new Set<string>();
    for (const meta of scan.metas) {
      const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(meta.content);
      if (iso) machineDays.add(`${+iso[1]!}-${+iso[2]!}-${+iso[3]!}`);
    }
    for (const m of slashDates) {
      const [a, b, y] = [+m[1]!, +m[2]!, +m[3]!];
      if (a === b) continue;
      if (machineDays.has(`${y}-${a}-${b}`)) return true;
      if (machineDays.has(`${y}-${b}-${a}`)) return false;
    }
  }
  const l = (lang ?? '').toLowerCase();
  if (/^en-(us|ph|ca)$/.test(l)) return true;
  if (l === 'en' || l === '') {
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* not a URL: no host hint */
    }
    return !/\.(uk|au|nz|ie|in|za|sg|hk|my)$/.test(host) && (l === 'en' || /\.(com|org|net|us|gov|edu)$/.test(host));
  }
  return false;
}

/**
 * Whether bare ROC numerals (115/08/12) are meant: a zh-TW / zh-Hant page, a .tw host, the word 民國,
 * Traditional Chinese text (characters that Simplified Chinese writes differently), or a Chinese date
 * label followed by a three-digit year (更新日期：106/05/26), which no other calendar writes.
 */
const ROC_AFTER_LABEL = /(?:日期|時間|时间|於|于)\s*[:：]?\s*1[0-4]\d\s*[-\/.．／－]\s*\d/;

function rocLikely(lang: string | null, url: string, text: string): boolean {
  if (/^zh[-_](tw|hant)/i.test(lang ?? '')) return true;
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    /* not a URL: no host hint */
  }
  const sample = text.slice(0, 20_000);
  return host.endsWith('.tw') || /民國/.test(sample) || /[們這發與來會對說實體處還國]/.test(sample) || ROC_AFTER_LABEL.test(text);
}

function buildContext($: CheerioAPI, url: string, asOf: string, jsonLd: JsonLd | undefined): Context {
  const scan = scanDocument($.root()[0]!);
  const lang = scan.lang;
  const roc = rocLikely(lang, url, scan.text);
  const m = urlMonth(url);
  return {
    scan,
    url,
    asOf,
    ...(jsonLd ? { jsonLd } : {}),
    parse: { lang, roc, monthFirst: monthFirstFor(scan, lang, url) },
    urlMonth: m ? `${m.year}-${String(m.month).padStart(2, '0')}` : null,
  };
}

/**
 * Publish and modified dates of an HTML page. Reads `$` only (never mutates it). `jsonLd`: the page's
 * JSON-LD when the caller has read it already (else it is read from the page's scripts).
 */
export function extractDates($: CheerioAPI, url: string, asOf: string, jsonLd?: JsonLd): PageDates {
  const ctx = buildContext($, url, asOf, jsonLd);
  return { published: votePublished(ctx), modified: firstOf(MODIFIED_RULES, ctx) };
}

/**
 * Dates of a PDF: the info dictionary's CreationDate (D:20260305120000+08'00'), else a date on the
 * first page, else the URL, else a month on the first page ("March 2026"); ModDate is the modified date.
 */
export function pdfDates(info: Record<string, string>, text: string, url: string, asOf: string): PageDates {
  const get = (key: string): string | undefined =>
    Object.entries(info).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  const pdfDay = (raw: string | undefined): string | null => {
    const d = raw ? parseDateString(raw) : null;
    return d && isPlausible(d, asOf) ? d : null;
  };
  const created = pdfDay(get('CreationDate'));
  const modDay = pdfDay(get('ModDate'));
  const modified = modDay ? fact(modDay, 'pdf', 'pdf:ModDate', 0.8, get('ModDate')!) : null;
  if (created) return { published: fact(created, 'pdf', 'pdf:CreationDate', 0.8, get('CreationDate')!), modified };

  const firstPage = text.slice(0, 3000);
  const inText = findDates(firstPage, { roc: rocLikely(null, url, firstPage), monthFirst: false }).find((f) => isPlausible(f.date, asOf));
  if (inText) return { published: fact(inText.date, 'pdf', 'pdf:first-page-text', 0.5, inText.raw), modified };
  const u = urlDate(url);
  if (u && isPlausible(u.date, asOf)) return { published: fact(u.date, 'url', 'url:path-date', 0.6, u.raw), modified };
  // Reports and case studies often carry only "March 2026" on the cover: the 1st of that month.
  const month = findMonthYear(firstPage);
  const monthDay = month && makeDay(month.year, month.month, 1);
  if (monthDay && isPlausible(monthDay, asOf)) return { published: fact(monthDay, 'pdf', 'pdf:first-page-month', 0.3, month!.raw), modified };
  return { published: null, modified };
}
