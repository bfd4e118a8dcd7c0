/**
 * What a scenario does to total spend, and what the KPI change returns on the money added (or
 * costs per unit of money saved): figures every answer states next to the KPI change.
 */
import type { ScenarioResult } from './evaluate';

export interface SpendChange {
  /** Total weekly spend of today's plan and of the scenario's (mean week). */
  weeklyBefore: number;
  weeklyAfter: number;
  /** After minus before, per week and over the horizon. */
  weeklyChange: number;
  horizonChange: number;
  /** In percent of today's total weekly spend. */
  pct: number;
  /**
   * KPI change over the horizon per unit of money added (spend up) or saved (spend down: KPI
   * given up per unit saved, so positive when the KPI falls), with the 90% interval of the KPI
   * change divided the same way. Null when total spend does not change.
   */
  kpiPerUnit: { value: number; low: number; high: number } | null;
}

const total = (plan: Record<string, number>) => Object.values(plan).reduce((s, x) => s + x, 0);

/** Below this share of today's total (and a unit), total spend counts as unchanged (an optimizer's rounding). */
export const SPEND_UNCHANGED = 1e-4;

export function spendChange(result: Pick<ScenarioResult, 'before' | 'after' | 'weeks' | 'delta'>): SpendChange {
  const weeklyBefore = total(result.before.plan);
  const weeklyAfter = total(result.after.plan);
  const weeklyChange = weeklyAfter - weeklyBefore;
  const unchanged = Math.abs(weeklyChange) < Math.max(1, SPEND_UNCHANGED * weeklyBefore);
  const horizonChange = unchanged ? 0 : weeklyChange * result.weeks;
  // Money saved: KPI given up per unit saved is (−ΔKPI)/(−Δspend), the same quotient; dividing by a negative swaps the interval's ends.
  const per = (kpi: number) => kpi / horizonChange;
  const ends = [per(result.delta.low), per(result.delta.high)];
  return {
    weeklyBefore,
    weeklyAfter,
    weeklyChange: unchanged ? 0 : weeklyChange,
    horizonChange,
    pct: unchanged || weeklyBefore === 0 ? 0 : (100 * weeklyChange) / weeklyBefore,
    kpiPerUnit: unchanged ? null : { value: per(result.delta.value), low: Math.min(...ends), high: Math.max(...ends) },
  };
}
