import { beforeAll, describe, expect, it } from 'vitest';
import type { MmmModel } from '../../src/mmm';
import { runOptimization, type ScenarioResult } from '../../src/scenarios';
import { DISPUTED_SHARE, EMPTY_CONTEXT, planDoubts, scenarioText, scenarioWarnings, UNSURE_PROBABILITY } from '../../src/services/answerText';
import { noCarryOverModel } from '../scenarios/model';

let model: MmmModel;
let result: ScenarioResult;
beforeAll(() => {
  model = noCarryOverModel(20);
  result = runOptimization(model, { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 });
});

/** The same answer with other figures for the draws' agreement and the chance of beating today's plan. */
function withFigures(probabilityBetter: number, channels: Record<string, { planned: 'more' | 'less'; opposite: number }>): ScenarioResult {
  return { ...result, delta: { ...result.delta, probabilityBetter }, optimization: { ...result.optimization!, agreement: { drawsCompared: 20, channels } } };
}

describe('what an optimized answer says when the data cannot tell', () => {
  it('names each channel the draws dispute, with the count, and only those', () => {
    const doubts = planDoubts(result, { channelNames: { tv: 'TV' }, modelMetrics: null });
    const disputed = Object.entries(result.optimization!.agreement!.channels).filter(([, f]) => f.opposite >= DISPUTED_SHARE);
    expect(doubts.filter((d) => d.startsWith('The data cannot tell')).length).toBe(disputed.length);
    expect(doubts.some((d) => d.startsWith('The model is not sure'))).toBe(result.delta.probabilityBetter < UNSURE_PROBABILITY);
  });

  it('says the model is unsure below the threshold, with the share of draws, and which way a disputed channel is planned', () => {
    const text = scenarioText(withFigures(0.55, { tv: { planned: 'more', opposite: 0.4 }, search: { planned: 'less', opposite: 0.1 } }), 'revenue', { channelNames: { tv: 'TV', search: 'Paid Search' }, modelMetrics: null }).join('\n');
    expect(text).toContain("The model is not sure this plan beats today's: it does in 55% of the model's draws");
    expect(text).toContain("The data cannot tell which way TV should go: the plan gives it more, but in 8 of 20 of the model's draws the best plan for the same money gives it less.");
    expect(text).not.toContain('which way Paid Search');
    // How sure it is stays in the answer, disputed or not.
    expect(text).toContain('55% chance it beats the current plan');
  });

  it('says nothing of doubt when the draws agree and the plan very likely beats today', () => {
    expect(planDoubts(withFigures(0.97, { tv: { planned: 'less', opposite: 0.05 } }), EMPTY_CONTEXT)).toEqual([]);
  });

  it('keeps what-if answers as they were', () => {
    const whatIf: ScenarioResult = { ...result, optimization: undefined };
    expect(scenarioWarnings(whatIf, EMPTY_CONTEXT)).toEqual(result.warnings);
  });
});
