/**
 * Everything read off a fitted model document: decomposition, ROAS, response curves,
 * forecasts. Pure functions of the document; nothing here refits.
 */
import { coefficientVector, DesignLayout, designWidth, weekAfter, writeBaselineRow, yearsSince } from './design';
import { adstockComponent, mediaEffect, saturationComponent } from './transforms/registry';
import type { Coefficients, Hyperparameters, MmmModel } from './types';

/** Share of a channel's maximum weekly effect that defines its saturation point. */
export const SATURATION_LEVEL = 0.9;
/** Interval reported for ROAS, response curves and scenario totals. */
export const INTERVAL = { low: 0.05, high: 0.95 };
export const DEFAULT_CURRENT_WEEKS = 13;
export const DEFAULT_CURVE_POINTS = 41;

const layoutOf = (model: MmmModel): DesignLayout => ({ fourierOrder: model.fourierOrder, controls: model.controls, channels: model.channels });

/** A point estimate (draw undefined) or one bootstrap draw, as the same shape. */
function estimate(model: MmmModel, draw?: number): { hyperparameters: Hyperparameters; coefficients: Coefficients } {
  if (draw === undefined) return model;
  const found = model.draws[draw];
  if (!found) throw new RangeError(`draw ${draw} does not exist; the model has ${model.draws.length} bootstrap draws`);
  return found;
}

function requireChannel(model: MmmModel, channel: string): void {
  if (!model.channels.includes(channel)) throw new RangeError(`unknown channel "${channel}" (the model has ${model.channels.join(', ')})`);
}

export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

const sum = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
};

/** Weekly KPI contribution of a channel over the observed weeks. */
function observedContribution(model: MmmModel, channel: string, draw?: number): Float64Array {
  const { hyperparameters, coefficients } = estimate(model, draw);
  const effect = mediaEffect(hyperparameters.channels[channel], model.data.spend[channel]);
  const beta = coefficients.channels[channel];
  return effect.map((x) => x * beta);
}

/** Steady-state weekly response of one channel: what a constant weekly spend earns per week once carry-over has built up. */
export function channelResponse(model: MmmModel, channel: string, draw?: number): { contribution(weeklySpend: number): number; marginal(weeklySpend: number): number } {
  requireChannel(model, channel);
  const { hyperparameters, coefficients } = estimate(model, draw);
  const saturation = hyperparameters.channels[channel].saturation;
  const component = saturationComponent(saturation.type);
  const beta = coefficients.channels[channel];
  // Adstock weights sum to 1, so at steady state the adstocked spend equals the weekly spend.
  return {
    contribution: (weeklySpend) => beta * component.response(saturation, weeklySpend),
    marginal: (weeklySpend) => beta * component.marginalResponse(saturation, weeklySpend),
  };
}

/** The current plan: mean weekly spend per channel over the last `weeks` observed weeks. */
export function currentWeeklySpend(model: MmmModel, weeks = DEFAULT_CURRENT_WEEKS): Record<string, number> {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeks must be a whole number >= 1, got ${weeks}`);
  return Object.fromEntries(
    model.channels.map((channel) => {
      const recent = model.data.spend[channel].slice(-weeks);
      return [channel, sum(recent) / recent.length];
    }),
  );
}

export function observedSpendRange(model: MmmModel): Record<string, { min: number; max: number }> {
  return Object.fromEntries(model.channels.map((c) => [c, { min: Math.min(...model.data.spend[c]), max: Math.max(...model.data.spend[c]) }]));
}

/** Weekly spend at which a channel's steady-state response reaches SATURATION_LEVEL of its maximum. */
function saturationPoint(model: MmmModel, channel: string): number {
  const saturation = model.hyperparameters.channels[channel].saturation;
  const component = saturationComponent(saturation.type);
  let high = saturation.halfSaturation;
  while (component.response(saturation, high) < SATURATION_LEVEL && high < 1e15) high *= 2;
  let low = 0;
  for (let i = 0; i < 100 && high - low > 1e-9 * high; i++) {
    const mid = (low + high) / 2;
    if (component.response(saturation, mid) < SATURATION_LEVEL) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

export interface ChannelSummary {
  /** KPI per unit of spend over all observed weeks, with a 90% bootstrap interval. */
  roas: number;
  roasLow: number;
  roasHigh: number;
  /** KPI per extra unit of weekly spend at the current plan (steady state). */
  mroas: number;
  decay: number;
  halfSaturation: number;
  /** Fraction of the total observed KPI this channel produced. */
  contributionShare: number;
  saturationPoint: number;
}

export function channelSummaries(model: MmmModel): Record<string, ChannelSummary> {
  const current = currentWeeklySpend(model);
  const totalKpi = sum(model.data.kpi);
  return Object.fromEntries(
    model.channels.map((channel) => {
      const spend = sum(model.data.spend[channel]);
      const contribution = sum(observedContribution(model, channel));
      const drawRoas = model.draws.map((_, d) => sum(observedContribution(model, channel, d)) / spend);
      const transform = model.hyperparameters.channels[channel];
      const summary: ChannelSummary = {
        roas: contribution / spend,
        roasLow: drawRoas.length > 0 ? quantile(drawRoas, INTERVAL.low) : contribution / spend,
        roasHigh: drawRoas.length > 0 ? quantile(drawRoas, INTERVAL.high) : contribution / spend,
        mroas: channelResponse(model, channel).marginal(current[channel]),
        decay: adstockComponent(transform.adstock.type).equivalentDecay(transform.adstock),
        halfSaturation: transform.saturation.halfSaturation,
        contributionShare: totalKpi !== 0 ? contribution / totalKpi : 0,
        saturationPoint: saturationPoint(model, channel),
      };
      return [channel, summary];
    }),
  );
}

/** Steady-state response curve from zero to 1.5× the highest observed weekly spend, with a 90% band over the draws. */
export function responseCurve(model: MmmModel, channel: string, points = DEFAULT_CURVE_POINTS): Array<{ weeklySpend: number; kpi: number; low: number; high: number }> {
  requireChannel(model, channel);
  if (!Number.isInteger(points) || points < 2) throw new RangeError(`points must be a whole number >= 2, got ${points}`);
  const top = 1.5 * Math.max(...model.data.spend[channel]);
  const point = channelResponse(model, channel);
  const draws = model.draws.map((_, d) => channelResponse(model, channel, d));
  return Array.from({ length: points }, (_, i) => {
    const weeklySpend = (top * i) / (points - 1);
    const kpi = point.contribution(weeklySpend);
    const drawKpi = draws.map((r) => r.contribution(weeklySpend));
    return {
      weeklySpend,
      kpi,
      low: drawKpi.length > 0 ? quantile(drawKpi, INTERVAL.low) : kpi,
      high: drawKpi.length > 0 ? quantile(drawKpi, INTERVAL.high) : kpi,
    };
  });
}

export interface WeekDecomposition {
  date: string;
  kpi: number;
  fitted: number;
  baseline: number;
  trend: number;
  seasonality: number;
  controls: number;
  channels: Record<string, number>;
}

/** Each observed week split into the model's parts; they add up to `fitted`. */
export function decomposition(model: MmmModel): WeekDecomposition[] {
  const { coefficients } = model;
  const origin = model.data.dates[0];
  const contributions = Object.fromEntries(model.channels.map((c) => [c, observedContribution(model, c)]));
  return model.data.dates.map((date, t) => {
    const years = yearsSince(origin, date);
    let seasonality = 0;
    for (let k = 1; k <= model.fourierOrder; k++) {
      const angle = 2 * Math.PI * k * years;
      seasonality += coefficients.seasonality[2 * k - 2] * Math.sin(angle) + coefficients.seasonality[2 * k - 1] * Math.cos(angle);
    }
    const controls = model.controls.reduce((s, c) => s + coefficients.controls[c] * model.data.controlValues[c][t], 0);
    const channels = Object.fromEntries(model.channels.map((c) => [c, contributions[c][t]]));
    const baseline = coefficients.intercept;
    const trend = coefficients.trend * years;
    const fitted = baseline + trend + seasonality + controls + sum(Object.values(channels));
    return { date, kpi: model.data.kpi[t], fitted, baseline, trend, seasonality, controls, channels };
  });
}

/** Fitted KPI of every observed week. */
export function fittedValues(model: MmmModel): number[] {
  return decomposition(model).map((w) => w.fitted);
}

export interface FuturePlan {
  weeklySpend: Record<string, number[]>;
  controls?: Record<string, number[]>;
}

export interface Forecast {
  weeks: string[];
  kpi: number[];
  contributions: Record<string, number[]>;
  drawKpiTotals: number[];
}

function horizonOf(model: MmmModel, plan: FuturePlan): number {
  const lengths = new Set<number>();
  for (const channel of model.channels) {
    const series = plan.weeklySpend[channel];
    if (!Array.isArray(series)) throw new RangeError(`the plan has no weekly spend for channel "${channel}"`);
    series.forEach((x, i) => {
      if (!Number.isFinite(x) || x < 0) throw new RangeError(`plan spend for "${channel}" in week ${i + 1} must be a finite number >= 0, got ${x}`);
    });
    lengths.add(series.length);
  }
  for (const [control, series] of Object.entries(plan.controls ?? {})) {
    if (!model.controls.includes(control)) throw new RangeError(`unknown control "${control}" (the model has ${model.controls.join(', ') || 'none'})`);
    series.forEach((x, i) => {
      if (!Number.isFinite(x)) throw new RangeError(`plan value for control "${control}" in week ${i + 1} must be a finite number, got ${x}`);
    });
    lengths.add(series.length);
  }
  for (const channel of Object.keys(plan.weeklySpend)) requireChannel(model, channel);
  if (lengths.size !== 1) throw new RangeError(`every plan series must cover the same number of weeks; got lengths ${[...lengths].join(', ')}`);
  return [...lengths][0];
}

/**
 * KPI over the weeks after the last observed week under a plan. Carry-over from the observed
 * weeks flows in; trend and seasonality continue; controls are 0 unless the plan sets them.
 */
export function forecast(model: MmmModel, plan: FuturePlan): Forecast {
  const horizon = horizonOf(model, plan);
  const layout = layoutOf(model);
  const lastDate = model.data.dates[model.data.dates.length - 1];
  const weeks = Array.from({ length: horizon }, (_, h) => weekAfter(lastDate, h + 1));
  const baselineRows = baselineOverHorizon(model, layout, weeks, plan);
  const kernels = forecastKernels(model, layout);
  const plans = model.channels.map((c) => plan.weeklySpend[c]);
  const point = runKernel(kernels.point, kernels.history, plans, baselineRows, horizon);
  const contributions: Record<string, number[]> = {};
  model.channels.forEach((c, i) => (contributions[c] = Array.from(point.contributions[i])));
  // Draws only need the horizon total: the baseline part is linear, so its rows are summed once.
  const baselineTotals = new Float64Array(baselineRows[0]?.length ?? 0);
  for (const row of baselineRows) for (let j = 0; j < row.length; j++) baselineTotals[j] += row[j];
  const drawKpiTotals = kernels.draws.map((k) => kernelTotal(k, kernels.history, plans, baselineTotals, horizon));
  return { weeks, kpi: Array.from(point.kpi), contributions, drawKpiTotals };
}

/**
 * What a forecast needs of one estimate (the point or a bootstrap draw), prepared once per
 * model: scenario answers run 200 draws per plan, so the per-call work is kept to the
 * arithmetic of the horizon weeks.
 */
interface ForecastKernel {
  weights: Float64Array[];
  response: Array<(weeklySpend: number) => number>;
  media: Float64Array;
  baselineBeta: Float64Array;
}

const kernelCache = new WeakMap<MmmModel, { point: ForecastKernel; draws: ForecastKernel[]; history: number[][] }>();

function forecastKernels(model: MmmModel, layout: DesignLayout): { point: ForecastKernel; draws: ForecastKernel[]; history: number[][] } {
  let cached = kernelCache.get(model);
  if (!cached) {
    const kernelOf = (draw?: number): ForecastKernel => {
      const { hyperparameters, coefficients } = estimate(model, draw);
      return {
        weights: model.channels.map((c) => adstockComponent(hyperparameters.channels[c].adstock.type).weights(hyperparameters.channels[c].adstock)),
        response: model.channels.map((c) => {
          const params = hyperparameters.channels[c].saturation;
          const component = saturationComponent(params.type);
          return (x: number) => component.response(params, x);
        }),
        media: Float64Array.from(model.channels.map((c) => coefficients.channels[c])),
        baselineBeta: coefficientVector(layout, coefficients),
      };
    };
    cached = { point: kernelOf(), draws: model.draws.map((_, d) => kernelOf(d)), history: model.channels.map((c) => model.data.spend[c]) };
    kernelCache.set(model, cached);
  }
  return cached;
}

/** The same as summing `runKernel`'s KPI over the horizon, without keeping the weeks (200 draws per scenario). */
function kernelTotal(kernel: ForecastKernel, history: number[][], plans: number[][], baselineTotals: Float64Array, horizon: number): number {
  let total = 0;
  for (let j = 0; j < baselineTotals.length; j++) total += baselineTotals[j] * kernel.baselineBeta[j];
  for (let c = 0; c < plans.length; c++) {
    const w = kernel.weights[c];
    const past = history[c];
    const future = plans[c];
    const response = kernel.response[c];
    let channelTotal = 0;
    for (let h = 0; h < horizon; h++) {
      let carried = 0;
      for (let l = 0; l < w.length; l++) carried += w[l] * (h - l >= 0 ? future[h - l] : (past[past.length + h - l] ?? 0));
      channelTotal += response(carried);
    }
    total += kernel.media[c] * channelTotal;
  }
  return total;
}

/** KPI and channel contributions per horizon week: baseline, plus each channel's carried-over, saturated spend. */
function runKernel(kernel: ForecastKernel, history: number[][], plans: number[][], baselineRows: number[][], horizon: number): { kpi: Float64Array; contributions: Float64Array[] } {
  const kpi = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const row = baselineRows[h];
    let v = 0;
    for (let j = 0; j < row.length; j++) v += row[j] * kernel.baselineBeta[j];
    kpi[h] = v;
  }
  const contributions: Float64Array[] = [];
  for (let c = 0; c < plans.length; c++) {
    const w = kernel.weights[c];
    const past = history[c];
    const future = plans[c];
    const out = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      // Week h of the horizon carries over the last observed weeks while the lags reach back into them.
      let carried = 0;
      for (let l = 0; l < w.length; l++) carried += w[l] * (h - l >= 0 ? future[h - l] : (past[past.length + h - l] ?? 0));
      out[h] = kernel.media[c] * kernel.response[c](carried);
      kpi[h] += out[h];
    }
    contributions.push(out);
  }
  return { kpi, contributions };
}

/** Baseline design rows (media columns zero) of the forecast weeks. */
function baselineOverHorizon(model: MmmModel, layout: DesignLayout, weeks: string[], plan: FuturePlan): number[][] {
  const origin = model.data.dates[0];
  const width = designWidth(layout);
  return weeks.map((date, h) => {
    const row = new Float64Array(width);
    const controls = model.controls.map((c) => plan.controls?.[c]?.[h] ?? 0);
    writeBaselineRow(layout, yearsSince(origin, date), controls, row);
    return Array.from(row);
  });
}
