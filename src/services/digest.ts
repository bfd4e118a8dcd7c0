import type { DataSource } from 'typeorm';
import { checkDataQuality, type QualityFinding } from '../data';
import { firstWeeks, type WeeklyData } from '../data/weeklyData';
import { Dataset, type ModelVersion } from '../entities';
import { decomposition, forecast, type MmmModel } from '../mmm';
import { roasOverLastWeeks, type RoasWindow } from '../mmm/outputs';
import { weekAfter } from '../mmm/design';
import { runOptimization } from '../scenarios';
import { channelsOf, loadWeeklyData } from './datasets';
import { productionModelVersion, loadModel } from './models';
import { compareWithPrevious, type ModelComparison } from './modelChanges';

/**
 * The weekly digest, computed (not formatted: Block Kit lives in bot/blocks/digest.ts):
 * how last week went against the week before and against what the production model
 * expected, where the money went, how channels have been paying back lately, whether the
 * model still fits, what looks wrong in the data, and one move the optimizer recommends.
 */
export interface DigestContent {
  datasetName: string;
  kpiName: string;
  /** The week reported on: the last observed week on or before `asOf`. */
  week: string;
  asOf: string;
  kpi: KpiReport;
  spend: ChannelSpend[];
  /** Null without a production model. */
  roas: ChannelRoas[] | null;
  modelHealth: ModelHealth | null;
  quality: QualityFinding[];
  recommendation: Reallocation | null;
  /** Set when the production model was promoted in the week before the digest, replacing another: what changed. */
  modelChanges?: ModelComparison | null;
  /** Things the reader should know about the digest itself (no model yet, too few weeks…). */
  notes: string[];
}

export interface KpiReport {
  actual: number;
  previous: number | null;
  /** Relative change against the week before (0.05 = +5%). */
  changeVsPrevious: number | null;
  /** What the production model expected for the week, with the range 90% of weeks fall in. */
  expected: { value: number; low: number; high: number } | null;
  /** Set when the week fell outside the expected range. */
  anomaly: 'above' | 'below' | null;
}

export interface ChannelSpend {
  channel: string;
  displayName: string;
  lastWeek: number;
  previousWeek: number | null;
  /** Share of last week's total spend. */
  share: number;
}

export type { RoasWindow };

export interface ChannelRoas {
  channel: string;
  displayName: string;
  /** Null when the channel spent nothing in the window. */
  recent: RoasWindow | null;
  quarter: RoasWindow | null;
}

export interface ModelHealth {
  modelVersionId: string;
  holdoutMape: number | null;
  /** Mean absolute percentage error of the model's predictions over the recent weeks. */
  recentMape: number;
  recentWeeks: number;
  /** How many of those weeks the model had not seen when it was trained: heldOutWeeks + laterWeeks. */
  unseenWeeks: number;
  /** Of those, weeks in its data that it held out of training (to measure its holdout error). */
  heldOutWeeks: number;
  /** Of those, weeks after the last week of its data (new since it was trained). */
  laterWeeks: number;
  drifting: boolean;
  trainedThrough: string | null;
  ageDays: number | null;
  newWeeksSinceTraining: number;
}

export interface Reallocation {
  from: string;
  to: string;
  fromName: string;
  toName: string;
  /** Weekly spend moved from `from` to `to`. */
  weeklyAmount: number;
  /** Weeks the gain is forecast over. */
  weeks: number;
  /** Extra KPI over those weeks against today's plan, with its 90% interval. */
  gain: number;
  gainLow: number;
  gainHigh: number;
  /** The gain in percent of the KPI today's plan is forecast to bring. */
  gainPct: number;
  probabilityBetter: number;
  /** The whole plan the optimizer proposed (weekly spend per channel). */
  plan: Record<string, number>;
}

export const RECENT_WEEKS = 4;
export const QUARTER_WEEKS = 13;
/** Quality findings of the last this-many weeks make the digest. */
export const QUALITY_WEEKS = 13;
/** z of the two-sided 90% range a week's KPI is expected in: the one interval level of every answer. */
const EXPECTED_RANGE_Z = 1.645;
/** Recent error this many times the holdout error (and at least MIN_DRIFT_MAPE) counts as drift. */
const DRIFT_FACTOR = 2;
const MIN_DRIFT_MAPE = 0.05;
/** The recommendation stays near today's plan: no channel moves by more than this fraction. */
export const RECOMMENDATION_MAX_CHANGE = 0.2;

export async function computeDigest(ds: DataSource, datasetId: string, options: { asOf?: Date } = {}): Promise<DigestContent> {
  const asOf = options.asOf ?? new Date();
  const dataset = await ds.getRepository(Dataset).findOneByOrFail({ id: datasetId });
  const names = Object.fromEntries((await channelsOf(ds, datasetId)).map((c) => [c.key, c.displayName]));
  const data = weeksUpTo(await loadWeeklyData(ds, datasetId), asOf.toISOString().slice(0, 10));
  if (data.dates.length === 0) throw new Error(`Dataset ${dataset.name} has no week on or before ${asOf.toISOString().slice(0, 10)} to report on`);
  const version = await productionModelVersion(ds, datasetId);
  const model = version ? await loadModel(ds, version.id) : null;
  const notes: string[] = [];
  if (!model) notes.push('There is no production model yet: train one to get expectations, ROAS and a recommendation.');

  const predictions = model ? modelPredictions(model, data) : null;
  const last = data.dates.length - 1;
  return {
    datasetName: dataset.name,
    kpiName: data.kpiName,
    week: data.dates[last],
    asOf: asOf.toISOString(),
    kpi: kpiReport(data, predictions),
    spend: spendByChannel(data, names),
    roas: model ? data.channels.filter((c) => model.channels.includes(c)).map((c) => channelRoas(model, data, c, names[c] ?? c)) : null,
    modelHealth: model && version && predictions ? modelHealth(version, model, data, predictions, dataset.newWeeksSinceTraining, asOf) : null,
    quality: recentQualityFindings(data, QUALITY_WEEKS),
    recommendation: model ? recommendedReallocation(model, names) : null,
    modelChanges: version ? await recentModelChanges(ds, version, asOf) : null,
    notes,
  };
}

/** A weekly digest reports a promotion made in the week before it: the digest that follows it. */
export const MODEL_CHANGE_DAYS = 7;

/** What changed when the production model was promoted, if that was within MODEL_CHANGE_DAYS before `asOf`. */
async function recentModelChanges(ds: DataSource, version: ModelVersion, asOf: Date): Promise<ModelComparison | null> {
  const promoted = version.promotedAt?.getTime();
  if (promoted === undefined || promoted > asOf.getTime() || asOf.getTime() - promoted > MODEL_CHANGE_DAYS * 86_400_000) return null;
  return compareWithPrevious(ds, version);
}

/** Data-quality findings about the last `weeks` weeks, or about no week in particular. */
export function recentQualityFindings(data: WeeklyData, weeks: number): QualityFinding[] {
  const since = data.dates[Math.max(0, data.dates.length - weeks)] ?? '';
  return checkDataQuality(data).findings.filter((f) => f.week === null || f.week >= since);
}

function weeksUpTo(data: WeeklyData, lastDate: string): WeeklyData {
  return firstWeeks(data, data.dates.filter((d) => d <= lastDate).length);
}

/**
 * What the model predicts for each week of `data` (by date), and how far actual weeks
 * typically fall from its predictions. Weeks it was trained on come from its fit; later
 * weeks from a forecast driven by the spend that actually happened.
 */
export interface Predictions {
  byWeek: Map<string, number>;
  /** Standard deviation of the model's residuals on its training weeks. */
  residualSd: number;
  /** Weeks the model had not seen when it was trained: held out of its training, or later than its data. */
  unseen: Set<string>;
  heldOut: Set<string>;
  later: Set<string>;
}

export function modelPredictions(model: MmmModel, data: WeeklyData): Predictions {
  const byWeek = new Map<string, number>();
  const fitted = decomposition(model);
  const trainingWeeks = model.data.dates.length - model.holdoutWeeks;
  const residuals = fitted.slice(0, trainingWeeks).map((w) => w.kpi - w.fitted);
  for (const w of fitted) byWeek.set(w.date, w.fitted);
  const heldOut = new Set(model.data.dates.slice(trainingWeeks));
  const unseen = new Set(heldOut);
  const afterData = new Set<string>();
  const lastModelWeek = model.data.dates[model.data.dates.length - 1];
  const later = data.dates.filter((d) => d > lastModelWeek);
  if (later.length > 0) {
    // One forecast over consecutive weeks up to the last observed one; a missing week spends nothing.
    const horizon = Math.round((Date.parse(later[later.length - 1]) - Date.parse(lastModelWeek)) / (7 * 86_400_000));
    const weeks = Array.from({ length: horizon }, (_, h) => weekAfter(lastModelWeek, h + 1));
    const row = new Map(data.dates.map((d, i) => [d, i]));
    const series = (values: Record<string, number[]>, name: string) => weeks.map((w) => (row.has(w) ? (values[name]?.[row.get(w)!] ?? 0) : 0));
    const ahead = forecast(model, {
      weeklySpend: Object.fromEntries(model.channels.map((c) => [c, series(data.spend, c)])),
      controls: Object.fromEntries(model.controls.map((c) => [c, series(data.controlValues, c)])),
    });
    ahead.weeks.forEach((w, h) => {
      byWeek.set(w, ahead.kpi[h]);
      unseen.add(w);
      afterData.add(w);
    });
  }
  return { byWeek, residualSd: standardDeviation(residuals), unseen, heldOut, later: afterData };
}

export function kpiReport(data: WeeklyData, predictions: Predictions | null): KpiReport {
  const last = data.dates.length - 1;
  const actual = data.kpi[last];
  const previous = last > 0 ? data.kpi[last - 1] : null;
  const predicted = predictions?.byWeek.get(data.dates[last]);
  const expected =
    predictions && predicted !== undefined
      ? { value: predicted, low: predicted - EXPECTED_RANGE_Z * predictions.residualSd, high: predicted + EXPECTED_RANGE_Z * predictions.residualSd }
      : null;
  return {
    actual,
    previous,
    changeVsPrevious: previous !== null && previous !== 0 ? actual / previous - 1 : null,
    expected,
    anomaly: expected === null ? null : actual > expected.high ? 'above' : actual < expected.low ? 'below' : null,
  };
}

export function spendByChannel(data: WeeklyData, names: Record<string, string>): ChannelSpend[] {
  const last = data.dates.length - 1;
  const total = data.channels.reduce((s, c) => s + data.spend[c][last], 0);
  return data.channels.map((channel) => ({
    channel,
    displayName: names[channel] ?? channel,
    lastWeek: data.spend[channel][last],
    previousWeek: last > 0 ? data.spend[channel][last - 1] : null,
    share: total > 0 ? data.spend[channel][last] / total : 0,
  }));
}

/**
 * ROAS of a channel over the last 4 and the last 13 weeks: the model's contribution of
 * the spend that actually happened (carry-over from earlier weeks included) per unit of
 * that spend; the interval spans the bootstrap draws.
 */
export function channelRoas(model: MmmModel, data: WeeklyData, channel: string, displayName: string): ChannelRoas {
  const [recent, quarter] = roasOverLastWeeks(model, channel, data.spend[channel], [RECENT_WEEKS, QUARTER_WEEKS]);
  return { channel, displayName, recent, quarter };
}

export function modelHealth(version: ModelVersion, model: MmmModel, data: WeeklyData, predictions: Predictions, newWeeks: number, asOf: Date): ModelHealth {
  const first = Math.max(0, data.dates.length - RECENT_WEEKS);
  const recent = data.dates.slice(first).map((date, k) => ({ date, actual: data.kpi[first + k], predicted: predictions.byWeek.get(date) }));
  const scored = recent.filter((w) => w.predicted !== undefined && w.actual !== 0);
  const recentMape = scored.length > 0 ? sum(scored.map((w) => Math.abs(w.actual - w.predicted!) / Math.abs(w.actual))) / scored.length : 0;
  const holdoutMape = version.metrics?.holdoutMape ?? model.metrics.holdoutMape;
  // A model fitted on every week has no holdout error: its in-sample error is the reference.
  const reference = holdoutMape ?? model.metrics.mape;
  return {
    modelVersionId: version.id,
    holdoutMape,
    recentMape,
    recentWeeks: scored.length,
    unseenWeeks: scored.filter((w) => predictions.unseen.has(w.date)).length,
    heldOutWeeks: scored.filter((w) => predictions.heldOut.has(w.date)).length,
    laterWeeks: scored.filter((w) => predictions.later.has(w.date)).length,
    drifting: recentMape > Math.max(DRIFT_FACTOR * reference, MIN_DRIFT_MAPE),
    trainedThrough: version.trainedThrough,
    ageDays: version.trainedAt ? Math.floor((asOf.getTime() - version.trainedAt.getTime()) / 86_400_000) : null,
    newWeeksSinceTraining: newWeeks,
  };
}

/**
 * The optimizer's best plan for today's weekly budget with every channel within ±20% of its
 * current spend, read as one move: from the channel it cuts most to the one it adds most
 * to. It is the same computation as asking "optimize my budget" (runOptimization), so the
 * digest and an answer never disagree. Null when today's plan is already (within a
 * rounding) the best.
 */
export function recommendedReallocation(model: MmmModel, names: Record<string, string>): Reallocation | null {
  if (model.channels.length < 2) return null;
  const result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [{ kind: 'maxChange', fraction: RECOMMENDATION_MAX_CHANGE }], weeks: QUARTER_WEEKS });
  const before = result.before.plan;
  const after = result.optimization?.weeklySpend ?? result.after.plan;
  const change = (c: string) => after[c] - before[c];
  const from = model.channels.reduce((a, b) => (change(b) < change(a) ? b : a));
  const to = model.channels.reduce((a, b) => (change(b) > change(a) ? b : a));
  const weeklyAmount = Math.min(-change(from), change(to));
  if (weeklyAmount <= 1e-3 * sum(Object.values(before))) return null;
  return {
    from,
    to,
    fromName: names[from] ?? from,
    toName: names[to] ?? to,
    weeklyAmount,
    weeks: result.weeks,
    gain: result.delta.value,
    gainLow: result.delta.low,
    gainHigh: result.delta.high,
    gainPct: result.delta.pct,
    probabilityBetter: result.delta.probabilityBetter,
    plan: after,
  };
}

function sum(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0);
}

function standardDeviation(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mean = sum(xs) / xs.length;
  return Math.sqrt(sum(xs.map((x) => (x - mean) ** 2)) / (xs.length - 1));
}
