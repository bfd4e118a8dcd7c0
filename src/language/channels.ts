/**
 * Channel names as people type them → channel keys. A dataset's channels come with a key
 * (`search`), a display name (`Paid Search`), aliases (`sem`, `google ads`) and a group
 * (`digital`). Matching is case-insensitive, tolerates typos scaled to the word's length,
 * and never guesses: a word that fits several channels (and is not a group) is reported
 * as ambiguous so the caller can ask back.
 */

import { synonymsOf, withoutSpendAffix } from './synonyms';
import { typoAllowance, typoDistance } from './typos';

export interface ChannelVocabulary {
  key: string;
  displayName: string;
  aliases: string[];
  group?: string;
}

export type Mention =
  | { kind: 'channel'; key: string; text: string }
  | { kind: 'group'; group: string; keys: string[]; text: string }
  | { kind: 'ambiguous'; keys: string[]; text: string }
  /** "every channel", "any channel", "all channels". */
  | { kind: 'every'; text: string };

type Target = { kind: 'channel'; key: string } | { kind: 'group'; group: string } | { kind: 'ambiguous'; keys: string[] };

export interface ChannelIndex {
  channels: ChannelVocabulary[];
  byKey: Map<string, ChannelVocabulary>;
  groups: Map<string, string[]>;
  /** Whole names (keys, display names, aliases, groups), as space-joined lower-case words. */
  phrases: Map<string, Target>;
  /** Single words of multi-word names ("paid", "google"), each with every channel it appears in. */
  nameWords: Map<string, Set<string>>;
  longestPhrase: number;
}

/** Everyday words that name no channel; "paid" and "digital" are deliberately absent, being ambiguous or groups. */
const GENERIC_WORDS = new Set([
  'ads', 'ad', 'advertising', 'media', 'spend', 'budget', 'channel', 'channels', 'marketing', 'campaign', 'campaigns',
  'the', 'and', 'of', 'for', 'on', 'in', 'to', 'a', 'an', 'my', 'our',
]);

/** Words the parser itself uses: never typo-matched to a channel ("ratio" is not "radio"). */
const GRAMMAR_WORDS = new Set(
  (
    'about above across actually add additional after again against allocate allocation also amount another any are around ask back ' +
    'before being below best better between both budget but can change changes cheaper cheapest compare cost could current curve ' +
    'daily data day decrease digest does double down drop drops each else every extra fall falls fixed from give goes good grow ' +
    'half halve have help higher how increase instead into keep kept last less limit lower make march maximize maximum mean ' +
    'minimize minimum model monday month more most move much next night noon optimal optimise optimize over pause percent ' +
    'performing plan please point post press put quarter rather ratio reach reduce remain report response retrain return ' +
    'returns revenue right roas round sales same saturated saturation scale schedule see send set shift should show slash spend ' +
    'split stay still stop sunday than that their them then there these third this those time times total trained train triple ' +
    'under undo until upon week weekly weeks what when where which while will with within without would year'
  ).split(' '),
);

/** Lower-case words of a name, the way questions are normalized: "Paid_Search" → "paid search". */
export function nameWords(name: string): string {
  return name
    .toLowerCase()
    .replace(/[_\-./]+/g, ' ')
    .replace(/[^a-z0-9 ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function addPhrase(phrases: Map<string, Target>, phrase: string, target: Target): void {
  if (!phrase) return;
  const existing = phrases.get(phrase);
  if (!existing) {
    phrases.set(phrase, target);
    return;
  }
  if (existing.kind === 'group' || target.kind === 'group') return; // a channel's own name wins over a group of the same name
  const keysOfTarget = (t: Target) => (t.kind === 'channel' ? [t.key] : t.kind === 'ambiguous' ? t.keys : []);
  const keys = new Set([...keysOfTarget(existing), ...keysOfTarget(target)]);
  phrases.set(phrase, keys.size === 1 ? existing : { kind: 'ambiguous', keys: [...keys] });
}

/** Builds the lookup tables once per vocabulary; rejects a vocabulary that would make names meaningless. */
export function channelIndex(channels: ChannelVocabulary[]): ChannelIndex {
  const byKey = new Map<string, ChannelVocabulary>();
  const groups = new Map<string, string[]>();
  const phrases = new Map<string, Target>();
  const nameWordIndex = new Map<string, Set<string>>();
  for (const channel of channels) {
    if (!channel.key) throw new Error('Channel vocabulary: a channel has an empty key');
    if (byKey.has(channel.key)) throw new Error(`Channel vocabulary: channel key "${channel.key}" appears twice`);
    byKey.set(channel.key, channel);
    if (channel.group) {
      const group = nameWords(channel.group);
      groups.set(group, [...(groups.get(group) ?? []), channel.key]);
    }
  }
  const ownNames = new Map(channels.map((c) => [c.key, [c.key, withoutSpendAffix(c.key), c.displayName, ...c.aliases].map(nameWords).filter(Boolean)]));
  for (const channel of channels) {
    const target: Target = { kind: 'channel', key: channel.key };
    for (const phrase of ownNames.get(channel.key) ?? []) {
      addPhrase(phrases, phrase, target);
      for (const word of phrase.split(' ')) {
        if (word.length < 3 || GENERIC_WORDS.has(word)) continue;
        nameWordIndex.set(word, new Set([...(nameWordIndex.get(word) ?? []), channel.key]));
      }
    }
  }
  // Marketing synonyms ("ppc", "billboards") where no channel already goes by that name, nor by a
  // name with that word in it: with google_search and google_display, "google" stays ambiguous.
  const synonymPhrases = new Map<string, Target>();
  const inAnotherName = (synonym: string, key: string) => [...(nameWordIndex.get(synonym) ?? [])].some((k) => k !== key);
  for (const channel of channels) {
    for (const synonym of synonymsOf(ownNames.get(channel.key) ?? [])) {
      if (!phrases.has(synonym) && !inAnotherName(synonym, channel.key)) addPhrase(synonymPhrases, synonym, { kind: 'channel', key: channel.key });
    }
  }
  for (const [phrase, target] of synonymPhrases) phrases.set(phrase, target);
  for (const group of groups.keys()) if (!phrases.has(group)) phrases.set(group, { kind: 'group', group });
  // Common synonyms of the usual group names, where the dataset has that group and no channel by the name.
  for (const [synonym, group] of [['online', 'digital'], ['offline', 'traditional']]) {
    if (groups.has(group) && !phrases.has(synonym)) phrases.set(synonym, { kind: 'group', group });
  }
  const longestPhrase = Math.max(1, ...[...phrases.keys()].map((p) => p.split(' ').length));
  return { channels, byKey, groups, phrases, nameWords: nameWordIndex, longestPhrase };
}

export { typoAllowance, typoDistance } from './typos';

function mentionOf(target: Target, text: string, index: ChannelIndex): Mention {
  if (target.kind === 'group') return { kind: 'group', group: target.group, keys: index.groups.get(target.group) ?? [], text };
  if (target.kind === 'ambiguous') return { kind: 'ambiguous', keys: target.keys, text };
  return { kind: 'channel', key: target.key, text };
}

function fromKeys(keys: Set<string>, text: string): Mention {
  return keys.size === 1 ? { kind: 'channel', key: [...keys][0], text } : { kind: 'ambiguous', keys: [...keys], text };
}

/** The closest name to a mistyped word, if exactly one channel (or group) is within the allowance. */
function typoMatch(word: string, index: ChannelIndex): Mention | undefined {
  const limit = typoAllowance(word.length);
  if (limit === 0 || GRAMMAR_WORDS.has(word) || GENERIC_WORDS.has(word)) return undefined;
  let best = limit + 1;
  let found: Target[] = [];
  const consider = (name: string, target: Target) => {
    if (name[0] !== word[0]) return; // first letters are rarely mistyped; requiring them avoids far-fetched matches
    const nameLimit = Math.min(limit, typoAllowance(name.length));
    const d = typoDistance(word, name, nameLimit);
    if (d > nameLimit) return;
    if (d < best) [best, found] = [d, [target]];
    else if (d === best) found.push(target);
  };
  for (const [phrase, target] of index.phrases) if (!phrase.includes(' ')) consider(phrase, target);
  for (const [name, keys] of index.nameWords) consider(name, keys.size === 1 ? { kind: 'channel', key: [...keys][0] } : { kind: 'ambiguous', keys: [...keys] });
  if (found.length === 0) return undefined;
  const groups = new Set(found.filter((t) => t.kind === 'group').map((t) => (t as { group: string }).group));
  const keys = new Set(found.flatMap((t) => (t.kind === 'channel' ? [t.key] : t.kind === 'ambiguous' ? t.keys : [])));
  if (groups.size === 1 && keys.size === 0) return mentionOf({ kind: 'group', group: [...groups][0] }, word, index);
  if (groups.size > 0 || keys.size === 0) return undefined;
  return fromKeys(keys, word);
}

/** A multi-word name typed with a typo in one of its words, starting at `tokens[at]`. */
function typoPhraseAt(tokens: string[], at: number, index: ChannelIndex): { mention: Mention; length: number } | undefined {
  for (let length = Math.min(index.longestPhrase, tokens.length - at); length >= 2; length--) {
    const typed = tokens.slice(at, at + length).join(' ');
    const limit = typoAllowance(typed.length);
    const close = [...index.phrases].filter(([phrase]) => phrase.split(' ').length === length && typoDistance(typed, phrase, limit) <= limit);
    if (close.length === 1) return { mention: mentionOf(close[0][1], typed, index), length };
  }
  return undefined;
}

const EVERY_CHANNEL = /^(?:every|each|any|all|all the|all of the|all our)$/;

interface Found {
  mention: Mention;
  length: number;
  /** Read from a near miss of a name ("serach"), so the answer says how it was read. */
  typo?: boolean;
}

/** The mention starting at `tokens[at]`, with how many tokens it spans, or undefined. Longest name wins. */
function mentionAt(tokens: string[], at: number, index: ChannelIndex): Found | undefined {
  const word = tokens[at];
  if (EVERY_CHANNEL.test(word) && /^channels?$/.test(tokens[at + 1] ?? '')) return { mention: { kind: 'every', text: `${word} ${tokens[at + 1]}` }, length: 2 };
  for (let length = Math.min(index.longestPhrase, tokens.length - at); length >= 1; length--) {
    const phrase = tokens.slice(at, at + length).join(' ');
    const target = index.phrases.get(phrase);
    if (target) return { mention: mentionOf(target, phrase, index), length };
  }
  if (word.length > 3 && word.endsWith('s')) {
    const singular = index.phrases.get(word.slice(0, -1));
    if (singular) return { mention: mentionOf(singular, word, index), length: 1 };
  }
  const partial = index.nameWords.get(word);
  if (partial) {
    // "paid serach": the first word alone would be ambiguous, the pair is a mistyped full name.
    const typoName = partial.size > 1 ? typoPhraseAt(tokens, at, index) : undefined;
    return typoName ? { ...typoName, typo: true } : { mention: fromKeys(partial, word), length: 1 };
  }
  const typo = typoMatch(word, index);
  return typo ? { mention: typo, length: 1, typo: true } : undefined;
}

/**
 * Replaces every channel mention in space-separated `words` with `@n`; placeholders already there (`#0`) are kept.
 * Returns the new text and the mentions in order.
 */
export function extractMentions(words: string, index: ChannelIndex): { text: string; mentions: Mention[]; typos: Mention[] } {
  const tokens = words.split(' ').filter(Boolean);
  const out: string[] = [];
  const mentions: Mention[] = [];
  const typos: Mention[] = [];
  for (let at = 0; at < tokens.length; ) {
    const found = /^[a-z]/.test(tokens[at]) ? mentionAt(tokens, at, index) : undefined;
    if (found) {
      if (found.typo) typos.push(found.mention);
      out.push(`@${mentions.push(found.mention) - 1}`);
      at += found.length;
    } else {
      out.push(tokens[at]);
      at += 1;
    }
  }
  return { text: out.join(' '), mentions, typos };
}

/** Whether a word is a channel name or near enough to one for channel matching to take it ("serach"). */
export function isChannelWord(word: string, index: ChannelIndex): boolean {
  return index.phrases.has(word) || index.nameWords.has(word) || typoMatch(word, index) !== undefined;
}

/**
 * The channel key a typed name stands for, as typed inputs (GraphQL, `mmm optimize --bounds`)
 * give it: a key, display name, alias or synonym, any case; no typo guessing there.
 */
export function channelKeyFor(name: string, index: ChannelIndex): { key: string } | { ambiguous: string[] } | undefined {
  if (index.byKey.has(name)) return { key: name };
  const target = index.phrases.get(nameWords(name));
  if (!target) return undefined;
  if (target.kind === 'channel') return { key: target.key };
  if (target.kind === 'ambiguous') return { ambiguous: target.keys };
  return undefined;
}

/** How a marketer names a channel in a reply: its display name, or the key when it has none. */
export function displayName(index: ChannelIndex, key: string): string {
  return index.byKey.get(key)?.displayName || key;
}

/** "TV", "TV and Radio", "TV, Radio and Display". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
