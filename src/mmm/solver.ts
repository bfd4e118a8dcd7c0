/**
 * The ridge fit's constrained solve on normal equations (Gram form). The design has a dozen or
 * two columns, so everything works on p×p matrices stored row-major in Float64Arrays; the
 * Cholesky solve under it is src/linearAlgebra.ts's.
 */
import { choleskySolve } from '../linearAlgebra';

/**
 * Minimizes ½ xᵀA x − bᵀx subject to x_j ≥ 0 where `nonNegative[j]` (Lawson–Hanson active set,
 * with the unconstrained variables always free). A must be symmetric positive definite.
 */
export function solveNonNegativeQuadratic(A: Float64Array, b: Float64Array, nonNegative: boolean[]): Float64Array {
  const p = b.length;
  const x = new Float64Array(p);
  const passive = nonNegative.map((c) => !c);
  const solvePassive = (): Float64Array => {
    const indices: number[] = [];
    for (let j = 0; j < p; j++) if (passive[j]) indices.push(j);
    const z = new Float64Array(p);
    const sub = choleskySolve(A, b, p, indices);
    if (!sub) throw new Error('the design is singular: two columns carry the same information');
    indices.forEach((j, i) => (z[j] = sub[i]));
    return z;
  };
  // Usually every media coefficient comes out positive: one solve, no active-set iterations.
  const unconstrained = choleskySolve(A, b, p, Array.from({ length: p }, (_, j) => j));
  if (unconstrained && unconstrained.every((v, j) => !nonNegative[j] || v >= 0)) return unconstrained;
  x.set(solvePassive());
  let scale = 1e-300;
  for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(b[j]));
  for (let outer = 0; outer < 3 * p; outer++) {
    let entering = -1;
    let best = 1e-11 * scale;
    for (let j = 0; j < p; j++) {
      if (passive[j]) continue;
      let gradient = b[j];
      for (let m = 0; m < p; m++) gradient -= A[j * p + m] * x[m];
      if (gradient > best) {
        best = gradient;
        entering = j;
      }
    }
    if (entering < 0) break;
    passive[entering] = true;
    for (let inner = 0; inner < 3 * p; inner++) {
      const z = solvePassive();
      // Walk from the feasible x toward z until the first constrained coefficient hits zero.
      let step = 1;
      for (let j = 0; j < p; j++) {
        if (passive[j] && nonNegative[j] && z[j] <= 0) step = Math.min(step, x[j] / (x[j] - z[j]));
      }
      if (step >= 1) {
        x.set(z);
        break;
      }
      for (let j = 0; j < p; j++) {
        const blocked = passive[j] && nonNegative[j] && z[j] <= 0 && x[j] / (x[j] - z[j]) <= step * (1 + 1e-12);
        x[j] = blocked ? 0 : x[j] + step * (z[j] - x[j]);
        if (blocked || (passive[j] && nonNegative[j] && x[j] <= 0)) {
          passive[j] = false;
          x[j] = 0;
        }
      }
    }
  }
  return x;
}
