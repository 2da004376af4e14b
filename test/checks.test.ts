// Lighthouse-style unit tests: each check run on literal SiteEvidence, asserting status and evidence.

import { describe, expect, it } from 'vitest';
import type { LinkRecord, SkippedUrl } from '../crawlers/types.ts';
import type { DateFact, PageFacts, RetailAreaId } from '../analyzers/types.ts';
import type { AnalyzedPage, CheckId, SiteEvidence } from '../src/types.ts';
import { runChecks } from '../src/checks/index.ts';
import { evaluate, withProse } from '../src/evaluate.ts';
import { Evaluation } from '../src/evidence/evaluation.ts';
import { monthsBefore, withinMonths } from '../src/evidence/calendar.ts';
import { linkPriority } from '../src/evidence/interests.ts';
import { ASOF, check, date, facts, HOME, page, retailAwsStudy, site, study, u, type FactsSpec } from './support/site-builder.ts';

describe('calendar windows', () => {
  it('subtracts calendar months and clamps to the month end', () => {
    expect(monthsBefore('2026-11-29', 12)).toBe('2025-11-29');
    expect(monthsBefore('2026-11-29', 18)).toBe('2025-05-29');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 13)).toBe('2024-12-15');
  });
  it('includes the cut-off day and the audit day, excludes the day before and future days', () => {
    expect(withinMonths('2025-11-29', ASOF, 12)).toBe(true);
    expect(withinMonths('2025-11-28', ASOF, 12)).toBe(false);
    expect(withinMonths(ASOF, ASOF, 12)).toBe(true);
    expect(withinMonths('2026-11-30', ASOF, 12)).toBe(false);
  });
});

describe('P2.2.1 public case studies', () => {
  it('does not count a how-to about no customer: a blog post beyond doubt in the blog, too close to call elsewhere', () => {
    const howTo = () => retailAwsStudy({ published: date('2026-10-01', 'meta'), caseStudy: study({ customer: null, customerWebsite: null, elements: { ...study().elements, customerName: { present: false, excerpt: null } } }) });
    const inBlog = site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/blog/checkout-latency/'), { facts: howTo() })]);
    const r = check('P2.2.1', inBlog);
    expect(r.status).toBe('fail');
    expect(r.evidence.find((e) => e.url === u('/blog/checkout-latency/'))!.note).toMatch(/not counted: names no customer/);
    // It is the partner's thought leadership instead.
    expect(check('P3.2', inBlog).status).toBe('pass');
    expect(check('P2.2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/checkout-latency/'), { facts: howTo() })])).status).toBe('review');
  });

  it('does not take an AWS service read from the title for the customer', () => {
    const f = retailAwsStudy({ services: ['Amazon DynamoDB'], caseStudy: study({ customer: 'Amazon DynamoDB' }) });
    const r = check('P2.2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/blog/dynamodb-checkout/'), { facts: f })]));
    expect(r.status).toBe('fail');
    expect(r.evidence.find((e) => e.url === u('/blog/dynamodb-checkout/'))!.note).toMatch(/names no customer/);
  });

  it('counts each customer once: a translation or a second story of the same customer adds no customer', () => {
    const of = (customer: string, website: string | null) => retailAwsStudy({ caseStudy: study({ customer, customerWebsite: website }) });
    const r = check('P2.2.1', site([
      page(u('/en/cases/harbor-fresh/'), { facts: of('Harbor Fresh Grocers', 'https://www.harborfresh.example/') }),
      page(u('/zh-tw/cases/harbor-fresh/'), { facts: of('港鮮超市', 'https://harborfresh.example/about') }),
      page(u('/en/cases/harbor-fresh-loyalty/'), { facts: of('Harbor Fresh Grocers Ltd.', null) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.evidence.filter((e) => e.note.startsWith('counted'))).toHaveLength(1);
    expect(r.evidence.filter((e) => /not counted: same customer as/.test(e.note))).toHaveLength(2);
    // A label read as the name ("Client") is nobody in particular: two such stories stay two.
    expect(check('P2.2.1', site([page(u('/cases/a/'), { facts: of('Client', null) }), page(u('/cases/b/'), { facts: of('The client', null) })])).status).toBe('pass');
    // A shared profile host (LinkedIn) is nobody's own website: two customers linking there stay two.
    expect(check('P2.2.1', site([
      page(u('/cases/a/'), { facts: of('Contoso Grocers', 'https://www.linkedin.com/company/contoso') }),
      page(u('/cases/b/'), { facts: of('Fabrikam Fashion', 'https://www.linkedin.com/company/fabrikam') }),
    ])).status).toBe('pass');
  });

  it('does not count a generic IT project for a retail customer (file servers, backups), reviewing it when it matters', () => {
    const withHits = (f: PageFacts, hits: [string, string, boolean][]) => {
      f.retail.blocks = [{ hash: 'b1', words: 120, weight: 1, hits: hits.map(([area, term, specific]) => ({ area: area as RetailAreaId | 'generic', term, specific })) }];
      return f;
    };
    const fileServers = withHits(retailAwsStudy(), [['generic', 'supermarket', true], ['stores', 'store', true], ['business-applications', 'backup', false], ['business-applications', 'migration', false]]);
    const r = check('P2.2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/file-servers/'), { facts: fileServers })]));
    expect(r.status).toBe('review');
    expect(r.evidence.find((e) => e.url === u('/cases/file-servers/'))!.note).toMatch(/little retail line-of-business work \(retail-specific: store; general IT: backup, migration\)/);
    // A short ecommerce story with a retail term and no general IT is a retail story.
    const checkout = withHits(retailAwsStudy(), [['generic', 'fashion retail', true], ['stores', 'store', true]]);
    expect(check('P2.2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/checkout/'), { facts: checkout })])).status).toBe('pass');
  });

  it('does not count announcements of projects still to be delivered, filed as case studies', () => {
    const noResults = study({ elements: { ...study().elements, results: { present: false, excerpt: null } } });
    const announced = (phrases: string[], caseStudy = noResults) => {
      const f = retailAwsStudy({ caseStudy });
      f.announcement = phrases;
      return f;
    };
    const r = check('P2.2.1', site([
      page(u('/success-stories/a-selects-us/'), { facts: announced(['announced today', 'has selected', 'expected to go live']) }),
      page(u('/success-stories/b-partnership/'), { facts: announced(['today announced', 'plan to use']) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.evidence[0]!.note).toMatch(/not counted: announces a project not yet delivered, with no results \("announced today", "has selected", "expected to go live"\)/);
    // One kind of announcement phrasing is not enough to be sure: too close to call.
    expect(check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: announced(['will use']) }),
    ])).status).toBe('review');
    // A story that reports results is a delivered project, whatever it says about the future.
    expect(check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: announced(['announced today', 'will roll out'], study()) }),
    ])).status).toBe('pass');
  });

  it('passes with two retail AWS case studies and lists others as not counted, with why', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy() }),
      page(u('/cases/bank/'), { facts: facts({ type: 'case-study', retail: 0.02, services: ['Amazon EC2'] }) }),
    ]));
    expect(r.status).toBe('pass');
    expect(r.recommendation).toBeNull();
    expect(r.evidence.filter((e) => e.note.startsWith('counted')).map((e) => e.url)).toEqual([u('/cases/a/'), u('/cases/b/')]);
    expect(r.evidence.find((e) => e.url === u('/cases/bank/'))!.note).toMatch(/not counted: not retail/);
  });

  it('does not count retail studies on another cloud, and fails saying so', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/azure/'), { facts: facts({ type: 'case-study', retail: 0.9, services: [], mentionsAws: true, otherClouds: ['Microsoft Azure'] }) }),
      page(u('/cases/gcp/'), { facts: facts({ type: 'case-study', retail: 0.9, services: ['Amazon S3'], otherClouds: ['Google Cloud'] }) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/^1 retail AWS case study found/);
    expect(r.evidence.find((e) => e.url === u('/cases/azure/'))!.note).toMatch(/not AWS \(primarily Microsoft Azure/);
    expect(r.evidence.find((e) => e.url === u('/cases/gcp/'))!.note).toMatch(/not AWS \(primarily Google Cloud/);
    expect(r.recommendation).toMatch(/do not show AWS/);
  });

  it('counts a multi-cloud study that names several AWS services', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/multi/'), { facts: retailAwsStudy({ otherClouds: ['Google Cloud'], services: ['Amazon S3', 'Amazon Redshift'] }) }),
    ]));
    expect(r.status).toBe('pass');
  });

  it('counts a PDF linked from a case-study page as part of that study, a standalone PDF on its own', () => {
    const pdf = u('/files/contoso.pdf');
    const contoso = () => retailAwsStudy({ caseStudy: study({ customer: 'Contoso Grocers' }) });
    const attached = site([
      page(u('/cases/contoso/'), { facts: contoso(), links: [pdf] }),
      page(pdf, { path: [HOME, u('/cases/contoso/'), pdf], facts: contoso() }),
    ]);
    const r1 = check('P2.2.1', attached);
    expect(r1.status).toBe('fail');
    expect(r1.evidence).toHaveLength(1);
    expect(r1.evidence[0]!.note).toContain(`with PDF ${pdf}`);

    const standalone = site([
      page(u('/cases/contoso/'), { facts: retailAwsStudy() }),
      page(u('/files/fabrikam.pdf'), { path: [HOME, u('/resources/'), u('/files/fabrikam.pdf')], facts: retailAwsStudy({ caseStudy: study({ customer: 'Fabrikam' }) }) }),
    ]);
    const r2 = check('P2.2.1', standalone);
    expect(r2.status).toBe('pass');
    expect(r2.evidence.map((e) => e.note.includes('PDF;') || e.note.includes('; PDF'))).toContain(true);
  });

  it('attaches a PDF without a customer only when it is plainly the same story', () => {
    const pdf = u('/files/story.pdf');
    const unnamed = (title: string) => retailAwsStudy({ title, caseStudy: study({ customer: null }) });
    const linkText = (evidence: SiteEvidence, text: string) => { evidence.pages.find((p) => p.url === u('/cases/contoso/'))!.links[0]!.text = text; return evidence; };
    const build = (pdfTitle: string) => site([
      page(u('/cases/contoso/'), { facts: retailAwsStudy({ title: 'Contoso Grocers cuts stockouts with AWS' }), links: [pdf] }),
      page(pdf, { facts: unnamed(pdfTitle) }),
    ]);
    expect(check('P2.2.1', build('Contoso Grocers cuts stockouts with AWS (PDF)')).evidence).toHaveLength(1);
    expect(check('P2.2.1', linkText(build('Case study'), 'Download the PDF version')).evidence).toHaveLength(1);
    expect(check('P2.2.1', linkText(build('Fabrikam Fashion personalises its storefront'), 'Read the Fabrikam story')).evidence).toHaveLength(2);
  });

  it('keeps a PDF of another customer separate even when the page links it', () => {
    const pdf = u('/files/other.pdf');
    const r = check('P2.2.1', site([
      page(u('/cases/contoso/'), { facts: retailAwsStudy(), links: [pdf] }),
      page(pdf, { facts: retailAwsStudy({ caseStudy: study({ customer: 'Wide World Importers' }) }) }),
    ]));
    expect(r.status).toBe('pass');
  });

  it('de-duplicates by final URL and by a canonical that points at another copy', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/old-cases/a'), { finalUrl: u('/cases/a/'), facts: retailAwsStudy() }),
      page(u('/cases/a/?lang=en'), { canonical: u('/cases/a/'), facts: retailAwsStudy() }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.evidence).toHaveLength(1);
  });

  it('does not merge studies whose canonical points at the homepage', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { canonical: HOME, facts: retailAwsStudy() }),
      page(u('/cases/b/'), { canonical: HOME, facts: retailAwsStudy() }),
    ]));
    expect(r.status).toBe('pass');
  });

  it('never counts an index of case studies (paginated, or linking to several studies) as a study', () => {
    const studies = ['/cases/a/', '/cases/b/', '/cases/c/', '/cases/d/'].map((p) => u(p));
    const r = check('P2.2.1', site([
      page(u('/customers/'), { facts: retailAwsStudy(), links: studies }),
      page(u('/customers/page/2/'), { facts: retailAwsStudy() }),
      ...studies.map((url) => page(url, { facts: retailAwsStudy(), links: [u('/customers/')] })),
    ]));
    expect(r.evidence.map((e) => e.url)).toEqual(studies);
  });

  it('is review, not pass, when the second study is borderline retail', () => {
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy({ retail: 0.25 }) }),
    ]));
    expect(r.status).toBe('review');
    expect(r.summary).toMatch(/borderline/);
  });

  it('does not count a "case study" that tells no customer story, and reviews when it would decide', () => {
    const no = { present: false, excerpt: null };
    const solutionPage = study({ customer: null, elements: { ...study().elements, customerName: no, problem: no, results: no } });
    const r = check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/retail-on-aws/'), { facts: retailAwsStudy({ caseStudy: solutionPage }) }),
    ]));
    expect(r.status).toBe('review');
    expect(r.evidence.find((e) => e.url === u('/cases/retail-on-aws/'))!.note).toMatch(/reads little like a customer story \(shows 1 of customer, problem, solution, results\)/);
    const anonymous = study({ customer: null, anonymized: true, elements: { ...study().elements, customerName: no, results: no } });
    expect(check('P2.2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: anonymous }) }),
    ])).status).toBe('pass');
  });

  it('is review, not fail, when case-study pages were blocked by robots.txt or failed', () => {
    const r = check('P2.2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() })], [
      { url: u('/customers/b/'), reason: 'robots', detail: 'Disallow: /customers/', from: HOME },
    ]));
    expect(r.status).toBe('review');
    expect(r.summary).toContain(u('/customers/b/'));
    expect(r.evidence.some((e) => e.note.includes('robots.txt'))).toBe(true);

    const failed = check('P2.2.1', site([page(u('/case-studies/x/'), { error: 'HTTP 500' })]));
    expect(failed.status).toBe('review');
    expect(failed.summary).toContain(u('/case-studies/x/'));
  });

  it('is review, not fail, when the page budget stopped the crawl with links left unvisited that could hold what the check needs', () => {
    const cut = (path: string) => [{ url: u(path), reason: 'max-pages' as const, detail: 'the 300-page limit was reached', from: u('/industries/retail/') }];
    const stopped = (path: string) => ({ ...site([page(u('/industries/retail/'))], cut(path)), crawl: { ...site([]).crawl, stoppedBy: 'max-pages' as const } });
    for (const id of ['P2.2.1', 'P2.2.2'] as CheckId[]) {
      const r = check(id, stopped('/projects/'));
      expect(r.status, id).toBe('review');
      expect(r.summary, id).toContain(u('/projects/'));
      expect(r.recommendation, id).toMatch(/raise --max-pages/);
    }
    // An address that says nothing of what it holds may hold anything; one that names another topic
    // is judged by its words (project pages hold no posts).
    expect(check('P3.2', stopped('/p/4711')).status).toBe('review');
    // The root's index document under another spelling is the homepage, read first: it hides nothing.
    expect(check('P3.2', stopped('/index/')).status).toBe('fail');
    expect(check('P3.2', stopped('/index.php')).status).toBe('fail');
    expect(check('P3.2', stopped('/node/index/')).status).toBe('review');
    expect(check('P3.2', stopped('/projects/')).status).toBe('fail');
    expect(check('P2.2.1', stopped('/bigdata/data-lake/')).status).toBe('fail');
    // A crawl that finished has no such doubt.
    expect(check('P2.2.1', site([page(u('/industries/retail/'))])).status).toBe('fail');
  });

  it('lists a PDF that tells no customer story and names no customer (a solution brief) as a whitepaper, never as a counted study', () => {
    const no = { present: false, excerpt: null };
    const brief = study({ customer: null, customerWebsite: null });
    brief.elements = { ...brief.elements, customerName: no, customerWebsite: no, solution: no, results: no };
    const briefPdf = u('/assets/retail-forecasting-brief.pdf');
    const otherPdf = u('/assets/clinic-story.pdf');
    const evidence = site([
      page(briefPdf, { facts: retailAwsStudy({ caseStudy: brief, published: date('2026-08-04', 'pdf') }) }),
      page(otherPdf, { facts: facts({ type: 'case-study', retail: 0.05, services: ['Amazon S3'], published: date('2026-06-05', 'pdf') }) }),
    ]);
    const report = evaluate(evidence, ASOF);
    expect(report.caseStudies.find((c) => c.url === briefPdf)?.counted).toBe(false);
    expect(report.thoughtLeadership.find((t) => t.url === briefPdf)).toMatchObject({ kind: 'whitepaper', published: '2026-08-04', withinWindow: true });
    // A customer's story that is not counted (not retail) is still a story, not the partner's paper.
    expect(report.thoughtLeadership.find((t) => t.url === otherPdf)).toBeUndefined();
  });

  it('fails with no case studies at all and tells what to publish', () => {
    const r = check('P2.2.1', site([page(u('/about/'))]));
    expect(r.status).toBe('fail');
    expect(r.recommendation).toMatch(/Publish at least 2/);
  });
});

describe('customer stories on another domain', () => {
  const withOutbound = (pages: AnalyzedPage[], outbound: SiteEvidence['outbound']) => ({ ...site(pages), outbound });
  const groupStories = [
    { url: 'https://stories.partner-group.test/retail/oakridge/', from: HOME, text: 'Oakridge Market: fresh forecasting' },
    { url: 'https://stories.partner-group.test/', from: u('/retail/'), text: 'Customer stories' },
  ];

  it('are review, not fail, for P2.2.1, P2.2.2, P2.1 and P2.3, naming the links and the other domain', () => {
    const evidence = withOutbound([page(u('/retail/'))], groupStories);
    for (const id of ['P2.2.1', 'P2.2.2', 'P2.1', 'P2.3'] as CheckId[]) {
      const r = check(id, evidence);
      expect(r.status, id).toBe('review');
      expect(r.summary, id).toMatch(/stories\.partner-group\.test.*another domain the audit does not read/);
      expect(r.evidence.map((e) => e.url), id).toContain('https://stories.partner-group.test/retail/oakridge/');
      expect(r.recommendation, id).toMatch(/confirm it belongs to the partner/);
    }
  });

  it('include case studies published on AWS\'s own site, which the audit cannot read either', () => {
    const evidence = withOutbound([page(u('/retail/'))], [
      { url: 'https://aws.amazon.com/solutions/case-studies/oakridge-market/', from: u('/retail/'), text: 'Read the story' },
      { url: 'https://aws.amazon.com/retail/', from: HOME, text: 'AWS for retail' },
    ]);
    const r = check('P2.2.1', evidence);
    expect(r.status).toBe('review');
    expect(r.evidence.map((e) => e.url)).toEqual(['https://aws.amazon.com/solutions/case-studies/oakridge-market/']);
  });

  it('do not turn a pass into review, nor count as found', () => {
    const evidence = withOutbound([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy() })], groupStories);
    expect(check('P2.2.1', evidence).status).toBe('pass');
    expect(evaluate(evidence, ASOF).caseStudies.every((c) => c.url.startsWith(HOME))).toBe(true);
  });

  it('leave a fail alone when the links are to shared platforms, a customer portal, or only on unreachable pages', () => {
    const cases = withOutbound([page(u('/orphan/'), { path: null })], [
      { url: 'https://www.linkedin.com/company/partner/case-studies/', from: HOME, text: 'Case studies on LinkedIn' },
      { url: 'https://portal.partner-cloud.test/login', from: HOME, text: 'Customer login' },
      { url: 'https://stories.partner-group.test/', from: u('/orphan/'), text: 'Customer stories' },
      { url: 'https://partner.test.example/', from: HOME, text: 'Our cases' },
    ]);
    for (const id of ['P2.2.1', 'P2.2.2', 'P2.1', 'P2.3'] as CheckId[]) expect(check(id, cases).status, id).toBe('fail');
  });
});

describe('P2.2.2 reachable case studies', () => {
  it('passes when two counted studies have click paths, and shows them', () => {
    const r = check('P2.2.2', site([
      page(u('/cases/a/'), { path: [HOME, u('/cases/'), u('/cases/a/')], facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy() }),
    ]));
    expect(r.status).toBe('pass');
    expect(r.evidence[0]!.path).toEqual([HOME, u('/cases/'), u('/cases/a/')]);
    expect(r.evidence[0]!.note).toMatch(/2 clicks/);
  });

  it('fails naming the sitemap-only study and telling them to link it', () => {
    const r = check('P2.2.2', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/hidden/'), { path: null, foundVia: 'sitemap', facts: retailAwsStudy() }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.summary).toContain(u('/cases/hidden/'));
    expect(r.evidence.find((e) => e.url === u('/cases/hidden/'))!.note).toMatch(/only in sitemap\.xml/);
    expect(r.recommendation).toContain(`Link ${u('/cases/hidden/')}`);
  });

  it('uses the shortest path among copies of the same study', () => {
    const r = check('P2.2.2', site([
      page(u('/cases/a/'), { path: null, foundVia: 'sitemap', facts: retailAwsStudy() }),
      page(u('/a'), { finalUrl: u('/cases/a/'), facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy() }),
    ]));
    expect(r.status).toBe('pass');
  });
});

describe('P3.2 thought leadership', () => {
  const post = (d: DateFact | null, extra: FactsSpec = {}) => facts({ type: 'thought-leadership', kind: 'blog', retail: 0.7, published: d, ...extra });

  it('passes with a retail post published within 12 months, counting from the cut-off day', () => {
    const r = check('P3.2', site([page(u('/blog/edge/'), { facts: post(date('2025-11-29')) })]));
    expect(r.status).toBe('pass');
    expect(r.summary).toMatch(/since 2025-11-29/);
    expect(r.evidence[0]!.note).toMatch(/published 2025-11-29 \(structured data /);
  });

  it('fails a stale blog whose posts were only updated recently, saying when the newest was published', () => {
    const r = check('P3.2', site([
      page(u('/blog/old/'), { facts: post(date('2025-11-28'), { modified: date('2026-11-01', 'meta') }) }),
      page(u('/blog/older/'), { facts: post(date('2024-06-01')) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/newest retail item was published 2025-11-28/);
    expect(r.recommendation).toMatch(/every 12 months.*Updating older posts does not count: 1 retail item updated recently was first published before 2025-11-29/);
    expect(r.evidence[0]!.note).toMatch(/updated 2026-11-01, which does not count/);
  });

  it('does not pass on an inferred date alone: a month-only URL or the nearest date in the text is review', () => {
    const inferred: DateFact = { date: '2026-09-01', source: 'url', rule: 'url:year-month', confidence: 0.2, raw: '/2026/09/' };
    const r = check('P3.2', site([page(u('/2026/09/omnichannel/'), { facts: post(inferred) })]));
    expect(r.status).toBe('review');
    expect(r.summary).toMatch(/inferred \(2026-09-01 \(the year and month in the page address, inferred\)\)/);
    expect(r.recommendation).toMatch(/publish date on every post/);
    const confirmed = check('P3.2', site([
      page(u('/2026/09/omnichannel/'), { facts: post(inferred) }),
      page(u('/blog/bopis/'), { facts: post(date('2026-02-10', 'meta')) }),
    ]));
    expect(confirmed.status).toBe('pass');
  });

  it('never takes the modified date for the publish date', () => {
    const r = check('P3.2', site([page(u('/blog/undated/'), { facts: post(null, { modified: date('2026-10-01', 'meta') }) })]));
    expect(r.status).toBe('review');
    expect(r.evidence[0]!.note).toMatch(/no publish date found \(updated 2026-10-01/);
    expect(r.recommendation).toMatch(/publish date/);
  });

  it('ignores non-retail and other-kind items, and fails when nothing retail is left', () => {
    const r = check('P3.2', site([
      page(u('/blog/bank/'), { facts: post(date('2026-10-01'), { retail: 0.05 }) }),
      page(u('/careers/'), { facts: post(date('2026-10-01'), { kind: 'other' }) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/No retail thought leadership/);
  });

  it('is review, not fail, when old dated retail items sit beside undated ones (an event dated only by when it happens, "3 weeks ago")', () => {
    const r = check('P3.2', site([
      page(u('/news/a/'), { facts: post(date('2024-01-01'), { kind: 'news' }) }),
      page(u('/events/workshop-2027/'), { facts: post(null, { kind: 'event' }) }),
    ]));
    expect(r.status).toBe('review');
    expect(r.summary).toMatch(/no dated retail item is recent, but 1 retail item without a findable publish date \(https:\/\/www\.partner\.test\/events\/workshop-2027\/\) may be/);
    expect(r.recommendation).toMatch(/publish date on every post/);
    const nonRetailUndated = check('P3.2', site([
      page(u('/news/a/'), { facts: post(date('2024-01-01'), { kind: 'news' }) }),
      page(u('/news/office/'), { facts: post(null, { kind: 'news', retail: 0.05 }) }),
    ]));
    expect(nonRetailUndated.status).toBe('fail');
  });

  it('never passes or fails on a date after the audit date (an upcoming workshop dated by when it happens): review', () => {
    const r = check('P3.2', site([
      page(u('/events/workshop-2027/'), { facts: post(date('2027-03-18'), { kind: 'event' }) }),
      page(u('/news/old/'), { facts: post(date('2024-01-01'), { kind: 'news' }) }),
    ]));
    expect(r.status).toBe('review');
    expect(r.summary).toMatch(/1 retail item dated after the audit date 2026-11-29 \(https:\/\/www\.partner\.test\/events\/workshop-2027\/ 2027-03-18\)/);
    expect(r.evidence.find((e) => e.url === u('/events/workshop-2027/'))!.note).toMatch(/after the audit date, outside/);
  });

  describe('thought leadership on other sites', () => {
    const oldPost = page(u('/news/old/'), { facts: post(date('2024-09-12'), { kind: 'news' }) });
    const withOutbound = (outbound: SiteEvidence['outbound']) => ({ ...site([oldPost]), outbound });

    it('makes a short P3.2 review, never fail: a Medium blog, a LinkedIn newsletter, recordings on YouTube and AWS events pages', () => {
      const r = check('P3.2', withOutbound([
        { url: 'https://medium.com/partner-cloud', from: HOME, text: 'Blog' },
        { url: 'https://www.linkedin.com/newsletters/retail-notes-7012345678901234567/', from: HOME, text: 'Newsletter' },
        { url: 'https://www.youtube.com/watch?v=abc123', from: u('/news/old/'), text: 'Retail media on AWS' },
        { url: 'https://aws.amazon.com/events/online-tech-talks/retail-inventory/', from: u('/news/old/'), text: 'Store inventory visibility' },
      ]));
      expect(r.status).toBe('review');
      expect(r.summary).toMatch(/links to 4 posts, recordings or events on medium\.com, www\.linkedin\.com, www\.youtube\.com, aws\.amazon\.com, which the audit does not read/);
      expect(r.evidence.map((e) => e.url)).toContain('https://www.youtube.com/watch?v=abc123');
      expect(r.recommendation).toMatch(/on your own site with a publish date/);
    });

    it('ignores profile and channel links, AWS pages named only by their anchor text, and links from pages without a click path', () => {
      const r = check('P3.2', withOutbound([
        { url: 'https://www.linkedin.com/company/partner-cloud/', from: HOME, text: 'LinkedIn' },
        { url: 'https://www.youtube.com/@partnercloud', from: HOME, text: 'YouTube' },
        { url: 'https://aws.amazon.com/blogs/', from: HOME, text: 'AWS Blog' },
        { url: 'https://medium.com/partner-cloud', from: u('/orphan/'), text: 'Blog' },
        { url: 'https://www.facebook.com/partnercloud', from: HOME, text: 'Facebook' },
      ]));
      expect(r.status).toBe('fail');
      const zh = check('P3.2', withOutbound([
        { url: 'https://www.facebook.com/partnercloud/posts/pfbid02abc', from: HOME, text: '零售論壇回顧' },
        { url: 'https://vocus.cc/article/64f0c1d2fd8978000164a1b2', from: HOME, text: '智慧零售' },
        { url: 'https://kktix.cc/events/retail-aws-2026', from: HOME, text: '報名' },
      ]));
      expect(zh.status).toBe('review');
      expect(zh.evidence.filter((e) => e.path === null)).toHaveLength(3);
    });

    it('counts a link labelled as a blog or webinars on another domain the partner runs, but never lets it pass', () => {
      const r = check('P3.2', withOutbound([{ url: 'https://insights.partner-brand.test/', from: HOME, text: 'Webinars' }]));
      expect(r.status).toBe('review');
      const pass = check('P3.2', { ...site([page(u('/blog/new/'), { facts: post(date('2026-10-01')) })]), outbound: [{ url: 'https://medium.com/p', from: HOME, text: 'Blog' }] });
      expect(pass.status).toBe('pass');
    });
  });

  it('moves with the audit date: the same post passes in 2026 and fails a year later', () => {
    const evidence = site([page(u('/events/retail-day/'), { facts: post(date('2026-05-01'), { kind: 'event' }) })]);
    expect(check('P3.2', evidence, '2026-11-29').status).toBe('pass');
    expect(check('P3.2', evidence, '2027-11-29').status).toBe('fail');
  });

  it('is review when blog pages could not be read', () => {
    const r = check('P3.2', site([page(u('/blog/old/'), { facts: post(date('2023-01-01')) })], [
      { url: u('/blog/new/'), reason: 'robots', detail: 'Disallow: /blog/new', from: u('/blog/') },
    ]));
    expect(r.status).toBe('review');
  });
});

describe('P3.1 practice page', () => {
  const practice = (extra: FactsSpec = {}) => facts({ type: 'practice', retail: 0.8, services: ['Amazon Personalize', 'Amazon S3'], title: 'Retail on AWS', ...extra });
  // A generalist: a homepage that mentions retail among other industries, and mostly non-retail pages.
  const generalist = [
    page(HOME, { facts: facts({ retail: 0.4, services: ['Amazon S3', 'AWS Lambda'], mentionsAws: true }) }),
    ...['/healthcare/', '/banking/', '/about/', '/careers/'].map((p) => page(u(p), { facts: facts({ retail: 0.02 }) })),
  ];

  it('passes with a reachable retail practice page and reports the five elements with how each was decided', () => {
    const evidence = site([
      ...generalist,
      page(u('/industries/retail/'), { path: [HOME, u('/industries/'), u('/industries/retail/')], facts: practice(), links: [u('/cases/a/')] }),
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/about/'), { facts: facts({ retail: 0.05 }) }),
    ]);
    const r = check('P3.1', evidence);
    expect(r.status).toBe('pass');
    expect(r.evidence[0]!.url).toBe(u('/industries/retail/'));
    expect(r.evidence[0]!.path).toEqual([HOME, u('/industries/'), u('/industries/retail/')]);
    const report = evaluate(evidence, ASOF);
    expect(report.practicePage).toMatchObject({
      url: u('/industries/retail/'), isHomepage: false,
      elements: { retailPractice: true, awsSolutions: true, useCases: true, technicalSolutions: true, caseStudyLinks: true },
    });
    expect(report.practicePage!.elementNotes.caseStudyLinks).toContain(u('/cases/a/'));
  });

  it('does not credit the page with AWS solutions named only in the titles of the case studies it links to', () => {
    const ownPitch = practice({ services: ['Amazon Personalize'], mentionsAws: true, title: 'Retail POS suite' });
    const evidence = site([
      ...generalist,
      page(u('/industries/retail/'), { facts: ownPitch, links: [{ url: u('/cases/a/'), text: 'Contoso Grocers moves loyalty to AWS with Amazon Personalize' }] }),
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
    ]);
    const r = check('P3.1', evidence);
    expect(r.status).toBe('fail');
    expect(r.summary).toContain('AWS named only in the titles of linked case studies');
    expect(r.evidence[0]!.note).toMatch(/AWS solutions: no .*technical solutions: no \(0 AWS services named outside case-study links/);
  });

  it('fails a practice page found only in the sitemap, naming it and saying to link it', () => {
    const r = check('P3.1', site([...generalist, page(u('/retail/'), { path: null, foundVia: 'sitemap', facts: practice() })]));
    expect(r.status).toBe('fail');
    expect(r.summary).toBe(`The retail practice page ${u('/retail/')} is listed only in sitemap.xml`);
    expect(r.recommendation).toContain(`Link ${u('/retail/')} from the homepage`);
  });

  it('prefers a reachable candidate over a better-scoring sitemap-only one', () => {
    const r = check('P3.1', site([
      ...generalist,
      page(u('/retail/'), { path: null, foundVia: 'sitemap', facts: practice({ retail: 0.95 }) }),
      page(u('/solutions/commerce/'), { facts: practice({ retail: 0.6 }) }),
    ]));
    expect(r.status).toBe('pass');
    expect(r.evidence[0]!.url).toBe(u('/solutions/commerce/'));
  });

  it('does not accept the homepage of a generalist', () => {
    const evidence = site([
      page(HOME, { facts: facts({ retail: 0.6, services: ['Amazon S3', 'AWS Lambda'] }) }),
      page(u('/healthcare/'), { facts: facts({ retail: 0.0 }) }),
      page(u('/banking/'), { facts: facts({ retail: 0.0 }) }),
      page(u('/about/'), { facts: facts({ retail: 0.1 }) }),
    ]);
    const r = check('P3.1', evidence);
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/homepage.*not accepted.*0 of 3 pages about retail/);
    expect(evaluate(evidence, ASOF).practicePage).toBeNull();
  });

  it('judges a generalist by its industry pages, not by a busy retail blog', () => {
    const evidence = site([
      page(HOME, { facts: facts({ retail: 0.9, services: ['Amazon S3', 'AWS Lambda'] }) }),
      page(u('/industries/healthcare/'), { facts: facts({ type: 'practice', retail: 0.0 }) }),
      page(u('/industries/banking/'), { facts: facts({ type: 'practice', retail: 0.0 }) }),
      ...[1, 2, 3, 4, 5].map((n) => page(u(`/blog/retail-${n}/`), { facts: facts({ type: 'thought-leadership', kind: 'blog', retail: 0.9 }) })),
    ]);
    const r = check('P3.1', evidence);
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/not a dedicated retail consultancy.*0 of 2 industry\/solution pages/);
  });

  it('does not take a post archive (WordPress /category/retail/, /tag/retail/, /topics/retail/) for the retail practice page', () => {
    for (const archive of ['/category/retail/', '/tag/retail/', '/topics/retail/', '/category/retail/page/2/']) {
      const r = check('P3.1', site([
        ...generalist,
        page(u(archive), { facts: facts({ type: 'listing', retail: 0.8, areaCount: 4, services: ['Amazon S3', 'Amazon Personalize', 'Amazon SageMaker'], title: 'Category: Retail' }) }),
      ]));
      expect(r.status, archive).toBe('fail');
      expect(r.evidence.map((e) => e.url), archive).not.toContain(u(archive));
    }
  });

  it('does not take an industries overview or a blog category for the retail practice page', () => {
    const r = check('P3.1', site([
      ...generalist,
      page(u('/industries/'), { facts: facts({ type: 'practice', retail: 0.7, services: ['Amazon S3', 'AWS Lambda'], title: 'Industries' }) }),
      page(u('/blog/category/retail/'), { facts: facts({ type: 'listing', retail: 0.8, services: ['Amazon S3', 'AWS Lambda'], title: 'Retail posts' }) }),
      page(u('/news/retail-award/'), { facts: facts({ type: 'other', retail: 0.8, services: ['Amazon S3', 'AWS Lambda'], title: 'We won a retail award' }) }),
    ]));
    expect(r.evidence.map((e) => e.url)).not.toContain(u('/news/retail-award/'));
    expect(r.status).toBe('fail');
    expect(r.evidence.map((e) => e.url)).not.toContain(u('/industries/'));
    expect(r.evidence.map((e) => e.url)).not.toContain(u('/blog/category/retail/'));
  });

  it('does not accept the homepage of a generalist that lists other industries, however busy its retail blog and news', () => {
    const home = facts({ retail: 0.6, services: ['Amazon S3', 'Amazon Redshift'] });
    home.otherIndustries = ['healthcare', 'financial services', 'manufacturing'];
    const pages = [
      page(HOME, { facts: home }),
      ...[1, 2, 3].map((n) => page(u(`/insights/retail-${n}/`), { facts: facts({ type: 'thought-leadership', kind: 'blog', retail: 0.9 }) })),
      page(u('/newsroom/retailer-partnership/'), { facts: facts({ type: 'thought-leadership', kind: 'news', retail: 0.9 }) }),
      page(u('/about/'), { facts: facts({ retail: 0.0 }) }),
      page(u('/contact/'), { facts: facts({ retail: 0.0 }) }),
    ];
    const r = check('P3.1', site(pages));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/not a dedicated retail consultancy.*homepage also names healthcare, financial services, manufacturing/);
    // The same site whose homepage names retail alone is judged a retail consultancy.
    home.otherIndustries = ['healthcare'];
    expect(check('P3.1', site(pages)).status).toBe('pass');
  });

  it('applies the homepage rule to the homepage under its index-document address (/index.html)', () => {
    const generalistHome = facts({ retail: 0.6, services: ['Amazon S3', 'AWS Lambda'], title: 'Retail, healthcare and banking cloud partner' });
    generalistHome.otherIndustries = ['healthcare', 'financial services'];
    const r = check('P3.1', site([
      page(HOME, { facts: generalistHome }),
      page(u('/index.html'), { facts: { ...generalistHome } }),
      page(u('/industries/healthcare/'), { facts: facts({ type: 'practice', retail: 0.0 }) }),
    ]));
    expect(r.status).toBe('fail');
    expect(r.evidence.find((e) => e.url === u('/index.html'))?.note).toMatch(/\(the homepage\)/);
  });

  it('accepts the homepage of a dedicated retail consultancy', () => {
    const evidence = site([
      page(HOME, { facts: facts({ retail: 0.8, services: ['Amazon S3', 'Amazon Personalize'] }), links: [u('/work/a/')] }),
      page(u('/services/'), { facts: facts({ retail: 0.7 }) }),
      page(u('/work/a/'), { facts: retailAwsStudy() }),
      page(u('/about/'), { facts: facts({ retail: 0.1 }) }),
    ]);
    const r = check('P3.1', evidence);
    expect(r.status).toBe('pass');
    expect(r.summary).toMatch(/the homepage \(a dedicated retail consultancy/);
    expect(evaluate(evidence, ASOF).practicePage).toMatchObject({ url: HOME, isHomepage: true, path: [HOME] });
  });

  it('fails a retail page that says nothing about AWS', () => {
    const r = check('P3.1', site([...generalist, page(u('/industries/retail/'), { facts: practice({ services: [], mentionsAws: false }) })]));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/does not present an AWS practice/);
  });

  it('counts links to case studies in the page content, not the site-wide menu', () => {
    const evidence = site([...generalist, page(u('/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 1 }), links: [u('/cases/a/')] }), page(u('/cases/a/'), { facts: retailAwsStudy() })]);
    evidence.pages.find((p) => p.url === u('/retail/'))!.links[0]!.region = 'nav';
    expect(evaluate(evidence, ASOF).practicePage!.elements.caseStudyLinks).toBe(false);
    evidence.pages.find((p) => p.url === u('/retail/'))!.links[0]!.region = 'main';
    expect(evaluate(evidence, ASOF).practicePage!.elements.caseStudyLinks).toBe(true);
  });

  it('does not take a link to a customers page of logos for a link to case studies, unless the page was not read', () => {
    const practicePage = () => page(u('/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 1 }), links: [u('/customers/')] });
    const logos = site([...generalist, practicePage(), page(u('/customers/'), { facts: facts({ type: 'listing' }), links: [u('/contact/')] })]);
    expect(evaluate(logos, ASOF).practicePage!.elements.caseStudyLinks).toBe(false);
    const index = site([...generalist, practicePage(), page(u('/customers/'), { facts: facts({ type: 'listing' }), links: [u('/customers/a/')] }), page(u('/customers/a/'), { facts: retailAwsStudy() })]);
    expect(evaluate(index, ASOF).practicePage!.elements.caseStudyLinks).toBe(true);
    const unread = site([...generalist, practicePage()]);
    expect(evaluate(unread, ASOF).practicePage!.elements.caseStudyLinks).toBe(true);
  });

  it('is review for a thin practice page that covers only retail and AWS', () => {
    const r = check('P3.1', site([...generalist, page(u('/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 1 }) })]));
    expect(r.status).toBe('review');
    expect(r.recommendation).toMatch(/retail use cases, technical solutions, links to customer case studies/);
  });

  it('fails a stub retail page (a few lines naming retail and AWS, nothing more), and never shows it as the practice page', () => {
    const stub = (extra: FactsSpec) => site([...generalist, page(u('/industries/retail/'), { facts: practice({ services: [], mentionsAws: true, areaCount: 0, ...extra }) })]);
    const r = check('P3.1', stub({ words: 27 }));
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/industries\/retail\/ is a stub \(27 words\)/);
    expect(evaluate(stub({ words: 27 }), ASOF).practicePage).toBeNull();
    // Longer, or naming an AWS service, or of unknown length: thin, not a stub, so a look (review).
    expect(check('P3.1', stub({ words: 400 })).status).toBe('review');
    expect(check('P3.1', stub({ words: 27, services: ['Amazon Personalize'] })).status).toBe('review');
    expect(check('P3.1', stub({})).status).toBe('review');
  });

  it('is review when practice-looking pages were blocked', () => {
    const r = check('P3.1', site(generalist, [{ url: u('/industries/retail/'), reason: 'robots', detail: 'Disallow: /industries/', from: HOME }]));
    expect(r.status).toBe('review');
    expect(r.summary).toContain(u('/industries/retail/'));
  });
});

describe('P2.1 case-study elements and P2.3 delivery', () => {
  it('reads every element with excerpts and decides completion from the publish date', () => {
    const evidence = site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy({ published: date('2025-05-28') }) }),
      page(u('/cases/c/'), { facts: retailAwsStudy({ published: null }) }),
    ]);
    const r = check('P2.1', evidence);
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(/^Every required element shown by 1 of 3 public case studies/);
    expect(r.evidence.find((e) => e.url === u('/cases/b/'))!.note).toMatch(/missing: completed within the case-study window.*more than 18 months/);
    expect(r.evidence.find((e) => e.url === u('/cases/c/'))!.note).toMatch(/no publish date found/);
    const report = evaluate(evidence, ASOF);
    const a = report.caseStudies.find((c) => c.url === u('/cases/a/'))!;
    expect(a.elements.completedWithin18Months).toEqual({ present: true, excerpt: '2026-03-05' });
    expect(a.elements.problem).toEqual({ present: true, excerpt: 'The challenge' });
    expect(report.caseStudies.find((c) => c.url === u('/cases/c/'))!.elements.completedWithin18Months.present).toBe(false);
  });

  it('passes with two complete studies stating compliance; an anonymised customer is no customer name', () => {
    const noThirdParty = study({ thirdParty: [], elements: { ...study().elements, thirdParty: { present: false, excerpt: null } } });
    const ok = check('P2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: noThirdParty }) })]));
    expect(ok.status).toBe('pass');
    const anon = check('P2.1', site([
      page(u('/cases/a/'), { facts: retailAwsStudy() }),
      page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: study({ customer: null, anonymized: true }) }) }),
    ]));
    expect(anon.status).toBe('fail');
    expect(anon.evidence[1]!.note).toMatch(/missing: customer name.*customer anonymised/);
  });

  it('needs compliance in two studies', () => {
    const noCompliance = study({ compliance: [], elements: { ...study().elements, compliance: { present: false, excerpt: null } } });
    const r = check('P2.1', site([page(u('/cases/a/'), { facts: retailAwsStudy() }), page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: noCompliance }) })]));
    expect(r.status).toBe('fail');
    expect(r.recommendation).toMatch(/compliance requirements/);
  });

  it('reports the delivery category with its signals', () => {
    const msp = study({ delivery: 'msp', deliverySignals: { msp: ['24/7 monitoring'], project: [] } });
    const r = check('P2.3', site([page(u('/cases/a/'), { facts: retailAwsStudy({ caseStudy: msp }) }), page(u('/cases/b/'), { facts: retailAwsStudy() })]));
    expect(r.status).toBe('pass');
    expect(r.summary).toBe('2 of 2 case studies suggest a category (1 MSP, 1 project)');
    expect(r.evidence[0]!.note).toBe('MSP (MSP signals: 24/7 monitoring)');
    const unknown = check('P2.3', site([page(u('/cases/a/'), { facts: retailAwsStudy({ caseStudy: study({ delivery: 'unknown', deliverySignals: { msp: [], project: [] } }) }) })]));
    expect(unknown.status).toBe('fail');
  });
});

describe('runner and report', () => {
  it('turns an exception inside a check into review naming the error, and the report still builds', () => {
    const broken = site([page(u('/cases/a/'), { facts: { ...retailAwsStudy(), retail: undefined as unknown as PageFacts['retail'] } })]);
    const r = check('P2.2.1', broken);
    expect(r.status).toBe('review');
    expect(r.summary).toMatch(/^The check could not run: .*(score|undefined)/);
    const report = evaluate(broken, ASOF);
    expect(report.checks.map((c) => c.id)).toEqual(['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']);
    expect(report.checks.find((c) => c.id === 'P2.2.1')!.status).toBe('review');
  });

  it('builds the verdict from the scored checks only', () => {
    const evidence = site([
      page(HOME, { facts: facts({ retail: 0.1 }) }),
      page(u('/industries/retail/'), { facts: facts({ type: 'practice', retail: 0.8, services: ['Amazon S3', 'AWS Lambda'] }), links: [u('/cases/a/')] }),
      page(u('/cases/a/'), { facts: retailAwsStudy({ caseStudy: study({ delivery: 'unknown', deliverySignals: { msp: [], project: [] } }) }) }),
      page(u('/cases/b/'), { facts: retailAwsStudy({ caseStudy: study({ delivery: 'unknown', deliverySignals: { msp: [], project: [] } }) }) }),
      page(u('/blog/x/'), { facts: facts({ type: 'thought-leadership', kind: 'blog', retail: 0.6, published: date('2026-10-01') }) }),
    ]);
    const report = evaluate(evidence, ASOF);
    expect(report.checks.find((c) => c.id === 'P2.3')!.status).toBe('fail');
    expect(report.verdict).toBe('pass');
    expect(report.thoughtLeadership[0]).toMatchObject({ url: u('/blog/x/'), retail: true, withinWindow: true, published: '2026-10-01', publishedSource: 'json-ld' });
    expect(runChecks(new Evaluation(evidence, ASOF)).map(withProse).map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'fail', 'pass', 'pass']);
  });

  it('ranks retail, case-study and blog links above others for the crawl budget', () => {
    const link = (url: string, text: string): LinkRecord => ({ url, text, region: 'nav', internal: true });
    const ranked = [link(u('/about/'), 'About'), link(u('/blog/'), 'Blog'), link(u('/industries/%E9%9B%B6%E5%94%AE/'), '零售業'), link(u('/case-studies/'), 'Case studies')]
      .sort((a, b) => linkPriority(b) - linkPriority(a)).map((l) => l.text);
    expect(ranked).toEqual(['零售業', 'Case studies', 'Blog', 'About']);
  });
});

describe('pages that could not be read', () => {
  it('treats a 404 as missing, not unread, but a 503 or a time-out as unread', () => {
    const gone = page(u('/case-studies/old/'), { error: 'HTTP 404' });
    gone.httpStatus = 404;
    expect(check('P2.2.1', site([gone])).status).toBe('fail');
    const down = page(u('/case-studies/new/'), { error: 'HTTP 503' });
    down.httpStatus = 503;
    expect(check('P2.2.1', site([down])).status).toBe('review');
  });

  it('makes every check review, not fail, when a large share of the site could not be read', () => {
    const blocked: SkippedUrl[] = ['/a/', '/b/', '/c/'].map((p) => ({ url: u(p), reason: 'robots', detail: 'Disallow: /', from: HOME }));
    const results = runChecks(new Evaluation(site([page(u('/about/'))], blocked), ASOF)).map(withProse);
    expect(results.map((r) => r.status)).toEqual(['review', 'review', 'review', 'review', 'review', 'review']);
  });
});

describe('script shells read without a browser', () => {
  it('are unread, so checks say review instead of a confident fail', () => {
    const shell = page(HOME, { facts: facts() });
    shell.renderReason = 'empty #root app shell (rendering off)';
    const evidence = site([shell]);
    const results = runChecks(new Evaluation(evidence, ASOF)).map(withProse);
    expect(results.map((r) => r.status)).toEqual(['review', 'review', 'review', 'review', 'review', 'review']);
    expect(results[1]!.evidence[0]!.note).toMatch(/needs JavaScript rendering \(empty #root app shell \(rendering off\)\)/);
  });
});
