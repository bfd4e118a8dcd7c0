/**
 * The rules a scenario's numbers must keep, with their words, whichever door they came in by:
 * GraphQL (schema/inputs/scenarioSpec.ts) and the `mmm` command (src/cliEngine.ts) check the
 * same values with these, each naming the value its own way (`input.objective.budget`,
 * `--budget`). Each rule returns what is wrong with a value, or null when it is fine.
 */

export const MAX_HORIZON_WEEKS = 104;
/** Sensible ranges: a trillion a week is beyond any media budget; anything larger is a typo or an attack. */
export const MAX_MONEY = 1e12;
export const MAX_PERCENT = 10_000;
export const MAX_RATIO = 1e6;
export const MAX_KPI = 1e15;

export function horizonProblem(weeks: number): string | null {
  return Number.isInteger(weeks) && weeks >= 1 && weeks <= MAX_HORIZON_WEEKS ? null : `must be a whole number of weeks from 1 to ${MAX_HORIZON_WEEKS}, got ${weeks}`;
}

/** A budget, a KPI target, an increment: something to spend or reach, so above 0. */
export function positiveAmountProblem(value: number, most: number = MAX_MONEY): string | null {
  return Number.isFinite(value) && value > 0 && value <= most ? null : `must be above 0 and at most ${most.toExponential()}, got ${value}`;
}

/** "No channel moves by more than this fraction of its current spend". */
export function maxChangeProblem(fraction: number): string | null {
  return Number.isFinite(fraction) && fraction >= 0 && fraction <= MAX_PERCENT / 100 ? null : `must be a fraction from 0 to ${MAX_PERCENT / 100}, got ${fraction}`;
}

export function confidenceProblem(confidence: number): string | null {
  return confidence >= 0.5 && confidence <= 0.99 ? null : `must be a probability from 0.5 to 0.99 (0.9 = 90%), got ${confidence}`;
}

/** One end of a range constraint: weekly spend (bounds), a share (fractions) or a ratio. */
export function rangeEndProblem(value: number, label: string, rule: { fractions?: boolean; max?: number }): string | null {
  const most = rule.fractions ? 1 : (rule.max ?? Infinity);
  if (!Number.isFinite(value) || value < 0 || (rule.fractions && value > 1)) return `must be ${rule.fractions ? 'a fraction from 0 to 1' : `a ${label} of 0 or more`}, got ${value}`;
  if (value > most) return `must be a ${label} of at most ${most.toExponential()}, got ${value}`;
  return null;
}

export function rangeOrderProblem(min: number | undefined, max: number | undefined): string | null {
  return min !== undefined && max !== undefined && min > max ? `is above max (${min} > ${max})` : null;
}
