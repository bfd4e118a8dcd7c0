import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMmm } from '../../testkit/helpers/processes';

/** `mmm ask --model model.json` on the compiled CLI: every kind of question from a model file, follow-ups through a notebook file. */
const CSV = join(__dirname, '..', '..', 'data', 'demo_weekly.csv');
const dir = mkdtempSync(join(tmpdir(), 'mixwise-askmodel-'));
const modelFile = join(dir, 'model.json');
const notebookFile = join(dir, 'notebook.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer is checked field by field
type Json = Record<string, any>;

async function ask(question: string, notebook = true): Promise<Json> {
  const run = await runMmm(['ask', '--model', modelFile, ...(notebook ? ['--notebook', notebookFile] : []), question, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Json;
}

describe('mmm ask --model', () => {
  beforeAll(async () => {
    const fit = await runMmm(['fit', '--csv', CSV, '--date', 'date', '--kpi', 'kpi', '--channels', 'tv_spend,search_spend,social_spend,display_spend,radio_spend', '--controls', 'holiday,promo', '--effort', 'quick', '--save', modelFile, '--json']);
    expect(fit.code, fit.stderr).toBe(0);
  }, 120_000);

  it('runs a what-if, then a substitution follow-up from the notebook file, then compares them', async () => {
    const first = await ask('what if we move 20% from TV to paid search');
    expect(first).toMatchObject({ kind: 'scenario', intent: { kind: 'whatIf', spec: { changes: [{ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } }], weeks: 13 } } });
    expect(first.scenario.before.plan).toHaveProperty('tv');
    expect(first.text).toMatch(/^Moving 20% of TV's weekly spend/);
    const second = await ask('make it social instead of search');
    expect(second.intent.spec.changes).toEqual([{ kind: 'shift', from: 'tv', to: [{ channel: 'social', share: 1 }], amount: { unit: 'percent', value: 20 } }]);
    const compared = await ask('compare with the previous one');
    expect(compared.kind).toBe('comparison');
  }, 60_000);

  it('answers model questions, marginal returns and help without a database', async () => {
    const marginal = await ask('which channel has the best marginal ROI', false);
    expect(marginal.kind).toBe('channels');
    const mroas = marginal.channels.map((c: { mroas: number }) => c.mroas);
    expect(mroas).toEqual([...mroas].sort((a: number, b: number) => b - a));
    expect((await ask('how accurate is the model', false)).model.metrics).toHaveProperty('r2');
    expect((await ask('response curve for radio', false)).curve.channel).toBe('radio');
    expect((await ask('help', false)).kind).toBe('help');
    const back = await ask('cut TV by 30', false);
    expect(back).toMatchObject({ kind: 'clarify', options: ['cut TV by 30%', 'cut TV by $30 a week'] });
  }, 60_000);

  it('refuses a missing model file, saying which', async () => {
    const run = await runMmm(['ask', '--model', join(dir, 'nope.json'), 'help', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toBe(`Cannot read the model file ${join(dir, 'nope.json')}`);
  });
});
