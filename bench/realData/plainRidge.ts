/**
 * The comparison the issue sets: a plain ridge regression of the KPI on the same columns (raw
 * weekly spends and controls, no carry-over, no saturation, no trend or season), in ml-matrix.
 */
import { Matrix, solve } from 'ml-matrix';
import { rollingOriginScheme } from '../../src/mmm/engine';

/**
 * Predictions for every week (holdout included) of a ridge fitted on the first `trainingWeeks`:
 * centred columns, intercept unpenalized, penalty `alpha` on the coefficients of the columns as
 * given (scikit-learn's `Ridge(alpha)`), or of the columns scaled to unit variance (`standardize`).
 */
export function ridgePredictions(columns: number[][], kpi: number[], trainingWeeks: number, alpha: number, standardize = false): number[] {
  const n = trainingWeeks;
  const mean = (xs: number[]) => xs.slice(0, n).reduce((s, x) => s + x, 0) / n;
  const means = columns.map(mean);
  const scales = columns.map((c, j) => (standardize ? Math.sqrt(c.slice(0, n).reduce((s, x) => s + (x - means[j]) ** 2, 0) / n) || 1 : 1));
  const x = new Matrix(n, columns.length);
  for (let t = 0; t < n; t++) columns.forEach((c, j) => x.set(t, j, (c[t] - means[j]) / scales[j]));
  const kpiMean = mean(kpi);
  const y = Matrix.columnVector(kpi.slice(0, n).map((v) => v - kpiMean));
  const gram = x.transpose().mmul(x);
  for (let j = 0; j < columns.length; j++) gram.set(j, j, gram.get(j, j) + alpha);
  const beta = solve(gram, x.transpose().mmul(y)).getColumn(0);
  return kpi.map((_, t) => columns.reduce((s, c, j) => s + (beta[j] * (c[t] - means[j])) / scales[j], kpiMean));
}

export const RIDGE_ALPHAS = [0.01, 0.1, 1, 3, 10, 30, 100, 300, 1000];

/** The standardized ridge's penalty chosen by the same rolling-origin CV the model uses, on the training weeks only. */
export function crossValidatedAlpha(columns: number[][], kpi: number[], trainingWeeks: number): number {
  const scheme = rollingOriginScheme(trainingWeeks);
  const originOf = (fold: number) => scheme.classOf.findIndex((c) => c === fold + 1);
  const error = (alpha: number) =>
    scheme.folds.reduce((total, _, k) => {
      const origin = originOf(k);
      const end = k + 1 < scheme.folds.length ? originOf(k + 1) : trainingWeeks;
      const predicted = ridgePredictions(columns, kpi.slice(0, end), origin, alpha, true);
      let squared = 0;
      for (let t = origin; t < end; t++) squared += (kpi[t] - predicted[t]) ** 2;
      return total + squared;
    }, 0);
  return RIDGE_ALPHAS.reduce((best, alpha) => (error(alpha) < error(best) ? alpha : best));
}
