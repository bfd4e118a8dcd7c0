/**
 * Why the optimizer will not plan, as data: the scenario layer turns each into the marketer's
 * words (src/scenarios/planningWords.ts), so the optimizer stays free of wording and can be used
 * by anything that plans spend.
 */
import type { PlanConstraint, RequirementMeaning } from './constraints';

export type PlanningRefusal =
  | { kind: 'noDraws'; uneven: boolean }
  | { kind: 'worstShareOutOfRange'; share: number }
  | { kind: 'noChannels' }
  | { kind: 'channelTwice'; channel: string }
  | { kind: 'negativeCurrentSpend'; channel: string; value: number }
  | { kind: 'negativeAmount'; amount: 'weeklyBudget' | 'weeklyIncrement' | 'weeklyContributionTarget' | 'budget'; value: number }
  | { kind: 'targetOutOfReach'; weeklyTarget: number; weeklyMost: number }
  | { kind: 'unknownChannel'; channel: string; constraint: PlanConstraint['kind']; channels: string[] }
  | { kind: 'unknownGroup'; group: string; groups: string[] }
  | { kind: 'shareOfNoChannels' }
  | { kind: 'ratioOfItself'; channel: string }
  /** A bound of `constraint` (its min, max or, for max-change, fraction) that is negative, not a number, or a share above 1. */
  | { kind: 'outOfRange'; constraint: PlanConstraint; bound: 'min' | 'max' | 'fraction'; value: number; most: number }
  | { kind: 'minAboveMax'; constraint: PlanConstraint; min: number; max: number }
  | { kind: 'unknownConstraintKind'; given: unknown }
  | { kind: 'tooManyDenseConstraints'; count: number; most: number };

/** The optimizer was asked for a plan it cannot make; `refusal` says why. */
export class PlanningRefused extends Error {
  constructor(readonly refusal: PlanningRefusal) {
    super(`planning refused: ${refusal.kind}`);
    this.name = 'PlanningRefused';
  }
}

/** The requirements cannot all hold; `conflict` is a small set of them that already clash. */
export class ConflictingRequirements extends Error {
  constructor(readonly conflict: RequirementMeaning[]) {
    super(`${conflict.length} requirements conflict`);
    this.name = 'ConflictingRequirements';
  }
}
