import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/language';
import { developmentCorpus } from './corpus';
import { context } from './fixture';

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
});
