/**
 * Turns the plan's constraints (./constraints.ts) into linear requirements on weekly spend,
 * each carrying what it stands for (so that a conflict or a binding requirement can be said),
 * and finds a small set of them that conflict when they cannot all hold.
 */
import { checkDeadline } from '../deadline';
import type { ChannelSet, PlanConstraint, RequirementMeaning } from './constraints';
import { ConflictingRequirements, PlanningRefused } from './errors';
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

/** `coefficients · weeklySpend (sense) rhs`, and what it stands for. */
export interface Requirement {
  coefficients: number[];
  sense: RowSense;
  rhs: number;
  means: RequirementMeaning;
  /** Set when the requirement bounds one channel's spend alone (coefficient 1). */
  channel?: number;
}

function channelBound(channels: PlanningChannel[], index: number, sense: '>=' | '<=', weeklySpend: number, means: RequirementMeaning): Requirement {
  const coefficients = channels.map((_, j) => (j === index ? 1 : 0));
  return { coefficients, sense, rhs: weeklySpend, means, channel: index };
}

export function totalRequirement(channels: PlanningChannel[], sense: RowSense, weeklyBudget: number): Requirement {
  return { coefficients: channels.map(() => 1), sense, rhs: weeklyBudget, means: { kind: 'total', sense, amount: weeklyBudget } };
}

/** Every channel kept at or above today's weekly spend (a marginal plan takes nothing away). */
export function keepingCurrentSpend(channels: PlanningChannel[]): Requirement[] {
  return channels.map((c, i) => channelBound(channels, i, '>=', c.currentWeeklySpend, { kind: 'keepsCurrent', channel: c.name, amount: c.currentWeeklySpend }));
}

function channelIndex(channels: PlanningChannel[], name: string, constraint: PlanConstraint): number {
  const index = channels.findIndex((c) => c.name === name);
  if (index < 0) throw new PlanningRefused({ kind: 'unknownChannel', channel: name, constraint: constraint.kind, channels: channels.map((c) => c.name) });
  return index;
}

/** Each of the constraint's bounds present is a number from 0 to `most`, and its min is not above its max. */
function requireInRange(constraint: PlanConstraint, bounds: Array<'min' | 'max' | 'fraction'>, most = Infinity): void {
  const given = constraint as Partial<Record<'min' | 'max' | 'fraction', number>>;
  for (const bound of bounds) {
    const value = given[bound];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0 || value > most) throw new PlanningRefused({ kind: 'outOfRange', constraint, bound, value, most });
  }
  const { min, max } = given;
  if (min !== undefined && max !== undefined && min > max) throw new PlanningRefused({ kind: 'minAboveMax', constraint, min, max });
}

function membersOf(channels: PlanningChannel[], constraint: PlanConstraint & { kind: 'share' }): { members: number[]; name: string } {
  const set: ChannelSet = constraint.set;
  if ('group' in set) {
    const members = channels.flatMap((c, i) => (c.groups?.includes(set.group) ? [i] : []));
    if (members.length === 0) throw new PlanningRefused({ kind: 'unknownGroup', group: set.group, groups: [...new Set(channels.flatMap((c) => c.groups ?? []))] });
    return { members, name: set.group };
  }
  if (set.channels.length === 0) throw new PlanningRefused({ kind: 'shareOfNoChannels' });
  const members = set.channels.map((name) => channelIndex(channels, name, constraint));
  return { members, name: set.channels.join(' + ') };
}

/** The linear requirements one constraint stands for, after checking it makes sense. */
export function requirementsOf(channels: PlanningChannel[], constraint: PlanConstraint): Requirement[] {
  switch (constraint.kind) {
    case 'bounds': {
      const i = channelIndex(channels, constraint.channel, constraint);
      requireInRange(constraint, ['min', 'max']);
      const out: Requirement[] = [];
      const channel = constraint.channel;
      if (constraint.min !== undefined) out.push(channelBound(channels, i, '>=', constraint.min, { kind: 'spend', channel, side: 'min', amount: constraint.min }));
      if (constraint.max !== undefined) out.push(channelBound(channels, i, '<=', constraint.max, { kind: 'spend', channel, side: 'max', amount: constraint.max }));
      return out;
    }
    case 'maxChange': {
      requireInRange(constraint, ['fraction']);
      const { fraction } = constraint;
      const targets = constraint.channel === undefined ? channels.map((_, i) => i) : [channelIndex(channels, constraint.channel, constraint)];
      return targets.flatMap((i) => {
        const { name: channel, currentWeeklySpend: current } = channels[i];
        const low = Math.max(0, current * (1 - fraction));
        const high = current * (1 + fraction);
        return [
          channelBound(channels, i, '>=', low, { kind: 'change', channel, side: 'min', amount: low, fraction, current }),
          channelBound(channels, i, '<=', high, { kind: 'change', channel, side: 'max', amount: high, fraction, current }),
        ];
      });
    }
    case 'share': {
      requireInRange(constraint, ['min', 'max'], 1);
      const { members, name } = membersOf(channels, constraint);
      const shareRow = (share: number) => channels.map((_, j) => (members.includes(j) ? 1 : 0) - share);
      const out: Requirement[] = [];
      if (constraint.min !== undefined) out.push({ coefficients: shareRow(constraint.min), sense: '>=', rhs: 0, means: { kind: 'share', name, side: 'min', share: constraint.min } });
      if (constraint.max !== undefined) out.push({ coefficients: shareRow(constraint.max), sense: '<=', rhs: 0, means: { kind: 'share', name, side: 'max', share: constraint.max } });
      return out;
    }
    case 'ratio': {
      const n = channelIndex(channels, constraint.numerator, constraint);
      const d = channelIndex(channels, constraint.denominator, constraint);
      if (n === d) throw new PlanningRefused({ kind: 'ratioOfItself', channel: constraint.numerator });
      requireInRange(constraint, ['min', 'max']);
      const ratioRow = (ratio: number) => channels.map((_, j) => (j === n ? 1 : j === d ? -ratio : 0));
      const out: Requirement[] = [];
      const { numerator, denominator } = constraint;
      if (constraint.min !== undefined) out.push({ coefficients: ratioRow(constraint.min), sense: '>=', rhs: 0, means: { kind: 'ratio', numerator, denominator, side: 'min', ratio: constraint.min } });
      if (constraint.max !== undefined) out.push({ coefficients: ratioRow(constraint.max), sense: '<=', rhs: 0, means: { kind: 'ratio', numerator, denominator, side: 'max', ratio: constraint.max } });
      return out;
    }
    default: {
      const unknown: never = constraint;
      throw new PlanningRefused({ kind: 'unknownConstraintKind', given: (unknown as { kind?: unknown }).kind });
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
export function requirementsOfAll(channels: PlanningChannel[], constraints: PlanConstraint[]): Requirement[] {
  const dense = constraints.filter((c) => c.kind === 'share' || c.kind === 'ratio');
  if (dense.length > MAX_SHARE_AND_RATIO_CONSTRAINTS) {
    throw new PlanningRefused({ kind: 'tooManyDenseConstraints', count: dense.length, most: MAX_SHARE_AND_RATIO_CONSTRAINTS });
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
  if (conflict) throw new ConflictingRequirements(conflict.map((r) => r.means));
}
