/**
 * A small dense bounded-variable primal simplex (two phases). It is the exact engine under
 * the optimizer: the relaxations of branch-and-bound and the feasibility checks that explain
 * conflicting constraints are both linear programs with a handful of rows (total, shares,
 * ratios) and many bounded columns (one per linear piece of a response curve), which is the
 * shape a bounded-variable tableau handles best: column bounds never become rows.
 */
import { checkDeadline } from '../deadline';

export type RowSense = '<=' | '>=' | '=';

export interface LinearRow {
  /** Dense coefficients over the program's variables. */
  coefficients: ArrayLike<number>;
  sense: RowSense;
  rhs: number;
}

export interface LinearProgram {
  /** Minimized. */
  cost: ArrayLike<number>;
  rows: LinearRow[];
  /** Finite lower bounds. */
  lower: ArrayLike<number>;
  /** Upper bounds, `Infinity` for none. */
  upper: ArrayLike<number>;
}

export type LinearProgramResult =
  | { status: 'optimal'; x: number[]; value: number }
  | { status: 'infeasible' }
  | { status: 'unbounded' };

const PIVOT_TOL = 1e-9;
const OPTIMALITY_TOL = 1e-10;
/** After this many pivots without progress, Bland's rule guarantees termination. */
const DEGENERATE_STEPS_BEFORE_BLAND = 50;

interface Tableau {
  rows: Float64Array[];
  /** Values of the basic variables, one per row. */
  basicValue: Float64Array;
  basis: Int32Array;
  isBasic: Uint8Array;
  atUpper: Uint8Array;
  upper: Float64Array;
  /** Reduced costs of the current phase. */
  reduced: Float64Array;
  /** Columns that may enter the basis in the current phase. */
  mayEnter: Uint8Array;
  /** The column whose ratio test found no limit, when the last run of pivots came out unbounded. */
  lastEntering: number;
}

export function solveLinearProgram(lp: LinearProgram): LinearProgramResult {
  const n = lp.cost.length;
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(lp.lower[j])) throw new Error(`LP variable ${j} needs a finite lower bound`);
    if (lp.upper[j] < lp.lower[j] - 1e-12) return { status: 'infeasible' };
  }
  const m = lp.rows.length;
  // Shift every variable to start at 0, then add one slack per inequality and an artificial
  // wherever a slack cannot start the basis.
  const shiftedRhs = lp.rows.map((row) => {
    let rhs = row.rhs;
    for (let j = 0; j < n; j++) rhs -= row.coefficients[j] * lp.lower[j];
    return rhs;
  });
  const slackOf = new Int32Array(m).fill(-1);
  let columns = n;
  for (let i = 0; i < m; i++) if (lp.rows[i].sense !== '=') slackOf[i] = columns++;
  const rowSign = shiftedRhs.map((rhs) => (rhs < 0 ? -1 : 1));
  const slackSign = (i: number) => (lp.rows[i].sense === '<=' ? 1 : -1) * rowSign[i];
  const artificialOf = new Int32Array(m).fill(-1);
  const firstArtificial = columns;
  for (let i = 0; i < m; i++) if (slackOf[i] < 0 || slackSign(i) < 0) artificialOf[i] = columns++;

  const t: Tableau = {
    rows: [],
    basicValue: new Float64Array(m),
    basis: new Int32Array(m),
    isBasic: new Uint8Array(columns),
    atUpper: new Uint8Array(columns),
    upper: new Float64Array(columns).fill(Infinity),
    reduced: new Float64Array(columns),
    mayEnter: new Uint8Array(columns).fill(1),
    lastEntering: -1,
  };
  for (let j = 0; j < n; j++) t.upper[j] = lp.upper[j] - lp.lower[j];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(columns);
    for (let j = 0; j < n; j++) row[j] = rowSign[i] * lp.rows[i].coefficients[j];
    if (slackOf[i] >= 0) row[slackOf[i]] = slackSign(i);
    if (artificialOf[i] >= 0) row[artificialOf[i]] = 1;
    t.rows.push(row);
    t.basis[i] = artificialOf[i] >= 0 ? artificialOf[i] : slackOf[i];
    t.isBasic[t.basis[i]] = 1;
    t.basicValue[i] = Math.abs(shiftedRhs[i]);
  }

  if (columns > firstArtificial) {
    const phaseOneCost = new Float64Array(columns);
    for (let j = firstArtificial; j < columns; j++) phaseOneCost[j] = 1;
    setReducedCosts(t, phaseOneCost);
    const negligible = iteratePhaseOne(t);
    let infeasibility = 0;
    for (let i = 0; i < m; i++) if (t.basis[i] >= firstArtificial) infeasibility += t.basicValue[i];
    const scale = Math.max(1, ...shiftedRhs.map(Math.abs));
    if (infeasibility > 1e-9 * scale) return { status: 'infeasible' };
    // Artificials are pinned at zero from now on; any still basic leave at the first chance.
    for (let j = firstArtificial; j < columns; j++) {
      t.upper[j] = 0;
      t.mayEnter[j] = 0;
    }
    for (const j of negligible) if (j < firstArtificial) t.mayEnter[j] = 1;
  }

  const cost = new Float64Array(columns);
  for (let j = 0; j < n; j++) cost[j] = lp.cost[j];
  setReducedCosts(t, cost);
  if (iterate(t) === 'unbounded') return { status: 'unbounded' };

  const x = new Array<number>(n);
  for (let j = 0; j < n; j++) x[j] = lp.lower[j] + (t.atUpper[j] ? t.upper[j] : 0);
  for (let i = 0; i < m; i++) if (t.basis[i] < n) x[t.basis[i]] = lp.lower[t.basis[i]] + t.basicValue[i];
  let value = 0;
  for (let j = 0; j < n; j++) value += lp.cost[j] * x[j];
  return { status: 'optimal', x, value };
}

function setReducedCosts(t: Tableau, cost: Float64Array): void {
  t.reduced.set(cost);
  for (let i = 0; i < t.rows.length; i++) {
    const cb = cost[t.basis[i]];
    if (cb === 0) continue;
    const row = t.rows[i];
    for (let j = 0; j < row.length; j++) t.reduced[j] -= cb * row[j];
  }
}

function chooseEntering(t: Tableau, bland: boolean): number {
  let best = -1;
  let bestGain = OPTIMALITY_TOL;
  for (let j = 0; j < t.reduced.length; j++) {
    if (t.isBasic[j] || !t.mayEnter[j] || t.upper[j] === 0) continue;
    const gain = t.atUpper[j] ? t.reduced[j] : -t.reduced[j];
    if (gain > bestGain) {
      if (bland) return j;
      best = j;
      bestGain = gain;
    }
  }
  return best;
}

/**
 * Phase one minimises the artificials, which cannot go below zero, so it is never unbounded.
 * A column that seems to be (every entry under the pivot tolerance, as a ratio constraint
 * with a 1e-10 coefficient gives) can only improve it by a rounding error: it sits phase one
 * out, and the infeasibility left decides. Returns the columns that sat out.
 */
function iteratePhaseOne(t: Tableau): number[] {
  const negligible: number[] = [];
  while (iterate(t) === 'unbounded') {
    negligible.push(t.lastEntering);
    t.mayEnter[t.lastEntering] = 0;
  }
  return negligible;
}

function iterate(t: Tableau): 'optimal' | 'unbounded' {
  const m = t.rows.length;
  const maxPivots = 100 * (m + t.reduced.length) + 1000;
  let stalled = 0;
  for (let pivots = 0; pivots < maxPivots; pivots++) {
    if ((pivots & 63) === 63) checkDeadline();
    const q = chooseEntering(t, stalled > DEGENERATE_STEPS_BEFORE_BLAND);
    if (q < 0) return 'optimal';
    const direction = t.atUpper[q] ? -1 : 1;
    let step = t.upper[q];
    let leave = -1;
    let leaveToUpper = false;
    let leaveAlpha = 0;
    for (let i = 0; i < m; i++) {
      const alpha = direction * t.rows[i][q];
      let limit: number;
      if (alpha > PIVOT_TOL) limit = Math.max(0, t.basicValue[i]) / alpha;
      else if (alpha < -PIVOT_TOL && Number.isFinite(t.upper[t.basis[i]])) limit = Math.max(0, t.upper[t.basis[i]] - t.basicValue[i]) / -alpha;
      else continue;
      const clearlySmaller = limit < step - 1e-12;
      const tieButSteadier = Math.abs(limit - step) <= 1e-12 && Math.abs(alpha) > Math.abs(leaveAlpha);
      if (clearlySmaller || tieButSteadier) {
        step = limit;
        leave = i;
        leaveToUpper = alpha < 0;
        leaveAlpha = alpha;
      }
    }
    if (!Number.isFinite(step)) {
      t.lastEntering = q;
      return 'unbounded';
    }
    stalled = step > 1e-12 ? 0 : stalled + 1;
    for (let i = 0; i < m; i++) t.basicValue[i] -= step * direction * t.rows[i][q];
    if (leave < 0) {
      t.atUpper[q] = t.atUpper[q] ? 0 : 1;
      continue;
    }
    const enteringValue = t.atUpper[q] ? t.upper[q] - step : step;
    const leaving = t.basis[leave];
    t.isBasic[leaving] = 0;
    t.atUpper[leaving] = leaveToUpper ? 1 : 0;
    pivot(t, leave, q);
    t.basis[leave] = q;
    t.isBasic[q] = 1;
    t.atUpper[q] = 0;
    t.basicValue[leave] = enteringValue;
  }
  throw new Error('simplex did not converge (pivot limit reached)');
}

function pivot(t: Tableau, r: number, q: number): void {
  const pivotRow = t.rows[r];
  const inv = 1 / pivotRow[q];
  for (let j = 0; j < pivotRow.length; j++) pivotRow[j] *= inv;
  pivotRow[q] = 1;
  for (let i = 0; i < t.rows.length; i++) {
    if (i === r) continue;
    const row = t.rows[i];
    const factor = row[q];
    if (factor === 0) continue;
    for (let j = 0; j < row.length; j++) row[j] -= factor * pivotRow[j];
    row[q] = 0;
  }
  const factor = t.reduced[q];
  if (factor !== 0) {
    for (let j = 0; j < pivotRow.length; j++) t.reduced[j] -= factor * pivotRow[j];
    t.reduced[q] = 0;
  }
}
