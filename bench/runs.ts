// Reading repeated bench runs: the median, and the runs too far from it for the median to speak for.

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface OutlierRun {
  /** Position of the run in `times`. */
  index: number;
  /** Its time over the median time. */
  ratio: number;
}

/**
 * Runs that took more than `factor` times the median time of their side, or less than the median over
 * `factor`. Either way the runs disagree, and a ratio of medians would hide that one side was unsteady
 * (a crawler that stalls in some runs and not in others), so the bench prints them.
 */
export function outlierRuns(times: readonly number[], factor = 2): OutlierRun[] {
  const mid = median(times);
  return times.flatMap((time, index) => {
    const ratio = time / mid;
    return ratio > factor || ratio < 1 / factor ? [{ index, ratio }] : [];
  });
}
