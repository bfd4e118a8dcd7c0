import { InputProblems as Problems } from '../../src/services/errors';
import { channelKeyOf, type ChannelVocabulary } from '../../src/language';
import { MAX_SHARE_AND_RATIO_CONSTRAINTS } from '../../src/optimizer/requirements';
import type { Amount, Constraint, OptimizeObjective, OptimizeSpec, PlanChange, WhatIfSpec } from '../../src/scenarios/spec';
import { confidenceProblem, horizonProblem, MAX_KPI, MAX_MONEY, MAX_PERCENT, MAX_RATIO, maxChangeProblem, positiveAmountProblem, rangeEndProblem, rangeOrderProblem } from '../../src/scenarios/specRules';
import { ConstraintKind, ObjectiveKind, PlanAimKind, PlanChangeKind, type AmountInput, type ConstraintInput, type ObjectiveInput, type OptimizeInput, type PlanChangeInput, type WhatIfInput } from './ScenarioInputs';

/**
 * GraphQL scenario inputs → the scenario specs of src/scenarios/spec.ts. GraphQL has no
 * input unions, so each change and constraint is one input type with a `kind`; this is
 * where a kind's required fields are checked and the ones that do not apply are refused.
 * Every problem is reported at once, each with its field path (`input.constraints[2].min`).
 */

/** What the dataset knows, to check names against. */
export interface SpecVocabulary {
  channels: string[];
  /** The channels' names, so that "TV", "Paid Search" or "ppc" find their key; without them, keys in any case. */
  names?: ChannelVocabulary[];
  groups: string[];
  controls: string[];
}

export { MAX_HORIZON_WEEKS, MAX_KPI, MAX_MONEY, MAX_PERCENT, MAX_RATIO } from '../../src/scenarios/specRules';
/** List caps: far above what a plan needs, far below what ties up the server. */
export const MAX_CHANGES = 20;
export const MAX_CONSTRAINTS = 50;
export const MAX_CONTROLS = 20;
export const MAX_CONTROL_VALUE = 1e9;

/** At most `max` items, and no item given twice (the same JSON): each problem at its path. */
function listChecked(items: readonly object[], path: string, max: number, what: string, problems: Problems): void {
  if (items.length > max) {
    problems.add(path, `give at most ${max} ${what}, got ${items.length}`);
    return;
  }
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = JSON.stringify(Object.entries(item).filter(([, v]) => v !== null && v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
    const first = seen.get(key);
    if (first !== undefined) problems.add(`${path}[${i}]`, `is the same as ${path}[${first}]: give it once`);
    else seen.set(key, i);
  });
}

export function whatIfSpecFrom(input: WhatIfInput, vocabulary: SpecVocabulary): WhatIfSpec {
  const problems = new Problems();
  const weeks = horizonWeeks(input.weeks, problems);
  if (input.changes.length === 0) problems.add('input.changes', 'give at least one change');
  // Lists past their caps are refused before their items are checked one by one.
  const listed = problems.list.length;
  listChecked(input.changes, 'input.changes', MAX_CHANGES, 'changes', problems);
  if ((input.controls ?? []).length > MAX_CONTROLS) problems.add('input.controls', `give at most ${MAX_CONTROLS} control values, got ${input.controls!.length}`);
  if (problems.list.length > listed) problems.throwIfAny('what-if');
  const changes = input.changes.map((change, i) => planChange(change, `input.changes[${i}]`, vocabulary, weeks, problems));
  const controls: Record<string, number> = {};
  (input.controls ?? []).forEach((c, i) => {
    const path = `input.controls[${i}]`;
    if (!vocabulary.controls.includes(c.name)) problems.add(`${path}.name`, `"${c.name}" is not a control of this dataset (${listOr(vocabulary.controls)})`);
    else if (c.name in controls) problems.add(`${path}.name`, `"${c.name}" is given twice`);
    if (!Number.isFinite(c.value) || Math.abs(c.value) > MAX_CONTROL_VALUE) problems.add(`${path}.value`, `must be a number from -${MAX_CONTROL_VALUE.toExponential()} to ${MAX_CONTROL_VALUE.toExponential()}, got ${c.value}`);
    controls[c.name] = c.value;
  });
  problems.throwIfAny('what-if');
  return { changes: changes as PlanChange[], weeks, ...(input.controls?.length ? { controls } : {}) };
}

export function optimizeSpecFrom(input: OptimizeInput, vocabulary: SpecVocabulary): OptimizeSpec {
  const problems = new Problems();
  const weeks = horizonWeeks(input.weeks, problems);
  const objective = objectiveOf(input.objective ?? null, problems);
  // Lists past their caps are refused before their items are checked one by one.
  const listed = problems.list.length;
  listChecked(input.constraints, 'input.constraints', MAX_CONSTRAINTS, 'constraints', problems);
  const dense = input.constraints.filter((c) => c.kind === ConstraintKind.SHARE || c.kind === ConstraintKind.RATIO).length;
  if (dense > MAX_SHARE_AND_RATIO_CONSTRAINTS) problems.add('input.constraints', `give at most ${MAX_SHARE_AND_RATIO_CONSTRAINTS} share and ratio constraints, got ${dense}`);
  if (problems.list.length > listed) problems.throwIfAny('optimization');
  const constraints = input.constraints.map((c, i) => constraintOf(c, `input.constraints[${i}]`, vocabulary, problems));
  if (input.confidence !== null && input.confidence !== undefined && input.aim !== PlanAimKind.CONFIDENT) problems.add('input.confidence', 'only meaningful with aim CONFIDENT');
  if (input.confidence !== null && input.confidence !== undefined) problems.check('input.confidence', confidenceProblem(input.confidence));
  problems.throwIfAny('optimization');
  return {
    objective,
    constraints: constraints as Constraint[],
    weeks,
    ...(input.perWeek ? { perWeek: true } : {}),
    ...(input.aim ? { aim: input.aim } : {}),
    ...(input.confidence !== null && input.confidence !== undefined ? { confidence: input.confidence } : {}),
  };
}

function horizonWeeks(weeks: number, problems: Problems): number {
  problems.check('input.weeks', horizonProblem(weeks));
  return weeks;
}

function listOr(names: string[]): string {
  return names.length === 0 ? 'it has none' : `known: ${names.join(', ')}`;
}

/** The key a channel name stands for (key, display name, alias or synonym, any case); a problem at `path` when none or several. */
function channel(name: string | null | undefined, path: string, vocabulary: SpecVocabulary, problems: Problems): string {
  if (name === null || name === undefined || name === '') {
    problems.add(path, 'a channel is required here');
    return '';
  }
  if (vocabulary.channels.includes(name)) return name;
  const found = channelKeyOf(name, vocabulary.names ?? vocabulary.channels.map((key) => ({ key, displayName: key, aliases: [] })));
  if (found && 'key' in found && vocabulary.channels.includes(found.key)) return found.key;
  if (found && 'ambiguous' in found) problems.add(path, `"${name}" could be ${found.ambiguous.join(' or ')}: give the channel key`);
  else problems.add(path, `"${name}" is not a channel of this dataset (${listOr(vocabulary.channels)})`);
  return name;
}

/** Fields given that the kind does not use: refused, so that a misplaced value is never silently ignored. */
function onlyFields(input: object, allowed: string[], path: string, kind: string, problems: Problems): void {
  for (const [field, value] of Object.entries(input)) {
    if (field === 'kind' || field === 'per' || allowed.includes(field) || value === null || value === undefined) continue;
    problems.add(`${path}.${field}`, `does not apply to ${kind}`);
  }
}

function amountOf(input: AmountInput | null | undefined, path: string, rule: { positive?: boolean; moneyOnly?: boolean }, problems: Problems): Amount {
  if (!input) {
    problems.add(path, 'an amount is required here: give percent or money');
    return { unit: 'percent', value: 0 };
  }
  const hasPercent = input.percent !== null && input.percent !== undefined;
  const hasMoney = input.money !== null && input.money !== undefined;
  if (hasPercent === hasMoney) {
    problems.add(path, 'give exactly one of percent or money');
    return { unit: 'percent', value: 0 };
  }
  if (hasPercent) {
    const percent = input.percent as number;
    if (rule.moneyOnly) problems.add(`${path}.percent`, 'a total budget is money: give money instead');
    else if (!Number.isFinite(percent) || percent < -100 || percent > MAX_PERCENT) problems.add(`${path}.percent`, `must be a number of percent from -100 to ${MAX_PERCENT}, got ${percent}`);
    else if (rule.positive && percent <= 0) problems.add(`${path}.percent`, `must be above 0, got ${percent}`);
    return { unit: 'percent', value: percent };
  }
  const money = input.money as number;
  if (!Number.isFinite(money) || Math.abs(money) > MAX_MONEY) problems.add(`${path}.money`, `must be a finite amount of at most ${MAX_MONEY.toExponential()} in size, got ${money}`);
  else if ((rule.positive || rule.moneyOnly) && money < 0) problems.add(`${path}.money`, `must not be negative, got ${money}`);
  else if (rule.positive && money === 0) problems.add(`${path}.money`, 'must be above 0');
  return { unit: 'money', value: money, per: input.per };
}

function planChange(input: PlanChangeInput, path: string, vocabulary: SpecVocabulary, horizon: number, problems: Problems): PlanChange | null {
  const kind = `a ${input.kind} change`;
  switch (input.kind) {
    case PlanChangeKind.SHIFT: {
      onlyFields(input, ['from', 'to', 'amount'], path, kind, problems);
      const from = channel(input.from, `${path}.from`, vocabulary, problems);
      const to = shiftTargets(input, path, from, vocabulary, problems);
      return { kind: 'shift', from, to, amount: amountOf(input.amount, `${path}.amount`, { positive: true }, problems) };
    }
    case PlanChangeKind.SCALE:
      onlyFields(input, ['channel', 'amount'], path, kind, problems);
      return { kind: 'scale', channel: channel(input.channel, `${path}.channel`, vocabulary, problems), by: amountOf(input.amount, `${path}.amount`, {}, problems) };
    case PlanChangeKind.SET: {
      onlyFields(input, ['channel', 'weeklySpend', 'weeks'], path, kind, problems);
      const key = channel(input.channel, `${path}.channel`, vocabulary, problems);
      const weeklySpend = input.weeklySpend;
      if (weeklySpend === null || weeklySpend === undefined) problems.add(`${path}.weeklySpend`, 'required for a set change');
      else if (!Number.isFinite(weeklySpend) || weeklySpend < 0 || weeklySpend > MAX_MONEY) problems.add(`${path}.weeklySpend`, `must be a weekly spend from 0 to ${MAX_MONEY.toExponential()}, got ${weeklySpend}`);
      const weeks = input.weeks ?? undefined;
      if (weeks !== undefined && (!Number.isInteger(weeks) || weeks < 1 || weeks > horizon)) problems.add(`${path}.weeks`, `must be from 1 to the horizon (${horizon} weeks), got ${weeks}`);
      return { kind: 'set', channel: key, weeklySpend: weeklySpend ?? 0, ...(weeks !== undefined ? { weeks } : {}) };
    }
    case PlanChangeKind.SCALE_TOTAL:
      onlyFields(input, ['amount'], path, kind, problems);
      return { kind: 'scaleTotal', by: amountOf(input.amount, `${path}.amount`, {}, problems) };
    case PlanChangeKind.SET_TOTAL: {
      onlyFields(input, ['amount'], path, kind, problems);
      const amount = amountOf(input.amount, `${path}.amount`, { moneyOnly: true }, problems);
      return { kind: 'setTotal', amount: amount.value, per: amount.unit === 'money' ? amount.per : 'week' };
    }
  }
}

/** Receiving channels with their shares; unset shares split what the given ones leave equally. */
function shiftTargets(input: PlanChangeInput, path: string, from: string, vocabulary: SpecVocabulary, problems: Problems): Array<{ channel: string; share: number }> {
  const to = input.to ?? [];
  if (to.length === 0) {
    problems.add(`${path}.to`, 'give at least one channel to move spend into');
    return [];
  }
  const seen = new Set<string>();
  const keys = to.map((t, i) => channel(t.channel, `${path}.to[${i}].channel`, vocabulary, problems));
  to.forEach((t, i) => {
    const key = keys[i];
    if (key === from) problems.add(`${path}.to[${i}].channel`, `spend cannot move from ${from} into itself`);
    if (seen.has(key)) problems.add(`${path}.to[${i}].channel`, `"${t.channel}" is listed twice`);
    seen.add(key);
    if (t.share !== null && t.share !== undefined && !(t.share > 0 && t.share <= 1)) problems.add(`${path}.to[${i}].share`, `must be a fraction above 0 and at most 1, got ${t.share}`);
  });
  const given = to.reduce((s, t) => s + (t.share ?? 0), 0);
  const unset = to.filter((t) => t.share === null || t.share === undefined).length;
  if (unset === 0 && Math.abs(given - 1) > 1e-6) problems.add(`${path}.to`, `shares must add up to 1, they add up to ${Number(given.toFixed(6))}`);
  if (unset > 0 && given >= 1 - 1e-9) problems.add(`${path}.to`, `the given shares already add up to ${Number(given.toFixed(6))}: nothing is left for the channels without a share`);
  return to.map((t, i) => ({ channel: keys[i], share: t.share ?? (1 - given) / unset }));
}

function constraintOf(input: ConstraintInput, path: string, vocabulary: SpecVocabulary, problems: Problems): Constraint | null {
  const kind = `a ${input.kind} constraint`;
  const range = (label: string, rule: { fractions?: boolean; max?: number }) => {
    const min = input.min ?? undefined;
    const max = input.max ?? undefined;
    if (min === undefined && max === undefined) problems.add(path, `give min, max or both for ${kind}`);
    for (const [field, value] of [['min', min], ['max', max]] as const) {
      if (value !== undefined) problems.check(`${path}.${field}`, rangeEndProblem(value, label, rule));
    }
    problems.check(`${path}.min`, rangeOrderProblem(min, max));
    return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  };
  switch (input.kind) {
    case ConstraintKind.BOUNDS:
      onlyFields(input, ['channel', 'min', 'max'], path, kind, problems);
      return { kind: 'bounds', channel: channel(input.channel, `${path}.channel`, vocabulary, problems), ...range('weekly spend', { max: MAX_MONEY }) };
    case ConstraintKind.MAX_CHANGE: {
      onlyFields(input, ['channel', 'fraction'], path, kind, problems);
      const fraction = input.fraction;
      if (fraction === null || fraction === undefined) problems.add(`${path}.fraction`, 'required for a maxChange constraint (0.2 = ±20%)');
      else problems.check(`${path}.fraction`, maxChangeProblem(fraction));
      const key = input.channel ? channel(input.channel, `${path}.channel`, vocabulary, problems) : undefined;
      return { kind: 'maxChange', fraction: fraction ?? 0, ...(key ? { channel: key } : {}) };
    }
    case ConstraintKind.SHARE: {
      onlyFields(input, ['channels', 'group', 'min', 'max'], path, kind, problems);
      const hasChannels = input.channels !== null && input.channels !== undefined;
      const hasGroup = input.group !== null && input.group !== undefined;
      let shareKeys: string[] = [];
      if (hasChannels === hasGroup) problems.add(path, 'give exactly one of channels or group');
      if (hasChannels) {
        if (input.channels!.length === 0) problems.add(`${path}.channels`, 'give at least one channel');
        shareKeys = input.channels!.map((c, i) => channel(c, `${path}.channels[${i}]`, vocabulary, problems));
        shareKeys.forEach((k, i) => {
          if (shareKeys.indexOf(k) < i) problems.add(`${path}.channels[${i}]`, `"${input.channels![i]}" is listed twice`);
        });
      }
      if (hasGroup && !vocabulary.groups.includes(input.group!)) problems.add(`${path}.group`, `"${input.group}" is not a channel group of this dataset (${listOr(vocabulary.groups)})`);
      return { kind: 'share', set: hasGroup ? { group: input.group! } : { channels: shareKeys }, ...range('share', { fractions: true }) };
    }
    case ConstraintKind.RATIO: {
      onlyFields(input, ['numerator', 'denominator', 'min', 'max'], path, kind, problems);
      const numerator = channel(input.numerator, `${path}.numerator`, vocabulary, problems);
      const denominator = channel(input.denominator, `${path}.denominator`, vocabulary, problems);
      if (numerator !== '' && numerator === denominator) problems.add(`${path}.denominator`, 'must be another channel than the numerator');
      return { kind: 'ratio', numerator, denominator, ...range('ratio', { max: MAX_RATIO }) };
    }
  }
}

function objectiveOf(input: ObjectiveInput | null, problems: Problems): OptimizeObjective {
  const path = 'input.objective';
  if (!input) return { kind: 'maxKpi' };
  const required = (field: 'budget' | 'targetKpi' | 'increment', value: number | null | undefined, optional = false): number | undefined => {
    if (value === null || value === undefined) {
      if (!optional) problems.add(`${path}.${field}`, `required for ${input.kind}`);
      return undefined;
    }
    problems.check(`${path}.${field}`, positiveAmountProblem(value, field === 'targetKpi' ? MAX_KPI : MAX_MONEY));
    return value;
  };
  switch (input.kind) {
    case ObjectiveKind.MAX_KPI: {
      onlyFields(input, ['budget'], path, input.kind, problems);
      const budget = required('budget', input.budget, true);
      return { kind: 'maxKpi', ...(budget !== undefined ? { budget: { amount: budget, per: input.per } } : {}) };
    }
    case ObjectiveKind.MIN_COST_FOR_TARGET:
      onlyFields(input, ['targetKpi'], path, input.kind, problems);
      return { kind: 'minCostForTarget', target: { kpi: required('targetKpi', input.targetKpi) ?? 0, per: input.per } };
    case ObjectiveKind.MARGINAL:
      onlyFields(input, ['increment'], path, input.kind, problems);
      return { kind: 'marginal', increment: { amount: required('increment', input.increment) ?? 0, per: input.per } };
  }
}
