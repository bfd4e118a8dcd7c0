/**
 * Turns the marketer's constraints (src/scenarios/spec.ts `Constraint`) into linear
 * requirements on weekly spend, each carrying the sentence that explains it, and finds a
 * small set of them that conflict when they cannot all hold.
 */
import { checkDeadline } from '../deadline';
import type { ChannelSet, Constraint } from '../scenarios/spec';
import { ScenarioError, InfeasibleConstraintsError } from '../scenarios/errors';
import { solveLinearProgram, type RowSense } from './simplex';
import type { ResponseCurve } from './envelope';

export interface PlanningChannel {
  name: string;
  response: ResponseCurve;
  /** Its curve under each of the model's draws, for plans made on the model's uncertainty. */
  draws?: ResponseCurve[];
  currentWeeklySpend: number;
  /** Channel groups it belongs to (`digital`), for share constraints on a group. */
  groups?: string[];
}

/** `coefficients · weeklySpend (sense) rhs`, said in words. */
export interface Requirement {
  coefficients: number[];
  sense: RowSense;
  rhs: number;
  says: string;
  /** Set when the requirement bounds one channel's spend alone (coefficient 1). */
  channel?: number;
}

export function formatMoney(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: Math.abs(amount) >= 100 ? 0 : 2 });
}

function formatPercent(fraction: number): string {
  return `${+(fraction * 100).toFixed(2)}%`;
}

export function channelBound(channels: PlanningChannel[], index: number, sense: '>=' | '<=', weeklySpend: number, says: string): Requirement {
  const coefficients = channels.map((_, j) => (j === index ? 1 : 0));
  return { coefficients, sense, rhs: weeklySpend, says, channel: index };
}

export function totalRequirement(channels: PlanningChannel[], sense: RowSense, weeklyBudget: number): Requirement {
  const says = {
    '=': `a total of ${formatMoney(weeklyBudget)} a week`,
    '<=': `a total of at most ${formatMoney(weeklyBudget)} a week`,
    '>=': `a total of at least ${formatMoney(weeklyBudget)} a week`,
  }[sense];
  return { coefficients: channels.map(() => 1), sense, rhs: weeklyBudget, says };
}

function channelIndex(channels: PlanningChannel[], name: string, where: string): number {
  const index = channels.findIndex((c) => c.name === name);
  if (index < 0) throw new ScenarioError(`Unknown channel "${name}" in ${where}; the channels are ${channels.map((c) => c.name).join(', ')}.`);
  return index;
}

function requireFraction(value: number | undefined, what: string, max = Infinity): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new ScenarioError(`${what} must be a number from 0${Number.isFinite(max) ? ` to ${max}` : ''}, got ${value}.`);
  }
}

function requireOrdered(min: number | undefined, max: number | undefined, what: string): void {
  if (min !== undefined && max !== undefined && min > max) throw new ScenarioError(`${what}: the minimum ${min} is above the maximum ${max}.`);
}

function membersOf(channels: PlanningChannel[], set: ChannelSet): { members: number[]; name: string } {
  if ('group' in set) {
    const members = channels.flatMap((c, i) => (c.groups?.includes(set.group) ? [i] : []));
    if (members.length === 0) {
      const known = [...new Set(channels.flatMap((c) => c.groups ?? []))];
      throw new ScenarioError(`Unknown channel group "${set.group}" in a share constraint; the groups are ${known.length ? known.join(', ') : '(none defined)'}.`);
    }
    return { members, name: set.group };
  }
  if (set.channels.length === 0) throw new ScenarioError('A share constraint names no channels.');
  const members = set.channels.map((name) => channelIndex(channels, name, 'a share constraint'));
  return { members, name: set.channels.join(' + ') };
}

/** The linear requirements one constraint stands for, after checking it makes sense. */
export function requirementsOf(channels: PlanningChannel[], constraint: Constraint): Requirement[] {
  switch (constraint.kind) {
    case 'bounds': {
      const i = channelIndex(channels, constraint.channel, 'a bounds constraint');
      requireFraction(constraint.min, `The minimum weekly spend for ${constraint.channel}`);
      requireFraction(constraint.max, `The maximum weekly spend for ${constraint.channel}`);
      requireOrdered(constraint.min, constraint.max, `Bounds for ${constraint.channel}`);
      const out: Requirement[] = [];
      const name = constraint.channel;
      if (constraint.min !== undefined) out.push(channelBound(channels, i, '>=', constraint.min, `${name} at least ${formatMoney(constraint.min)} a week`));
      if (constraint.max !== undefined) out.push(channelBound(channels, i, '<=', constraint.max, `${name} at most ${formatMoney(constraint.max)} a week`));
      return out;
    }
    case 'maxChange': {
      requireFraction(constraint.fraction, 'The maximum change fraction');
      const targets = constraint.channel === undefined ? channels.map((_, i) => i) : [channelIndex(channels, constraint.channel, 'a max-change constraint')];
      return targets.flatMap((i) => {
        const { name, currentWeeklySpend: current } = channels[i];
        const change = formatPercent(constraint.fraction);
        const low = Math.max(0, current * (1 - constraint.fraction));
        const high = current * (1 + constraint.fraction);
        return [
          channelBound(channels, i, '>=', low, `${name} at least ${formatMoney(low)} a week (at most -${change} from its current ${formatMoney(current)})`),
          channelBound(channels, i, '<=', high, `${name} at most ${formatMoney(high)} a week (at most +${change} on its current ${formatMoney(current)})`),
        ];
      });
    }
    case 'share': {
      requireFraction(constraint.min, 'A minimum share', 1);
      requireFraction(constraint.max, 'A maximum share', 1);
      requireOrdered(constraint.min, constraint.max, 'A share constraint');
      const { members, name } = membersOf(channels, constraint.set);
      const shareRow = (share: number) => channels.map((_, j) => (members.includes(j) ? 1 : 0) - share);
      const out: Requirement[] = [];
      if (constraint.min !== undefined) out.push({ coefficients: shareRow(constraint.min), sense: '>=', rhs: 0, says: `${name} at least ${formatPercent(constraint.min)} of the total` });
      if (constraint.max !== undefined) out.push({ coefficients: shareRow(constraint.max), sense: '<=', rhs: 0, says: `${name} at most ${formatPercent(constraint.max)} of the total` });
      return out;
    }
    case 'ratio': {
      const n = channelIndex(channels, constraint.numerator, 'a ratio constraint');
      const d = channelIndex(channels, constraint.denominator, 'a ratio constraint');
      if (n === d) throw new ScenarioError(`A ratio constraint compares ${constraint.numerator} with itself.`);
      requireFraction(constraint.min, `The minimum ratio of ${constraint.numerator} to ${constraint.denominator}`);
      requireFraction(constraint.max, `The maximum ratio of ${constraint.numerator} to ${constraint.denominator}`);
      requireOrdered(constraint.min, constraint.max, `The ratio of ${constraint.numerator} to ${constraint.denominator}`);
      const ratioRow = (ratio: number) => channels.map((_, j) => (j === n ? 1 : j === d ? -ratio : 0));
      const out: Requirement[] = [];
      const { numerator: num, denominator: den } = constraint;
      if (constraint.min !== undefined) out.push({ coefficients: ratioRow(constraint.min), sense: '>=', rhs: 0, says: `${num} at least ${+constraint.min.toFixed(4)}× ${den}` });
      if (constraint.max !== undefined) out.push({ coefficients: ratioRow(constraint.max), sense: '<=', rhs: 0, says: `${num} at most ${+constraint.max.toFixed(4)}× ${den}` });
      return out;
    }
    default: {
      const unknown: never = constraint;
      throw new ScenarioError(`Unknown constraint kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}.`);
    }
  }
}

/**
 * Share and ratio constraints each add a dense row to every linear program the solver and the
 * conflict search run, so their number is capped; bounds and max-change only narrow a
 * channel's range and are not.
 */
export const MAX_SHARE_AND_RATIO_CONSTRAINTS = 20;

/**
 * The requirements of all the constraints, each distinct row once: a constraint given twice
 * (or two that say the same) is one requirement, not two rows the solver works through.
 * More share and ratio constraints than the cap are refused, saying so.
 */
export function requirementsOfAll(channels: PlanningChannel[], constraints: Constraint[]): Requirement[] {
  const dense = constraints.filter((c) => c.kind === 'share' || c.kind === 'ratio');
  if (dense.length > MAX_SHARE_AND_RATIO_CONSTRAINTS) {
    throw new ScenarioError(`${dense.length} share and ratio constraints are more than the ${MAX_SHARE_AND_RATIO_CONSTRAINTS} one optimization takes; combine them or drop some.`);
  }
  const seen = new Set<string>();
  const out: Requirement[] = [];
  for (const requirement of constraints.flatMap((c) => requirementsOf(channels, c))) {
    const key = `${requirement.sense}|${requirement.rhs}|${requirement.coefficients.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(requirement);
  }
  return out;
}

/** Whether some non-negative weekly plan meets all the requirements (an LP feasibility check). */
export function canAllHold(channelCount: number, requirements: Requirement[]): boolean {
  const lower = new Array<number>(channelCount).fill(0);
  const upper = new Array<number>(channelCount).fill(Infinity);
  const rows = [];
  for (const r of requirements) {
    if (r.channel !== undefined && r.sense !== '=') {
      if (r.sense === '>=') lower[r.channel] = Math.max(lower[r.channel], r.rhs);
      else upper[r.channel] = Math.min(upper[r.channel], r.rhs);
    } else {
      rows.push(r);
    }
  }
  const result = solveLinearProgram({ cost: new Array<number>(channelCount).fill(0), rows, lower, upper });
  return result.status !== 'infeasible';
}

/**
 * A set of requirements that cannot all hold, none of which can be dropped without the
 * conflict disappearing (a deletion filter: drop each in turn, keep it out if the rest still
 * conflict). Null when they can all hold.
 */
export function findConflict(channelCount: number, requirements: Requirement[]): Requirement[] | null {
  if (canAllHold(channelCount, requirements)) return null;
  let conflict = requirements;
  for (const candidate of requirements) {
    checkDeadline();
    const without = conflict.filter((r) => r !== candidate);
    if (without.length < conflict.length && !canAllHold(channelCount, without)) conflict = without;
  }
  return conflict;
}

export function assertCanAllHold(channelCount: number, requirements: Requirement[]): void {
  const conflict = findConflict(channelCount, requirements);
  if (conflict) throw new InfeasibleConstraintsError(conflict.map((r) => r.says));
}
