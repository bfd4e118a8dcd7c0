import { describe, expect, it } from 'vitest';
import { displayNameFromKey } from '../../src/language/channelNames';
import { modelVocabulary } from '../../src/services/computeScenario';

describe('channel names from keys (a model file without names has no others)', () => {
  it('title-cases words and keeps channel acronyms in capitals', () => {
    expect(['tv', 'ooh', 'paid_search', 'ctv-streaming', 'direct mail'].map(displayNameFromKey)).toEqual(['TV', 'OOH', 'Paid Search', 'CTV Streaming', 'Direct Mail']);
  });

  it('names a spend column by its channel, with the plain name as an alias and a usual group', () => {
    expect(modelVocabulary({ channels: ['tv_spend', 'search_spend', 'ooh'] })).toEqual([
      { key: 'tv_spend', displayName: 'TV', aliases: ['tv'], group: 'traditional' },
      { key: 'search_spend', displayName: 'Search', aliases: ['search'], group: 'digital' },
      { key: 'ooh', displayName: 'OOH', aliases: [], group: 'traditional' },
    ]);
  });

  it('uses the names a model was fitted with when it has them', () => {
    const vocabulary = modelVocabulary({ channels: ['tv'], channelNames: { tv: { displayName: 'Linear TV', aliases: ['television'], group: null } } });
    expect(vocabulary).toEqual([{ key: 'tv', displayName: 'Linear TV', aliases: ['television'] }]);
  });
});
