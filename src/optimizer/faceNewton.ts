/**
 * The Newton step of ./localAscent: on the face of the constraint polytope that the LP step
 * picked (the bounds and rows tight at its corner), the move that maximizes the objective's
 * quadratic model with those constraints held as equalities. At the answer this is the
 * "equal marginal returns" condition: every move along the face that keeps the held
 * constraints earns nothing to first order.
 *
 * How: the held rows, restricted to the spends not pinned at a bound, are made orthonormal
 * (Gram–Schmidt, dropping rows that repeat others: a weekly budget and a share row can say the
 * same thing), which gives both the smallest move onto the face and the projection onto it.
 * The model is then maximized along the face by projected conjugate gradients (Nocedal &
 * Wright, Algorithm 16.2), with curvature measured as differences of the exact gradient; where
 * the curvature is not concave (the S-shaped start of a curve) CG stops with what it has: the
 * model has no maximum there, and the LP step is the one to move.
 *
 * The direction it returns meets the held constraints; the others are the caller's to respect
 * (largestFeasibleStep).
 */
import { dot } from '../linearAlgebra';
import type { LinearRow } from './simplex';
import type { SmoothObjective } from './smoothObjective';

export interface FaceNewtonInput {
  objective: SmoothObjective;
  x: number[];
  gradient: number[];
  /** The LP step's corner: the constraints tight there are the face. */
  corner: number[];
  lower: number[];
  upper: number[];
  rows: LinearRow[];
  /** The largest spend in play: tolerances are relative to it. */
  scale: number;
}

/** Relative tolerance for "tight at the corner" and for rows that repeat others. */
const TIGHT = 1e-9;
/**
 * CG stops once the model's face gradient is cut tenfold (inexact Newton): the outer ascent
 * corrects the rest at its next step, and solving each model exactly only cost time (bench-style
 * runs: same plans to 1e-7 of the gain, about half the time).
 */
const CG_RESIDUAL_CUT = 0.1;

const largest = (v: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
};
const weight = (row: LinearRow) => {
  let s = 0;
  for (let i = 0; i < row.coefficients.length; i++) s += Math.abs(row.coefficients[i]);
  return s;
};

/** Orthonormal basis of the held rows over the free spends, with the move each asks for: q·d = target. */
interface FaceBasis {
  q: Float64Array[];
  target: number[];
}

function faceBasis(rows: Array<{ coefficients: Float64Array; target: number }>): FaceBasis {
  const q: Float64Array[] = [];
  const target: number[] = [];
  for (const row of rows) {
    const v = Float64Array.from(row.coefficients);
    let t = row.target;
    const size = Math.sqrt(dot(v, v));
    // Twice, as modified Gram–Schmidt needs for rows that are nearly dependent.
    for (let pass = 0; pass < 2; pass++) {
      q.forEach((qj, j) => {
        const c = dot(qj, v);
        for (let i = 0; i < v.length; i++) v[i] -= c * qj[i];
        t -= c * target[j];
      });
    }
    const left = Math.sqrt(dot(v, v));
    if (left <= TIGHT * Math.max(size, 1e-300)) continue;
    for (let i = 0; i < v.length; i++) v[i] /= left;
    q.push(v);
    target.push(t / left);
  }
  return { q, target };
}

function projectOntoFace(basis: FaceBasis, v: Float64Array): Float64Array {
  const out = Float64Array.from(v);
  for (const qj of basis.q) {
    const c = dot(qj, out);
    for (let i = 0; i < out.length; i++) out[i] -= c * qj[i];
  }
  return out;
}

/** A direction d from x onto the LP corner's face and along it to the model's best plan there (only the move onto the face when the face is a single point). */
export function faceNewtonStep(input: FaceNewtonInput): number[] {
  const { objective, x, gradient, corner, lower, upper, rows, scale } = input;
  const tol = TIGHT * scale;
  const base = new Array<number>(x.length).fill(0);
  const free: number[] = [];
  corner.forEach((y, i) => {
    if (y <= lower[i] + tol) base[i] = lower[i] - x[i];
    else if (y >= upper[i] - tol) base[i] = upper[i] - x[i];
    else free.push(i);
  });
  if (free.length === 0) return base;
  const held = rows
    .filter((row) => row.sense === '=' || Math.abs(dot(row.coefficients, corner) - row.rhs) <= tol * weight(row))
    .map((row) => ({
      coefficients: Float64Array.from(free, (i) => row.coefficients[i]),
      target: row.rhs - dot(row.coefficients, x) - dot(row.coefficients, base),
    }));
  const basis = faceBasis(held);
  if (basis.q.length >= free.length) return base;
  // The smallest move of the free spends onto the face.
  basis.q.forEach((qj, j) => free.forEach((i, k) => (base[i] += basis.target[j] * qj[k])));

  // Curvature along v from the exact gradient: H·v ≈ (∇f(x + εv) − ∇f(x)) / ε.
  const curvatureAlong = (v: number[]): number[] => {
    const size = largest(v);
    if (size === 0) return new Array<number>(v.length).fill(0);
    const eps = (1e-6 * scale) / size;
    const moved = objective.gradient(x.map((xi, i) => xi + eps * v[i]));
    return moved.map((gi, i) => (gi - gradient[i]) / eps);
  };
  const onFree = (full: number[]) => Float64Array.from(free, (i) => full[i]);
  const embed = (part: ArrayLike<number>) => {
    const full = new Array<number>(x.length).fill(0);
    free.forEach((i, k) => (full[i] = part[k]));
    return full;
  };

  // Projected CG on max m(u) = gᵤ·u + ½ uᵀHu over face directions u (H concave ⇔ B = −H positive).
  const hBase = curvatureAlong(base);
  let residual = projectOntoFace(basis, onFree(gradient.map((gi, i) => gi + hBase[i])));
  const u = new Float64Array(free.length);
  let rr = dot(residual, residual);
  const rr0 = rr;
  const p = Float64Array.from(residual);
  for (let k = 0; k < free.length - basis.q.length && rr > CG_RESIDUAL_CUT ** 2 * rr0 && rr > 0; k++) {
    const bp = onFree(curvatureAlong(embed(p))).map((h) => -h);
    const curvature = dot(p, bp);
    // Not concave along p: the model has no maximum that way. Stop with the concave part found
    // so far and leave the rest to the LP step (jumping along p as far as the bounds allow was
    // tried: it lands in other, on the bench slightly worse, local optima).
    if (!(curvature > 0)) break;
    const alpha = rr / curvature;
    for (let i = 0; i < u.length; i++) u[i] += alpha * p[i];
    const pbp = projectOntoFace(basis, bp);
    for (let i = 0; i < residual.length; i++) residual[i] -= alpha * pbp[i];
    // Re-projecting keeps rounding from drifting the residual off the face.
    residual = projectOntoFace(basis, residual);
    const rrNext = dot(residual, residual);
    const beta = rrNext / rr;
    rr = rrNext;
    for (let i = 0; i < p.length; i++) p[i] = residual[i] + beta * p[i];
  }
  free.forEach((i, k) => (base[i] += u[k]));
  return base;
}

/**
 * The largest t in [0, 1] with x + t·d meeting every bound and row (x meets them). A row the
 * direction would break at once (an equality it does not hold) gives 0.
 */
export function largestFeasibleStep(x: number[], d: number[], lower: number[], upper: number[], rows: LinearRow[], scale: number): number {
  let t = 1;
  d.forEach((di, i) => {
    if (di > 0 && Number.isFinite(upper[i])) t = Math.min(t, Math.max(0, (upper[i] - x[i]) / di));
    else if (di < 0) t = Math.min(t, Math.max(0, (lower[i] - x[i]) / di));
  });
  const size = largest(d);
  for (const row of rows) {
    const along = dot(row.coefficients, d);
    const negligible = TIGHT * weight(row) * Math.max(size, TIGHT * scale);
    if (Math.abs(along) <= negligible) continue;
    if (row.sense === '=') return 0;
    const slack = row.rhs - dot(row.coefficients, x);
    if (row.sense === '<=' && along > 0) t = Math.min(t, Math.max(0, slack / along));
    if (row.sense === '>=' && along < 0) t = Math.min(t, Math.max(0, slack / along));
  }
  return t;
}
