/**
 * A message read once into the form every recognizer works on: lower-case words where each
 * amount is `#n` and each channel mention is `@n`, the horizon phrase taken out. So
 * "What if we move 20% of TV's budget to *search* for the next 8 weeks?" reads
 * `what if we move #0 of @0 to @1` with #0 = 20%, @0 = tv, @1 = search, 8 weeks.
 */
import { extractQuantities, type Quantity } from './amounts';
import { extractMentions, type ChannelIndex, type Mention } from './channels';
import { findHorizon, withoutHorizon, type Horizon } from './horizon';

export interface Question {
  /** The message as typed, Slack markup removed, case kept (for quoting back). */
  plain: string;
  /** Normalized lower-case words, before placeholders. */
  words: string;
  /** `words` with `#n` amounts and `@n` channel mentions, horizon removed, filler words dropped. */
  template: string;
  quantities: Quantity[];
  mentions: Mention[];
  horizon?: Horizon;
}

const SYMBOL_WORDS: Array<[RegExp, string]> = [
  [/>=|≥|=>/g, ' at least '],
  [/<=|≤|=</g, ' at most '],
  [/>/g, ' above '],
  [/</g, ' below '],
  [/±|\+\/-/g, ' within '],
  [/=/g, ' is '],
];

/** Lower case, possessives and apostrophes dropped, digits' thousands commas removed, punctuation reduced to what amounts need. */
export function normalizedWords(plain: string): string {
  let text = plain.toLowerCase();
  for (const [symbol, words] of SYMBOL_WORDS) text = text.replace(symbol, words);
  return text
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/\bre-(?=[a-z])/g, 're')
    .replace(/([a-z0-9])'s\b/g, '$1')
    .replace(/([a-z])'([a-z])/g, '$1$2')
    .replace(/&/g, ' and ')
    .replace(/(?<=[a-z])\/(?!(?:week|wk|w|month|mo)\b)(?=[a-z])/g, ' and ')
    .replace(/(?<=[a-z0-9])-(?=[a-z])|(?<=[a-z])-(?=\d)/g, ' ')
    .replace(/[^a-z0-9$€£%+\-./:,\s]/g, ' ')
    .replace(/,/g, ' , ')
    .replace(/\.(?!\d)|(?<!\d)\./g, ' ')
    .replace(/:(?!\d)|(?<!\d):/g, ' ')
    .replace(/\/(?![a-z0-9])|(?<![a-z0-9])\/(?!\s?(?:week|wk|w|month|mo)\b)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that never change what is asked: articles, politeness, and "spend"/"budget" right after a channel name. */
function withoutFillers(template: string): string {
  return template
    .replace(/\b(?:the|our|my|your|their|some|please|pls|kindly|just|actually|basically)\b/g, ' ')
    .replace(/(@\d+)(?:\s(?:spend|spending|budget|money|dollars|ads|advertising|campaigns?|channel|line|investment))+\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

export function readQuestion(plain: string, index: ChannelIndex): Question {
  const words = normalizedWords(plain);
  const horizon = findHorizon(words);
  const { text: withAmounts, quantities } = extractQuantities(withoutHorizon(words, horizon));
  const { text: withChannels, mentions } = extractMentions(withAmounts, index);
  const question: Question = { plain, words, template: withoutFillers(withChannels), quantities, mentions };
  if (horizon) question.horizon = horizon;
  return question;
}

/** The mentions referenced in a piece of template text, in order. */
export function mentionsIn(template: string, question: Question): Mention[] {
  return [...template.matchAll(/@(\d+)/g)].map((m) => question.mentions[Number(m[1])]);
}

/** The amounts referenced in a piece of template text, in order. */
export function quantitiesIn(template: string, question: Question): Quantity[] {
  return [...template.matchAll(/#(\d+)/g)].map((m) => question.quantities[Number(m[1])]);
}
