// Derived evidence: the pages that could be the retail practice microsite. Which one P3.1 accepts, the
// elements it shows and how candidates rank are P3.1's rules (src/checks/p3-1-practice-page.ts).

import type { PageType } from '../../analyzers/types.ts';
import type { AnalyzedPage } from '../types.ts';
import { isPaginatedUrl } from '../../crawlers/url.ts';
import { caseStudies } from './case-studies.ts';
import { derived } from './evaluation.ts';
import { interestsOf } from './interests.ts';
import { bestPath, groupBy, homepageRecord, isHomepageUrl, isPdf, readablePage, readableUrl, type ReadPage } from './pages.ts';

export interface PracticeCandidate {
  readonly page: ReadPage;
  readonly url: string;
  readonly path: string[] | null;
  /** The homepage (or its /index.html): P3.1 accepts it only for a dedicated retail consultancy. */
  readonly isHomepage: boolean;
  readonly type: PageType;
  /** Names retail in its address or title. */
  readonly namesRetail: boolean;
}

/** The address of an archive of posts by taxonomy, author or date (page n of any listing: isPaginatedUrl). */
const POST_ARCHIVE = /\/(?:category|categories|tags?|topics?|archives?|authors?|分類|標籤)\/|[?&](?:cat|tag|category|author)=|\/(?:19|20)\d{2}\/(?:0?[1-9]|1[0-2])\/?$/i;

/**
 * The address of a post, a story or an index of them (/blog/…, /case-studies/…, /news/2024/05/): such
 * a page names retail too, but its address says what it is, and so does a blog's archive of retail
 * posts (WordPress /category/retail/, /tag/retail/, ?cat=4). Never the practice page, read or unread.
 */
export function postOrStoryAddress(url: string): boolean {
  return interestsOf(url).some((i) => i !== 'practice') || POST_ARCHIVE.test(readableUrl(url)) || isPaginatedUrl(url);
}

/** A page dedicated to retail says so where a visitor looks first: in its address or its title. */
const RETAIL_NAMED = /retail|零售|consumer|commerce|cpg|fmcg|grocer|fashion|apparel|電商|電子商務|消費品|流通|百貨|量販/i;

/**
 * Pages that could be the retail practice microsite, in crawl order: pages that name retail in their
 * address or title, are practice, plain or index pages, and whose address is not that of a post, a
 * story or an index of them (/blog/, /news/, /case-studies/ …), plus the homepage (flagged). An
 * "Industries" page that gives retail one section among others does not name it, however often its
 * text says "retail": it is not dedicated to the retail practice. Case studies and posts are not candidates.
 */
export const practiceCandidates = derived('practice-candidates', ({ evidence }): readonly PracticeCandidate[] => {
  const home = homepageRecord(evidence);
  const copies = groupBy(evidence.pages, (p) => p.finalUrl);
  const seen = new Set<string>();
  const candidates: PracticeCandidate[] = [];
  for (const page of evidence.pages) {
    if (!readablePage(page) || isPdf(page) || seen.has(page.finalUrl)) continue;
    // /index.html is the homepage under another address: the homepage rule applies to it too.
    const isHomepage = page === home || isHomepageUrl(page.finalUrl, evidence.homepage);
    const type = page.facts.classification.type;
    const namesRetail = RETAIL_NAMED.test(`${readableUrl(page.finalUrl)} ${page.facts.title}`);
    const eligible = isHomepage || (namesRetail && !postOrStoryAddress(page.finalUrl) && (type === 'practice' || type === 'other' || type === 'listing'));
    if (!eligible) continue;
    seen.add(page.finalUrl);
    candidates.push({ page, url: page.finalUrl, path: bestPath(copies.get(page.finalUrl)!), isHomepage, type, namesRetail });
  }
  return candidates;
});

/** Where the site's case studies are, and every page by its address, for "links to case studies". */
export const caseStudyLinkTargets = derived('case-study-link-targets', (evaluation) => {
  const caseStudyUrls = new Set(evaluation.get(caseStudies).flatMap((c) => c.pages.flatMap((p) => [p.url, p.finalUrl])));
  const read = new Map<string, AnalyzedPage>();
  for (const p of evaluation.evidence.pages) for (const url of [p.url, p.finalUrl]) if (!read.has(url)) read.set(url, p);
  return { caseStudyUrls: caseStudyUrls as ReadonlySet<string>, read: read as ReadonlyMap<string, AnalyzedPage> };
});
