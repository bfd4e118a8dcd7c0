import { beforeAll, describe, expect, it } from 'vitest';
import { answerChart, scenarioChartInput, threadScale } from '../../bot/answerChart';
import { scaleOf, scenarioChartPng } from '../../src/charts';
import type { MmmModel } from '../../src/mmm';
import { evaluateWhatIf, type ScenarioResult } from '../../src/scenarios';
import type { AskAnswer } from '../../src/services/ask';
import type { AnswerContext } from '../../src/services/answerText';
import { drawChart } from '../../src/services/charts';
import { noCarryOverModel } from '../scenarios/model';

let model: MmmModel;
let small: ScenarioResult;
let big: ScenarioResult;
const context: AnswerContext = { channelNames: { tv: 'TV', search: 'Paid Search', social: 'Paid Social' }, modelMetrics: null, channelOrder: ['social', 'tv', 'search'] };
const asAnswer = (scenario: ScenarioResult, restatement: string) => ({ kind: 'scenario', scenario, restatement, kpiName: 'revenue' }) as AskAnswer;

beforeAll(() => {
  model = noCarryOverModel(20);
  const cut = (percent: number) => ({ changes: [{ kind: 'scale' as const, channel: 'tv', by: { unit: 'percent' as const, value: percent } }], weeks: 13 });
  small = evaluateWhatIf(model, cut(-10));
  big = evaluateWhatIf(model, cut(150));
});

describe('scenario charts of one thread', () => {
  it('list channels in the dataset’s order whatever order the stored result has', () => {
    const reordered = { ...small, before: { ...small.before, plan: { search: small.before.plan.search, tv: small.before.plan.tv, social: small.before.plan.social } } };
    expect(scenarioChartInput(reordered, 'x', 'revenue', context).channels.map((c) => c.label)).toEqual(['Paid Social', 'TV', 'Paid Search']);
  });

  it('share one scale: the small scenario is drawn on the axes the big one needs', async () => {
    const thread = [small, big];
    const scale = threadScale(thread, context)!;
    const own = scaleOf(scenarioChartInput(small, '', 'revenue', context));
    expect(scale.spendMax).toBeGreaterThan(own.spendMax);
    expect(scale.effectMax).toBeGreaterThan(own.effectMax);
    expect(scale).toEqual(threadScale([big, small], context));
    const inThread = answerChart(asAnswer(small, 'Cutting TV by 10%'), context, thread)!;
    const expected = scenarioChartPng({ ...scenarioChartInput(small, 'Cutting TV by 10%', 'revenue', context), scale });
    expect((await drawChart({}, inThread.task)).equals(expected)).toBe(true);
    expect((await drawChart({}, answerChart(asAnswer(small, 'Cutting TV by 10%'), context, [small])!.task)).equals(expected)).toBe(false);
    expect(inThread.title).toBe('Cutting TV by 10%');
  });
});
