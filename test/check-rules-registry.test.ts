// The check registry (src/checks/index.ts) and the typed values every check builds (src/checks/values.ts).

import { describe, expect, it } from 'vitest';
import { CHECK_IDS, CHECKS, runCheck, SCORED_CHECK_IDS } from '../src/checks/index.ts';
import { dateFact, retail } from '../src/checks/values.ts';
import { MIN_PUBLISH_DATE_CONFIDENCE, RETAIL_SCORE_THRESHOLD } from '../src/checks/thresholds.ts';
import { Evaluation } from '../src/evidence/evaluation.ts';
import { ASOF, date, site } from './support/site-builder.ts';

describe('the check registry', () => {
  it('lists the checks in report order, and the ones that decide the verdict', () => {
    expect(CHECK_IDS).toEqual(['P2.1', 'P2.2.1', 'P2.2.2', 'P2.3', 'P3.1', 'P3.2']);
    expect(SCORED_CHECK_IDS).toEqual(['P2.2.1', 'P2.2.2', 'P3.1', 'P3.2']);
  });

  it('turns a check that throws into a review naming the error, with advice to report it', () => {
    const failing = { ...CHECKS[0]!, run: () => { throw new Error('boom'); } };
    expect(runCheck(failing, new Evaluation(site([]), ASOF))).toMatchObject({
      id: 'P2.1', status: 'review', outcome: { id: 'outcome.check-error', values: { error: 'boom' } }, evidence: [], advice: [{ id: 'advice.check-error' }],
    });
  });
});

describe('typed values', () => {
  it(`mark a publish date read with confidence below ${MIN_PUBLISH_DATE_CONFIDENCE} as inferred`, () => {
    expect(dateFact({ ...date('2026-03-05'), confidence: MIN_PUBLISH_DATE_CONFIDENCE })).toEqual({ type: 'date-fact', date: '2026-03-05', source: 'json-ld', rule: 'json-ld:test', inferred: false });
    expect(dateFact({ ...date('2026-03-05'), confidence: MIN_PUBLISH_DATE_CONFIDENCE - 0.01 }).inferred).toBe(true);
  });

  it('carry a retail score with the threshold it is judged by and its terms', () => {
    expect(retail(0.42)).toEqual({ type: 'retail', score: 0.42, threshold: RETAIL_SCORE_THRESHOLD, terms: [] });
    expect(retail(0.42, ['pos', 'loyalty'])).toEqual({ type: 'retail', score: 0.42, threshold: RETAIL_SCORE_THRESHOLD, terms: ['pos', 'loyalty'] });
  });
});
