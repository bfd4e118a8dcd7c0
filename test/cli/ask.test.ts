import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelVersion, Notebook, Scenario } from '../../src/entities';
import { createLogger } from '../../src/logger';
import { seedIfEmpty } from '../../src/services/seed';
import { channelFigures, mostSaturatedFirst } from '../../src/services/ask';
import { productionSetup } from '../../src/services/models';
import { loadConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { runMmm } from '../../testkit/helpers/processes';

/** `mmm ask`: the same answer Slack gets, as text or JSON, against the database's production model. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedIfEmpty(db.ds, loadConfig({}).demoCsv, createLogger({ level: 'silent' }));
}, 120_000);
afterAll(async () => db.drop());

const ask = (question: string, json = true) => runMmm(['ask', question, ...(json ? ['--json'] : [])], { DATABASE_URL: db.url });

describe('mmm ask', () => {
  it('runs a what-if on the production model, stores it in a CLI notebook and says what it ran', async () => {
    const run = await ask('what if we move 20% from TV to search?');
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { kind: string; scenarioId: string; notebookId: string; restatement: string; text: string; scenario: { delta: { value: number } } };
    expect(answer.kind).toBe('scenario');
    expect(answer.text.split('\n')[0]).toBe(answer.restatement);
    expect(answer.restatement).toMatch(/20%.*TV.*Paid Search/);
    const stored = await db.ds.getRepository(Scenario).findOneByOrFail({ id: answer.scenarioId });
    expect((stored.result as { delta: { value: number } }).delta.value).toBeCloseTo(answer.scenario.delta.value, 6);
    expect((await db.ds.getRepository(Notebook).findOneByOrFail({ id: answer.notebookId })).source).toBe('cli');
  });

  it('prints text a person reads without --json', async () => {
    const run = await ask('which channel is most saturated?', false);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/TV/);
    expect(run.stdout).not.toMatch(/^\{/);
    // A sentence names the most and the least saturated channel, read as marginal ROAS reads it, above the table.
    const { model, channels } = await productionSetup(db.ds, null);
    const ranked = mostSaturatedFirst(channelFigures(model, channels));
    const [most, least] = [ranked[0], ranked.at(-1)!];
    expect(run.stdout).toContain(`${most.displayName} is the most saturated: `);
    expect(run.stdout).toContain(`${least.displayName} is the least saturated: `);
    expect(run.stdout).toContain(`today an extra $1 of it returns ${most.mroas.toFixed(2)} (marginal ROAS)`);
    expect(most.spendVsBreakEven ?? Infinity).toBeGreaterThanOrEqual(least.spendVsBreakEven ?? Infinity);
    expect(run.stdout.indexOf('is the most saturated')).toBeLessThan(run.stdout.indexOf('Spend vs break-even'));
  });

  it('answers a question it cannot read with examples, not a guess', async () => {
    const run = await ask('purple monkey dishwasher');
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { kind: string; scenarioId: string | null; text: string };
    expect(answer.kind).toBe('unknown');
    expect(answer.scenarioId).toBeNull();
    expect(answer.text).toMatch(/what if/i);
  });

  it('"retrain the model" trains a new version and reports the outcome', { timeout: 120_000 }, async () => {
    const before = await db.ds.getRepository(ModelVersion).count();
    const run = await ask('retrain the model');
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout) as { kind: string; jobRun: { status: string }; text: string };
    expect(answer.kind).toBe('train');
    expect(answer.jobRun.status).toBe('succeeded');
    expect(answer.text).toMatch(/holdout MAPE/);
    expect(await db.ds.getRepository(ModelVersion).count()).toBe(before + 1);
  });

  it('refuses an empty question', async () => {
    const run = await ask('   ');
    expect(run.code).not.toBe(0);
    expect((JSON.parse(run.stdout) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
  });
});
