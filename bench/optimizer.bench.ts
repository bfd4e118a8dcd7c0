/**
 * Optimizer solve time for 5, 10 and 20 channels with every constraint type (budget, bounds,
 * max change, channel and group shares, ratios), on S-shaped and concave Hill curves.
 * Target: under 50 ms for 10 channels.
 *
 * Per-week plans (13 weeks, geometric carry-over over 8 weeks, the same constraints in every
 * week), flat solve included, for a weekly and a horizon budget. Aim: under 200 ms.
 */
import { allocateBudget, type PlanningAim } from '../src/optimizer/allocate';
import { planWeekByWeek, type PerWeekBudget } from '../src/optimizer/perWeek';
import { requirementsOf, type PlanningChannel } from '../src/optimizer/requirements';
import type { PlanConstraint } from '../src/optimizer/constraints';
import { everyConstraintKind, geometricLagWeights, mixedChannel, seeded, uncertainChannel } from '../testkit/optimizer/problems';
import { recordBenchResults, timingSummary } from './record';

function problem(channelCount: number, seed: number): { channels: PlanningChannel[]; constraints: PlanConstraint[]; budget: number } {
  const random = seeded(seed);
  const channels = Array.from({ length: channelCount }, (_, i) => mixedChannel(i, random));
  const budget = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
  return { channels, constraints: everyConstraintKind(channels), budget };
}

function timeSolves(channelCount: number, problems: number): { timing: ReturnType<typeof timingSummary>; maxNodes: number; maxGap: number } {
  const samples: number[] = [];
  let maxNodes = 0;
  let maxGap = 0;
  for (let seed = 1; seed <= problems; seed++) {
    const { channels, constraints, budget } = problem(channelCount, seed);
    const started = performance.now();
    const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, constraints);
    samples.push(performance.now() - started);
    maxNodes = Math.max(maxNodes, allocation.nodes);
    maxGap = Math.max(maxGap, allocation.optimalityGap);
  }
  return { timing: timingSummary(samples), maxNodes, maxGap };
}

const DRAWS = 200;
const AIMS: Record<string, PlanningAim> = { point: { kind: 'point' }, expected: { kind: 'expected' }, safest: { kind: 'worstShare', share: 0.1 } };

/**
 * Plans on the model's uncertainty: channels with 200 draws that disagree by up to ±40% on each
 * curve's height, turning point and shape, every constraint kind, today's budget. The worst-share
 * aim plans on 100 of the draws (RISK_DRAWS) to a proven gap of 0.1% (RISK_GAP).
 */
function timeAims(channelCount: number, problems: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, aim] of Object.entries(AIMS)) {
    const samples: number[] = [];
    let maxGap = 0;
    let maxNodes = 0;
    for (let seed = 1; seed <= problems; seed++) {
      const random = seeded(seed);
      const channels = Array.from({ length: channelCount }, (_, i) => uncertainChannel(i, random, DRAWS));
      const budget = channels.reduce((s, c) => s + c.currentWeeklySpend, 0);
      const started = performance.now();
      const allocation = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, everyConstraintKind(channels), aim);
      samples.push(performance.now() - started);
      maxGap = Math.max(maxGap, allocation.optimalityGap);
      maxNodes = Math.max(maxNodes, allocation.nodes);
    }
    out[name] = { timing: timingSummary(samples), maxGap, maxNodes };
  }
  return out;
}

const WEEKS = 13;
const MAX_LAG = 8;

/** Flat solve then per-week refinement, as `runOptimization` with `perWeek` does it. */
function timePerWeek(channelCount: number, problems: number, per: PerWeekBudget['per']) {
  const samples: number[] = [];
  let maxIterations = 0;
  let unconverged = 0;
  let meanGainPct = 0;
  for (let seed = 1; seed <= problems; seed++) {
    const { channels, constraints, budget } = problem(channelCount, seed);
    const random = seeded(1000 + seed);
    const carrying = channels.map((c) => ({ ...c, carryOver: { lagWeights: geometricLagWeights(0.2 + 0.5 * random(), MAX_LAG), history: new Array<number>(MAX_LAG).fill(c.currentWeeklySpend) } }));
    const started = performance.now();
    const flat = allocateBudget(channels, { kind: 'maxContribution', weeklyBudget: budget }, constraints);
    const plan = planWeekByWeek({
      channels: carrying,
      weeks: WEEKS,
      requirements: constraints.flatMap((c) => requirementsOf(channels, c)),
      budget: per === 'week' ? { per, amount: budget } : { per, amount: WEEKS * budget },
      flatWeeklySpend: channels.map((c) => flat.weeklySpend[c.name]),
    });
    samples.push(performance.now() - started);
    maxIterations = Math.max(maxIterations, plan.iterations);
    if (!plan.converged) unconverged++;
    meanGainPct += (100 * (plan.contribution - plan.flatContribution)) / plan.flatContribution / problems;
  }
  return { timing: timingSummary(samples), maxIterations, unconverged, meanGainOverFlatPct: Math.round(meanGainPct * 1000) / 1000 };
}

export async function run(): Promise<void> {
  timeSolves(10, 5); // warm-up
  const figures: Record<string, unknown> = {};
  for (const n of [5, 10, 20]) figures[`maxKpi_${n}ch_allConstraints`] = timeSolves(n, n === 20 ? 15 : 30);
  const target = problem(10, 7);
  const best = allocateBudget(target.channels, { kind: 'maxContribution', weeklyBudget: target.budget }, target.constraints);
  const targetSamples: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    allocateBudget(target.channels, { kind: 'minCostForContribution', weeklyContribution: best.weeklyContribution * 0.9 }, target.constraints);
    targetSamples.push(performance.now() - started);
  }
  figures.minCostForTarget_10ch_allConstraints = timingSummary(targetSamples);
  figures.targetMs10Channels = 50;
  timePerWeek(5, 2, 'week'); // warm-up
  for (const n of [5, 10]) {
    for (const per of ['week', 'horizon'] as const) figures[`perWeek_${n}ch_${WEEKS}w_budgetPer${per === 'week' ? 'Week' : 'Horizon'}`] = timePerWeek(n, 10, per);
  }
  figures.targetMsPerWeek10Channels = 200;
  for (const n of [7, 10]) figures[`aims_${n}ch_${DRAWS}draws_allConstraints`] = timeAims(n, 5);
  recordBenchResults('optimizer', figures);
  process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
}
