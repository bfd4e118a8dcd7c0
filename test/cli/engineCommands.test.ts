import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWeeklyCsv } from '../../src/data';
import { channelSummaries, fitModel } from '../../src/mmm';
import { runMmm } from '../../testkit/helpers/processes';

/** `mmm fit`, `mmm whatif`, `mmm optimize` as their JSON contract states them (README, The `mmm` command), on the compiled CLI. */
const DATA = join(__dirname, '..', '..', 'data');
const CSV = join(DATA, 'demo_weekly.csv');
const truth = JSON.parse(readFileSync(join(DATA, 'demo_weekly_truth.json'), 'utf8')) as { channels: Record<string, { roas: number }> };
const CHANNELS = ['tv_spend', 'search_spend', 'social_spend', 'display_spend', 'radio_spend'];
/** The channel keys, as `mmm ingest` and the server name the spend columns. */
const KEYS = ['tv', 'search', 'social', 'display', 'radio'];
const dir = mkdtempSync(join(tmpdir(), 'mixwise-cli-'));
const modelFile = join(dir, 'model.json');

interface ScenarioJson {
  intent: { kind: string };
  spec: unknown;
  restatement?: string;
  weeks: number;
  before: { plan: Record<string, number>; kpi: number };
  after: { plan: Record<string, number>; kpi: number };
  delta: { value: number; pct: number; low: number; high: number; probabilityBetter: number };
  warnings: string[];
  solveMs: number;
}

const fitArgs = ['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', CHANNELS.join(','), '--controls', 'holiday,promo'];
let fit: { channels: Record<string, Record<string, number>>; metrics: Record<string, number>; fitMs: number };

beforeAll(async () => {
  const run = await runMmm([...fitArgs, '--holdout', '13', '--save', modelFile, '--json']);
  expect(run.code, run.stderr).toBe(0);
  fit = JSON.parse(run.stdout) as typeof fit;
}, 120_000);

function expectConsistent(s: ScenarioJson): void {
  expect(s.after.kpi - s.before.kpi).toBeCloseTo(s.delta.value, 6);
  expect(s.delta.pct).toBeCloseTo((100 * s.delta.value) / s.before.kpi, 6);
  expect(s.delta.low).toBeLessThanOrEqual(s.delta.high);
  expect(s.delta.probabilityBetter).toBeGreaterThanOrEqual(0);
  expect(s.delta.probabilityBetter).toBeLessThanOrEqual(1);
  expect(typeof s.solveMs).toBe('number');
  expect(Array.isArray(s.warnings)).toBe(true);
}

describe('mmm fit --json', () => {
  it('prints the contract document: the engine figures, keyed by channel as the server keys them', async () => {
    expect(Object.keys(fit.channels)).toEqual(KEYS);
    // The same seed in-process gives the same model: the CLI adds nothing and loses nothing.
    const { data } = await readWeeklyCsv(CSV, { date: 'date', kpi: 'kpi', channels: CHANNELS, controls: ['holiday', 'promo'] });
    const summaries = channelSummaries(await fitModel(data, { holdoutWeeks: 13, seed: 1 }));
    for (const [column, c] of Object.entries(fit.channels)) {
      expect(Object.keys(c).sort()).toEqual(['contributionShare', 'decay', 'halfSaturation', 'mroas', 'roas', 'roasHigh', 'roasLow']);
      expect(c.roasLow).toBeLessThanOrEqual(c.roas);
      expect(c.roas).toBeLessThanOrEqual(c.roasHigh);
      expect(c.roas).toBeCloseTo(summaries[column].roas, 9);
      expect(c.contributionShare).toBeCloseTo(summaries[column].contributionShare, 9);
      expect(truth.channels[column]).toBeDefined();
    }
    expect(fit.metrics.holdoutMape).toBeLessThan(0.08);
    expect(fit.metrics.r2).toBeGreaterThan(0.5);
    expect(fit.metrics.r2).toBeLessThanOrEqual(1);
    expect(fit.fitMs).toBeGreaterThan(0);
  });

  it('rejects a column that is not in the file, naming it, and exits non-zero', async () => {
    const run = await runMmm(['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv_spend,tiktok_spend', '--json']);
    expect(run.code).not.toBe(0);
    const out = JSON.parse(run.stdout) as { error: { message: string } };
    expect(out.error.message).toMatch(/tiktok_spend/);
  });

  it('fits with the adstock, saturation and effort asked for, as the engine does in-process with them', async () => {
    const saved = join(dir, 'weibull-logistic.json');
    const run = await runMmm([...fitArgs, '--holdout', '13', '--adstock', 'weibull', '--saturation', 'logistic', '--effort', 'quick', '--save', saved, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as typeof fit & { fit: { adstock: string; saturation: string; effort: string } };
    expect(out.fit).toMatchObject({ adstock: 'weibull', saturation: 'logistic', effort: 'quick' });
    const document = JSON.parse(readFileSync(saved, 'utf8')) as { hyperparameters: { channels: Record<string, { adstock: { type: string }; saturation: { type: string } }> }; fit: Record<string, unknown>; draws: unknown[] };
    for (const channel of KEYS) {
      expect(document.hyperparameters.channels[channel].adstock.type).toBe('weibull');
      expect(document.hyperparameters.channels[channel].saturation.type).toBe('logistic');
    }
    expect(document.fit).toMatchObject({ search: 'quick', adstock: 'weibull', saturation: 'logistic' });
    expect(document.draws).toHaveLength(100);
    const { data } = await readWeeklyCsv(CSV, { date: 'date', kpi: 'kpi', channels: CHANNELS, controls: ['holiday', 'promo'] });
    const summaries = channelSummaries(await fitModel(data, { holdoutWeeks: 13, seed: 1, adstock: 'weibull', saturation: 'logistic', search: 'quick' }));
    for (const channel of KEYS) expect(out.channels[channel].roas).toBeCloseTo(summaries[channel].roas, 9);
  });

  it('refuses choices it does not offer, naming each, as one JSON error', async () => {
    const run = await runMmm([...fitArgs, '--adstock', 'delayed', '--effort', 'max', '--json']);
    expect(run.code).not.toBe(0);
    const out = JSON.parse(run.stdout) as { error: { message: string; problems: Array<{ path: string; message: string }> } };
    expect(out.error.problems).toEqual([
      { path: '--adstock', message: 'must be geometric or weibull, got "delayed"' },
      { path: '--effort', message: 'must be quick, default or thorough, got "max"' },
    ]);
    expect(out.error.message).toMatch(/--adstock/);
  });

  it('rejects a holdout longer than the data allows', async () => {
    const run = await runMmm([...fitArgs, '--holdout', '150', '--json']);
    expect(run.code).not.toBe(0);
    expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toMatch(/holdout/i);
  });
});

describe('mmm whatif', () => {
  it('answers a question in plain words with the spec it ran', async () => {
    const run = await runMmm(['whatif', '--model', modelFile, 'what if we move 20% from TV to search?', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as ScenarioJson;
    expect(s.intent.kind).toBe('whatIf');
    expect(s.weeks).toBe(13);
    expect(s.restatement).toMatch(/20%/);
    expect(s.after.plan.tv).toBeCloseTo(0.8 * s.before.plan.tv, 6);
    expect(s.after.plan.search).toBeCloseTo(s.before.plan.search + 0.2 * s.before.plan.tv, 6);
    expectConsistent(s);
  });

  it('takes a spec as JSON and a horizon', async () => {
    const spec = { changes: [{ kind: 'scale', channel: 'radio', by: { unit: 'percent', value: 50 } }] };
    const run = await runMmm(['whatif', '--model', modelFile, '--spec', JSON.stringify(spec), '--weeks', '8', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as ScenarioJson;
    expect(s.weeks).toBe(8);
    // A spec is restated in words too, with the horizon it ran for.
    expect(s.restatement).toMatch(/Radio.*50%.*8 weeks/);
    expect(s.after.plan.radio).toBeCloseTo(1.5 * s.before.plan.radio, 6);
    expect(s.delta.value).toBeGreaterThan(0);
    expectConsistent(s);
  });

  it('refuses an impossible scenario with a clear message and no number', async () => {
    const run = await runMmm(['whatif', '--model', modelFile, 'move 150% of TV to radio', '--json']);
    expect(run.code).not.toBe(0);
    const out = JSON.parse(run.stdout) as { error: { message: string; code: string } };
    expect(out.error.code).toBe('BAD_USER_INPUT');
    expect(out.error.message).toMatch(/150%/);
  });
});

describe('mmm optimize', () => {
  it('spends exactly the weekly budget within the bounds, and beats the current mix scaled to that budget', async () => {
    const budget = 150_000;
    const run = await runMmm(['optimize', '--model', modelFile, '--budget', String(budget), '--bounds', 'tv=20000:60000,search=:70000', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const s = JSON.parse(run.stdout) as ScenarioJson;
    expect(s.intent.kind).toBe('optimize');
    const total = Object.values(s.after.plan).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(budget, 0);
    expect(s.after.plan.tv).toBeGreaterThanOrEqual(20_000 - 1e-6);
    expect(s.after.plan.tv).toBeLessThanOrEqual(60_000 + 1e-6);
    expect(s.after.plan.search).toBeLessThanOrEqual(70_000 + 1e-6);
    expectConsistent(s);

    // The current mix scaled to the budget is one feasible plan here; the optimum must not lose to it.
    const current = s.before.plan;
    const currentTotal = Object.values(current).reduce((a, b) => a + b, 0);
    const scaled = Object.fromEntries(Object.entries(current).map(([k, v]) => [k, (v * budget) / currentTotal]));
    const spec = { changes: Object.entries(scaled).map(([channel, weeklySpend]) => ({ kind: 'set', channel, weeklySpend })) };
    const specFile = join(dir, 'scaled.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const reference = JSON.parse((await runMmm(['whatif', '--model', modelFile, '--spec', JSON.stringify(spec), '--json'])).stdout) as ScenarioJson;
    expect(s.after.kpi).toBeGreaterThanOrEqual(reference.after.kpi * (1 - 1e-3));
  });

  it('plans for --aim and says so in the restatement; refuses an unknown aim', async () => {
    const safest = await runMmm(['optimize', '--model', modelFile, '--max-change', '0.3', '--aim', 'safest', '--json']);
    expect(safest.code, safest.stderr).toBe(0);
    const s = JSON.parse(safest.stdout) as ScenarioJson & { spec: { aim?: string }; restatement: string };
    expect(s.spec.aim).toBe('safest');
    expect(s.restatement).toMatch(/safest plan/);
    expectConsistent(s);
    const point = JSON.parse((await runMmm(['optimize', '--model', modelFile, '--aim', 'point', '--json'])).stdout) as { spec: { aim?: string }; restatement: string };
    expect(point.spec.aim).toBe('pointEstimate');
    expect(point.restatement).toMatch(/on the model's point estimate$/);
    const confident = JSON.parse((await runMmm(['optimize', '--model', modelFile, '--aim', 'confident', '--confidence', '0.8', '--json'])).stdout) as { spec: { aim?: string; confidence?: number }; restatement: string };
    expect(confident.spec).toMatchObject({ aim: 'confident', confidence: 0.8 });
    expect(confident.restatement).toMatch(/80% confidence/);
    const bad = await runMmm(['optimize', '--model', modelFile, '--aim', 'boldest', '--json']);
    expect(bad.code).not.toBe(0);
    expect((JSON.parse(bad.stdout) as { error: { problems: unknown[] } }).error.problems).toEqual([{ path: '--aim', message: 'must be one of expected, point, safest, confident, got "boldest"' }]);
  });

  it('explains malformed bounds', async () => {
    const run = await runMmm(['optimize', '--model', modelFile, '--bounds', 'tv=9:1', '--json']);
    expect(run.code).not.toBe(0);
    // GraphQL's words for a bounds constraint whose min is above its max.
    expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toMatch(/--bounds tv min: is above max \(9 > 1\)/);
    const unknown = JSON.parse((await runMmm(['optimize', '--model', modelFile, '--bounds', 'tv_spend=1:9', '--json'])).stdout) as { error: { message: string } };
    expect(unknown.error.message).toMatch(/"tv_spend" is not a channel of this model \(known: tv, search, social, display, radio\)/);
  });
});
