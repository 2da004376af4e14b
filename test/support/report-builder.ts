// Realistic Report objects for the renderer tests, with hostile crawled strings in every field a
// site controls (titles, excerpts, customer names, URLs, notes, errors), plus an empty report.

import type { Excerpted, CaseStudyElementId } from '../../analyzers/types.ts';
import type { CheckResult, Report, ReportCaseStudy } from '../../src/types.ts';

/** Each payload, if it ever ran, sets window.__pwned (and may call alert, which the tests watch). */
export const PAYLOADS = {
  script: `<script>window.__pwned = 'script'; alert('script')</script>`,
  img: `<img src=x onerror="window.__pwned='img';alert('img')">`,
  svg: `"><svg onload="window.__pwned='svg'">`,
  attr: `' onmouseover='window.__pwned=1' x='`,
  iframe: `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  style: `</style><script>window.__pwned='style'</script>`,
  title: `</title><script>window.__pwned='title'</script>`,
  external: `<img src="http://evil.test/beacon.png"><link rel=stylesheet href="http://evil.test/x.css">`,
  markdown: `| cell | split\n# Heading [click](javascript:alert(1)) ![x](http://evil.test/x.png) *bold* _em_ &lt;b&gt; <b>raw</b> $x$ ~~s~~`,
  jsUrl: `javascript:window.__pwned='href';alert('href')`,
};

const HOME = 'https://www.shoptech.test/';
const all = Object.values(PAYLOADS).join(' ');

function excerpted(present: boolean, excerpt: string | null): Excerpted {
  return { present, excerpt: present ? excerpt : null };
}

function elements(excerpt: string, missing: CaseStudyElementId[] = []): Record<CaseStudyElementId, Excerpted> {
  const ids: CaseStudyElementId[] = [
    'customerName', 'customerWebsite', 'problem', 'solution', 'awsServices',
    'retailDomainKnowledge', 'thirdParty', 'completedWithin18Months', 'results', 'compliance',
  ];
  return Object.fromEntries(ids.map((id) => [id, excerpted(!missing.includes(id), `${id}: ${excerpt}`)])) as Record<
    CaseStudyElementId,
    Excerpted
  >;
}

function check(id: CheckResult['id'], title: string, status: CheckResult['status'], informational: boolean, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title,
    status,
    outcome: { id: 'outcome.check-error', values: { error: `${title}: summary ${PAYLOADS.img}` } },
    validUntil: null,
    advice: status === 'pass' ? [] : [{ id: 'P3.1.advice.link', values: { url: { type: 'url', url: `${HOME}retail/${PAYLOADS.svg}` } } }],
    summary: `${title}: summary ${PAYLOADS.img}`,
    evidence: [
      {
        url: `${HOME}customers/acme-grocers/`,
        path: [HOME, `${HOME}customers/`, `${HOME}customers/acme-grocers/`],
        kind: 'note.off-site-stories',
        values: {
          from: { type: 'url', url: PAYLOADS.jsUrl },
          text: { type: 'text', text: `Note with ${PAYLOADS.script}` },
          published: { type: 'date-fact', date: '2026-03-05', source: 'meta', rule: `meta:${PAYLOADS.attr}`, inferred: true },
          notCounted: { type: 'reasons', reasons: [{ rule: 'same-customer', values: { url: { type: 'url', url: `${HOME}cases/${PAYLOADS.img}` }, customer: { type: 'text', text: PAYLOADS.iframe } } }] },
        },
        note: `Note with ${PAYLOADS.script}`,
      },
    ],
    recommendation: status === 'pass' ? null : `Link the page from the main navigation ${PAYLOADS.svg}`,
    informational,
    ...extra,
  };
}

export const caseStudy = (over: Partial<ReportCaseStudy>): ReportCaseStudy => ({
  url: `${HOME}customers/acme-grocers/`,
  title: `Acme Grocers moves checkout to AWS ${PAYLOADS.title}`,
  customer: `Acme Grocers ${PAYLOADS.img}`,
  format: 'html',
  retail: true,
  aws: true,
  reachable: true,
  path: [HOME, `${HOME}customers/`, `${HOME}customers/acme-grocers/`],
  published: '2026-03-05',
  publishedSource: 'json-ld',
  elements: elements(`Reduced checkout time by 40% ${PAYLOADS.iframe}`, ['thirdParty']),
  compliance: ['PCI DSS', `GDPR ${PAYLOADS.attr}`],
  delivery: 'msp',
  awsServices: ['Amazon S3', 'AWS Lambda', `Amazon ${PAYLOADS.script}`],
  customerRule: 'label',
  counted: true,
  notCounted: [],
  notCountedWhy: null,
  retailScore: 0.72,
  attachments: [`${HOME}files/acme-grocers.pdf`, PAYLOADS.jsUrl],
  ...over,
});

/** A full, failing report of a partner site whose crawled text is hostile everywhere. */
export function hostileReport(): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'partner-presence', version: '0.1.0' },
    homepage: HOME,
    asOf: '2026-11-29',
    windows: { caseStudies: { months: 18, since: '2025-05-29' }, thoughtLeadership: { months: 12, since: '2025-11-29' } },
    thresholds: { retailScoreThreshold: 0.3 },
    verdict: 'fail',
    validUntil: null,
    crawl: {
      pagesFetched: 42,
      pagesRendered: 3,
      documents: 1,
      blockedByRobots: [`${HOME}private/`, PAYLOADS.jsUrl],
      errors: [{ url: `${HOME}broken/`, error: `HTTP 500 ${PAYLOADS.script}` }],
      stoppedBy: 'done',
      renderUnavailable: `no browser ${PAYLOADS.img}`,
      durationMs: 12_345,
    },
    checks: [
      check('P2.1', 'Case-study elements', 'review', true),
      check('P2.2.1', 'Public retail case studies on AWS', 'pass', false),
      check('P2.2.2', 'Case studies reachable from the homepage', 'fail', false, {
        evidence: [
          { url: `${HOME}case-studies/hidden.pdf`, path: null, kind: 'note.reach', values: { reach: { type: 'click-path', path: null, foundVia: 'sitemap' } },
            note: `Only in sitemap.xml ${PAYLOADS.svg}` },
          { url: PAYLOADS.jsUrl, path: [HOME, PAYLOADS.jsUrl], kind: 'note.reach', values: { reach: { type: 'click-path', path: [HOME, PAYLOADS.jsUrl], foundVia: 'link' } },
            note: 'javascript link' },
        ],
      }),
      check('P2.3', 'Delivery category', 'pass', true),
      check('P3.1', 'Retail practice microsite', 'pass', false),
      check('P3.2', 'Retail thought leadership', 'review', false),
    ],
    practicePage: {
      url: 'https://retail.shoptech.test/',
      path: [HOME, `${HOME}industries/`, 'https://retail.shoptech.test/'],
      isHomepage: false,
      elements: { retailPractice: true, awsSolutions: true, useCases: true, technicalSolutions: false, caseStudyLinks: true },
      elementReasons: {
        retailPractice: { rule: 'practice.retail', values: { retail: { type: 'retail', score: 0.5, threshold: 0.3, terms: [PAYLOADS.img] } } },
        awsSolutions: { rule: 'practice.aws.services', values: { services: ['Amazon S3', PAYLOADS.script] } },
        useCases: { rule: 'practice.use-cases', values: { count: 3, of: 6, areas: ['stores'], needs: 2 } },
        technicalSolutions: { rule: 'practice.technical', values: { count: 1, needs: 2 } },
        caseStudyLinks: { rule: 'practice.links', values: { urls: [{ type: 'url', url: PAYLOADS.jsUrl }] } },
      },
      elementNotes: {
        retailPractice: `heading "Retail practice" ${PAYLOADS.img}`,
        awsSolutions: 'names Amazon S3, AWS Lambda',
        useCases: 'covers 3 of 6 retail areas',
        technicalSolutions: 'no architecture or technical solution described',
        caseStudyLinks: 'links 2 case studies',
      },
    },
    caseStudies: [
      caseStudy({}),
      caseStudy({
        url: `${HOME}case-studies/hidden.pdf`,
        title: `零售業成功案例 ${PAYLOADS.style}`,
        customer: null,
        format: 'pdf',
        reachable: false,
        path: null,
        published: null,
        publishedSource: null,
        attachments: [],
        delivery: 'project',
        compliance: [],
        awsServices: [],
      }),
      caseStudy({ url: PAYLOADS.jsUrl, title: `Azure story ${PAYLOADS.external}`, aws: false, counted: false,
        notCounted: [{ rule: 'not-aws', values: { aws: { type: 'reasons', reasons: [{ rule: 'aws.other-cloud', values: { clouds: [`Microsoft Azure ${PAYLOADS.svg}`], services: [] } }] } } }],
        notCountedWhy: `not AWS (primarily Microsoft Azure) ${PAYLOADS.svg}`, customer: `Contoso | ${PAYLOADS.markdown}` }),
    ],
    thoughtLeadership: [
      {
        url: `${HOME}blog/2026/05/omnichannel/`,
        title: `Omnichannel retail on AWS ${PAYLOADS.markdown}`,
        kind: 'blog',
        retail: true,
        published: '2026-05-01',
        publishedSource: 'meta',
        withinWindow: true,
        reachable: true,
        path: [HOME, `${HOME}blog/`, `${HOME}blog/2026/05/omnichannel/`],
        retailScore: 0.64,
        modified: '2026-10-01',
      },
      {
        url: PAYLOADS.jsUrl,
        title: `Webinar ${PAYLOADS.svg}`,
        kind: 'event',
        retail: true,
        published: null,
        publishedSource: null,
        withinWindow: false,
        reachable: false,
        path: null,
        retailScore: 0.3,
        modified: null,
      },
    ],
    retailCoverage: {
      areas: {
        'customer-engagement': 0.8,
        'merchandising-planning': 0.2,
        'supply-chain-distribution': 0.5,
        stores: 0.6,
        'retail-data-science': 0.05,
        'business-applications': 0,
      },
      overall: 0.43,
    },
    pages: [
      page(HOME, `ShopTech ${all}`, 0, 'other'),
      page(`${HOME}customers/`, `Customers ${PAYLOADS.title}`, 1, 'listing'),
      page(`${HOME}customers/acme-grocers/`, `Acme ${PAYLOADS.img}`, 2, 'case-study'),
      page('https://retail.shoptech.test/', `Retail practice ${PAYLOADS.svg}`, 2, 'practice'),
      { ...page(`${HOME}case-studies/hidden.pdf`, null, null, 'case-study'), foundVia: 'sitemap', path: null, contentType: 'application/pdf' },
      { ...page(`${HOME}broken/`, null, 3, 'other'), httpStatus: 500, error: `HTTP 500 ${PAYLOADS.script}` },
      page(PAYLOADS.jsUrl, `JS ${PAYLOADS.iframe}`, 3, 'other'),
    ],
  };
}

function page(url: string, title: string | null, depth: number | null, type: Report['pages'][number]['type']): Report['pages'][number] {
  return {
    url,
    finalUrl: url,
    httpStatus: 200,
    contentType: 'text/html',
    depth,
    path: depth === null ? null : [HOME, url],
    foundVia: depth === 0 ? 'start' : 'link',
    rendered: false,
    title,
    lang: 'en',
    type,
    published: null,
    publishedSource: null,
    retailScore: 0.37,
    error: null,
  };
}

/** A valid report with nothing found: empty arrays, nulls, zero coverage. */
export function emptyReport(): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'partner-presence', version: '0.1.0' },
    homepage: 'https://empty.test/',
    asOf: '2026-11-29',
    windows: { caseStudies: { months: 18, since: '2025-05-29' }, thoughtLeadership: { months: 12, since: '2025-11-29' } },
    thresholds: {},
    validUntil: null,
    verdict: 'review',
    crawl: { pagesFetched: 0, pagesRendered: 0, documents: 0, blockedByRobots: [], errors: [], stoppedBy: 'done', renderUnavailable: null, durationMs: 0 },
    checks: [],
    practicePage: null,
    caseStudies: [],
    thoughtLeadership: [],
    retailCoverage: {
      areas: {
        'customer-engagement': 0,
        'merchandising-planning': 0,
        'supply-chain-distribution': 0,
        stores: 0,
        'retail-data-science': 0,
        'business-applications': 0,
      },
      overall: 0,
    },
    pages: [],
  };
}
