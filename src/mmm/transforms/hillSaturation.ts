import { HALF_SATURATION_PRIOR, SaturationComponent, requireFinite } from './types';

/** Hill curve x^s / (x^s + K^s): half the maximum effect at `halfSaturation` weekly spend; `shape` > 1 makes it S-shaped. */
export interface HillSaturationParams {
  type: 'hill';
  halfSaturation: number;
  shape: number;
}

export const hillSaturation: SaturationComponent<HillSaturationParams> = {
  type: 'hill',
  parameters: [
    { name: 'halfSaturation', lower: 0.2, upper: 4, logScale: true, perWeeklySpend: true, prior: HALF_SATURATION_PRIOR },
    { name: 'shape', lower: 0.6, upper: 3.5, prior: { low: 0.5, high: 3, spread: 0.5 } },
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
