/**
 * The weak prior on each channel's ROAS relative to the pooled media ROAS (src/mmm/search.ts),
 * checked against its closed form: flat between `low` and `high` except that any excess over the
 * pooled ROAS costs (ln relative / excessSpread)², plus a Gaussian tail outside the range. And the
 * priors only the posterior draws carry: the coefficients' volume and the channels' pooling.
 */
import { describe, expect, it } from 'vitest';
import { COEFFICIENT_PRIOR, coefficientPriorSpread, coefficientVolume, ROAS_PRIOR, roasPenalty } from '../../src/mmm/search';
import { CHANNEL_POOLING_PRIOR, poolingPenalty } from '../../src/mmm/searchSpace';
import { logDeterminant } from '../../src/linearAlgebra';

// Coefficient 1 and mean column value = effect per week, so a channel's ROAS is effect / spend.
const penaltyOf = (effects: number[], spends: number[]) => roasPenalty(effects.map(() => 1), effects, spends);

describe('ROAS prior relative to pooled media', () => {
  it('costs nothing when every channel earns the pooled ROAS', () => {
    expect(penaltyOf([2, 6, 0.5], [1, 3, 0.25])).toBe(0);
  });

  it('charges over-claiming but not under-claiming inside the plausible range', () => {
    // Equal spend, effects 2 and 1: pooled ROAS 1.5, relative ROAS 4/3 and 2/3.
    expect(penaltyOf([2, 1], [1, 1])).toBeCloseTo((Math.log(4 / 3) / ROAS_PRIOR.excessSpread) ** 2, 12);
  });

  it('adds the Gaussian tail for a channel below the plausible range', () => {
    // Effects 0.9 and 0.1: pooled 0.5, relative 1.8 (excess only) and 0.2 (below low = 0.25).
    const expected = (Math.log(1.8) / ROAS_PRIOR.excessSpread) ** 2 + (Math.log(ROAS_PRIOR.low / 0.2) / ROAS_PRIOR.spread) ** 2;
    expect(penaltyOf([0.9, 0.1], [1, 1])).toBeCloseTo(expected, 12);
  });

  it('adds both terms for a channel above the plausible range', () => {
    // Three equal spends, effects 3, 0, 0: pooled 1, relative 3; the zero channels count as 1% (below low).
    const expected = (Math.log(3) / ROAS_PRIOR.excessSpread) ** 2 + (Math.log(3 / ROAS_PRIOR.high) / ROAS_PRIOR.spread) ** 2 + 2 * (Math.log(ROAS_PRIOR.low / 0.01) / ROAS_PRIOR.spread) ** 2;
    expect(penaltyOf([3, 0, 0], [1, 1, 1])).toBeCloseTo(expected, 10);
  });
});

describe('the draws’ extra priors', () => {
  it('logDeterminant matches closed forms and refuses a matrix that is not positive definite', () => {
    expect(logDeterminant([4, 1, 1, 3], 2)).toBeCloseTo(Math.log(11), 12);
    expect(logDeterminant([2, 0, 0, 0, 5, 0, 0, 0, 7], 3)).toBeCloseTo(Math.log(70), 12);
    expect(logDeterminant([1, 2, 2, 1], 2)).toBe(-Infinity);
  });

  it('coefficientVolume is log(1 + d²·s/σ²) for one channel and adds up for uncorrelated ones', () => {
    expect(coefficientVolume(Float64Array.from([50]), 2, Float64Array.from([0.3]))).toBeCloseTo(Math.log(1 + (0.09 * 50) / 2), 12);
    const two = coefficientVolume(Float64Array.from([50, 0, 0, 8]), 2, Float64Array.from([0.3, 1.5]));
    expect(two).toBeCloseTo(Math.log(1 + (0.09 * 50) / 2) + Math.log(1 + (2.25 * 8) / 2), 12);
    // Correlated columns carry less than the sum of their parts.
    expect(coefficientVolume(Float64Array.from([50, 15, 15, 8]), 2, Float64Array.from([0.3, 1.5]))).toBeLessThan(two);
    expect(coefficientVolume(new Float64Array(0), 2, new Float64Array(0))).toBe(0);
  });

  it('coefficientPriorSpread is the pooled ROAS in each channel’s coefficient units', () => {
    // Two channels: effects 2·10 and 1·30 on spends 10 and 40 → pooled ROAS 50/50 = 1.
    const spread = coefficientPriorSpread([2, 1], [10, 30], [10, 40]);
    expect(Array.from(spread)).toEqual([(COEFFICIENT_PRIOR.roasSpread * 1 * 10) / 10, (COEFFICIENT_PRIOR.roasSpread * 1 * 40) / 30]);
  });

  it('poolingPenalty is 0 when the channels agree and grows with the square of their spread', () => {
    expect(poolingPenalty([0.2, 0.5, 0.2, 0.5], 2, 2)).toBe(0);
    // One parameter, two channels 0.2 apart: each 0.1 from the mean.
    expect(poolingPenalty([0.3, 0.5], 2, 1)).toBeCloseTo(2 * (0.1 / CHANNEL_POOLING_PRIOR.spread) ** 2, 12);
    expect(poolingPenalty([0.1, 0.5], 2, 1)).toBeCloseTo(4 * poolingPenalty([0.3, 0.5], 2, 1), 12);
    expect(poolingPenalty([0.3], 1, 1)).toBe(0);
  });
});
