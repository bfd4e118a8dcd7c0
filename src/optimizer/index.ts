export { allocateBudget, EXPECTED_GAP, RISK_DRAWS, RISK_GAP, type Allocation, type AllocationGoal, type PlanningAim } from './allocate';
export { maximizeOverDraws, maximizeSeparable, worstShareMean, type DrawAim, type DrawMaximization, type DrawMaximum, type SeparableMaximization, type SeparableMaximum } from './branchAndBound';
export { concaveEnvelope, type ResponseCurve } from './envelope';
export { hillCurve } from './hill';
export { findConflict, requirementsOf, type PlanningChannel, type Requirement } from './requirements';
export { solveLinearProgram, type LinearProgram, type LinearProgramResult, type LinearRow } from './simplex';
export { horizonContribution, type CarryOverChannel } from './carryOver';
export { improveLocally, type LocalAscentProblem, type LocalAscentResult, type SmoothObjective } from './localAscent';
export { planWeekByWeek, type PerWeekBudget, type PerWeekPlan, type PerWeekProblem } from './perWeek';
