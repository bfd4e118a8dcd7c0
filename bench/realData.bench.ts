/**
 * Real data: the mmm_stan weekly export (bench/realData/mmmStan.ts), last 26 weeks held out. Our
 * default fit on three seeds beside a plain ridge on the same columns. Without the file (run
 * bench/realData/fetch-mmm-stan.sh, or set MMM_STAN_CSV) the area records that it was not measured.
 */
import { median } from '../src/data/robustStats';
import { fitModel } from '../src/mmm';
import { fitMetrics } from '../src/mmm/fit';
import { recordBenchResults } from './record';
import { loadMmmStan, MMM_STAN_HOLDOUT_WEEKS, mmmStanPath } from './realData/mmmStan';
import { crossValidatedAlpha, ridgePredictions } from './realData/plainRidge';

const SEEDS = [1, 2, 3];


export async function run(): Promise<void> {
  const data = await loadMmmStan();
  if (!data) {
    recordBenchResults('realData', { mmmStan: { measured: false, reason: `not measured: no file at ${mmmStanPath()} (run bench/realData/fetch-mmm-stan.sh or set MMM_STAN_CSV)` } });
    return;
  }
  const trainingWeeks = data.dates.length - MMM_STAN_HOLDOUT_WEEKS;
  const fits = [];
  for (const seed of SEEDS) {
    const started = performance.now();
    const model = await fitModel(data, { holdoutWeeks: MMM_STAN_HOLDOUT_WEEKS, seed });
    fits.push({ seed, holdoutMape: model.metrics.holdoutMape!, holdoutR2: model.metrics.holdoutR2!, inSampleR2: model.metrics.r2, baseline: model.fit.baseline, fitMs: Math.round(performance.now() - started) });
  }
  const columns = [...data.channels.map((c) => data.spend[c]), ...data.controls.map((c) => data.controlValues[c])];
  const ridgeFigures = (predicted: number[]) => {
    const m = fitMetrics(data.kpi, predicted, trainingWeeks);
    return { holdoutMape: m.holdoutMape, holdoutR2: m.holdoutR2 };
  };
  const alpha = crossValidatedAlpha(columns, data.kpi, trainingWeeks);
  recordBenchResults('realData', {
    mmmStan: {
      measured: true,
      weeks: data.dates.length,
      holdoutWeeks: MMM_STAN_HOLDOUT_WEEKS,
      channels: data.channels.length,
      controls: data.controls.length,
      holdoutMape: median(fits.map((f) => f.holdoutMape)),
      holdoutR2: median(fits.map((f) => f.holdoutR2)),
      fits,
      plainRidge: {
        columns: 'raw weekly spend of the 7 channels and the 22 holiday dummies, intercept',
        sklearnDefault: { alpha: 1, ...ridgeFigures(ridgePredictions(columns, data.kpi, trainingWeeks, 1)) },
        standardizedCrossValidated: { alpha, ...ridgeFigures(ridgePredictions(columns, data.kpi, trainingWeeks, alpha, true)) },
      },
    },
  });
}
