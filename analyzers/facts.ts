// The facts of a page before (or instead of) analysis: empty, with the reason when there is one.
// Its own module so the main thread can name a page that was not analysed without loading the analyzers.
import type { PageDates, PageFacts, RetailScore } from './types.ts';
import { RETAIL_AREAS } from './types.ts';

export const NO_DATES: PageDates = { published: null, modified: null };

function emptyRetail(): RetailScore {
  const areas = Object.fromEntries(RETAIL_AREAS.map((a) => [a, 0])) as RetailScore['areas'];
  const terms = Object.fromEntries([...RETAIL_AREAS, 'generic'].map((a) => [a, []])) as unknown as RetailScore['terms'];
  return { areas, score: 0, terms };
}

/** Facts with nothing read; `error` says why (null while analysis fills them in). */
export function emptyFacts(error: string | null): PageFacts {
  return {
    title: '',
    lang: null,
    description: null,
    dates: NO_DATES,
    classification: { type: 'other', kind: null, confidence: 0, signals: [] },
    retail: emptyRetail(),
    awsServices: [],
    mentionsAws: false,
    otherClouds: [],
    caseStudy: null,
    excerpt: '',
    error,
  };
}
