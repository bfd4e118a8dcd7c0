/**
 * The contract every adstock and saturation component fulfils. A component is one file
 * exporting one object; registering it in `registry.ts` makes it fittable, searchable and
 * serializable. Parameters are plain JSON objects tagged with `type` so a model document
 * says exactly which transform produced each channel's column.
 */

/** How the search explores one parameter: bounds, and whether the bounds scale with the channel's spend. */
export interface ParameterSpec {
  name: string;
  lower: number;
  upper: number;
  /** Explore on a log scale (for scale-like parameters spanning orders of magnitude). */
  logScale?: boolean;
  /** Bounds are multiples of the channel's typical weekly spend (e.g. a half-saturation point). */
  perWeeklySpend?: boolean;
  /**
   * A weakly-informative prior: the range where the parameter plausibly lies (same units as the
   * bounds), flat inside, and how fast plausibility falls outside it (a Gaussian tail whose
   * standard deviation is `spread`, in log units for logScale parameters). It stops a transform
   * the data cannot pin down from drifting to a degenerate corner without biasing one it can.
   */
  prior?: { low: number; high: number; spread: number };
}

export interface AdstockComponent<P extends { type: string; maxLag: number }> {
  type: P['type'];
  parameters: ParameterSpec[];
  /** Builds parameters from the searched values (keyed by ParameterSpec name). */
  fromValues(values: Record<string, number>, maxLag: number): P;
  /** Carry-over weights for lags 0..maxLag. They sum to 1, so a steady weekly spend stays that spend after adstock. */
  weights(params: P): Float64Array;
  /** The geometric decay with the same mean lag: one comparable "how long does it echo" number per channel. */
  equivalentDecay(params: P): number;
  /** Throws a message naming the bad field; used when parsing model documents. */
  validate(params: P): void;
}

export interface SaturationComponent<P extends { type: string; halfSaturation: number }> {
  type: P['type'];
  parameters: ParameterSpec[];
  fromValues(values: Record<string, number>): P;
  /** Fraction of the channel's maximum effect reached at this (adstocked) weekly spend, in [0, 1). */
  response(params: P, weeklySpend: number): number;
  /** Derivative of `response` with respect to weekly spend. */
  marginalResponse(params: P, weeklySpend: number): number;
  validate(params: P): void;
}

/**
 * Half-saturation within a factor of ~2.5 of the channel's typical weekly spend. Far below it the
 * curve is flat over every spend the channel saw, far above it still straight at its peak: either
 * way the channel's level trades freely with the intercept and its ROAS is whatever the search says.
 */
export const HALF_SATURATION_PRIOR = { low: 0.4, high: 2.5, spread: 0.35 };

/** Adstock with explicit lag weights; shared by every adstock component. */
export function applyLagWeights(weeklySpend: ArrayLike<number>, weights: Float64Array, out = new Float64Array(weeklySpend.length)): Float64Array {
  const n = weeklySpend.length;
  const lags = weights.length;
  for (let t = 0; t < n; t++) {
    let carried = 0;
    const deepest = t < lags - 1 ? t : lags - 1;
    for (let l = 0; l <= deepest; l++) carried += weights[l] * weeklySpend[t - l];
    out[t] = carried;
  }
  return out;
}

export function requireFinite(value: unknown, field: string, min = -Infinity, max = Infinity): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} must be a finite number, got ${JSON.stringify(value)}`);
  if (value < min || value > max) throw new Error(`${field} must be within [${min}, ${max}], got ${value}`);
}

export function requireMaxLag(maxLag: unknown, field: string): void {
  if (typeof maxLag !== 'number' || !Number.isInteger(maxLag) || maxLag < 0 || maxLag > 104) {
    throw new Error(`${field} must be an integer number of weeks in [0, 104], got ${JSON.stringify(maxLag)}`);
  }
}
