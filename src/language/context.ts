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

/** Asks which channel a word meant, with the candidates as options (and, per option, the question asked again with it). */
export function askWhichChannel(mention: Mention & { kind: 'ambiguous' }, reading: Reading): Intent {
  const options = namesOf(mention.keys, reading);
  return { kind: 'clarify', question: `"${mention.text}" could be ${listNames(options.map((o) => o))}: which one did you mean?`, options, followUps: withChannel(reading, mention.text, options) };
}

/** A word in a channel's place that names no channel: say so, list the channels, and offer the question again with each. */
export function unknownChannel(word: string, reading: Reading): Intent {
  const options = allChannelNames(reading);
  return { kind: 'clarify', question: `I don't know a channel called "${word}". The channels are ${listNames(options)}: which one did you mean?`, options, followUps: withChannel(reading, word, options) };
}

/**
 * The question as typed with `word` replaced by each channel name: what picking that channel asks.
 * Undefined when the word cannot be found in the message as typed.
 */
function withChannel(reading: Reading, word: string, names: string[]): string[] | undefined {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'iu');
  const plain = reading.question.plain;
  if (!pattern.test(plain)) return undefined;
  return names.map((name) => plain.replace(pattern, (_, before: string) => `${before}${name}`));
}

/** The first ambiguous mention among these, if any. */
export function firstAmbiguous(mentions: Mention[]): (Mention & { kind: 'ambiguous' }) | undefined {
  return mentions.find((m): m is Mention & { kind: 'ambiguous' } => m.kind === 'ambiguous');
}

/** A bare number ("by 30") could be percent or money: ask rather than guess. */
export function askUnit(quantity: Quantity, reading: Reading): Intent {
  void reading;
  const n = quantity.value;
  return { kind: 'clarify', question: `${n} what: ${n}% or $${n} a week?`, options: [`${n}%`, `$${n} a week`] };
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
