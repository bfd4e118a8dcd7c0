/**
 * Scenario answer time on the demo data: a model with the demo's true transforms (geometric
 * adstock over 8 weeks, Hill curves) and 200 bootstrap draws; each what-if forecasts both
 * plans for the point estimate and every draw (the interval and probability of beating
 * today). Target: under 20 ms per what-if. Optimizations are timed the same way.
 */
import { join } from 'node:path';
import { readWeeklyCsv } from '../src/data/readWeeklyCsv';
import { fitWithHyperparameters } from '../src/mmm';
import { evaluateWhatIf, runOptimization, type WhatIfSpec } from '../src/scenarios';
import type { OptimizeSpec } from '../src/scenarios/spec';
import { loadDemoTruth, truthHyperparameters } from '../testkit/mmm/demoData';
import { recordBenchResults, timingSummary } from './record';

const DATA_DIR = join(process.cwd(), 'data');

const whatIfs: Record<string, WhatIfSpec> = {
  shift20: { weeks: 13, changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } }] },
  combination: {
    weeks: 13,
    changes: [
      { kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 0.5 }, { channel: 'social', share: 0.5 }], amount: { unit: 'money', value: 10_000, per: 'week' } },
      { kind: 'set', channel: 'radio', weeklySpend: 0, weeks: 4 },
      { kind: 'scaleTotal', by: { unit: 'percent', value: 10 } },
    ],
  },
};

const optimizations: Record<string, OptimizeSpec> = {
  maxKpi: { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 },
  maxKpiConstrained: {
    objective: { kind: 'maxKpi' },
    weeks: 13,
    constraints: [
      { kind: 'maxChange', fraction: 0.5 },
      { kind: 'share', set: { group: 'digital' }, min: 0.4 },
      { kind: 'ratio', numerator: 'search', denominator: 'display', min: 0.5 },
      { kind: 'bounds', channel: 'tv', min: 30_000 },
    ],
  },
  /** Per-week plan, today's total spent every week. */
  maxKpiPerWeek: { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', fraction: 0.5 }], weeks: 13, perWeek: true },
};

function time(runs: number, f: () => unknown): ReturnType<typeof timingSummary> {
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    f();
    samples.push(performance.now() - started);
  }
  return timingSummary(samples);
}

export async function run(): Promise<void> {
  const { data } = await readWeeklyCsv(join(DATA_DIR, 'demo_weekly.csv'));
  const hyper = truthHyperparameters(loadDemoTruth().channels);
  const model = fitWithHyperparameters(data, hyper, { bootstrapDraws: 200 });
  const groups = { digital: ['search', 'social', 'display'], traditional: ['tv', 'radio'] };
  time(20, () => evaluateWhatIf(model, whatIfs.shift20)); // warm-up
  const figures: Record<string, unknown> = { channels: model.channels.length, bootstrapDraws: model.draws.length, targetMsWhatIf: 20 };
  for (const [name, spec] of Object.entries(whatIfs)) figures[`whatIf_${name}`] = time(200, () => evaluateWhatIf(model, spec));
  for (const [name, spec] of Object.entries(optimizations)) figures[`optimize_${name}`] = time(50, () => runOptimization(model, spec, groups));
  recordBenchResults('scenarios', figures);
  process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
}
