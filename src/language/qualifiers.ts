/**
 * Qualifiers a scenario cannot honour: the model is weekly and national, over spend alone, so
 * "in the UK", "on weekends", "from March" or "keep CPM under $5" would be silently dropped.
 * A message carrying one is asked back — with the message without it as the reading to run —
 * never run as if the qualifier had not been said.
 */

import type { Quantity } from './amounts';
import { isCommonWord } from './typos';

interface Qualifier {
  pattern: RegExp;
  /** Why it cannot be run, in words for the asker. */
  why: string;
}

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';

/** "share up 5 points", "cut TV 10 pct pts": percentage points of a share, not a change of spend. */
const POINTS = 'percentage points change a share, and an edit changes spend: say it as a change of the channel\'s spend ("cut TV by 10%") or as its share ("TV at 30% of the budget")';
const PERCENT_POINTS = /\b(?:percentage points?|points?|pts|ppts|pp)$/;

const REPEATED = 'a scenario runs one weekly plan for its whole horizon, not a change repeated every week, month or quarter';

const QUALIFIERS: Qualifier[] = [
  { pattern: /\b(?:in|for|across|within)\s(?:the\s)?(?:uk|us|usa|eu|europe|emea|apac|latam|nordics|dach|germany|france|spain|italy|canada|australia|[a-z]+ region|[a-z]+ market|north america|south america|asia)\b|\b(?:regions?|markets?|countr(?:y|ies)|stores?|cities|city|per region|by region|by market)\b/, why: 'the model covers the whole dataset, not a region or market' },
  // "cut TV every other week", "pulse radio", "alternate weeks": a scenario is one weekly plan, the same each week.
  { pattern: /\bevery (?:other|second|2nd|third|3rd|few|couple of) weeks?\b|\b(?:alternat\w*|odd|even) weeks\b|\bbi ?weekly\b|\bfortnightly\b|\bpuls(?:e|es|ed|ing)\b|\bflight(?:s|ed|ing)\b|\bon (?:and )?off\b/, why: 'a scenario runs one weekly plan, the same every week, not alternating weeks or flights' },
  // "cut TV every quarter": a change repeated, step after step; money "every month" is read as a rate before this.
  { pattern: /\b(?:every|each|per|a)\s(?:other\s)?(?:month|quarter|year|fortnight)\b/, why: REPEATED },
  // "double TV for 2 weeks then back to normal": a change that ends partway through the horizon.
  { pattern: /\b(?:(?:and\s)?then\s)?(?:go(?:ing)?\s|come\s|coming\s)?(?:back to|return(?:ing)? to|revert(?:ing)? to)\s(?:normal|today|current|usual|where it was|what it was|before)\b|\brevert(?:ing)? back\b/, why: 'a scenario runs one weekly plan for its whole horizon; only a pause can end partway (e.g. "pause TV for 2 weeks")' },
  { pattern: /\b(?:on\s)?(?:weekends?|weekdays?|week ?nights?)\b|\b(?:per|a|each|every)\sday\b|\bdaily\b|\bper hour\b|\bhourly\b/, why: 'the model works in weeks, not days' },
  { pattern: new RegExp(String.raw`\b(?:(?:from|in|during|until|till|starting|after|before|by|through)\s(?:the\s)?(?:end of\s|start of\s|beginning of\s|mid\s)?)(?:${MONTHS})\b|\b(?:until|till|starting|beginning)\s(?:next|this|the|on|in|from)\b|\b(?:from|after|before)\s(?:next|this)\s(?:week|month|quarter|year)\b|\b(?:fy ?\d{2,4}|20[2-9]\d)\b|\b(?:first|second|third|fourth|1st|2nd|3rd|4th|last) (?:quarter|half) of\b`), why: 'scenarios start from the last week of data and run for a number of weeks, not from or until a date' },
  // "cut TV 10 pct pts": the points after an amount already read ("10 pct").
  { pattern: /#\d+\s(?:pts|points?|pp|ppts|percentage points?)\b/, why: POINTS },
  { pattern: /\b(?:cpm|cpms|cpc|cpcs|ctr|impressions|clicks|grps?|trps?|frequency|viewability|cpv)\b/, why: 'the model works on spend, not on media prices or delivery' },
  { pattern: /\b(?:unless|only if|as long as|provided that)\b/, why: "I can't run a condition" },
  { pattern: /\b(?:except|excluding|but not|other than|apart from)\b(?!\s@\d)/, why: 'I can only leave out a named channel' },
  { pattern: /\b(?:creatives?|brand(?:ing)?|competitors?|competition|pricing|price|prices|discounts?|seasonality)\b/, why: 'the model knows spend per channel, not creative, brand, price or competitors' },
];

export interface UnsupportedQualifier {
  /** The words as found (normalized), to quote back. */
  said: string;
  why: string;
}

/** A what-if edits the channels it names: "cut everything 20% except print" has no such edit. */
const WHAT_IF_EXCEPTION: Qualifier = { pattern: /\b(?:except(?: for)?|excluding|but not|other than|apart from)\s@\d+|\b(?:everything|all|every channel|all channels)\s(?:.*\s)?(?:but|bar|save|besides)\s@\d+/, why: 'a what-if changes the channels it names; say which ones, e.g. "cut TV and radio by 20%"' };

/**
 * Words after a preposition that the parser knows nothing about ("increase search 10% on mobile",
 * "double TV for the launch", "cut radio during Ramadan") narrow the question in a way no listed
 * qualifier names: asked back like one, never dropped. Words that only say what is measured or
 * for whom ("impact on sales", "for us") are not narrowing.
 */
const MODIFIER = /\b(?:for|on|in|during|over|among|amongst|across|via|through|at|around|before|after|within|targeting)((?:\s(?!(?:and|but|or|if|then|so|while|with|by)\b)[a-z]+){1,4})/g;
const NOT_NARROWING = new Set(
  (
    'sales revenue revenues kpi kpis conversions conversion profit profits results result outcome outcomes numbers number impact ' +
    'effect growth forecast forecasts bottom line us me them everyone team business purposes planning scenario example instance ' +
    'reference comparison practice terms real general time levels level baseline basis average rate pace trend ' +
    // Who the answer is for: "for the board", "for my boss", "for the QBR deck".
    'board leadership cfo ceo cmo boss deck meeting presentation exec execs management stakeholders qbr ' +
    // Read by the parser's own phrases: "across the board", "goes to zero", "on the point estimate", "for maximum revenue".
    'zero point estimate estimates expected value max maximum minimum reach invest'
  ).split(' '),
);

/**
 * "cut TV 10% every quarter": a rate read into the percentage ("10% every quarter") is the same
 * repeated change; only after the number, as "a quarter" alone is 25%.
 */
const REPEATED_PERCENT = /(?:\d|%|percent|pct)\s?(\b(?:(?:every|each|per|a)\s?(?:other\s)?(?:week|wk|w|month|mo|quarter|qtr|year|yr)|weekly|monthly|quarterly|yearly|annually)\b)/;

/**
 * The first qualifier in a template (amounts and channels as placeholders), or in the words read
 * into its amounts, that no scenario of this kind can honour, if any.
 */
export function unsupportedQualifier(template: string, kind: 'whatIf' | 'optimize', quantities: readonly Quantity[] = []): UnsupportedQualifier | undefined {
  for (const { pattern, why } of kind === 'whatIf' ? [WHAT_IF_EXCEPTION, ...QUALIFIERS] : QUALIFIERS) {
    const match = pattern.exec(template);
    if (match) return { said: match[0], why };
  }
  for (const quantity of quantities) {
    const rate = quantity.kind === 'percent' ? REPEATED_PERCENT.exec(quantity.text) : null;
    if (rate) return { said: rate[1], why: REPEATED };
    if (quantity.kind === 'percent' && PERCENT_POINTS.test(quantity.text)) return { said: quantity.text, why: POINTS };
  }
  for (const match of template.matchAll(MODIFIER)) {
    // The phrase's words up to the first one no rule reads ("for the back to school push" → "school").
    const word = match[1].trim().split(' ').find((w) => w.length >= 3 && !isCommonWord(w) && !NOT_NARROWING.has(w));
    if (word) return { said: match[0], why: `I don't know what "${word}" means here, and the model only knows spend per channel and week` };
  }
  return undefined;
}
