import { describe, expect, it } from 'vitest';
import { parseBounds } from '../../src/cliEngine';
import { modelVocabulary } from '../../src/services/computeScenario';
import { InputProblems } from '../../src/services/errors';

describe('mmm optimize --bounds', () => {
  const channels = modelVocabulary({ channels: ['tv_spend', 'search_spend', 'ooh'] });

  it('names channels by key, plain name or synonym, in any case', () => {
    const problems = new InputProblems();
    expect(parseBounds('TV=10:20,tv_spend=:5,Paid Search=1:,billboards=0:3', channels, problems)).toEqual([
      { kind: 'bounds', channel: 'tv_spend', min: 10, max: 20 },
      { kind: 'bounds', channel: 'tv_spend', max: 5 },
      { kind: 'bounds', channel: 'search_spend', min: 1 },
      { kind: 'bounds', channel: 'ooh', min: 0, max: 3 },
    ]);
    expect(() => problems.throwIfAny('--bounds')).not.toThrow();
  });

  it('refuses an unknown channel, listing the channels', () => {
    const problems = new InputProblems();
    parseBounds('tiktok=1:2', channels, problems);
    expect(() => problems.throwIfAny('--bounds')).toThrow('"tiktok" is not a channel of this model (known: tv_spend, search_spend, ooh)');
  });
});
