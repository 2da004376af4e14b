// The real-site bench's scoring (bench/real-sites/score.ts) on literal inputs: a label, a report
// trimmed to the fields the scorer reads, and the numbers a reader can work out by hand.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../fixtures/server.ts';
import { labelledUrlsRobotsForbids } from '../bench/real-sites/robots.ts';
import { pageKey, scoreCorpus, scoreSite, summaryLine, validateLabel, type SiteLabel } from '../bench/real-sites/score.ts';
import { homepagePath, parseSources } from '../bench/real-sites/sources.ts';
import type { Report } from '../src/types.ts';

const check = (status: 'pass' | 'fail' | 'review') => ({ status, reason: 'because' });

const label: SiteLabel = {
  site: 'acme',
  labeller: 'tester',
  labelledAt: '2026-01-10',
  asOf: '2026-01-01',
  checks: {
    'P2.1': check('fail'), 'P2.2.1': check('pass'), 'P2.2.2': check('pass'),
    'P2.3': check('review'), 'P3.1': check('fail'), 'P3.2': check('pass'),
  },
  practicePage: { url: null, alsoAcceptable: [], reason: 'no retail page' },
  caseStudies: {
    retailAws: [
      { url: 'https://www.acme.example/work/grocer/', customer: 'Grocer', published: '2025-06-01' },
      { url: '/work/fashion', customer: 'Fashion Co' },
      { url: '/work/pharmacy/', customer: 'Pharmacy' },
    ],
    other: [{ url: '/work/bank/', customer: 'Bank', why: 'not retail' }],
  },
  thoughtLeadership: {
    retail: [
      { url: '/blog/omnichannel.html', published: '2025-11-02', shownAs: '2 November 2025' },
      { url: '/blog/loyalty/', published: null },
    ],
  },
  corrections: [],
};

/** Only what scoreSite reads; the rest of a Report does not matter to it. */
function report(parts: Pick<Report, 'checks' | 'practicePage' | 'caseStudies' | 'thoughtLeadership'>): Report {
  return parts as Report;
}

const base = 'http://www.acme.example:41234';
const actual = report({
  checks: [
    { id: 'P2.1', status: 'fail' }, { id: 'P2.2.1', status: 'pass' }, { id: 'P2.2.2', status: 'review' },
    { id: 'P2.3', status: 'review' }, { id: 'P3.1', status: 'pass' }, { id: 'P3.2', status: 'review' },
  ] as unknown as Report['checks'],
  practicePage: null,
  caseStudies: [
    { url: `${base}/work/grocer/index.html`, counted: true, published: '2025-06-01' },
    { url: `${base}/work/fashion/`, counted: true, published: '2025-02-01' },
    { url: `${base}/work/bank/`, counted: true, published: null },
    { url: `${base}/work/pharmacy/`, counted: false, published: null },
  ] as Report['caseStudies'],
  thoughtLeadership: [
    { url: `${base}/blog/omnichannel`, retail: true, published: '2025-11-02' },
    { url: `${base}/blog/loyalty/`, retail: false, published: '2024-01-01' },
    { url: `${base}/blog/kubernetes/`, retail: true, published: '2025-12-12' },
  ] as Report['thoughtLeadership'],
});

describe('real-site bench scoring', () => {
  it('reads one page however its URL is written, and maps aliases to the site hostname', () => {
    const key = (u: string) => pageKey(u, 'www.acme.example', ['acme.example']);
    expect(key('https://acme.example/blog/x/index.html#top')).toBe(key('/blog/x'));
    expect(key('http://www.acme.example:8080/blog/x.html')).toBe('www.acme.example/blog/x');
    expect(key('/')).toBe('www.acme.example/');
    expect(key('/news?id=2')).not.toBe(key('/news?id=3'));
    expect(key('https://other.example/blog/x/')).not.toBe(key('/blog/x/'));
  });

  it('scores checks, practice page, case studies, thought leadership, dates and reviews', () => {
    const s = scoreSite(label, actual, 'www.acme.example');
    expect(s.checks.map((c) => c.agree)).toEqual([true, true, false, true, false, false]);
    expect(s.practicePage.hit).toBe(true);
    // Counted: grocer, fashion, bank; labelled: grocer, fashion, pharmacy.
    expect(s.caseStudies.precision).toEqual({ hits: 2, of: 3 });
    expect(s.caseStudies.recall).toEqual({ hits: 2, of: 3 });
    expect(s.caseStudies.extra).toEqual([`${base}/work/bank/`]);
    expect(s.caseStudies.missed).toEqual(['/work/pharmacy/']);
    // Retail per the tool: omnichannel, kubernetes; labelled: omnichannel, loyalty.
    expect(s.thoughtLeadership.precision).toEqual({ hits: 1, of: 2 });
    expect(s.thoughtLeadership.recall).toEqual({ hits: 1, of: 2 });
    // Dated items both list: omnichannel (right), loyalty (label: no date shown; tool: 2024-01-01), grocer (right).
    expect({ hits: s.dates.hits, of: s.dates.of }).toEqual({ hits: 2, of: 3 });
    expect(s.dates.wrong).toEqual([{ url: '/blog/loyalty/', expected: null, actual: '2024-01-01' }]);
    // Decided checks: five (P2.3 is review in the label); the tool left P2.2.2 and P3.2 in review.
    expect(s.reviews).toEqual({ hits: 2, of: 5 });
  });

  it('counts a practice page that is one of the acceptable ones, and misses one the label rules out', () => {
    const withPage = { ...label, practicePage: { url: '/industries/retail/', alsoAcceptable: ['/retail/'], reason: 'retail practice' } };
    const found = (url: string | null) => report({ ...actual, practicePage: url ? { url } as Report['practicePage'] : null });
    expect(scoreSite(withPage, found(`${base}/retail/index.html`), 'www.acme.example').practicePage.hit).toBe(true);
    expect(scoreSite(withPage, found(null), 'www.acme.example').practicePage.hit).toBe(false);
    expect(scoreSite(label, found(`${base}/`), 'www.acme.example').practicePage.hit).toBe(false);
  });

  it('takes the retail page a failing P3.1 names (no AWS on it) as the practice page the tool judged', () => {
    const withPage = { ...label, practicePage: { url: '/industries/retail/', alsoAcceptable: [], reason: 'retail page, no AWS' } };
    const failing = (url: string) => report({
      ...actual,
      checks: [{ id: 'P3.1', status: 'fail', outcome: { id: 'P3.1.no-aws-practice', values: { url: { type: 'url', url } } } }] as unknown as Report['checks'],
    });
    expect(scoreSite(withPage, failing(`${base}/industries/retail/`), 'www.acme.example').practicePage).toEqual({
      expected: '/industries/retail/', actual: `${base}/industries/retail/`, hit: true,
    });
    expect(scoreSite(withPage, failing(`${base}/industries/`), 'www.acme.example').practicePage.hit).toBe(false);
  });

  it('sums sites into the machine-readable last line', () => {
    const one = scoreSite(label, actual, 'www.acme.example');
    const perfect = scoreSite(label, report({
      checks: Object.entries(label.checks).map(([id, c]) => ({ id, status: c.status })) as Report['checks'],
      practicePage: null,
      caseStudies: label.caseStudies.retailAws.map((c) => ({ url: c.url, counted: true, published: c.published ?? null })) as Report['caseStudies'],
      thoughtLeadership: label.thoughtLeadership.retail.map((t) => ({ url: t.url, retail: true, published: t.published })) as Report['thoughtLeadership'],
    }), 'www.acme.example');
    expect(summaryLine(scoreCorpus([one, perfect])))
      .toBe('sites=2 checks_agree=9/12 cs_P=0.83 cs_R=0.83 tl_P=0.75 tl_R=0.75 dates=0.83 review_rate=0.20 robots_forbidden=0 tl_R_readable=0.75');
    expect(summaryLine(scoreCorpus([])))
      .toBe('sites=0 checks_agree=0/0 cs_P=n/a cs_R=n/a tl_P=n/a tl_R=n/a dates=n/a review_rate=n/a robots_forbidden=0 tl_R_readable=n/a');
  });

  it('keeps items robots.txt forbids as missed in the official figures and reports them beside them', () => {
    // robots.txt forbids the loyalty post (the tool missed it) and the fashion study (the tool counted it anyway).
    const forbidden = [
      { url: 'http://acme.example/blog/loyalty/index.html', rule: 'robots.txt line 2: Disallow: /blog/loyalty/' },
      { url: '/work/fashion/', rule: 'robots.txt line 3: Disallow: /work/fashion/' },
      { url: '/not-labelled/', rule: 'robots.txt line 4: Disallow: /not-labelled/' },
    ];
    const s = scoreSite(label, actual, 'www.acme.example', ['acme.example'], forbidden);
    // Official figures unchanged: the forbidden loyalty post is still a miss.
    expect(s.thoughtLeadership.recall).toEqual({ hits: 1, of: 2 });
    expect(s.caseStudies.recall).toEqual({ hits: 2, of: 3 });
    // Only labelled items count (the unlabelled URL is dropped), each page once.
    expect(s.robotsForbidden.map((f) => f.url)).toEqual(['http://acme.example/blog/loyalty/index.html', '/work/fashion/']);
    // Of the thought leadership robots.txt allows (omnichannel), the tool found all.
    expect(s.thoughtLeadershipReadableRecall).toEqual({ hits: 1, of: 1 });
    const line = summaryLine(scoreCorpus([s, scoreSite(label, actual, 'www.acme.example')]));
    expect(line).toBe('sites=2 checks_agree=6/12 cs_P=0.67 cs_R=0.67 tl_P=0.50 tl_R=0.50 dates=0.67 review_rate=0.40 robots_forbidden=2 tl_R_readable=0.67');
  });

  it('rejects a label that breaks the format, naming each problem', () => {
    expect(validateLabel(JSON.parse(JSON.stringify(label)), 'acme')).toEqual(label);
    const broken = { ...label, site: 'other', checks: { ...label.checks, 'P3.2': { status: 'yes', reason: '' } }, corrections: undefined };
    expect(() => validateLabel(broken, 'acme')).toThrow(/site must be "acme"[\s\S]*checks\.P3\.2\.status[\s\S]*corrections must be an array/);
  });

  it('accepts the committed example label and the committed source list', () => {
    const example = JSON.parse(readFileSync(fileURLToPath(new URL('../bench/real-sites/label-example.json', import.meta.url)), 'utf8'));
    expect(validateLabel(example, example.site).site).toBe(example.site);
    const sources = parseSources(readFileSync(fileURLToPath(new URL('../bench/real-sites/sources.json', import.meta.url)), 'utf8'));
    expect(sources.length).toBeGreaterThanOrEqual(12);
    expect(() => parseSources(JSON.stringify({ sites: [{ ...sources[0], commit: 'abc' }] }))).toThrow(/commit must be a full 40-hex/);
    // A project site's folder is where its audit starts; anything but a folder path is refused.
    const inFolder = parseSources(JSON.stringify({ sites: [{ ...sources[0], homepage: '/name/' }] }))[0]!;
    expect(homepagePath(inFolder)).toBe('/name/');
    expect(homepagePath(sources[0]!)).toBe('/');
    expect(() => parseSources(JSON.stringify({ sites: [{ ...sources[0], homepage: 'name' }] }))).toThrow(/homepage must be a folder path/);
  });
});

describe('labelled items robots.txt forbids (robots.txt served over HTTP, judged by the crawler\'s rules)', () => {
  let root: string;
  let server: FixtureServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'bench-real-robots-'));
    const host = join(root, 'acme', 'www.acme.example');
    mkdirSync(host, { recursive: true });
    // A group for everyone forbids PDFs; our own group (partner-presence) replaces it and forbids one folder.
    writeFileSync(join(host, 'robots.txt'), [
      'User-agent: *', 'Disallow: /*.pdf', '',
      'User-agent: partner-presence', 'Disallow: /*.pdf', 'Disallow: /work/fashion/', 'Allow: /work/fashion/public/', '',
    ].join('\n'));
    const other = join(root, 'acme-nobots', 'www.nobots.example');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'index.html'), '<p>no robots.txt here</p>');
    server = await startFixtureServer({ root, sites: ['acme', 'acme-nobots'] });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const withItems = (cs: string[], tl: string[]): SiteLabel => ({
    ...label,
    caseStudies: { retailAws: cs.map((url) => ({ url, customer: null })), other: [{ url: '/other.pdf', customer: null, why: 'not retail' }] },
    thoughtLeadership: { retail: tl.map((url) => ({ url, published: null })) },
  });

  it('names each forbidden case study and thought-leadership item once, with the rule, for our user agent', async () => {
    const l = withItems(
      ['/work/fashion/', '/work/fashion/public/story/', 'http://acme.example/uploads/Grocer Case Study.pdf'],
      ['/blog/omnichannel/', 'http://www.acme.example/uploads/Grocer Case Study.pdf', '/papers/guide.PDF'],
    );
    const forbidden = await labelledUrlsRobotsForbids(l, 'www.acme.example', ['acme.example'], server.port);
    expect(forbidden).toEqual([
      { url: '/work/fashion/', rule: 'robots.txt line 6: Disallow: /work/fashion/' },
      { url: 'http://acme.example/uploads/Grocer Case Study.pdf', rule: 'robots.txt line 5: Disallow: /*.pdf' },
      { url: 'http://www.acme.example/uploads/Grocer Case Study.pdf', rule: 'robots.txt line 5: Disallow: /*.pdf' },
    ]);
    // Another agent falls under the * group: the fashion folder is open to it.
    const other = await labelledUrlsRobotsForbids(l, 'www.acme.example', ['acme.example'], server.port, 'OtherBot/1.0');
    expect(other.map((f) => f.url)).toEqual(['http://acme.example/uploads/Grocer Case Study.pdf', 'http://www.acme.example/uploads/Grocer Case Study.pdf']);
  });

  it('forbids nothing where the site has no robots.txt (HTTP 404)', async () => {
    const l = withItems(['/work/a.pdf'], ['/blog/b/']);
    expect(await labelledUrlsRobotsForbids(l, 'www.nobots.example', [], server.port)).toEqual([]);
  });
});
