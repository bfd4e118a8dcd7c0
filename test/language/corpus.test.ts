import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/language';
import { developmentCorpus } from '../../testkit/language/corpus';
import { context } from '../../testkit/language/fixture';

const CORPUS = developmentCorpus();

describe('the development corpus', () => {
  it('has at least 1,000 phrasings over every kind', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(1000);
    const kinds = new Set(CORPUS.map((c) => c.kind.split('+')[0]));
    expect([...kinds].sort()).toEqual(['askBack', 'compound', 'followUp', 'help', 'limits', 'marginal', 'marginalReturn', 'model', 'optimize', 'scale', 'set', 'shift', 'substitution', 'total'].sort());
  });

  it.each(CORPUS.map((c, i) => [i, c.message, c] as const))('#%i %j', (_i, message, c) => {
    const result = parseQuestion(message, context({ previous: c.previous }));
    if (c.expect.kind === 'clarify') {
      expect(result.intent.kind).toBe('clarify');
    } else {
      expect(result.intent).toEqual(c.expect);
    }
    if (c.restates) expect(result.restatement).toMatch(c.restates);
  });

  it('offers, for a qualifier it cannot honour, the message without it, which runs as the reply says', () => {
    const asked = CORPUS.filter((c) => c.kind === 'askBack' && c.restates?.source.startsWith("can't take"));
    expect(asked.length).toBeGreaterThanOrEqual(15);
    for (const c of asked) {
      const intent = parseQuestion(c.message, context()).intent;
      if (intent.kind !== 'clarify' || !intent.options) throw new Error(`no reading offered for ${c.message}`);
      const reading = parseQuestion(intent.options[0], context());
      expect(['whatIf', 'optimize']).toContain(reading.intent.kind);
      expect(intent.question).toContain(`Without it: ${reading.restatement.charAt(0).toLowerCase()}${reading.restatement.slice(1)}.`);
    }
  });

  it('offers as readings only whole questions: each one, asked as a button would ask it, is understood', () => {
    let offered = 0;
    for (const c of CORPUS.filter((x) => x.kind.startsWith('askBack'))) {
      const intent = parseQuestion(c.message, context({ previous: c.previous })).intent;
      for (const option of intent.kind === 'clarify' ? (intent.options ?? []) : []) {
        offered++;
        expect(parseQuestion(option, context({ previous: c.previous })).intent.kind, `${c.message} → ${option}`).not.toBe('unknown');
      }
    }
    expect(offered).toBeGreaterThan(50);
  });
});
