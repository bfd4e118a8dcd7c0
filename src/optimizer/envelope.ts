/**
 * Concave envelopes of response curves on a spend interval, and the piecewise-linear
 * over-estimates of them that the branch-and-bound relaxations optimize.
 *
 * The curves are increasing and convex-then-concave (Hill with shape > 1, logistic), or
 * plain concave (Hill with shape <= 1). On [lo, hi] the smallest concave function above such
 * a curve is the straight line from (lo, f(lo)) to the point where that line touches the curve
 * tangentially, then the curve itself. Any concave function lies below each of its tangents,
 * so the minimum of a few tangents is a valid over-estimate: the bound stays sound however
 * coarse the tangent set is, and refining it only tightens the bound.
 */

/** A channel's steady-state weekly response: KPI contribution and its slope at a weekly spend. */
export interface ResponseCurve {
  contribution(weeklySpend: number): number;
  marginal(weeklySpend: number): number;
}

export interface Envelope {
  lo: number;
  hi: number;
  /** Where the envelope's straight start meets the curve (== lo when the curve is concave from lo). */
  touch: number;
  /** Slope of the straight start. */
  chordSlope: number;
  contributionAtLo: number;
}

const BISECTION_STEPS = 60;

/**
 * The tangent point of the line from (lo, f(lo)) to the curve. With
 * g(t) = f'(t)(t - lo) - (f(t) - f(lo)), g' = f''(t)(t - lo): g rises while the curve is
 * convex and falls once it is concave, starting from g(lo) = 0, so it changes sign exactly
 * once and bisection on its sign finds the touch point.
 */
export function concaveEnvelope(curve: ResponseCurve, lo: number, hi: number): Envelope {
  const contributionAtLo = curve.contribution(lo);
  const g = (t: number) => curve.marginal(t) * (t - lo) - (curve.contribution(t) - contributionAtLo);
  let touch: number;
  if (hi - lo <= 1e-12 * Math.max(1, hi) || g(hi) >= 0) {
    touch = hi;
  } else {
    let left = lo;
    let right = hi;
    for (let k = 0; k < BISECTION_STEPS && right - left > 1e-13 * Math.max(1, right); k++) {
      const mid = 0.5 * (left + right);
      if (g(mid) > 0) left = mid;
      else right = mid;
    }
    // The right end has g <= 0: the chord to it is at least as steep as the curve there, so
    // chord-then-curve stays concave.
    touch = right;
  }
  const chordSlope = touch > lo ? (curve.contribution(touch) - contributionAtLo) / (touch - lo) : curve.marginal(lo);
  // Near lo, g is a difference of nearly equal numbers, so bisection stops ~1e-8 of the width
  // past lo on a curve that is concave from lo; a chord under a concave curve would not bound
  // it, so such a curve is recognized by its slope (the tolerance covers the rounding of that
  // short chord, and only admits starts within rounding of the inflection point).
  if (touch > lo && touch < hi && curve.marginal(lo) >= chordSlope * (1 - 1e-6)) return { lo, hi, touch: lo, chordSlope: curve.marginal(lo), contributionAtLo };
  return { lo, hi, touch, chordSlope, contributionAtLo };
}

export function envelopeValue(curve: ResponseCurve, env: Envelope, weeklySpend: number): number {
  // At and past the touch point the envelope is the curve (this also keeps a vertical start, whose chord slope is infinite, finite).
  return weeklySpend < env.touch ? env.contributionAtLo + env.chordSlope * (weeklySpend - env.lo) : curve.contribution(weeklySpend);
}

/** One linear piece of an over-estimate: `length` more spend, each unit earning `slope`. */
export interface Piece {
  length: number;
  slope: number;
}

export interface TangentOverestimate {
  /** Its value at lo (the curve's, unless the curve starts vertically). */
  start: number;
  pieces: Piece[];
}

/** The slope of the envelope at a spend: the straight start's up to the touch point, the curve's past it. */
export function envelopeSlope(curve: ResponseCurve, env: Envelope, weeklySpend: number): number {
  return weeklySpend <= env.touch ? env.chordSlope : curve.marginal(weeklySpend);
}

/** A tangent line of a concave function: its value and slope at `at`. */
export interface TangentLine {
  at: number;
  value: number;
  slope: number;
}

/**
 * The minimum of tangent lines of one concave function on [lo, hi] (lines sorted by `at`, with
 * finite slopes), as pieces with falling slopes; `valueAtLo` stands in when there is no line.
 * Each tangent of a concave function touches it, so every line is the lowest one around its own
 * point and consecutive crossings are the breakpoints.
 */
export function overestimateFromLines(tangents: TangentLine[], lo: number, hi: number, valueAtLo: number): TangentOverestimate {
  const lines: TangentLine[] = [];
  for (const line of tangents) {
    const previous = lines.length > 0 ? lines[lines.length - 1].slope : Infinity;
    // Rounding must not let a later tangent be steeper: the pieces would stop being concave.
    const slope = Math.min(line.slope, previous);
    // Tangents with (numerically) the same slope cut nothing off.
    if (lines.length > 0 && previous - slope <= 1e-14 * Math.max(1e-300, Math.abs(slope))) continue;
    lines.push({ at: line.at, value: line.value, slope });
  }
  if (lines.length === 0) return { start: valueAtLo, pieces: [{ length: hi - lo, slope: 0 }] };
  const pieces: Piece[] = [];
  let start = lo;
  for (let k = 0; k < lines.length; k++) {
    let end = hi;
    if (k + 1 < lines.length) {
      const a = lines[k];
      const b = lines[k + 1];
      const crossing = (b.value - a.value + a.slope * a.at - b.slope * b.at) / (a.slope - b.slope);
      end = Math.min(hi, Math.max(start, crossing));
    }
    pieces.push({ length: end - start, slope: lines[k].slope });
    start = end;
  }
  return { start: lines[0].value + lines[0].slope * (lo - lines[0].at), pieces };
}

/**
 * The minimum of the tangents to the envelope at `tangentPoints` (sorted, within
 * [touch, hi]; the straight start counts as the tangent at `touch`), as pieces from lo to hi
 * with falling slopes.
 */
export function tangentPieces(curve: ResponseCurve, env: Envelope, tangentPoints: number[]): TangentOverestimate {
  const lines: TangentLine[] = [];
  // A curve rising vertically at lo (Hill with shape < 1 at zero) has no finite first tangent:
  // the later tangents alone still bound it.
  if (Number.isFinite(env.chordSlope)) lines.push({ at: env.touch, value: envelopeValue(curve, env, env.touch), slope: env.chordSlope });
  const points = lines.length === 0 && !tangentPoints.includes(env.hi) ? [...tangentPoints, env.hi] : tangentPoints;
  for (const at of points) {
    if (at <= env.touch || at > env.hi) continue;
    lines.push({ at, value: curve.contribution(at), slope: curve.marginal(at) });
  }
  return overestimateFromLines(lines, env.lo, env.hi, env.contributionAtLo);
}

/** Value of the over-estimate at a spend, from the pieces (used to measure how loose it is). */
export function piecesValue(over: TangentOverestimate, env: { lo: number }, weeklySpend: number): number {
  let value = over.start;
  let remaining = weeklySpend - env.lo;
  for (const piece of over.pieces) {
    if (remaining <= 0) break;
    const used = Math.min(piece.length, remaining);
    value += used * piece.slope;
    remaining -= used;
  }
  return value;
}
