/**
 * What a plan must respect, in the optimizer's own terms: weekly spend per channel, shares of
 * the weekly total, ratios between channels. The scenario layer's optimization spec uses these
 * as its constraints; the optimizer knows nothing of who asked or how to say them.
 */
import type { RowSense } from './simplex';

export type ChannelSet = { channels: string[] } | { group: string };

export type PlanConstraint =
  /** Weekly spend bounds for one channel. */
  | { kind: 'bounds'; channel: string; min?: number; max?: number }
  /** Maximum relative change versus current weekly spend (0.2 = ±20%); `channel` unset = every channel. */
  | { kind: 'maxChange'; channel?: string; fraction: number }
  /** Share of the total weekly budget for a channel set (fractions, 0.4 = 40%). */
  | { kind: 'share'; set: ChannelSet; min?: number; max?: number }
  /** spend(numerator) >= min * spend(denominator) and/or <= max * spend(denominator). */
  | { kind: 'ratio'; numerator: string; denominator: string; min?: number; max?: number };

/**
 * What one linear requirement stands for, so that whoever explains a conflict or a binding
 * requirement can say it (src/scenarios/planningWords.ts). Amounts are weekly spend.
 */
export type RequirementMeaning =
  /** The plan's total: weekly, or over `weeks` weeks when set (a per-week plan's horizon budget). */
  | { kind: 'total'; sense: RowSense; amount: number; weeks?: number }
  | { kind: 'spend'; channel: string; side: 'min' | 'max'; amount: number }
  /** A max-change constraint's end of the channel's range around its current spend. */
  | { kind: 'change'; channel: string; side: 'min' | 'max'; amount: number; fraction: number; current: number }
  /** A marginal plan takes nothing away from today's. */
  | { kind: 'keepsCurrent'; channel: string; amount: number }
  /** `name`: the group, or the channels joined with " + ". */
  | { kind: 'share'; name: string; side: 'min' | 'max'; share: number }
  | { kind: 'ratio'; numerator: string; denominator: string; side: 'min' | 'max'; ratio: number };
