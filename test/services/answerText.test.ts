import { beforeAll, describe, expect, it } from 'vitest';
import type { MmmModel } from '../../src/mmm';
import { evaluateWhatIf, runOptimization, spendChange, type ScenarioResult } from '../../src/scenarios';
import { currentWeeklySpend } from '../../src/mmm';
import { DISPUTED_SHARE, EMPTY_CONTEXT, extrapolationWarnings, planDoubts, scenarioText, scenarioWarnings, spendChangeLine, UNSURE_PROBABILITY } from '../../src/services/answerText';
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
    expect(scenarioWarnings(whatIf, EMPTY_CONTEXT)).toEqual(extrapolationWarnings(result.outsideSeenSpend!, EMPTY_CONTEXT));
  });
});

describe('where a plan leaves the spend a channel has seen', () => {
  const context = { channelNames: { tv: 'TV', search: 'Paid Search' }, modelMetrics: null };
  it('names the channel as the marketer does, in the answer’s money, with how far outside', () => {
    const lines = extrapolationWarnings(
      [
        { channel: 'tv', side: 'above', planned: 15_000, seen: 12_000 },
        { channel: 'search', side: 'below', planned: 2_418, seen: 2_470 },
      ],
      context,
    );
    expect(lines).toEqual([
      'TV: the plan spends $15k a week, more than the most it has spent in a week, $12k (25% above); the model is extrapolating.',
      'Paid Search: the plan spends $2.4k a week, less than the least it has spent in a week, $2.5k (2% below); the model is extrapolating.',
    ]);
  });

  it('words every channel the scenario flags, and a result kept without the figures by the tools’ lines', () => {
    // Ten times TV's spend and none on search: both leave what they have seen.
    const flagged = evaluateWhatIf(model, { weeks: 13, changes: [{ kind: 'set', channel: 'tv', weeklySpend: 10 * currentWeeklySpend(model).tv }, { kind: 'set', channel: 'search', weeklySpend: 0 }] });
    expect(flagged.outsideSeenSpend!.map((o) => [o.channel, o.side]).sort()).toEqual([['search', 'below'], ['tv', 'above']]);
    expect(flagged.warnings.length).toBe(2);
    const words = scenarioWarnings(flagged, context);
    expect(words.some((w) => w.startsWith('TV: the plan spends') && w.includes('above'))).toBe(true);
    expect(words.some((w) => w.startsWith('Paid Search: the plan spends $0 a week') && w.includes('100% below'))).toBe(true);
    const kept = { ...flagged, optimization: undefined, outsideSeenSpend: undefined };
    expect(scenarioWarnings(kept, EMPTY_CONTEXT)).toEqual(flagged.warnings);
  });
});

describe('the change of total spend and the return on it', () => {
  const withPlans = (after: Record<string, number>, delta: { value: number; low: number; high: number }): ScenarioResult => ({
    ...result,
    weeks: 10,
    before: { plan: { tv: 1000, search: 1000 }, kpi: 100_000 },
    after: { plan: after, kpi: 100_000 + delta.value },
    delta: { ...delta, pct: delta.value / 1000, probabilityBetter: 0.9 },
  });

  it('is the KPI change per unit of money added, its interval divided alike', () => {
    const r = withPlans({ tv: 1500, search: 1000 }, { value: 3000, low: 1000, high: 5000 });
    expect(spendChange(r)).toEqual({ weeklyBefore: 2000, weeklyAfter: 2500, weeklyChange: 500, horizonChange: 5000, pct: 25, kpiPerUnit: { value: 0.6, low: 0.2, high: 1 } });
    expect(spendChangeLine(r, 'revenue')).toBe('Total spend +$500 a week (+$5k over 10 weeks, +25%): 0.60 Revenue per extra $1 (90% interval 0.20 to 1.00), less than each $1 costs');
  });

  it('is the KPI given up per unit saved when spend falls, and says when the KPI rises anyway', () => {
    const cut = withPlans({ tv: 500, search: 1000 }, { value: -8000, low: -9000, high: -6000 });
    expect(spendChange(cut).kpiPerUnit).toEqual({ value: 1.6, low: 1.2, high: 1.8 });
    expect(spendChangeLine(cut, 'kpi')).toBe('Total spend -$500 a week (-$5k over 10 weeks, -25%): 1.60 KPI given up per $1 saved (90% interval 1.20 to 1.80)');
    const better = withPlans({ tv: 500, search: 1000 }, { value: 1000, low: 500, high: 2000 });
    expect(spendChangeLine(better, 'kpi')).toBe('Total spend -$500 a week (-$5k over 10 weeks, -25%), and KPI still rises: 0.20 KPI gained per $1 saved (90% interval 0.10 to 0.40)');
    const worse = withPlans({ tv: 1500, search: 1000 }, { value: -1000, low: -2000, high: -500 });
    expect(spendChangeLine(worse, 'kpi')).toBe('Total spend +$500 a week (+$5k over 10 weeks, +25%), yet KPI falls: -0.20 KPI per extra $1 (90% interval -0.40 to -0.10)');
  });

  it('says nothing when total spend stays as it is (a reallocation, an optimizer’s rounding)', () => {
    const moved = withPlans({ tv: 500, search: 1500.01 }, { value: 1000, low: 500, high: 2000 });
    expect(spendChange(moved).kpiPerUnit).toBeNull();
    expect(spendChangeLine(moved, 'kpi')).toBeNull();
    expect(scenarioText(moved, 'kpi', EMPTY_CONTEXT).join('\n')).not.toContain('Total spend');
  });
});
