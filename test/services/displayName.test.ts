import { describe, expect, it } from 'vitest';
import { vocabularyFromKeys } from '../../src/services/computeScenario';
import { displayNameFromKey } from '../../src/services/datasets';

describe('channel names from keys (a model file has no others)', () => {
  it('title-cases words and keeps channel acronyms in capitals', () => {
    expect(['tv', 'ooh', 'paid_search', 'ctv-streaming', 'direct mail'].map(displayNameFromKey)).toEqual(['TV', 'OOH', 'Paid Search', 'CTV Streaming', 'Direct Mail']);
  });

  it('names a spend column by its channel, with the plain name as an alias and a usual group', () => {
    expect(vocabularyFromKeys(['tv_spend', 'search_spend', 'ooh'])).toEqual([
      { key: 'tv_spend', displayName: 'TV', aliases: ['tv'], group: 'traditional' },
      { key: 'search_spend', displayName: 'Search', aliases: ['search'], group: 'digital' },
      { key: 'ooh', displayName: 'OOH', aliases: [], group: 'traditional' },
    ]);
  });
});
