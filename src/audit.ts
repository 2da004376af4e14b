// The audit pipeline: crawl the site, analyse each page as it arrives (in the analysis worker pool,
// then let its body go and park its facts out of the heap until the crawl ends, so memory stays flat), re-score
// retail without site boilerplate, gather SiteEvidence and evaluate the checks.

import type { CrawlEvents, CrawlOptions, PageRecord } from '../crawlers/types.ts';
import type { PageFacts } from '../analyzers/types.ts';
import { crawlSite } from '../crawlers/crawl.ts';
import { resolveCrawlOptions } from '../crawlers/options.ts';
import { siteCoverage } from '../analyzers/coverage.ts';
import type { AnalyzedPage, Report, SiteEvidence } from './types.ts';
import { linkPriorities } from './evidence/interests.ts';
import { monthsBefore } from './evidence/calendar.ts';
import { CASE_STUDY_WINDOW_MONTHS } from './checks/thresholds.ts';
import { isPdf } from './evidence/pages.ts';
import { evaluate } from './evaluate.ts';
import { sharedAnalysisPool } from './analysis-pool.ts';
import { FactsCompactor } from './compact-facts.ts';
import { FactsSpool } from './store/facts-spool.ts';
import { ProblemError } from './messages/index.ts';

export { evaluate };

export interface AuditEvents extends CrawlEvents {
  /** The crawl has ended and every page read is analysed; the evidence is gathered and judged next. */
  crawled?: () => void | Promise<void>;
}

export interface AuditOptions extends CrawlOptions {
  /** The audit date (YYYY-MM-DD) every window is measured from. Default: today (local calendar). */
  asOf: string;
}

/** Today's calendar date where the tool runs (a program manager's "today", not UTC's). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Throws a plain-words error unless `value` is a real calendar day written YYYY-MM-DD. */
export function validateAsOf(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new ProblemError('start.as-of', { value });
  }
  return value;
}

/**
 * Audit defaults in one place: the crawler's defaults, today's date, and the priority hint that spends
 * a limited page budget on retail, case-study, blog and industry links first. Validated.
 */
export function resolveAuditOptions(partial: Partial<AuditOptions> = {}): AuditOptions {
  const { asOf, ...crawl } = partial;
  // crawlers/options.ts validates the crawl options (a RangeError naming the bad one).
  const resolved = resolveCrawlOptions(crawl);
  const day = validateAsOf(asOf ?? today());
  // Posts older than every check's window (P2.1's is the longest) are archive to the crawl's hint.
  const archiveBefore = monthsBefore(day, CASE_STUDY_WINDOW_MONTHS);
  return { priority: linkPriorities(archiveBefore), ...resolved, asOf: day };
}

/** What the analysers are given for one crawled page. */
function pageInput(page: PageRecord) {
  return {
    url: page.url, finalUrl: page.finalUrl, contentType: page.contentType, html: page.body, bytes: page.bytes,
    headers: page.headers, links: page.links,
  };
}

function analysable(page: PageRecord): boolean {
  return page.error === null && page.blocked === null && (page.body !== null || page.bytes !== null);
}

/** The click path to a page ends at the page as the visitor sees it (after any redirect). */
function clickPath(paths: Record<string, string[]>, page: PageRecord): string[] | null {
  const direct = paths[page.finalUrl];
  if (direct) return direct;
  const viaLink = paths[page.url];
  if (!viaLink) return null;
  return viaLink[viaLink.length - 1] === page.finalUrl ? viaLink : [...viaLink.slice(0, -1), page.finalUrl];
}

/**
 * Crawls and analyses one site. Throws the crawler's CrawlStartError (plain words) when the homepage
 * cannot be fetched, and a RangeError for invalid options.
 */
export async function auditSite(
  url: string,
  options: Partial<AuditOptions> = {},
  events: AuditEvents = {},
  shared?: Parameters<typeof crawlSite>[3],
): Promise<{ report: Report; evidence: SiteEvidence }> {
  const { asOf, ...crawlOptions } = resolveAuditOptions(options);
  // Each page's facts by its address, parked in the spool while the crawl runs (nothing reads them before
  // it ends, and the analysis threads' heaps are still there beside the crawl's).
  const parked = new Map<string, number>();
  const spool = new FactsSpool();
  const analysis = sharedAnalysisPool();
  const result = await crawlSite(url, crawlOptions, {
    ...events,
    page: async (page) => {
      if (analysable(page)) parked.set(page.url, spool.park(await analysis.analyze(pageInput(page), asOf, crawlOptions.timeoutMs)));
      await events.page?.(page);
      page.body = null;
      page.bytes = null;
    },
  }, shared);
  await events.crawled?.();

  const compactor = new FactsCompactor();
  const pages: AnalyzedPage[] = result.pages.map(({ body: _body, bytes: _bytes, ...record }) => {
    const id = parked.get(record.url);
    return { ...record, path: clickPath(result.paths, record as PageRecord), facts: id === undefined ? null : compactor.facts(spool.unpark(id)) };
  });
  // Re-score every page without the blocks the site repeats everywhere (taglines, menus in main text);
  // each page's new terms and blocks go to the spool as they are made.
  const analysed = pages.filter((p): p is AnalyzedPage & { facts: PageFacts } => p.facts !== null);
  const coverage = siteCoverage(analysed.map((p) => p.facts), (score) => spool.retail(score));
  analysed.forEach((p, i) => { p.facts = { ...p.facts, siteRetail: coverage.pageScores[i]! }; });

  const evidence: SiteEvidence = {
    homepage: result.homepage,
    scopeDomain: result.scopeDomain,
    pages,
    skipped: result.skipped,
    outbound: result.outbound,
    retailCoverage: { areas: coverage.areas, overall: coverage.overall },
    crawl: {
      pagesFetched: pages.filter((p) => p.httpStatus !== null).length,
      pagesRendered: pages.filter((p) => p.rendered).length,
      documents: pages.filter((p) => isPdf(p) && p.facts !== null && p.facts.error === null).length,
      stoppedBy: result.stoppedBy,
      renderUnavailable: result.renderUnavailable,
      durationMs: result.durationMs,
      startedAt: result.startedAt,
    },
  };
  return { report: evaluate(evidence, asOf), evidence };
}
