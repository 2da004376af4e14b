// Derived evidence: every thought-leadership item on the site (blog, news, video, event, whitepaper,
// other), one per final URL, newest first. Whether it is recent and about retail is P3.2's decision.

import type { DateFact, RetailBlock, RetailHit, ThoughtLeadershipKind } from '../../analyzers/types.ts';
import { STORE_SERVICES, STORE_TECHNOLOGIES } from '../../analyzers/retail.ts';
import { caseStudies, withoutIndexes } from './case-studies.ts';
import { derived } from './evaluation.ts';
import { bestPath, groupBy, readablePage, retailTermsOf, siteRetail, type ReadPage } from './pages.ts';

export interface ThoughtLeadershipItem {
  readonly url: string;
  readonly title: string;
  readonly kind: ThoughtLeadershipKind;
  readonly path: string[] | null;
  readonly retailScore: number;
  readonly retailTerms: readonly string[];
  /** The words among them that say it is about retail: retail markers (retail, shoppers, grocery …) and stores (in-store, POS …). */
  readonly retailMarkers: readonly string[];
  /**
   * Where the item names retail: the markers in its title or lead (the title, and the first
   * LEAD_WORDS words of its own prose with the headings among them; without "brand" or "consumer", which every business-to-consumer
   * post says), and how many of its blocks name retail at all, of how many. Null when the page kept no per-block
   * record (then only `retailMarkers` is known).
   */
  readonly retailPlacement: RetailPlacement | null;
  /** Publish date only: a modified date never stands in for it. */
  readonly published: DateFact | null;
  readonly modified: DateFact | null;
}

export const thoughtLeadershipItems = derived('thought-leadership', (evaluation): readonly ThoughtLeadershipItem[] => {
  // A how-to post with Problem / Solution / Results headings reads as a story to the classifier;
  // telling no customer's story from the blog, it is the partner's thought leadership after all.
  const studies = evaluation.get(caseStudies);
  const howTos = new Set(studies.filter((c) => c.readsAsPost).flatMap((c) => c.pages.map((p) => p.finalUrl)));
  const papers = new Set(studies.filter((c) => c.readsAsDocument).flatMap((c) => c.pages.map((p) => p.finalUrl)));
  const posts = evaluation.evidence.pages.filter((p): p is ReadPage => readablePage(p)
    && (p.facts.classification.type === 'thought-leadership' || papers.has(p.finalUrl)
      || (howTos.has(p.finalUrl) && p.facts.dates.published !== null)));
  const items = [...groupBy(withoutIndexes(posts), (p) => p.finalUrl)].map(([key, group]): ThoughtLeadershipItem => {
    const main = group.find((p) => p.finalUrl === key) ?? group[0]!;
    return {
      url: key,
      title: main.facts.title,
      kind: main.facts.classification.kind ?? (howTos.has(key) ? 'blog' : papers.has(key) ? 'whitepaper' : 'other'),
      path: bestPath(group),
      retailScore: siteRetail(main.facts).score,
      retailTerms: retailTermsOf(main.facts),
      retailMarkers: retailMarkers(main.facts),
      retailPlacement: retailPlacement(main.facts),
      published: main.facts.dates.published,
      modified: main.facts.dates.modified,
    };
  });
  return items.sort((a, b) => (b.published?.date ?? '').localeCompare(a.published?.date ?? '') || a.url.localeCompare(b.url));
});

export interface RetailPlacement {
  /** Markers in the item's title (the first block). */
  readonly inTitle: readonly string[];
  readonly inLead: readonly string[];
  /** Blocks (title and headings included) that name retail. */
  readonly blocks: number;
  /** All blocks of the item's own text, title and headings included. */
  readonly of: number;
  /**
   * Share of the item's own words (headings aside) from the first block that names retail to the end
   * of the last: near 1 when retail runs through the text, small when it fills one stretch of it (a
   * worked example in one section of a long post). 0 when no block names it.
   */
  readonly spread: number;
}

/** Words of an item's own text, after its title, that make its lead. */
export const LEAD_WORDS = 200;
/** Markers every business-to-consumer text uses ("our brand", "the consumer"): they name no retail topic in a lead. */
const PASSING_MARKERS = new Set(['brand', 'consumer']);

/**
 * A retail marker, or a store: a stores term that names a place or its till (not a technology such as
 * RFID, used elsewhere too), or a service only a store offers (click-and-collect, ship-from-store).
 */
const isMarker = (h: RetailHit) => h.area === 'generic' || (h.area === 'stores' && h.specific && !STORE_TECHNOLOGIES.has(h.term))
  || STORE_SERVICES.has(h.term);

/** Headed sections, at least this many, of under ROUNDUP_SECTION_WORDS words each on average, make a roundup. */
export const ROUNDUP_MIN_SECTIONS = 6;
export const ROUNDUP_SECTION_WORDS = 40;

/**
 * Where the lead of an item ends, as an index into its blocks: after LEAD_WORDS words of its own
 * prose, or, in a roundup (a year in review, a digest of news, a slide deck: ROUNDUP_MIN_SECTIONS or
 * more headed sections of a sentence or two each), at its first section heading. A roundup's first
 * LEAD_WORDS words already run through several of its highlights or slides; only its intro says
 * what the whole is about. Retail that runs through it still makes it retail (the theme rule).
 */
function leadEnd(blocks: readonly RetailBlock[]): number {
  const isHeading = (b: RetailBlock) => b.weight > 1;
  const firstProse = blocks.findIndex((b, i) => i > 0 && !isHeading(b));
  const firstSection = firstProse < 0 ? -1 : blocks.findIndex((b, i) => i > firstProse && isHeading(b));
  if (firstSection < 0) return blocks.length;
  const sections = blocks.slice(firstSection).filter(isHeading).length;
  const sectionWords = blocks.slice(firstSection).reduce((n, b) => n + (isHeading(b) ? 0 : b.words), 0);
  return sections >= ROUNDUP_MIN_SECTIONS && sectionWords / sections < ROUNDUP_SECTION_WORDS ? firstSection : blocks.length;
}

function retailPlacement(facts: ReadPage['facts']): RetailPlacement | null {
  const { blocks } = siteRetail(facts);
  if (!blocks) return null;
  const inLead = new Set<string>();
  let inTitle: string[] = [];
  let words = 0;
  let named = 0;
  let first: number | null = null;
  let last = 0;
  const lead = leadEnd(blocks);
  // Blocks in reading order, the title first (analyzers/retail.ts retailBlocks); the title and
  // headings (weight above 1) take none of the lead's words.
  for (const [i, b] of blocks.entries()) {
    const markers = b.hits.filter((h) => isMarker(h) && !PASSING_MARKERS.has(h.term));
    if (b === blocks[0] && facts.title) inTitle = [...new Set(markers.map((h) => h.term))];
    if (words < LEAD_WORDS && i < lead) markers.forEach((h) => inLead.add(h.term));
    const own = b.weight === 1 ? b.words : 0;
    if (markers.length > 0) {
      named++;
      first ??= words;
      last = words + own;
    }
    words += own;
  }
  const spread = first === null || words === 0 ? 0 : Math.round(((last - first) / words) * 100) / 100;
  return { inTitle, inLead: [...inLead], blocks: named, of: blocks.length, spread };
}

/**
 * The retail markers of a page (retail, retailers, shoppers, grocery, e-commerce …) and its physical
 * or digital store terms (a store, in-store, point of sale): the words that say a text is about
 * retail rather than about an area every industry shares (logistics, personalisation, AI).
 */
function retailMarkers(facts: ReadPage['facts']): string[] {
  const score = siteRetail(facts);
  if (!score.blocks) {
    const services = Object.values(score.terms).flat().filter((t) => STORE_SERVICES.has(t));
    return [...new Set([...(score.terms.generic ?? []), ...(score.terms.stores ?? []).filter((t) => !STORE_TECHNOLOGIES.has(t)), ...services])];
  }
  return [...new Set(score.blocks.flatMap((b) => b.hits).filter(isMarker).map((h) => h.term))];
}
