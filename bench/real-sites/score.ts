// Labels (what a careful reader decided about a site, written before anyone saw the tool's output) and
// the scoring of one audit report against them. Pure functions: no I/O, so the unit test can pin them.
// The label format is documented in README.md next to this file.

import type { CheckId, CheckStatus, Report } from '../../src/types.ts';

export const CHECK_IDS: CheckId[] = ['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2'];
const STATUSES: CheckStatus[] = ['pass', 'fail', 'review'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface LabelledCheck {
  status: CheckStatus;
  reason: string;
}

export interface LabelledCaseStudy {
  url: string;
  customer: string | null;
  /** Publish date a careful reader finds on the page or in its metadata; null when it shows none. */
  published?: string | null;
  note?: string;
}

export interface LabelledOtherStudy {
  url: string;
  customer: string | null;
  /** Why it is not a retail AWS case study (not retail, not AWS, not a customer story, duplicate …). */
  why: string;
}

export interface LabelledThoughtLeadership {
  url: string;
  title?: string;
  published: string | null;
  /** The date as the page shows it ("5 March 2024", "2024/03/05"), so a reader can check the label. */
  shownAs?: string;
  kind?: string;
}

export interface LabelCorrection {
  date: string;
  by: string;
  /** Which label field changed, e.g. "checks.P3.2", "thoughtLeadership.retail[3].published". */
  field: string;
  from: unknown;
  to: unknown;
  note: string;
}

/** A labelled item the site's robots.txt forbids our crawler (found by robots.ts; the scoring does no I/O). */
export interface RobotsForbiddenItem {
  /** The URL as the label writes it. */
  url: string;
  /** The rule or failure that forbids it, e.g. "robots.txt line 8: Disallow: /*.pdf". */
  rule: string;
}

export interface SiteLabel {
  site: string;
  labeller: string;
  labelledAt: string;
  asOf: string;
  checks: Record<CheckId, LabelledCheck>;
  practicePage: { url: string | null; alsoAcceptable: string[]; reason: string };
  caseStudies: { retailAws: LabelledCaseStudy[]; other: LabelledOtherStudy[] };
  thoughtLeadership: { retail: LabelledThoughtLeadership[] };
  corrections: LabelCorrection[];
}

/** Checks a parsed label file against the format; throws one error listing every problem. */
export function validateLabel(raw: unknown, expectedSite: string): SiteLabel {
  const problems: string[] = [];
  const l = raw as SiteLabel;
  const str = (v: unknown) => typeof v === 'string' && v.length > 0;
  const dateOrNull = (v: unknown) => v === null || (typeof v === 'string' && DAY.test(v));
  if (!l || typeof l !== 'object') throw new Error(`label for ${expectedSite}: not a JSON object`);
  if (l.site !== expectedSite) problems.push(`site must be "${expectedSite}" (the file name), got ${JSON.stringify(l.site)}`);
  if (!str(l.labeller)) problems.push('labeller is required');
  if (!str(l.labelledAt) || !DAY.test(l.labelledAt)) problems.push('labelledAt must be YYYY-MM-DD');
  if (!str(l.asOf) || !DAY.test(l.asOf)) problems.push('asOf must be YYYY-MM-DD');
  for (const id of CHECK_IDS) {
    const c = l.checks?.[id];
    if (!c || !STATUSES.includes(c.status)) problems.push(`checks.${id}.status must be pass, fail or review`);
    else if (!str(c.reason)) problems.push(`checks.${id}.reason is required (one line)`);
  }
  const pp = l.practicePage;
  if (!pp || !(pp.url === null || str(pp.url)) || !Array.isArray(pp.alsoAcceptable) || !str(pp.reason)) {
    problems.push('practicePage needs url (string or null), alsoAcceptable (array) and reason');
  }
  if (!Array.isArray(l.caseStudies?.retailAws) || !Array.isArray(l.caseStudies?.other)) problems.push('caseStudies needs retailAws and other arrays');
  else {
    l.caseStudies.retailAws.forEach((c, i) => {
      if (!str(c.url)) problems.push(`caseStudies.retailAws[${i}].url is required`);
      if (c.published !== undefined && !dateOrNull(c.published)) problems.push(`caseStudies.retailAws[${i}].published must be YYYY-MM-DD or null`);
    });
    l.caseStudies.other.forEach((c, i) => {
      if (!str(c.url) || !str(c.why)) problems.push(`caseStudies.other[${i}] needs url and why`);
    });
  }
  if (!Array.isArray(l.thoughtLeadership?.retail)) problems.push('thoughtLeadership.retail must be an array');
  else {
    l.thoughtLeadership.retail.forEach((t, i) => {
      if (!str(t.url)) problems.push(`thoughtLeadership.retail[${i}].url is required`);
      if (!dateOrNull(t.published)) problems.push(`thoughtLeadership.retail[${i}].published must be YYYY-MM-DD or null`);
    });
  }
  if (!Array.isArray(l.corrections)) problems.push('corrections must be an array (empty when none)');
  else {
    l.corrections.forEach((c, i) => {
      if (!str(c.date) || !str(c.by) || !str(c.field) || !str(c.note)) problems.push(`corrections[${i}] needs date, by, field and note`);
    });
  }
  if (problems.length) throw new Error(`label for ${expectedSite} is invalid:\n  ${problems.join('\n  ')}`);
  return l;
}

/**
 * One key per page, whatever form the URL was written in: scheme, port, fragment, a trailing slash,
 * index.html and a .html suffix do not matter, and host aliases map to the site's hostname. A label
 * may also give a bare path ("/blog/x/"), read against the site's hostname.
 */
export function pageKey(url: string, hostname: string, aliases: string[] = []): string {
  const u = new URL(url, `http://${hostname}/`);
  let host = u.hostname.toLowerCase();
  if (aliases.includes(host)) host = hostname;
  let path = u.pathname.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return `${host}${path}${u.search}`;
}

export interface Ratio {
  hits: number;
  of: number;
}

export interface SiteScore {
  site: string;
  checks: { id: CheckId; expected: CheckStatus; actual: CheckStatus | null; agree: boolean }[];
  practicePage: { expected: string | null; actual: string | null; hit: boolean };
  /** Precision: of the studies the tool counted, how many the label lists; recall: of the label's, how many the tool counted. */
  caseStudies: { precision: Ratio; recall: Ratio; extra: string[]; missed: string[] };
  thoughtLeadership: { precision: Ratio; recall: Ratio; extra: string[]; missed: string[] };
  /** Items both found: publish date equal to the label's (null = no date shown, must also be null). */
  dates: Ratio & { wrong: { url: string; expected: string | null; actual: string | null }[] };
  /** Checks the label decides (pass or fail) that the tool left in review. */
  reviews: Ratio;
  /**
   * Labelled case studies and thought-leadership items robots.txt forbids our crawler, once per page.
   * The official recall counts them as missed; these say how much of a miss no polite audit can avoid.
   */
  robotsForbidden: RobotsForbiddenItem[];
  /** Thought-leadership recall over the labelled items robots.txt allows. */
  thoughtLeadershipReadableRecall: Ratio;
}

function matchSets(found: string[], expected: string[], key: (u: string) => string) {
  const expectedKeys = new Map(expected.map((u) => [key(u), u]));
  const foundKeys = new Map(found.map((u) => [key(u), u]));
  const hits = [...foundKeys.keys()].filter((k) => expectedKeys.has(k)).length;
  return {
    precision: { hits, of: foundKeys.size },
    recall: { hits, of: expectedKeys.size },
    extra: [...foundKeys].filter(([k]) => !expectedKeys.has(k)).map(([, u]) => u),
    missed: [...expectedKeys].filter(([k]) => !foundKeys.has(k)).map(([, u]) => u),
  };
}

/**
 * The page P3.1 judged, as the label's practicePage is the page a reader opens to judge it, passing or
 * not: the accepted practice page, else the retail page P3.1's verdict names (a retail page with no
 * AWS, a stub, one no link reaches); the report's `practicePage` holds only an accepted one.
 */
function judgedPracticePage(report: Report): string | null {
  if (report.practicePage) return report.practicePage.url;
  const named = report.checks.find((c) => c.id === 'P3.1')?.outcome?.values?.['url'];
  return named !== null && typeof named === 'object' && 'type' in named && named.type === 'url' ? named.url : null;
}

/**
 * Scores one audit report against its label. `hostname`/`aliases` say which host bare label paths mean;
 * `robotsForbidden` lists the labelled items the site's robots.txt forbids (robots.ts finds them).
 */
export function scoreSite(
  label: SiteLabel, report: Report, hostname: string, aliases: string[] = [], robotsForbidden: RobotsForbiddenItem[] = [],
): SiteScore {
  const key = (u: string) => pageKey(u, hostname, aliases);
  const checks = CHECK_IDS.map((id) => {
    const expected = label.checks[id].status;
    const actual = report.checks.find((c) => c.id === id)?.status ?? null;
    return { id, expected, actual, agree: actual === expected };
  });

  const accepted = label.practicePage.url === null ? [] : [label.practicePage.url, ...label.practicePage.alsoAcceptable].map(key);
  const actualPractice = judgedPracticePage(report);
  const practiceHit = actualPractice === null ? accepted.length === 0 : accepted.includes(key(actualPractice));

  const counted = report.caseStudies.filter((c) => c.counted).map((c) => c.url);
  const caseStudies = matchSets(counted, label.caseStudies.retailAws.map((c) => c.url), key);
  const retailItems = report.thoughtLeadership.filter((t) => t.retail).map((t) => t.url);
  const thoughtLeadership = matchSets(retailItems, label.thoughtLeadership.retail.map((t) => t.url), key);

  // Dates: every labelled item (a thought-leadership item, or a case study with a labelled date) the tool lists at all.
  const toolDates = new Map<string, string | null>();
  for (const c of report.caseStudies) toolDates.set(key(c.url), c.published);
  for (const t of report.thoughtLeadership) toolDates.set(key(t.url), t.published);
  const labelledDates: { url: string; published: string | null }[] = [
    ...label.thoughtLeadership.retail.map((t) => ({ url: t.url, published: t.published })),
    ...label.caseStudies.retailAws.filter((c) => c.published !== undefined).map((c) => ({ url: c.url, published: c.published ?? null })),
  ];
  const dates: SiteScore['dates'] = { hits: 0, of: 0, wrong: [] };
  const seen = new Set<string>();
  for (const item of labelledDates) {
    const k = key(item.url);
    if (seen.has(k) || !toolDates.has(k)) continue;
    seen.add(k);
    dates.of++;
    const actual = toolDates.get(k) ?? null;
    if (actual === item.published) dates.hits++;
    else dates.wrong.push({ url: item.url, expected: item.published, actual });
  }

  const decided = checks.filter((c) => c.expected !== 'review');
  const reviews = { hits: decided.filter((c) => c.actual === 'review').length, of: decided.length };

  const labelled = new Set([...label.caseStudies.retailAws, ...label.thoughtLeadership.retail].map((i) => key(i.url)));
  const forbidden = new Map(robotsForbidden.filter((f) => labelled.has(key(f.url))).map((f) => [key(f.url), f]));
  const retailFound = new Set(retailItems.map(key));
  const readableTl = new Set(label.thoughtLeadership.retail.map((t) => key(t.url)).filter((k) => !forbidden.has(k)));
  return {
    site: label.site,
    checks,
    practicePage: { expected: label.practicePage.url, actual: actualPractice, hit: practiceHit },
    caseStudies,
    thoughtLeadership,
    dates,
    reviews,
    robotsForbidden: [...forbidden.values()],
    thoughtLeadershipReadableRecall: { hits: [...readableTl].filter((k) => retailFound.has(k)).length, of: readableTl.size },
  };
}

function add(a: Ratio, b: Ratio): Ratio {
  return { hits: a.hits + b.hits, of: a.of + b.of };
}

export interface CorpusScore {
  sites: number;
  checksAgree: Ratio;
  practicePages: Ratio;
  caseStudyPrecision: Ratio;
  caseStudyRecall: Ratio;
  thoughtLeadershipPrecision: Ratio;
  thoughtLeadershipRecall: Ratio;
  dates: Ratio;
  reviews: Ratio;
  robotsForbidden: number;
  thoughtLeadershipReadableRecall: Ratio;
}

/** Sums the sites (micro-averages: a site with many items weighs more than one with few). */
export function scoreCorpus(scores: SiteScore[]): CorpusScore {
  const zero = { hits: 0, of: 0 };
  return scores.reduce<CorpusScore>((acc, s) => ({
    sites: acc.sites + 1,
    checksAgree: add(acc.checksAgree, { hits: s.checks.filter((c) => c.agree).length, of: s.checks.length }),
    practicePages: add(acc.practicePages, { hits: s.practicePage.hit ? 1 : 0, of: 1 }),
    caseStudyPrecision: add(acc.caseStudyPrecision, s.caseStudies.precision),
    caseStudyRecall: add(acc.caseStudyRecall, s.caseStudies.recall),
    thoughtLeadershipPrecision: add(acc.thoughtLeadershipPrecision, s.thoughtLeadership.precision),
    thoughtLeadershipRecall: add(acc.thoughtLeadershipRecall, s.thoughtLeadership.recall),
    dates: add(acc.dates, { hits: s.dates.hits, of: s.dates.of }),
    reviews: add(acc.reviews, s.reviews),
    robotsForbidden: acc.robotsForbidden + s.robotsForbidden.length,
    thoughtLeadershipReadableRecall: add(acc.thoughtLeadershipReadableRecall, s.thoughtLeadershipReadableRecall),
  }), {
    sites: 0, checksAgree: zero, practicePages: zero, caseStudyPrecision: zero, caseStudyRecall: zero,
    thoughtLeadershipPrecision: zero, thoughtLeadershipRecall: zero, dates: zero, reviews: zero,
    robotsForbidden: 0, thoughtLeadershipReadableRecall: zero,
  });
}

/** "0.92" (two decimals), or "n/a" when nothing was there to measure. */
export function rate(r: Ratio): string {
  return r.of === 0 ? 'n/a' : (r.hits / r.of).toFixed(2);
}

/**
 * The machine-readable last line of `npm run bench:real`. Its first eight fields are the official,
 * strict figures (items robots.txt forbids count as missed); the last two are appended beside them.
 */
export function summaryLine(c: CorpusScore): string {
  return [
    `sites=${c.sites}`,
    `checks_agree=${c.checksAgree.hits}/${c.checksAgree.of}`,
    `cs_P=${rate(c.caseStudyPrecision)}`,
    `cs_R=${rate(c.caseStudyRecall)}`,
    `tl_P=${rate(c.thoughtLeadershipPrecision)}`,
    `tl_R=${rate(c.thoughtLeadershipRecall)}`,
    `dates=${rate(c.dates)}`,
    `review_rate=${rate(c.reviews)}`,
    `robots_forbidden=${c.robotsForbidden}`,
    `tl_R_readable=${rate(c.thoughtLeadershipReadableRecall)}`,
  ].join(' ');
}
