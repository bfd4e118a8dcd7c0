/**
 * Seeded planning problems shared by the optimizer tests and bench/optimizer.bench.ts, so the
 * bench times the same kind of problem the tests prove things about.
 */
import { hillCurve } from '../hill';
import type { PlanningChannel } from '../../src/optimizer/requirements';
import type { PlanConstraint } from '../../src/optimizer/constraints';

/** Deterministic pseudo-random numbers so every run sees the same problems. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Geometric carry-over over `lags` weeks, weights summing to 1. */
export function geometricLagWeights(decay: number, lags: number): number[] {
  const raw = Array.from({ length: lags + 1 }, (_, l) => decay ** l);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** Channel `ch<i>`: every third concave, the rest S-shaped; even channels digital, odd traditional. Draws four numbers. */
export function mixedChannel(i: number, random: () => number): PlanningChannel {
  const current = 5_000 + 45_000 * random();
  return {
    name: `ch${i}`,
    response: hillCurve(current * (2 + 6 * random()), current * (0.5 + 1.5 * random()), i % 3 === 2 ? 0.8 + 0.2 * random() : 1.3 + 3 * random()),
    currentWeeklySpend: current,
    groups: [i % 2 === 0 ? 'digital' : 'traditional'],
  };
}

/**
 * Channel `ch<i>` as mixedChannel draws it, plus `draws` bootstrap-like curves: each draw scales
 * the maximum, the half-saturation and the shape by up to ±`spread` (uniformly), so the draws
 * disagree about where each curve turns, as a model's draws do on short data.
 */
export function uncertainChannel(i: number, random: () => number, draws: number, spread = 0.4): PlanningChannel {
  const current = 5_000 + 45_000 * random();
  const max = current * (2 + 6 * random());
  const half = current * (0.5 + 1.5 * random());
  const shape = i % 3 === 2 ? 0.8 + 0.2 * random() : 1.3 + 3 * random();
  const jitter = () => 1 + spread * (2 * random() - 1);
  return {
    name: `ch${i}`,
    response: hillCurve(max, half, shape),
    draws: Array.from({ length: draws }, () => hillCurve(max * jitter(), half * jitter(), Math.max(0.6, shape * jitter()))),
    currentWeeklySpend: current,
    groups: [i % 2 === 0 ? 'digital' : 'traditional'],
  };
}

/** One constraint of every kind over channels ch0…ch4 (max change first), which today's spend of these draws meets. */
export function everyConstraintKind(channels: PlanningChannel[]): PlanConstraint[] {
  return [
    { kind: 'maxChange', fraction: 0.6 },
    { kind: 'bounds', channel: 'ch0', min: channels[0].currentWeeklySpend * 0.8 },
    { kind: 'bounds', channel: 'ch1', max: channels[1].currentWeeklySpend * 1.2 },
    { kind: 'share', set: { group: 'digital' }, min: 0.3, max: 0.8 },
    { kind: 'share', set: { channels: ['ch2'] }, max: 0.4 },
    { kind: 'ratio', numerator: 'ch3', denominator: 'ch4', min: 0.5, max: 3 },
  ];
}
