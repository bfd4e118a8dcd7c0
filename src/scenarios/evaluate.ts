/**
 * Scenario evaluation: the model run forward over the horizon under the current plan and under
 * the scenario's plan (carry-over from the observed weeks, trend and seasonality continuing,
 * controls neutral unless the spec sets them), and the difference, with its uncertainty from
 * the model's bootstrap draws.
 */
import { currentWeeklySpend, forecast, observedSpendRange, type Forecast, type MmmModel } from '../mmm';
// The scenario interval is the model's (90%), taken over draw-by-draw differences.
import { INTERVAL } from '../mmm/outputs';
import { formatAmountExact } from '../format';
import type { AimUsed, DrawAgreement } from './aims';
import { ScenarioError } from './errors';
import { applyChanges, meanWeeklySpend, type WeeklyPlan } from './plan';
import { DEFAULT_HORIZON_WEEKS, type Intent, type WhatIfSpec } from './spec';

export interface PlanOutcome {
  /** Mean weekly spend per channel over the horizon. */
  plan: Record<string, number>;
  /** Predicted KPI summed over the horizon. */
  kpi: number;
}

export interface KpiDelta {
  /** After minus before, KPI units over the horizon. */
  value: number;
  /** In percent of `before.kpi`. */
  pct: number;
  /** 90% interval of `value` across the model's draws. */
  low: number;
  high: number;
  /** Fraction of draws in which the scenario's KPI beats the current plan's (ties count half). */
  probabilityBetter: number;
}

export interface ContributionChange {
  before: number;
  after: number;
  change: number;
  /** 90% interval of `change` across the model's draws (absent on results stored before it was computed). */
  low?: number;
  high?: number;
}

export interface OptimizationDetails {
  /** Constraints tight at the optimized plan, in words. */
  binding: string[];
  /** KPI from one more unit of weekly spend at the optimized plan (steady state). */
  marginalRoas: Record<string, number>;
  /**
   * Proven distance to the best possible plan, as a fraction of its media contribution. For a
   * per-week plan: the gap of the flat plan it started from (the per-week refinement is a local
   * improvement and proves no gap of its own).
   */
  optimalityGap: number;
  /** Weekly spend the optimizer planned per channel (the same as `after.plan`: the mean week for a per-week plan). */
  weeklySpend: Record<string, number>;
  /** The aim the plan was made for. */
  aim: AimUsed;
  /** How far the model's draws agree on where the money should go (absent when the model has no draws). */
  agreement?: DrawAgreement;
  /** Present for per-week plans (`OptimizeSpec.perWeek`). */
  perWeek?: {
    /** Predicted KPI over the horizon the per-week plan adds to the best flat plan (never negative). */
    gainOverFlat: number;
    iterations: number;
    /** False when the refinement stopped on its iteration cap rather than where no step paid any more. */
    converged: boolean;
  };
}

export interface ScenarioResult {
  intent: Extract<Intent, { kind: 'whatIf' } | { kind: 'optimize' }>;
  spec: Extract<Intent, { kind: 'whatIf' } | { kind: 'optimize' }>['spec'];
  restatement?: string;
  weeks: number;
  before: PlanOutcome;
  after: PlanOutcome;
  delta: KpiDelta;
  /** Media contribution per channel over the horizon. */
  contributions: Record<string, ContributionChange>;
  /** For tools: one line per channel planned outside the spend it has seen (keys, exact amounts). */
  warnings: string[];
  /** The same as figures, for answers to word in the channels' names. */
  outsideSeenSpend?: SpendOutsideSeen[];
  /** Present when the after plan came from the optimizer. */
  optimization?: OptimizationDetails;
  /** Weekly spend per week of the scenario's plan, present when it is not the same every week and always for a per-week optimization. */
  afterByWeek?: WeeklyPlan;
  solveMs: number;
}

/**
 * The chance the scenario is better: the share of draws whose difference is positive. A
 * difference within rounding of zero is a tie and counts half, so a plan identical to today's
 * scores 0.5 ("no better, no worse") rather than 0. Without draws the point estimate decides.
 */
export function kpiDelta(before: number, after: number, drawDifferences: ArrayLike<number>): KpiDelta {
  const value = after - before;
  const tie = 1e-9 * Math.max(1, Math.abs(before));
  const better = (d: number) => (d > tie ? 1 : d < -tie ? 0 : 0.5);
  const sorted = Float64Array.from(drawDifferences).sort();
  return {
    value,
    pct: before !== 0 ? (100 * value) / before : 0,
    low: sorted.length > 0 ? quantileOfSorted(sorted, INTERVAL.low) : value,
    high: sorted.length > 0 ? quantileOfSorted(sorted, INTERVAL.high) : value,
    probabilityBetter: sorted.length > 0 ? sorted.reduce((s, d) => s + better(d), 0) / sorted.length : better(value),
  };
}

/**
 * `quantile` (src/mmm/outputs.ts) of values already in ascending order, by the same
 * interpolation, so the figures are the same. The draw differences of an answer are sorted
 * once as a Float64Array (a native numeric sort) instead of copied and sorted with a comparator
 * for each end of each interval: that was 13 sorts of 200 numbers per what-if.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
}

/** The 90% interval of draw-by-draw values, sorting them once. */
function intervalOf(values: Float64Array): [number, number] {
  const sorted = values.sort();
  return [quantileOfSorted(sorted, INTERVAL.low), quantileOfSorted(sorted, INTERVAL.high)];
}

/** A channel whose planned weekly spend leaves the range it has seen: the model extrapolates there. */
export interface SpendOutsideSeen {
  channel: string;
  side: 'above' | 'below';
  /** The planned week furthest outside. */
  planned: number;
  /** The most (above) or least (below) it has spent in a week. */
  seen: number;
}

export function spendOutsideSeen(plan: WeeklyPlan, observed: Record<string, { min: number; max: number }>): SpendOutsideSeen[] {
  const outside: SpendOutsideSeen[] = [];
  for (const [channel, series] of Object.entries(plan)) {
    const range = observed[channel];
    if (!range) continue;
    const highest = Math.max(...series);
    const lowest = Math.min(...series);
    const tol = 1e-9 * Math.max(1, range.max);
    if (highest > range.max + tol) outside.push({ channel, side: 'above', planned: highest, seen: range.max });
    if (lowest < range.min - tol) outside.push({ channel, side: 'below', planned: lowest, seen: range.min });
  }
  return outside;
}

/** One warning per channel whose planned weekly spend leaves the range it has seen, saying by how much. */
export function rangeWarnings(outside: SpendOutsideSeen[]): string[] {
  return outside.map(({ channel, side, planned, seen }) => {
    if (side === 'above') {
      const above = seen > 0 ? ` (${Math.round((100 * (planned - seen)) / seen)}% above)` : '';
      return `${channel}: planned ${formatAmountExact(planned)} a week is more than the most it has spent in a week, ${formatAmountExact(seen)}${above}; the model is extrapolating.`;
    }
    return `${channel}: planned ${formatAmountExact(planned)} a week is less than the least it has spent in a week, ${formatAmountExact(seen)} (${formatAmountExact(seen - planned)} below); the model is extrapolating.`;
  });
}

function constantSeries(values: Record<string, number> | undefined, weeks: number): Record<string, number[]> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([control, value]) => [control, new Array<number>(weeks).fill(value)]));
}

function varies(plan: WeeklyPlan): boolean {
  return Object.values(plan).some((series) => series.some((x) => x !== series[0]));
}

/** Forecasts a plan, turning the engine's complaints about it (unknown control, bad spend) into scenario errors. */
function forecastPlan(model: MmmModel, weeklySpend: WeeklyPlan, controls: Record<string, number[]> | undefined, reference?: Forecast) {
  try {
    return forecast(model, { weeklySpend, controls }, reference);
  } catch (error) {
    if (error instanceof RangeError) throw new ScenarioError(error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.');
    throw error;
  }
}

const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

// Every scenario on a model compares against the same current plan: its forecast (200
// draws) is computed once per model, horizon and controls rather than on every question.
const currentPlanForecasts = new WeakMap<MmmModel, Map<string, ReturnType<typeof forecastPlan>>>();
const CURRENT_PLAN_CACHE_SIZE = 16;

export function forecastCurrentPlan(model: MmmModel, plan: WeeklyPlan, controls: Record<string, number[]> | undefined) {
  let cache = currentPlanForecasts.get(model);
  if (!cache) currentPlanForecasts.set(model, (cache = new Map()));
  const key = JSON.stringify([plan, controls ?? null]);
  let found = cache.get(key);
  if (!found) {
    found = forecastPlan(model, plan, controls);
    if (cache.size >= CURRENT_PLAN_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, found);
  }
  return found;
}

/** Before and after over the horizon: the figures every scenario answer shows. */
export function comparePlans(
  model: MmmModel,
  before: WeeklyPlan,
  after: WeeklyPlan,
  weeks: number,
  controls?: Record<string, number>,
): Pick<ScenarioResult, 'weeks' | 'before' | 'after' | 'delta' | 'contributions' | 'warnings' | 'outsideSeenSpend' | 'afterByWeek'> {
  const controlSeries = constantSeries(controls, weeks);
  const now = forecastCurrentPlan(model, before, controlSeries);
  // Channels the scenario leaves as they are take their figures from the current plan's forecast.
  const next = forecastPlan(model, after, controlSeries, now);
  const beforeKpi = total(now.kpi);
  const afterKpi = total(next.kpi);
  const contributions: Record<string, ContributionChange> = {};
  const outsideSeenSpend = spendOutsideSeen(after, observedSpendRange(model));
  for (const channel of model.channels) {
    const b = total(now.contributions[channel]);
    const a = total(next.contributions[channel]);
    const drawsBefore = now.drawChannelTotals[channel];
    const drawChanges = next.drawChannelTotals[channel].map((x, d) => x - drawsBefore[d]);
    const [low, high] = drawChanges.length > 0 ? intervalOf(drawChanges) : [a - b, a - b];
    contributions[channel] = { before: b, after: a, change: a - b, low, high };
  }
  return {
    weeks,
    before: { plan: meanWeeklySpend(before), kpi: beforeKpi },
    after: { plan: meanWeeklySpend(after), kpi: afterKpi },
    delta: kpiDelta(
      beforeKpi,
      afterKpi,
      next.drawKpiTotals.map((a, d) => a - now.drawKpiTotals[d]),
    ),
    contributions,
    warnings: rangeWarnings(outsideSeenSpend),
    outsideSeenSpend,
    ...(varies(after) ? { afterByWeek: after } : {}),
  };
}

export function evaluateWhatIf(model: MmmModel, asked: WhatIfSpec): ScenarioResult {
  const started = performance.now();
  if (!asked || typeof asked !== 'object') throw new ScenarioError('A what-if needs a spec with a list of changes.');
  const spec: WhatIfSpec = { ...asked, weeks: asked.weeks ?? DEFAULT_HORIZON_WEEKS };
  const current = currentWeeklySpend(model);
  const after = applyChanges(current, spec);
  const before = applyChanges(current, { ...spec, changes: [] });
  const figures = comparePlans(model, before, after, spec.weeks, spec.controls);
  return { intent: { kind: 'whatIf', spec }, spec, ...figures, solveMs: performance.now() - started };
}
