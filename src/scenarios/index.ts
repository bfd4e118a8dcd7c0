/**
 * Scenarios: what-ifs applied to the current plan, optimizations, and comparisons, all
 * answered in one result shape (ScenarioResult) that every front door shows.
 */
export { evaluateWhatIf, comparePlans, kpiDelta, rangeWarnings, type SpendOutsideSeen } from './evaluate';
export type { ScenarioResult, PlanOutcome, KpiDelta, ContributionChange, OptimizationDetails } from './evaluate';
export { runOptimization } from './optimize';
export { DRAWS_COMPARED, type AimUsed, type DrawAgreement } from './aims';
export { compareScenarios, type ScenarioComparison } from './compare';
export { applyChanges, flatPlan, meanWeeklySpend, type WeeklyPlan } from './plan';
export { ScenarioError, InfeasibleConstraintsError } from './errors';
export * from './spec';
export { spendChange, SPEND_UNCHANGED, type SpendChange } from './spendChange';
