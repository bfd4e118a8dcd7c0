import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskySolve } from '../../src/linearAlgebra';
import { solveNonNegativeQuadratic } from '../../src/mmm/solver';

/** Brute force: best objective over every choice of which constrained variables are held at zero. */
function bruteForce(A: Float64Array, b: Float64Array, nonNegative: boolean[]): number {
  const p = b.length;
  const constrained = nonNegative.flatMap((c, j) => (c ? [j] : []));
  let best = Infinity;
  for (let mask = 0; mask < 1 << constrained.length; mask++) {
    const zero = new Set(constrained.filter((_, i) => mask & (1 << i)));
    const free = Array.from({ length: p }, (_, j) => j).filter((j) => !zero.has(j));
    const sub = choleskySolve(A, b, p, free);
    if (!sub) continue;
    const x = new Float64Array(p);
    free.forEach((j, i) => (x[j] = sub[i]));
    if (free.some((j) => nonNegative[j] && x[j] < 0)) continue;
    best = Math.min(best, objective(A, b, x));
  }
  return best;
}

function objective(A: Float64Array, b: Float64Array, x: Float64Array): number {
  const p = b.length;
  let value = 0;
  for (let i = 0; i < p; i++) {
    value -= b[i] * x[i];
    for (let j = 0; j < p; j++) value += 0.5 * x[i] * A[i * p + j] * x[j];
  }
  return value;
}

describe('solveNonNegativeQuadratic', () => {
  it('matches brute force over active sets on random positive-definite problems', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1e6 }), (p, seed) => {
        let s = seed;
        const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
        const M = Array.from({ length: p * (p + 2) }, rand);
        const A = new Float64Array(p * p);
        for (let i = 0; i < p; i++)
          for (let j = 0; j < p; j++) {
            for (let k = 0; k < p + 2; k++) A[i * p + j] += M[i * (p + 2) + k] * M[j * (p + 2) + k];
            if (i === j) A[i * p + j] += 0.1;
          }
        const b = Float64Array.from({ length: p }, rand);
        const nonNegative = Array.from({ length: p }, (_, j) => j > 0);
        const x = solveNonNegativeQuadratic(A, b, nonNegative);
        expect(Array.from(x).every((v, j) => !nonNegative[j] || v >= 0)).toBe(true);
        expect(objective(A, b, x)).toBeCloseTo(bruteForce(A, b, nonNegative), 8);
      }),
    );
  });

  it('returns the plain least-squares solution when it is already non-negative', () => {
    const A = Float64Array.from([2, 0, 0, 4]);
    const b = Float64Array.from([2, 8]);
    const [x0, x1] = solveNonNegativeQuadratic(A, b, [true, true]);
    expect(x0).toBeCloseTo(1, 12);
    expect(x1).toBeCloseTo(2, 12);
  });
});
