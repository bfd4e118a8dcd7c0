/**
 * Media-mix engine figures: default fit time on the demo file (search + bootstrap, 13-week
 * holdout), candidate fits per second, bootstrap time, accuracy against the truth file, and
 * ROAS recovery on a family of simulated data sets next to their noise floor.
 */
import { loadDemoTruth, loadDemoWeekly } from '../testkit/mmm/demoData';
import { channelSummaries, fitModel, fitWithHyperparameters } from '../src/mmm';
import { latinHypercube, seededRandom } from '../src/mmm/random';
import { measureRecovery, summarizeFamily } from '../testkit/recovery';
import { SearchWorkspace } from '../src/mmm/search';
import { DEFAULT_MAX_LAG } from '../src/mmm/design';
import { recordBenchResults, timingSummary } from './record';

/** Simulated data sets of the family figures (testkit/simulate.ts); seeds 1–6 are also the family test's. */
const FAMILY_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

export async function run(): Promise<void> {
  const data = loadDemoWeekly();
  const truth = loadDemoTruth();

  const fitMs: number[] = [];
  let model = await fitModel(data, { holdoutWeeks: 13 });
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    model = await fitModel(data, { holdoutWeeks: 13 });
    fitMs.push(performance.now() - start);
  }

  // Candidate fits per second on one thread: Latin-hypercube candidates scored by least squares.
  const workspace = new SearchWorkspace({ data, holdoutWeeks: 13, fourierOrder: 2, families: { adstock: 'geometric', saturation: 'hill', maxLag: DEFAULT_MAX_LAG } });
  const candidates = latinHypercube(3000, workspace.space.dims, seededRandom(1, 0));
  const scoreStart = performance.now();
  for (const u of candidates) workspace.score(u);
  const candidateFitsPerSecond = candidates.length / ((performance.now() - scoreStart) / 1000);

  // Bootstrap with fixed transforms (200 draws), the part every fit pays even without search.
  const bootstrapMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    fitWithHyperparameters(data, model.hyperparameters, { holdoutWeeks: 13, bootstrapDraws: 200 });
    bootstrapMs.push(performance.now() - start);
  }
  // The default fit's own bootstrap (re-estimated transforms): fit time with and without draws.
  const noDrawsMs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const start = performance.now();
    await fitModel(data, { holdoutWeeks: 13, bootstrapDraws: 0 });
    noDrawsMs.push(performance.now() - start);
  }

  const family = [];
  for (const seed of FAMILY_SEEDS) family.push(await measureRecovery(seed));

  const summaries = channelSummaries(model);
  const roas = Object.fromEntries(
    data.channels.map((c) => [
      c,
      {
        estimate: summaries[c].roas,
        low: summaries[c].roasLow,
        high: summaries[c].roasHigh,
        truth: truth.channels[c].roas,
        relativeError: summaries[c].roas / truth.channels[c].roas - 1,
      },
    ]),
  );
  const errors = Object.values(roas).map((r) => Math.abs(r.relativeError)).sort((a, b) => a - b);
  recordBenchResults('mmm', {
    defaultFitMs: timingSummary(fitMs),
    fitWithoutBootstrapMs: timingSummary(noDrawsMs),
    searchBootstrapMs: timingSummary(fitMs).p50Ms - timingSummary(noDrawsMs).p50Ms,
    fixedTransformBootstrap200Ms: timingSummary(bootstrapMs),
    candidateFitsPerSecondOneThread: Math.round(candidateFitsPerSecond),
    candidatesEvaluatedPerFit: model.fit.candidatesEvaluated,
    roas,
    medianRoasError: errors[Math.floor(errors.length / 2)],
    maxRoasError: errors[errors.length - 1],
    intervalCoverage: Object.values(roas).filter((r) => r.low <= r.truth && r.truth <= r.high).length / errors.length,
    holdoutMape: model.metrics.holdoutMape,
    inSampleMape: model.metrics.mape,
    family: {
      ...summarizeFamily(family),
      fitMs: timingSummary(family.map((r) => r.fitMs)),
      dataSets: family.map((r) => ({
        seed: r.seed,
        weeks: r.weeks,
        channels: Object.keys(r.channels).length,
        floorMedianError: r.floorMedianError,
        medianError: r.medianError,
        floorMaxError: r.floorMaxError,
        maxError: r.maxError,
        covered: r.covered,
        holdoutMape: r.holdoutMape,
      })),
    },
  });
}
