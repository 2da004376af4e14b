// Whether a page or a study is about retail, from its boilerplate-free retail score.

import { RETAIL_BORDERLINE_MARGIN, RETAIL_SCORE_THRESHOLD } from './thresholds.ts';

export type RetailVerdict = 'retail' | 'borderline' | 'not-retail';

export function retailVerdict(score: number): RetailVerdict {
  if (score >= RETAIL_SCORE_THRESHOLD) return 'retail';
  if (score >= RETAIL_SCORE_THRESHOLD - RETAIL_BORDERLINE_MARGIN) return 'borderline';
  return 'not-retail';
}
