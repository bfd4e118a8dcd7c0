/**
 * Global maximization of a sum of one-channel response curves under linear constraints:
 * spatial branch-and-bound on concave envelopes.
 *
 * Each node is a box of weekly spends. Its relaxation replaces every curve by a tangent
 * over-estimate of its concave envelope on the box, which is a linear program; its optimum is
 * an upper bound for the box and its plan, evaluated on the true curves, a feasible answer.
 * Where the bound is loose because of the tangents we add tangents at the plan (cutting
 * planes); where it is loose because of the envelope (a curve's convex foot) we split that
 * channel's interval at the plan, which makes the envelope exact there in both halves. Boxes
 * whose bound cannot beat the best answer by more than the gap are discarded, so the answer is
 * within `relativeGap` of the global optimum when the search ends.
 */
import { concaveEnvelope, envelopeValue, piecesValue, tangentPieces, type Envelope, type ResponseCurve, type TangentOverestimate } from './envelope';
import { polishOnActiveSet } from './polish';
import { solveLinearProgram, type LinearRow } from './simplex';

export interface SeparableMaximization {
  curves: ResponseCurve[];
  /** Finite weekly spend bounds per channel. */
  lower: number[];
  upper: number[];
  /** Linear constraints coupling channels (total, shares, ratios). */
  rows: LinearRow[];
  relativeGap?: number;
  maxNodes?: number;
}

export interface SeparableMaximum {
  x: number[];
  value: number;
  /** Proven upper bound on the optimum. */
  upperBound: number;
  nodes: number;
}

const INITIAL_TANGENTS = 6;
const MAX_CUT_ROUNDS = 40;
/** Never split a box within this fraction of its edge: progress per split stays bounded below. */
const SPLIT_MARGIN = 0.02;

interface Box {
  lo: number[];
  hi: number[];
  envelopes: Envelope[];
  tangents: number[][];
  bound: number;
}

interface Relaxation {
  x: number[];
  bound: number;
  overestimates: TangentOverestimate[];
}

function evenTangents(env: Envelope): number[] {
  const points: number[] = [];
  for (let k = 1; k <= INITIAL_TANGENTS; k++) points.push(env.touch + ((env.hi - env.touch) * k) / INITIAL_TANGENTS);
  return points;
}

function makeEnvelope(curve: ResponseCurve, lo: number, hi: number, inherited: number[]): { envelope: Envelope; tangents: number[] } {
  const envelope = concaveEnvelope(curve, lo, hi);
  const kept = inherited.filter((t) => t > envelope.touch && t <= hi);
  const tangents = [...new Set([...kept, ...evenTangents(envelope)])].sort((a, b) => a - b);
  return { envelope, tangents };
}

function relax(curves: ResponseCurve[], box: Box, rows: LinearRow[]): Relaxation | null {
  const overestimates = curves.map((curve, i) => tangentPieces(curve, box.envelopes[i], box.tangents[i]));
  const owner: number[] = [];
  const cost: number[] = [];
  const upper: number[] = [];
  overestimates.forEach((over, i) =>
    over.pieces.forEach((piece) => {
      owner.push(i);
      cost.push(-piece.slope);
      upper.push(piece.length);
    }),
  );
  const lpRows = rows.map((row) => {
    let rhs = row.rhs;
    for (let i = 0; i < curves.length; i++) rhs -= row.coefficients[i] * box.lo[i];
    return { coefficients: owner.map((i) => row.coefficients[i]), sense: row.sense, rhs };
  });
  const result = solveLinearProgram({ cost, rows: lpRows, lower: new Array<number>(cost.length).fill(0), upper });
  if (result.status !== 'optimal') return null;
  const x = [...box.lo];
  result.x.forEach((y, column) => (x[owner[column]] += y));
  for (let i = 0; i < x.length; i++) x[i] = Math.min(box.hi[i], Math.max(box.lo[i], x[i]));
  const atLo = overestimates.reduce((s, over) => s + over.start, 0);
  return { x, bound: atLo - result.value, overestimates };
}

function insertSorted(list: number[], value: number): void {
  let k = list.length;
  while (k > 0 && list[k - 1] > value) k--;
  if (list[k - 1] !== value) list.splice(k, 0, value);
}

function split(curves: ResponseCurve[], box: Box, channel: number, at: number, bound: number): Box[] {
  const width = box.hi[channel] - box.lo[channel];
  const point = Math.min(box.hi[channel] - SPLIT_MARGIN * width, Math.max(box.lo[channel] + SPLIT_MARGIN * width, at));
  return [
    [box.lo[channel], point],
    [point, box.hi[channel]],
  ].map(([lo, hi]) => {
    const child: Box = {
      lo: [...box.lo],
      hi: [...box.hi],
      envelopes: [...box.envelopes],
      tangents: box.tangents.map((t) => [...t]),
      bound,
    };
    child.lo[channel] = lo;
    child.hi[channel] = hi;
    const { envelope, tangents } = makeEnvelope(curves[channel], lo, hi, box.tangents[channel]);
    child.envelopes[channel] = envelope;
    child.tangents[channel] = tangents;
    return child;
  });
}

/** Max-heap of boxes by bound: the most promising box is explored first. */
class BoxQueue {
  private heap: Box[] = [];
  get size(): number {
    return this.heap.length;
  }
  peek(): Box | undefined {
    return this.heap[0];
  }
  push(box: Box): void {
    const h = this.heap;
    h.push(box);
    let k = h.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (h[parent].bound >= h[k].bound) break;
      [h[parent], h[k]] = [h[k], h[parent]];
      k = parent;
    }
  }
  pop(): Box | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let best = k;
        if (l < h.length && h[l].bound > h[best].bound) best = l;
        if (r < h.length && h[r].bound > h[best].bound) best = r;
        if (best === k) break;
        [h[best], h[k]] = [h[k], h[best]];
        k = best;
      }
    }
    return top;
  }
}

/**
 * Works in units where the largest spend bound is 1 and the curves' joint range is 1, so
 * that the LP tolerances mean the same for a 500-a-week and a 5-million-a-week budget.
 */
function normalized(problem: SeparableMaximization) {
  const spendUnit = Math.max(...problem.upper, 1e-12);
  const range = problem.curves.reduce((s, c, i) => s + c.contribution(problem.upper[i]) - c.contribution(problem.lower[i]), 0);
  const valueUnit = range > 0 ? range : 1;
  const curves: ResponseCurve[] = problem.curves.map((c) => ({
    contribution: (u) => c.contribution(u * spendUnit) / valueUnit,
    marginal: (u) => (c.marginal(u * spendUnit) * spendUnit) / valueUnit,
  }));
  const rows = problem.rows.map((row) => ({ ...row, rhs: row.rhs / spendUnit }));
  return {
    curves,
    rows,
    lower: problem.lower.map((x) => x / spendUnit),
    upper: problem.upper.map((x) => x / spendUnit),
    spendUnit,
    valueUnit,
  };
}

/** The global maximum, or null when the constraints leave no plan. */
export function maximizeSeparable(problem: SeparableMaximization): SeparableMaximum | null {
  const relativeGap = problem.relativeGap ?? 1e-6;
  const maxNodes = problem.maxNodes ?? 20_000;
  const { curves, rows, lower, upper, spendUnit, valueUnit } = normalized(problem);
  const total = (x: number[]) => curves.reduce((s, c, i) => s + c.contribution(x[i]), 0);

  let best: { x: number[]; value: number } | null = null;
  const gapAllowed = () => relativeGap * Math.max(Math.abs(best?.value ?? 0), 1e-9);
  const queue = new BoxQueue();
  const rootParts = curves.map((c, i) => makeEnvelope(c, lower[i], upper[i], []));
  queue.push({ lo: [...lower], hi: [...upper], envelopes: rootParts.map((p) => p.envelope), tangents: rootParts.map((p) => p.tangents), bound: Infinity });

  let nodes = 0;
  // The highest bound among discarded boxes: with the open boxes it proves how close the answer is.
  let discardedBound = -Infinity;
  while (queue.size > 0 && nodes < maxNodes) {
    const top = queue.peek() as Box;
    if (best && top.bound <= best.value + gapAllowed()) break;
    const box = queue.pop() as Box;
    nodes++;
    for (let round = 0; ; round++) {
      const relaxation = relax(curves, box, rows);
      if (!relaxation) break;
      box.bound = Math.min(box.bound, relaxation.bound);
      const value = total(relaxation.x);
      if (!best || value > best.value) best = { x: relaxation.x, value };
      if (box.bound <= best.value + gapAllowed()) {
        discardedBound = Math.max(discardedBound, box.bound);
        break;
      }

      const envelopeGap = relaxation.x.map((x, i) => envelopeValue(curves[i], box.envelopes[i], x) - curves[i].contribution(x));
      const tangentGap = relaxation.x.map((x, i) => piecesValue(relaxation.overestimates[i], box.envelopes[i], x) - envelopeValue(curves[i], box.envelopes[i], x));
      const sum = (v: number[]) => v.reduce((s, g) => s + g, 0);
      if (sum(tangentGap) > sum(envelopeGap) && round < MAX_CUT_ROUNDS) {
        const largest = Math.max(...tangentGap);
        tangentGap.forEach((gap, i) => {
          if (gap >= 0.25 * largest && gap > 0) insertSorted(box.tangents[i], relaxation.x[i]);
        });
        continue;
      }
      const looseness = envelopeGap.map((g, i) => g + tangentGap[i]);
      const channel = looseness.indexOf(Math.max(...looseness));
      for (const child of split(curves, box, channel, relaxation.x[channel], box.bound)) queue.push(child);
      break;
    }
  }
  if (!best) return null;
  const openBound = queue.peek()?.bound ?? -Infinity;
  const polished = polishOnActiveSet(curves, lower, upper, rows, best.x);
  const polishedValue = total(polished);
  if (polishedValue > best.value) best = { x: polished, value: polishedValue };
  const upperBound = Math.max(best.value, openBound, discardedBound);
  return {
    x: best.x.map((u) => u * spendUnit),
    value: best.value * valueUnit,
    upperBound: upperBound * valueUnit,
    nodes,
  };
}
