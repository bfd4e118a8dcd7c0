/** The fit engine's cached sums: after any sequence of transform changes, the same fit as from scratch. */
import { describe, expect, it } from 'vitest';
import { FitEngine, rollingOriginScheme, wholeSampleScheme } from '../../src/mmm/engine';
import { movingBlockScheme } from '../../src/mmm/bootstrap';
import { seededRandom } from '../../src/mmm/random';
import { simulateDataSet } from '../../testkit/simulate';
import type { Hyperparameters } from '../../src/mmm/types';
import { solveDense } from '../../src/linearAlgebra';

describe('FitEngine', () => {
  it('re-sums only changed channels and still fits exactly as a fresh engine does', () => {
    const { data } = simulateDataSet(12, { weeks: 110, channelCount: 6 });
    const random = seededRandom(3, 0);
    const hyper: Hyperparameters = {
      ridge: 1e-3,
      channels: Object.fromEntries(
        data.channels.map((c) => [c, { adstock: { type: 'geometric' as const, decay: 0.3, maxLag: 8 }, saturation: { type: 'hill' as const, halfSaturation: 1e4, shape: 1.2 } }]),
      ),
    };
    const engine = new FitEngine(data, 13, 2);
    const schemes = [wholeSampleScheme(engine.trainingWeeks), rollingOriginScheme(engine.trainingWeeks), movingBlockScheme(engine.trainingWeeks, 1, 4)];
    for (let step = 0; step < 25; step++) {
      // Change one, two or every channel, as the local search, pairs and the global search do.
      const count = step % 3 === 0 ? data.channels.length : 1 + (step % 2);
      for (let k = 0; k < count; k++) {
        const channel = data.channels[Math.floor(random() * data.channels.length)];
        hyper.channels[channel] = {
          adstock: { type: 'geometric', decay: 0.8 * random(), maxLag: 8 },
          saturation: { type: 'hill', halfSaturation: 2e3 + 4e4 * random(), shape: 0.6 + 2 * random() },
        };
      }
      engine.setTransforms(hyper);
      const fresh = new FitEngine(data, 13, 2);
      fresh.setTransforms(hyper);
      for (const scheme of schemes) expect(engine.coefficients(scheme, hyper.ridge)).toEqual(fresh.coefficients(scheme, hyper.ridge));
      // Only the rolling-origin scheme has validation folds to score.
      expect(engine.score(schemes[1], hyper.ridge)).toEqual(fresh.score(schemes[1], hyper.ridge));
    }
  });
});

describe('FitEngine media information', () => {
  it('is the media columns’ cross-products left after regressing them on the baseline columns (brute force)', () => {
    const { data } = simulateDataSet(21, { weeks: 90, channelCount: 4 });
    const hyper: Hyperparameters = {
      ridge: 0,
      channels: Object.fromEntries(data.channels.map((c, i) => [c, { adstock: { type: 'geometric' as const, decay: 0.2 * i, maxLag: 8 }, saturation: { type: 'hill' as const, halfSaturation: 1.5e4, shape: 1 + 0.3 * i } }])),
    };
    const engine = new FitEngine(data, 13, 2);
    engine.setTransforms(hyper);
    const scheme = wholeSampleScheme(engine.trainingWeeks);
    const S = engine.leastSquares(scheme, 0).mediaInformation();
    // Brute force: residuals of each media column on the baseline columns by least squares, then their cross-products.
    const p = engine.width;
    const m = data.channels.length;
    const b = p - m;
    const n = engine.trainingWeeks;
    const X = (t: number, j: number) => engine.rows[t * p + j];
    const normal = Array.from({ length: b }, (_, i) => Array.from({ length: b }, (_, j) => Array.from({ length: n }, (_, t) => X(t, i) * X(t, j)).reduce((s, v) => s + v, 0)));
    const residuals = Array.from({ length: m }, (_, c) => {
      const rhs = Array.from({ length: b }, (_, i) => Array.from({ length: n }, (_, t) => X(t, i) * X(t, b + c)).reduce((s, v) => s + v, 0));
      const coef = solveDense(normal, rhs)!;
      return Array.from({ length: n }, (_, t) => X(t, b + c) - coef.reduce((s, k, i) => s + k * X(t, i), 0));
    });
    for (let c = 0; c < m; c++) {
      for (let d = 0; d < m; d++) {
        const brute = residuals[c].reduce((s, r, t) => s + r * residuals[d][t], 0);
        expect(Math.abs(S[c * m + d] - brute)).toBeLessThanOrEqual(1e-6 * (Math.abs(S[c * m + c]) + Math.abs(S[d * m + d])));
      }
    }
  });
});
