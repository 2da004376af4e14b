// P2.1, P2.2.2 and P2.3 rule by rule on literal evidence: what makes a study complete, how a study is
// reached, what a short count means, and how delivery categories add up. Rule ids and values, no prose.

import { describe, expect, it } from 'vitest';
import type { CaseStudyFacts } from '../analyzers/types.ts';
import type { AnalyzedPage } from '../src/types.ts';
import { date, HOME, page, retailAwsStudy, site, study, u, verdict, type FactsSpec, type PageSpec } from './support/site-builder.ts';

const absent = { present: false, excerpt: null };
/** A counted retail AWS study at `path`, its story changed by `over`. */
const story = (path: string, over: Partial<CaseStudyFacts> = {}, extra: FactsSpec = {}, spec: PageSpec = {}): AnalyzedPage =>
  page(u(path), { ...spec, facts: retailAwsStudy({ caseStudy: study(over), ...extra }) });
const without = (...ids: (keyof CaseStudyFacts['elements'])[]): Partial<CaseStudyFacts> => {
  const s = study();
  return { elements: { ...s.elements, ...Object.fromEntries(ids.map((id) => [id, absent])) }, ...(ids.includes('compliance') ? { compliance: [] } : {}) };
};
const elementsOf = (r: ReturnType<typeof verdict>, url: string) =>
  Object.fromEntries(((r.evidence.find((e) => e.url === url)!.values.elements as unknown as { elements: { id: string; present: boolean }[] }).elements).map((e) => [e.id, e.present]));

describe('P2.1 case-study elements', () => {
  it('needs every element but third parties and compliance in each study, and compliance in two', () => {
    const r = verdict('P2.1', site([story('/cases/a/', without('thirdParty')), story('/cases/b/')]));
    expect(r).toMatchObject({ status: 'pass', outcome: { id: 'P2.1.summary', values: { complete: 2, count: 2, withCompliance: 2 } }, advice: [] });
    const oneCompliance = verdict('P2.1', site([story('/cases/a/', without('compliance')), story('/cases/b/')]));
    expect(oneCompliance).toMatchObject({ status: 'fail', outcome: { values: { complete: 2, withCompliance: 1 } }, advice: [{ id: 'P2.1.advice.compliance', values: { needs: 2 } }] });
    expect(verdict('P2.1', site([story('/cases/a/', without('results')), story('/cases/b/')])).outcome.values).toMatchObject({ complete: 1 });
  });

  it('advises on the elements missing most often first', () => {
    const r = verdict('P2.1', site([story('/cases/a/', without('results', 'problem')), story('/cases/b/', without('results')), story('/cases/c/', without('results', 'customerWebsite'))]));
    expect(r.advice[0]!.values?.elements).toMatchObject({ type: 'elements', set: 'case-study' });
    const gaps = (r.advice[0]!.values?.elements as unknown as { elements: { id: string; present: boolean }[] }).elements;
    expect(r.advice[0]!.id).toBe('P2.1.advice.gaps');
    expect(gaps[0]).toEqual({ id: 'results', present: false });
    expect(gaps.map((g) => g.id).sort()).toEqual(['customerWebsite', 'problem', 'results']);
    expect(r.advice).toHaveLength(1);
  });

  it('takes no completion from a study without a publish date, and no name from an anonymised customer', () => {
    const r = verdict('P2.1', site([story('/cases/a/', {}, { published: null }), story('/cases/b/', { anonymized: true })]));
    expect(elementsOf(r, u('/cases/a/'))).toMatchObject({ completedWithin18Months: false, customerName: true });
    expect(r.evidence.find((e) => e.url === u('/cases/a/'))!.values).toMatchObject({ completion: { id: 'P2.1.completion.none' }, anonymized: false, compliance: ['PCI DSS'] });
    expect(elementsOf(r, u('/cases/b/'))).toMatchObject({ completedWithin18Months: true, customerName: false });
    expect(r.evidence.find((e) => e.url === u('/cases/b/'))!.values).toMatchObject({ anonymized: true });
    const noCompliance = verdict('P2.1', site([story('/cases/a/', without('compliance'))]));
    expect(noCompliance.evidence[0]!.values.compliance).toBeNull();
    expect(noCompliance.evidence[0]!.values.elements).toMatchObject({ type: 'elements', set: 'case-study' });
  });

  it('takes the AWS services read from the page when the stored story has no such element', () => {
    const s = study();
    const { awsServices: _dropped, ...older } = s.elements;
    const r = verdict('P2.1', site([story('/cases/a/', { elements: older as typeof s.elements }, { services: ['Amazon S3', 'AWS Glue'] })]));
    const row = (r.evidence[0]!.values.elements as unknown as { elements: { id: string; present: boolean; excerpt: string | null }[] }).elements.find((e) => e.id === 'awsServices');
    expect(row).toEqual({ id: 'awsServices', present: true, excerpt: 'Amazon S3, AWS Glue' });
  });
});

describe('P2.2.2 reachable case studies', () => {
  it('says how each study is reached: a click path, a sitemap, or neither', () => {
    const r = verdict('P2.2.2', site([story('/cases/a/'), story('/cases/b/', {}, {}, { path: null }), story('/cases/c/', {}, {}, { path: null, foundVia: 'redirect' })]));
    expect(r.evidence.map((e) => (e.values.reach as { foundVia: string }).foundVia)).toEqual(['link', 'sitemap', 'none']);
    expect(r).toMatchObject({ status: 'fail', outcome: { id: 'P2.2.2.not-linked', values: { found: { values: { reachable: 1, count: 3, needs: 2 } } } }, advice: [{ id: 'P2.2.2.advice.link' }] });
    expect(r.outcome.values?.urls).toEqual([{ type: 'url', url: u('/cases/b/') }, { type: 'url', url: u('/cases/c/') }]);
  });

  it('says a study was found in a sitemap when any of its copies was', () => {
    const copies = [page(u('/cases/b/'), { path: null, foundVia: 'sitemap', facts: retailAwsStudy() }), page(u('/cases/b-old/'), { finalUrl: u('/cases/b/'), path: null, foundVia: 'redirect', facts: retailAwsStudy() })];
    const r = verdict('P2.2.2', site([story('/cases/a/'), ...copies]));
    expect(r.evidence.find((e) => e.url === u('/cases/b/'))!.values.reach).toMatchObject({ foundVia: 'sitemap' });
  });

  it('passes with two reachable studies', () => {
    expect(verdict('P2.2.2', site([story('/cases/a/'), story('/cases/b/')]))).toMatchObject({ status: 'pass', outcome: { id: 'P2.2.2.found', values: { reachable: 2 } }, advice: [] });
  });

  it('reviews when a reachable study too close to call would make two, listing it; an unreachable one would not', () => {
    const close = verdict('P2.2.2', site([story('/cases/a/'), story('/cases/b/', {}, { retail: 0.25 })]));
    expect(close).toMatchObject({ status: 'review', outcome: { id: 'P2.2.2.too-close', values: { count: 1 } }, advice: [{ id: 'P2.2.2.advice.too-close' }] });
    expect(close.evidence.at(-1)).toMatchObject({ url: u('/cases/b/'), kind: 'note.too-close', values: { notCounted: { reasons: [{ rule: 'borderline-retail' }] } } });
    const unreachable = verdict('P2.2.2', site([story('/cases/a/'), story('/cases/b/', {}, { retail: 0.25 }, { path: null })]));
    expect(unreachable).toMatchObject({ status: 'fail', outcome: { id: 'P2.2.2.found' }, advice: [{ id: 'P2.2.2.advice.publish' }] });
  });

  it('reviews while case-study pages are unread or stories are on another domain', () => {
    expect(verdict('P2.2.2', site([story('/cases/a/')], [{ url: u('/case-studies/'), reason: 'robots', detail: 'Disallow: /case-studies/', from: HOME }])).outcome.id).toBe('outcome.unread');
    const offSite = { ...site([story('/cases/a/')]), outbound: [{ url: 'https://stories.partner-group.test/case-studies/x/', from: HOME, text: 'Case study' }] };
    expect(verdict('P2.2.2', offSite).outcome.id).toBe('outcome.off-site');
  });
});

describe('P2.3 delivery category', () => {
  it('lists each study\'s category with the signals that decided it', () => {
    const r = verdict('P2.3', site([story('/cases/a/', { delivery: 'msp', deliverySignals: { msp: ['24/7 monitoring'], project: [] } })]));
    expect(r.evidence[0]).toMatchObject({ kind: 'note.delivery', values: { delivery: { type: 'label', id: 'msp' }, msp: [{ type: 'text', text: '24/7 monitoring' }], project: [] } });
  });

  it('passes when every study has one and fails when any has none, asking the partner to say which', () => {
    const of = (...kinds: ('msp' | 'project' | 'unknown')[]) => verdict('P2.3', site(kinds.map((delivery, i) => story(`/cases/${i}/`, { delivery }, { published: date('2026-03-05') }))));
    expect(of('msp', 'project', 'project')).toMatchObject({ status: 'pass', outcome: { values: { categorised: 3, count: 3, msp: 1, project: 2 } }, advice: [] });
    expect(of('msp', 'unknown')).toMatchObject({ status: 'fail', outcome: { values: { categorised: 1, count: 2, msp: 1, project: 0 } }, advice: [{ id: 'P2.3.advice.say' }] });
    expect(of('unknown', 'unknown')).toMatchObject({ status: 'fail', outcome: { values: { categorised: 0 } }, advice: [{ id: 'P2.3.advice.say' }] });
  });
});
