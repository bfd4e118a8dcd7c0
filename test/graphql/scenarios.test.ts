import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, Scenario } from '../../src/entities';
import { createApiKey } from '../../src/services/apiKeys';
import { ask } from '../../src/services/ask';
import { carryoverOf } from '../../src/services/modelAnswers';
import { computeScenario, vocabularyOf } from '../../src/services/computeScenario';
import { channelsOf } from '../../src/services/datasets';
import { productionSetup } from '../../src/services/models';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';
import { failure, query } from './client';

let db: TestDatabase;
let server: RunningServer;
let analyst: string;
let demo: Dataset;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
  analyst = (await createApiKey(db.ds, 'analyst')).key;
  demo = await db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

const RESULT = 'result { restatement weeks before { kpi weeklySpend { channel amount } } after { kpi weeklySpend { channel amount } } delta { value pct low high probabilityBetter } contributions { channel before after change } optimization { binding optimalityGap } warnings }';
type Plan = { kpi: number; weeklySpend: Array<{ channel: string; amount: number }> };
type Result = { restatement: string | null; weeks: number; before: Plan; after: Plan; delta: { value: number; pct: number; low: number; high: number; probabilityBetter: number }; optimization: { binding: string[] } | null; warnings: string[] };
const spendOf = (plan: Plan) => Object.fromEntries(plan.weeklySpend.map((s) => [s.channel, s.amount]));

describe('runWhatIf', () => {
  it('returns what the shared scenario code computes, and stores it', async () => {
    const data = await query<{ runWhatIf: { id: string; kind: string; result: Result; model: { id: string } } }>(
      server.url,
      analyst,
      `mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id kind model { id } ${RESULT} } }`,
      { input: { weeks: 8, changes: [{ kind: 'SHIFT', from: 'tv', to: [{ channel: 'search' }], amount: { percent: 20 } }] } },
    );
    const { version, model } = await productionSetup(db.ds, demo.id);
    const direct = computeScenario(model, { kind: 'whatIf', spec: { weeks: 8, changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } }] } }, (await channelsOf(db.ds, demo.id)).map(vocabularyOf));
    const got = data.runWhatIf.result;
    expect(data.runWhatIf.kind).toBe('whatIf');
    expect(data.runWhatIf.model.id).toBe(version.id);
    expect(got.weeks).toBe(8);
    expect(got.delta).toEqual(direct.delta);
    // Typed inputs are restated in the words the same question gets in plain words.
    const asked = await ask(server.app, { text: 'what if we move 20% from TV to search for 8 weeks?', conversation: { kind: 'new', source: 'api' } });
    expect(asked.restatement).toMatch(/20%.*TV.*Paid Search.*8 weeks/);
    expect(got.restatement).toBe(asked.restatement);
    expect(asked.scenario?.restatement).toBe(asked.restatement);
    expect(spendOf(got.after)).toEqual(direct.after.plan);
    // 20% of TV's weekly spend moves to search: the total stays the same.
    const before = spendOf(got.before);
    const after = spendOf(got.after);
    expect(after.tv).toBeCloseTo(0.8 * before.tv, 6);
    expect(after.search).toBeCloseTo(before.search + 0.2 * before.tv, 6);
    const stored = await db.ds.getRepository(Scenario).findOneByOrFail({ id: data.runWhatIf.id });
    expect(stored.askedBy).toMatch(/^api:/);
    const again = await query<{ scenario: { result: Result } }>(server.url, analyst, `query($id: ID!) { scenario(id: $id) { ${RESULT} } }`, { id: data.runWhatIf.id });
    expect(again.scenario.result).toEqual(got);
  });

  it('names the field of a bad change in extensions', async () => {
    const err = await failure(server.url, analyst, 'mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id } }', {
      input: { changes: [{ kind: 'SCALE', channel: 'tv', amount: { percent: 10 } }, { kind: 'SET', channel: 'podcast', weeklySpend: -1 }] },
    });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.problems?.map((p) => p.path)).toEqual(['input.changes[1].channel', 'input.changes[1].weeklySpend']);
    expect(err.message).toContain('input.changes[1].channel: "podcast" is not a channel of this dataset');
  });

  it('lets GraphQL itself refuse a wrongly typed input, as BAD_USER_INPUT', async () => {
    const err = await failure(server.url, analyst, 'mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id } }', { input: { changes: [{ kind: 'GROW', channel: 'tv' }] } });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('GROW');
  });
});

describe('optimizeBudget', () => {
  it('keeps every kind of constraint', async () => {
    const constraints = [
      { kind: 'BOUNDS', channel: 'tv', min: 40000 },
      { kind: 'MAX_CHANGE', channel: 'radio', fraction: 0.5 },
      { kind: 'SHARE', group: 'digital', min: 0.3, max: 0.7 },
      { kind: 'RATIO', numerator: 'search', denominator: 'social', min: 1 },
    ];
    const data = await query<{ optimizeBudget: { result: Result } }>(server.url, analyst, `mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { ${RESULT} } }`, { input: { constraints } });
    const result = data.optimizeBudget.result;
    const before = spendOf(result.before);
    const after = spendOf(result.after);
    const total = (plan: Record<string, number>) => Object.values(plan).reduce((s, x) => s + x, 0);
    const tolerance = 1e-6 * total(before);
    expect(total(after)).toBeCloseTo(total(before), 0); // default objective: today's budget
    expect(after.tv).toBeGreaterThanOrEqual(40000 - tolerance);
    expect(Math.abs(after.radio - before.radio)).toBeLessThanOrEqual(0.5 * before.radio + tolerance);
    const digital = (after.search + after.social + after.display) / total(after);
    expect(digital).toBeGreaterThanOrEqual(0.3 - 1e-6);
    expect(digital).toBeLessThanOrEqual(0.7 + 1e-6);
    expect(after.search).toBeGreaterThanOrEqual(after.social - tolerance);
    expect(result.optimization).not.toBeNull();
    // The optimum of today's budget is at least as good as today's plan.
    expect(result.after.kpi).toBeGreaterThanOrEqual(result.before.kpi - 1e-6 * result.before.kpi);
  });

  it('explains constraints that cannot hold together as BAD_USER_INPUT', async () => {
    const err = await failure(server.url, analyst, 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', {
      input: { objective: { kind: 'MAX_KPI', budget: 50000 }, constraints: [{ kind: 'BOUNDS', channel: 'tv', min: 60000 }] },
    });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/hold/);
  });

  it('plans for the aim asked, says which in the restatement, and reports the draws\' agreement per channel', async () => {
    const AIMED = `mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { result { restatement after { weeklySpend { channel amount } } before { weeklySpend { channel amount } }
      optimization { aim confidence worstShare aimDraws aimValue drawsCompared agreement { channel planned oppositeShare } } } } }`;
    type Aimed = {
      restatement: string;
      after: Plan;
      before: Plan;
      optimization: { aim: string; confidence: number | null; worstShare: number | null; aimDraws: number; aimValue: number; drawsCompared: number; agreement: Array<{ channel: string; planned: string; oppositeShare: number }> };
    };
    const safest = (await query<{ optimizeBudget: { result: Aimed } }>(server.url, analyst, AIMED, { input: { aim: 'SAFEST', constraints: [{ kind: 'MAX_CHANGE', fraction: 0.3 }] } })).optimizeBudget.result;
    expect(safest.optimization).toMatchObject({ aim: 'SAFEST', confidence: null, worstShare: 0.1 });
    expect(safest.restatement).toMatch(/safest plan: the best average gain over today's plan in the worst 10% of the model's draws/);
    // Today's plan keeps every ±30% bound and gains nothing: the safest plan's worst-case mean gain is no lower (up to its proven gap).
    expect(safest.optimization.aimValue).toBeGreaterThanOrEqual(-1e-3 * Object.values(spendOf(safest.before)).reduce((a, b) => a + b, 0));
    const after = spendOf(safest.after);
    const before = spendOf(safest.before);
    for (const a of safest.optimization.agreement) {
      expect(a.planned).toBe(after[a.channel] > before[a.channel] ? 'more' : 'less');
      expect(a.oppositeShare).toBeGreaterThanOrEqual(0);
      expect(a.oppositeShare).toBeLessThanOrEqual(1);
    }
    expect(safest.optimization.drawsCompared).toBeGreaterThan(0);

    const confident = (await query<{ optimizeBudget: { result: Aimed } }>(server.url, analyst, AIMED, { input: { aim: 'CONFIDENT', confidence: 0.8 } })).optimizeBudget.result;
    expect(confident.optimization).toMatchObject({ aim: 'CONFIDENT', confidence: 0.8 });
    expect(confident.optimization.worstShare).toBeCloseTo(0.2, 12);
    expect(confident.restatement).toMatch(/beat today's plan with 80% confidence/);

    const byDefault = (await query<{ optimizeBudget: { result: Aimed } }>(server.url, analyst, AIMED, { input: {} })).optimizeBudget.result;
    expect(byDefault.optimization).toMatchObject({ aim: 'EXPECTED', worstShare: null });
    expect(byDefault.restatement).toMatch(/on average over the model's draws/);
  });

  it('refuses a confidence without the confident aim, or out of range, naming the field', async () => {
    const err = await failure(server.url, analyst, 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', { input: { aim: 'SAFEST', confidence: 1.2 } });
    expect(err).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'input.confidence', message: 'only meaningful with aim CONFIDENT' },
        { path: 'input.confidence', message: 'must be a probability from 0.5 to 0.99 (0.9 = 90%), got 1.2' },
      ],
    });
  });

  it('names the exact constraint field that is wrong', async () => {
    const err = await failure(server.url, analyst, 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', {
      input: { constraints: [{ kind: 'BOUNDS', channel: 'tv', min: 1 }, { kind: 'MAX_CHANGE', fraction: 0.1 }, { kind: 'SHARE', group: 'digital', min: -0.1 }] },
    });
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.constraints[2].min', message: 'must be a fraction from 0 to 1, got -0.1' }] });
  });
});

describe('ask', () => {
  it('answers like Slack, in a notebook that follow-ups continue', async () => {
    const ASK = 'mutation($input: AskInput!) { ask(input: $input) { kind restatement notebookId notebook { id source } scenario { id position result { delta { value } } } } }';
    type Answer = { kind: string; restatement: string; notebookId: string; notebook: { id: string; source: string }; scenario: { id: string; position: number; result: { delta: { value: number } } } };
    const first = await query<{ ask: Answer }>(server.url, analyst, ASK, { input: { question: 'what if we move 20% from TV to search?' } });
    expect(first.ask.kind).toBe('SCENARIO');
    expect(first.ask.notebook).toEqual({ id: first.ask.notebookId, source: 'api' });
    // The same question through the shared service: the same restatement and figures.
    const direct = await ask(server.app, { text: 'what if we move 20% from TV to search?', conversation: { kind: 'new', source: 'api' } });
    expect(first.ask.restatement).toBe(direct.restatement);
    expect(first.ask.scenario.result.delta.value).toBe(direct.scenario!.delta.value);

    const followUp = await query<{ ask: Answer }>(server.url, analyst, ASK, { input: { question: 'and with 30%?', notebookId: first.ask.notebookId } });
    expect(followUp.ask.notebookId).toBe(first.ask.notebookId);
    expect(followUp.ask.scenario.position).toBe(2);
    const notebook = await query<{ notebook: { scenarios: Array<{ id: string; question: string }> } }>(
      server.url,
      analyst,
      'query($id: ID!) { notebook(id: $id) { scenarios { id question } } }',
      { id: first.ask.notebookId },
    );
    expect(notebook.notebook.scenarios.map((s) => s.id)).toEqual([first.ask.scenario.id, followUp.ask.scenario.id]);
    expect(notebook.notebook.scenarios[1].question).toBe('and with 30%?');
  });

  it('gives channel figures and model quality as typed answers', async () => {
    const roi = await query<{ ask: { kind: string; channels: Array<{ channel: string; roas: number }> } }>(server.url, analyst, 'mutation { ask(input: { question: "what is the ROI of each channel?" }) { kind channels { channel roas } } }');
    expect(roi.ask.kind).toBe('CHANNELS');
    const sorted = [...roi.ask.channels].sort((a, b) => b.roas - a.roas);
    expect(roi.ask.channels).toEqual(sorted);
    const quality = await query<{ ask: { kind: string; model: { metrics: { r2: number } } } }>(server.url, analyst, 'mutation { ask(input: { question: "how good is the model?" }) { kind model { metrics { r2 } } } }');
    expect(quality.ask.kind).toBe('MODEL_QUALITY');
    expect(quality.ask.model.metrics.r2).toBeGreaterThan(0);
  });

  it('ranks channels by marginal ROAS or by contribution when asked, and offers the readings of a question asked back', async () => {
    type Figures = { ask: { kind: string; restatement: string; channels: Array<{ channel: string; mroas: number; contributionShare: number }> } };
    const marginal = await query<Figures>(server.url, analyst, 'mutation { ask(input: { question: "which channel has the best marginal ROI?" }) { kind restatement channels { channel mroas contributionShare } } }');
    expect(marginal.ask.kind).toBe('CHANNELS');
    expect(marginal.ask.restatement).toMatch(/^Marginal ROI of every channel/);
    expect(marginal.ask.channels.map((c) => c.mroas)).toEqual([...marginal.ask.channels].map((c) => c.mroas).sort((a, b) => b - a));
    const shares = await query<Figures>(server.url, analyst, 'mutation { ask(input: { question: "what does each channel contribute?" }) { kind restatement channels { channel mroas contributionShare } } }');
    expect(shares.ask.channels.map((c) => c.contributionShare)).toEqual([...shares.ask.channels].map((c) => c.contributionShare).sort((a, b) => b - a));
    const back = await query<{ ask: { kind: string; options: string[] } }>(server.url, analyst, 'mutation { ask(input: { question: "cut TV by 30" }) { kind options } }');
    expect(back.ask).toEqual({ kind: 'CLARIFY', options: ['cut TV by 30%', 'cut TV by $30 a week'] });
  });

  it('answers a carry-over question with each channel’s figures from the production model’s adstock, null on other answers', async () => {
    type Carry = { adstock: string; decay: number; halfLifeWeeks: number; sameWeekShare: number; peakWeek: number; weeksTo90: number; maxLag: number };
    type Figures = { ask: { kind: string; channels: Array<{ channel: string; carryover: Carry | null }> } };
    const fields = 'carryover { adstock decay halfLifeWeeks sameWeekShare peakWeek weeksTo90 maxLag }';
    const asked = await query<Figures>(server.url, analyst, `mutation { ask(input: { question: "how long does TV's effect last?" }) { kind channels { channel ${fields} } } }`);
    expect(asked.ask.kind).toBe('CHANNELS');
    expect(asked.ask.channels.map((c) => c.channel)).toEqual(['tv']);
    const { model } = await productionSetup(db.ds, demo.id);
    expect(asked.ask.channels[0].carryover).toEqual(carryoverOf(model, 'tv'));
    const decay = asked.ask.channels[0].carryover!.decay;
    if (model.hyperparameters.channels.tv.adstock.type === 'geometric') expect(asked.ask.channels[0].carryover!.halfLifeWeeks).toBeCloseTo(Math.log(0.5) / Math.log(decay), 9);
    const roi = await query<Figures>(server.url, analyst, `mutation { ask(input: { question: "what is the ROI of each channel?" }) { kind channels { channel ${fields} } } }`);
    expect(roi.ask.channels.every((c) => c.carryover === null)).toBe(true);
  });

  it('refuses an empty question with its field', async () => {
    const err = await failure(server.url, analyst, 'mutation { ask(input: { question: "  " }) { kind } }');
    expect(err.code).toBe('BAD_USER_INPUT');
  });

  it('lists scenarios newest first across pages', async () => {
    const all = await query<{ scenarios: Array<{ id: string; createdAt: string }> }>(server.url, analyst, '{ scenarios(first: 200) { id createdAt } }');
    expect(all.scenarios.length).toBeLessThan(200);
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Array<{ id: string; cursor: string }> = (await query<{ scenarios: Array<{ id: string; cursor: string }> }>(server.url, analyst, 'query($a: String) { scenarios(first: 2, after: $a) { id cursor } }', { a: after })).scenarios;
      ids.push(...page.map((s) => s.id));
      if (page.length < 2) break;
      after = page[1].cursor;
    }
    expect(ids).toEqual(all.scenarios.map((s) => s.id));
    const times = all.scenarios.map((s) => Date.parse(s.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(ids.length).toBe(await db.ds.getRepository(Scenario).count());
  });
});
