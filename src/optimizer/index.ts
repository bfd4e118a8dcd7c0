export { allocateBudget, type Allocation, type AllocationGoal } from './allocate';
export { maximizeSeparable, type SeparableMaximization, type SeparableMaximum } from './branchAndBound';
export { concaveEnvelope, type ResponseCurve } from './envelope';
export { hillCurve } from './hill';
export { findConflict, requirementsOf, type PlanningChannel, type Requirement } from './requirements';
export { solveLinearProgram, type LinearProgram, type LinearProgramResult, type LinearRow } from './simplex';
export { horizonContribution, type CarryOverChannel } from './carryOver';
export { improveLocally, type LocalAscentProblem, type LocalAscentResult, type SmoothObjective } from './localAscent';
export { planWeekByWeek, type PerWeekBudget, type PerWeekPlan, type PerWeekProblem } from './perWeek';
