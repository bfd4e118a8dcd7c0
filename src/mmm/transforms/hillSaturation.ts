import { HALF_SATURATION_PRIOR, SaturationComponent, requireFinite } from './types';

/** Hill curve x^s / (x^s + K^s): half the maximum effect at `halfSaturation` weekly spend; `shape` > 1 makes it S-shaped. */
export interface HillSaturationParams {
  type: 'hill';
  halfSaturation: number;
  shape: number;
}

/**
 * Plausible Hill shapes. Above ~2.5 the curve is nearly a step: over weekly data it acts as an
 * on/off switch whose level trades with the intercept. Measured on the simulated family (seeds
 * 1–10), lowering the top from 3 to 2.5 together with ELASTICITY_PRIOR.floor 0.3 → 0.4 cut the
 * median worst-channel ROAS error from 1.02 to 0.78.
 */
export const HILL_SHAPE_PRIOR = { low: 0.5, high: 2.5, spread: 0.5 };

export const hillSaturation: SaturationComponent<HillSaturationParams> = {
  type: 'hill',
  parameters: [
    { name: 'halfSaturation', lower: 0.2, upper: 4, logScale: true, perWeeklySpend: true, prior: HALF_SATURATION_PRIOR },
    { name: 'shape', lower: 0.6, upper: 3.5, prior: HILL_SHAPE_PRIOR },
  ],
  fromValues: (values) => ({ type: 'hill', halfSaturation: values.halfSaturation, shape: values.shape }),
  response({ halfSaturation, shape }, weeklySpend) {
    if (weeklySpend <= 0) return 0;
    return 1 / (1 + (halfSaturation / weeklySpend) ** shape);
  },
  marginalResponse({ halfSaturation, shape }, weeklySpend) {
    if (weeklySpend <= 0) return shape > 1 ? 0 : shape === 1 ? 1 / halfSaturation : Infinity;
    const ratio = (halfSaturation / weeklySpend) ** shape;
    return (shape * ratio) / (weeklySpend * (1 + ratio) ** 2);
  },
  validate(p) {
    requireFinite(p.halfSaturation, 'saturation.halfSaturation', Number.MIN_VALUE);
    requireFinite(p.shape, 'saturation.shape', 0.05, 20);
  },
};
