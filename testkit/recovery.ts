/**
 * How well the estimator recovers known ROAS on simulated data sets, next to the noise floor:
 * ordinary least squares given the TRUE transforms (no estimator that must also find the
 * transforms should expect to beat it). Used by the family test and the bench.
 */
import { median } from '../src/data/robustStats';
import { fitModel, fitWithHyperparameters } from '../src/mmm/fit';
import { channelSummaries } from '../src/mmm/outputs';
import { simulateDataSet, SimulationOptions, trueHyperparameters } from './simulate';
import type { FitOptions } from '../src/mmm/types';

export interface ChannelRecovery {
  truth: number;
  floor: number;
  estimate: number;
  low: number;
  high: number;
}

export interface DataSetRecovery {
  seed: number;
  weeks: number;
  channels: Record<string, ChannelRecovery>;
  /** Median and max relative ROAS error over the channels. */
  floorMedianError: number;
  floorMaxError: number;
  medianError: number;
  maxError: number;
  /** Channels whose true ROAS lies inside the 90% interval. */
  covered: number;
  holdoutMape: number | null;
  fitMs: number;
}

export const relativeError = (estimate: number, truth: number) => Math.abs(estimate / truth - 1);

/** Simulates data set `seed`, fits it both ways (13-week holdout) and compares with the truth. */
export async function measureRecovery(seed: number, fit: FitOptions = {}, simulation: SimulationOptions = {}): Promise<DataSetRecovery> {
  const simulated = simulateDataSet(seed, simulation);
  const options: FitOptions = { holdoutWeeks: 13, ...fit };
  const floorSummaries = channelSummaries(fitWithHyperparameters(simulated.data, trueHyperparameters(simulated.channels), { ...options, bootstrapDraws: 0 }));
  const start = performance.now();
  const model = await fitModel(simulated.data, options);
  const fitMs = performance.now() - start;
  const summaries = channelSummaries(model);
  const channels = Object.fromEntries(
    simulated.data.channels.map((c) => [
      c,
      { truth: simulated.channels[c].roas, floor: floorSummaries[c].roas, estimate: summaries[c].roas, low: summaries[c].roasLow, high: summaries[c].roasHigh },
    ]),
  );
  const rows = Object.values(channels);
  const floorErrors = rows.map((r) => relativeError(r.floor, r.truth));
  const errors = rows.map((r) => relativeError(r.estimate, r.truth));
  return {
    seed,
    weeks: simulated.data.dates.length,
    channels,
    floorMedianError: median(floorErrors),
    floorMaxError: Math.max(...floorErrors),
    medianError: median(errors),
    maxError: Math.max(...errors),
    covered: rows.filter((r) => r.low <= r.truth && r.truth <= r.high).length,
    holdoutMape: model.metrics.holdoutMape,
    fitMs,
  };
}

export interface FamilyRecovery {
  dataSets: number;
  /** Medians over data sets of each data set's median channel error. */
  floorMedianError: number;
  medianError: number;
  /** Median over data sets of each data set's worst channel error. */
  floorMaxError: number;
  maxError: number;
  /** Median over all channels of all data sets: error relative to the truth. */
  pooledMedianError: number;
  pooledFloorMedianError: number;
  /** Share of all channels whose truth lies inside the 90% interval. */
  coverage: number;
}

export function summarizeFamily(results: DataSetRecovery[]): FamilyRecovery {
  const all = results.flatMap((r) => Object.values(r.channels));
  return {
    dataSets: results.length,
    floorMedianError: median(results.map((r) => r.floorMedianError)),
    medianError: median(results.map((r) => r.medianError)),
    floorMaxError: median(results.map((r) => r.floorMaxError)),
    maxError: median(results.map((r) => r.maxError)),
    pooledMedianError: median(all.map((c) => relativeError(c.estimate, c.truth))),
    pooledFloorMedianError: median(all.map((c) => relativeError(c.floor, c.truth))),
    coverage: results.reduce((s, r) => s + r.covered, 0) / all.length,
  };
}
