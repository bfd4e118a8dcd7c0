/**
 * A message read once into the form every recognizer works on: lower-case words where each
 * amount is `#n` and each channel mention is `@n`, the horizon phrase taken out. So
 * "What if we move 20% of TV's budget to *search* for the next 8 weeks?" reads
 * `what if we move #0 of @0 to @1` with #0 = 20%, @0 = tv, @1 = search, 8 weeks.
 */
import { extractQuantities, withSpelledNumbers, type Quantity } from './amounts';
import { extractMentions, isChannelWord, type ChannelIndex, type Mention } from './channels';
import { findHorizon, withoutHorizon, type Horizon } from './horizon';
import { isCommonWord, withIntentWordsCorrected, type Correction } from './typos';

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
  /** Words read as something else: mistyped intent words ("budgt" → "budget") and channel names ("serach" → search). */
  corrections: Correction[];
  /** Channel mentions read from a near miss of a name. */
  typoMentions: Mention[];
}

const SYMBOL_WORDS: Array<[RegExp, string]> = [
  [/>=|≥|=>/g, ' at least '],
  [/<=|≤|=</g, ' at most '],
  [/>/g, ' above '],
  [/</g, ' below '],
  [/±|\+\/-/g, ' within '],
  [/=/g, ' is '],
  // "radio ×3", "2× search": the times sign as the letter people type for it.
  [/×/g, ' x'],
];

/** Lower case, possessives and apostrophes dropped, digits' thousands commas removed, punctuation reduced to what amounts need. */
export function normalizedWords(plain: string): string {
  // Arrows between names move money: "tv -> social", "tv → search", "tv => search".
  let text = plain.toLowerCase().replace(/\s*(?:-+>|→|⟶|⇒|(?<=[a-z])\s*=>(?=\s*[a-z]))\s*/g, ' shiftto ');
  for (const [symbol, words] of SYMBOL_WORDS) text = text.replace(symbol, words);
  return text
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/\bre-(?=[a-z])/g, 're')
    .replace(/([a-z0-9])'s\b/g, '$1')
    .replace(/([a-z])'([a-z])/g, '$1$2')
    .replace(/&/g, ' and ')
    // "what % of revenue": a percent sign with no number before it is the word.
    .replace(/(?<![\d.]\s?)%/g, ' percent ')
    .replace(/;/g, ' , ')
    .replace(/(?<=[a-z])\/(?!(?:week|wk|w|month|mo)\b)(?=[a-z])/g, ' and ')
    // "10-ish percent", "20ish%": a rough amount, read as said ("about 10%" is 10%).
    .replace(/(\d)\s?-?\s?ish\b/g, '$1')
    // "5-10%" is a range (two amounts, asked which), never 5 and a cut of 10%.
    .replace(/(\d(?:%|k|m|mm|bn)?)\s?-\s?(?=[$€£]?(?:\d+(?:\.\d+)?\s?(?:%|percent|pct|k\b|m\b|mm\b|thousand|million)|\d{4,}))/g, '$1 to ')
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
    // "…, what's the lift?": the question a scenario answers anyway ("lift" is not an edit here).
    .replace(/\s+(?:,\s+)?(?:what|whats|how much)\s+(?:is\s+|would be\s+|s\s+)?(?:the\s+)?(?:lift|uplift|impact|effect|result|outcome|upside|downside|hit)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "@0 shiftto @1" (an arrow) → "move from @0 to @1"; an arrow elsewhere is a plain "to". */
function withArrowsRead(template: string): string {
  if (!template.includes('shiftto')) return template;
  const run = String.raw`@\d+(?:\s(?:,\s)?(?:and\s|or\s|plus\s)?@\d+)*`;
  const read = template.replace(new RegExp(String.raw`(${run})\s(?:(#\d+)\s)?shiftto\s(${run})`, 'g'), (_m, from: string, amount: string | undefined, to: string) => `${amount ? `${amount} ` : ''}from ${from} to ${to}`);
  const moved = /\b(?:move|shift|moving|shifting|reallocate|transfer|put|send)\b/.test(read) || !read.includes('from @') ? read : `move ${read}`;
  return moved.replace(/\bshiftto\b/g, 'to');
}

/** "split 20% of TV (evenly) between search and social" → "move 20% from TV to search and social" (equal shares, as a move to several channels is). */
const SPLIT_BETWEEN = new RegExp(
  String.raw`\b(?:split|divide|spread|share)\s(#\d+)\s(?:of\s)?(@\d+)\s(?:(?:evenly|equally)\s)?(?:between|across|among|amongst|over)\s(@\d+(?:\s(?:,\s)?(?:and\s|or\s|plus\s)?@\d+)+)(?:\s(?:evenly|equally))?`,
  'g',
);

function withSplitsRead(template: string): string {
  return template.replace(SPLIT_BETWEEN, (_m, amount: string, from: string, to: string) => `move ${amount} from ${from} to ${to}`);
}

/** "no channel below 10k" is a floor on every channel, "no channel above 30%" a cap: said the way the limits are read. */
function withChannelLimitsForEach(words: string): string {
  return words
    .replace(/\bno (?:single )?channels?\s(?:(?:gets?|getting|goes|go|going|drops?|dropping|falls?|falling|is|should be|may be|can be|ends up|ending up|at)\s)?(?:below|under|less than|lower than)\b/g, 'every channel at least')
    .replace(/\bno (?:single )?channels?\s(?:(?:gets?|getting|goes|go|going|rises?|rising|is|should be|may be|can be|ends up|ending up|at)\s)?(?:above|over|more than|higher than)\b/g, 'every channel at most');
}

/** "a 10% radio cut", "a 20% increase in search", "a 5k/wk boost for display": an edit said as a noun, read as its verb. */
const EDIT_NOUN = /\b(?:an?\s)?(#\d+)\s(?:(@\d+)\s)?(cut|reduction|decrease|drop|trim|increase|boost|raise|bump|lift|uplift|rise)(?:\s(?:to|in|on|for|of)\s(@\d+))?\b/g;
const EDIT_NOUN_VERB: Record<string, string> = { cut: 'cut', reduction: 'cut', decrease: 'cut', drop: 'cut', trim: 'cut', increase: 'increase', boost: 'increase', raise: 'increase', bump: 'increase', lift: 'increase', uplift: 'increase', rise: 'increase' };

function withEditNounsRead(template: string): string {
  return template.replace(EDIT_NOUN, (said, amount: string, before: string | undefined, noun: string, after: string | undefined) =>
    // Exactly one channel, before the noun or after it: "a 10% budget cut" names none and stays as said.
    (before === undefined) === (after === undefined) ? said : `${EDIT_NOUN_VERB[noun]} ${before ?? after} by ${amount}`,
  );
}

/**
 * Plan edits said another way round: "search got 10% of TV" is a move from TV to search; "we
 * didn't spend anything on print" stops print; "add a 10% radio cut to that" adds the cut to the
 * thread's scenario, as "also cut radio by 10%" does.
 */
function withEditsRead(template: string): string {
  return withEditNounsRead(template)
    .replace(/^(?:(?:and|ok|okay|now|so|then)\s)*add\s((?:cut|increase)\s@\d+\sby\s#\d+)\s(?:to|onto|on top of)\s(?:that|it|this)(?:\sscenario|\sone)?$/, 'also $1')
    .replace(/(@\d+)\s(?:got|gets|get|took|takes|received|receives|were given|was given)\s(#\d+)\s(?:of\s|from\s|out of\s)?(@\d+)(?=\s|$)/g, 'move $2 from $3 to $1')
    // "TV lost 20% and search gained it", "put 30k more into social and take it out of TV": one move said from both ends.
    .replace(/(@\d+)\s(?:lost|loses|lose|gave up|gives up|give up|dropped|drops)\s(#\d+)\s(?:,\s)?and\s(@\d+)\s(?:gained|gains|gain|got|gets|get|took|takes|take|received|receives)\s(?:it|that|them|this|those)(?=\s|$)/g, 'move $2 from $1 to $3')
    .replace(/\b(?:put|puts|add|adds|give|gives|move|moves)\s(#\d+)\s(?:more\s|extra\s)?(?:into|in|to|onto)\s(@\d+)\s(?:,\s)?and\s(?:take|takes|pull|pulls|get|gets|fund|funds)\s(?:it|that|them|this)\s(?:out of|from|off)\s(@\d+)(?=\s|$)/g, 'move $1 from $3 to $2')
    .replace(/\b(?:didnt|did not|dont|do not|didn t|don t)\s(?:spend|spent|put)\s(?:anything|any money|a (?:dime|cent|penny)|money)\s(?:on|in|into)\s(@\d+)/g, 'stop spending on $1');
}

function isKnownWord(word: string, index: ChannelIndex): boolean {
  return word === 'shiftto' || isCommonWord(word) || /[^a-z]/.test(word) || isChannelWord(word, index);
}

export function readQuestion(plain: string, index: ChannelIndex): Question {
  const corrected = withIntentWordsCorrected(normalizedWords(plain), (word) => isKnownWord(word, index));
  const words = withChannelLimitsForEach(withSpelledNumbers(corrected.words));
  const corrections = corrected.corrections;
  const horizon = findHorizon(words);
  const { text: withAmounts, quantities } = extractQuantities(withoutHorizon(words, horizon));
  const { text: withChannels, mentions, typos } = extractMentions(withAmounts, index);
  const question: Question = { plain, words, template: withEditsRead(withSplitsRead(withArrowsRead(withoutFillers(withChannels)))), quantities, mentions, corrections, typoMentions: typos };
  if (horizon) question.horizon = horizon;
  return question;
}

/** The mentions referenced in a piece of template text, in order. */
export function mentionsIn(template: string, question: Question): Mention[] {
  return [...template.matchAll(/@(\d+)/g)].map((m) => question.mentions[Number(m[1])]);
}

/** A piece of template text as the asker typed it: placeholders back to their words. */
export function typedText(template: string, question: Question): string {
  return template
    .replace(/#(\d+)/g, (_m, i: string) => question.quantities[Number(i)]?.text ?? '')
    .replace(/@(\d+)/g, (_m, i: string) => question.mentions[Number(i)]?.text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The amounts referenced in a piece of template text, in order. */
export function quantitiesIn(template: string, question: Question): Quantity[] {
  return [...template.matchAll(/#(\d+)/g)].map((m) => question.quantities[Number(m[1])]);
}
