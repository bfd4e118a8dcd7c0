import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateBudget } from '../../src/optimizer/allocate';
import { maximizeSeparable } from '../../src/optimizer/branchAndBound';
import { hillCurve } from '../../testkit/hill';
import type { PlanningChannel } from '../../src/optimizer/requirements';
import type { Constraint } from '../../src/scenarios/spec';
import { bestOnGrid } from './grid';

const hill = fc.record({
  maxContribution: fc.double({ min: 20, max: 200, noNaN: true }),
  halfSaturation: fc.double({ min: 10, max: 100, noNaN: true }),
  shape: fc.double({ min: 1.2, max: 5, noNaN: true }),
});

/** Grid resolution per channel count: the grids stay near 20k plans so a run takes milliseconds. */
const STEPS = { 2: 2000, 3: 200, 4: 50 } as Record<number, number>;

function channelsOf(params: Array<{ maxContribution: number; halfSaturation: number; shape: number }>): PlanningChannel[] {
  return params.map((p, i) => ({ name: `c${i}`, response: hillCurve(p.maxContribution, p.halfSaturation, p.shape), currentWeeklySpend: 10 }));
}

describe('global optimum of S-shaped curves', () => {
  it('leaves the equal-marginal split that a gradient method stops at, for the better corner', () => {
    // Two identical S-curves and a small budget: the even split has equal marginal returns
    // (a stationary point), but putting everything in one channel earns far more.
    const curve = hillCurve(100, 50, 3);
    const even = 2 * curve.contribution(30);
    expect(curve.marginal(30)).toBe(curve.marginal(30));
    const found = maximizeSeparable({ curves: [curve, curve], lower: [0, 0], upper: [60, 60], rows: [{ coefficients: [1, 1], sense: '=', rhs: 60 }] });
    expect(found).not.toBeNull();
    expect(found!.value).toBeCloseTo(curve.contribution(60), 9);
    expect(found!.value).toBeGreaterThan(1.5 * even);
    expect(Math.max(...found!.x)).toBeCloseTo(60, 6);
  });

  it('is never beaten by any plan on an exhaustive grid (2-4 channels, budget only)', () => {
    fc.assert(
      fc.property(fc.array(hill, { minLength: 2, maxLength: 4 }), fc.double({ min: 10, max: 300, noNaN: true }), (params, budget) => {
        const channels = channelsOf(params);
        const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, []);
        const grid = bestOnGrid(
          channels.map((c) => c.response),
          budget,
          STEPS[channels.length],
        )!;
        const plan = channels.map((c) => allocation.weeklySpend[c.name]);
        expect(plan.reduce((s, x) => s + x, 0)).toBeCloseTo(budget, 6);
        expect(allocation.weeklyContribution).toBeGreaterThanOrEqual(grid.value - 1e-9 * grid.value);
        expect(allocation.optimalityGap).toBeLessThanOrEqual(1e-6);
        // And it is a real plan: its contribution is what the curves say.
        expect(allocation.weeklyContribution).toBeCloseTo(
          channels.reduce((s, c, i) => s + c.response.contribution(plan[i]), 0),
          9,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('is never beaten on the grid under bounds, a share minimum and a ratio', () => {
    fc.assert(
      fc.property(
        fc.array(hill, { minLength: 3, maxLength: 3 }),
        fc.double({ min: 30, max: 300, noNaN: true }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        (params, budget, minShare, ratio, capFraction) => {
          const channels = channelsOf(params);
          const cap = capFraction * budget;
          const constraints: Constraint[] = [
            { kind: 'bounds', channel: 'c2', max: cap },
            { kind: 'share', set: { channels: ['c0'] }, min: minShare },
            { kind: 'ratio', numerator: 'c1', denominator: 'c2', min: ratio },
          ];
          const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, constraints);
          const [x0, x1, x2] = channels.map((c) => allocation.weeklySpend[c.name]);
          const tol = 1e-7 * budget;
          expect(x2).toBeLessThanOrEqual(cap + tol);
          expect(x0).toBeGreaterThanOrEqual(minShare * budget - tol);
          expect(x1).toBeGreaterThanOrEqual(ratio * x2 - tol);
          const grid = bestOnGrid(
            channels.map((c) => c.response),
            budget,
            300,
            ([g0, g1, g2]) => g2 <= cap && g0 >= minShare * budget && g1 >= ratio * g2,
          );
          if (grid) expect(allocation.weeklyContribution).toBeGreaterThanOrEqual(grid.value - 1e-9 * grid.value);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('optimality conditions (KKT) on answers', () => {
  it('gives equal marginal returns to every channel strictly inside its bounds', () => {
    fc.assert(
      fc.property(
        fc.array(hill, { minLength: 2, maxLength: 6 }),
        fc.double({ min: 50, max: 500, noNaN: true }),
        fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (params, budget, capFractions) => {
          const channels = channelsOf(params);
          const caps = channels.map((_, i) => capFractions[i] * budget);
          const total = caps.reduce((s, c) => s + c, 0);
          fc.pre(total >= budget);
          const constraints: Constraint[] = channels.map((c, i) => ({ kind: 'bounds', channel: c.name, max: caps[i] }));
          const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, constraints);
          const plan = channels.map((c) => allocation.weeklySpend[c.name]);
          const marginal = channels.map((c) => allocation.marginalRoas[c.name]);
          const edge = 1e-7 * budget;
          const inside = plan.flatMap((x, i) => (x > edge && x < caps[i] - edge ? [i] : []));
          if (inside.length === 0) return;
          const lambda = marginal[inside[0]];
          for (const i of inside) expect(marginal[i]).toBeCloseTo(lambda, 6);
          // A channel at zero earns no more at the margin; one at its cap earns no less.
          plan.forEach((x, i) => {
            if (x <= edge) expect(marginal[i]).toBeLessThanOrEqual(lambda * (1 + 1e-6));
            if (x >= caps[i] - edge) expect(marginal[i]).toBeGreaterThanOrEqual(lambda * (1 - 1e-6));
          });
        },
      ),
      // The suite's fixed seed (test/setup/propertySeed.ts) draws the cases; new counterexamples become cases below.
      { numRuns: 80 },
    );
  });
});

describe('equal marginal returns on nearly flat curves', () => {
  // Found by the property above: heavily saturated curves, one channel at its cap. The final
  // Newton step used to be clamped at a cap, which broke the budget equality, so it was
  // refused and the marginal returns stayed 1.5% apart.
  it('equalizes the channels inside their bounds and leaves the capped one earning more', () => {
    const params = [[20, 10, 1.351], [20, 10.58, 3.207], [68.85, 10, 2.644]];
    const budget = 448.8;
    const caps = [0.534, 0.244, 0.55].map((f) => f * budget);
    const channels = params.map(([m, k, s], i) => ({ name: `c${i}`, response: hillCurve(m, k, s), currentWeeklySpend: 10 }));
    const constraints: Constraint[] = channels.map((c, i) => ({ kind: 'bounds', channel: c.name, max: caps[i] }));
    const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, constraints);
    const plan = channels.map((c) => allocation.weeklySpend[c.name]);
    expect(plan[0]).toBeCloseTo(caps[0], 6);
    const m = channels.map((c, i) => c.response.marginal(plan[i]));
    expect(m[1] / m[2]).toBeCloseTo(1, 9);
    expect(m[0]).toBeGreaterThanOrEqual(m[1]);
  });
});

describe('curves of every shape together', () => {
  // Fitted models mix S-curves with concave ones that start vertically (Hill shape < 1,
  // infinite marginal return at zero spend): the search must stay finite and global.
  const anyHill = fc.record({
    maxContribution: fc.double({ min: 20, max: 200, noNaN: true }),
    halfSaturation: fc.double({ min: 10, max: 100, noNaN: true }),
    shape: fc.double({ min: 0.3, max: 4, noNaN: true }),
  });

  it('is never beaten on an exhaustive grid when some curves are concave with a vertical start', () => {
    fc.assert(
      fc.property(fc.array(anyHill, { minLength: 2, maxLength: 3 }), fc.double({ min: 10, max: 300, noNaN: true }), (params, budget) => {
        const channels = channelsOf(params);
        const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, [{ kind: 'bounds', channel: 'c0', min: 0, max: budget }]);
        const grid = bestOnGrid(channels.map((c) => c.response), budget, STEPS[channels.length])!;
        expect(Number.isFinite(allocation.weeklyContribution)).toBe(true);
        expect(allocation.weeklyContribution).toBeGreaterThanOrEqual(grid.value - 1e-9 * grid.value);
      }),
      { numRuns: 60 },
    );
  });
});
