// Page basics every piece of derived evidence uses: which pages can be trusted, which is the homepage,
// the shortest click path among copies of one document.

import type { PageFacts, RetailScore } from '../../analyzers/types.ts';
import type { AnalyzedPage, SiteEvidence } from '../types.ts';
import { indexDocumentDirectory } from '../../crawlers/url.ts';

/** A page whose facts were read: what every derived set is built from. */
export type ReadPage = AnalyzedPage & { facts: PageFacts };

/** Percent-decoded URL (zh paths are percent-encoded), falling back to the raw URL. */
export function readableUrl(url: string): string {
  try { return decodeURIComponent(url); } catch { return url; }
}

export function isPdf(page: AnalyzedPage): boolean {
  return page.contentType === 'application/pdf' || /\.pdf(\?|$)/i.test(page.finalUrl);
}

/** Fetched, analysed and fine: a page the checks can trust. */
export function readablePage(page: AnalyzedPage): page is ReadPage {
  return page.facts !== null && page.facts.error === null && page.error === null && page.blocked === null
    && (page.httpStatus === null || (page.httpStatus >= 200 && page.httpStatus < 300));
}

/** Shortest non-null click path among pages that are the same document (a copy: the record stays the caller's). */
export function bestPath(pages: readonly AnalyzedPage[]): string[] | null {
  let best: string[] | null = null;
  for (const p of pages) if (p.path && (!best || p.path.length < best.length)) best = p.path;
  return best && [...best];
}

/** Pages grouped by a key, in first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The homepage itself, or the same page under its index-document address (/index.html for /). */
export function isHomepageUrl(url: string, homepage: string): boolean {
  if (url === homepage) return true;
  try {
    const h = new URL(homepage);
    return h.pathname === '/' && !new URL(url).search && indexDocumentDirectory(url) === `${h.origin}/`;
  } catch {
    return false;
  }
}

/** The homepage's own record (the start URL may have redirected to it). */
export function homepageRecord(evidence: SiteEvidence): ReadPage | null {
  const page = evidence.pages.find((p) => p.finalUrl === evidence.homepage && p.facts !== null)
    ?? evidence.pages.find((p) => p.foundVia === 'start' && p.facts !== null);
  return page && readablePage(page) ? page : null;
}

/** A page's retail reading as the checks judge it: without the site's boilerplate (see PageFacts.siteRetail). */
export function siteRetail(facts: PageFacts): RetailScore {
  return facts.siteRetail ?? facts.retail;
}

/** The retail terms a page's score is made of, each once. */
export function retailTermsOf(facts: PageFacts): string[] {
  return [...new Set(Object.values(siteRetail(facts).terms).flat())];
}

/** Main-content words of a page (boilerplate-free retail blocks), null when the analyzer kept no blocks. */
export function contentWords(facts: PageFacts): number | null {
  const { blocks } = siteRetail(facts);
  return blocks ? blocks.reduce((n, b) => n + b.words, 0) : null;
}
