import type { FitRunner } from './tasks';
import type { WeeklyData } from '../data/weeklyData';
import type { AdstockParams, AdstockType, SaturationParams, SaturationType } from './transforms/registry';

export type { AdstockParams, AdstockType, SaturationParams, SaturationType };

/** How one channel's spend becomes its media column. */
export interface ChannelTransform {
  adstock: AdstockParams;
  saturation: SaturationParams;
}

/** Everything the linear fit does not choose: per-channel transforms and the ridge penalty. */
export interface Hyperparameters {
  /** Ridge penalty on standardized columns (dimensionless; 0 = ordinary least squares). */
  ridge: number;
  channels: Record<string, ChannelTransform>;
}

/** The linear part of the model, in KPI units. */
export interface Coefficients {
  intercept: number;
  /** KPI per year since the first week (the slope before the first changepoint). */
  trend: number;
  /** Change of slope (KPI per year) from each of the model's `trendChangepoints` on. */
  trendChanges: number[];
  /** Yearly Fourier terms in order sin(1), cos(1), sin(2), cos(2), … */
  seasonality: number[];
  controls: Record<string, number>;
  /** Weekly KPI at full saturation of each channel (never negative). */
  channels: Record<string, number>;
}

/** One moving-block bootstrap replicate: its own transforms (re-chosen) and coefficients. */
export interface BootstrapDraw {
  hyperparameters: Hyperparameters;
  coefficients: Coefficients;
}

/** Fractions (0.05 = 5%); holdout figures are null when the fit had no holdout. */
export interface ModelMetrics {
  r2: number;
  mape: number;
  /** RMSE divided by the range of the KPI. */
  nrmse: number;
  holdoutMape: number | null;
  holdoutR2: number | null;
}

export type SearchEffort = 'default' | 'quick' | 'thorough';

/** The model document: self-contained (training data included), versioned, JSON round-trippable. */
export interface MmmModel {
  schemaVersion: 1;
  /** The data the model was fitted on, holdout weeks included (they are the last `holdoutWeeks`). */
  data: WeeklyData;
  channels: string[];
  controls: string[];
  holdoutWeeks: number;
  fourierOrder: number;
  /** Years since the first week where the trend changes slope; empty: a straight trend. Past the data it keeps its last slope. */
  trendChangepoints: number[];
  hyperparameters: Hyperparameters;
  coefficients: Coefficients;
  draws: BootstrapDraw[];
  metrics: ModelMetrics;
  /**
   * The names the channels were fitted with (`mmm fit --names`, else derived from the keys), so
   * that every answer from this document calls them what the server would. Absent in older documents.
   */
  channelNames?: Record<string, { displayName: string; aliases: string[]; group: string | null }>;
  fit: {
    seed: number;
    search: SearchEffort | 'none';
    /** The transform families every channel was fitted with. */
    adstock: AdstockType;
    saturation: SaturationType;
    /** How the baseline (seasonality order, trend) was chosen; see baselineChoice.ts. */
    baseline: BaselineRecord;
    /** Mean squared error of rolling-origin cross-validation at the chosen hyperparameters. */
    cvMse: number | null;
    candidatesEvaluated: number;
  };
}

/** The baseline a model was fitted with and, when chosen by cross-validation, the error that chose it. */
export interface BaselineRecord {
  chosenBy: 'cross-validation' | 'given';
  fourierOrder: number;
  /** Ridge on the trend's slope changes (standardized columns); null for a straight trend. */
  trendPenalty: number | null;
  /** Ridge on the controls' coefficients (standardized columns). */
  controlsPenalty: number;
  /** Rolling-origin CV mean squared error of the chosen baseline (null when given). */
  cvMse: number | null;
}

export interface FitOptions {
  holdoutWeeks?: number;
  seed?: number;
  /** Fixes the yearly Fourier order; unset, `fitModel` chooses it by rolling-origin cross-validation. */
  fourierOrder?: number;
  search?: SearchEffort;
  adstock?: AdstockType;
  saturation?: SaturationType;
  bootstrapDraws?: number;
  onProgress?: (p: { stage: string; done: number; total: number }) => void;
  /** Aborted, the fit stops at its next task with `FitStopped` (a time limit, a run taken over elsewhere, shutdown). */
  signal?: AbortSignal;
  /** Who runs the fit's steps; unset, the calling thread (see `inPlaceRunner`). */
  runner?: FitRunner;
}
