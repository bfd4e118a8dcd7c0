import { describe, expect, it } from 'vitest';
import { optimizeSpecFrom, whatIfSpecFrom } from '../../schema/inputs/scenarioSpec';
import { ConstraintKind, ObjectiveKind, Per, PlanChangeKind, type OptimizeInput, type WhatIfInput } from '../../schema/inputs/ScenarioInputs';
import { UserFacingError } from '../../src/services/errors';

const vocabulary = { channels: ['tv', 'search', 'social', 'radio'], groups: ['digital', 'traditional'], controls: ['promo'] };

const whatIf = (input: Partial<WhatIfInput>): WhatIfInput => ({ changes: [], weeks: 13, ...input }) as WhatIfInput;
const optimize = (input: Partial<OptimizeInput>): OptimizeInput => ({ constraints: [], weeks: 13, perWeek: false, ...input }) as OptimizeInput;

function problemsOf(run: () => unknown): Array<{ path?: string; message: string }> {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('BAD_USER_INPUT');
    return (err as UserFacingError).problems;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('what-if input → WhatIfSpec', () => {
  it('maps every change kind', () => {
    const spec = whatIfSpecFrom(
      whatIf({
        weeks: 8,
        changes: [
          { kind: PlanChangeKind.SHIFT, from: 'tv', to: [{ channel: 'search' }, { channel: 'social', share: 0.25 }], amount: { percent: 20, per: Per.WEEK } },
          { kind: PlanChangeKind.SCALE, channel: 'radio', amount: { percent: -100, per: Per.WEEK } },
          { kind: PlanChangeKind.SET, channel: 'tv', weeklySpend: 0, weeks: 4 },
          { kind: PlanChangeKind.SCALE_TOTAL, amount: { money: 80_000, per: Per.HORIZON } },
          { kind: PlanChangeKind.SET_TOTAL, amount: { money: 100_000, per: Per.WEEK } },
        ],
        controls: [{ name: 'promo', value: 1 }],
      }),
      vocabulary,
    );
    expect(spec).toEqual({
      weeks: 8,
      controls: { promo: 1 },
      changes: [
        { kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 0.75 }, { channel: 'social', share: 0.25 }], amount: { unit: 'percent', value: 20 } },
        { kind: 'scale', channel: 'radio', by: { unit: 'percent', value: -100 } },
        { kind: 'set', channel: 'tv', weeklySpend: 0, weeks: 4 },
        { kind: 'scaleTotal', by: { unit: 'money', value: 80_000, per: 'horizon' } },
        { kind: 'setTotal', amount: 100_000, per: 'week' },
      ],
    });
  });

  it('reports every problem at once, each with its field path', () => {
    const problems = problemsOf(() =>
      whatIfSpecFrom(
        whatIf({
          weeks: 0,
          changes: [
            { kind: PlanChangeKind.SHIFT, from: 'tvv', to: [{ channel: 'tvv' }], amount: { percent: 10, money: 5, per: Per.WEEK } },
            { kind: PlanChangeKind.SCALE, channel: 'tv', weeklySpend: 5 },
            { kind: PlanChangeKind.SET_TOTAL, amount: { percent: 10, per: Per.WEEK } },
          ],
          controls: [{ name: 'holiday', value: 1 }],
        }),
        vocabulary,
      ),
    );
    expect(problems.map((p) => p.path)).toEqual([
      'input.weeks',
      'input.changes[0].from',
      'input.changes[0].to[0].channel',
      'input.changes[0].to[0].channel',
      'input.changes[0].amount',
      'input.changes[1].weeklySpend',
      'input.changes[1].amount',
      'input.changes[2].amount.percent',
      'input.controls[0].name',
    ]);
    expect(problems[1].message).toContain('"tvv" is not a channel of this dataset (known: tv, search, social, radio)');
    expect(problems[5].message).toBe('does not apply to a scale change');
  });

  it('refuses shift shares that do not add up to 1', () => {
    const problems = problemsOf(() =>
      whatIfSpecFrom(whatIf({ changes: [{ kind: PlanChangeKind.SHIFT, from: 'tv', to: [{ channel: 'search', share: 0.5 }, { channel: 'social', share: 0.4 }], amount: { percent: 10, per: Per.WEEK } }] }), vocabulary),
    );
    expect(problems).toEqual([{ path: 'input.changes[0].to', message: 'shares must add up to 1, they add up to 0.9' }]);
  });
});

describe('optimize input → OptimizeSpec', () => {
  it('maps every constraint type and objective', () => {
    const spec = optimizeSpecFrom(
      optimize({
        objective: { kind: ObjectiveKind.MIN_COST_FOR_TARGET, targetKpi: 2e6, per: Per.HORIZON },
        perWeek: true,
        constraints: [
          { kind: ConstraintKind.BOUNDS, channel: 'tv', min: 40_000 },
          { kind: ConstraintKind.MAX_CHANGE, fraction: 0.2 },
          { kind: ConstraintKind.MAX_CHANGE, channel: 'radio', fraction: 0.5 },
          { kind: ConstraintKind.SHARE, group: 'digital', min: 0.3, max: 0.6 },
          { kind: ConstraintKind.SHARE, channels: ['tv', 'radio'], max: 0.5 },
          { kind: ConstraintKind.RATIO, numerator: 'search', denominator: 'social', min: 1 },
        ],
      }),
      vocabulary,
    );
    expect(spec).toEqual({
      objective: { kind: 'minCostForTarget', target: { kpi: 2e6, per: 'horizon' } },
      weeks: 13,
      perWeek: true,
      constraints: [
        { kind: 'bounds', channel: 'tv', min: 40_000 },
        { kind: 'maxChange', fraction: 0.2 },
        { kind: 'maxChange', channel: 'radio', fraction: 0.5 },
        { kind: 'share', set: { group: 'digital' }, min: 0.3, max: 0.6 },
        { kind: 'share', set: { channels: ['tv', 'radio'] }, max: 0.5 },
        { kind: 'ratio', numerator: 'search', denominator: 'social', min: 1 },
      ],
    });
    expect(optimizeSpecFrom(optimize({}), vocabulary).objective).toEqual({ kind: 'maxKpi' });
  });

  it('names the exact field of a bad constraint', () => {
    const problems = problemsOf(() =>
      optimizeSpecFrom(
        optimize({
          objective: { kind: ObjectiveKind.MARGINAL, per: Per.WEEK },
          constraints: [
            { kind: ConstraintKind.BOUNDS, channel: 'tv', min: 10 },
            { kind: ConstraintKind.SHARE, group: 'online', channels: ['tv'], max: 0.5 },
            { kind: ConstraintKind.BOUNDS, channel: 'search', min: -5, max: 10 },
            { kind: ConstraintKind.RATIO, numerator: 'tv', denominator: 'tv' },
            { kind: ConstraintKind.SHARE, channels: ['tv'], min: 0.8, max: 0.2 },
          ],
        }),
        vocabulary,
      ),
    );
    expect(problems).toEqual([
      { path: 'input.objective.increment', message: 'required for marginal' },
      { path: 'input.constraints[1]', message: 'give exactly one of channels or group' },
      { path: 'input.constraints[1].group', message: '"online" is not a channel group of this dataset (known: digital, traditional)' },
      { path: 'input.constraints[2].min', message: 'must be a weekly spend of 0 or more, got -5' },
      { path: 'input.constraints[3].denominator', message: 'must be another channel than the numerator' },
      { path: 'input.constraints[3]', message: 'give min, max or both for a ratio constraint' },
      { path: 'input.constraints[4].min', message: 'is above max (0.8 > 0.2)' },
    ]);
  });
});

describe('channel names in typed inputs', () => {
  const named = {
    channels: ['tv_spend', 'search_spend', 'social_spend'],
    names: [
      { key: 'tv_spend', displayName: 'TV', aliases: [] },
      { key: 'search_spend', displayName: 'Paid Search', aliases: ['google'] },
      { key: 'social_spend', displayName: 'Social', aliases: [] },
    ],
    groups: [],
    controls: [],
  };

  it('reads keys, display names, aliases and marketing synonyms in any case as the channel key', () => {
    const spec = whatIfSpecFrom(
      whatIf({
        changes: [
          { kind: PlanChangeKind.SHIFT, from: 'TV', to: [{ channel: 'PPC' }], amount: { percent: 20, per: Per.WEEK } },
          { kind: PlanChangeKind.SCALE, channel: 'Facebook Ads', amount: { percent: 10, per: Per.WEEK } },
          { kind: PlanChangeKind.SET, channel: 'tv', weeklySpend: 5 },
          { kind: PlanChangeKind.SCALE, channel: 'GOOGLE', amount: { percent: 5, per: Per.WEEK } },
        ],
      }),
      named,
    );
    expect(spec.changes).toEqual([
      { kind: 'shift', from: 'tv_spend', to: [{ channel: 'search_spend', share: 1 }], amount: { unit: 'percent', value: 20 } },
      { kind: 'scale', channel: 'social_spend', by: { unit: 'percent', value: 10 } },
      { kind: 'set', channel: 'tv_spend', weeklySpend: 5 },
      { kind: 'scale', channel: 'search_spend', by: { unit: 'percent', value: 5 } },
    ]);
  });

  it('keys only: any case of a key is the key; an unknown name is refused at its path', () => {
    const spec = optimizeSpecFrom(optimize({ constraints: [{ kind: ConstraintKind.BOUNDS, channel: 'TV', min: 1 }] }), vocabulary);
    expect(spec.constraints).toEqual([{ kind: 'bounds', channel: 'tv', min: 1 }]);
    expect(problemsOf(() => optimizeSpecFrom(optimize({ constraints: [{ kind: ConstraintKind.BOUNDS, channel: 'tiktok', min: 1 }] }), vocabulary))).toEqual([
      { path: 'input.constraints[0].channel', message: '"tiktok" is not a channel of this dataset (known: tv, search, social, radio)' },
    ]);
  });
});
