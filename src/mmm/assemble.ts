/** The model document a fit ends in, and its accuracy figures. */
import { coefficientsFromVector } from './design';
import type { FitEngine } from './engine';
import type { DrawResult } from './tasks';
import type { BootstrapDraw, Hyperparameters, MmmModel, ModelMetrics } from './types';

/** Builds the model document; the engine's media columns must be those of `hyper`. */
export function assemble(
  engine: FitEngine,
  opts: { holdoutWeeks: number },
  hyper: Hyperparameters,
  beta: Float64Array,
  draws: DrawResult[],
  fit: MmmModel['fit'],
): MmmModel {
  const fitted = engine.predict(beta);
  const bootstrapDraws: BootstrapDraw[] = draws.map((d) => ({ hyperparameters: d.hyper, coefficients: coefficientsFromVector(engine.layout, d.beta) }));
  return {
    schemaVersion: 1,
    data: engine.data,
    channels: [...engine.data.channels],
    controls: [...engine.data.controls],
    holdoutWeeks: opts.holdoutWeeks,
    fourierOrder: engine.layout.fourierOrder,
    trendChangepoints: engine.layout.trendChangepoints,
    hyperparameters: hyper,
    coefficients: coefficientsFromVector(engine.layout, beta),
    draws: bootstrapDraws,
    metrics: fitMetrics(engine.data.kpi, fitted, engine.trainingWeeks),
    fit,
  };
}

/** In-sample metrics on the training weeks; holdout metrics on the weeks after them. */
export function fitMetrics(kpi: ArrayLike<number>, fitted: ArrayLike<number>, trainingWeeks: number): ModelMetrics {
  const training = accuracy(kpi, fitted, 0, trainingWeeks);
  const hasHoldout = kpi.length > trainingWeeks;
  const holdout = hasHoldout ? accuracy(kpi, fitted, trainingWeeks, kpi.length) : null;
  return { r2: training.r2, mape: training.mape, nrmse: training.nrmse, holdoutMape: holdout?.mape ?? null, holdoutR2: holdout?.r2 ?? null };
}

function accuracy(kpi: ArrayLike<number>, fitted: ArrayLike<number>, from: number, to: number) {
  const n = to - from;
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let t = from; t < to; t++) {
    mean += kpi[t] / n;
    min = Math.min(min, kpi[t]);
    max = Math.max(max, kpi[t]);
  }
  let squaredError = 0;
  let squaredSpread = 0;
  let absolutePct = 0;
  let pctWeeks = 0;
  for (let t = from; t < to; t++) {
    const error = kpi[t] - fitted[t];
    squaredError += error * error;
    squaredSpread += (kpi[t] - mean) ** 2;
    // Weeks with a zero KPI have no percentage error; they still count in R² and NRMSE.
    if (kpi[t] !== 0) {
      absolutePct += Math.abs(error / kpi[t]);
      pctWeeks++;
    }
  }
  const rmse = Math.sqrt(squaredError / n);
  return {
    r2: squaredSpread > 0 ? 1 - squaredError / squaredSpread : 0,
    mape: pctWeeks > 0 ? absolutePct / pctWeeks : 0,
    nrmse: max > min ? rmse / (max - min) : 0,
  };
}
