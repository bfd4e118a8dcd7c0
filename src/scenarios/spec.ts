/**
 * The typed contract between the question language, the scenario engine, the optimizer
 * and the three front doors (Slack, GraphQL, CLI). A spec says *what to run*; it never
 * holds results. Channel references are channel keys as the model knows them
 * (`tv`, `search`), already resolved from names and aliases by the language layer.
 *
 * Money is always in the dataset's currency units. `per` says whether an amount is weekly
 * or a total over the scenario horizon: the engine converts with `weeks`.
 */
import type { ChannelSet, PlanConstraint } from '../optimizer/constraints';

export const DEFAULT_HORIZON_WEEKS = 13;

/** An amount of spend change: a percentage of the channel's (or total) current weekly spend, or money. */
export type Amount =
  | { unit: 'percent'; value: number }
  | { unit: 'money'; value: number; per: 'week' | 'horizon' };

/** One edit of the current plan. A scenario applies its changes in order. */
export type PlanChange =
  /** Move spend out of `from` into one or more channels; `to` shares sum to 1. */
  | { kind: 'shift'; from: string; to: Array<{ channel: string; share: number }>; amount: Amount }
  /** Add to (positive) or take from (negative) a channel's spend; `-100%` turns it off. */
  | { kind: 'scale'; channel: string; by: Amount }
  /** Set a channel's weekly spend to a value; `weeks` limits it to the first N weeks of the horizon (e.g. "pause for a month"). */
  | { kind: 'set'; channel: string; weeklySpend: number; weeks?: number }
  /** Change the total budget keeping the current mix. */
  | { kind: 'scaleTotal'; by: Amount }
  /** Set the total budget keeping the current mix. */
  | { kind: 'setTotal'; amount: number; per: 'week' | 'horizon' };

export interface WhatIfSpec {
  changes: PlanChange[];
  /** Horizon in weeks, starting the week after the last observed week. */
  weeks: number;
  /** Control values over the horizon (e.g. `{ promo: 1 }`); unset controls are at their neutral value (0). */
  controls?: Record<string, number>;
}

/** A set of channels a share constraint applies to: explicit keys or a channel group (`digital`). */
export type { ChannelSet };
/** An optimization's constraints are the optimizer's own (bounds, max change, shares, ratios), as given. */
export type Constraint = PlanConstraint;

export type OptimizeObjective =
  /** Maximize predicted KPI for a budget (default: today's total). */
  | { kind: 'maxKpi'; budget?: { amount: number; per: 'week' | 'horizon' } }
  /** Reach a KPI (per week or total over the horizon) at least cost. */
  | { kind: 'minCostForTarget'; target: { kpi: number; per: 'week' | 'horizon' } }
  /** Where should the next `increment` go (on top of the current plan). */
  | { kind: 'marginal'; increment: { amount: number; per: 'week' | 'horizon' } };

/**
 * What an optimized plan is best at, given that the model is unsure of its curves:
 * - `expected`: the most KPI on average over the model's draws (its mean curves);
 * - `pointEstimate`: the most KPI on the model's single best-fitting curves;
 * - `safest`: the best average gain over today's plan in the worst 10% of the draws (CVaR);
 * - `confident`: the same for the worst (1 − confidence) of the draws. This is a tractable
 *   stand-in for "beats today's plan with that probability": when the worst (1 − confidence) of
 *   the draws gain on average, at least that share of the draws gain (in steady state).
 */
export type PlanAim = 'expected' | 'pointEstimate' | 'safest' | 'confident';
export const PLAN_AIMS: readonly PlanAim[] = ['expected', 'pointEstimate', 'safest', 'confident'];

/** The aim of an optimization that names none: the one measured to capture most of the truly achievable gain (change here). */
export const DEFAULT_AIM: PlanAim = 'expected';
/** The `confident` aim's probability when none is given. */
export const DEFAULT_CONFIDENCE = 0.9;
/** The share of worst draws the `safest` aim plans for. */
export const SAFEST_WORST_SHARE = 0.1;

export interface OptimizeSpec {
  objective: OptimizeObjective;
  constraints: Constraint[];
  weeks: number;
  /** Default DEFAULT_AIM. */
  aim?: PlanAim;
  /** For aim `confident`: the probability of beating today's plan to plan for (0.5 to 0.99; default DEFAULT_CONFIDENCE). */
  confidence?: number;
  /**
   * When true the optimizer may plan each week separately instead of one flat weekly plan,
   * scoring plans by the horizon forecast with carry-over. Constraints then hold in every week.
   * A budget `per: 'week'` is spent in full every week; `per: 'horizon'` is a total the plan may
   * spread unevenly across the weeks. Answers `maxKpi` and `marginal`, not `minCostForTarget`.
   */
  perWeek?: boolean;
}

/** The one aim a per-week plan can have: it is refined week by week on the model's point estimate. */
export const PER_WEEK_AIM: PlanAim = 'pointEstimate';

/** The aim an optimization plans for: its own, else the default (PER_WEEK_AIM for per-week plans). */
export function aimOf(spec: Pick<OptimizeSpec, 'aim' | 'perWeek'>): PlanAim {
  return spec.aim ?? (spec.perWeek ? PER_WEEK_AIM : DEFAULT_AIM);
}

/** How channels are ranked or explained: next-dollar returns, share of the KPI, or how long their effect carries over (adstock). */
export type ChannelMeasure = 'marginal' | 'contribution' | 'carryover';

/** What a message asks for. Specs are present where the intent runs a computation. */
export type Intent =
  | { kind: 'whatIf'; spec: WhatIfSpec }
  | { kind: 'optimize'; spec: OptimizeSpec }
  /** Channel figures, ranked by ROAS; by marginal ROAS ("where does the next dollar go"), by share of the KPI ("contributions") or by how long their effect lasts ("carryover", from the adstock) when `measure` says so. */
  | { kind: 'roi'; channels: string[]; measure?: ChannelMeasure }
  | { kind: 'saturation' }
  | { kind: 'responseCurve'; channel: string }
  | { kind: 'modelQuality' }
  | { kind: 'lastTrained' }
  | { kind: 'compare' }
  | { kind: 'undo' }
  /** `timezone` (IANA) is the one the cron is read in, when the asker's is known. */
  | { kind: 'schedule'; job: 'digest' | 'retrain' | 'dataQuality'; cron: string; description: string; timezone?: string }
  /** Retrain the model now ("retrain the model"); the front door runs it, `ask` only recognizes it. */
  | { kind: 'train' }
  | { kind: 'help' }
  /** The message was understood as a request but something must be asked back (ambiguous channel, missing amount). */
  | { kind: 'clarify'; question: string; /** The readings offered: each a whole question, as a Slack button asks it. */ options?: string[] }
  | { kind: 'unknown'; reason: string };
