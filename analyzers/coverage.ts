// Site-level retail coverage: per-page scores without boilerplate, and how well the site covers
// each of the six retail areas.

import type { PageFacts, RetailAreaId, RetailScore } from './types.ts';
import { RETAIL_AREAS } from './types.ts';
import { scoreFromBlocks } from './retail.ts';

export interface SiteCoverage {
  /** Each page's retail score re-computed without boilerplate blocks (same order as the input). */
  pageScores: RetailScore[];
  /** 0..1 per area for the site. */
  areas: Record<RetailAreaId, number>;
  /** Mean of the six areas. */
  overall: number;
  /** Hashes of blocks treated as boilerplate, most frequent first. */
  boilerplate: string[];
}

/** A block is boilerplate when it recurs on at least this many pages … */
const BOILERPLATE_MIN_PAGES = 3;
/** … and on at least this share of the pages. */
const BOILERPLATE_MIN_SHARE = 0.3;
/**
 * A page (or case study) is "about retail" when its boilerplate-free retail score reaches this: the
 * site's retail pages here, and what every check counts as retail (src/checks/thresholds.ts uses it).
 * Scores come from analyzers/retail.ts (0..1, generic retail markers plus the six areas).
 */
export const RETAIL_SCORE_THRESHOLD = 0.3;
/** Site coverage of an area uses the site's best pages on it. */
const TOP_PAGES = 3;

/**
 * Formula:
 *   1. Boilerplate = block hashes present on ≥ 3 pages and on ≥ 30 % of the pages (a tagline, a
 *      "Retail | Finance | Healthcare" menu that extraction left in the main text, a CTA).
 *   2. Each page is re-scored from its remaining blocks (retail.ts scoreFromBlocks).
 *   3. Retail pages = pages whose re-scored retail score ≥ 0.3.
 *   4. areas[a] = 1 − Π over the 3 retail pages with the highest score on a of (1 − page.areas[a]):
 *      one thorough page on an area gives its own score, a few good pages push it towards 1, and
 *      many passing mentions (each page low) stay low. No retail pages → 0.
 *   5. overall = mean of the six areas.
 * Site-wide IDF weighting is deliberately not applied: a retail practice that says "retail" on every
 * page is covering retail, not repeating boilerplate; repeated *blocks* are what step 1 removes.
 * Pages without per-block data (RetailScore.blocks absent) keep their page score.
 * `keep` is given each page's new score as it is made, and what it returns is kept (the audit moves
 * the score's blocks out of memory there, so that a large site's are never all in memory at once).
 */
export function siteCoverage(pages: PageFacts[], keep: (score: RetailScore) => RetailScore = (score) => score): SiteCoverage {
  const pagesWithHash = new Map<string, number>();
  for (const p of pages) {
    for (const h of new Set((p.retail.blocks ?? []).map((b) => b.hash))) {
      pagesWithHash.set(h, (pagesWithHash.get(h) ?? 0) + 1);
    }
  }
  const minPages = Math.max(BOILERPLATE_MIN_PAGES, Math.ceil(BOILERPLATE_MIN_SHARE * pages.length));
  const boilerplate = [...pagesWithHash].filter(([, n]) => n >= minPages).sort((a, b) => b[1] - a[1]);
  const isBoilerplate = new Set(boilerplate.map(([h]) => h));

  const pageScores = pages.map((p) =>
    p.retail.blocks ? keep(scoreFromBlocks(p.retail.blocks.filter((b) => !isBoilerplate.has(b.hash)))) : p.retail,
  );
  const retailPages = pageScores.filter((s) => s.score >= RETAIL_SCORE_THRESHOLD);
  const areas = {} as Record<RetailAreaId, number>;
  for (const a of RETAIL_AREAS) {
    const best = retailPages.map((s) => s.areas[a]).sort((x, y) => y - x).slice(0, TOP_PAGES);
    areas[a] = Math.round((1 - best.reduce((rest, s) => rest * (1 - s), 1)) * 1000) / 1000;
  }
  const overall = Math.round((RETAIL_AREAS.reduce((sum, a) => sum + areas[a], 0) / RETAIL_AREAS.length) * 1000) / 1000;
  return { pageScores, areas, overall, boilerplate: boilerplate.map(([h]) => h) };
}
