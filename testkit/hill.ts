/**
 * A response curve given by parameters rather than by a fitted model: weekly contribution
 * `maxContribution * s^shape / (s^shape + halfSaturation^shape)`. Synthetic problems (tests,
 * benchmarks) use it because its optimum can be checked by hand; shape > 1 is S-shaped.
 */
import type { ResponseCurve } from '../src/optimizer/envelope';

export function hillCurve(maxContribution: number, halfSaturation: number, shape: number): ResponseCurve {
  const hk = halfSaturation ** shape;
  return {
    contribution: (s) => (s <= 0 ? 0 : (maxContribution * s ** shape) / (s ** shape + hk)),
    marginal: (s) => {
      if (s <= 0) return shape > 1 ? 0 : shape === 1 ? maxContribution / halfSaturation : Infinity;
      const sk = s ** shape;
      return (maxContribution * shape * hk * sk) / (s * (sk + hk) ** 2);
    },
  };
}
