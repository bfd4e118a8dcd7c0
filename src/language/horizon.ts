/**
 * How long a scenario runs: "next 8 weeks", "next quarter", "Q1", "for a month", "for 2 months".
 * A quarter is 13 weeks and a month is 52/12 weeks rounded, so 3 months = a quarter.
 */

export interface Horizon {
  weeks: number;
  /**
   * "for a month" without "next"/"over": a duration of the change itself ("pause display for a month"),
   * which a `set` change can carry while the scenario keeps its horizon.
   */
  isDuration: boolean;
  text: string;
}

const WEEKS_PER_MONTH = 52 / 12;

const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, twenty: 20, 'twenty six': 26, 'fifty two': 52,
};
const COUNT = String.raw`\d+(?:\.\d+)?|twenty six|fifty two|${Object.keys(COUNT_WORDS).filter((w) => !w.includes(' ')).join('|')}`;

const UNIT_WEEKS: Array<[RegExp, number]> = [
  [/^w/, 1],
  [/^mo/, WEEKS_PER_MONTH],
  [/^q/, 13],
  [/^y/, 52],
];

const COUNTED = new RegExp(
  String.raw`(?:\b(?<prep>for|over|during|across|within|in|through)\s)?(?:(?:the|an)\s)?(?:(?<next>next|coming|following|upcoming|first)\s)?` +
    String.raw`(?<count>${COUNT})\s?(?<unit>weeks?|wks?|months?|mos?|quarters?|qtrs?|years?|yrs?)\b(?:\s(?:horizon|period|window|run|plan))?`,
  'g',
);

/** Named periods; "a month" needs a "for"/"next" so that "$10k a month" stays an amount. */
const NAMED: Array<[RegExp, number]> = [
  // "a quarter" alone is an amount ("cut TV by a quarter"): a horizon quarter has "for"/"over"/"next"/"this".
  [/\b(?:(?<prep>for|over|during|in|across|through)\s(?:the\s|a\s)?(?<next>next|this|coming|following|upcoming|current)?\s?|(?:the\s)?(?<next2>next|this|coming|following|upcoming|current)\s)(?:fiscal\s)?(?:quarter|qtr)\b(?! of)/, 13],
  [/\b(?:(?<prep>for|over|during|in|across|through)\s)?(?:the\s)?(?<next>)q[1-4](?:\s?(?:fy)?\d{2,4})?\b/, 13],
  [/\b(?:(?<prep>for|over|during|in|across|through)\s)(?:the\s)?(?<next>next|this|coming|following)?\s?month\b|\b(?<next2>next|this|coming)\smonth\b/, Math.round(WEEKS_PER_MONTH)],
  [/\b(?:(?<prep>for|over|during|in|across|through)\s)?(?:the\s)?(?<next>next|this|coming|following)\s(?:fiscal\s)?year\b|\bfor a year\b|\bfull year\b|\b(?:for|over|during|across|through)\s(?:the\s)?(?:whole\s|full\s|entire\s|rest of the\s)?year\b/, 52],
  [/\b(?:(?<prep>for|over|during|in)\s)?(?:the\s)?(?<next>next|coming)?\s?(?:half (?:a )?year|six months|h[12])\b/, 26],
  [/\b(?:(?<prep>for|over|during|in)\s)?(?:the\s|a\s)?(?<next>next|coming)?\s?fortnight\b/, 2],
  // "starting next week" says when, not for how long: left for the date qualifiers to ask about.
  [/\b(?:(?<prep>for)\s)a week\b|(?<!\b(?:starting|beginning|from|after|until|till|before) )\b(?<next>next|this)\sweek\b/, 1],
];

function countValue(count: string): number {
  return COUNT_WORDS[count] ?? Number(count);
}

/** Finds the first horizon phrase in normalized text and returns it with the text it came from, or undefined. */
export function findHorizon(words: string): Horizon | undefined {
  for (const counted of words.matchAll(COUNTED)) {
    const { prep, next, count, unit } = counted.groups ?? {};
    const isWordCount = /^[a-z]/.test(count);
    // "a week" alone is "per week" ("10k a week"); a spelled-out count needs "for"/"over"/"next" to be a horizon.
    if (!isWordCount || prep || next) {
      const perUnit = UNIT_WEEKS.find(([pattern]) => pattern.test(unit))?.[1] ?? 1;
      return {
        weeks: Math.max(1, Math.round(countValue(count) * perUnit)),
        isDuration: prep === 'for' && !next,
        text: counted[0],
      };
    }
  }
  for (const [pattern, weeks] of NAMED) {
    const match = pattern.exec(words);
    if (match) {
      const groups = match.groups ?? {};
      return { weeks, isDuration: groups.prep === 'for' && !groups.next && !groups.next2, text: match[0].trim() };
    }
  }
  return undefined;
}

/** The text with the horizon phrase taken out. */
export function withoutHorizon(words: string, horizon: Horizon | undefined): string {
  if (!horizon) return words;
  return words.replace(horizon.text, ' ').replace(/\s+/g, ' ').trim();
}

/** "last quarter", "the past 6 months", "YTD", "in 2025": a period looked back on, which no horizon names. */
const PAST_PERIOD = /\b(?:(?:in|over|during|for)\s)?(?:the\s)?(?:last|past|previous|prior)\s(?:(?:few|\d+|two|three|four|six|twelve)\s)?(?:weeks?|wks?|months?|mos?|quarters?|qtrs?|years?|yrs?)\b|\b(?:ytd|year to date)\b|\b(?:in|during|for)\s(?:20\d\d|fy\s?\d{2,4})\b/;

/** The period a message names, in its normalized words: its horizon, or a period looked back on; undefined when it names none. */
export function periodNamed(words: string, horizon: Horizon | undefined): string | undefined {
  return horizon?.text ?? PAST_PERIOD.exec(words)?.[0];
}
