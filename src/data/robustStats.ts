/**
 * Median-based spread, so that the outliers being looked for don't inflate the yardstick
 * they are measured with (a single 10× week drags a mean/σ far more than a median/MAD).
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Scales the MAD to estimate σ for normally distributed values. */
const MAD_TO_SIGMA = 1.4826;
/** Scales the mean absolute deviation to estimate σ for normally distributed values. */
const MEAN_ABS_TO_SIGMA = 1.2533;

/**
 * σ estimated from the median absolute deviation. When more than half the values are equal
 * the MAD is 0; then the mean absolute deviation stands in, so a lone spike on a flat
 * series still stands out instead of everything off the flat line being infinitely far.
 */
export function robustSigma(values: number[]): number {
  const centre = median(values);
  const deviations = values.map((v) => Math.abs(v - centre));
  const mad = median(deviations);
  if (mad > 0) return MAD_TO_SIGMA * mad;
  return (MEAN_ABS_TO_SIGMA * deviations.reduce((sum, d) => sum + d, 0)) / values.length;
}

/** Median of the values within `halfWidth` places on either side of each position. */
export function rollingMedian(values: number[], halfWidth: number): number[] {
  return values.map((_, i) => median(values.slice(Math.max(0, i - halfWidth), i + halfWidth + 1)));
}

/**
 * Trend per position, robust to outliers: the median slope between points half the series
 * apart (a cheap cousin of the Theil–Sen estimator).
 */
export function robustSlope(values: number[]): number {
  const half = Math.floor(values.length / 2);
  if (half === 0) return 0;
  return median(values.slice(0, values.length - half).map((v, i) => (values[i + half] - v) / half));
}
