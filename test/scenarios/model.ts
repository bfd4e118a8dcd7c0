/**
 * A small model with known transforms for scenario tests: three channels, Hill curves of
 * known shape, and by default no carry-over (decay 0, so a week's KPI depends on that week's
 * spend only and forecasts have closed forms).
 */
import type { WeeklyData } from '../../src/data/weeklyData';
import { fitWithHyperparameters, type Hyperparameters, type MmmModel } from '../../src/mmm';
import { hillCurve } from '../../testkit/hill';
import { seeded } from '../../testkit/optimizer/problems';

export const CHANNELS = { tv: { halfSaturation: 60_000, shape: 2.2, beta: 150_000 }, search: { halfSaturation: 20_000, shape: 1.3, beta: 90_000 }, social: { halfSaturation: 15_000, shape: 3, beta: 40_000 } };
type Name = keyof typeof CHANNELS;
const names = Object.keys(CHANNELS) as Name[];

export function syntheticData(weeks = 104): WeeklyData {
  const random = seeded(7);
  const dates = Array.from({ length: weeks }, (_, w) => new Date(Date.UTC(2022, 0, 3 + 7 * w)).toISOString().slice(0, 10));
  const typical: Record<Name, number> = { tv: 60_000, search: 25_000, social: 15_000 };
  const spend = Object.fromEntries(names.map((c) => [c, dates.map(() => typical[c] * (0.4 + 1.2 * random()))])) as Record<Name, number[]>;
  const promo = dates.map((_, w) => (w % 9 === 4 ? 1 : 0));
  const kpi = dates.map((_, w) => {
    const media = names.reduce((s, c) => s + hillCurve(CHANNELS[c].beta, CHANNELS[c].halfSaturation, CHANNELS[c].shape).contribution(spend[c][w]), 0);
    return 300_000 + 400 * w + 20_000 * Math.sin((2 * Math.PI * w) / 52) + 25_000 * promo[w] + media + 2_000 * (random() - 0.5);
  });
  return { dates, kpiName: 'revenue', kpi, channels: [...names], spend, controls: ['promo'], controlValues: { promo } };
}

export function noCarryOverModel(draws = 40): MmmModel {
  return carryOverModel(0, 0, draws);
}

/** The same data fitted with geometric carry-over of the given decay: the model is the truth for per-week plans. */
export function carryOverModel(decay: number, maxLag: number, draws = 40): MmmModel {
  const hyper: Hyperparameters = {
    ridge: 0,
    channels: Object.fromEntries(
      names.map((c) => [c, { adstock: { type: 'geometric', decay, maxLag }, saturation: { type: 'hill', halfSaturation: CHANNELS[c].halfSaturation, shape: CHANNELS[c].shape } }]),
    ),
  };
  return fitWithHyperparameters(syntheticData(), hyper, { bootstrapDraws: draws, seed: 3 });
}

/** The fitted model's own curve for a channel, written out by hand: beta · Hill(spend). */
export function fittedCurve(model: MmmModel, channel: Name) {
  return hillCurve(model.coefficients.channels[channel], CHANNELS[channel].halfSaturation, CHANNELS[channel].shape);
}
