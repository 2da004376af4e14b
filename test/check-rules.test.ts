// Rule-level tests of the checks on small literal evidence: they assert rule ids, outcome message ids
// and structured values (never prose), one rule or boundary at a time, so a changed rule fails a test.

import { describe, expect, it } from 'vitest';
import type { SiteEvidence } from '../src/types.ts';
import { CHECKS, runCheck } from '../src/checks/index.ts';
import { caseStudyJudgements, NOT_COUNTED_RULES, readAws } from '../src/checks/p2-2-1-public-case-studies.ts';
import { practiceChoice, PRACTICE_ELEMENT_RULES } from '../src/checks/p3-1-practice-page.ts';
import { retailVerdict } from '../src/checks/retail.ts';
import { checkResult, unreadReason } from '../src/checks/result.ts';
import { MAX_STUB_PRACTICE_WORDS, RETAIL_BORDERLINE_MARGIN, RETAIL_SCORE_THRESHOLD } from '../src/checks/thresholds.ts';
import { derived, Evaluation } from '../src/evidence/evaluation.ts';
import { caseStudies } from '../src/evidence/case-studies.ts';
import { evaluate } from '../src/evaluate.ts';
import { ASOF, date, facts, HOME, page, retailAwsStudy, site, study, u, verdict, type FactsSpec } from './support/site-builder.ts';

const judgements = (evidence: SiteEvidence) => new Evaluation(evidence, ASOF).get(caseStudyJudgements);
const judgementOf = (evidence: SiteEvidence, url: string) => judgements(evidence).find((j) => j.study.url === url)!;
const rules = (evidence: SiteEvidence, url: string) => judgementOf(evidence, url).notCounted.map((r) => r.rule);

describe('P2.2.1 NOT_COUNTED_RULES', () => {
  it('is a named, ordered list', () => {
    expect(NOT_COUNTED_RULES.map((r) => r.id)).toEqual(['borderline-retail', 'not-retail', 'other-industry', 'not-aws', 'generic-it', 'not-a-story', 'no-customer', 'announcement']);
  });

  it('records which rule decided, with its values, and whether the study is too close to call', () => {
    const borderline = site([page(u('/cases/a/'), { facts: retailAwsStudy({ retail: RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN }) })]);
    expect(judgementOf(borderline, u('/cases/a/'))).toMatchObject({
      counted: false, unsure: true, notCounted: [{ rule: 'borderline-retail', values: { retail: { type: 'retail', threshold: 0.3 } } }],
    });
    const notRetail = site([page(u('/cases/a/'), { facts: retailAwsStudy({ retail: RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN - 0.01 }) })]);
    expect(judgementOf(notRetail, u('/cases/a/'))).toMatchObject({ counted: false, unsure: false, notCounted: [{ rule: 'not-retail' }] });
    const retailAtThreshold = site([page(u('/cases/a/'), { facts: retailAwsStudy({ retail: RETAIL_SCORE_THRESHOLD }) })]);
    expect(judgementOf(retailAtThreshold, u('/cases/a/'))).toMatchObject({ counted: true, unsure: false, notCounted: [] });
  });

  it('is not unsure when any rule that applied is sure (not AWS beside a borderline score)', () => {
    const evidence = site([page(u('/cases/a/'), { facts: retailAwsStudy({ retail: 0.25, services: [], mentionsAws: false }) })]);
    expect(judgementOf(evidence, u('/cases/a/'))).toMatchObject({ unsure: false, notCounted: [{ rule: 'borderline-retail' }, { rule: 'not-aws', values: { aws: { reasons: [{ rule: 'aws.none' }] } } }] });
  });

  it('reads little like a story below two of customer, problem, solution and results; exactly two is a story', () => {
    const parts = (present: string[]) => {
      const s = study();
      const elements = Object.fromEntries(Object.entries(s.elements).map(([id, e]) => [id, ['customerName', 'problem', 'solution', 'results'].includes(id) && !present.includes(id) ? { present: false, excerpt: null } : e]));
      return retailAwsStudy({ caseStudy: { ...s, elements: elements as typeof s.elements } });
    };
    expect(rules(site([page(u('/cases/a/'), { facts: parts(['customerName']) })]), u('/cases/a/'))).toEqual(['not-a-story']);
    expect(judgementOf(site([page(u('/cases/a/'), { facts: parts(['customerName']) })]), u('/cases/a/')).notCounted[0]!.values).toEqual({ shown: 1 });
    expect(rules(site([page(u('/cases/a/'), { facts: parts(['customerName', 'results']) })]), u('/cases/a/'))).toEqual([]);
  });

  it('calls a story about nobody a how-to: unsure among case studies, sure in the blog', () => {
    const noCustomer = () => retailAwsStudy({ caseStudy: study({ customer: null, customerWebsite: null, elements: { ...study().elements, customerName: { present: false, excerpt: null } } }) });
    expect(judgementOf(site([page(u('/cases/x/'), { facts: noCustomer() })]), u('/cases/x/'))).toMatchObject({ unsure: true, notCounted: [{ rule: 'no-customer' }] });
    expect(judgementOf(site([page(u('/blog/x/'), { facts: noCustomer() })]), u('/blog/x/'))).toMatchObject({ unsure: false, notCounted: [{ rule: 'no-customer' }] });
    const anonymised = retailAwsStudy({ caseStudy: study({ customer: null, anonymized: true, customerWebsite: null }) });
    expect(rules(site([page(u('/cases/x/'), { facts: anonymised })]), u('/cases/x/'))).toEqual([]);
  });

  it('is unsure of an announcement with one kind of phrasing and sure with two', () => {
    const announced = (phrases: string[]) => {
      const f = retailAwsStudy({ caseStudy: study({ elements: { ...study().elements, results: { present: false, excerpt: null } } }) });
      f.announcement = phrases;
      return site([page(u('/cases/x/'), { facts: f })]);
    };
    expect(judgementOf(announced(['will use']), u('/cases/x/'))).toMatchObject({ unsure: true, notCounted: [{ rule: 'announcement', values: { phrases: [{ type: 'text', text: 'will use' }] } }] });
    expect(judgementOf(announced(['will use', 'has selected']), u('/cases/x/'))).toMatchObject({ unsure: false, notCounted: [{ rule: 'announcement' }] });
  });

  it('does not count a story filed under another industry, unless that industry is also retail', () => {
    const filed = (statedIndustry: string) => site([page(u('/cases/x/'), { facts: retailAwsStudy({ caseStudy: study({ statedIndustry }) }) })]);
    expect(judgementOf(filed('Logistics'), u('/cases/x/'))).toMatchObject({ counted: false, unsure: false, notCounted: [{ rule: 'other-industry', values: { industry: { type: 'text', text: 'Logistics' } } }] });
    expect(rules(filed('金融業'), u('/cases/x/'))).toEqual(['other-industry']);
    expect(rules(filed('Retail & logistics'), u('/cases/x/'))).toEqual([]);
    expect(rules(filed('Grocery'), u('/cases/x/'))).toEqual([]);
    expect(rules(filed('Hospitality'), u('/cases/x/'))).toEqual(['other-industry']);
    expect(rules(filed('Restaurants & hospitality'), u('/cases/x/'))).toEqual([]);
  });

  it('counts a retail function\'s general terms (CRM, a data warehouse) as retail work, not generic IT', () => {
    const f = retailAwsStudy();
    f.retail.blocks = [{ hash: 'b', words: 100, weight: 1, hits: [
      { area: 'customer-engagement', term: 'CRM', specific: false }, { area: 'retail-data-science', term: 'data warehouse', specific: false },
      { area: 'business-applications', term: 'integration', specific: false }, { area: 'business-applications', term: 'migration', specific: false },
      { area: 'business-applications', term: 'backup', specific: false },
    ] }];
    expect(rules(site([page(u('/cases/x/'), { facts: f })]), u('/cases/x/'))).toEqual([]);
  });

  it('names a generic IT project only with fewer than two retail terms and more general IT than retail ones', () => {
    const hits = (specific: string[], general: string[]) => {
      const f = retailAwsStudy();
      f.retail.blocks = [{ hash: 'b', words: 100, weight: 1, hits: [...specific.map((term) => ({ area: 'stores' as const, term, specific: true })), ...general.map((term) => ({ area: 'business-applications' as const, term, specific: false }))] }];
      return site([page(u('/cases/x/'), { facts: f })]);
    };
    expect(judgementOf(hits(['pos'], ['backup', 'email']), u('/cases/x/')).notCounted).toEqual([{ rule: 'generic-it', values: { specific: ['pos'], general: ['backup', 'email'] } }]);
    expect(rules(hits(['pos'], ['backup']), u('/cases/x/'))).toEqual([]);
    expect(rules(hits(['pos', 'loyalty program'], ['backup', 'email', 'migration']), u('/cases/x/'))).toEqual([]);
  });

  it('calls a project generic IT when its retail words only describe the customer\'s trade and IT work fills the rest', () => {
    const story = (itParagraphs: number, workParagraphs: number) => {
      const f = retailAwsStudy();
      const profile = { hash: 'profile', words: 90, weight: 1, hits: [
        { area: 'merchandising-planning' as const, term: 'assortment', specific: true }, { area: 'customer-engagement' as const, term: 'loyalty program', specific: true },
        { area: 'supply-chain-distribution' as const, term: 'replenishment', specific: true }] };
      const it = (i: number) => ({ hash: `it${i}`, words: 60, weight: 1, hits: [{ area: 'business-applications' as const, term: i % 2 ? 'disaster recovery' : 'migration', specific: false }] });
      const work = (i: number) => ({ hash: `work${i}`, words: 60, weight: 1, hits: [{ area: 'stores' as const, term: 'pos', specific: true }] });
      f.retail.blocks = [profile, ...Array.from({ length: itParagraphs }, (_, i) => it(i)), ...Array.from({ length: workParagraphs }, (_, i) => work(i))];
      return site([page(u('/cases/x/'), { facts: f })]);
    };
    // One paragraph on what the customer sells, then four on failover and moving servers.
    expect(judgementOf(story(4, 0), u('/cases/x/'))).toMatchObject({ counted: false, unsure: true, notCounted: [{ rule: 'generic-it' }] });
    // The same profile, with as much retail work as IT work: retail work.
    expect(rules(story(4, 3), u('/cases/x/'))).toEqual([]);
    expect(rules(story(1, 0), u('/cases/x/'))).toEqual([]);
  });

  it('never calls work on a retailer\'s online shop generic IT: its platform names it, whatever share is payments and migration', () => {
    const build = (specific: string) => {
      const f = retailAwsStudy();
      f.retail.blocks = [{ hash: 'b', words: 100, weight: 1, hits: [{ area: 'business-applications', term: specific, specific: true },
        ...['payment gateway', 'integration', 'migration'].map((term) => ({ area: 'business-applications' as const, term, specific: false }))] }];
      return site([page(u('/portfolio/shop-rebuild/'), { facts: f })]);
    };
    for (const platform of ['Adobe Commerce', 'Shopify', 'commercetools', 'SHOPLINE']) expect(rules(build(platform), u('/portfolio/shop-rebuild/')), platform).toEqual([]);
    // An ERP named instead is a business application, not the shop: still generic IT.
    expect(rules(build('retail ERP'), u('/portfolio/shop-rebuild/'))).toEqual(['generic-it']);
  });

  it('counts each customer once, recording the story kept', () => {
    const of = (customer: string) => retailAwsStudy({ caseStudy: study({ customer, customerWebsite: null }) });
    const evidence = site([page(u('/cases/a/'), { facts: of('Contoso Grocers') }), page(u('/cases/b/'), { facts: of('Contoso Grocers Ltd.') })]);
    expect(judgementOf(evidence, u('/cases/b/')).notCounted).toEqual([{ rule: 'same-customer', values: { url: { type: 'url', url: u('/cases/a/') }, customer: { type: 'text', text: 'Contoso Grocers' } } }]);
    expect(judgementOf(evidence, u('/cases/a/')).counted).toBe(true);
  });

  it('reads AWS by rule: services beside another cloud, another cloud, services, a mention, nothing', () => {
    expect(readAws(['Amazon S3', 'AWS Lambda'], true, ['Microsoft Azure'])).toMatchObject({ aws: true, reason: { rule: 'aws.services-beside-other-cloud' } });
    expect(readAws(['Amazon S3'], true, ['Microsoft Azure'])).toMatchObject({ aws: false, reason: { rule: 'aws.other-cloud', values: { services: ['Amazon S3'], clouds: ['Microsoft Azure'] } } });
    expect(readAws(['Amazon S3'], false, [])).toMatchObject({ aws: true, reason: { rule: 'aws.services' } });
    expect(readAws([], true, [])).toMatchObject({ aws: true, reason: { rule: 'aws.mention' } });
    expect(readAws([], false, [])).toEqual({ aws: false, reason: { rule: 'aws.none' } });
  });

  it('says which outcome decided: found, too close to call, or pass', () => {
    const two = site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy() })]);
    expect(verdict('P2.2.1', two).outcome).toMatchObject({ id: 'P2.2.1.pass', values: { others: 0 } });
    const closeCall = site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy({ retail: 0.25 }) })]);
    expect(verdict('P2.2.1', closeCall)).toMatchObject({ status: 'review', outcome: { id: 'P2.2.1.too-close', values: { count: 1 } }, advice: [{ id: 'P2.2.1.advice.too-close' }] });
    const azure = site([page(u('/cases/a/'), { facts: retailAwsStudy({ services: [], mentionsAws: false }) })]);
    expect(verdict('P2.2.1', azure)).toMatchObject({ status: 'fail', advice: [{ id: 'P2.2.1.advice.publish' }, { id: 'P2.2.1.advice.name-aws', values: { count: 1 } }] });
  });
});

describe('P3.1 rules', () => {
  const practice = (extra: FactsSpec = {}) => facts({ type: 'practice', retail: 0.8, services: ['Amazon Personalize', 'Amazon S3'], title: 'Retail on AWS', ...extra });
  const generalist = [
    page(HOME, { facts: facts({ retail: 0.4, services: ['Amazon S3', 'AWS Lambda'], mentionsAws: true }) }),
    ...['/healthcare/', '/banking/'].map((p) => page(u(p), { facts: facts({ retail: 0.02 }) })),
  ];
  const stub = (extra: FactsSpec) => site([...generalist, page(u('/industries/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 0, ...extra }) })]);

  it('has five element rules, each recording how it decided', () => {
    expect(PRACTICE_ELEMENT_RULES.map((r) => r.id)).toEqual(['retailPractice', 'awsSolutions', 'useCases', 'technicalSolutions', 'caseStudyLinks']);
    const chosen = new Evaluation(site([...generalist, page(u('/retail/'), { facts: practice({ areaCount: 2 }) })]), ASOF).get(practiceChoice).chosen!;
    expect(chosen.elements).toMatchObject({
      retailPractice: { present: true, reason: { rule: 'practice.retail' } },
      awsSolutions: { present: true, reason: { rule: 'practice.aws.services', values: { services: ['Amazon Personalize', 'Amazon S3'] } } },
      useCases: { present: true, reason: { rule: 'practice.use-cases', values: { count: 2, needs: 2 } } },
      technicalSolutions: { present: true, reason: { rule: 'practice.technical', values: { count: 2, needs: 2 } } },
      caseStudyLinks: { present: false, reason: { rule: 'practice.links.none' } },
    });
    const oneArea = new Evaluation(site([...generalist, page(u('/retail/'), { facts: practice({ areaCount: 1, services: ['Amazon S3'] }) })]), ASOF).get(practiceChoice).chosen!;
    expect(oneArea.elements.useCases.present).toBe(false);
    expect(oneArea.elements.technicalSolutions.present).toBe(false);
  });

  it(`is a stub up to ${MAX_STUB_PRACTICE_WORDS} words and a thin page from one word more`, () => {
    expect(verdict('P3.1', stub({ words: MAX_STUB_PRACTICE_WORDS })).outcome).toMatchObject({ id: 'P3.1.stub', values: { words: MAX_STUB_PRACTICE_WORDS } });
    expect(verdict('P3.1', stub({ words: MAX_STUB_PRACTICE_WORDS + 1 })).outcome.id).toBe('P3.1.thin');
  });

  it('accepts the homepage only for a dedicated retail consultancy, any other page whatever the site', () => {
    const qualifyingHome = facts({ retail: 0.8, services: ['Amazon S3', 'AWS Lambda'], areaCount: 3, title: 'Retail on AWS' });
    const generalistSite = site([page(HOME, { facts: qualifyingHome }), ...['/healthcare/', '/banking/', '/about/'].map((p) => page(u(p), { facts: facts({ retail: 0.02 }) }))]);
    expect(verdict('P3.1', generalistSite)).toMatchObject({ status: 'fail', outcome: { id: 'P3.1.homepage-only', values: { dedicated: { reasons: [{ rule: 'practice.dedicated', values: { retailPages: 0, total: 3, offerings: false } }] } } } });
    const specialistSite = site([page(HOME, { facts: qualifyingHome }), ...['/grocery/', '/fashion/'].map((p) => page(u(p), { facts: facts({ retail: 0.7 }) }))]);
    expect(verdict('P3.1', specialistSite)).toMatchObject({ status: 'pass', outcome: { id: 'P3.1.found', values: { where: { id: 'P3.1.where.homepage' }, count: 0 } } });
    const withPracticePage = site([page(HOME, { facts: qualifyingHome }), ...['/healthcare/', '/banking/'].map((p) => page(u(p), { facts: facts({ retail: 0.02 }) })),
      page(u('/retail/'), { facts: practice({ areaCount: 3 }) })]);
    expect(new Evaluation(withPracticePage, ASOF).get(practiceChoice).chosen?.url).toBe(u('/retail/'));
  });

  it('needs both a retail focus and AWS to qualify: AWS on a borderline page is a review, retail without AWS a fail', () => {
    const borderline = site([...generalist, page(u('/retail/'), { facts: practice({ retail: 0.25 }) })]);
    expect(verdict('P3.1', borderline).outcome).toMatchObject({ id: 'P3.1.borderline', values: { url: { type: 'url', url: u('/retail/') } } });
    const noAws = site([...generalist, page(u('/retail/'), { facts: practice({ services: [], mentionsAws: false }) })]);
    expect(verdict('P3.1', noAws).outcome).toMatchObject({ id: 'P3.1.no-aws-practice', values: { aws: { reasons: [{ rule: 'practice.aws.none' }] } } });
  });

  it('prefers a reachable candidate and names one found only in the sitemap', () => {
    const sitemapOnly = site([...generalist, page(u('/retail/'), { path: null, facts: practice({ areaCount: 3 }) })]);
    expect(verdict('P3.1', sitemapOnly).outcome).toMatchObject({ id: 'P3.1.not-linked', values: { sitemapOnly: true } });
  });
});

describe('P3.2 and the other checks: outcomes by id', () => {
  const post = (published: string, extra: FactsSpec = {}) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.6, published: date(published), ...extra });

  it('passes on a confident date inside the window, reviews an inferred one, fails an old one with the newest date', () => {
    expect(verdict('P3.2', site([page(u('/blog/a/'), { facts: post('2025-11-29') })])).outcome).toMatchObject({ id: 'P3.2.pass', values: { newest: '2025-11-29' } });
    const inferred = { ...date('2026-09-01'), confidence: 0.3 };
    expect(verdict('P3.2', site([page(u('/blog/a/'), { facts: post('2026-09-01', { published: inferred }) })])).outcome).toMatchObject({ id: 'P3.2.inferred', values: { date: { type: 'date-fact', inferred: true } } });
    expect(verdict('P3.2', site([page(u('/blog/a/'), { facts: post('2025-11-28') })]))).toMatchObject({
      status: 'fail', outcome: { id: 'P3.2.old', values: { newest: { type: 'date-fact', date: '2025-11-28' } } }, advice: [{ id: 'P3.2.advice.publish', values: { months: 12 } }],
    });
  });

  it('records each item against the window by label, and its retail verdict', () => {
    const r = verdict('P3.2', site([page(u('/blog/a/'), { facts: post('2026-12-01') }), page(u('/blog/b/'), { facts: post('2026-01-01', { retail: 0.25 }) })]));
    expect(r.evidence.map((e) => [e.url, (e.values.window as { id: string }).id, (e.values.verdict as { id: string }).id])).toEqual([
      [u('/blog/a/'), 'after', 'retail'], [u('/blog/b/'), 'within', 'borderline'],
    ]);
    expect(r.outcome.id).toBe('P3.2.borderline');
  });

  it('P2.2.2 says how each counted study is reached', () => {
    const r = verdict('P2.2.2', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { path: null, facts: retailAwsStudy() })]));
    expect(r.evidence.map((e) => e.values.reach)).toEqual([
      { type: 'click-path', path: [HOME, u('/cases/a/')], foundVia: 'link' }, { type: 'click-path', path: null, foundVia: 'sitemap' },
    ]);
    expect(r.outcome).toMatchObject({ id: 'P2.2.2.not-linked', values: { urls: [{ type: 'url', url: u('/cases/b/') }] } });
  });

  it('P2.3 passes when every study has a category, fails when any has none', () => {
    const of = (delivery: 'msp' | 'project' | 'unknown') => retailAwsStudy({ caseStudy: study({ delivery }) });
    expect(verdict('P2.3', site([page(u('/cases/a/'), { facts: of('msp') }), page(u('/cases/b/'), { facts: of('project') })])).outcome).toMatchObject({ values: { msp: 1, project: 1, categorised: 2 } });
    expect(verdict('P2.3', site([page(u('/cases/a/'), { facts: of('msp') }), page(u('/cases/b/'), { facts: of('unknown') })])).status).toBe('fail');
    expect(verdict('P2.3', site([page(u('/cases/a/'), { facts: of('unknown') })])).status).toBe('fail');
  });

  it('P2.1 lists the elements each study shows and what completion the publish date proves', () => {
    const r = verdict('P2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy({ published: date('2025-05-28') }) }), page(u('/cases/b/'), { facts: retailAwsStudy({ published: date('2025-05-29') }) })]));
    expect(r.evidence.map((e) => (e.values.completion as { id: string }).id)).toEqual(['P2.1.completion.outside', 'P2.1.completion.within']);
    expect(r.outcome).toMatchObject({ id: 'P2.1.summary', values: { complete: 1, count: 2, withCompliance: 2 } });
    expect(r.advice).toMatchObject([{ id: 'P2.1.advice.gaps', values: { elements: { elements: [{ id: 'completedWithin18Months', present: false }] } } }]);
  });
});

describe('shared results', () => {
  it('word an unread page\'s reason by its kind', () => {
    expect(unreadReason({ kind: 'blocked', by: 'bot-protection' })).toEqual({ rule: 'unread.blocked', values: { by: { type: 'label', vocabulary: 'blocked-by', id: 'bot-protection' } } });
    expect(unreadReason({ kind: 'robots', detail: null })).toEqual({ rule: 'unread.robots', values: { detail: null } });
    expect(unreadReason({ kind: 'robots', detail: 'Disallow: /x' })).toEqual({ rule: 'unread.robots', values: { detail: { type: 'text', text: 'Disallow: /x' } } });
    expect(unreadReason({ kind: 'budget', limit: 'max-pages' })).toEqual({ rule: 'unread.budget', values: { limit: { type: 'label', vocabulary: 'budget', id: 'max-pages' } } });
    expect(unreadReason({ kind: 'error', error: 'HTTP 503' }).rule).toBe('unread.error');
    expect(unreadReason({ kind: 'needs-rendering', why: 'empty #root', browser: null }).rule).toBe('unread.needs-rendering');
  });

  it('drop advice from a pass, keep it otherwise', () => {
    const meta = { id: 'P9.9' as const, title: 't', requirement: 'r', informational: false };
    const advice = [{ id: 'advice.unread' as const }];
    expect(checkResult(meta, 'pass', { id: 'P3.1.none' }, [], advice).advice).toEqual([]);
    expect(checkResult(meta, 'review', { id: 'P3.1.none' }, [], advice).advice).toEqual(advice);
  });

  it('review an informational check with no counted study while case-study pages are unread, fail it otherwise', () => {
    const unread = site([], [{ url: u('/case-studies/'), reason: 'robots', detail: 'Disallow: /case-studies/', from: HOME }]);
    expect(verdict('P2.1', unread)).toMatchObject({ status: 'review', outcome: { id: 'outcome.no-study.unread', values: { toWhat: { id: 'P2.1.to-what' } } } });
    expect(verdict('P2.3', site([]))).toMatchObject({ status: 'fail', outcome: { id: 'outcome.no-study' }, advice: [{ id: 'P2.3.advice.publish' }] });
  });

  it('retail verdicts meet at the threshold and the borderline margin', () => {
    expect(retailVerdict(RETAIL_SCORE_THRESHOLD)).toBe('retail');
    expect(retailVerdict(RETAIL_SCORE_THRESHOLD - 0.001)).toBe('borderline');
    expect(retailVerdict(RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN)).toBe('borderline');
    expect(retailVerdict(RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN - 0.001)).toBe('not-retail');
  });
});

describe('the evaluation', () => {
  it('computes derived evidence once, freezes it, and refuses a check reading what it did not declare', () => {
    const evaluation = new Evaluation(site([page(u('/cases/a/'), { facts: retailAwsStudy() })]), ASOF);
    const first = evaluation.get(caseStudies);
    expect(evaluation.get(caseStudies)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
    expect(Object.isFrozen(evaluation.evidence.pages[0])).toBe(false);
    const sneaky = { ...CHECKS[0]!, inputs: [], id: 'P9.9' as const };
    const r = runCheck(sneaky, evaluation);
    expect(r).toMatchObject({ status: 'review', outcome: { id: 'outcome.check-error' } });
    expect(String(r.outcome.values?.error)).toContain('without declaring it');
  });

  it('refuses derived evidence that depends on itself', () => {
    const loop: ReturnType<typeof derived<number>> = derived('loop', (e) => e.get(loop) + 1);
    expect(() => new Evaluation(site([]), ASOF).get(loop)).toThrow(/depends on itself/);
  });

  it('reports the windows and thresholds it judged by', () => {
    const report = evaluate(site([]), ASOF);
    expect(report.windows).toEqual({ caseStudies: { months: 18, since: '2025-05-29' }, thoughtLeadership: { months: 12, since: '2025-11-29' } });
    expect(report.thresholds).toMatchObject({ retailScoreThreshold: 0.3, minPublicCaseStudies: 2, maxStubPracticeWords: MAX_STUB_PRACTICE_WORDS });
  });
});
