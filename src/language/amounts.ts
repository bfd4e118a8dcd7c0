/**
 * Amounts as marketers type them: "20%", "$50k", "1.2M", "10k a week", "half a million",
 * "half", "a third", "2x". Each is replaced in the text by a `#n` placeholder so the
 * phrase patterns read "move #0 from @0 to @1" whatever the amount looked like.
 */

import { parse as parseNumberWords } from 'numbered';

/** Money per week, per the whole horizon, or not said (the intent decides). Percent values are in percent units (20 = 20%). */
export type Quantity =
  | { kind: 'percent'; value: number; text: string }
  | { kind: 'money'; value: number; per?: 'week' | 'horizon'; text: string }
  /** A multiple: "2x", "twice", "3 times". */
  | { kind: 'times'; value: number; text: string }
  /** A number with no unit ("cut TV by 30"): asked back rather than guessed. */
  | { kind: 'bare'; value: number; text: string };

const WEEKS_PER_MONTH = 52 / 12;

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100, 'half a': 0.5,
};
const NUMBER_WORD = Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|');

const SCALE_WORDS: Record<string, number> = {
  k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, mil: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9,
};

/** Words that say how money is counted; "a month" becomes weekly (×12/52). */
const PER = String.raw`(?:\s?(?<per>(?:/|per|a|an|each|every)\s?(?:week|wk|w)\b|weekly\b|(?:/|per|a|an|each|every)\s?(?:month|mo)\b|monthly\b|(?:/|per|a|each|every)\s?(?:quarter|qtr|q)\b|quarterly\b|(?:/|per|a|each|every)\s?(?:year|yr|annum)\b|yearly\b|annually\b|in total\b|total\b|altogether\b))?`;

/** The words after a number that make it a percentage; percentage points are one too (the qualifiers ask what they are points of). */
const PERCENT_WORDS = String.raw`percentage points?|percent|per cent|pct|pc|points?|pts|ppts|pp`;
const PERCENT_UNIT = String.raw`%|(?:${PERCENT_WORDS})\b`;
const IS_PERCENT_UNIT = new RegExp(String.raw`^(?:%|${PERCENT_WORDS})$`);

const CURRENCY_AFTER = String.raw`(?:\s?(?:usd|dollars?|bucks|eur|euros?|gbp|pounds?)\b)`;

const NUMERIC = new RegExp(
  String.raw`(?<![\w.#@:])(?<sign>[+-])?\s?(?<cur>[$€£]|usd\s|eur\s)?\s?(?<num>\d+(?:\.\d+)?)` +
    String.raw`(?:\s?(?<unit>${PERCENT_UNIT}|k\b|mm\b|mn\b|m\b|bn\b|b\b|thousand\b|grand\b|million\b|mil\b|billion\b|x\b|times\b))?` +
    String.raw`(?<cur2>${CURRENCY_AFTER})?${PER}`,
  'g',
);

const WORDY_MONEY = new RegExp(
  String.raw`(?<![\w#@])(?<cur>[$€£])?(?<num>${NUMBER_WORD})\s(?<unit>thousand|grand|million|mil|billion)\b(?<cur2>${CURRENCY_AFTER})?${PER}`,
  'g',
);

const WORDY_PERCENT = new RegExp(String.raw`(?<![\w#@])(?<num>${NUMBER_WORD})\s(?:percent|per cent)\b`, 'g');

const FRACTIONS: Array<[RegExp, number]> = [
  [/\b(?:two thirds|2\/3)\b/g, 200 / 3],
  [/\b(?:three quarters|3\/4)\b/g, 75],
  // "half-life" is carry-over, not 50%.
  [/\b(?:a|one) half\b|\bhalf(?! a (?:year|month|quarter))(?! li(?:fe|ves)\b)\b/g, 50],
  [/\b(?:a|one) third\b|\b1\/3\b/g, 100 / 3],
  // "600k a quarter" is money per quarter, not 25%.
  [/(?<!\d(?:k|m|mm|bn|b|thousand|million)?\s?)\b(?:a|one) quarter\b|\b1\/4\b/g, 25],
  [/\b(?:a|one) fifth\b|\b1\/5\b/g, 20],
  [/\b(?:a|one) tenth\b|\b1\/10\b/g, 10],
  // "move all our radio money into search": after a verb that moves money, "all" is all of it (not "all channels", "all the budget").
  // "move the radio budget to search": a channel's whole budget, moved.
  [/(?<=\b(?:move|moved|moving|shift|shifted|shifting|reallocate|reallocated|transfer|transferred)\s)(?:the|our|my)(?=\s[a-z]+(?:\s[a-z]+)?\s(?:budget|spend|spending|money)\s(?:to|into|over to|onto)\b)/g, 100],
  [/\ball(?= of\b)|(?<=\b(?:move|moved|moving|shift|shifted|shifting|reallocate|reallocated|transfer|transferred|put|take|took|pull|pulled)\s)all\b(?!\s(?:of|channels?|spend|spending|budget|money|media|the)\b)|\beverything(?= (?:from|in|on|out of)\b)/g, 100],
];

const MULTIPLES: Array<[RegExp, number]> = [
  [/\btwice\b/g, 2],
  // "search x2", "tv ×1.5": the multiple written before its number.
  ...[1.5, 2, 3, 4].map((n): [RegExp, number] => [new RegExp(String.raw`(?<![\w.])[x×]\s?${String(n).replace('.', String.raw`\.`)}(?![\w.])`, 'g'), n]),
  [/\bthree times\b/g, 3],
];

/** Units after a number that make it a duration or a time of day, not an amount. */
const NOT_AN_AMOUNT_AFTER = /^\s?(?:weeks?|wks?|months?|mos?|quarters?|years?|yrs?|days?|am\b|pm\b|hours?|hrs?|h\b|:\d|st\b|nd\b|rd\b|th\b|w\b|(?:\/|-)\d)/;

function perOf(text: string | undefined): { per?: 'week' | 'horizon'; weeklyFactor: number } {
  if (!text) return { weeklyFactor: 1 };
  if (/month|mo\b/.test(text)) return { per: 'week', weeklyFactor: 1 / WEEKS_PER_MONTH };
  if (/quarter|qtr|\bq\b/.test(text)) return { per: 'week', weeklyFactor: 1 / 13 };
  if (/year|yr|annum|annually/.test(text)) return { per: 'week', weeklyFactor: 1 / 52 };
  if (/total|altogether/.test(text)) return { per: 'horizon', weeklyFactor: 1 };
  return { per: 'week', weeklyFactor: 1 };
}

function moneyQuantity(value: number, perText: string | undefined, text: string): Quantity {
  const { per, weeklyFactor } = perOf(perText);
  const money: Quantity = { kind: 'money', value: value * weeklyFactor, text };
  if (per) money.per = per;
  return money;
}

function numericQuantity(groups: Record<string, string | undefined>, text: string): Quantity {
  const number = Number(groups.num) * (groups.sign === '-' ? -1 : 1);
  const unit = groups.unit?.trim();
  if (IS_PERCENT_UNIT.test(unit ?? '')) return { kind: 'percent', value: number, text };
  if (unit === 'x' || unit === 'times') return { kind: 'times', value: number, text };
  const scale = unit ? SCALE_WORDS[unit] : 1;
  if (groups.cur || groups.cur2 || unit || groups.per) return moneyQuantity(number * scale, groups.per, text);
  // Four digits and more can only be money; a small bare number could be a percent or dollars.
  return Math.abs(number) >= 1000 ? moneyQuantity(number, undefined, text) : { kind: 'bare', value: number, text };
}

const SPELLED_UNITS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen'.split(' ');
const SPELLED_TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
const SPELLED_SCALES = ['hundred', 'thousand', 'million', 'billion'];
const SPELLED = new Set([...SPELLED_UNITS, ...SPELLED_TENS, ...SPELLED_SCALES]);
const SPELLED_WORD = [...SPELLED].join('|');
// Not after "half": "half a million" is read whole by WORDY_MONEY.
const SPELLED_RUN = new RegExp(String.raw`(?<!\bhalf\s)\b(?:a\s)?(?:${SPELLED_WORD})(?:\s(?:and\s(?:a\shalf\s(?=(?:hundred|thousand|million|billion)\b))?)?(?:${SPELLED_WORD}))*\b`, 'g');
/** Words read as a number even alone ("ten" to "nineteen", the tens); "zero" to "nine" alone are left to the phrase patterns. */
const SPELLED_ALONE = new Set([...SPELLED_UNITS.slice(10), ...SPELLED_TENS]);

/**
 * Numbers in words as digits (numbered reads them): "twenty five percent" → "25 percent",
 * "one hundred thousand" → "100000", "one and a half million" → "1500000". A lone small word
 * ("one", "two thirds", "three times") is left to the phrase patterns that read it.
 */
export function withSpelledNumbers(words: string): string {
  if (!/[a-z]/.test(words)) return words;
  return words.replace(SPELLED_RUN, (run) => {
    const tokens = run.split(' ');
    const counted = tokens.filter((t) => SPELLED.has(t));
    const lone = counted.length === 1 && !SPELLED_ALONE.has(counted[0]) && !(tokens[0] === 'a' && SPELLED_SCALES.includes(counted[0]));
    if (lone) return run;
    const half = /^(.*?)\sand\sa\shalf\s(hundred|thousand|million|billion)$/.exec(run);
    const value = half ? (parseNumberWords(half[1]) + 0.5) * parseNumberWords(`one ${half[2]}`) : parseNumberWords(run.replace(/^a\s/, 'one '));
    return Number.isFinite(value) && value > 0 ? String(value) : run;
  });
}

/** "50k more per month" → "50k per month more": the rate belongs to the amount, the comparison word stays for the phrase patterns. */
const RATE_AFTER_COMPARISON = /(\d(?:[\d.]*)\s?(?:k|m|mm|bn|thousand|million)?)\s(more|less|extra|additional|fewer)\s((?:per|a|an|each|every)\s(?:week|wk|month|mo|quarter|year))\b/g;

/**
 * "our monthly budget was $1.1M", "an annual budget of 13M": the rate said before the noun belongs
 * to the amount after it, which is moved after the amount to be read as money per that period.
 */
const RATE_BEFORE_NOUN = /\b(weekly|monthly|quarterly|yearly|annual)\s((?:(?:total|overall|media|marketing|ad)\s)?(?:budget|spend|spending)\s(?:(?:is|was|were|of|at|to|would be|will be|be)\s)?)([$€£]?\d+(?:\.\d+)?(?:\s?(?:k|m|mm|bn|thousand|million))?\b)(?!\s?(?:\/|per|a|an|each|every|in)\s?(?:week|wk|w|month|mo|quarter|qtr|year|yr|total)\b|\s(?:weekly|monthly|quarterly|yearly|annually)\b)/g;
const RATE_WORDS: Record<string, string> = { weekly: 'a week', monthly: 'a month', quarterly: 'a quarter', yearly: 'a year', annual: 'a year' };

/**
 * "10 to 20k", "between 10 and 20%", "5 to 10 percent": a range says its unit once, after the
 * second end; the first end has the same unit ("10k to 20k"), never a bare number asked as
 * "10% or $10?".
 */
const RANGE_UNIT_ONCE = new RegExp(
  String.raw`(?<![\w.#@:])(?<cur>[$€£])?(?<first>\d+(?:\.\d+)?)\s(?<join>to|and)\s(?<cur2>[$€£])?(?<second>\d+(?:\.\d+)?)(?<unit>(?:\s?(?:${PERCENT_UNIT}|k\b|mm\b|m\b|thousand\b|million\b))?${PER})`,
  'g',
);

function withRangeUnitsShared(words: string): string {
  return words.replace(RANGE_UNIT_ONCE, (range, cur: string | undefined, first: string, join: string, cur2: string | undefined, second: string, unit: string) =>
    unit ? `${cur ?? cur2 ?? ''}${first}${unit} ${join} ${cur2 ?? ''}${second}${unit}` : range,
  );
}

/** Replaces every amount in `words` (normalized, lower case) with `#n`; returns the new text and the amounts in order. */
export function extractQuantities(words: string): { text: string; quantities: Quantity[] } {
  const quantities: Quantity[] = [];
  const placeholder = (q: Quantity) => ` #${quantities.push(q) - 1} `;
  let text = withRangeUnitsShared(words).replace(RATE_AFTER_COMPARISON, '$1 $3 $2').replace(RATE_BEFORE_NOUN, (_m, rate: string, noun: string, amount: string) => `${noun}${amount} ${RATE_WORDS[rate]}`).replace(WORDY_MONEY, (match, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    return placeholder(moneyQuantity(NUMBER_WORDS[groups.num as string] * SCALE_WORDS[groups.unit as string], groups.per, match.trim()));
  });
  text = text.replace(WORDY_PERCENT, (match, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    return placeholder({ kind: 'percent', value: NUMBER_WORDS[groups.num as string], text: match.trim() });
  });
  for (const [pattern, percent] of FRACTIONS) text = text.replace(pattern, (match) => placeholder({ kind: 'percent', value: percent, text: match }));
  for (const [pattern, times] of MULTIPLES) text = text.replace(pattern, (match) => placeholder({ kind: 'times', value: times, text: match }));
  text = text.replace(NUMERIC, (match, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const offset = args[args.length - 3] as number;
    const whole = args[args.length - 2] as string;
    if (!groups.unit && !groups.cur && !groups.per && NOT_AN_AMOUNT_AFTER.test(whole.slice(offset + match.length))) return match;
    const leading = match.match(/^\s*/)?.[0] ?? '';
    return leading + placeholder(numericQuantity(groups, match.trim()));
  });
  return { text: text.replace(/\s+/g, ' ').trim(), quantities };
}
