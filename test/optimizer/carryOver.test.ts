import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { horizonContribution } from '../../src/optimizer/carryOver';
import { hillCurve } from '../../testkit/hill';
import { improveLocally } from '../../src/optimizer/localAscent';

const tv = { curve: hillCurve(100, 50, 2), lagWeights: [0.5, 0.3, 0.2], history: [40, 80] };
const search = { curve: hillCurve(60, 20, 0.8), lagWeights: [1], history: [] };

describe('horizonContribution', () => {
  it('adds up each week\u2019s curve at the carried-over spend, history included', () => {
    // Week-major: [tv w1, search w1, tv w2, search w2].
    const x = [10, 5, 30, 0];
    const value = horizonContribution([tv, search], 2).value(x);
    const tvWeek1 = 0.5 * 10 + 0.3 * 80 + 0.2 * 40;
    const tvWeek2 = 0.5 * 30 + 0.3 * 10 + 0.2 * 80;
    const expected = tv.curve.contribution(tvWeek1) + tv.curve.contribution(tvWeek2) + search.curve.contribution(5) + search.curve.contribution(0);
    expect(value).toBeCloseTo(expected, 12);
  });

  it('has the gradient that central differences measure', () => {
    const objective = horizonContribution([tv, search], 4);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 200, noNaN: true }), { minLength: 8, maxLength: 8 }), (x) => {
        const g = objective.gradient(x);
        x.forEach((xi, i) => {
          const h = 1e-5 * xi;
          const up = [...x];
          const down = [...x];
          up[i] += h;
          down[i] -= h;
          const measured = (objective.value(up) - objective.value(down)) / (2 * h);
          expect(g[i]).toBeCloseTo(measured, 5);
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('improveLocally', () => {
  it('finds the maximum of a concave problem and never leaves the constraints', () => {
    // Two concave curves sharing a budget of 10: the optimum equalizes 2(3 - a) = 2(5 - b), a + b = 10, so a = 4, b = 6.
    const objective = { value: ([a, b]: number[]) => -((a - 3) ** 2) - (b - 5) ** 2, gradient: ([a, b]: number[]) => [-2 * (a - 3), -2 * (b - 5)] };
    const result = improveLocally({ objective, start: [10, 0], lower: [0, 0], upper: [Infinity, 8], rows: [{ coefficients: [1, 1], sense: '=', rhs: 10 }] });
    expect(result.x[0]).toBeCloseTo(4, 5);
    expect(result.x[1]).toBeCloseTo(6, 5);
    expect(result.converged).toBe(true);
    expect(result.value).toBeGreaterThan(result.startValue);
  });

  it('stays put at a stationary plan', () => {
    const objective = { value: ([a, b]: number[]) => Math.sqrt(a) + Math.sqrt(b), gradient: ([a, b]: number[]) => [0.5 / Math.sqrt(a), 0.5 / Math.sqrt(b)] };
    const result = improveLocally({ objective, start: [5, 5], lower: [0, 0], upper: [Infinity, Infinity], rows: [{ coefficients: [1, 1], sense: '=', rhs: 10 }] });
    expect(result.x).toEqual([5, 5]);
    expect(result.iterations).toBe(1);
  });
});
