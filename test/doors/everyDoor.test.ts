import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notebook, Scenario } from '../../src/entities';
import type { ScenarioResult } from '../../src/scenarios';
import { spendChange } from '../../src/scenarios';
import { createApiKey } from '../../src/services/apiKeys';
import { loadAnswerContext } from '../../src/services/answerContext';
import { kpiInterval, renderAnswerText, scenarioConfidence, scenarioHeadline, spendChangeLine } from '../../src/services/answerText';
import { startBotHarness, type BotHarness } from '../bot/botHarness';
import { mention } from '../../testkit/bot/slackRequests';
import { query } from '../graphql/client';
import { blockKitText } from '../helpers/blockKitText';
import { runMmm } from '../../testkit/helpers/processes';
import { PNG_SIGNATURE, uploadedFile } from '../helpers/uploads';

/**
 * One scenario through every door — Slack (Block Kit and its notification text), GraphQL `ask`
 * and `mmm ask` — says the same numbers: the figures come from one computation, the words from
 * one place (src/services/answerText.ts).
 */
const QUESTION = 'cut TV by 30% and double social';
let h: BotHarness;
let slackText: string;
let slackBlocks: string;
let slackResult: ScenarioResult;
let slackModelVersionId: string;
let chart: Buffer;
let graphql: { text: string; restatement: string; scenario: { result: { delta: { value: number; low: number; high: number; probabilityBetter: number }; spendChange: { weeklyChange: number; kpiPerUnit: { value: number; low: number; high: number } } } } };
let cliText: string;
let cliJson: { text: string; scenario: ScenarioResult };

beforeAll(async () => {
  h = await startBotHarness();
  const event = mention(QUESTION, { channel: 'C_DOORS' });
  await h.sender.event(event);
  const [answer] = await h.slack.waitFor('chat.postMessage', 1);
  slackText = answer.body.text as string;
  slackBlocks = blockKitText(answer.body.blocks);
  const notebook = await h.db.ds.getRepository(Notebook).findOneByOrFail({ slackChannel: 'C_DOORS', slackThreadTs: event.ts as string });
  const stored = await h.db.ds.getRepository(Scenario).findOneByOrFail({ notebookId: notebook.id });
  slackResult = stored.result as ScenarioResult;
  slackModelVersionId = stored.modelVersionId;
  const [complete] = await h.slack.waitFor('files.completeUploadExternal', 1);
  chart = uploadedFile(h.slack.uploads.get((complete.body.files as Array<{ id: string }>)[0].id)!);

  const analyst = (await createApiKey(h.db.ds, 'analyst')).key;
  graphql = (
    await query<{ ask: typeof graphql }>(
      h.server.url,
      analyst,
      `mutation($q: String!) { ask(input: { question: $q }) { text restatement scenario { result { delta { value low high probabilityBetter } spendChange { weeklyChange kpiPerUnit { value low high } } } } } }`,
      { q: QUESTION },
    )
  ).ask;
  const [text, json] = await Promise.all([runMmm(['ask', QUESTION], { DATABASE_URL: h.db.url }), runMmm(['ask', QUESTION, '--json'], { DATABASE_URL: h.db.url })]);
  expect(text.code, text.stderr).toBe(0);
  expect(json.code, json.stderr).toBe(0);
  cliText = text.stdout.trim();
  cliJson = JSON.parse(json.stdout) as typeof cliJson;

  // For reading by eye: MIXWISE_TEST_ARTIFACTS=1 writes what each door said, and the chart.
  if (process.env.MIXWISE_TEST_ARTIFACTS) {
    const dir = join(tmpdir(), 'mixwise-every-door');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'slack-blocks.txt'), slackBlocks);
    writeFileSync(join(dir, 'cli.txt'), cliText);
    writeFileSync(join(dir, 'scenario.png'), chart);
  }
}, 180_000);
afterAll(async () => h?.close());

/** The lines that carry the answer's figures: KPI change, spend change and return, interval and chance. */
function figureLines(result: ScenarioResult): string[] {
  const spend = spendChangeLine(result, 'kpi');
  return [scenarioHeadline(result, 'kpi'), ...(spend ? [spend] : []), scenarioConfidence(result)];
}

describe('one scenario through every door', () => {
  it('is computed the same by each: the same KPI change, interval, chance and spend change', () => {
    const doors = [slackResult.delta, cliJson.scenario.delta, graphql.scenario.result.delta];
    for (const delta of doors) {
      expect(delta.value).toBeCloseTo(slackResult.delta.value, 6);
      expect(delta.low).toBeCloseTo(slackResult.delta.low, 6);
      expect(delta.high).toBeCloseTo(slackResult.delta.high, 6);
      expect(delta.probabilityBetter).toBe(slackResult.delta.probabilityBetter);
    }
    const change = spendChange(slackResult);
    // Cutting TV by 30% and doubling social spends more in total: the answer must say so.
    expect(change.weeklyChange).toBeGreaterThan(0);
    expect(change.weeklyChange).toBeCloseTo(slackResult.before.plan.social - 0.3 * slackResult.before.plan.tv, 6);
    expect(graphql.scenario.result.spendChange.weeklyChange).toBeCloseTo(change.weeklyChange, 6);
    expect(graphql.scenario.result.spendChange.kpiPerUnit.value).toBeCloseTo(slackResult.delta.value / (change.weeklyChange * slackResult.weeks), 9);
    expect(graphql.scenario.result.spendChange.kpiPerUnit.low).toBeCloseTo(slackResult.delta.low / (change.weeklyChange * slackResult.weeks), 9);
  });

  it('says the same words and numbers in the Block Kit, its notification text, GraphQL and the CLI', async () => {
    const lines = figureLines(slackResult);
    for (const line of lines) {
      expect(slackBlocks).toContain(line);
      expect(slackText).toContain(line);
      expect(graphql.text).toContain(line);
      expect(cliText).toContain(line);
      expect(cliJson.text).toContain(line);
    }
    // The text doors print the very same text; the CLI's is the service's rendering.
    expect(graphql.text).toBe(cliText);
    expect(cliJson.text).toBe(cliText);
    expect(slackText).toBe(cliText);
    const context = await loadAnswerContext(h.db.ds, { modelVersionId: slackModelVersionId });
    expect(renderAnswerText({ kind: 'scenario', restatement: graphql.restatement, scenario: slackResult, kpiName: 'kpi', intent: slackResult.intent } as never, context)).toBe(cliText);
    // Every number the Block Kit shows in its figure lines is one the text shows.
    const numbers = (text: string) => text.match(/[-+]?\$?\d[\d.,]*[kMB%]?/g) ?? [];
    for (const line of lines) expect(numbers(slackBlocks)).toEqual(expect.arrayContaining(numbers(line)));
  });

  it('puts the change of total spend and its return next to the KPI change, in that order', () => {
    const spendAt = slackBlocks.indexOf('Total spend +$');
    expect(spendAt).toBeGreaterThan(slackBlocks.indexOf(scenarioHeadline(slackResult, 'kpi')));
    expect(spendAt).toBeLessThan(slackBlocks.indexOf(`90% interval of the change ${kpiInterval(slackResult)}`));
    expect(slackBlocks).toMatch(/KPI per extra \$1 \(90% interval -?\d+\.\d\d to -?\d+\.\d\d\)/);
  });

  it('shows the what-if its buttons and a chart of it', () => {
    expect(slackBlocks).toContain('[Optimize instead]');
    expect(chart.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(chart.readUInt32BE(16)).toBe(1220);
  });
});
