// Retail coverage of one page over the six core retail areas (checklist "What the program covers").
//
// Lexicons are data (analyzers/lexicons/retail.<lang>.json). Matching happens per main-text block
// so the site-level pass (coverage.ts) can drop boilerplate blocks and re-score without the page
// body: RetailScore.blocks keeps each block's hash, size, weight and term hits.

import type { PageContent, RetailAreaId, RetailScore, RetailBlock, RetailHit } from './types.ts';
import { RETAIL_AREAS } from './types.ts';
import {
  PhraseMatcher,
  PreparedText,
  SubstringMatcher,
  blockHash,
  expandEntry,
  hasCjk,
  isLatinForm,
  prepare,
  wordCount,
  type LexiconEntry,
} from './terms.ts';
import retailEn from './lexicons/retail.en.json' with { type: 'json' };
import retailZh from './lexicons/retail.zh-TW.json' with { type: 'json' };

type Bucket = RetailAreaId | 'generic';

interface RetailLexicon {
  /** Stores terms that name a technology used elsewhere too (RFID): they score, but mark no text as retail. */
  storeTechnologies: string[];
  /** Terms of another area that name a service of a store (click-and-collect): they are retail markers too. */
  storeServices: string[];
  ignore: string[];
  generic: { specific: LexiconEntry[]; general: LexiconEntry[] };
  areas: Record<RetailAreaId, { specific: LexiconEntry[]; general: LexiconEntry[] }>;
}

/** What a lexicon phrase stands for; null payload = ignore phrase (consumed, not counted). */
type TermPayload = RetailHit | null;

const latinMatcher = new PhraseMatcher<TermPayload>();
const cjkMatcher = new SubstringMatcher<TermPayload>();

function load(lexicon: RetailLexicon): void {
  for (const phrase of lexicon.ignore) {
    if (isLatinForm(phrase)) latinMatcher.add(phrase, null, { mode: 'lower' });
    else cjkMatcher.add(phrase, null);
  }
  const buckets: [Bucket, { specific: LexiconEntry[]; general: LexiconEntry[] }][] = [
    ['generic', lexicon.generic],
    ...RETAIL_AREAS.map((a) => [a, lexicon.areas[a]] as [Bucket, { specific: LexiconEntry[]; general: LexiconEntry[] }]),
  ];
  for (const [area, lists] of buckets) {
    for (const specific of [true, false]) {
      for (const raw of specific ? lists.specific : lists.general) {
        const entry = expandEntry(raw);
        const payload: RetailHit = { area, term: entry.label, specific };
        for (const form of entry.forms) {
          if (isLatinForm(form)) {
            latinMatcher.add(form, payload, {
              mode: entry.exact ? 'lower' : 'stem',
              unlessPrev: entry.unlessPrev,
              unlessNext: entry.unlessNext,
            });
          } else {
            cjkMatcher.add(form, payload);
          }
        }
      }
    }
  }
}
load(retailEn as unknown as RetailLexicon);
load(retailZh as unknown as RetailLexicon);

/**
 * Stores terms (by label) that name a technology used in stores and elsewhere alike: RFID tags hospital
 * pumps and factory pallets as much as store stock. They count toward the stores area, but they do not
 * say by themselves that a text is about retail, as "store", "in-store" or "point of sale" do.
 */
export const STORE_TECHNOLOGIES: ReadonlySet<string> = new Set([
  ...(retailEn as unknown as RetailLexicon).storeTechnologies,
  ...(retailZh as unknown as RetailLexicon).storeTechnologies,
]);

/**
 * Terms (by label) of another area that name a service only a shop offers: an online order collected
 * at a store (click-and-collect, curbside pickup, 門市取貨) or shipped from one. They count toward their
 * area (supply chain and distribution), and they say a text is about retail as "in-store" does.
 */
export const STORE_SERVICES: ReadonlySet<string> = new Set([
  ...(retailEn as unknown as RetailLexicon).storeServices,
  ...(retailZh as unknown as RetailLexicon).storeServices,
]);

/** Headings and the title say what a page is about: their hits count double. */
const HEADING_WEIGHT: Record<string, number> = { title: 2, h1: 2, h2: 2, h3: 1.5 };

export interface RetailMatch {
  hit: RetailHit;
  /** Offsets in the text. */
  start: number;
  end: number;
}

/** Term hits in one block of text (English tokens and Chinese substrings), with offsets into text. */
export function matchRetailTerms(text: string | PreparedText): RetailMatch[] {
  const prepared = typeof text === 'string' ? prepare(text) : text;
  const memo = prepared.memo.get('retail') as RetailMatch[] | undefined;
  if (memo) return memo;
  const out: RetailMatch[] = [];
  // One phrase may belong to several areas ("computer vision"); it counts once per area.
  const push = (payloads: TermPayload[], start: number, end: number) => {
    const areas = new Set<Bucket>();
    for (const hit of payloads) {
      if (!hit || areas.has(hit.area)) continue;
      areas.add(hit.area);
      out.push({ hit, start, end });
    }
  };
  for (const h of latinMatcher.match(prepared.tokens)) push(h.payloads, h.start, h.end);
  if (hasCjk(prepared.text)) {
    const c = prepared.compact;
    for (const h of cjkMatcher.match(c.text)) {
      const start = c.offsets[h.start] ?? 0;
      push(h.payloads, start, (c.offsets[h.end - 1] ?? start) + 1);
    }
  }
  prepared.memo.set('retail', out);
  return out;
}

/**
 * Code listings (<pre>) are neither about retail nor against it: a post's JSON schemas or shell
 * sessions would only dilute its prose, so they are left out of the score.
 */
const NOT_PROSE_TAGS = new Set(['pre']);

/** Per-block record of the retail terms a page's main text (and title) contains. */
export function retailBlocks(content: PageContent): RetailBlock[] {
  const prose = content.blocks.filter((b) => !NOT_PROSE_TAGS.has(b.tag));
  const sources = content.title ? [{ text: content.title, tag: 'title' }, ...prose] : prose;
  return sources.map((b) => {
    const prepared = prepare(b.text);
    return {
      hash: blockHash(b.text),
      words: Math.round(wordCount(b.text, prepared.tokens) * 10) / 10,
      weight: HEADING_WEIGHT[b.tag] ?? 1,
      hits: matchRetailTerms(prepared).map((m) => m.hit),
    };
  });
}

const saturate = (x: number, k: number) => 1 - Math.exp(-x / k);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Scores from block hits (used per page and, without boilerplate blocks, per site).
 *
 *   N        = max(250, word-equivalents of the blocks)    (short pages cannot fake density)
 *   n        = Σ block weight over hits (headings/title ×2), general IT terms × 0.5
 *   D        = distinct specific terms + 0.5 × distinct general terms
 *   d        = 1000 · n / N                                 (hits per 1,000 words)
 *   bucket   = (1 − e^(−D/kD)) · (1 − e^(−d/kd))            (saturates in variety and in density)
 *   G        = bucket(generic markers; kD 2, kd 8)          ("retail", "retailer", 零售 …)
 *   S        = bucket(specific area terms pooled; kD 3, kd 10)
 *   score    = 1 − (1 − G)(1 − S)                           (S alone can make a page retail: many
 *                                                            studies of grocers or bakery chains never
 *                                                            write the word "retail")
 *   gate     = clamp((score − 0.25) / 0.35, 0, 1)           (general IT terms — AI, ERP, migration —
 *                                                            only count on pages already about retail)
 *   area[a]  = bucket(specific + gate × general terms of a; kD 2.5, kd 10) × (0.5 + 0.5 × gate)
 *                                                           (an area named on a page that is not about
 *                                                            retail — "we serve retail and logistics" —
 *                                                            counts half)
 * One mention of "retail" in 300 words scores ≈ 0.15; a focused retail page ≈ 0.9.
 */
export function scoreFromBlocks(blocks: RetailBlock[]): RetailScore {
  let words = 0;
  const occ = new Map<Bucket, { spec: number; gen: number }>();
  const distinct = new Map<Bucket, { spec: Set<string>; gen: Set<string> }>();
  const pooled = { n: 0, terms: new Set<string>() };
  for (const b of blocks) {
    words += b.words;
    for (const h of b.hits) {
      let o = occ.get(h.area);
      if (!o) occ.set(h.area, (o = { spec: 0, gen: 0 }));
      let d = distinct.get(h.area);
      if (!d) distinct.set(h.area, (d = { spec: new Set(), gen: new Set() }));
      if (h.specific) {
        o.spec += b.weight;
        d.spec.add(h.term);
        if (h.area !== 'generic') {
          pooled.n += b.weight;
          pooled.terms.add(h.area + ':' + h.term);
        }
      } else {
        o.gen += b.weight;
        d.gen.add(h.term);
      }
    }
  }
  const n = Math.max(250, words);
  const bucket = (D: number, count: number, kD: number, kd: number) =>
    saturate(D, kD) * saturate((1000 * count) / n, kd);

  const go = occ.get('generic') ?? { spec: 0, gen: 0 };
  const gd = distinct.get('generic');
  const G = bucket((gd?.spec.size ?? 0) + 0.5 * (gd?.gen.size ?? 0), go.spec + 0.5 * go.gen, 2, 8);
  // Supply chain and distribution is every industry's: manufacturers and logistics firms (in Taiwan
  // filed with retailers under 流通業) forecast, stock and ship too. Its terms make a page retail only
  // beside a retail marker or another retail area, or when one of them is a store's own service
  // (click-and-collect, ship-from-store: STORE_SERVICES).
  const anchored = (gd?.spec.size ?? 0) > 0 || [...pooled.terms].some((t) => !t.startsWith('supply-chain-distribution:')
    || STORE_SERVICES.has(t.slice('supply-chain-distribution:'.length)));
  const S = anchored ? bucket(pooled.terms.size, pooled.n, 3, 10) : 0;
  const score = 1 - (1 - G) * (1 - S);
  const gate = Math.min(1, Math.max(0, (score - 0.25) / 0.35));

  const areas = {} as Record<RetailAreaId, number>;
  const terms = { generic: [...(gd?.spec ?? []), ...(gd?.gen ?? [])] } as Record<Bucket, string[]>;
  for (const a of RETAIL_AREAS) {
    const o = occ.get(a) ?? { spec: 0, gen: 0 };
    const d = distinct.get(a);
    const D = (d?.spec.size ?? 0) + gate * 0.5 * (d?.gen.size ?? 0);
    areas[a] = round3(bucket(D, o.spec + gate * 0.5 * o.gen, 2.5, 10) * (0.5 + 0.5 * gate));
    terms[a] = [...(d?.spec ?? []), ...(d?.gen ?? [])];
  }
  return { areas, score: round3(score), terms, blocks };
}

export function scoreRetail(content: PageContent): RetailScore {
  return scoreFromBlocks(retailBlocks(content));
}
