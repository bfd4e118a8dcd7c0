/** The parser's building blocks, each against cases whose answer is known independently. */
import { describe, expect, it } from 'vitest';
import { extractQuantities } from '../../src/language/amounts';
import { channelIndex, extractMentions, typoAllowance, typoDistance } from '../../src/language/channels';
import { findHorizon } from '../../src/language/horizon';
import { normalizedWords } from '../../src/language/question';
import { plainText } from '../../src/language/slackText';
import { CHANNELS } from '../../testkit/language/fixture';

/** Textbook Damerau (optimal string alignment) distance by full table: the reference for the early-exit version. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('plainText (Slack markup)', () => {
  it.each([
    ['<@U123> cut *TV* by 30%', 'cut TV by 30%'],
    ['<@U123|bot> hi', 'hi'],
    ['see <https://example.com|the deck> now', 'see the deck now'],
    ['see <https://example.com> now', 'see now'],
    ['_italic_ and ~struck~ and `code`', 'italic and struck and code'],
    ['cut paid_search by 10%', 'cut paid_search by 10%'],
    ['ship it :rocket::tada: 🚀👍🏽', 'ship it'],
    ['“TV” ‘search’ — now…', '"TV" \'search\' - now'],
    ['tv &amp; radio &gt; 10k', 'tv & radio > 10k'],
    ['&gt; quoted question?', 'quoted question'],
    ['what now?!...', 'what now'],
    ['"double social" — asking for a friend', '"double social"'],
    ['cut tv 10% - thanks!', 'cut tv 10%'],
    ['<!here> <#C123|general> help', 'help'],
  ])('%j → %j', (message, plain) => {
    expect(plainText(message)).toBe(plain);
  });
});

describe('amounts', () => {
  const read = (text: string) => extractQuantities(normalizedWords(text));
  it.each([
    ['20%', { kind: 'percent', value: 20 }],
    ['20 percent', { kind: 'percent', value: 20 }],
    ['ten percent', { kind: 'percent', value: 10 }],
    ['$50k', { kind: 'money', value: 50_000 }],
    ['50K', { kind: 'money', value: 50_000 }],
    ['$1.2M', { kind: 'money', value: 1_200_000 }],
    ['1.2 million', { kind: 'money', value: 1_200_000 }],
    ['half a million', { kind: 'money', value: 500_000 }],
    ['$5,000', { kind: 'money', value: 5_000 }],
    ['12000', { kind: 'money', value: 12_000 }],
    ['10 grand', { kind: 'money', value: 10_000 }],
    ['20k a week', { kind: 'money', value: 20_000, per: 'week' }],
    ['20k/wk', { kind: 'money', value: 20_000, per: 'week' }],
    ['20k weekly', { kind: 'money', value: 20_000, per: 'week' }],
    ['120k in total', { kind: 'money', value: 120_000, per: 'horizon' }],
    ['half', { kind: 'percent', value: 50 }],
    ['a third', { kind: 'percent', value: 100 / 3 }],
    ['2x', { kind: 'times', value: 2 }],
    ['twice', { kind: 'times', value: 2 }],
    ['30', { kind: 'bare', value: 30 }],
    ['+10%', { kind: 'percent', value: 10 }],
    ['-20%', { kind: 'percent', value: -20 }],
  ])('%j', (text, quantity) => {
    const { quantities } = read(text);
    expect(quantities).toHaveLength(1);
    expect(quantities[0]).toMatchObject(quantity);
  });

  it('turns a monthly amount into a weekly one (12 months = 52 weeks)', () => {
    expect(read('$52k a month').quantities[0]).toMatchObject({ kind: 'money', value: 12_000, per: 'week' });
  });

  it('reads a rate said before the budget as the amount\'s ("our monthly budget was $52k")', () => {
    expect(read('our monthly budget was $52k').quantities[0]).toMatchObject({ kind: 'money', value: 12_000, per: 'week' });
    expect(read('an annual budget of 5.2m').quantities[0]).toMatchObject({ kind: 'money', value: 100_000, per: 'week' });
    expect(read('total weekly budget were $300k').quantities[0]).toMatchObject({ kind: 'money', value: 300_000, per: 'week' });
  });

  it('gives a range\'s first end the unit said after the second ("10-20k" is 10k to 20k)', () => {
    expect(read('10-20k').quantities).toMatchObject([{ kind: 'money', value: 10_000 }, { kind: 'money', value: 20_000 }]);
    expect(read('between 10 and 20%').quantities).toMatchObject([{ kind: 'percent', value: 10 }, { kind: 'percent', value: 20 }]);
    expect(read('$10,000-20,000 a week').quantities).toMatchObject([{ kind: 'money', value: 10_000, per: 'week' }, { kind: 'money', value: 20_000, per: 'week' }]);
  });

  it('leaves durations and clock times alone', () => {
    expect(read('8 weeks').quantities).toEqual([]);
    expect(read('at 9am').quantities).toEqual([]);
    expect(read('9:30').quantities).toEqual([]);
    expect(read('q1').quantities).toEqual([]);
  });

  it('numbers the placeholders in reading order', () => {
    expect(read('move 20% from tv and $5k from radio').text).toBe('move #0 from tv and #1 from radio');
  });
});

describe('horizons', () => {
  it.each([
    ['over the next 8 weeks', 8, false],
    ['for 8 weeks', 8, true],
    ['next quarter', 13, false],
    ['for the quarter', 13, true],
    ['in q1', 13, false],
    ['for a month', 4, true],
    ['next month', 4, false],
    ['for 2 months', 9, true],
    ['for 3 months', 13, true],
    ['for six months', 26, true],
    ['next year', 52, false],
    ['over an 8-week horizon', 8, false],
    ['for a fortnight', 2, true],
  ])('%j → %d weeks', (text, weeks, isDuration) => {
    expect(findHorizon(normalizedWords(text))).toMatchObject({ weeks, isDuration });
  });

  it('does not read "a week" in an amount as a horizon', () => {
    expect(findHorizon(normalizedWords('increase search by 10k a week'))).toBeUndefined();
    expect(findHorizon(normalizedWords('move a quarter of tv to search'))).toBeUndefined();
  });
});

describe('channel names', () => {
  const index = channelIndex(CHANNELS);
  const mentions = (text: string) => extractMentions(normalizedWords(text), index).mentions;

  it('typo distance agrees with the full-table reference on one typo, and counts a lone swap once', () => {
    const words = ['search', 'serach', 'seach', 'social', 'soical', 'display', 'dispaly', 'radio', 'raido', 'tv', 'kitten', 'sitting', 'ab', 'ba', ''];
    for (const a of words) for (const b of words) {
      const exact = referenceDistance(a, b);
      // Levenshtein (fastest-levenshtein) counts further swaps as two edits each: never less than the reference.
      expect(typoDistance(a, b, 10)).toBeGreaterThanOrEqual(exact);
      expect(typoDistance(a, b, 10)).toBeLessThanOrEqual(2 * exact);
      // Within one typo they agree; anything over the limit reports limit + 1.
      expect(typoDistance(a, b, 1)).toBe(Math.min(exact, 2));
    }
    expect([typoDistance('serach', 'search', 2), typoDistance('kitten', 'sitting', 5), typoDistance('ab', 'ba', 2)]).toEqual([1, 3, 1]);
  });

  it('allows more typos in longer words, none in short ones', () => {
    expect([2, 3, 4, 5, 6, 10].map(typoAllowance)).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('resolves keys, display names, aliases and groups case-insensitively', () => {
    expect(mentions('Paid Search')).toEqual([{ kind: 'channel', key: 'search', text: 'paid search' }]);
    expect(mentions('GOOGLE ADS')).toMatchObject([{ kind: 'channel', key: 'search' }]);
    expect(mentions('digital')).toMatchObject([{ kind: 'group', group: 'digital', keys: ['search', 'social', 'display'] }]);
    expect(mentions('every channel')).toMatchObject([{ kind: 'every' }]);
  });

  it('reports a word shared by several channels as ambiguous, never picks one', () => {
    expect(mentions('paid')).toMatchObject([{ kind: 'ambiguous', keys: ['search', 'social'] }]);
  });

  it('does not typo-match the parser\'s own words', () => {
    expect(mentions('ratio turn more from')).toEqual([]);
  });

  it('an alias shared by two channels is ambiguous', () => {
    const shared = channelIndex([
      { key: 'fb', displayName: 'Facebook', aliases: ['meta'] },
      { key: 'ig', displayName: 'Instagram', aliases: ['meta'] },
    ]);
    expect(extractMentions('meta', shared).mentions).toMatchObject([{ kind: 'ambiguous', keys: ['fb', 'ig'] }]);
  });

  it('reads a marketing synonym for a plain key, unless a word of another channel\'s own name is that synonym', () => {
    const plain = channelIndex([{ key: 'search', displayName: 'Search', aliases: [] }, { key: 'social', displayName: 'Social', aliases: [] }]);
    expect(extractMentions('google', plain).mentions).toMatchObject([{ kind: 'channel', key: 'search' }]);
    const googles = channelIndex([
      { key: 'google_search', displayName: 'Google Search', aliases: [] },
      { key: 'google_display', displayName: 'Google Display', aliases: [] },
    ]);
    expect(extractMentions('google', googles).mentions).toMatchObject([{ kind: 'ambiguous', keys: ['google_search', 'google_display'] }]);
  });

  it('rejects a vocabulary with a repeated or empty key, naming it', () => {
    expect(() => channelIndex([CHANNELS[0], CHANNELS[0]])).toThrow(/channel key "tv" appears twice/);
    expect(() => channelIndex([{ key: '', displayName: 'X', aliases: [] }])).toThrow(/empty key/);
  });
});
