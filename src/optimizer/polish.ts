/**
 * Final local refinement of a globally located plan. Branch-and-bound lands within the gap of
 * the optimum, but its plan sits on a tangent corner, so marginal returns are only nearly
 * equal. Holding the constraints that are tight at that plan as equalities, a few Newton steps
 * on the optimality (KKT) conditions make the marginal returns equal to rounding. A step is
 * kept only when it stays feasible and raises the total, so the result is never worse than the
 * plan it started from.
 */
import { solveDense } from '../linearAlgebra';
import type { ResponseCurve } from './envelope';
import type { LinearRow } from './simplex';

const MAX_NEWTON_STEPS = 25;
const ACTIVE_TOL = 1e-9;

function rowValue(row: LinearRow, x: number[]): number {
  let v = 0;
  for (let i = 0; i < x.length; i++) v += row.coefficients[i] * x[i];
  return v;
}

export function isActive(row: LinearRow, x: number[], tol = ACTIVE_TOL): boolean {
  return row.sense === '=' || Math.abs(rowValue(row, x) - row.rhs) <= tol * Math.max(1, Math.abs(row.rhs));
}

function satisfies(row: LinearRow, x: number[]): boolean {
  const slack = rowValue(row, x) - row.rhs;
  const tol = 1e-10 * Math.max(1, Math.abs(row.rhs));
  if (row.sense === '<=') return slack <= tol;
  if (row.sense === '>=') return slack >= -tol;
  return Math.abs(slack) <= tol;
}

function curvature(curve: ResponseCurve, x: number, lo: number): number {
  const h = 1e-6 * Math.max(1e-3, Math.abs(x));
  const left = Math.max(lo, x - h);
  return (curve.marginal(x + h) - curve.marginal(left)) / (x + h - left);
}

export function polishOnActiveSet(curves: ResponseCurve[], lower: number[], upper: number[], rows: LinearRow[], start: number[]): number[] {
  const total = (x: number[]) => curves.reduce((s, c, i) => s + c.contribution(x[i]), 0);
  let x = [...start];
  let value = total(x);
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const free = x.flatMap((xi, i) => (xi - lower[i] > ACTIVE_TOL && upper[i] - xi > ACTIVE_TOL ? [i] : []));
    if (free.length === 0) break;
    const active = rows.filter((row) => isActive(row, x) && free.some((i) => row.coefficients[i] !== 0));
    const size = free.length + active.length;
    // [H A'; A 0] [dx; -lambda] = [-g; r]: H is the curvature, kept negative so the step climbs.
    const kkt = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    const rhs = new Array<number>(size).fill(0);
    free.forEach((i, p) => {
      kkt[p][p] = Math.min(curvature(curves[i], x[i], lower[i]), -1e-9);
      rhs[p] = -curves[i].marginal(x[i]);
    });
    active.forEach((row, k) => {
      free.forEach((i, p) => {
        kkt[p][free.length + k] = row.coefficients[i];
        kkt[free.length + k][p] = row.coefficients[i];
      });
      kkt[free.length + k][free.length + k] = -1e-12;
      rhs[free.length + k] = row.rhs - rowValue(row, x);
    });
    const solution = solveDense(kkt, rhs);
    if (!solution) break;
    // Stop at the first bound the step reaches (that channel is then at its bound for the next
    // step) instead of clamping, which would break the equalities the step was solved to keep.
    let reach = 1;
    free.forEach((i, p) => {
      const d = solution[p];
      if (d > 0) reach = Math.min(reach, (upper[i] - x[i]) / d);
      if (d < 0) reach = Math.min(reach, (lower[i] - x[i]) / d);
    });
    let improved = false;
    for (let t = Math.max(reach, 0); t > 1e-6 * Math.max(reach, 1e-300); t /= 2) {
      const candidate = [...x];
      free.forEach((i, p) => (candidate[i] = Math.min(upper[i], Math.max(lower[i], x[i] + t * solution[p]))));
      const candidateValue = total(candidate);
      // Rounding-level ties are accepted: near the optimum the step equalizes marginals without a visible gain.
      if (candidateValue >= value - 1e-14 * Math.abs(value) && rows.every((row) => satisfies(row, candidate))) {
        x = candidate;
        value = candidateValue;
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }
  return x;
}
