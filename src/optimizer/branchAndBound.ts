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
import { concaveEnvelope, envelopeSlope, envelopeValue, overestimateFromLines, piecesValue, type Envelope, type ResponseCurve, type TangentLine, type TangentOverestimate } from './envelope';
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

/**
 * What to maximize over the model's draws, where each draw gives every channel its own curve:
 * - `mean`: the mean over the draws of the plan's total (the expected KPI; posterior-mean curves);
 * - `cvar`: the mean of the worst `share` of draws of the plan's total minus `base[d]` (with
 *   base = today's plan under each draw: the mean gain over today's plan in the worst cases).
 */
export type DrawAim = { kind: 'mean' } | { kind: 'cvar'; share: number; base: number[] };

export interface DrawMaximization extends Omit<SeparableMaximization, 'curves'> {
  /** Per channel, its curve under each draw (the same number of draws for every channel). */
  draws: ResponseCurve[][];
  aim: DrawAim;
}

export interface DrawMaximum extends SeparableMaximum {
  /** The plan's total under the draws' mean: for `mean` the same as `value`. */
  meanValue: number;
}

const INITIAL_TANGENTS = 6;
const MAX_CUT_ROUNDS = 40;
/** Never split a box within this fraction of its edge: progress per split stays bounded below. */
const SPLIT_MARGIN = 0.02;

/** One channel on one box: its interval, every draw's concave envelope there, and where tangents are taken. */
interface ChannelPart {
  lo: number;
  hi: number;
  envelopes: Envelope[];
  points: number[];
  /** Tangent lines of the draws' mean envelope, by point (they never change on this interval). */
  lines: Map<number, TangentLine | null>;
  /** Each draw's envelope slope, by point (for the per-draw bounds of `cvar`). */
  slopes: Map<number, Float64Array>;
}

interface Box {
  parts: ChannelPart[];
  bound: number;
}

interface Relaxation {
  x: number[];
  bound: number;
  /** Per channel, what the relaxation over-estimates at x: the tangents' share and the envelopes' share. */
  tangentGap: number[];
  envelopeGap: number[];
}

/**
 * The mean of the worst `share` of the values (fractional at the edge), which is what
 * Rockafellar and Uryasev's max_t t − Σ(t − v)⁺/(share·D) attains.
 */
export function worstShareMean(values: ArrayLike<number>, share: number): number {
  const sorted = Float64Array.from(values).sort();
  const k = share * sorted.length;
  let total = 0;
  let taken = 0;
  for (let d = 0; d < sorted.length && taken < k; d++) {
    const weight = Math.min(1, k - taken);
    total += weight * sorted[d];
    taken += weight;
  }
  return total / k;
}

/**
 * The tangent points of a new interval. One curve: its straight start (the tangent at the
 * touch point) and even points after it, as the single-curve envelope needs. Several draws:
 * their touch points differ, so even points over the whole interval.
 */
function initialPoints(envelopes: Envelope[], lo: number, hi: number, inherited: number[]): number[] {
  const anchor = envelopes.length === 1 ? envelopes[0].touch : lo;
  const points = [anchor];
  for (let k = 1; k <= INITIAL_TANGENTS; k++) points.push(anchor + ((hi - anchor) * k) / INITIAL_TANGENTS);
  const kept = inherited.filter((t) => t > anchor && t <= hi);
  return [...new Set([...kept, ...points])].sort((a, b) => a - b);
}

function makePart(draws: ResponseCurve[], lo: number, hi: number, inherited: number[]): ChannelPart {
  const envelopes = draws.map((curve) => concaveEnvelope(curve, lo, hi));
  return { lo, hi, envelopes, points: initialPoints(envelopes, lo, hi, inherited), lines: new Map(), slopes: new Map() };
}

/**
 * The tangent of the draws' mean envelope at a point: the mean of the draws' envelopes is
 * concave and lies above the mean curve, so its tangents bound the mean curve even where
 * that curve (a sum of S-curves turning at different spends) bends several times. Null where
 * a draw rises vertically (Hill with shape < 1 at zero): no finite tangent there.
 */
function meanLine(draws: ResponseCurve[], part: ChannelPart, at: number): TangentLine | null {
  let cached = part.lines.get(at);
  if (cached !== undefined) return cached;
  let value = 0;
  let slope = 0;
  for (let d = 0; d < draws.length; d++) {
    value += envelopeValue(draws[d], part.envelopes[d], at);
    slope += envelopeSlope(draws[d], part.envelopes[d], at);
  }
  cached = Number.isFinite(slope) ? { at, value: value / draws.length, slope: slope / draws.length } : null;
  part.lines.set(at, cached);
  return cached;
}

function meanOverestimate(draws: ResponseCurve[], part: ChannelPart): TangentOverestimate {
  let points = part.points;
  // Only vertical starts among the points: the tangent at the far end still bounds the curve.
  if (points.every((t) => meanLine(draws, part, t) === null) && !points.includes(part.hi)) points = [...points, part.hi];
  const lines = points.flatMap((t) => meanLine(draws, part, t) ?? []);
  const atLo = part.envelopes.reduce((s, env) => s + env.contributionAtLo, 0) / draws.length;
  return overestimateFromLines(lines, part.lo, part.hi, atLo);
}

const meanEnvelopeValue = (draws: ResponseCurve[], part: ChannelPart, x: number) => draws.reduce((s, c, d) => s + envelopeValue(c, part.envelopes[d], x), 0) / draws.length;
const meanCurveValue = (draws: ResponseCurve[], x: number) => draws.reduce((s, c) => s + c.contribution(x), 0) / draws.length;

/** Constraint rows on the pieces above each channel's lower end (column `owner[k]` belongs to that channel). */
function rowsOnPieces(rows: LinearRow[], box: Box, owner: number[], extraColumns: number) {
  return rows.map((row) => {
    let rhs = row.rhs;
    box.parts.forEach((part, i) => (rhs -= row.coefficients[i] * part.lo));
    const coefficients = new Array<number>(owner.length + extraColumns).fill(0);
    owner.forEach((i, k) => (coefficients[k] = row.coefficients[i]));
    return { coefficients, sense: row.sense, rhs };
  });
}

function planFromPieces(box: Box, owner: number[], y: number[]): number[] {
  const x = box.parts.map((p) => p.lo);
  owner.forEach((i, k) => (x[i] += y[k]));
  return x.map((xi, i) => Math.min(box.parts[i].hi, Math.max(box.parts[i].lo, xi)));
}

/** The relaxation for the mean: each channel's mean envelope replaced by its tangents, one LP. */
function relaxMean(channels: ResponseCurve[][], box: Box, rows: LinearRow[]): Relaxation | null {
  const overestimates = channels.map((draws, i) => meanOverestimate(draws, box.parts[i]));
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
  const result = solveLinearProgram({ cost, rows: rowsOnPieces(rows, box, owner, 0), lower: new Array<number>(cost.length).fill(0), upper });
  if (result.status !== 'optimal') return null;
  const x = planFromPieces(box, owner, result.x);
  const atLo = overestimates.reduce((s, over) => s + over.start, 0);
  const envelope = x.map((xi, i) => meanEnvelopeValue(channels[i], box.parts[i], xi));
  return {
    x,
    bound: atLo - result.value,
    tangentGap: x.map((xi, i) => piecesValue(overestimates[i], box.parts[i], xi) - envelope[i]),
    envelopeGap: x.map((xi, i) => envelope[i] - meanCurveValue(channels[i], xi)),
  };
}

/** Every draw's envelope slope at a point of a channel's grid. */
function drawSlopes(draws: ResponseCurve[], part: ChannelPart, at: number): Float64Array {
  let cached = part.slopes.get(at);
  if (!cached) {
    cached = Float64Array.from(draws, (c, d) => envelopeSlope(c, part.envelopes[d], at));
    part.slopes.set(at, cached);
  }
  return cached;
}

/** One channel's segments in the worst-share relaxation: lengths, and each draw's slope on each. */
interface ChannelSegments {
  lengths: number[];
  slopes: Float64Array[];
  /** Each draw's value at the channel's lower end (plus the credit of a vertical start). */
  start: Float64Array;
}

/**
 * A channel's segments on its box: from each grid point to the next (the last ends at hi). On
 * each, a draw earns its envelope's slope at the segment's start, which for a concave envelope
 * is the steepest on the segment. A vertical start cannot be a slope: that draw is credited its
 * value at the first segment's end from the start (its curve rises), and slope 0 on that segment.
 */
function segmentsOf(draws: ResponseCurve[], part: ChannelPart): ChannelSegments {
  const grid = [...new Set([part.lo, ...part.points.filter((t) => t > part.lo && t < part.hi)])];
  const start = Float64Array.from(part.envelopes, (env) => env.contributionAtLo);
  const previous = new Float64Array(draws.length).fill(Infinity);
  const lengths: number[] = [];
  const slopes: Float64Array[] = [];
  grid.forEach((at, k) => {
    const end = k + 1 < grid.length ? grid[k + 1] : part.hi;
    const raw = drawSlopes(draws, part, at);
    const segment = new Float64Array(draws.length);
    for (let d = 0; d < draws.length; d++) {
      if (!Number.isFinite(raw[d])) {
        start[d] += envelopeValue(draws[d], part.envelopes[d], end) - part.envelopes[d].contributionAtLo;
      } else {
        // Rounding must not make a later segment steeper than an earlier one.
        segment[d] = Math.min(raw[d], previous[d]);
        previous[d] = segment[d];
      }
    }
    lengths.push(end - at);
    slopes.push(segment);
  });
  return { lengths, slopes, start };
}

/** A draw's over-estimate of one channel at a spend above the channel's lower end, filling the segments in order. */
function segmentValue(segments: ChannelSegments, d: number, above: number): number {
  let value = segments.start[d];
  let remaining = above;
  for (let k = 0; k < segments.lengths.length && remaining > 0; k++) {
    const used = Math.min(segments.lengths[k], remaining);
    value += used * segments.slopes[k][d];
    remaining -= used;
  }
  return value;
}

/**
 * The relaxation for the worst-share mean, in Rockafellar and Uryasev's form: maximize
 * t − Σ_d u_d/(share·D) with u_d ≥ t − Ẑ_d(x), u_d ≥ 0, where Ẑ_d over-estimates draw d's total
 * minus its base. Ẑ_d is linear in segment variables shared by all draws (./segmentsOf): filling
 * the segments in order over-estimates every draw at once, any other filling earns each draw
 * less, and the objective rises with every Ẑ_d; so the LP optimum is at least the objective of
 * the box's best plan: a sound bound.
 */
function relaxWorstShare(channels: ResponseCurve[][], aim: Extract<DrawAim, { kind: 'cvar' }>, box: Box, rows: LinearRow[]): Relaxation | null {
  const drawCount = aim.base.length;
  const segments = box.parts.map((part, i) => segmentsOf(channels[i], part));
  const owner = segments.flatMap((seg, i) => seg.lengths.map(() => i));
  const columns = segments.flatMap((seg) => seg.slopes);
  const start = aim.base.map((b, d) => segments.reduce((s, seg) => s + seg.start[d], -b));
  // Columns: the segments, then t (shifted to start below every draw's least value), then u_d.
  const tFloor = Math.min(...start) - 1;
  const tColumn = owner.length;
  const cost = new Array<number>(tColumn + 1 + drawCount).fill(0);
  cost[tColumn] = -1;
  for (let d = 0; d < drawCount; d++) cost[tColumn + 1 + d] = 1 / (aim.share * drawCount);
  const lpRows = rowsOnPieces(rows, box, owner, 1 + drawCount);
  for (let d = 0; d < drawCount; d++) {
    // u_d − t' + Σ slope·y ≥ tFloor − start_d, with t = tFloor + t'.
    const coefficients = new Array<number>(cost.length).fill(0);
    columns.forEach((slopes, k) => (coefficients[k] = slopes[d]));
    coefficients[tColumn] = -1;
    coefficients[tColumn + 1 + d] = 1;
    lpRows.push({ coefficients, sense: '>=', rhs: tFloor - start[d] });
  }
  const upper = [...segments.flatMap((seg) => seg.lengths), ...new Array<number>(1 + drawCount).fill(Infinity)];
  const result = solveLinearProgram({ cost, rows: lpRows, lower: new Array<number>(cost.length).fill(0), upper });
  if (result.status !== 'optimal') return null;
  const x = planFromPieces(box, owner, result.x.slice(0, tColumn));
  // The draws the bound is about: the worst share under the over-estimates at the plan.
  const above = x.map((xi, i) => xi - box.parts[i].lo);
  const over = aim.base.map((b, d) => segments.reduce((s, seg, i) => s + segmentValue(seg, d, above[i]), -b));
  const worst = tailWeights(over, aim.share);
  const gaps = box.parts.map((part, i) => {
    let tangent = 0;
    let envelope = 0;
    worst.forEach((w, d) => {
      const env = envelopeValue(channels[i][d], part.envelopes[d], x[i]);
      tangent += w * Math.max(0, segmentValue(segments[i], d, above[i]) - env);
      envelope += w * (env - channels[i][d].contribution(x[i]));
    });
    return { tangent, envelope };
  });
  return { x, bound: tFloor - result.value, tangentGap: gaps.map((g) => g.tangent), envelopeGap: gaps.map((g) => g.envelope) };
}

/** Weights of the draws in the worst `share` (each 1/(share·D), fractional at the edge). */
function tailWeights(values: number[], share: number): Map<number, number> {
  const order = values.map((v, d) => [v, d] as const).sort((a, b) => a[0] - b[0]);
  const k = share * values.length;
  const weights = new Map<number, number>();
  let taken = 0;
  for (const [, d] of order) {
    if (taken >= k) break;
    const w = Math.min(1, k - taken);
    weights.set(d, w / k);
    taken += w;
  }
  return weights;
}

function insertSorted(list: number[], value: number): void {
  let k = list.length;
  while (k > 0 && list[k - 1] > value) k--;
  if (list[k - 1] !== value) list.splice(k, 0, value);
}

function split(channels: ResponseCurve[][], box: Box, channel: number, at: number, bound: number): Box[] {
  const { lo, hi } = box.parts[channel];
  const width = hi - lo;
  const point = Math.min(hi - SPLIT_MARGIN * width, Math.max(lo + SPLIT_MARGIN * width, at));
  return [
    [lo, point],
    [point, hi],
  ].map(([childLo, childHi]) => {
    // The other channels keep their intervals; their cached lines stay true, their tangent points are the child's own.
    const parts = box.parts.map((part) => ({ ...part, points: [...part.points] }));
    parts[channel] = makePart(channels[channel], childLo, childHi, box.parts[channel].points);
    return { parts, bound };
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
function normalized(problem: DrawMaximization) {
  const spendUnit = Math.max(...problem.upper, 1e-12);
  const range = problem.draws.reduce((s, draws, i) => s + meanCurveValue(draws, problem.upper[i]) - meanCurveValue(draws, problem.lower[i]), 0);
  const valueUnit = range > 0 ? range : 1;
  const channels: ResponseCurve[][] = problem.draws.map((draws) =>
    draws.map((c) => ({
      contribution: (u) => c.contribution(u * spendUnit) / valueUnit,
      marginal: (u) => (c.marginal(u * spendUnit) * spendUnit) / valueUnit,
    })),
  );
  const aim: DrawAim = problem.aim.kind === 'cvar' ? { ...problem.aim, base: problem.aim.base.map((b) => b / valueUnit) } : problem.aim;
  const rows = problem.rows.map((row) => ({ ...row, rhs: row.rhs / spendUnit }));
  return {
    channels,
    aim,
    rows,
    lower: problem.lower.map((x) => x / spendUnit),
    upper: problem.upper.map((x) => x / spendUnit),
    spendUnit,
    valueUnit,
  };
}

/** The mean of the draws' curves, as one curve (a single draw is its own mean). */
function meanCurve(draws: ResponseCurve[]): ResponseCurve {
  if (draws.length === 1) return draws[0];
  return {
    contribution: (x) => meanCurveValue(draws, x),
    marginal: (x) => draws.reduce((s, c) => s + c.marginal(x), 0) / draws.length,
  };
}

/** The global maximum of a sum of one-channel curves, or null when the constraints leave no plan. */
export function maximizeSeparable(problem: SeparableMaximization): SeparableMaximum | null {
  const { curves, ...rest } = problem;
  const found = maximizeOverDraws({ ...rest, draws: curves.map((c) => [c]), aim: { kind: 'mean' } });
  return found && { x: found.x, value: found.value, upperBound: found.upperBound, nodes: found.nodes };
}

/**
 * The global maximum of an aim over the draws (mean or worst-share mean of the plan's total),
 * or null when the constraints leave no plan. The gap is relative to the plan's mean total, so
 * that a worst-share gain near zero still has a meaningful tolerance.
 */
export function maximizeOverDraws(problem: DrawMaximization): DrawMaximum | null {
  const relativeGap = problem.relativeGap ?? 1e-6;
  const maxNodes = problem.maxNodes ?? 20_000;
  const { channels, aim, rows, lower, upper, spendUnit, valueUnit } = normalized(problem);
  const means = channels.map(meanCurve);
  const meanTotal = (x: number[]) => means.reduce((s, c, i) => s + c.contribution(x[i]), 0);
  const drawCount = channels[0]?.length ?? 0;
  if (channels.some((draws) => draws.length !== drawCount || drawCount === 0)) throw new Error('every channel needs a curve for each draw');
  const objective =
    aim.kind === 'mean'
      ? meanTotal
      : (x: number[]) =>
          worstShareMean(
            aim.base.map((b, d) => channels.reduce((s, draws, i) => s + draws[d].contribution(x[i]), -b)),
            aim.share,
          );
  const relax = (box: Box) => (aim.kind === 'mean' ? relaxMean(channels, box, rows) : relaxWorstShare(channels, aim, box, rows));

  let best: { x: number[]; value: number; mean: number } | null = null;
  const gapAllowed = () => relativeGap * Math.max(Math.abs(best?.mean ?? 0), 1e-9);
  const queue = new BoxQueue();
  queue.push({ parts: channels.map((draws, i) => makePart(draws, lower[i], upper[i], [])), bound: Infinity });

  let nodes = 0;
  // The highest bound among discarded boxes: with the open boxes it proves how close the answer is.
  let discardedBound = -Infinity;
  while (queue.size > 0 && nodes < maxNodes) {
    const top = queue.peek() as Box;
    if (best && top.bound <= best.value + gapAllowed()) break;
    const box = queue.pop() as Box;
    nodes++;
    for (let round = 0; ; round++) {
      const relaxation = relax(box);
      if (!relaxation) break;
      box.bound = Math.min(box.bound, relaxation.bound);
      const value = objective(relaxation.x);
      if (!best || value > best.value) best = { x: relaxation.x, value, mean: meanTotal(relaxation.x) };
      if (box.bound <= best.value + gapAllowed()) {
        discardedBound = Math.max(discardedBound, box.bound);
        break;
      }
      const { tangentGap, envelopeGap } = relaxation;
      const sum = (v: number[]) => v.reduce((s, g) => s + g, 0);
      if (sum(tangentGap) > sum(envelopeGap) && round < MAX_CUT_ROUNDS) {
        const largest = Math.max(...tangentGap);
        tangentGap.forEach((gap, i) => {
          if (gap >= 0.25 * largest && gap > 0) insertSorted(box.parts[i].points, relaxation.x[i]);
        });
        continue;
      }
      const looseness = envelopeGap.map((g, i) => g + tangentGap[i]);
      const channel = looseness.indexOf(Math.max(...looseness));
      for (const child of split(channels, box, channel, relaxation.x[channel], box.bound)) queue.push(child);
      break;
    }
  }
  if (!best) return null;
  const openBound = queue.peek()?.bound ?? -Infinity;
  // The mean is smooth, so equalizing its marginal returns polishes the plan; the worst-share
  // mean has kinks where draws swap places, so its plan stays where the search left it.
  if (aim.kind === 'mean') {
    const polished = polishOnActiveSet(means, lower, upper, rows, best.x);
    const polishedValue = meanTotal(polished);
    if (polishedValue > best.value) best = { x: polished, value: polishedValue, mean: polishedValue };
  }
  const upperBound = Math.max(best.value, openBound, discardedBound);
  return {
    x: best.x.map((u) => u * spendUnit),
    value: best.value * valueUnit,
    upperBound: upperBound * valueUnit,
    meanValue: best.mean * valueUnit,
    nodes,
  };
}
