/**
 * Local improvement of a feasible plan for a smooth objective that is NOT separable (spend in
 * one week earns in later weeks through carry-over), under linear constraints.
 *
 * Method: sequential linear-then-quadratic steps (SLQP, as in Fletcher & Sainz de la Maza and
 * Byrd et al.). Each iteration:
 * 1. LP step. The objective is replaced by its exact linearization g·y and the simplex finds the
 *    best y meeting every constraint within a box of radius r around x. Its gain measures how
 *    far from stationary x is, and the constraints tight at y are the "face" the plan is heading
 *    for: the LP does the combinatorics (which bounds and rows to hold, which to release),
 *    exactly and robustly under degenerate constraints.
 * 2. Newton step on that face (./faceNewton): the best move of the objective's quadratic model
 *    with those constraints held as equalities, curvature from differences of the exact gradient.
 *    Where the LP step alone zigzags between corners of its box towards an interior optimum
 *    (linear convergence at best: the former method stopped on its 150-iteration cap in half of
 *    the 10-channel bench runs), the Newton step lands on the equal-marginal-return plan of the
 *    face in a few steps.
 * Both steps are cut back to stay feasible and searched along on the exact objective; the
 * better one is taken.
 *
 * Stop (KKT-style): when no feasible move of at most KKT_RADIUS of the scale in every spend
 * pays, by the linearization, more than KKT_GAIN of the objective. The LP's gain v(r) in a box
 * of radius r is concave in r with v(0) = 0, so v(ρ) ≤ v(r)·max(1, ρ/r): the LP of any radius
 * certifies the stop without solving another one.
 *
 * Guarantees, honestly: every accepted step is feasible (up to LP and floating rounding) and
 * raises the objective, so the result is never worse than the start. `converged` means the KKT
 * certificate above holds: a first-order stationary plan within tolerance. It is a LOCAL method:
 * with S-shaped curves the objective is not concave and a better plan far away may exist.
 * Callers start it from a global optimum of a related problem so that "local" starts from a
 * good place.
 */
import { dot } from '../linearAlgebra';
import { faceNewtonStep, largestFeasibleStep } from './faceNewton';
import { solveLinearProgram, type LinearRow } from './simplex';
import type { SmoothObjective } from './smoothObjective';

export interface LocalAscentProblem {
  objective: SmoothObjective;
  /** A plan meeting every constraint. */
  start: number[];
  lower: number[];
  /** `Infinity` where unbounded; the trust region keeps every step finite. */
  upper: number[];
  rows: LinearRow[];
  maxIterations?: number;
}

export interface LocalAscentResult {
  x: number[];
  value: number;
  startValue: number;
  iterations: number;
  /** True when the KKT certificate holds (no small feasible move pays), false when it stopped on the iteration cap or could not move. */
  converged: boolean;
}

const DEFAULT_MAX_ITERATIONS = 150;
/** The stop: no feasible move of at most this share of the scale in each spend… */
export const KKT_RADIUS = 0.01;
/** …promises more than this share of the objective. */
export const KKT_GAIN = 1e-8;
/** Accept an LP step when it earns at least this share of the gain its linearization promised. */
const SUFFICIENT_GAIN = 0.1;
/** The same for Newton steps (Armijo's usual constant: the quadratic model, not the line, is what they trust). */
const NEWTON_SUFFICIENT_GAIN = 1e-4;
const INITIAL_RADIUS = 0.25;
const SMALLEST_RADIUS = 1e-9;

interface Step {
  x: number[];
  value: number;
  /** Share of the proposed move taken (0 when none paid). */
  taken: number;
}

/** Backtracking along x + t·direction from t = first, halving, until the gain is at least `share` of what the slope promised. */
function searchAlong(objective: SmoothObjective, x: number[], value: number, direction: number[], slope: number, first: number, share: number, clamp: (v: number, i: number) => number): Step {
  for (let t = first; t >= first / 16; t /= 2) {
    const candidate = x.map((xi, i) => clamp(xi + t * direction[i], i));
    const candidateValue = objective.value(candidate);
    if (candidateValue - value >= share * t * slope && candidateValue > value) return { x: candidate, value: candidateValue, taken: t };
  }
  return { x, value, taken: 0 };
}

export function improveLocally(problem: LocalAscentProblem): LocalAscentResult {
  const { objective, lower, upper, rows } = problem;
  const maxIterations = problem.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  // Radii are relative to the largest spend in play, so the method means the same in any currency.
  const scale = Math.max(1e-12, ...problem.start.map(Math.abs), ...upper.filter(Number.isFinite));
  const clamp = (v: number, i: number) => Math.min(upper[i], Math.max(lower[i], v));
  let x = problem.start.map(clamp);
  let value = objective.value(x);
  const startValue = value;
  let radius = INITIAL_RADIUS;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const g = objective.gradient(x);
    const r = radius * scale;
    const lp = solveLinearProgram({
      cost: g.map((gi) => -gi),
      rows,
      lower: x.map((xi, i) => Math.max(lower[i], xi - r)),
      upper: x.map((xi, i) => Math.min(upper[i], xi + r)),
    });
    // The current plan is feasible, so only rounding can make the LP fail: stop where we are.
    if (lp.status !== 'optimal') break;
    const toCorner = lp.x.map((y, i) => y - x[i]);
    const promised = dot(g, toCorner);
    if (promised * Math.max(1, KKT_RADIUS / radius) <= KKT_GAIN * Math.max(Math.abs(value), 1e-300)) {
      converged = true;
      break;
    }
    const lpStep = searchAlong(objective, x, value, toCorner, promised, 1, SUFFICIENT_GAIN, clamp);
    let best = lpStep;
    const newton = faceNewtonStep({ objective, x, gradient: g, corner: lp.x, lower, upper, rows, scale });
    const room = largestFeasibleStep(x, newton, lower, upper, rows, scale);
    const slope = dot(g, newton);
    if (room > 0 && slope > 0) {
      const newtonStep = searchAlong(objective, x, value, newton, slope, Math.min(1, room), NEWTON_SUFFICIENT_GAIN, clamp);
      if (newtonStep.value > best.value) best = newtonStep;
    }
    x = best.x;
    value = best.value;
    // The LP box follows the LP step: a full step that paid may go further next time; a short
    // or failed one means the linearization only holds closer in. When only the Newton step
    // paid, the box still shrinks, but more gently: the plan did move.
    if (lpStep.taken === 1) radius = Math.min(1, 2 * radius);
    else if (lpStep.taken > 0) radius *= lpStep.taken;
    else radius /= best.taken > 0 ? 2 : 4;
    if (radius < SMALLEST_RADIUS) break;
  }
  return { x, value, startValue, iterations, converged };
}
