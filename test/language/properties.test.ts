/** Properties over generated messages: the parser generalizes beyond the table and never breaks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/language';
import { CHANNELS, context } from '../../testkit/language/fixture';

const keys = CHANNELS.map((c) => c.key);
const nameOf = Object.fromEntries(CHANNELS.map((c) => [c.key, c.displayName]));

describe('parseQuestion properties', () => {
  it('any text gives an intent and a one-line restatement, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (message) => {
        const result = parseQuestion(message, context());
        expect(typeof result.intent.kind).toBe('string');
        expect(result.restatement).not.toMatch(/\n/);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (message) => {
        expect(parseQuestion(message, context())).toEqual(parseQuestion(message, context()));
      }),
      { numRuns: 100 },
    );
  });

  it('reads "move P% from A to B" for any percentage and pair of channels, named by display name in any case', () => {
    const pair = fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), pair, fc.boolean(), (percent, [from, to], upper) => {
        const message = `move ${percent}% from ${nameOf[from]} to ${nameOf[to]}`;
        const { intent } = parseQuestion(upper ? message.toUpperCase() : message, context());
        expect(intent).toEqual({ kind: 'whatIf', spec: { changes: [{ kind: 'shift', from, to: [{ channel: to, share: 1 }], amount: { unit: 'percent', value: percent } }], weeks: 13 } });
      }),
    );
  });

  it('asks back "move P% from A to B" for any percentage above 100: more than all of a channel cannot move', () => {
    const pair = fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(fc.integer({ min: 101, max: 1000 }), pair, (percent, [from, to]) => {
        const { intent } = parseQuestion(`move ${percent}% from ${nameOf[from]} to ${nameOf[to]}`, context());
        expect(intent.kind).toBe('clarify');
        expect(intent.kind === 'clarify' && intent.question).toContain(`Can't move ${percent}% of ${nameOf[from]}`);
      }),
    );
  });

  it('reads "increase C by Nk a week" as +N×1000 weekly for any channel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom(...keys), (thousands, channel) => {
        const { intent } = parseQuestion(`increase ${nameOf[channel]} by ${thousands}k a week`, context());
        expect(intent).toEqual({ kind: 'whatIf', spec: { changes: [{ kind: 'scale', channel, by: { unit: 'money', value: thousands * 1000, per: 'week' } }], weeks: 13 } });
      }),
    );
  });

  it('uses the default horizon it is given', () => {
    expect(parseQuestion('cut tv by 10%', context({ defaultWeeks: 6 })).intent).toMatchObject({ spec: { weeks: 6 } });
  });

  it('works without spend figures, splitting a group evenly and restating without dollars', () => {
    const result = parseQuestion('move 10% of tv to digital', { channels: CHANNELS });
    expect(result.intent).toMatchObject({ spec: { changes: [{ to: [{ share: 1 / 3 }, { share: 1 / 3 }, { share: 1 / 3 }] }] } });
    expect(result.restatement).toBe("Moving 10% of TV's weekly spend to Paid Search, Paid Social and Display (split evenly) for 13 weeks");
  });
});

describe('bad input', () => {
  it('says what was wrong with the arguments', () => {
    expect(() => parseQuestion(undefined as unknown as string, context())).toThrow(/message must be a string/);
    expect(() => parseQuestion('help', context({ defaultWeeks: 0 }))).toThrow(/defaultWeeks must be a positive whole number/);
    expect(() => parseQuestion('help', { channels: [CHANNELS[0], CHANNELS[0]] })).toThrow(/appears twice/);
  });
});
