/**
 * Everything read off a fitted model document: decomposition, ROAS, response curves,
 * forecasts. Pure functions of the document; nothing here refits.
 */
import { dot } from '../linearAlgebra';
import { coefficientVector, DesignLayout, designWidth, seasonalityAt, trendAt, weekAfter, writeBaselineRow, yearsSince } from './design';
import { adstockComponent, mediaEffect, saturationComponent } from './transforms/registry';
import type { Coefficients, Hyperparameters, MmmModel } from './types';

/** Share of a channel's maximum weekly effect that defines its saturation point. */
export const SATURATION_LEVEL = 0.9;
/** Interval reported for ROAS, response curves and scenario totals. */
export const INTERVAL = { low: 0.05, high: 0.95 };
export const DEFAULT_CURRENT_WEEKS = 13;
export const DEFAULT_CURVE_POINTS = 41;

const layoutOf = (model: MmmModel): DesignLayout => ({
  fourierOrder: model.fourierOrder,
  trendChangepoints: model.trendChangepoints,
  controls: model.controls,
  channels: model.channels,
});

/** A point estimate (draw undefined) or one of the model's draws, as the same shape. */
function estimate(model: MmmModel, draw?: number): { hyperparameters: Hyperparameters; coefficients: Coefficients } {
  if (draw === undefined) return model;
  const found = model.draws[draw];
  if (!found) throw new RangeError(`draw ${draw} does not exist; the model has ${model.draws.length} draws`);
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

/** Weekly KPI contribution of a channel's spend series (carry-over within it included). */
function contributionOf(model: MmmModel, channel: string, spend: number[], draw?: number): Float64Array {
  const { hyperparameters, coefficients } = estimate(model, draw);
  const effect = mediaEffect(hyperparameters.channels[channel], spend);
  const beta = coefficients.channels[channel];
  return effect.map((x) => x * beta);
}

/** Weekly KPI contribution of a channel over the observed weeks. */
function observedContribution(model: MmmModel, channel: string, draw?: number): Float64Array {
  return contributionOf(model, channel, model.data.spend[channel], draw);
}

/** ROAS over a channel's last weeks of spend, with its 90% interval over the model's draws. */
export interface RoasWindow {
  weeks: number;
  roas: number;
  low: number;
  high: number;
}

/**
 * ROAS of a channel over the last `weeks` of each window, on a spend series that may run past
 * the model's own weeks (a digest reads the newest data): the contribution of the spend that
 * happened, carry-over from earlier weeks of the series included, per unit of that spend. Null
 * for a window with no spend.
 */
export function roasOverLastWeeks(model: MmmModel, channel: string, spend: number[], windows: number[]): Array<RoasWindow | null> {
  requireChannel(model, channel);
  const contributions = [undefined, ...model.draws.keys()].map((draw) => contributionOf(model, channel, spend, draw));
  return windows.map((weeks) => {
    const n = Math.min(weeks, spend.length);
    const spent = sum(spend.slice(-n));
    if (spent <= 0) return null;
    const [point, ...draws] = contributions.map((c) => sum(c.slice(-n)) / spent);
    return { weeks: n, roas: point, low: draws.length > 0 ? quantile(draws, INTERVAL.low) : point, high: draws.length > 0 ? quantile(draws, INTERVAL.high) : point };
  });
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

/**
 * The weekly spend up to which one more unit of a channel's spend still returns at least one
 * unit of KPI (marginal ROAS ≥ 1, steady state): past it, extra money earns back less than it
 * costs. Null when no spend reaches a marginal ROAS of 1. On an S-shaped curve it is the upper
 * crossing (where the curve bends over), the one that marks saturation.
 */
export function breakEvenSpend(model: MmmModel, channel: string, draw?: number): number | null {
  const { marginal } = channelResponse(model, channel, draw);
  const half = estimate(model, draw).hyperparameters.channels[channel].saturation.halfSaturation;
  // Spends from 1/1000 of the half-saturation point to 2^20 times it, four to a doubling.
  const at = (k: number) => half * 2 ** (k / 4);
  let last: number | null = null;
  for (let k = -40; k <= 80; k++) if (marginal(at(k)) >= 1) last = k;
  if (last === null) return null;
  if (last === 80) return at(80);
  let low = at(last);
  let high = at(last + 1);
  for (let i = 0; i < 60 && high - low > 1e-9 * high; i++) {
    const mid = (low + high) / 2;
    if (marginal(mid) >= 1) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * How saturated a channel is, read the way marginal ROAS reads: today's weekly spend divided by
 * its break-even spend (above 1: past the point where an extra unit returns a unit; Infinity when
 * no spend breaks even, i.e. saturated at any spend). Most saturated first sorts by this, falling.
 */
export function spendVsBreakEven(weeklySpend: number, breakEven: number | null): number {
  if (breakEven === null) return Infinity;
  return breakEven > 0 ? weeklySpend / breakEven : Infinity;
}

/** Marginal ROAS at a weekly spend under each of the model's draws. */
export function drawMarginalRoas(model: MmmModel, channel: string, weeklySpend: number): number[] {
  requireChannel(model, channel);
  return model.draws.map((_, d) => channelResponse(model, channel, d).marginal(weeklySpend));
}

/** A channel's ROAS over the observed weeks under each of the model's draws. */
export function drawRoas(model: MmmModel, channel: string): number[] {
  requireChannel(model, channel);
  const spend = sum(model.data.spend[channel]);
  return model.draws.map((_, d) => sum(observedContribution(model, channel, d)) / spend);
}

export interface ChannelSummary {
  /** KPI per unit of spend over all observed weeks, with a 90% interval over the model's draws. */
  roas: number;
  roasLow: number;
  roasHigh: number;
  /** KPI per extra unit of weekly spend at the current plan (steady state). */
  mroas: number;
  /** 90% interval of the marginal ROAS over the model's draws (at the same current plan). */
  mroasLow: number;
  mroasHigh: number;
  /** Weekly spend up to which marginal ROAS stays at or above 1 (breakEvenSpend); null if it never reaches 1. */
  breakEvenSpend: number | null;
  decay: number;
  halfSaturation: number;
  /** Fraction of the total observed KPI this channel produced. */
  contributionShare: number;
  saturationPoint: number;
}

/** By model: a summary walks every draw over every observed week, and a model never changes once fitted. */
const summariesOf = new WeakMap<MmmModel, Readonly<Record<string, Readonly<ChannelSummary>>>>();

/** Each channel's figures with their intervals; computed once per model (the result is frozen, shared by every caller). */
export function channelSummaries(model: MmmModel): Readonly<Record<string, Readonly<ChannelSummary>>> {
  let summaries = summariesOf.get(model);
  if (!summaries) summariesOf.set(model, (summaries = computeChannelSummaries(model)));
  return summaries;
}

function computeChannelSummaries(model: MmmModel): Readonly<Record<string, Readonly<ChannelSummary>>> {
  const current = currentWeeklySpend(model);
  const totalKpi = sum(model.data.kpi);
  return Object.freeze(Object.fromEntries(
    model.channels.map((channel) => {
      const spend = sum(model.data.spend[channel]);
      const contribution = sum(observedContribution(model, channel));
      const draws = drawRoas(model, channel);
      const transform = model.hyperparameters.channels[channel];
      const mroas = channelResponse(model, channel).marginal(current[channel]);
      const mroasDraws = drawMarginalRoas(model, channel, current[channel]);
      const summary: ChannelSummary = {
        roas: contribution / spend,
        roasLow: draws.length > 0 ? quantile(draws, INTERVAL.low) : contribution / spend,
        roasHigh: draws.length > 0 ? quantile(draws, INTERVAL.high) : contribution / spend,
        mroas,
        mroasLow: mroasDraws.length > 0 ? quantile(mroasDraws, INTERVAL.low) : mroas,
        mroasHigh: mroasDraws.length > 0 ? quantile(mroasDraws, INTERVAL.high) : mroas,
        breakEvenSpend: breakEvenSpend(model, channel),
        decay: adstockComponent(transform.adstock.type).equivalentDecay(transform.adstock),
        halfSaturation: transform.saturation.halfSaturation,
        contributionShare: totalKpi !== 0 ? contribution / totalKpi : 0,
        saturationPoint: saturationPoint(model, channel),
      };
      return [channel, Object.freeze(summary)];
    }),
  ) as Record<string, ChannelSummary>);
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
    const seasonality = seasonalityAt(model.fourierOrder, coefficients.seasonality, years);
    const controls = model.controls.reduce((s, c) => s + coefficients.controls[c] * model.data.controlValues[c][t], 0);
    const channels = Object.fromEntries(model.channels.map((c) => [c, contributions[c][t]]));
    const baseline = coefficients.intercept;
    const trend = trendAt(model.trendChangepoints, coefficients, years);
    const fitted = baseline + trend + seasonality + controls + sum(Object.values(channels));
    return { date, kpi: model.data.kpi[t], fitted, baseline, trend, seasonality, controls, channels };
  });
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
  /** Per channel, its media contribution over the horizon under each draw (read-only: shared with reusing forecasts). */
  drawChannelTotals: Record<string, Float64Array>;
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
 * What a forecast keeps to be reused: each channel's weekly spend and its media total per
 * draw. A scenario changes a few channels of today's plan; the others need no new run.
 */
const channelRuns = new WeakMap<Forecast, { model: MmmModel; weeklySpend: Record<string, number[]>; weekly: Record<string, number[]>; drawTotals: Record<string, Float64Array> }>();

const sameSeries = (a: number[], b: number[] | undefined): boolean => b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * KPI over the weeks after the last observed week under a plan. Carry-over from the observed
 * weeks flows in; seasonality continues and the trend keeps its last slope (a bending trend
 * does not bend again: its changepoints all lie in the data); controls are 0 unless the plan
 * sets them.
 * Channels whose weekly spend is the same as in `reference` (a forecast of the same model
 * over the same weeks) take their figures from it: the same numbers, without the 200 draws.
 */
export function forecast(model: MmmModel, plan: FuturePlan, reference?: Forecast): Forecast {
  const horizon = horizonOf(model, plan);
  const layout = layoutOf(model);
  const lastDate = model.data.dates[model.data.dates.length - 1];
  const weeks = Array.from({ length: horizon }, (_, h) => weekAfter(lastDate, h + 1));
  const baselineRows = baselineOverHorizon(model, layout, weeks, plan);
  const kernels = forecastKernels(model, layout);
  const kpi = baselineRows.map((row) => dot(row, kernels.point.baselineBeta));
  // Draws only need the horizon total: the baseline part is linear, so its rows are summed once.
  const baselineTotals = new Float64Array(designWidth(layout));
  for (const row of baselineRows) for (let j = 0; j < row.length; j++) baselineTotals[j] += row[j];
  const drawKpiTotals = kernels.draws.map((k) => dot(baselineTotals, k.baselineBeta));

  const reusable = reference && channelRuns.get(reference);
  const reuse = reusable && reusable.model === model ? reusable : undefined;
  const contributions: Record<string, number[]> = {};
  const drawTotals: Record<string, Float64Array> = {};
  model.channels.forEach((channel, c) => {
    const future = plan.weeklySpend[channel];
    if (reuse && sameSeries(future, reuse.weeklySpend[channel])) {
      contributions[channel] = reuse.weekly[channel].slice();
      drawTotals[channel] = reuse.drawTotals[channel];
    } else {
      const weekly = new Float64Array(horizon);
      channelContribution(kernels.point, c, future, weekly);
      contributions[channel] = Array.from(weekly);
      drawTotals[channel] = Float64Array.from(kernels.draws, (k) => channelContribution(k, c, future));
    }
    contributions[channel].forEach((x, h) => (kpi[h] += x));
    drawTotals[channel].forEach((x, d) => (drawKpiTotals[d] += x));
  });
  const result: Forecast = { weeks, kpi, contributions, drawKpiTotals, drawChannelTotals: drawTotals };
  // Copies: the caller may go on to change its plan or the answer's arrays in place.
  const copied = (series: Record<string, number[]>) => Object.fromEntries(model.channels.map((c) => [c, series[c].slice()]));
  channelRuns.set(result, { model, weeklySpend: copied(plan.weeklySpend), weekly: copied(contributions), drawTotals });
  return result;
}

/**
 * What a forecast needs of one estimate (the point or a bootstrap draw), prepared once per
 * model: scenario answers run 200 draws per plan, so the per-call work is kept to the
 * arithmetic of the horizon weeks.
 */
interface ForecastKernel {
  weights: Float64Array[];
  /** Per channel, the spend of the observed weeks still carried over into horizon week h (adstock lags reaching back past the last observed week). */
  carriedFromHistory: Float64Array[];
  response: Array<(weeklySpend: number) => number>;
  media: Float64Array;
  baselineBeta: Float64Array;
}

const kernelCache = new WeakMap<MmmModel, { point: ForecastKernel; draws: ForecastKernel[] }>();

function forecastKernels(model: MmmModel, layout: DesignLayout): { point: ForecastKernel; draws: ForecastKernel[] } {
  let cached = kernelCache.get(model);
  if (!cached) {
    const kernelOf = (draw?: number): ForecastKernel => {
      const { hyperparameters, coefficients } = estimate(model, draw);
      const weights = model.channels.map((c) => adstockComponent(hyperparameters.channels[c].adstock.type).weights(hyperparameters.channels[c].adstock));
      return {
        weights,
        carriedFromHistory: model.channels.map((c, i) => carriedFromHistory(weights[i], model.data.spend[c])),
        response: model.channels.map((c) => {
          const params = hyperparameters.channels[c].saturation;
          const component = saturationComponent(params.type);
          return (x: number) => component.response(params, x);
        }),
        media: Float64Array.from(model.channels.map((c) => coefficients.channels[c])),
        baselineBeta: coefficientVector(layout, coefficients),
      };
    };
    cached = { point: kernelOf(), draws: model.draws.map((_, d) => kernelOf(d)) };
    kernelCache.set(model, cached);
  }
  return cached;
}

/** Horizon week h still carries Σ_{l>h} w_l · spend[T+h-l] from the observed weeks, for h below the longest lag. */
function carriedFromHistory(weights: Float64Array, past: number[]): Float64Array {
  const carried = new Float64Array(Math.max(0, weights.length - 1));
  for (let h = 0; h < carried.length; h++) {
    for (let l = h + 1; l < weights.length; l++) carried[h] += weights[l] * (past[past.length + h - l] ?? 0);
  }
  return carried;
}

/**
 * One channel's media contribution over the horizon (written per week into `weekly` when
 * given): the carried-over spend of each week read off the saturation curve, times the
 * channel's coefficient.
 */
function channelContribution(kernel: ForecastKernel, c: number, future: number[], weekly?: Float64Array): number {
  const w = kernel.weights[c];
  const fromHistory = kernel.carriedFromHistory[c];
  const response = kernel.response[c];
  const beta = kernel.media[c];
  let total = 0;
  let lastCarried = NaN;
  let lastResponse = 0;
  for (let h = 0; h < future.length; h++) {
    let carried = h < fromHistory.length ? fromHistory[h] : 0;
    const reach = Math.min(h, w.length - 1);
    for (let l = 0; l <= reach; l++) carried += w[l] * future[h - l];
    // Once the observed weeks no longer reach in, a steady plan carries the same spend every
    // week (summed in the same order, so exactly equal): the curve is read once, not per week.
    if (carried !== lastCarried) {
      lastResponse = response(carried);
      lastCarried = carried;
    }
    if (weekly) weekly[h] = beta * lastResponse;
    total += lastResponse;
  }
  return beta * total;
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
