/**
 * The weak prior on each channel's ROAS relative to the pooled media ROAS (src/mmm/search.ts),
 * checked against its closed form: flat between `low` and `high` except that any excess over the
 * pooled ROAS costs (ln relative / excessSpread)², plus a Gaussian tail outside the range.
 */
import { describe, expect, it } from 'vitest';
import { ROAS_PRIOR, roasPenalty } from '../../src/mmm/search';

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
