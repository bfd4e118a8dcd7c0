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
import { checkDeadline } from '../deadline';
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
  /** Where tangents start: the touch point for one curve, lo for several. */
  anchor: number;
  points: number[];
  /** Every draw's envelope value and slope, by point (they never change on this interval). */
  atPoint: Map<number, { values: Float64Array; slopes: Float64Array }>;
}

interface Box {
  parts: ChannelPart[];
  bound: number;
  /**
   * Worst-share aim (unused for the mean): the weights' running mean, and the mean of the draws'
   * envelope totals at the plans met on this box over `rounds` rounds of play (./relaxWorstShare).
   */
  play?: { weights: Float64Array; meanTotals: Float64Array; rounds: number };
}

interface Relaxation {
  x: number[];
  bound: number;
  /** The draw weights of the over-estimates that gave the bound, and those over-estimates per channel. */
  weights: Float64Array;
  overestimates: TangentOverestimate[];
  /** Other plans met on the way (the worst-share relaxation solves several LPs). */
  alsoMet: number[][];
}

/** Per channel, how much the relaxation over-estimates at its plan: the tangents' share and the envelopes' share. */
function loosenessAt(channels: ResponseCurve[][], box: Box, relaxation: Relaxation): { tangentGap: number[]; envelopeGap: number[] } {
  const { x, weights, overestimates } = relaxation;
  const envelope = x.map((xi, i) => weighted(weights, (d) => envelopeValue(channels[i][d], box.parts[i].envelopes[d], xi)));
  return {
    tangentGap: x.map((xi, i) => piecesValue(overestimates[i], box.parts[i], xi) - envelope[i]),
    envelopeGap: x.map((xi, i) => envelope[i] - weighted(weights, (d) => channels[i][d].contribution(xi))),
  };
}

/**
 * The mean of the worst `share` of the values (fractional at the edge), which is what
 * Rockafellar and Uryasev's max_t t − Σ(t − v)⁺/(share·D) attains.
 */
export function worstShareMean(values: ArrayLike<number>, share: number): number {
  const weights = tailWeights(values, share);
  let total = 0;
  for (let d = 0; d < values.length; d++) total += weights[d] * values[d];
  return total;
}

/** Weights of the draws in the worst `share` (each 1/(share·D), fractional at the edge; ties broken by index). */
function tailWeights(values: ArrayLike<number>, share: number): Float64Array {
  const order = Array.from(values, (_, d) => d).sort((a, b) => values[a] - values[b] || a - b);
  const k = share * values.length;
  const weights = new Float64Array(values.length);
  let taken = 0;
  for (const d of order) {
    if (taken >= k) break;
    const w = Math.min(1, k - taken);
    weights[d] = w / k;
    taken += w;
  }
  return weights;
}

/**
 * The tangent points of a new interval. One curve: its straight start (the tangent at the
 * touch point) and even points after it, as the single-curve envelope needs. Several draws:
 * their touch points differ, so even points over the whole interval.
 */
function initialPoints(anchor: number, hi: number, inherited: number[]): number[] {
  const points = [anchor];
  for (let k = 1; k <= INITIAL_TANGENTS; k++) points.push(anchor + ((hi - anchor) * k) / INITIAL_TANGENTS);
  const kept = inherited.filter((t) => t > anchor && t <= hi);
  return [...new Set([...kept, ...points])].sort((a, b) => a - b);
}

function makePart(draws: ResponseCurve[], lo: number, hi: number, inherited: number[]): ChannelPart {
  const envelopes = draws.map((curve) => concaveEnvelope(curve, lo, hi));
  const anchor = envelopes.length === 1 ? envelopes[0].touch : lo;
  return { lo, hi, envelopes, anchor, points: initialPoints(anchor, hi, inherited), atPoint: new Map() };
}

function drawsAt(draws: ResponseCurve[], part: ChannelPart, at: number) {
  let cached = part.atPoint.get(at);
  if (!cached) {
    cached = {
      values: Float64Array.from(draws, (c, d) => envelopeValue(c, part.envelopes[d], at)),
      slopes: Float64Array.from(draws, (c, d) => envelopeSlope(c, part.envelopes[d], at)),
    };
    part.atPoint.set(at, cached);
  }
  return cached;
}

/**
 * The tangent at a point of the draws' weighted mean envelope: a weighted mean of the draws'
 * envelopes is concave and lies above the same mean of their curves, so its tangents bound that
 * mean even where it (a sum of S-curves turning at different spends) bends several times. Null
 * where a weighted draw rises vertically (Hill with shape < 1 at zero): no finite tangent there.
 */
function weightedLine(draws: ResponseCurve[], part: ChannelPart, at: number, weights: Float64Array): TangentLine | null {
  const { values, slopes } = drawsAt(draws, part, at);
  let value = 0;
  let slope = 0;
  for (let d = 0; d < weights.length; d++) {
    if (weights[d] === 0) continue;
    value += weights[d] * values[d];
    slope += weights[d] * slopes[d];
  }
  return Number.isFinite(slope) ? { at, value, slope } : null;
}

function weightedOverestimate(draws: ResponseCurve[], part: ChannelPart, weights: Float64Array): TangentOverestimate {
  let lines = part.points.flatMap((t) => weightedLine(draws, part, t, weights) ?? []);
  // Only vertical starts among the points: the tangent at the far end still bounds the curve.
  if (lines.length === 0) lines = [weightedLine(draws, part, part.hi, weights) ?? []].flat();
  const atLo = part.envelopes.reduce((s, env, d) => s + weights[d] * env.contributionAtLo, 0);
  return overestimateFromLines(lines, part.lo, part.hi, atLo);
}

const weighted = (weights: Float64Array, value: (d: number) => number) => {
  let s = 0;
  for (let d = 0; d < weights.length; d++) if (weights[d] !== 0) s += weights[d] * value(d);
  return s;
};

/**
 * The relaxation for a weighted mean of the draws: each channel's weighted mean envelope
 * replaced by its tangents, one LP whose columns are the tangents' pieces.
 */
function relaxWeighted(channels: ResponseCurve[][], box: Box, rows: LinearRow[], weights: Float64Array): Relaxation | null {
  const overestimates = channels.map((draws, i) => weightedOverestimate(draws, box.parts[i], weights));
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
    box.parts.forEach((part, i) => (rhs -= row.coefficients[i] * part.lo));
    return { coefficients: owner.map((i) => row.coefficients[i]), sense: row.sense, rhs };
  });
  const result = solveLinearProgram({ cost, rows: lpRows, lower: new Array<number>(cost.length).fill(0), upper });
  if (result.status !== 'optimal') return null;
  const x = box.parts.map((p) => p.lo);
  result.x.forEach((y, column) => (x[owner[column]] += y));
  for (let i = 0; i < x.length; i++) x[i] = Math.min(box.parts[i].hi, Math.max(box.parts[i].lo, x[i]));
  const atLo = overestimates.reduce((s, over) => s + over.start, 0);
  return { x, bound: atLo - result.value, weights, overestimates, alsoMet: [] };
}

/** Every draw's total minus its base at a plan. */
function drawTotals(channels: ResponseCurve[][], base: number[], x: number[]): Float64Array {
  return Float64Array.from(base, (b, d) => channels.reduce((s, draws, i) => s + draws[d].contribution(x[i]), -b));
}

/** Dual iterations on one box before its bound is taken as it stands (it is sound at every iteration). */
const MAX_DUAL_ROUNDS = 4;

/** Every draw's envelope total minus its base at a plan of the box: what the relaxation credits each draw there. */
function envelopeTotals(channels: ResponseCurve[][], base: number[], box: Box, x: number[]): Float64Array {
  return Float64Array.from(base, (b, d) => channels.reduce((s, draws, i) => s + envelopeValue(draws[d], box.parts[i].envelopes[d], x[i]), -b));
}

/**
 * The relaxation for the worst-share mean. CVaR is the least weighted mean over weights q with
 * every q_d at most 1/(share·D) and summing to 1, so for every such q the best plan for the
 * q-weighted mean (minus the weighted base) bounds the box's best worst-share mean from above
 * (weak duality), and that is the mean relaxation with weights q: a sound bound at every q. With
 * the envelopes in place of the curves the problem is concave, so the least such bound is the
 * relaxation's optimum (Sion's minimax theorem). It is approached by fictitious play: the plan
 * answers the weights' running mean, the weights answer (as the worst share) the mean of the
 * draws' envelope totals at the plans so far, whose worst-share mean is a value the relaxation
 * reaches at least (the envelopes and CVaR are concave), so the two bracket the relaxation's
 * optimum. The box keeps the least bound met; the plans met are candidates for the best answer.
 * (A Kelley master LP on q was tried first: degenerate, the simplex cycled on it.)
 */
function relaxWorstShare(
  channels: ResponseCurve[][],
  aim: Extract<DrawAim, { kind: 'cvar' }>,
  box: Box,
  rows: LinearRow[],
  /** The best answer's value so far and the gap allowed above it. */
  standing: () => { value: number; gap: number },
): Relaxation | null {
  const drawCount = aim.base.length;
  // The play goes on where the box's last relaxation left it (the tangents may have been refined since: the bounds stay sound).
  const play = box.play as NonNullable<Box['play']>;
  let best: Relaxation | null = null;
  const met: number[][] = [];
  for (let k = 0; k < MAX_DUAL_ROUNDS; k++) {
    const relaxation = relaxWeighted(channels, box, rows, play.weights);
    if (!relaxation) return null;
    const bound = relaxation.bound - weighted(play.weights, (d) => aim.base[d]);
    met.push(relaxation.x);
    if (!best || bound < best.bound) best = { ...relaxation, weights: Float64Array.from(play.weights), bound };
    const totals = envelopeTotals(channels, aim.base, box, relaxation.x);
    play.rounds++;
    for (let d = 0; d < drawCount; d++) play.meanTotals[d] += (totals[d] - play.meanTotals[d]) / play.rounds;
    const { value, gap } = standing();
    // The box can go, or its relaxation is solved to within the gap: more rounds cannot change what happens to it.
    if (best.bound <= value + gap || best.bound - worstShareMean(play.meanTotals, aim.share) <= 0.5 * gap) break;
    const answer = tailWeights(play.meanTotals, aim.share);
    for (let d = 0; d < drawCount; d++) play.weights[d] += (answer[d] - play.weights[d]) / (play.rounds + 1);
  }
  // The best plan is the relaxation's own x: listed once, not scored again as a plan also met.
  const chosen = best as Relaxation | null;
  return chosen && { ...chosen, alsoMet: met.filter((x) => x !== chosen.x) };
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
    // A child inherits the tangents the parent added, not its anchor: the child's own anchor replaces it.
    const parent = box.parts[channel];
    parts[channel] = makePart(channels[channel], childLo, childHi, parent.points.filter((t) => t !== parent.anchor));
    // A child starts playing from the parent's weights; the totals met were the parent's envelopes'.
    const play = box.play && { weights: Float64Array.from(box.play.weights), meanTotals: new Float64Array(box.play.weights.length), rounds: 0 };
    return { parts, bound, play };
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
const meanCurveValue = (draws: ResponseCurve[], x: number) => draws.reduce((s, c) => s + c.contribution(x), 0) / draws.length;

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
  const uniform = new Float64Array(drawCount).fill(1 / drawCount);
  const standing = () => ({ value: best?.value ?? -Infinity, gap: gapAllowed() });
  const relax = (box: Box) => (aim.kind === 'mean' ? relaxWeighted(channels, box, rows, uniform) : relaxWorstShare(channels, aim, box, rows, standing));

  let best: { x: number[]; value: number; mean: number } | null = null;
  const gapAllowed = () => relativeGap * Math.max(Math.abs(best?.mean ?? 0), 1e-9);
  const queue = new BoxQueue();
  // The worst-share relaxation starts from the weights of the draws that are worst at the middle of the box.
  const middle = lower.map((l, i) => 0.5 * (l + upper[i]));
  const play = aim.kind === 'cvar' ? { weights: tailWeights(drawTotals(channels, aim.base, middle), aim.share), meanTotals: new Float64Array(aim.base.length), rounds: 0 } : undefined;
  queue.push({ parts: channels.map((draws, i) => makePart(draws, lower[i], upper[i], [])), bound: Infinity, play });

  let nodes = 0;
  // The highest bound among discarded boxes: with the open boxes it proves how close the answer is.
  let discardedBound = -Infinity;
  while (queue.size > 0 && nodes < maxNodes) {
    const top = queue.peek() as Box;
    if (best && top.bound <= best.value + gapAllowed()) break;
    const box = queue.pop() as Box;
    nodes++;
    checkDeadline();
    for (let round = 0; ; round++) {
      const relaxation = relax(box);
      if (!relaxation) break;
      box.bound = Math.min(box.bound, relaxation.bound);
      for (const x of [relaxation.x, ...relaxation.alsoMet]) {
        const value = objective(x);
        if (!best || value > best.value) best = { x, value, mean: meanTotal(x) };
      }
      if (box.bound <= standing().value + gapAllowed()) {
        discardedBound = Math.max(discardedBound, box.bound);
        break;
      }
      const { tangentGap, envelopeGap } = loosenessAt(channels, box, relaxation);
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
