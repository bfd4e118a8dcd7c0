/** Test helpers: the demo CSV as WeeklyData, its truth file, and a simulator for other data sets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { WeeklyData } from '../../src/data/weeklyData';
import { weekAfter } from '../../src/mmm/design';
import { mediaEffect } from '../../src/mmm/transforms/registry';
import { seededRandom } from '../../src/mmm/random';

const DATA_DIR = join(__dirname, '..', '..', 'data');

export function loadDemoWeekly(): WeeklyData {
  const rows = parse(readFileSync(join(DATA_DIR, 'demo_weekly.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const spendColumns = Object.keys(rows[0]).filter((c) => c.endsWith('_spend'));
  const channels = spendColumns.map((c) => c.replace(/_spend$/, ''));
  const controls = ['holiday', 'promo'];
  return {
    dates: rows.map((r) => r.date),
    kpiName: 'kpi',
    kpi: rows.map((r) => Number(r.kpi)),
    channels,
    spend: Object.fromEntries(channels.map((c) => [c, rows.map((r) => Number(r[`${c}_spend`]))])),
    controls,
    controlValues: Object.fromEntries(controls.map((c) => [c, rows.map((r) => Number(r[c]))])),
  };
}

export interface ChannelTruth {
  decay: number;
  halfSaturation: number;
  shape: number;
  beta: number;
  roas: number;
}

export interface DemoTruth {
  noise: number;
  channels: Record<string, ChannelTruth & { spend: number; contribution: number }>;
  noiseFloor: { allWeeks: { roas: Record<string, number> }; first143Weeks: { roas: Record<string, number> } };
}

export function loadDemoTruth(): DemoTruth {
  return JSON.parse(readFileSync(join(DATA_DIR, 'demo_weekly_truth.json'), 'utf8')) as DemoTruth;
}

/** Hyperparameters of the true data-generating process (geometric adstock over 8 lags, Hill saturation). */
export function truthHyperparameters(channels: Record<string, Pick<ChannelTruth, 'decay' | 'halfSaturation' | 'shape'>>, ridge = 0) {
  return {
    ridge,
    channels: Object.fromEntries(
      Object.entries(channels).map(([c, t]) => [
        c,
        { adstock: { type: 'geometric' as const, decay: t.decay, maxLag: 8 }, saturation: { type: 'hill' as const, halfSaturation: t.halfSaturation, shape: t.shape } },
      ]),
    ),
  };
}

/**
 * A weekly data set drawn from known parameters that differ from the demo file's: other channels,
 * spend levels, carry-over and noise. Truth ROAS is computed from the noiseless contributions.
 */
export function simulateWeekly(seed: number, weeks = 156) {
  const random = seededRandom(seed, 7);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const truth: Record<string, ChannelTruth & { meanSpend: number }> = {
    video: { decay: 0.55, halfSaturation: 45000, shape: 1.6, beta: 150000, roas: 0, meanSpend: 40000 },
    paidsearch: { decay: 0.1, halfSaturation: 20000, shape: 1.0, beta: 120000, roas: 0, meanSpend: 25000 },
    affiliates: { decay: 0.35, halfSaturation: 15000, shape: 2.2, beta: 80000, roas: 0, meanSpend: 18000 },
    podcasts: { decay: 0.7, halfSaturation: 12000, shape: 1.3, beta: 60000, roas: 0, meanSpend: 15000 },
  };
  const dates = Array.from({ length: weeks }, (_, t) => weekAfter('2021-03-01', t));
  const spend: Record<string, number[]> = {};
  const kpi = dates.map((_, t) => 300000 + 900 * t + 40000 * Math.sin((2 * Math.PI * t) / 52.18) + 15000 * Math.cos((4 * Math.PI * t) / 52.18));
  const promo = dates.map((_, t) => (t % 17 === 5 ? 1 : 0));
  promo.forEach((p, t) => (kpi[t] += 25000 * p));
  for (const [channel, t] of Object.entries(truth)) {
    // Log-normal spend with occasional dark weeks, as real flighting looks.
    spend[channel] = dates.map(() => (random() < 0.08 ? 0 : t.meanSpend * Math.exp(0.6 * gaussian() - 0.18)));
    const contribution = mediaEffect(truthHyperparameters({ [channel]: t }).channels[channel], spend[channel]).map((x) => x * t.beta);
    contribution.forEach((x, w) => (kpi[w] += x));
    t.roas = contribution.reduce((s, x) => s + x, 0) / spend[channel].reduce((s, x) => s + x, 0);
  }
  // Same noise level as the demo file (1.5%), so that the channels are as identifiable.
  const noisy = kpi.map((y) => y * (1 + 0.015 * gaussian()));
  const data: WeeklyData = { dates, kpiName: 'orders', kpi: noisy, channels: Object.keys(truth), spend, controls: ['promo'], controlValues: { promo } };
  return { data, truth };
}
