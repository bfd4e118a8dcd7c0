import { describe, expect, it } from 'vitest';
import { neighbouringPercents, parseTryAmountValue } from '../../bot/blocks/actions';
import { escapeMrkdwn, fitSection } from '../../bot/blocks/common';
import { askedPercent } from '../../bot/blocks/answer';

describe('"Try ±10 points" buttons', () => {
  it('offer the asked percentage 10 points down and up, never 0% or more than all of a channel', () => {
    expect(neighbouringPercents(20)).toEqual([10, 30]);
    expect(neighbouringPercents(-30)).toEqual([20, 40]);
    expect(neighbouringPercents(5)).toEqual([15]);
    expect(neighbouringPercents(95)).toEqual([85]);
  });

  it('vary only a what-if with exactly one percentage change', () => {
    const shift = { kind: 'shift' as const, from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent' as const, value: 20 } };
    expect(askedPercent({ kind: 'whatIf', spec: { changes: [shift], weeks: 13 } })).toBe(20);
    expect(askedPercent({ kind: 'whatIf', spec: { changes: [{ ...shift, amount: { unit: 'money', value: 5000, per: 'week' } }], weeks: 13 } })).toBeNull();
    expect(askedPercent({ kind: 'whatIf', spec: { changes: [shift, shift], weeks: 13 } })).toBeNull();
    expect(askedPercent({ kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints: [], weeks: 13 } })).toBeNull();
  });

  it('refuse a button value someone forged', () => {
    expect(parseTryAmountValue('{"scenarioId":"s1","percent":30}')).toEqual({ scenarioId: 's1', percent: 30 });
    for (const forged of [undefined, '', 'not json', '{"scenarioId":"s1","percent":150}', '{"scenarioId":1,"percent":30}', '{"scenarioId":"s1","percent":"30"}']) {
      expect(parseTryAmountValue(forged)).toBeNull();
    }
  });
});

describe('Slack text', () => {
  it('escapes the characters Slack reads as markup', () => {
    expect(escapeMrkdwn('R&D <b> > 3')).toBe('R&amp;D &lt;b&gt; &gt; 3');
  });

  it('cuts text to a section’s limit instead of having Slack refuse the message', () => {
    expect(fitSection('x'.repeat(5000))).toHaveLength(2999);
    expect(fitSection('short')).toBe('short');
  });
});
