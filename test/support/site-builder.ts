// Literal SiteEvidence for check tests: a few pages with exactly the facts a rule reads, no crawl.

import type { LinkRecord, SkippedUrl } from '../../crawlers/types.ts';
import type { CaseStudyFacts, DateFact, PageFacts, PageType, RetailAreaId, ThoughtLeadershipKind } from '../../analyzers/types.ts';
import { RETAIL_AREAS } from '../../analyzers/types.ts';
import type { AnalyzedPage, CheckId, SiteEvidence } from '../../src/types.ts';
import { CHECKS, runCheck } from '../../src/checks/index.ts';
import { withProse } from '../../src/evaluate.ts';
import { Evaluation } from '../../src/evidence/evaluation.ts';

export const HOME = 'https://www.partner.test/';
export const ASOF = '2026-11-29';

export function areas(value: number, count = 6): Record<RetailAreaId, number> {
  return Object.fromEntries(RETAIL_AREAS.map((a, i) => [a, i < count ? value : 0])) as Record<RetailAreaId, number>;
}

export function date(d: string, source: DateFact['source'] = 'json-ld'): DateFact {
  return { date: d, source, rule: `${source}:test`, confidence: 0.9, raw: d };
}

// Each study is of its own customer unless a test says otherwise: the checks count unique customers.
let studies = 0;

export function study(over: Partial<CaseStudyFacts> = {}): CaseStudyFacts {
  const yes = (excerpt: string) => ({ present: true, excerpt });
  const customer = over.customer === undefined ? `Contoso Grocers ${++studies}` : over.customer;
  const customerWebsite = over.customerWebsite === undefined
    ? customer && `https://${customer.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/`
    : over.customerWebsite;
  return {
    customer,
    anonymized: false,
    customerWebsite,
    elements: {
      customerName: yes(customer ?? 'a retailer'), customerWebsite: yes(customerWebsite ?? 'none'), problem: yes('The challenge'),
      solution: yes('We built'), awsServices: yes('Amazon S3'), retailDomainKnowledge: yes('store replenishment'),
      thirdParty: yes('Shopify'), results: yes('32% fewer stockouts'), compliance: yes('PCI DSS'),
    },
    compliance: ['PCI DSS'],
    delivery: 'project',
    deliverySignals: { msp: [], project: ['go-live'] },
    thirdParty: ['Shopify'],
    validationSignals: {},
    ...over,
  };
}

export interface FactsSpec {
  type?: PageType;
  kind?: ThoughtLeadershipKind | null;
  retail?: number;
  areaCount?: number;
  services?: string[];
  mentionsAws?: boolean;
  otherClouds?: string[];
  published?: DateFact | null;
  modified?: DateFact | null;
  caseStudy?: CaseStudyFacts | null;
  title?: string;
  /** Main-content words (one boilerplate-free block); unknown when omitted. */
  words?: number;
}

export function facts(spec: FactsSpec = {}): PageFacts {
  const retail = spec.retail ?? 0;
  return {
    title: spec.title ?? 'Page',
    lang: 'en',
    description: null,
    dates: { published: spec.published ?? null, modified: spec.modified ?? null },
    classification: { type: spec.type ?? 'other', kind: spec.kind ?? null, confidence: 0.8, signals: ['test'] },
    retail: { areas: areas(retail > 0 ? 0.5 : 0, spec.areaCount ?? 6), score: retail, terms: { ...Object.fromEntries(RETAIL_AREAS.map((a) => [a, []])), generic: retail > 0 ? ['retail'] : [] } as unknown as PageFacts['retail']['terms'],
      ...(spec.words === undefined ? {} : { blocks: [{ hash: 'main', words: spec.words, weight: 1, hits: [] }] }) },
    awsServices: spec.services ?? [],
    mentionsAws: spec.mentionsAws ?? (spec.services ?? []).length > 0,
    otherClouds: spec.otherClouds ?? [],
    caseStudy: spec.caseStudy ?? (spec.type === 'case-study' ? study() : null),
    excerpt: '',
    error: null,
  };
}

export interface PageSpec {
  path?: string[] | null;
  finalUrl?: string;
  foundVia?: AnalyzedPage['foundVia'];
  /** Link targets in the main content, with anchor text where it matters. */
  links?: (string | { url: string; text: string })[];
  contentType?: string;
  canonical?: string | null;
  error?: string | null;
  facts?: PageFacts | null;
}

export function page(url: string, spec: PageSpec = {}): AnalyzedPage {
  const path = spec.path === undefined ? (url === HOME ? [HOME] : [HOME, url]) : spec.path;
  const links: LinkRecord[] = (spec.links ?? []).map((l) => ({ ...(typeof l === 'string' ? { url: l, text: '' } : l), region: 'main', internal: true }));
  return {
    url,
    finalUrl: spec.finalUrl ?? url,
    redirectChain: [],
    httpStatus: spec.error ? 500 : 200,
    contentType: spec.contentType ?? (url.endsWith('.pdf') ? 'application/pdf' : 'text/html'),
    charset: 'utf-8',
    headers: {},
    foundVia: spec.foundVia ?? (path ? (url === HOME ? 'start' : 'link') : 'sitemap'),
    depth: path ? path.length - 1 : null,
    anchorText: null,
    referrers: [],
    truncated: false,
    byteLength: 1000,
    rendered: false,
    renderReason: null,
    links,
    canonical: spec.canonical ?? null,
    error: spec.error ?? null,
    blocked: null,
    fetchedAt: '2026-11-29T00:00:00Z',
    durationMs: 10,
    path,
    facts: spec.error ? null : spec.facts === undefined ? facts() : spec.facts,
  };
}

export function site(pages: AnalyzedPage[], skipped: SkippedUrl[] = []): SiteEvidence {
  const all = pages.some((p) => p.url === HOME) ? pages : [page(HOME), ...pages];
  return {
    homepage: HOME,
    scopeDomain: 'partner.test',
    pages: all,
    skipped,
    outbound: [],
    retailCoverage: { areas: areas(0.3), overall: 0.3 },
    crawl: { pagesFetched: all.length, pagesRendered: 0, documents: 0, stoppedBy: 'done', renderUnavailable: null, durationMs: 1, startedAt: '2026-11-29T00:00:00Z' },
  };
}

export function check(id: CheckId, evidence: SiteEvidence, asOf = ASOF) {
  return withProse(runCheck(CHECKS.find((c) => c.id === id)!, new Evaluation(evidence, asOf)));
}

/** A check's structured verdict, no words: what rule-level tests assert on. */
export function verdict(id: CheckId, evidence: SiteEvidence, asOf = ASOF) {
  return runCheck(CHECKS.find((c) => c.id === id)!, new Evaluation(evidence, asOf));
}

export const u = (path: string) => new URL(path, HOME).href;
export const retailAwsStudy = (extra: FactsSpec = {}) => facts({ type: 'case-study', retail: 0.8, services: ['Amazon S3', 'AWS Lambda'], published: date('2026-03-05'), ...extra });

