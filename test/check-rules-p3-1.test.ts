// P3.1's rules one at a time on literal evidence (what links lead to case studies, how AWS named only in
// story titles is discounted, how candidates rank, the homepage rule, the stub, borderline and homepage
// outcomes), asserting rule ids and values: each of these was a change mutation testing showed no test noticed.

import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../crawlers/types.ts';
import { RETAIL_AREAS } from '../analyzers/types.ts';
import type { AnalyzedPage, SiteEvidence } from '../src/types.ts';
import { CHECKS } from '../src/checks/index.ts';
import { dedicatedRetailConsultancy, practiceChoice, scoredPracticeCandidates } from '../src/checks/p3-1-practice-page.ts';
import { DEDICATED_RETAIL_SITE_SHARE, MIN_PRACTICE_ELEMENTS } from '../src/checks/thresholds.ts';
import { Evaluation } from '../src/evidence/evaluation.ts';
import { ASOF, facts, HOME, page, retailAwsStudy, site, u, verdict, type FactsSpec } from './support/site-builder.ts';

const practice = (extra: FactsSpec = {}) => facts({ type: 'practice', retail: 0.8, services: ['Amazon Personalize', 'Amazon S3'], title: 'Retail on AWS', ...extra });
/** A homepage and offering pages of a generalist: its homepage never counts as the practice page. */
const generalist = () => [
  page(HOME, { facts: facts({ retail: 0.4, services: ['Amazon S3', 'AWS Lambda'], mentionsAws: true }) }),
  ...['/healthcare/', '/banking/'].map((p) => page(u(p), { facts: facts({ retail: 0.02 }) })),
];
const candidateAt = (evidence: SiteEvidence, url: string) => new Evaluation(evidence, ASOF).get(scoredPracticeCandidates).find((c) => c.url === url)!;
const link = (path: string, text: string, over: Partial<LinkRecord> = {}): LinkRecord => ({ url: u(path), text, region: 'main', internal: true, ...over });
const withLinks = (p: AnalyzedPage, links: LinkRecord[]) => ({ ...p, links });

describe('P3.1 links to case studies', () => {
  /** The caseStudyLinks element of /retail/ linking to `links`, beside the pages the crawl read. */
  const studyLinks = (links: LinkRecord[], read: AnalyzedPage[] = []) =>
    candidateAt(site([...generalist(), withLinks(page(u('/retail/'), { facts: practice() }), links), ...read]), u('/retail/')).elements.caseStudyLinks;

  it('counts a link to a case study, and to a customers page the crawl did not read', () => {
    expect(studyLinks([link('/cases/a/', 'Contoso')], [page(u('/cases/a/'), { facts: retailAwsStudy() })]))
      .toEqual({ present: true, reason: { rule: 'practice.links', values: { urls: [{ type: 'url', url: u('/cases/a/') }] } } });
    expect(studyLinks([link('/customers/', 'Our customers')]).present).toBe(true);
  });

  it('does not count a link that says nothing of case studies, or one to another site', () => {
    expect(studyLinks([link('/about/', 'About us')])).toEqual({ present: false, reason: { rule: 'practice.links.none' } });
    expect(studyLinks([{ url: 'https://stories.group.test/customers/', text: 'Customer stories', region: 'main', internal: false }]).present).toBe(false);
  });

  it('counts a customers index the crawl read only when its own content leads on to studies', () => {
    const index = (links: LinkRecord[]) => withLinks(page(u('/customers/'), { facts: facts({ type: 'listing' }) }), links);
    const to = (links: LinkRecord[], read: AnalyzedPage[] = []) => studyLinks([link('/customers/', 'Our customers')], [index(links), ...read]).present;
    expect(to([link('/cases/a/', 'Contoso')], [page(u('/cases/a/'), { facts: retailAwsStudy() })])).toBe(true);
    // Unread pages behind it may be studies; read ones that are not studies are not.
    expect(to([link('/customers/acme/', 'Acme story')])).toBe(true);
    expect(to([link('/customers/acme/', 'Acme story')], [page(u('/customers/acme/'), { facts: facts() })])).toBe(false);
    // A wall of logos, or a study linked only from the site menu, is not a set of case studies.
    expect(to([])).toBe(false);
    expect(to([link('/customers/acme/', 'Acme story', { region: 'nav' })])).toBe(false);
  });
});

describe('P3.1 AWS on the page', () => {
  const elementsOf = (f: ReturnType<typeof practice>, links: LinkRecord[] = [], read: AnalyzedPage[] = []) =>
    candidateAt(site([...generalist(), withLinks(page(u('/retail/'), { facts: f }), links), ...read]), u('/retail/')).elements;

  it('takes named services for AWS solutions even where the analyzer saw no other mention', () => {
    expect(elementsOf(practice({ services: ['Amazon S3', 'AWS Lambda'], mentionsAws: false })).awsSolutions)
      .toEqual({ present: true, reason: { rule: 'practice.aws.services', values: { services: ['Amazon S3', 'AWS Lambda'] } } });
  });

  it('does not count AWS named only in the titles of the case studies the page links to', () => {
    const elements = elementsOf(practice({ services: ['Amazon S3'], mentionsAws: true }),
      [link('/cases/a/', 'How Contoso cut costs with Amazon S3')], [page(u('/cases/a/'), { facts: retailAwsStudy() })]);
    expect(elements.awsSolutions).toEqual({ present: false, reason: { rule: 'practice.aws.only-in-study-links' } });
    expect(elements.technicalSolutions).toMatchObject({ present: false, reason: { values: { count: 0 } } });
    expect(elements.caseStudyLinks.present).toBe(true);
  });

  it('names the retail areas it found', () => {
    const { reason } = elementsOf(practice({ areaCount: 2 })).useCases;
    expect(reason).toMatchObject({ rule: 'practice.use-cases', values: { count: 2, of: RETAIL_AREAS.length, needs: 2 } });
    expect(JSON.stringify(reason.values?.areas)).toMatch(new RegExp(`^\\[.*${RETAIL_AREAS[0]}.*${RETAIL_AREAS[1]}.*\\]$`));
    expect(reason.values?.areas).toHaveLength(2);
  });
});

describe('P3.1 candidate ranking', () => {
  it('scores retail focus ×3, +2 for a practice page, +1 for naming retail, up to +1 for services, +0.5 for AWS, +0.2 per element', () => {
    const f = practice({ areaCount: 6 });
    f.classification.signals = ['url:/retail/', 'title:retail', 'json-ld:Service', 'links:2 case studies'];
    const home = facts({ retail: 0.4, services: ['Amazon S3', 'AWS Lambda', 'Amazon RDS', 'AWS Glue', 'Amazon EKS', 'Amazon SQS', 'Amazon SNS'], mentionsAws: false });
    const evidence = site([page(HOME, { facts: home }), page(u('/retail/'), { facts: f })]);
    const retailPage = candidateAt(evidence, u('/retail/'));
    // 3 × 0.8 + 2 + 1 + 2/5 + 0.5 + 4 elements / 5
    expect(retailPage.score).toBeCloseTo(7.1);
    expect(retailPage.signals.map((s) => s.id)).toEqual(['signal.classified-practice', 'signal.names-retail']);
    const homepage = candidateAt(evidence, HOME);
    // 3 × 0.4 + 0 + 0 + min(7, 5)/5 + 0 + 4 elements / 5
    expect(homepage.score).toBeCloseTo(3.0);
    expect(homepage.signals).toEqual([]);
  });

  it('lists the chosen page first and at most four other candidates, each with its signals and elements', () => {
    const others = ['/retail-a/', '/retail-b/', '/retail-c/', '/retail-d/', '/retail-e/'].map((p) => page(u(p), { facts: facts({ title: 'Retail', retail: 0.02 }) }));
    const r = verdict('P3.1', site([...generalist(), page(u('/retail/'), { facts: practice() }), ...others]));
    expect(r.evidence.map((e) => (e.values.role as { id: string }).id)).toEqual(['P3.1.role.practice-page', ...Array(4).fill('P3.1.role.other-candidate')]);
    expect(r.evidence.filter((e) => e.url === u('/retail/'))).toHaveLength(1);
    expect(r.evidence[0]!.values).toMatchObject({
      homepage: false, signals: [{ id: 'signal.classified-practice' }, { id: 'signal.names-retail' }],
      elements: { type: 'elements', set: 'practice', elements: [{ id: 'retailPractice', present: true }, { id: 'awsSolutions', present: true }, { id: 'useCases', present: true }, { id: 'technicalSolutions', present: true }, { id: 'caseStudyLinks', present: false }] },
    });
  });
});

describe('P3.1 the homepage rule (a dedicated retail consultancy)', () => {
  const dedicated = (pages: AnalyzedPage[]) => dedicatedRetailConsultancy(site(pages));
  const retailHome = () => page(HOME, { facts: facts({ retail: 0.8 }) });

  it('cannot judge a site whose homepage was not read', () => {
    expect(dedicated([page(HOME, { error: 'HTTP 500' }), page(u('/grocery/'), { facts: facts({ retail: 0.7 }) })]))
      .toEqual({ dedicated: false, reason: { rule: 'practice.dedicated.unreadable' } });
  });

  it(`is dedicated from a ${DEDICATED_RETAIL_SITE_SHARE * 100} % share of retail pages beside a retail homepage`, () => {
    expect(dedicated([retailHome(), page(u('/grocery/'), { facts: facts({ retail: 0.7 }) }), page(u('/about/'), { facts: facts({ retail: 0.02 }) })]))
      .toMatchObject({ dedicated: true, reason: { values: { retailPages: 1, total: 2, share: DEDICATED_RETAIL_SITE_SHARE } } });
    expect(dedicated([page(HOME, { facts: facts({ retail: 0.1 }) }), page(u('/grocery/'), { facts: facts({ retail: 0.7 }) })]))
      .toMatchObject({ dedicated: false, reason: { values: { retailPages: 1, total: 1, share: 1 } } });
  });

  it('judges the pages other than the homepage that could be read', () => {
    const judged = (pages: AnalyzedPage[]) => (dedicated(pages).reason.values as { total: number }).total;
    expect(judged([retailHome(), page(u('/grocery/'), { facts: facts({ retail: 0.7 }) }), page(u('/broken/'), { error: 'HTTP 500' })])).toBe(1);
    expect(judged([retailHome(), page(u('/grocery/'), { facts: facts({ retail: 0.7 }) }), page(u('/index.html'), { facts: facts({ retail: 0.02 }) })])).toBe(1);
    // The start URL redirected (/ → /en/): the homepage is the page at /en/, not one of the judged.
    expect(judged([page(HOME, { finalUrl: u('/en/'), facts: facts({ retail: 0.8 }) }), page(u('/en/grocery/'), { facts: facts({ retail: 0.7 }) })])).toBe(1);
  });

  it('is a generalist when its homepage names more than one other industry', () => {
    const home = (industries: string[]) => page(HOME, { facts: { ...facts({ retail: 0.8 }), otherIndustries: industries } });
    const grocery = page(u('/grocery/'), { facts: facts({ retail: 0.7 }) });
    expect(dedicated([home(['healthcare']), grocery])).toMatchObject({ dedicated: true, reason: { values: { industries: null } } });
    const generalistHome = dedicated([home(['healthcare', 'banking']), grocery]);
    expect(generalistHome.dedicated).toBe(false);
    expect(generalistHome.reason.values?.industries).toHaveLength(2);
  });
});

/** The element ids a "missing" value names, whether a list of ids or an elements value. */
const missing = (value: unknown): string[] => JSON.stringify(value).match(/retailPractice|awsSolutions|useCases|technicalSolutions|caseStudyLinks/g) ?? [];

describe('P3.1 outcomes', () => {
  const outcomeOf = (pages: AnalyzedPage[]) => verdict('P3.1', site([...generalist(), ...pages]));

  it(`passes a reachable page with ${MIN_PRACTICE_ELEMENTS} elements and asks for the missing ones below that`, () => {
    const three = outcomeOf([page(u('/retail/'), { facts: practice({ services: ['Amazon S3'], areaCount: 2 }) })]);
    expect(three).toMatchObject({ status: 'pass', outcome: { id: 'P3.1.found', values: { present: MIN_PRACTICE_ELEMENTS, total: 5 } } });
    expect(missing(three.outcome.values?.missing)).toEqual(['technicalSolutions', 'caseStudyLinks']);
    const two = outcomeOf([page(u('/retail/'), { facts: practice({ services: ['Amazon S3'], areaCount: 1 }) })]);
    expect(two).toMatchObject({ status: 'review', outcome: { id: 'P3.1.thin', values: { found: { values: { present: 2 } } } }, advice: [{ id: 'P3.1.advice.extend' }] });
    expect(missing((two.outcome.values?.found as { values: Record<string, unknown> }).values.missing)).toEqual(['useCases', 'technicalSolutions', 'caseStudyLinks']);
    expect(missing(two.advice[0]!.values?.missing)).toEqual(['useCases', 'technicalSolutions', 'caseStudyLinks']);
  });

  it('says a page was found only in the sitemap only when it was', () => {
    const redirected = outcomeOf([page(u('/retail/'), { path: null, foundVia: 'redirect', facts: practice({ areaCount: 3 }) })]);
    expect(redirected).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.not-linked', values: { sitemapOnly: false } }, advice: [{ id: 'P3.1.advice.link' }] });
  });

  it('calls a reachable retail page with AWS but nothing to show a stub, and asks for more', () => {
    const stub = outcomeOf([page(u('/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 0, words: 60 }) })]);
    expect(stub).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.stub', values: { words: 60 } }, advice: [{ id: 'P3.1.advice.stub' }] });
  });

  it('calls no stub an unreachable page, a borderline one or the homepage', () => {
    const unreachable = outcomeOf([page(u('/retail/'), { path: null, facts: practice({ services: [], mentionsAws: true, areaCount: 0, words: 60 }) })]);
    expect(unreachable.outcome.id).not.toBe('P3.1.stub');
    const borderline = outcomeOf([page(u('/retail/'), { facts: practice({ retail: 0.25, services: [], mentionsAws: true, areaCount: 0, words: 60 }) })]);
    expect(borderline).toMatchObject({ status: 'review', outcome: { id: 'P3.1.borderline' }, advice: [{ id: 'P3.1.advice.borderline', values: { url: { type: 'url', url: u('/retail/') } } }] });
    const tinyHome = verdict('P3.1', site([page(HOME, { facts: facts({ retail: 0.8, mentionsAws: true, areaCount: 0, words: 60 }) }), page(u('/healthcare/'), { facts: facts({ retail: 0.02 }) })]));
    expect(tinyHome).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.none' }, advice: [{ id: 'P3.1.advice.create' }] });
  });

  it('reviews a borderline page only when it speaks of AWS; a page naming retail without being about it is none', () => {
    const plainHome = page(HOME, { facts: facts({ retail: 0.02 }) });
    const noAws = verdict('P3.1', site([plainHome, page(u('/retail/'), { facts: practice({ retail: 0.25, services: [], mentionsAws: false }) })]));
    expect(noAws.outcome.id).toBe('P3.1.none');
    const notRetail = verdict('P3.1', site([plainHome, page(u('/retail/'), { facts: practice({ retail: 0.1 }) })]));
    expect(notRetail.outcome.id).toBe('P3.1.none');
  });

  it('asks a retail page without AWS to describe the AWS practice', () => {
    const r = outcomeOf([page(u('/retail/'), { facts: practice({ services: [], mentionsAws: false }) })]);
    expect(r).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.no-aws-practice' }, advice: [{ id: 'P3.1.advice.describe', values: { url: { type: 'url', url: u('/retail/') } } }] });
  });

  it('says homepage-only only of a homepage that would qualify, and asks for a page in the navigation', () => {
    const qualifying = verdict('P3.1', site([page(HOME, { facts: facts({ retail: 0.8, services: ['Amazon S3', 'AWS Lambda'], areaCount: 3 }) }), ...generalist().slice(1)]));
    expect(qualifying).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.homepage-only' }, advice: [{ id: 'P3.1.advice.create-nav' }] });
    const withoutAws = verdict('P3.1', site([page(HOME, { facts: facts({ retail: 0.8, areaCount: 3 }) }), ...generalist().slice(1)]));
    expect(withoutAws.outcome.id).toBe('P3.1.none');
  });

  it('decides the verdict (it is not informational)', () => {
    expect(CHECKS.map((c) => [c.id, c.informational])).toEqual([['P2.1', true], ['P2.2.1', false], ['P2.2.2', false], ['P2.3', true], ['P3.1', false], ['P3.2', false]]);
  });
});

describe('practiceChoice', () => {
  it('prefers a reachable qualifying page to a better-scored unreachable one', () => {
    const evidence = site([...generalist(), page(u('/retail-solutions/'), { path: null, facts: practice({ areaCount: 6 }) }), page(u('/retail/'), { facts: practice({ areaCount: 2, retail: 0.5 }) })]);
    expect(new Evaluation(evidence, ASOF).get(practiceChoice).chosen?.url).toBe(u('/retail/'));
  });
});
