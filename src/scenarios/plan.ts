/**
 * Applying a what-if's changes to the current plan. A plan is weekly spend per channel for
 * each week of the horizon (changes such as "pause TV for a month" touch only some weeks).
 * Changes apply in order, each to the plan the previous ones left.
 */
import { ScenarioError } from './errors';
import type { Amount, PlanChange, WhatIfSpec } from './spec';
import { MAX_HORIZON_WEEKS } from './specRules';

/** Weekly spend per channel, one entry per horizon week. */
export type WeeklyPlan = Record<string, number[]>;

export function flatPlan(weeklySpend: Record<string, number>, weeks: number): WeeklyPlan {
  return Object.fromEntries(Object.entries(weeklySpend).map(([channel, spend]) => [channel, new Array<number>(weeks).fill(spend)]));
}

/** Mean weekly spend per channel over the horizon: what a plan "is" when shown as one number. */
export function meanWeeklySpend(plan: WeeklyPlan): Record<string, number> {
  // A flat series shows its own weekly spend, not a sum divided back with rounding.
  const mean = (series: number[]) => (series.every((x) => x === series[0]) ? series[0] : series.reduce((s, x) => s + x, 0) / series.length);
  return Object.fromEntries(Object.entries(plan).map(([channel, series]) => [channel, mean(series)]));
}

export function checkHorizon(weeks: number): void {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_HORIZON_WEEKS) {
    throw new ScenarioError(`The horizon must be a whole number of weeks from 1 to ${MAX_HORIZON_WEEKS}, got ${weeks}.`);
  }
}

function requireChannel(plan: WeeklyPlan, channel: string, where: string): number[] {
  const series = plan[channel];
  if (!series) throw new ScenarioError(`Unknown channel "${channel}" in ${where}; the channels are ${Object.keys(plan).join(', ')}.`);
  return series;
}

function requireNumber(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new ScenarioError(`${what} must be a number, got ${value}.`);
}

/** A money amount as weekly spend: horizon totals are spread evenly over the weeks. */
function weeklyMoney(amount: { value: number; per: 'week' | 'horizon' }, weeks: number): number {
  return amount.per === 'week' ? amount.value : amount.value / weeks;
}

/** How much spend an amount stands for in one week, given the spend it is a percentage of. */
function weeklyAmount(amount: Amount, base: number, weeks: number): number {
  requireNumber(amount.value, 'An amount');
  return amount.unit === 'percent' ? (base * amount.value) / 100 : weeklyMoney(amount, weeks);
}

const weekTotal = (plan: WeeklyPlan, week: number) => Object.values(plan).reduce((s, series) => s + series[week], 0);

/** Spend within rounding of zero is zero: a plan never shows -0.0000001. */
function cleaned(spend: number, scale: number): number {
  return Math.abs(spend) <= 1e-9 * Math.max(1, scale) ? 0 : spend;
}

function applyShift(plan: WeeklyPlan, change: PlanChange & { kind: 'shift' }, weeks: number): void {
  const from = requireChannel(plan, change.from, 'a shift');
  if (change.to.length === 0) throw new ScenarioError(`The shift out of ${change.from} names no channel to move the spend to.`);
  for (const target of change.to) {
    requireChannel(plan, target.channel, 'a shift');
    if (target.channel === change.from) throw new ScenarioError(`A shift moves spend from ${change.from} to itself.`);
    if (!Number.isFinite(target.share) || target.share < 0) throw new ScenarioError(`The share of the shift going to ${target.channel} must be a number from 0 to 1, got ${target.share}.`);
  }
  const shares = change.to.reduce((s, t) => s + t.share, 0);
  if (Math.abs(shares - 1) > 1e-6) throw new ScenarioError(`The shares of a shift must add up to 1 (100%), they add up to ${+shares.toFixed(6)}.`);
  if (change.amount.value < 0) throw new ScenarioError(`A shift moves a positive amount, got ${change.amount.value}; to move spend the other way, swap the channels.`);
  if (change.amount.unit === 'percent' && change.amount.value > 100) {
    throw new ScenarioError(`Cannot move ${change.amount.value}% of ${change.from}: at most 100% of a channel's spend can move.`);
  }
  for (let w = 0; w < weeks; w++) {
    const moved = weeklyAmount(change.amount, from[w], weeks);
    if (moved > from[w] * (1 + 1e-9) + 1e-9) {
      throw new ScenarioError(`Cannot move ${moved.toFixed(2)} a week out of ${change.from}: it spends only ${from[w].toFixed(2)} a week${weeks > 1 ? ` in week ${w + 1}` : ''}.`);
    }
    from[w] = cleaned(from[w] - Math.min(moved, from[w]), moved);
    for (const target of change.to) plan[target.channel][w] += moved * target.share;
  }
}

function applyScale(plan: WeeklyPlan, change: PlanChange & { kind: 'scale' }, weeks: number): void {
  const series = requireChannel(plan, change.channel, 'a change of spend');
  if (change.by.unit === 'percent' && change.by.value < -100) {
    throw new ScenarioError(`Cannot cut ${change.channel} by ${-change.by.value}%: a cut of 100% already turns it off.`);
  }
  for (let w = 0; w < weeks; w++) {
    const delta = weeklyAmount(change.by, series[w], weeks);
    const next = cleaned(series[w] + delta, series[w]);
    if (next < 0) throw new ScenarioError(`Cannot take ${(-delta).toFixed(2)} a week from ${change.channel}: it spends only ${series[w].toFixed(2)} a week.`);
    series[w] = next;
  }
}

function applySet(plan: WeeklyPlan, change: PlanChange & { kind: 'set' }, weeks: number): void {
  const series = requireChannel(plan, change.channel, 'a set spend');
  requireNumber(change.weeklySpend, `The weekly spend for ${change.channel}`);
  if (change.weeklySpend < 0) throw new ScenarioError(`The weekly spend for ${change.channel} cannot be negative, got ${change.weeklySpend}.`);
  const limit = change.weeks ?? weeks;
  if (!Number.isInteger(limit) || limit < 1) throw new ScenarioError(`The number of weeks to set ${change.channel} for must be a whole number from 1, got ${limit}.`);
  for (let w = 0; w < Math.min(limit, weeks); w++) series[w] = change.weeklySpend;
}

/** Multiply every channel by the same factor: the mix stays, the total changes. */
function scaleEveryChannel(plan: WeeklyPlan, factor: number): void {
  for (const series of Object.values(plan)) series.forEach((x, w) => (series[w] = x * factor));
}

function horizonTotal(plan: WeeklyPlan, weeks: number): number {
  let total = 0;
  for (let w = 0; w < weeks; w++) total += weekTotal(plan, w);
  return total;
}

function applyScaleTotal(plan: WeeklyPlan, change: PlanChange & { kind: 'scaleTotal' }, weeks: number): void {
  const total = horizonTotal(plan, weeks);
  const weekly = total / weeks;
  const delta = weeklyAmount(change.by, weekly, weeks);
  if (weekly + delta < -1e-9 * Math.max(1, weekly)) throw new ScenarioError(`Cannot cut the total by ${(-delta).toFixed(2)} a week: the plan spends only ${weekly.toFixed(2)} a week.`);
  if (weekly === 0) {
    if (delta === 0) return;
    throw new ScenarioError('The plan spends nothing, so there is no mix to keep while changing the total; set channels\u2019 spend instead.');
  }
  scaleEveryChannel(plan, Math.max(0, (weekly + delta) / weekly));
}

function applySetTotal(plan: WeeklyPlan, change: PlanChange & { kind: 'setTotal' }, weeks: number): void {
  requireNumber(change.amount, 'The total budget');
  if (change.amount < 0) throw new ScenarioError(`The total budget cannot be negative, got ${change.amount}.`);
  const weekly = horizonTotal(plan, weeks) / weeks;
  const target = weeklyMoney({ value: change.amount, per: change.per }, weeks);
  if (weekly === 0) {
    if (target === 0) return;
    throw new ScenarioError('The plan spends nothing, so there is no mix to keep while setting the total; set channels\u2019 spend instead.');
  }
  scaleEveryChannel(plan, target / weekly);
}

/** The plan after a what-if's changes, from a flat current weekly plan. */
export function applyChanges(currentWeeklySpend: Record<string, number>, spec: WhatIfSpec): WeeklyPlan {
  checkHorizon(spec.weeks);
  if (!Array.isArray(spec.changes)) throw new ScenarioError('A what-if needs a list of changes.');
  const plan = flatPlan(currentWeeklySpend, spec.weeks);
  for (const change of spec.changes) {
    switch (change.kind) {
      case 'shift':
        applyShift(plan, change, spec.weeks);
        break;
      case 'scale':
        applyScale(plan, change, spec.weeks);
        break;
      case 'set':
        applySet(plan, change, spec.weeks);
        break;
      case 'scaleTotal':
        applyScaleTotal(plan, change, spec.weeks);
        break;
      case 'setTotal':
        applySetTotal(plan, change, spec.weeks);
        break;
      default: {
        const unknown: never = change;
        throw new ScenarioError(`Unknown change kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}.`);
      }
    }
  }
  return plan;
}
