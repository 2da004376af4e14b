// P2.2.1's "each customer once" rule on literal evidence: how one customer is recognised across stories
// (its website's host, its name without company suffixes), what never identifies a customer (shared
// platforms, the partner's own site, labels read as names), and which of one customer's stories counts.

import { describe, expect, it } from 'vitest';
import type { CaseStudyFacts } from '../analyzers/types.ts';
import type { AnalyzedPage, SiteEvidence } from '../src/types.ts';
import { caseStudyJudgements, readAws } from '../src/checks/p2-2-1-public-case-studies.ts';
import { MIN_AWS_SERVICES_WHEN_OTHER_CLOUD } from '../src/checks/thresholds.ts';
import { Evaluation } from '../src/evidence/evaluation.ts';
import { ASOF, date, HOME, page, retailAwsStudy, site, study, u, verdict, type FactsSpec } from './support/site-builder.ts';

const judgements = (evidence: SiteEvidence) => new Evaluation(evidence, ASOF).get(caseStudyJudgements);
const countedUrls = (evidence: SiteEvidence) => judgements(evidence).filter((j) => j.counted).map((j) => j.study.url).sort();
/** A retail AWS story of `customer` (its website, when given) at `path`. */
const story = (path: string, customer: string | null, customerWebsite: string | null = null, over: Partial<CaseStudyFacts> = {}, extra: FactsSpec = {}): AnalyzedPage =>
  page(u(path), { facts: retailAwsStudy({ caseStudy: study({ customer, customerWebsite, ...over }), ...extra }) });

describe('P2.2.1 one customer, one story', () => {
  it('knows a customer by its website, with or without www', () => {
    const evidence = site([story('/cases/a/', 'Contoso', 'https://www.contoso.example/'), story('/cases/b/', 'Contoso Retail Holdings', 'https://contoso.example/shop/')]);
    expect(countedUrls(evidence)).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', 'Contoso', 'https://www2.contoso.example/'), story('/cases/b/', 'Contoso Retail Holdings', 'https://contoso.example/')]))).toHaveLength(1);
    expect(judgements(evidence).find((j) => !j.counted)?.notCounted).toMatchObject([{ rule: 'same-customer', values: { customer: { type: 'text' } } }]);
  });

  it('knows a customer by its name without company suffixes, in English and Chinese', () => {
    expect(countedUrls(site([story('/cases/a/', 'Contoso Ltd.'), story('/cases/b/', 'CONTOSO Inc')]))).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', '全聯實業股份有限公司'), story('/cases/b/', '全聯實業')]))).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', 'Contoso Corp'), story('/cases/b/', 'Contoso Corporation'), story('/cases/c/', 'Contoso S.A.'), story('/cases/d/', 'Contoso SA')]))).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', 'HP'), story('/cases/b/', 'hp inc.')]))).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', 'Acme Customer'), story('/cases/b/', 'ACME customer')]))).toHaveLength(1);
    expect(countedUrls(site([story('/cases/a/', 'Contoso'), story('/cases/b/', 'Fabrikam')]))).toHaveLength(2);
  });

  it('joins stories through a third that shares a name with one and a website with the other', () => {
    const evidence = site([
      story('/cases/a/', 'Contoso'), story('/cases/b/', 'Contoso Group', 'https://contoso-shop.example/'), story('/cases/c/', 'Contoso Shop', 'https://contoso-shop.example/'),
    ]);
    expect(countedUrls(evidence)).toHaveLength(1);
  });

  it('takes no shared platform, no page of the partner\'s own site and no label for a customer', () => {
    expect(countedUrls(site([story('/cases/a/', 'Contoso', 'https://www.facebook.com/contoso'), story('/cases/b/', 'Fabrikam', 'https://www.facebook.com/fabrikam')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'Contoso', u('/clients/contoso/')), story('/cases/b/', 'Fabrikam', u('/clients/fabrikam/'))]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'Contoso', 'https://shop.partner.test/contoso'), story('/cases/b/', 'Fabrikam', 'https://shop.partner.test/fabrikam')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'Client'), story('/cases/b/', 'Client')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'The Customer'), story('/cases/b/', 'the customer')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'Retailer Inc'), story('/cases/b/', 'Retailer')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', '客戶'), story('/cases/b/', '客戶')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'X Ltd'), story('/cases/b/', 'X Inc')]))).toHaveLength(2);
    expect(countedUrls(site([story('/cases/a/', 'Contoso', 'not a url'), story('/cases/b/', 'Fabrikam', 'not a url')]))).toHaveLength(2);
  });

  it('keeps the reachable story, then the fuller one, then the first published, then the first address', () => {
    const reachable = site([page(u('/cases/a/'), { path: null, facts: retailAwsStudy({ caseStudy: study({ customer: 'Contoso', customerWebsite: null }) }) }), story('/cases/b/', 'Contoso')]);
    expect(countedUrls(reachable)).toEqual([u('/cases/b/')]);
    const thin = study({ customer: 'Contoso', customerWebsite: null });
    const thinner = story('/cases/a/', 'Contoso', null, { elements: { ...thin.elements, compliance: { present: false, excerpt: null } } });
    expect(countedUrls(site([thinner, story('/cases/b/', 'Contoso')]))).toEqual([u('/cases/b/')]);
    expect(countedUrls(site([story('/cases/a/', 'Contoso', null, { delivery: 'unknown' }), story('/cases/b/', 'Contoso')]))).toEqual([u('/cases/b/')]);
    const later = story('/cases/a/', 'Contoso', null, {}, { published: date('2026-04-01') });
    const earlier = story('/cases/b/', 'Contoso', null, {}, { published: date('2026-02-01') });
    expect(countedUrls(site([later, earlier]))).toEqual([u('/cases/b/')]);
    expect(countedUrls(site([story('/cases/b/', 'Contoso', null, {}, { published: null }), story('/cases/a/', 'Contoso', null, {}, { published: date('2026-02-01') })]))).toEqual([u('/cases/a/')]);
    expect(countedUrls(site([story('/cases/b/', 'Contoso'), story('/cases/a/', 'Contoso')]))).toEqual([u('/cases/a/')]);
  });
});

describe('P2.2.1 AWS beside another cloud', () => {
  it(`counts a multi-cloud story from ${MIN_AWS_SERVICES_WHEN_OTHER_CLOUD} named AWS services, recording both`, () => {
    const services = ['Amazon S3', 'AWS Lambda', 'Amazon RDS'].slice(0, MIN_AWS_SERVICES_WHEN_OTHER_CLOUD);
    expect(readAws(services, false, ['Google Cloud'])).toEqual({ aws: true, reason: { rule: 'aws.services-beside-other-cloud', values: { services, clouds: ['Google Cloud'] } } });
    expect(readAws(services.slice(1), true, ['Google Cloud']).aws).toBe(false);
    expect(readAws(['Amazon S3'], false, [])).toEqual({ aws: true, reason: { rule: 'aws.services', values: { services: ['Amazon S3'] } } });
  });
});

describe('P2.2.1 rules that need a story to apply', () => {
  const rulesOf = (evidence: SiteEvidence) => judgements(evidence)[0]!.notCounted.map((r) => r.rule);
  const parts = (present: string[], over: Partial<CaseStudyFacts> = {}) => {
    const s = study({ customer: null, customerWebsite: null, ...over });
    const elements = Object.fromEntries(Object.entries(s.elements).map(([id, e]) => [id, ['customerName', 'problem', 'solution', 'results'].includes(id) && !present.includes(id) ? { present: false, excerpt: null } : e]));
    return { ...s, elements: elements as typeof s.elements };
  };

  it('calls a story about nobody a how-to only when it tells a story', () => {
    expect(rulesOf(site([page(u('/cases/a/'), { facts: retailAwsStudy({ caseStudy: parts(['problem', 'solution']) }) })]))).toEqual(['no-customer']);
    expect(rulesOf(site([page(u('/cases/a/'), { facts: retailAwsStudy({ caseStudy: parts(['problem']) }) })]))).toEqual(['not-a-story']);
  });

  it('calls a project generic IT only when the story is retail', () => {
    const generic = (retail: number) => {
      const f = retailAwsStudy({ retail });
      f.retail.blocks = [{ hash: 'b', words: 100, weight: 1, hits: [{ area: 'stores', term: 'pos', specific: true }, ...['backup', 'email'].map((term) => ({ area: 'business-applications' as const, term, specific: false }))] }];
      return site([page(u('/cases/a/'), { facts: f })]);
    };
    expect(rulesOf(generic(0.8))).toEqual(['generic-it']);
    expect(rulesOf(generic(0.25))).toEqual(['borderline-retail']);
  });
});

describe('P2.2.1 outcome and rows', () => {
  it('passes naming how many it counted and how many others it listed; counted rows first, each with its typed values', () => {
    const evidence = site([story('/cases/z/', 'Contoso'), story('/cases/a/', 'Fabrikam', null, {}, { retail: 0.05 }), story('/cases/b/', 'Northwind')]);
    const r = verdict('P2.2.1', evidence);
    expect(r).toMatchObject({ status: 'pass', outcome: { id: 'P2.2.1.pass', values: { found: { id: 'P2.2.1.found', values: { count: 2, needs: 2 } }, others: 1 } }, advice: [] });
    expect(r.evidence.map((e) => e.url)).toEqual([u('/cases/b/'), u('/cases/z/'), u('/cases/a/')]);
    expect(r.evidence[1]).toMatchObject({
      kind: 'note.case-study', path: [HOME, u('/cases/z/')],
      values: {
        notCounted: null, format: { type: 'label', vocabulary: 'format', id: 'html' }, customer: { type: 'text', text: 'Contoso' }, attachments: null,
        published: { type: 'date-fact', date: '2026-03-05' }, aws: { reasons: [{ rule: 'aws.services' }] }, retail: { type: 'retail' },
      },
    });
    expect(r.evidence[2]!.values.notCounted).toMatchObject({ reasons: [{ rule: 'not-retail' }] });
    const anonymous = verdict('P2.2.1', site([story('/cases/a/', null, null, { anonymized: true }, { published: null })]));
    expect(anonymous.evidence[0]!.values).toMatchObject({ customer: null, published: null });
  });

  it('fails short of two, advising to name AWS only when retail stories lack it', () => {
    expect(verdict('P2.2.1', site([story('/cases/a/', 'Contoso')]))).toMatchObject({
      status: 'fail', outcome: { id: 'P2.2.1.found', values: { count: 1 } }, advice: [{ id: 'P2.2.1.advice.publish', values: { needs: 2 } }],
    });
    const notRetailNoAws = site([story('/cases/a/', 'Contoso', null, {}, { retail: 0.05, services: [], mentionsAws: false })]);
    expect(verdict('P2.2.1', notRetailNoAws).advice).toHaveLength(1);
  });
});
