import { HALF_SATURATION_PRIOR, SaturationComponent, requireFinite } from './types';

/**
 * Logistic curve (1 - e^{-λx}) / (1 + e^{-λx}): concave from the first dollar. Parameterized by
 * its half-saturation point (λ = ln 3 / halfSaturation) so it reads like the Hill curve.
 */
export interface LogisticSaturationParams {
  type: 'logistic';
  halfSaturation: number;
}

export const logisticSaturation: SaturationComponent<LogisticSaturationParams> = {
  type: 'logistic',
  parameters: [{ name: 'halfSaturation', lower: 0.2, upper: 4, logScale: true, perWeeklySpend: true, prior: HALF_SATURATION_PRIOR }],
  fromValues: (values) => ({ type: 'logistic', halfSaturation: values.halfSaturation }),
  response({ halfSaturation }, weeklySpend) {
    if (weeklySpend <= 0) return 0;
    const e = Math.exp((-Math.log(3) * weeklySpend) / halfSaturation);
    return (1 - e) / (1 + e);
  },
  marginalResponse({ halfSaturation }, weeklySpend) {
    const rate = Math.log(3) / halfSaturation;
    const e = Math.exp(-rate * Math.max(0, weeklySpend));
    return (2 * rate * e) / (1 + e) ** 2;
  },
  validate(p) {
    requireFinite(p.halfSaturation, 'saturation.halfSaturation', Number.MIN_VALUE);
  },
};
