/**
 * The dense linear algebra the engines share: the model's ridge solves (src/mmm) and the
 * optimizer's Newton steps and KKT polish (src/optimizer) both work on a few dozen unknowns, where
 * plain loops beat a general matrix library's allocations. Below every floor, so that both may use
 * it and the optimizer stays a leaf.
 */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solves a small dense system by Gaussian elimination with partial pivoting; null when singular. */
export function solveDense(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-14) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Solves A x = b for symmetric positive-definite A (p×p, row-major) restricted to `indices`;
 * null if not positive definite.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number, indices: number[]): Float64Array | null {
  const k = indices.length;
  const sub = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) sub[i * k + j] = A[indices[i] * p + indices[j]];
  const L = choleskyFactor(sub, k);
  if (!L) return null;
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[indices[i]];
    for (let m = 0; m < i; m++) sum -= L[i * k + m] * z[m];
    z[i] = sum / L[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let sum = z[i];
    for (let m = i + 1; m < k; m++) sum -= L[m * k + i] * z[m];
    z[i] = sum / L[i * k + i];
  }
  return z;
}

/**
 * Lower Cholesky factor of the symmetric positive-definite n×n matrix A (row-major, lower
 * triangle read), as a new array; null if A is not positive definite.
 */
export function choleskyFactor(A: ArrayLike<number>, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * n + j];
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  return L;
}

/** log det A for a symmetric positive-definite n×n matrix (row-major); −Infinity if A is not positive definite. */
export function logDeterminant(A: ArrayLike<number>, n: number): number {
  const L = choleskyFactor(A, n);
  if (!L) return -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(L[i * n + i]);
  return 2 * sum;
}
