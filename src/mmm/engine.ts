/**
 * The fast inner loop of fitting: given every channel's transform, build the media columns
 * and solve the linear part exactly (variable projection). Works on Gram matrices per
 * "row class" so that cross-validation folds and bootstrap resamples cost one pass over
 * the weeks plus a few tiny solves.
 */
import type { WeeklyData } from '../data/weeklyData';
import { choleskyFactor } from '../linearAlgebra';
import { baselineWidth, columnOffsets, DesignLayout, designWidth, writeBaselineRow, yearsSince } from './design';
import { solveNonNegativeQuadratic } from './solver';
import { mediaEffect } from './transforms/registry';
import type { ChannelTransform, Hyperparameters } from './types';

/**
 * How training weeks are weighted in each fold. Every week belongs to one class; a fold fits on
 * the classes with their `train` weights and measures squared error on the `validate` ones.
 */
export interface RowScheme {
  classOf: Int32Array;
  classCount: number;
  folds: Array<{ train: number[]; validate: number[] }>;
  /** Class weights of the final fit. */
  fit: number[];
}

/**
 * The baseline beyond intercept and Fourier terms: where the trend may bend, and how strongly the
 * trend's slope changes and the controls' coefficients are shrunk (ridges on standardized
 * columns, added to the fit's own ridge).
 */
export interface BaselineForm {
  /** Years since the first week (empty: a straight trend). */
  trendChangepoints: number[];
  trendPenalty: number;
  controlsPenalty: number;
}

/** A straight trend and no shrinkage beyond the fit's ridge: the baseline before it was chosen. */
export const PLAIN_BASELINE: BaselineForm = { trendChangepoints: [], trendPenalty: 0, controlsPenalty: 0 };

/** A scheme's final fit for the current media columns (see `FitEngine.leastSquares`). */
export interface LeastSquaresFit {
  /** Coefficients in design-column order. */
  beta: Float64Array;
  /** Mean squared error on the fit's weighted weeks. */
  mse: number;
  /** Total weight of those weeks. */
  weeks: number;
  /** Each media column's weighted mean. */
  mediaMeans: Float64Array;
  /** The media columns' information beyond the baseline (see `mediaInformation`), computed on request. */
  mediaInformation: () => Float64Array;
}

interface ClassSums {
  gram: Float64Array[];
  kpiCross: Float64Array[];
  kpiSquares: number[];
  weeks: number[];
}

export class FitEngine {
  readonly layout: DesignLayout;
  readonly weeks: number;
  readonly trainingWeeks: number;
  readonly width: number;
  private readonly mediaAt: number;
  /** Row-major design over all weeks (holdout included); media columns rewritten per candidate. */
  readonly rows: Float64Array;
  readonly kpi: Float64Array;
  private readonly spend: number[][];
  private readonly cachedTransform: string[];
  private readonly nonNegative: boolean[];
  /** Per column, penalty added to the fit's ridge (the trend's slope changes carry their own). */
  private readonly extraPenalty: Float64Array;
  private readonly baselineSums = new WeakMap<RowScheme, { gram: Float64Array; cross: Float64Array; kpiSquares: number[]; weeks: number[] }>();
  /** Each scheme's Cholesky factor of the baseline block of its fit's information (see `mediaInformation`). */
  private baselineFactors = new WeakMap<RowScheme, Float64Array>();
  /** Each scheme's full sums and the transforms they were summed for: only changed media columns are summed again. */
  private readonly mediaSums = new WeakMap<RowScheme, { gram: Float64Array; cross: Float64Array; transforms: string[] }>();

  constructor(
    readonly data: WeeklyData,
    holdoutWeeks: number,
    fourierOrder: number,
    baseline: BaselineForm = PLAIN_BASELINE,
  ) {
    this.layout = { fourierOrder, trendChangepoints: baseline.trendChangepoints, controls: data.controls, channels: data.channels };
    this.weeks = data.dates.length;
    this.trainingWeeks = this.weeks - holdoutWeeks;
    this.width = designWidth(this.layout);
    this.mediaAt = baselineWidth(this.layout);
    this.rows = new Float64Array(this.weeks * this.width);
    this.kpi = Float64Array.from(data.kpi);
    this.spend = data.channels.map((c) => data.spend[c]);
    this.cachedTransform = data.channels.map(() => '');
    this.nonNegative = Array.from({ length: this.width }, (_, j) => j >= this.mediaAt);
    this.extraPenalty = new Float64Array(this.width);
    this.setBaselineShrinkage(baseline);
    const origin = data.dates[0];
    const controls = new Float64Array(data.controls.length);
    for (let t = 0; t < this.weeks; t++) {
      data.controls.forEach((c, i) => (controls[i] = data.controlValues[c][t]));
      writeBaselineRow(this.layout, yearsSince(origin, data.dates[t]), controls, this.rows, t * this.width);
    }
  }

  /** Sets how strongly the trend's slope changes and the controls are shrunk (the columns stay; so do the caches). */
  setBaselineShrinkage(shrinkage: Pick<BaselineForm, 'trendPenalty' | 'controlsPenalty'>): void {
    const at = columnOffsets(this.layout);
    this.extraPenalty.fill(shrinkage.trendPenalty, at.trendChanges, at.fourier);
    this.extraPenalty.fill(shrinkage.controlsPenalty, at.controls, at.media);
    this.baselineFactors = new WeakMap();
  }

  /** Rebuilds the media columns whose transform changed. */
  setTransforms(hyper: Hyperparameters): void {
    this.data.channels.forEach((channel, c) => this.setChannelTransform(c, hyper.channels[channel]));
  }

  setChannelTransform(c: number, transform: ChannelTransform): void {
    const key = JSON.stringify(transform);
    if (this.cachedTransform[c] === key) return;
    this.cachedTransform[c] = key;
    const column = mediaEffect(transform, this.spend[c]);
    for (let t = 0, at = this.mediaAt + c; t < this.weeks; t++, at += this.width) this.rows[at] = column[t];
  }

  private classSums(scheme: RowScheme): ClassSums {
    const p = this.width;
    const pp = p * p;
    const mediaAt = this.mediaAt;
    // The baseline block never changes for a scheme: compute it once, then only the media rows per candidate.
    let baseline = this.baselineSums.get(scheme);
    if (!baseline) {
      baseline = this.accumulate(scheme, 0, mediaAt, new Float64Array(scheme.classCount * pp), new Float64Array(scheme.classCount * p));
      this.baselineSums.set(scheme, baseline);
    }
    let media = this.mediaSums.get(scheme);
    if (!media) {
      const full = this.accumulate(scheme, mediaAt, p, baseline.gram.slice(), baseline.cross.slice());
      media = { gram: full.gram, cross: full.cross, transforms: this.cachedTransform.slice() };
      this.mediaSums.set(scheme, media);
    } else {
      const changed: number[] = [];
      this.cachedTransform.forEach((key, c) => key !== media!.transforms[c] && changed.push(mediaAt + c));
      if (changed.length * 2 > this.data.channels.length) {
        media.gram.set(baseline.gram);
        media.cross.set(baseline.cross);
        this.accumulate(scheme, mediaAt, p, media.gram, media.cross);
      } else if (changed.length > 0) {
        this.resumColumns(scheme, changed, media.gram, media.cross);
      }
      media.transforms = this.cachedTransform.slice();
    }
    const { gram, cross } = media;
    return {
      gram: Array.from({ length: scheme.classCount }, (_, c) => gram.subarray(c * pp, (c + 1) * pp)),
      kpiCross: Array.from({ length: scheme.classCount }, (_, c) => cross.subarray(c * p, (c + 1) * p)),
      kpiSquares: baseline.kpiSquares,
      weeks: baseline.weeks,
    };
  }

  /**
   * Re-sums the Gram rows and columns of the given media columns only, in the same order as a
   * full pass (so the sums are bit-for-bit the same). The local search changes one channel at a
   * time: with 50 channels this is 50 times less work than summing every media row again.
   */
  private resumColumns(scheme: RowScheme, columns: number[], gram: Float64Array, cross: Float64Array): void {
    const p = this.width;
    const pp = p * p;
    const changed = new Uint8Array(p);
    for (const i of columns) changed[i] = 1;
    for (let c = 0; c < scheme.classCount; c++) {
      for (const i of columns) {
        cross[c * p + i] = 0;
        for (let j = 0; j < p; j++) gram[c * pp + (j <= i ? i * p + j : j * p + i)] = 0;
      }
    }
    const rows = this.rows;
    const kpi = this.kpi;
    for (let t = 0; t < this.trainingWeeks; t++) {
      const g0 = scheme.classOf[t] * pp;
      const r0 = scheme.classOf[t] * p;
      const base = t * p;
      for (const i of columns) {
        const xi = rows[base + i];
        if (xi === 0) continue;
        cross[r0 + i] += xi * kpi[t];
        // A pair of changed columns is summed once, from the later one (as the full pass does).
        for (let j = 0; j < p; j++) {
          if (j > i && changed[j]) continue;
          gram[g0 + (j <= i ? i * p + j : j * p + i)] += xi * rows[base + j];
        }
      }
    }
  }

  /** Adds rows `fromColumn..toColumn-1` of every class's Gram (lower triangle) and KPI cross-products. */
  private accumulate(scheme: RowScheme, fromColumn: number, toColumn: number, gram: Float64Array, cross: Float64Array) {
    const p = this.width;
    const pp = p * p;
    const kpiSquares = new Array<number>(scheme.classCount).fill(0);
    const weeks = new Array<number>(scheme.classCount).fill(0);
    const rows = this.rows;
    const kpi = this.kpi;
    for (let t = 0; t < this.trainingWeeks; t++) {
      const c = scheme.classOf[t];
      const g0 = c * pp;
      const r0 = c * p;
      const y = kpi[t];
      const base = t * p;
      for (let i = fromColumn; i < toColumn; i++) {
        const xi = rows[base + i];
        if (xi === 0) continue;
        cross[r0 + i] += xi * y;
        const gi = g0 + i * p;
        for (let j = 0; j <= i; j++) gram[gi + j] += xi * rows[base + j];
      }
      kpiSquares[c] += y * y;
      weeks[c] += 1;
    }
    return { gram, cross, kpiSquares, weeks };
  }

  /** Weighted sum of class statistics (lower triangle of the Gram filled). */
  private combine(sums: ClassSums, weights: number[]) {
    const p = this.width;
    const gram = new Float64Array(p * p);
    const cross = new Float64Array(p);
    let squares = 0;
    let weeks = 0;
    weights.forEach((w, c) => {
      if (w === 0) return;
      const g = sums.gram[c];
      for (let k = 0; k < p * p; k++) gram[k] += w * g[k];
      const r = sums.kpiCross[c];
      for (let k = 0; k < p; k++) cross[k] += w * r[k];
      squares += w * sums.kpiSquares[c];
      weeks += w * sums.weeks[c];
    });
    return { gram, cross, squares, weeks };
  }

  /** What column j adds to the diagonal for `ridge`: λ·weeks·var(column), plus a tiny floor that keeps constant columns (a control that never fires in a fold) solvable at 0. */
  private diagonalPenalty(gram: Float64Array, weeks: number, j: number, ridge: number): number {
    const p = this.width;
    const mean = gram[j * p] / weeks;
    const variance = Math.max(0, gram[j * p + j] / weeks - mean * mean);
    return (ridge + this.extraPenalty[j]) * weeks * variance + 1e-9 * gram[j * p + j] + 1e-12 * weeks;
  }

  /**
   * Ridge with non-negative media coefficients. The penalty λ·weeks·var(column)·β² equals a
   * plain ridge on standardized columns (the intercept is not penalized), so λ is unit-free.
   */
  private solve(gram: Float64Array, cross: Float64Array, weeks: number, ridge: number): Float64Array {
    const p = this.width;
    const A = new Float64Array(p * p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) A[i * p + j] = A[j * p + i] = gram[i * p + j];
    }
    for (let j = 1; j < p; j++) A[j * p + j] += this.diagonalPenalty(gram, weeks, j, ridge);
    return solveNonNegativeQuadratic(A, cross, this.nonNegative);
  }

  /**
   * How much the media columns vary beyond what the baseline explains: the Schur complement
   * G_mm − G_mb G_bb⁻¹ G_bm of the fit's Gram (m × m, row-major; the baseline's shrinkage in G_bb).
   * Divided by the noise variance it is the information the data hold about the media
   * coefficients once the baseline's are fitted. The baseline block's factor is the same for
   * every candidate of a scheme, so it is factored once.
   */
  private mediaInformation(scheme: RowScheme, all: ReturnType<FitEngine['combine']>): Float64Array {
    const p = this.width;
    const b = this.mediaAt;
    const m = p - b;
    const gram = all.gram;
    let L = this.baselineFactors.get(scheme);
    if (!L) {
      const block = new Float64Array(b * b);
      for (let i = 0; i < b; i++) {
        for (let j = 0; j <= i; j++) block[i * b + j] = gram[i * p + j];
        if (i > 0) block[i * b + i] += this.diagonalPenalty(gram, all.weeks, i, 0);
      }
      L = choleskyFactor(block, b) ?? undefined;
      if (!L) throw new Error('the baseline columns are linearly dependent');
      this.baselineFactors.set(scheme, L);
    }
    // W = L⁻¹ G_bm, one media column at a time (G_bm[i][c] is gram[(b + c) * p + i]: lower triangle).
    const W = new Float64Array(b * m);
    for (let c = 0; c < m; c++) {
      const row = (b + c) * p;
      for (let i = 0; i < b; i++) {
        let sum = gram[row + i];
        for (let k = 0; k < i; k++) sum -= L[i * b + k] * W[k * m + c];
        W[i * m + c] = sum / L[i * b + i];
      }
    }
    const S = new Float64Array(m * m);
    for (let c = 0; c < m; c++) {
      for (let d = 0; d <= c; d++) {
        let sum = gram[(b + c) * p + b + d];
        for (let k = 0; k < b; k++) sum -= W[k * m + c] * W[k * m + d];
        S[c * m + d] = S[d * m + c] = sum;
      }
    }
    return S;
  }

  private validationError(sums: ReturnType<FitEngine['combine']>, beta: Float64Array): number {
    const p = this.width;
    let quad = 0;
    let lin = 0;
    for (let i = 0; i < p; i++) {
      lin += beta[i] * sums.cross[i];
      quad += beta[i] * beta[i] * sums.gram[i * p + i];
      for (let j = 0; j < i; j++) quad += 2 * beta[i] * beta[j] * sums.gram[i * p + j];
    }
    return Math.max(0, sums.squares - 2 * lin + quad);
  }

  /** Mean squared validation error over the scheme's folds, for the current media columns. */
  score(scheme: RowScheme, ridge: number): number {
    const sums = this.classSums(scheme);
    let error = 0;
    let weeks = 0;
    for (const fold of scheme.folds) {
      const train = this.combine(sums, fold.train);
      const beta = this.solve(train.gram, train.cross, train.weeks, ridge);
      const validate = this.combine(sums, fold.validate);
      error += this.validationError(validate, beta);
      weeks += validate.weeks;
    }
    return weeks > 0 ? error / weeks : Infinity;
  }

  /** The scheme's final fit for the current media columns. */
  leastSquares(scheme: RowScheme, ridge: number): LeastSquaresFit {
    const all = this.combine(this.classSums(scheme), scheme.fit);
    const beta = this.solve(all.gram, all.cross, all.weeks, ridge);
    const p = this.width;
    // The intercept column is 1, so a column's sum is its Gram entry with the intercept.
    const mediaMeans = Float64Array.from(this.data.channels, (_, c) => all.gram[(this.mediaAt + c) * p] / all.weeks);
    return { beta, mse: this.validationError(all, beta) / all.weeks, weeks: all.weeks, mediaMeans, mediaInformation: () => this.mediaInformation(scheme, all) };
  }

  /** Coefficients (design-column order) of the scheme's final fit, for the current media columns. */
  coefficients(scheme: RowScheme, ridge: number): Float64Array {
    const all = this.combine(this.classSums(scheme), scheme.fit);
    return this.solve(all.gram, all.cross, all.weeks, ridge);
  }

  /** Fitted KPI of every week (holdout included) for design-ordered coefficients. */
  predict(beta: Float64Array): Float64Array {
    const out = new Float64Array(this.weeks);
    for (let t = 0; t < this.weeks; t++) {
      let sum = 0;
      for (let j = 0; j < this.width; j++) sum += this.rows[t * this.width + j] * beta[j];
      out[t] = sum;
    }
    return out;
  }
}

/** Every training week in one class, fitted with weight 1 and no validation folds. */
export function wholeSampleScheme(trainingWeeks: number): RowScheme {
  return { classOf: new Int32Array(trainingWeeks), classCount: 1, folds: [], fit: [1] };
}

/**
 * Rolling-origin cross-validation: fit on the weeks before an origin, score on the next block,
 * move the origin forward. Blocks of up to a quarter (13 weeks); the first origin keeps at
 * least 60% of the training weeks.
 */
export function rollingOriginScheme(trainingWeeks: number, folds = 4): RowScheme {
  const block = Math.max(1, Math.min(13, Math.floor((0.4 * trainingWeeks) / folds)));
  const firstOrigin = trainingWeeks - folds * block;
  const classOf = new Int32Array(trainingWeeks);
  for (let t = firstOrigin; t < trainingWeeks; t++) classOf[t] = 1 + Math.floor((t - firstOrigin) / block);
  const classCount = folds + 1;
  return {
    classOf,
    classCount,
    folds: Array.from({ length: folds }, (_, k) => ({
      train: Array.from({ length: classCount }, (_, c) => (c <= k ? 1 : 0)),
      validate: Array.from({ length: classCount }, (_, c) => (c === k + 1 ? 1 : 0)),
    })),
    fit: new Array<number>(classCount).fill(1),
  };
}
