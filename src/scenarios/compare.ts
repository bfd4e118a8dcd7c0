/**
 * "Compare with the previous one": the difference between two scenario results, usually
 * consecutive ones in a conversation (b is the newer, differences are b minus a).
 */
import type { ScenarioResult } from './evaluate';

export interface ScenarioComparison {
  weeks: { a: number; b: number };
  /** Predicted KPI over each scenario's horizon. */
  kpi: { a: number; b: number; difference: number; pct: number };
  /** Each scenario's change against the current plan. */
  delta: { a: number; b: number; difference: number };
  probabilityBetter: { a: number; b: number };
  /** Mean weekly spend per channel of each scenario's plan. */
  plan: Record<string, { a: number; b: number; difference: number }>;
  /** Media contribution per channel over each horizon. */
  contributions: Record<string, { a: number; b: number; difference: number }>;
  /** Set when the two are not like for like (different horizons or starting plans). */
  caveats: string[];
}

function side(a: Record<string, number>, b: Record<string, number>) {
  const channels = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return Object.fromEntries(channels.map((c) => [c, { a: a[c] ?? 0, b: b[c] ?? 0, difference: (b[c] ?? 0) - (a[c] ?? 0) }]));
}

const afterContribution = (r: ScenarioResult) => Object.fromEntries(Object.entries(r.contributions).map(([c, v]) => [c, v.after]));

export function compareScenarios(a: ScenarioResult, b: ScenarioResult): ScenarioComparison {
  const caveats: string[] = [];
  if (a.weeks !== b.weeks) caveats.push(`The scenarios cover different horizons (${a.weeks} and ${b.weeks} weeks), so their KPI totals are not like for like.`);
  if (Math.abs(a.before.kpi - b.before.kpi) > 1e-9 * Math.max(1, Math.abs(a.before.kpi))) {
    caveats.push('The scenarios start from different current plans or models; compare their changes against the current plan rather than their totals.');
  }
  return {
    weeks: { a: a.weeks, b: b.weeks },
    kpi: { a: a.after.kpi, b: b.after.kpi, difference: b.after.kpi - a.after.kpi, pct: a.after.kpi !== 0 ? (100 * (b.after.kpi - a.after.kpi)) / a.after.kpi : 0 },
    delta: { a: a.delta.value, b: b.delta.value, difference: b.delta.value - a.delta.value },
    probabilityBetter: { a: a.delta.probabilityBetter, b: b.delta.probabilityBetter },
    plan: side(a.after.plan, b.after.plan),
    contributions: side(afterContribution(a), afterContribution(b)),
    caveats,
  };
}
