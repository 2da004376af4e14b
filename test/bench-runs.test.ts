// The side-by-side bench's reading of repeated runs (bench/runs.ts) on literal run times.
import { describe, expect, it } from 'vitest';
import { median, outlierRuns } from '../bench/runs.ts';

describe('median', () => {
  it('is the middle time, or the mean of the two middle ones', () => {
    expect(median([86.1, 16.4, 74.1])).toBe(74.1);
    expect(median([10, 30, 12, 11])).toBe(11.5);
  });
});

describe('outlierRuns', () => {
  it('names nothing when the runs agree within 2x', () => {
    expect(outlierRuns([12.1, 13.4, 12.8])).toEqual([]);
    expect(outlierRuns([10, 19.9, 10.5])).toEqual([]);
  });

  it('names a run that took more than twice the median', () => {
    expect(outlierRuns([12, 31, 13])).toEqual([{ index: 1, ratio: 31 / 13 }]);
  });

  it('names a run that took less than half the median: the other runs stalled', () => {
    // The peer's runs at the start of the sixth session: one fast run, two that stalled.
    const [fast, ...rest] = outlierRuns([16.4, 86.1, 74.1]);
    expect(rest).toEqual([]);
    expect(fast!.index).toBe(0);
    expect(fast!.ratio).toBeCloseTo(0.221, 3);
  });

  it('takes the factor it is given', () => {
    expect(outlierRuns([10, 16, 10], 1.5)).toEqual([{ index: 1, ratio: 1.6 }]);
  });
});
