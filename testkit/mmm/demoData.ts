/** Test helpers: the demo CSV as WeeklyData and its truth file (other data sets: testkit/simulate.ts). */
import { PROJECT_ROOT } from '../../src/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { WeeklyData } from '../../src/data/weeklyData';
import { trueHyperparameters } from '../simulate';

const DATA_DIR = join(PROJECT_ROOT, 'data');

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
  return trueHyperparameters(channels, ridge);
}
