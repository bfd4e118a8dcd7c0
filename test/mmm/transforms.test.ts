import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geometricAdstock } from '../../src/mmm/transforms/geometricAdstock';
import { hillSaturation } from '../../src/mmm/transforms/hillSaturation';
import { logisticSaturation } from '../../src/mmm/transforms/logisticSaturation';
import { ADSTOCKS, adstock, AdstockParams, SATURATIONS, SaturationParams } from '../../src/mmm/transforms/registry';
import { weibullAdstock } from '../../src/mmm/transforms/weibullAdstock';

const spendSeries = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
const geometric = fc.record({ type: fc.constant('geometric' as const), decay: fc.double({ min: 0, max: 0.95, noNaN: true }), maxLag: fc.integer({ min: 0, max: 20 }) });
const weibull = fc.record({
  type: fc.constant('weibull' as const),
  shape: fc.double({ min: 0.5, max: 5, noNaN: true }),
  scale: fc.double({ min: 0.5, max: 8, noNaN: true }),
  maxLag: fc.integer({ min: 0, max: 20 }),
});
const anyAdstock: fc.Arbitrary<AdstockParams> = fc.oneof(geometric, weibull);
const hill = fc.record({ type: fc.constant('hill' as const), halfSaturation: fc.double({ min: 1, max: 1e6, noNaN: true }), shape: fc.double({ min: 0.3, max: 5, noNaN: true }) });
const logistic = fc.record({ type: fc.constant('logistic' as const), halfSaturation: fc.double({ min: 1, max: 1e6, noNaN: true }) });
const anySaturation: fc.Arbitrary<SaturationParams> = fc.oneof(hill, logistic);

const total = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe('adstock properties', () => {
  it('conserves total spend once the carry-over has run out (trailing zeros)', () => {
    fc.assert(
      fc.property(anyAdstock, spendSeries, (params, spend) => {
        const padded = [...spend, ...new Array<number>(params.maxLag).fill(0)];
        const carried = adstock(params, padded);
        expect(total(carried)).toBeCloseTo(total(spend), -Math.log10(Math.max(1, total(spend))) + 8);
      }),
    );
  });

  it('with decay 0 (or no lags) is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), spendSeries, (maxLag, spend) => {
        expect(Array.from(adstock({ type: 'geometric', decay: 0, maxLag }, spend))).toEqual(spend);
      }),
    );
  });

  it('has weights that are non-negative and sum to 1 for every registered adstock', () => {
    fc.assert(
      fc.property(anyAdstock, (params) => {
        const w = ADSTOCKS[params.type].weights(params as never);
        expect(w.length).toBe(params.maxLag + 1);
        expect(Array.from(w).every((x) => x >= 0)).toBe(true);
        expect(total(w)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('saturation properties', () => {
  it('is monotone non-decreasing in weekly spend and stays in [0, 1]', () => {
    fc.assert(
      fc.property(anySaturation, fc.double({ min: 0, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1e7, noNaN: true }), (params, a, b) => {
        const s = SATURATIONS[params.type];
        const [low, high] = a <= b ? [a, b] : [b, a];
        const rLow = s.response(params as never, low);
        const rHigh = s.response(params as never, high);
        expect(rLow).toBeLessThanOrEqual(rHigh);
        expect(rLow).toBeGreaterThanOrEqual(0);
        expect(rHigh).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('reaches half its maximum at halfSaturation', () => {
    fc.assert(
      fc.property(anySaturation, (params) => {
        expect(SATURATIONS[params.type].response(params as never, params.halfSaturation)).toBeCloseTo(0.5, 12);
      }),
    );
  });

  it('has a marginal response equal to the numerical derivative', () => {
    fc.assert(
      fc.property(anySaturation, fc.double({ min: 0.05, max: 20, noNaN: true }), (params, relative) => {
        const s = SATURATIONS[params.type];
        const x = relative * params.halfSaturation;
        const h = 1e-5 * x;
        const numeric = (s.response(params as never, x + h) - s.response(params as never, x - h)) / (2 * h);
        // Central differences: truncation error relative to the slope, rounding error about ε/h.
        expect(Math.abs(s.marginalResponse(params as never, x) - numeric)).toBeLessThanOrEqual(1e-4 * Math.abs(numeric) + 1e-10 / h);
      }),
    );
  });
});

describe('components', () => {
  it('geometric adstock weights are decay^l normalized', () => {
    const w = geometricAdstock.weights({ type: 'geometric', decay: 0.5, maxLag: 2 });
    expect(Array.from(w)).toEqual([1 / 1.75, 0.5 / 1.75, 0.25 / 1.75]);
    expect(geometricAdstock.equivalentDecay({ type: 'geometric', decay: 0.4, maxLag: 8 })).toBe(0.4);
  });

  it('geometric adstock carries a single burst forward week by week', () => {
    const carried = adstock({ type: 'geometric', decay: 0.5, maxLag: 2 }, [1.75, 0, 0, 0]);
    expect(Array.from(carried)).toEqual([1, 0.5, 0.25, 0]);
  });

  it('weibull adstock with shape > 1 peaks after the spend week (a delayed effect)', () => {
    const w = weibullAdstock.weights({ type: 'weibull', shape: 3, scale: 4, maxLag: 10 });
    const peak = Array.from(w).indexOf(Math.max(...w));
    expect(peak).toBeGreaterThan(0);
    expect(w[0]).toBeLessThan(w[peak]);
  });

  it('hill saturation and its slope agree with the textbook formulas over the whole parameter range', () => {
    fc.assert(
      fc.property(hill, fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (p, x) => {
        const xs = x ** p.shape;
        const ks = p.halfSaturation ** p.shape;
        const expected = Number.isFinite(xs) && Number.isFinite(ks) && xs + ks > 0 ? xs / (xs + ks) : 1 / (1 + (p.halfSaturation / x) ** p.shape);
        expect(hillSaturation.response(p, x)).toBeCloseTo(expected, 12);
        const ratio = (p.halfSaturation / x) ** p.shape;
        const slope = (p.shape * ratio) / (x * (1 + ratio) ** 2);
        expect(Math.abs(hillSaturation.marginalResponse(p, x) - slope)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(slope)));
      }),
    );
  });

  it('hill saturation matches x^s/(x^s+K^s)', () => {
    const p = { type: 'hill' as const, halfSaturation: 2, shape: 3 };
    expect(hillSaturation.response(p, 4)).toBeCloseTo(64 / (64 + 8), 14);
    expect(hillSaturation.response(p, 0)).toBe(0);
  });

  it('logistic saturation matches (1-e^{-λx})/(1+e^{-λx}) with λ = ln3/K', () => {
    const p = { type: 'logistic' as const, halfSaturation: 10 };
    const lambda = Math.log(3) / 10;
    expect(logisticSaturation.response(p, 25)).toBeCloseTo((1 - Math.exp(-lambda * 25)) / (1 + Math.exp(-lambda * 25)), 14);
  });

  it('rejects out-of-bounds parameters with the field named', () => {
    expect(() => geometricAdstock.validate({ type: 'geometric', decay: 1.5, maxLag: 8 })).toThrow(/adstock.decay/);
    expect(() => hillSaturation.validate({ type: 'hill', halfSaturation: -1, shape: 1 })).toThrow(/saturation.halfSaturation/);
    expect(() => weibullAdstock.validate({ type: 'weibull', shape: 2, scale: 2, maxLag: 2.5 })).toThrow(/adstock.maxLag/);
  });
});
