import { describe, expect, it } from 'vitest';
import { fitWithHyperparameters } from '../../src/mmm';
import { askModelFile } from '../../src/services/askModelFile';
import { renderAnswerText } from '../../src/services/answerText';
import { loadDemoTruth, loadDemoWeekly, truthHyperparameters } from '../../testkit/mmm/demoData';

/**
 * Questions about carry-over answered at the door (`mmm ask --model`, the same answer object as
 * GraphQL `ask` and Slack): the figures come from the model's own adstock, here the demo data's
 * true hyperparameters, so the expected half-lives are worked out from the decays by hand.
 */
const truth = loadDemoTruth();
const model = fitWithHyperparameters(loadDemoWeekly(), truthHyperparameters(truth.channels), { holdoutWeeks: 13, bootstrapDraws: 0 });
const ask = (question: string) => askModelFile(model, question, { scenarios: [] }, { notebookId: 'n', modelVersionId: 'm' }).answer;

describe('carry-over questions from a model file', () => {
  it('"how long does TV\'s effect last" answers TV\'s fitted decay and half-life', () => {
    const answer = ask("how long does TV's effect last");
    expect(answer.intent).toEqual({ kind: 'roi', channels: ['tv'], measure: 'carryover' });
    expect(answer.kind).toBe('channels');
    const [tv] = answer.channels ?? [];
    const decay = truth.channels.tv.decay;
    expect(tv.channel).toBe('tv');
    expect(tv.carryover?.decay).toBeCloseTo(decay, 12);
    expect(tv.carryover?.halfLifeWeeks).toBeCloseTo(Math.log(0.5) / Math.log(decay), 12);
    expect(tv.carryover?.peakWeek).toBe(0);
    const text = renderAnswerText(answer);
    expect(text.split('\n')[0]).toBe("How long the effect of TV lasts after the week it is spent (carry-over, from the model's adstock)");
    expect(text).toContain(`TV keeps ${(decay * 100).toFixed(1)}% of its effect from one week to the next (half-life ${Number((Math.log(0.5) / Math.log(decay)).toFixed(1))} weeks)`);
  });

  it('"what are the adstock decay rates by channel" lists every channel, longest carry-over first', () => {
    const answer = ask('What are the adstock decay rates by channel?');
    const decays = (answer.channels ?? []).map((c) => c.carryover?.decay ?? NaN);
    expect(decays).toHaveLength(Object.keys(truth.channels).length);
    expect(decays).toEqual([...decays].sort((a, b) => b - a));
  });

  it('a scenario and a model question in one message are asked back, each part offered alone', () => {
    const answer = ask('what is the ROI of TV and what if we cut it 20%?');
    expect(answer.kind).toBe('clarify');
    expect(answer.scenario).toBeUndefined();
    expect(answer.options).toEqual(['what is the ROI of TV']);
  });
});

describe('misspellings said back on the answer that ran', () => {
  it('a scenario restated as run keeps how its misspelled words were read', () => {
    const answer = ask('reduse televison by 10%');
    expect(answer.kind).toBe('scenario');
    expect(answer.scenario?.after.plan.tv).toBeCloseTo(0.9 * answer.scenario!.before.plan.tv, 6);
    expect(answer.restatement).toBe(`${answer.scenario!.restatement} (read "reduse" as "reduce", "televison" as TV)`);
  });

  it('an optimization too, after the aim it was planned for', () => {
    const answer = ask('optmize the budget');
    expect(answer.kind).toBe('scenario');
    expect(answer.restatement).toMatch(/^Finding the best split of today's budget .* \(read "optmize" as "optimize"\)$/);
  });

  it('a scenario spelled right has no such note', () => {
    expect(ask('reduce TV by 10%').restatement).not.toMatch(/\(read /);
  });
});

describe('a plan for each week, asked in words', () => {
  it('"optimize week by week for the next 8 weeks" plans each week and shows the plan week by week', () => {
    const answer = ask('optimize week by week for the next 8 weeks');
    expect(answer.intent).toEqual({ kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [], weeks: 8, perWeek: true } });
    const scenario = answer.scenario!;
    expect(scenario.optimization?.perWeek).toBeDefined();
    expect(answer.restatement).toMatch(/for 8 weeks, a plan for each week, on the model's point estimate$/);
    const byWeek = scenario.afterByWeek!;
    // The table above the week-by-week one shows the average week: each channel's mean over the weeks.
    for (const [channel, weeks] of Object.entries(byWeek)) {
      expect(weeks).toHaveLength(8);
      expect(weeks.reduce((a, b) => a + b, 0) / 8).toBeCloseTo(scenario.after.plan[channel], 6);
    }
    const lines = renderAnswerText(answer).split('\n');
    const head = lines.indexOf('The plan week by week (the table above shows its average week):');
    expect(head).toBeGreaterThan(0);
    const rows = lines.slice(head + 2, head + 10).map((l) => l.trim().split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const channels = lines[head + 1].trim().split(/\s{2,}/).slice(1);
    expect(channels).toHaveLength(Object.keys(byWeek).length);
  });

  it('a flat optimization has no week-by-week table', () => {
    expect(renderAnswerText(ask('optimize the budget for 8 weeks'))).not.toMatch(/week by week/);
  });
});
