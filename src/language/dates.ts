/**
 * Dates in a question ("from 3/15", "starting Dec 1st", "by Friday", "until 2027-02-01"), read by
 * chrono-node: measured on the corpora it finds the numeric, ordinal and weekday dates our month
 * patterns miss (which then ran as if unsaid, or were refused as "two amounts") in 0.04 ms a
 * message. A scenario starts from the last week of data and runs for a number of weeks, so a
 * date is never honoured: it is found only to be asked back. chrono is loaded on first use
 * (its English parser takes ~30 ms to load), and only for a message that could name a date.
 */
import { createRequire } from 'node:module';
import type * as ChronoEnglish from 'chrono-node/en';

// Month and weekday names that are also everyday words ("may", "mar", "sat", "sun", "wed") count only next to a day's number or after "in"/"from"/"until"….
const MONTH = 'jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WORD_MONTH = String.raw`(?:\b(?:may|mar)\s\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?(?:may|mar)\b|\b(?:in|from|until|till|since|starting|by|before|after|through)\s(?:early\s|mid\s|late\s)?may\b)`;
const WEEKDAY = 'monday|tues?(?:day)?|wednesday|thu(?:rs)?(?:day)?|fri(?:day)?|saturday|sunday';
/** What a date found must contain to count: a month, a weekday, a numeric date or a day's ordinal ("500 a" from "$12,500 a week" does not). */
const DATE_LIKE = new RegExp(String.raw`\b(?:${MONTH}|${WEEKDAY})\b|${WORD_MONTH}|\b\d{1,4}[/-]\d{1,2}(?:[/-]\d{2,4})?\b|\b\d{1,2}(?:st|nd|rd|th)\b`, 'i');
/** Fractions the amount reader takes ("2/3 of TV"), never dates. */
const FRACTION = /^(?:1\/3|2\/3|1\/4|3\/4|1\/5|1\/10|1\/2)$/;
/** The words that tie a date to the question, taken out with it. */
const LEAD_IN = /(?:\b(?:from|starting(?: on| from| in)?|start(?:ing)? on|beginning(?: on| in)?|on|until|till|by|after|before|as of|through|for the week of|the week of|in|at|for)\s+(?:the\s+)?)?(?:\b(?:last|next|this|early|mid|late)\s+)?$/i;
/** A day of the month alone ("on the 15th"), which chrono leaves without a month. */
const ORDINAL_DAY = /\b(?:on|from|starting|until|till|by|after|before|as of)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b/i;

let english: typeof ChronoEnglish | undefined;

function chrono(): typeof ChronoEnglish {
  english ??= createRequire(__filename)('chrono-node/en') as typeof ChronoEnglish;
  return english;
}

export interface DateMention {
  /** The date with the words that tie it to the question, as typed ("from 3/15"). */
  text: string;
  /** The message without them. */
  without: string;
}

/** The first date in a message, as typed, or undefined (also for times of day and relative words: "now", "next week"). */
export function findDate(plain: string): DateMention | undefined {
  if (!DATE_LIKE.test(plain)) return undefined;
  for (const found of chrono().casual.parse(plain, new Date(0))) {
    if (!DATE_LIKE.test(found.text) || FRACTION.test(found.text.trim())) continue;
    const lead = LEAD_IN.exec(plain.slice(0, found.index))?.[0] ?? '';
    const start = found.index - lead.length;
    const end = found.index + found.text.length;
    return mention(plain, start, end);
  }
  const day = ORDINAL_DAY.exec(plain);
  return day ? mention(plain, day.index, day.index + day[0].length) : undefined;
}

function mention(plain: string, start: number, end: number): DateMention {
  return { text: plain.slice(start, end).trim(), without: `${plain.slice(0, start)} ${plain.slice(end)}`.replace(/\s+/g, ' ').replace(/\s+([,.?!])/g, '$1').trim() };
}
