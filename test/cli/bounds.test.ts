import { describe, expect, it } from 'vitest';
import { parseBounds, vocabularyFromKeys } from '../../src/cliEngine';

describe('mmm optimize --bounds', () => {
  const channels = vocabularyFromKeys(['tv_spend', 'search_spend', 'ooh']);

  it('names channels by key, plain name or synonym, in any case', () => {
    expect(parseBounds('TV=10:20,tv_spend=:5,Paid Search=1:,billboards=0:3', channels)).toEqual([
      { kind: 'bounds', channel: 'tv_spend', min: 10, max: 20 },
      { kind: 'bounds', channel: 'tv_spend', max: 5 },
      { kind: 'bounds', channel: 'search_spend', min: 1 },
      { kind: 'bounds', channel: 'ooh', min: 0, max: 3 },
    ]);
  });

  it('refuses an unknown channel, listing the channels', () => {
    expect(() => parseBounds('tiktok=1:2', channels)).toThrow('--bounds: unknown channel "tiktok". Channels: tv_spend, search_spend, ooh');
  });
});
