/**
 * What a recognizer knows besides the words: the dataset's channels, today's spend, the
 * thread's previous intent. Also the small helpers every recognizer shares for turning
 * mentions and amounts into spec values, so each rule lives in one place.
 */
import type { Intent } from '../scenarios/spec';
import type { Quantity } from './amounts';
import { displayName, listNames, type ChannelIndex, type ChannelVocabulary, type Mention } from './channels';
import type { Question } from './question';

export interface ParseContext {
  /** The dataset's channels (e.g. key 'search', displayName 'Paid Search', aliases ['sem','google ads','ppc'], group 'digital'). */
  channels: ChannelVocabulary[];
  /** Current weekly spend per channel key, for restatements ("20% of TV's weekly spend ($24k)") and group splits. */
  currentWeeklySpend?: Record<string, number>;
  /** The thread's last scenario/optimize intent, for follow-ups. */
  previous?: Intent;
  /** Scenario horizon when the message names none; 13 unless given. */
  defaultWeeks?: number;
  /** IANA time zone schedules are read in (e.g. 'Europe/Paris'). */
  timezone?: string;
}

export interface Reading {
  question: Question;
  index: ChannelIndex;
  context: ParseContext;
  defaultWeeks: number;
}

export function weeklySpendOf(reading: Reading, key: string): number | undefined {
  const spend = reading.context.currentWeeklySpend?.[key];
  return spend !== undefined && Number.isFinite(spend) ? spend : undefined;
}

/** Today's total weekly spend over the dataset's channels, when every channel's spend is known. */
export function weeklyTotal(reading: Reading): number | undefined {
  const spends = reading.index.channels.map((c) => weeklySpendOf(reading, c.key));
  return spends.every((s) => s !== undefined) ? spends.reduce((sum: number, s) => sum + (s as number), 0) : undefined;
}

/** The scenario horizon the message asks for, or the default. */
export function horizonWeeks(reading: Reading): number {
  return reading.question.horizon?.weeks ?? reading.defaultWeeks;
}

/**
 * Whether an unmarked money amount is weekly or a total: a named horizon makes it a total
 * ("$800k over the next 8 weeks"); otherwise it is weekly ("increase search by 10k").
 */
export function moneyPer(quantity: Quantity & { kind: 'money' }, reading: Reading): 'week' | 'horizon' {
  return quantity.per ?? (reading.question.horizon ? 'horizon' : 'week');
}

/**
 * A total budget is weekly or over the horizon; without a word saying which, an amount more than
 * three times today's weekly total can only be meant for the whole horizon ("we have $1.2M").
 */
export function budgetPer(quantity: Quantity & { kind: 'money' }, reading: Reading): 'week' | 'horizon' {
  if (quantity.per || reading.question.horizon) return moneyPer(quantity, reading);
  const total = weeklyTotal(reading);
  return total !== undefined && total > 0 && quantity.value > 3 * total ? 'horizon' : 'week';
}

/** Channel keys a mention stands for; ambiguous mentions have none until asked back. */
export function keysOf(mention: Mention, reading: Reading): string[] {
  if (mention.kind === 'channel') return [mention.key];
  if (mention.kind === 'group') return mention.keys;
  if (mention.kind === 'every') return reading.index.channels.map((c) => c.key);
  return [];
}

export function namesOf(keys: string[], reading: Reading): string[] {
  return keys.map((k) => displayName(reading.index, k));
}

export function allChannelNames(reading: Reading): string[] {
  return namesOf(reading.index.channels.map((c) => c.key), reading);
}

/** `text` as a pattern that matches it character for character. */
export function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as it stands in the message, the words it dropped while reading ("the", "our") allowed between the phrase's words. */
export function phrasePattern(phrase: string): RegExp {
  const words = phrase.split(' ').map(literally);
  return new RegExp(`\\s*\\b${words.join(String.raw`[\s,\-]+(?:(?:the|our|my)[\s\-]+)?`)}\\b`, 'i');
}

/** The phrase quoted as the asker typed it ("during the holidays", not "during holidays"). */
export function asTyped(plain: string, phrase: string): string {
  return phrasePattern(phrase).exec(plain)?.[0].trim() ?? phrase;
}

/** The message with a word put another way: one reading per candidate, each a question a button can ask as it is. */
function withWordAs(reading: Reading, word: string, replacement: string): string {
  const plain = reading.question.plain;
  const escaped = literally(word).replace(/\s+/g, '\\s+');
  const pattern = new RegExp(`\\b${escaped}\\b`, 'i');
  return pattern.test(plain) ? plain.replace(pattern, replacement) : replacement;
}

/** Asks which channel a word meant, each candidate as the message with it in the word's place. */
export function askWhichChannel(mention: Mention & { kind: 'ambiguous' }, reading: Reading): Intent {
  const names = namesOf(mention.keys, reading);
  const options = reading.question.plain ? names.map((n) => withWordAs(reading, mention.text, n)) : names;
  return { kind: 'clarify', question: `"${mention.text}" could be ${listNames(names)}: which one did you mean?`, options };
}

/**
 * A word in a channel's place that names no channel: say so, list the channels, each as the
 * message with it in the word's place — except `besides`, the channels the change already names
 * ("from TV to tiktok" offers no move from TV to TV).
 */
export function unknownChannel(word: string, reading: Reading, besides: string[] = []): Intent {
  const names = allChannelNames(reading);
  const offered = namesOf(reading.index.channels.map((c) => c.key).filter((k) => !besides.includes(k)), reading);
  const options = reading.question.plain ? offered.map((n) => withWordAs(reading, word, n)) : offered;
  return { kind: 'clarify', question: `I don't know a channel called "${word}". The channels are ${listNames(names)}: which one did you mean?`, options };
}

/** The first ambiguous mention among these, if any. */
export function firstAmbiguous(mentions: Mention[]): (Mention & { kind: 'ambiguous' }) | undefined {
  return mentions.find((m): m is Mention & { kind: 'ambiguous' } => m.kind === 'ambiguous');
}

/**
 * The message as typed with one amount put another way: each reading of an ambiguous message
 * becomes a question of its own, which a button can ask as it is.
 */
export function rephrased(reading: Reading, quantity: Quantity, replacement: string): string {
  const plain = reading.question.plain;
  const escaped = literally(quantity.text).replace(/\s/g, '\\s?');
  const at = new RegExp(escaped, 'i').exec(plain);
  return at ? `${plain.slice(0, at.index)}${replacement}${plain.slice(at.index + at[0].length)}` : replacement;
}

/** A bare number ("by 30") could be percent or money: ask rather than guess, each reading a question to click. */
export function askUnit(quantity: Quantity, reading: Reading): Intent {
  const n = quantity.value;
  const readings = reading.question.plain ? [rephrased(reading, quantity, `${n}%`), rephrased(reading, quantity, `$${n} a week`)] : [`${n}%`, `$${n} a week`];
  return { kind: 'clarify', question: `${n} what: ${n}% or $${n} a week?`, options: readings };
}

/** Money "for 8 weeks" with no "a week"/"in total": both readings asked back. */
export function askWeeklyOrTotal(quantity: Quantity, reading: Reading): Intent {
  const weeks = horizonWeeks(reading);
  return {
    kind: 'clarify',
    question: `Is ${quantity.text} a week, or ${quantity.text} in total over the ${weeks} weeks?`,
    options: [rephrased(reading, quantity, `${quantity.text} a week`), rephrased(reading, quantity, `${quantity.text} in total`)],
  };
}

/**
 * Shares of a destination set: in proportion to today's spend when the set is a group and spend is known
 * (moving money "to digital" keeps digital's mix), otherwise evenly.
 */
export function destinationShares(keys: string[], bySpend: boolean, reading: Reading): Array<{ channel: string; share: number }> {
  const spends = keys.map((k) => weeklySpendOf(reading, k));
  const total = spends.reduce((s: number, x) => s + (x ?? 0), 0);
  if (bySpend && spends.every((s) => s !== undefined) && total > 0) {
    return keys.map((channel, i) => ({ channel, share: (spends[i] as number) / total }));
  }
  return keys.map((channel) => ({ channel, share: 1 / keys.length }));
}
