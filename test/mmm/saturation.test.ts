import { beforeAll, describe, expect, it } from 'vitest';
import { breakEvenSpend, channelResponse, channelSummaries, currentWeeklySpend, spendVsBreakEven, type MmmModel } from '../../src/mmm';
import { mostSaturatedFirst, type ChannelFigure } from '../../src/services/ask';
import { saturationSummary } from '../../src/services/answerText';
import { noCarryOverModel } from '../scenarios/model';

let model: MmmModel;
beforeAll(() => {
  model = noCarryOverModel(20);
});

describe('saturation read as marginal ROAS reads it', () => {
  it('puts the break-even spend where marginal ROAS crosses 1 from above, on the curve’s bent-over side', () => {
    for (const channel of model.channels) {
      const spend = breakEvenSpend(model, channel);
      const { marginal } = channelResponse(model, channel);
      if (spend === null) {
        // No spend at all returns 1 at the margin: check a wide sweep.
        for (let x = 1; x < 1e9; x *= 1.5) expect(marginal(x)).toBeLessThan(1);
        continue;
      }
      expect(marginal(spend * 0.999)).toBeGreaterThanOrEqual(1);
      expect(marginal(spend * 1.001)).toBeLessThan(1);
      // Past it the curve never comes back above 1.
      for (let x = spend * 1.01; x < spend * 1000; x *= 1.3) expect(marginal(x)).toBeLessThan(1);
    }
  });

  it('is past 1 exactly when today’s marginal ROAS is below 1 (on the bent-over side)', () => {
    const summaries = channelSummaries(model);
    const current = currentWeeklySpend(model);
    for (const channel of model.channels) {
      const s = summaries[channel];
      const ratio = spendVsBreakEven(current[channel], s.breakEvenSpend);
      expect(s.breakEvenSpend).toBe(breakEvenSpend(model, channel));
      expect(s.mroasLow).toBeLessThanOrEqual(s.mroas + 1e-9);
      expect(s.mroasHigh).toBeGreaterThanOrEqual(s.mroas - 1e-9);
      if (ratio > 1) expect(s.mroas).toBeLessThan(1);
      if (ratio < 1 && current[channel] > model.hyperparameters.channels[channel].saturation.halfSaturation) expect(s.mroas).toBeGreaterThan(1);
    }
  });

  it('ranks a channel no spend of which breaks even first, and names the most and least saturated with their reasons', () => {
    const figure = (channel: string, spendVsBreakEven: number | null, mroas: number, breakEven: number | null): ChannelFigure => ({
      channel, displayName: channel.toUpperCase(), roas: 1, roasLow: 1, roasHigh: 1, mroas, mroasLow: mroas, mroasHigh: mroas, weeklySpend: 10_000,
      breakEvenSpend: breakEven, spendVsBreakEven, saturationPoint: 1, saturation: 0.013, contributionShare: 0.1,
    });
    const sorted = mostSaturatedFirst([figure('tv', 0.5, 1.9, 20_000), figure('social', null, 0.77, null), figure('search', 1.4, 0.8, 7_143)]);
    expect(sorted.map((f) => f.channel)).toEqual(['social', 'search', 'tv']);
    const [most, least] = saturationSummary(sorted);
    expect(most).toBe('SOCIAL is the most saturated: at no weekly spend does an extra $1 return $1 or more; today an extra $1 of it returns 0.77 (marginal ROAS).');
    expect(least).toBe('TV is the least saturated: at $10k a week it is at 50% of the $20k up to which an extra $1 returns $1 or more; today an extra $1 of it returns 1.90 (marginal ROAS).');
  });
});
