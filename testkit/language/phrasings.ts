/**
 * The phrasing table: messages as marketers type them and what they must parse to. Shared
 * by the parser test and the language benchmark. Expected values are worked out from the
 * fixture's spend (fixture.ts), never copied from parser output.
 *
 * `expect` is matched with `toMatchObject`: objects may carry more fields than listed,
 * arrays must match element for element.
 */
import type { Amount, Constraint, Intent, OptimizeObjective, PlanChange } from '../../src/scenarios/spec';
import { CHANNEL_NAMES } from './fixture';

export interface Phrasing {
  message: string;
  expect: Record<string, unknown>;
  previous?: Intent;
  restatement?: string | RegExp;
  timezone?: string;
}

// ----- matchers: vitest treats any object with `asymmetricMatch` as one; written here so the
// benchmark (plain node, no vitest) can load the table too.

function matcher(description: string, test: (value: unknown) => boolean): never {
  return { asymmetricMatch: test, toString: () => description, toAsymmetricMatcher: () => description } as never;
}
const stringMatching = (pattern: RegExp) => matcher(`StringMatching ${pattern}`, (v) => typeof v === 'string' && pattern.test(v));
const closeTo = (x: number) => matcher(`CloseTo ${x}`, (v) => typeof v === 'number' && Math.abs(v - x) < 1e-9);

// ----- builders: the table reads like the specs it expects --------------------------------

export const pct = (value: number): Amount => ({ unit: 'percent', value });
export const weekly = (value: number): Amount => ({ unit: 'money', value, per: 'week' });
export const inTotal = (value: number): Amount => ({ unit: 'money', value, per: 'horizon' });

export function whatIf(changes: PlanChange[], weeks = 13): Intent {
  return { kind: 'whatIf', spec: { changes, weeks } };
}
export function shiftChange(from: string, to: string | Array<[string, number]>, amount: Amount): PlanChange {
  const targets = typeof to === 'string' ? [{ channel: to, share: 1 }] : to.map(([channel, share]) => ({ channel, share }));
  return { kind: 'shift', from, to: targets, amount };
}
export const shift = (from: string, to: string | Array<[string, number]>, amount: Amount, weeks = 13) => whatIf([shiftChange(from, to, amount)], weeks);
export const scaleChange = (channel: string, by: Amount): PlanChange => ({ kind: 'scale', channel, by });
export const scale = (channel: string, by: Amount, weeks = 13) => whatIf([scaleChange(channel, by)], weeks);
export const setChange = (channel: string, weeklySpend: number, weeks?: number): PlanChange =>
  weeks === undefined ? { kind: 'set', channel, weeklySpend } : { kind: 'set', channel, weeklySpend, weeks };
export const set = (channel: string, weeklySpend: number, limit?: number, weeks = 13) => whatIf([setChange(channel, weeklySpend, limit)], weeks);
export const scaleTotal = (by: Amount, weeks = 13) => whatIf([{ kind: 'scaleTotal', by }], weeks);
export const setTotal = (amount: number, per: 'week' | 'horizon', weeks = 13) => whatIf([{ kind: 'setTotal', amount, per }], weeks);
export function optimize(objective: OptimizeObjective = { kind: 'maxKpi' }, constraints: Constraint[] = [], weeks = 13): Intent {
  return { kind: 'optimize', spec: { objective, constraints, weeks } };
}
export const budget = (amount: number, per: 'week' | 'horizon'): OptimizeObjective => ({ kind: 'maxKpi', budget: { amount, per } });
export const marginal = (amount: number, per: 'week' | 'horizon' = 'week'): OptimizeObjective => ({ kind: 'marginal', increment: { amount, per } });
/** A clarify whose question matches `question` and, when given, offers exactly `options`. */
export function clarify(question: RegExp, options?: string[]): Record<string, unknown> {
  return options ? { kind: 'clarify', question: stringMatching(question), options } : { kind: 'clarify', question: stringMatching(question) };
}
/** The readings offered are the message with each channel in the unknown word's place: each a question a button can ask. */
/** The readings offered for an unknown channel: every channel in its place, except those the change already names (`besides`). */
const unknownChannel = (word: string, message: string, besides: string[] = []) =>
  clarify(new RegExp(`don't know a channel called "${word}"`), CHANNEL_NAMES.filter((n) => !besides.includes(n)).map((n) => message.replace(word, n)));
const unknown = { kind: 'unknown', reason: stringMatching(/couldn't tell what to run.*help/) };
const close = closeTo;

/** Today's digital mix: search 60k, social 30k, display 20k of 110k. */
const DIGITAL_BY_SPEND: Array<[string, number]> = [
  ['search', close(60 / 110)],
  ['social', close(30 / 110)],
  ['display', close(20 / 110)],
];

// ----- previous intents for follow-ups ----------------------------------------------------

export const PREVIOUS_SHIFT = shift('tv', 'search', pct(20));
export const PREVIOUS_CUT = scale('tv', pct(-20));
export const PREVIOUS_SET = set('radio', 20_000);
export const PREVIOUS_OPTIMIZE = optimize(budget(800_000, 'horizon'), [], 8);
export const PREVIOUS_MARGINAL = optimize(marginal(10_000));
export const PREVIOUS_TOTAL = setTotal(1_200_000, 'horizon');

export const PHRASINGS: Phrasing[] = [
  // ----- shifts --------------------------------------------------------------------------
  { message: 'what if we move 20% from TV to search', expect: shift('tv', 'search', pct(20)), restatement: "Moving 20% of TV's weekly spend ($24k) to Paid Search for 13 weeks" },
  { message: 'shift $50k from radio into social', expect: shift('radio', 'social', weekly(50_000)), restatement: 'Moving $50k a week from Radio to Paid Social for 13 weeks' },
  { message: 'move half of print to display and search', expect: shift('print', [['display', 0.5], ['search', 0.5]], pct(50)), restatement: "Moving 50% of Print's weekly spend ($5k) to Display and Paid Search (split evenly) for 13 weeks" },
  { message: 'reallocate 10% of TV to digital', expect: shift('tv', DIGITAL_BY_SPEND, pct(10)) },
  { message: 'What if we moved 20% from TV to Search?', expect: shift('tv', 'search', pct(20)) },
  { message: 'WHAT IF WE MOVE 20% FROM TV TO SEARCH', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20 % from tv to search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20 percent from tv to search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move twenty percent from tv to search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% of the TV budget to paid search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% to search from tv', expect: shift('tv', 'search', pct(20)) },
  { message: 'take 10k from tv and put it in social', expect: shift('tv', 'social', weekly(10_000)) },
  { message: "take 10k off TV's budget and put it into facebook", expect: shift('tv', 'social', weekly(10_000)) },
  { message: 'shift a third of radio to display', expect: shift('radio', 'display', pct(100 / 3)) },
  { message: 'move a quarter of tv spend into search', expect: shift('tv', 'search', pct(25)) },
  { message: 'move two thirds of print to search', expect: shift('print', 'search', pct(200 / 3)) },
  { message: 'move all of print to display', expect: shift('print', 'display', pct(100)) },
  { message: 'shift 5k per week from tv to radio', expect: shift('tv', 'radio', weekly(5_000)) },
  { message: 'shift 5k/week from tv to radio', expect: shift('tv', 'radio', weekly(5_000)) },
  { message: 'shift $5,000 a week from tv to radio', expect: shift('tv', 'radio', weekly(5_000)) },
  { message: 'shift 5 thousand dollars from tv to radio', expect: shift('tv', 'radio', weekly(5_000)) },
  { message: 'move $120k in total from TV to search', expect: shift('tv', 'search', inTotal(120_000)), restatement: 'Moving $120k in total ($9.2k a week) from TV to Paid Search for 13 weeks' },
  { message: 'move $80k from tv to search over the next 8 weeks', expect: shift('tv', 'search', inTotal(80_000), 8) },
  { message: 'move 20% from tv to search for the next 8 weeks', expect: shift('tv', 'search', pct(20), 8) },
  { message: 'move 20% from tv to search next quarter', expect: shift('tv', 'search', pct(20), 13) },
  { message: 'move 20% from tv to search in Q3', expect: shift('tv', 'search', pct(20), 13) },
  { message: 'move 20% from tv to search for 2 months', expect: shift('tv', 'search', pct(20), 9) },
  { message: 'move 20% from tv to search for a month', expect: shift('tv', 'search', pct(20), 4) },
  { message: 'move 20% from tv to search over 26 weeks', expect: shift('tv', 'search', pct(20), 26) },
  { message: 'move 20% from tv to search for the next 6 months', expect: shift('tv', 'search', pct(20), 26) },
  { message: 'move 20% from tv to search over an 8-week horizon', expect: shift('tv', 'search', pct(20), 8) },
  { message: 'reallocate 15% from traditional to digital', expect: whatIf([shiftChange('tv', DIGITAL_BY_SPEND, pct(15)), shiftChange('radio', DIGITAL_BY_SPEND, pct(15)), shiftChange('print', DIGITAL_BY_SPEND, pct(15))]) },
  { message: 'move 10% from tv to radio and print', expect: shift('tv', [['radio', 0.5], ['print', 0.5]], pct(10)) },
  { message: 'move 10% from tv to radio, print and display', expect: shift('tv', [['radio', close(1 / 3)], ['print', close(1 / 3)], ['display', close(1 / 3)]], pct(10)) },
  { message: 'move 10% of tv to traditional', expect: shift('tv', [['radio', 0.6], ['print', 0.4]], pct(10)) },
  { message: 'move 10% of tv to online', expect: shift('tv', DIGITAL_BY_SPEND, pct(10)) },
  { message: 'what happens if we shift 25% of television into ppc', expect: shift('tv', 'search', pct(25)) },
  { message: 'redirect 30% of magazines to programmatic', expect: shift('print', 'display', pct(30)) },
  { message: "let's move 1.5k from radio to google ads", expect: shift('radio', 'search', weekly(1_500)) },
  { message: 'move 20% from tv to search and cut radio by 10%', expect: whatIf([shiftChange('tv', 'search', pct(20)), scaleChange('radio', pct(-10))]) },
  { message: 'move 150% of TV to search', expect: clarify(/Can't move 150% of TV: moving 100% already moves all of it/) },

  // ----- scaling and setting ---------------------------------------------------------------
  { message: 'cut TV by 30%', expect: scale('tv', pct(-30)), restatement: 'Cutting TV by 30% ($36k a week) for 13 weeks' },
  { message: 'increase search by 10k a week', expect: scale('search', weekly(10_000)), restatement: 'Raising Paid Search by $10k a week for 13 weeks' },
  { message: 'double social', expect: scale('social', pct(100)), restatement: 'Doubling Paid Social ($30k → $60k a week) for 13 weeks' },
  { message: 'what if radio was 20k per week', expect: set('radio', 20_000), restatement: 'Setting Radio to $20k a week (from $15k) for 13 weeks' },
  { message: 'turn off print', expect: set('print', 0), restatement: 'Turning off Print for 13 weeks' },
  { message: 'pause display for a month', expect: set('display', 0, 4), restatement: 'Pausing Display for the first 4 weeks (a 13-week scenario)' },
  { message: 'reduce tv by 10%', expect: scale('tv', pct(-10)) },
  { message: 'lower TV spend 10%', expect: scale('tv', pct(-10)) },
  { message: 'trim radio by 5k', expect: scale('radio', weekly(-5_000)) },
  { message: 'slash print by half', expect: scale('print', pct(-50)) },
  { message: 'cut tv in half', expect: scale('tv', pct(-50)) },
  { message: 'halve tv', expect: scale('tv', pct(-50)) },
  { message: 'triple display', expect: scale('display', pct(200)) },
  { message: 'what if we doubled search?', expect: scale('search', pct(100)) },
  { message: '2x social', expect: scale('social', pct(100)) },
  { message: 'boost search by 25%', expect: scale('search', pct(25)) },
  { message: 'raise facebook 15 percent', expect: scale('social', pct(15)) },
  { message: 'add 10k to search', expect: scale('search', weekly(10_000)) },
  { message: 'spend 10k more on search', expect: scale('search', weekly(10_000)) },
  { message: 'spend 20% less on tv', expect: scale('tv', pct(-20)) },
  { message: 'search +10%', expect: scale('search', pct(10)) },
  { message: 'tv -20%', expect: scale('tv', pct(-20)) },
  { message: 'tv down 20%', expect: scale('tv', pct(-20)) },
  { message: 'search up 10%', expect: scale('search', pct(10)) },
  { message: 'what if tv was 20% lower', expect: scale('tv', pct(-20)) },
  { message: 'increase search by $10k a month', expect: scale('search', weekly(closeTo((10_000 * 12) / 52))) },
  { message: 'increase search by 10k a week for the next 8 weeks', expect: scale('search', weekly(10_000), 8) },
  { message: 'cut tv and radio by 10%', expect: whatIf([scaleChange('tv', pct(-10)), scaleChange('radio', pct(-10))]) },
  { message: 'cut traditional by 10%', expect: whatIf([scaleChange('tv', pct(-10)), scaleChange('radio', pct(-10)), scaleChange('print', pct(-10))]) },
  { message: 'cut TV by 10% and double search', expect: whatIf([scaleChange('tv', pct(-10)), scaleChange('search', pct(100))]) },
  { message: 'cut tv by 10%, then add 5k to radio', expect: whatIf([scaleChange('tv', pct(-10)), scaleChange('radio', weekly(5_000))]) },
  { message: 'set radio to 20k', expect: set('radio', 20_000) },
  { message: 'set radio to $20,000 a week', expect: set('radio', 20_000) },
  { message: 'radio at 20k/week', expect: set('radio', 20_000) },
  { message: 'what if we spent 25k a week on display', expect: set('display', 25_000) },
  { message: 'reduce tv to 80k', expect: set('tv', 80_000) },
  { message: 'increase search to 75k per week', expect: set('search', 75_000) },
  { message: 'make print $5k a week', expect: set('print', 5_000) },
  { message: 'what if we spent 40% on tv', expect: set('tv', 102_000) },
  { message: 'cut tv by 10%, search +5%', expect: whatIf([scaleChange('tv', pct(-10)), scaleChange('search', pct(5))]) },
  { message: 'move 5% from tv to search and another 5% from tv to social', expect: whatIf([shiftChange('tv', 'search', pct(5)), shiftChange('tv', 'social', pct(5))]) },
  { message: 'what would a 20% increase in display do', expect: scale('display', pct(20)) },
  { message: 'trim search by 10-ish percent', expect: scale('search', pct(-10)) },
  // A range is two scenarios: each end offered as the message with it in the range's place.
  { message: 'move 10-20k from TV to search', expect: clarify(/"10-20k" is a range/, ['move 10k from TV to search', 'move 20k from TV to search']) },
  { message: 'cut tv by 5-10%', expect: clarify(/"5-10%" is a range/, ['cut tv by 5%', 'cut tv by 10%']) },
  { message: 'move between 10 and 20% from tv to search', expect: clarify(/"between 10 and 20%" is a range/, ['move 10% from tv to search', 'move 20% from tv to search']) },
  { message: 'make search 40', expect: clarify(/40% or \$40/) },
  { message: 'what if our monthly budget was $1.3M', expect: setTotal(300_000, 'week') },
  { message: 'cut tv to 80%', expect: scale('tv', pct(-20)) },
  { message: 'what if we spent nothing on radio', expect: set('radio', 0) },
  { message: 'what if we spend 0 on radio', expect: set('radio', 0) },
  { message: 'stop print', expect: set('print', 0) },
  { message: 'kill the print budget', expect: set('print', 0) },
  { message: 'switch off radio for 2 weeks', expect: set('radio', 0, 2) },
  { message: 'pause tv for the next 6 weeks', expect: set('tv', 0, undefined, 6) },
  { message: 'what if there was no tv', expect: set('tv', 0) },
  // "for 8 weeks" alone could be a week's spend or the total: both readings asked back, as questions to click.
  { message: 'set radio to 20k for 8 weeks', expect: clarify(/20k a week, or 20k in total over the 8 weeks/, ['set radio to 20k a week for 8 weeks', 'set radio to 20k in total for 8 weeks']) },
  { message: 'set radio to 20k a week for 8 weeks', expect: set('radio', 20_000, 8) },
  { message: 'set radio to 20k in total for 8 weeks', expect: set('radio', 2_500, 8) },
  { message: 'what if radio were $600k over the next quarter', expect: set('radio', 600_000 / 13) },
  { message: 'pause display for a quarter', expect: set('display', 0, 13) },

  // ----- totals ------------------------------------------------------------------------------
  { message: 'what if the budget drops 15%', expect: scaleTotal(pct(-15)), restatement: "Cutting the total budget by 15% ($38k a week) across today's mix for 13 weeks" },
  { message: 'we have $1.2M for next quarter', expect: setTotal(1_200_000, 'horizon'), restatement: "Spreading a total budget of $1.2M ($92k a week) across today's mix for 13 weeks" },
  { message: 'cut the total budget by 10%', expect: scaleTotal(pct(-10)) },
  { message: 'what if overall spend goes up 20%', expect: scaleTotal(pct(20)) },
  { message: 'increase the budget by 50k a week', expect: scaleTotal(weekly(50_000)) },
  { message: 'double the budget', expect: scaleTotal(pct(100)) },
  { message: 'what if our budget was 200k a week', expect: setTotal(200_000, 'week') },
  { message: 'we have 2 million for the next 8 weeks', expect: setTotal(2_000_000, 'horizon', 8) },
  { message: 'we only have $1.5M', expect: setTotal(1_500_000, 'horizon') },
  { message: 'we have 240k', expect: setTotal(240_000, 'week') },
  { message: 'cut every channel by 10%', expect: scaleTotal(pct(-10)) },
  { message: 'what if spend falls 5% across the board', expect: scaleTotal(pct(-5)) },
  { message: 'budget goes down by 100k per week', expect: scaleTotal(weekly(-100_000)) },

  // ----- optimization -----------------------------------------------------------------------
  { message: 'optimize the budget', expect: optimize(), restatement: "Finding the best split of today's budget ($255k a week) for 13 weeks, for the most KPI on average over the model's draws" },
  { message: 'optimise', expect: optimize() },
  { message: "what's the optimal mix?", expect: optimize() },
  { message: 'how should we split $800k over the next 8 weeks', expect: optimize(budget(800_000, 'horizon'), [], 8), restatement: "Finding the best split of $800k in total ($100k a week) for 8 weeks, for the most KPI on average over the model's draws" },
  { message: 'how should we allocate 250k a week', expect: optimize(budget(250_000, 'week')) },
  { message: 'best allocation for $3M next quarter', expect: optimize(budget(3_000_000, 'horizon')) },
  { message: 'optimize a budget of 900k for Q1', expect: optimize(budget(900_000, 'horizon')) },
  { message: 'maximize sales with 300k per week', expect: optimize(budget(300_000, 'week')) },
  {
    message: 'optimize but keep TV above 100k and social under 30%',
    expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', min: 100_000 }, { kind: 'share', set: { channels: ['social'] }, max: 0.3 }]),
    restatement: "Finding the best split of today's budget ($255k a week) for 13 weeks, keeping TV at least $100k a week and Paid Social at most 30% of the budget, for the most KPI on average over the model's draws",
  },
  { message: 'optimize with digital at least 40%', expect: optimize(undefined, [{ kind: 'share', set: { group: 'digital' }, min: 0.4 }]) },
  { message: "optimize but don't change any channel by more than 20%", expect: optimize(undefined, [{ kind: 'maxChange', fraction: 0.2 }]) },
  { message: 'optimize with search at least half of display', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'search', denominator: 'display', min: 0.5 }]) },
  { message: 'optimize, tv no more than twice search', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'tv', denominator: 'search', max: 2 }]) },
  { message: 'optimize keeping radio between 10k and 20k', expect: optimize(undefined, [{ kind: 'bounds', channel: 'radio', min: 10_000, max: 20_000 }]) },
  { message: 'optimize with tv at most 80k a week', expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', max: 80_000 }]) },
  // A negation as the text arrives ("can't" → "cant") turns the comparator round: a floor, not a cap.
  { message: "optimize but search can't go below 40k", expect: optimize(undefined, [{ kind: 'bounds', channel: 'search', min: 40_000 }]) },
  { message: "optimize but search shouldn't drop below 40k", expect: optimize(undefined, [{ kind: 'bounds', channel: 'search', min: 40_000 }]) },
  { message: "optimize, tv mustn't exceed 100k", expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', max: 100_000 }]) },
  { message: 'optimize but keep tv fixed', expect: optimize(undefined, [{ kind: 'maxChange', channel: 'tv', fraction: 0 }]) },
  { message: "optimize but don't touch radio", expect: optimize(undefined, [{ kind: 'maxChange', channel: 'radio', fraction: 0 }]) },
  { message: 'optimize without print', expect: optimize(undefined, [{ kind: 'bounds', channel: 'print', max: 0 }]) },
  { message: 'optimize, every channel at least 5k', expect: optimize(undefined, ['tv', 'search', 'social', 'display', 'radio', 'print'].map((channel) => ({ kind: 'bounds', channel, min: 5_000 }) as Constraint)) },
  { message: 'optimize with tv >= 50k and search <= 90k', expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', min: 50_000 }, { kind: 'bounds', channel: 'search', max: 90_000 }]) },
  { message: 'optimize with social between 10% and 20%', expect: optimize(undefined, [{ kind: 'share', set: { channels: ['social'] }, min: 0.1, max: 0.2 }]) },
  { message: "optimize but don't change tv by more than 10%", expect: optimize(undefined, [{ kind: 'maxChange', channel: 'tv', fraction: 0.1 }]) },
  { message: 'optimize with changes within 15%', expect: optimize(undefined, [{ kind: 'maxChange', fraction: 0.15 }]) },
  { message: 'optimize with at least 40% in digital', expect: optimize(undefined, [{ kind: 'share', set: { group: 'digital' }, min: 0.4 }]) },
  {
    message: 'how should we split $800k over the next 8 weeks keeping tv above 50k and digital at least 40%',
    expect: optimize(budget(800_000, 'horizon'), [{ kind: 'bounds', channel: 'tv', min: 50_000 }, { kind: 'share', set: { group: 'digital' }, min: 0.4 }], 8),
  },
  { message: 'optimize with tv and radio above 10k', expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', min: 10_000 }, { kind: 'bounds', channel: 'radio', min: 10_000 }]) },
  { message: 'digital at least 40%', expect: optimize(undefined, [{ kind: 'share', set: { group: 'digital' }, min: 0.4 }]) },
  { message: "don't change any channel by more than 20%", expect: optimize(undefined, [{ kind: 'maxChange', fraction: 0.2 }]) },
  { message: 'search at least half of display', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'search', denominator: 'display', min: 0.5 }]) },
  { message: 'keep tv above 100k', expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', min: 100_000 }]) },
  { message: 'search at least as much as social', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'search', denominator: 'social', min: 1 }]) },
  { message: 'cheapest way to get 2M sales next quarter', expect: optimize({ kind: 'minCostForTarget', target: { kpi: 2_000_000, per: 'horizon' } }) },
  { message: 'what is the lowest cost to reach 150k sales a week', expect: optimize({ kind: 'minCostForTarget', target: { kpi: 150_000, per: 'week' } }) },
  { message: 'rebalance the mix for the next 8 weeks', expect: optimize(undefined, [], 8) },
  { message: 'opt the mix for the next 2 qtrs', expect: optimize(undefined, [], 26) },
  { message: 'optimize but keep print at zero', expect: optimize(undefined, [{ kind: 'bounds', channel: 'print', max: 0 }]) },
  { message: 'optimize with no channel going below 5k', expect: optimize(undefined, ['tv', 'search', 'social', 'display', 'radio', 'print'].map((channel) => ({ kind: 'bounds', channel, min: 5_000 }))) },
  { message: 'optimize with a budget 20% below today', expect: optimize(budget(204_000, 'week')) },
  { message: 'min cost to hit 150k sales a week', expect: optimize({ kind: 'minCostForTarget', target: { kpi: 150_000, per: 'week' } }) },

  // ----- marginal ------------------------------------------------------------------------------
  { message: 'where should the next $10k go', expect: optimize(marginal(10_000)), restatement: "Finding where an extra $10k a week earns most for 13 weeks, for the most KPI on average over the model's draws" },
  // Aims: the risk aim in a marketer's words; the restatement says which aim was used.
  {
    message: 'what is the safest plan?',
    expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, aim: 'safest', constraints: [] } },
    restatement: "Finding the best split of today's budget ($255k a week) for 13 weeks, for the safest plan: the best average gain over today's plan in the worst 10% of the model's draws",
  },
  { message: 'give me a low-risk allocation', expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, aim: 'safest', constraints: [] } }, restatement: /safest plan/ },
  { message: 'a conservative split of $800k over the next 8 weeks', expect: { kind: 'optimize', spec: { objective: budget(800_000, 'horizon'), aim: 'safest', weeks: 8 } } },
  {
    message: "find a plan that beats today's with 90% confidence",
    expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, aim: 'confident', confidence: closeTo(0.9), constraints: [] } },
    restatement: "Finding the best split of today's budget ($255k a week) for 13 weeks, to beat today's plan with 90% confidence (planned as the best average gain in the worst 10% of the model's draws)",
  },
  { message: 'which plan beats the current plan with 80% probability, keeping TV above $100k?', expect: { kind: 'optimize', spec: { aim: 'confident', confidence: closeTo(0.8), constraints: [{ kind: 'bounds', channel: 'tv', min: 100_000 }] } }, restatement: /worst 20% of the model's draws/ },
  { message: 'what allocation is most likely to beat the current plan?', expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, aim: 'confident', constraints: [] } }, restatement: /90% confidence/ },
  { message: 'optimize the budget on the point estimate', expect: { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, aim: 'pointEstimate', constraints: [] } }, restatement: /on the model's point estimate$/ },
  { message: 'safest place for the next $10k', expect: { kind: 'optimize', spec: { objective: marginal(10_000), aim: 'safest' } } },
  { message: "a plan that beats today's with 30% confidence", expect: { kind: 'clarify', question: stringMatching(/from 50% to 99%/) } },
  { message: 'where should an extra 25k go?', expect: optimize(marginal(25_000)) },
  { message: 'which channel should get another $5k per week', expect: optimize(marginal(5_000)) },
  { message: 'if we had 50k more, where would you put it', expect: optimize(marginal(50_000)) },
  { message: 'best place for an additional $100k over the quarter', expect: optimize(marginal(100_000, 'horizon')) },
  { message: 'where to invest the next 10 grand', expect: optimize(marginal(10_000)) },

  // ----- explanatory -------------------------------------------------------------------------
  { message: "what's the ROI of TV", expect: { kind: 'roi', channels: ['tv'] }, restatement: 'ROI of TV' },
  { message: 'roas for search and social', expect: { kind: 'roi', channels: ['search', 'social'] } },
  { message: 'which channel has the best ROI?', expect: { kind: 'roi', channels: [] } },
  { message: 'what is the return on ad spend of display', expect: { kind: 'roi', channels: ['display'] } },
  { message: 'how is radio performing', expect: { kind: 'roi', channels: ['radio'] } },
  { message: 'ROI of digital', expect: { kind: 'roi', channels: ['search', 'social', 'display'] } },
  { message: 'is tv worth it?', expect: { kind: 'roi', channels: ['tv'] } },
  { message: 'roi for all channels', expect: { kind: 'roi', channels: [] } },
  { message: 'which channel is most saturated', expect: { kind: 'saturation' }, restatement: 'How saturated each channel is' },
  { message: 'where are we hitting diminishing returns?', expect: { kind: 'saturation' } },
  { message: 'which channels have headroom', expect: { kind: 'saturation' } },
  { message: 'show the response curve for search', expect: { kind: 'responseCurve', channel: 'search' }, restatement: 'Response curve of Paid Search' },
  { message: 'response curve of tv', expect: { kind: 'responseCurve', channel: 'tv' } },
  { message: 'show me the saturation curve for facebook', expect: { kind: 'responseCurve', channel: 'social' } },
  { message: 'curve for radio', expect: { kind: 'responseCurve', channel: 'radio' } },
  { message: 'show the response curve', expect: clarify(/which channel/i, CHANNEL_NAMES) },
  { message: 'how good is the model', expect: { kind: 'modelQuality' }, restatement: 'How well the model fits' },
  { message: 'how accurate is it?', expect: { kind: 'modelQuality' } },
  { message: 'can we trust these numbers', expect: { kind: 'modelQuality' } },
  { message: "what's the model's R2 and MAPE", expect: { kind: 'modelQuality' } },
  { message: 'when was it last trained', expect: { kind: 'lastTrained' }, restatement: 'When the model was last trained' },
  { message: 'when was the model last updated?', expect: { kind: 'lastTrained' } },
  { message: 'how old is the model', expect: { kind: 'lastTrained' } },
  { message: 'is the model up to date', expect: { kind: 'lastTrained' } },

  // ----- schedules ---------------------------------------------------------------------------
  { message: 'post a digest here every Monday at 9am', expect: { kind: 'schedule', job: 'digest', cron: '0 9 * * 1', description: 'every Monday at 9:00' }, restatement: 'Posting a digest every Monday at 9:00' },
  { message: 'retrain every Sunday night', expect: { kind: 'schedule', job: 'retrain', cron: '0 22 * * 0' } },
  { message: 'post a digest every other monday', expect: clarify(/not every other week/) },
  { message: 'retrain fortnightly', expect: clarify(/not every other week/) },
  { message: 'send a weekly summary on fridays at 4:30pm', expect: { kind: 'schedule', job: 'digest', cron: '30 16 * * 5' } },
  { message: 'post the digest every weekday at 8', expect: { kind: 'schedule', job: 'digest', cron: '0 8 * * 1-5' } },
  { message: 'retrain the model every day at midnight', expect: { kind: 'schedule', job: 'retrain', cron: '0 0 * * *' } },
  { message: 'check data quality daily at 7am', expect: { kind: 'schedule', job: 'dataQuality', cron: '0 7 * * *' } },
  { message: 'retrain monthly on the 1st at 2am', expect: { kind: 'schedule', job: 'retrain', cron: '0 2 1 * *' } },
  { message: 'post a digest every week', expect: { kind: 'schedule', job: 'digest', cron: '0 9 * * 1' } },
  { message: 'post a report every tuesday and thursday at noon', expect: { kind: 'schedule', job: 'digest', cron: '0 12 * * 2,4' } },
  { message: 'retrain every sunday at 23:30', expect: { kind: 'schedule', job: 'retrain', cron: '30 23 * * 0' } },
  { message: 'post a digest every Monday at 9am', timezone: 'Europe/Paris', expect: { kind: 'schedule', cron: '0 9 * * 1', timezone: 'Europe/Paris', description: 'every Monday at 9:00 (Europe/Paris)' } },
  { message: 'post a digest here', expect: clarify(/how often/i, ['post a digest here every Monday at 9am']) },
  { message: 'post a digest every monday at 25pm', expect: clarify(/not a time of day/) },

  // ----- training now ---------------------------------------------------------------------
  { message: 'retrain the model', expect: { kind: 'train' }, restatement: 'Training a new model on every week of data' },
  { message: 'Train a new model', expect: { kind: 'train' } },
  { message: 'refit', expect: { kind: 'train' } },
  { message: 're-train the model please', expect: { kind: 'train' } },
  { message: 'can you retrain the model on the latest data?', expect: { kind: 'train' } },
  { message: '<@U024BE7LH> retrain now', expect: { kind: 'train' } },
  { message: 'please refresh the model', expect: { kind: 'train' } },
  { message: 'when was the model last retrained?', expect: { kind: 'lastTrained' } },
  { message: 'retrain', expect: { kind: 'train' } },
  { message: 'schedule a retrain', expect: clarify(/how often/i, ['retrain every Sunday night']) },

  // ----- help and not understood ---------------------------------------------------------
  { message: 'help', expect: { kind: 'help' }, restatement: 'What I can answer' },
  { message: 'Help!', expect: { kind: 'help' } },
  { message: 'what can you do?', expect: { kind: 'help' } },
  { message: '<@U024BE7LH>', expect: { kind: 'help' } },
  { message: 'hi', expect: { kind: 'help' } },
  { message: '?', expect: { kind: 'help' } },
  { message: 'asdf qwerty zzz', expect: unknown },
  { message: 'what is the weather in Paris', expect: unknown },
  { message: 'lorem ipsum dolor sit amet', expect: unknown },
  { message: 'tell me a joke', expect: unknown },
  { message: '12345', expect: clarify(/full question first/) },
  { message: '🚀🚀🚀 :tada:', expect: { kind: 'help' } },

  // ----- channel names: aliases, typos, casing, markup -----------------------------------------
  { message: 'move 20% from tv to serach', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from TV to Paid Search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from Tv to PAID SEARCH', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from tv to paid serach', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from televison to sem', expect: shift('tv', 'search', pct(20)) },
  { message: 'cut raido by 10%', expect: scale('radio', pct(-10)) },
  { message: 'double soical', expect: scale('social', pct(100)) },
  { message: 'cut dispaly by 10%', expect: scale('display', pct(-10)) },
  { message: 'move 10% from tv to digtal', expect: shift('tv', DIGITAL_BY_SPEND, pct(10)) },
  { message: 'move 10% from tv to displays', expect: shift('tv', 'display', pct(10)) },
  { message: 'cut paid_search by 10%', expect: scale('search', pct(-10)) },
  { message: 'cut google ads by 10%', expect: scale('search', pct(-10)) },
  { message: 'cut Instagram by 10%', expect: scale('social', pct(-10)) },
  { message: 'cut linear tv by 10%', expect: scale('tv', pct(-10)) },
  { message: 'cut ctv by 10%', expect: scale('tv', pct(-10)) },
  { message: '<@U123> what if we move *20%* from TV to _search_?', expect: shift('tv', 'search', pct(20)) },
  { message: '<@U123|mixwise> cut ~TV~ *tv* by 30%!!!', expect: scale('tv', pct(-30)) },
  { message: 'what if we move 20% from TV to <https://ads.google.com|Google Ads>', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from :tv: TV to search :rocket:', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from TV 📺 to search 🚀🔥', expect: shift('tv', 'search', pct(20)) },
  { message: 'what if we move 20% from “TV” to ‘search’?', expect: shift('tv', 'search', pct(20)) },
  { message: 'cut `tv` by 30%', expect: scale('tv', pct(-30)) },
  { message: 'move 20% from tv to search.', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from tv to search?!', expect: shift('tv', 'search', pct(20)) },
  { message: '  move   20%   from  tv   to   search  ', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 20% from tv &amp; radio to search', expect: whatIf([shiftChange('tv', 'search', pct(20)), shiftChange('radio', 'search', pct(20))]) },
  { message: '> cut tv by 30%', expect: scale('tv', pct(-30)) },
  { message: 'what if we move 20% from tv to search\n(just curious)', expect: shift('tv', 'search', pct(20)) },

  // ----- asked back: ambiguity, unknown channels, missing amounts ----------------------------
  { message: 'move 20% from tiktok to search', expect: unknownChannel('tiktok', 'move 20% from tiktok to search', ['Paid Search']) },
  { message: 'cut tiktok by 20%', expect: unknownChannel('tiktok', 'cut tiktok by 20%') },
  { message: 'double snapchat', expect: unknownChannel('snapchat', 'double snapchat') },
  { message: 'move 20% from tv to podcasts', expect: unknownChannel('podcasts', 'move 20% from tv to podcasts', ['TV']) },
  { message: 'move 20% from paid to radio', expect: clarify(/"paid" could be Paid Search and Paid Social/, ['move 20% from Paid Search to radio', 'move 20% from Paid Social to radio']) },
  { message: 'cut paid by 10%', expect: clarify(/"paid" could be/, ['cut Paid Search by 10%', 'cut Paid Social by 10%']) },
  { message: 'roi of paid', expect: clarify(/"paid" could be/, ['roi of Paid Search', 'roi of Paid Social']) },
  { message: 'move 150% of TV', expect: clarify(/to which channel/) },
  // A share of the whole budget is money a week (255k × 5% = 12,750), never a share of the channel.
  { message: 'move 5% of the budget from tv to search', expect: shift('tv', 'search', weekly(12_750)) },
  { message: 'cut TV by 5% of total spend', expect: scale('tv', weekly(-12_750)) },
  { message: 'move 20% of spending from tv to search', expect: shift('tv', 'search', pct(20)) },
  { message: 'move 10% from tv to search starting next week', expect: clarify(/can't take "starting next"/) },
  { message: 'move 30% from tv to search or social', expect: clarify(/Into which channel: Paid Search or Paid Social/, ['move 30% from TV to Paid Search', 'move 30% from TV to Paid Social']) },
  { message: 'move 20% from tv or radio to search', expect: clarify(/Out of which channel: TV or Radio/, ['move 20% from TV to Paid Search', 'move 20% from Radio to Paid Search']) },
  { message: 'cut tv or radio by 10%', expect: clarify(/Which one: TV or Radio/) },
  { message: 'move 20% to search', expect: clarify(/out of which channel/) },
  { message: 'move from tv to search', expect: clarify(/how much/i) },
  { message: 'cut tv', expect: clarify(/by how much/i) },
  { message: 'cut TV by 30', expect: clarify(/30% or \$30 a week/, ['cut TV by 30%', 'cut TV by $30 a week']) },
  { message: 'set radio to 20', expect: clarify(/20% or \$20 a week/) },
  { message: 'move 20% from tv to tv', expect: clarify(/same as the source/) },
  { message: 'optimize with social under 30', expect: clarify(/30% or \$30/) },
  { message: 'optimize with digital above 200k', expect: clarify(/share of the budget/) },
  { message: 'what about 30%?', expect: clarify(/full question first/) },
  { message: 'and from radio instead?', expect: clarify(/full question first/) },
  { message: 'optimize that', expect: clarify(/no scenario in this thread/) },
  { message: 'undo', expect: clarify(/nothing to undo/) },
  { message: 'compare with the previous one', expect: clarify(/no earlier scenario/) },
  { message: 'turn off everything', expect: clarify(/every channel/) },

  // ----- follow-ups in a thread ----------------------------------------------------------------
  { message: 'what about 30%?', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(30)), restatement: "Moving 30% of TV's weekly spend ($36k) to Paid Search for 13 weeks" },
  { message: 'double that', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(40)), restatement: "Moving 40% of TV's weekly spend ($48k) to Paid Search for 13 weeks" },
  { message: 'half that', previous: PREVIOUS_CUT, expect: scale('tv', pct(-10)) },
  { message: 'double that', expect: clarify(/no scenario in this thread to scale/) },
  { message: 'and the other way round?', previous: PREVIOUS_SHIFT, expect: shift('search', 'tv', pct(20)) },
  { message: 'the other way round', previous: PREVIOUS_CUT, expect: clarify(/works for a move from one channel to another/) },
  { message: 'and radio too', previous: PREVIOUS_CUT, expect: whatIf([scaleChange('tv', pct(-20)), scaleChange('radio', pct(-20))]) },
  { message: 'and radio too', previous: PREVIOUS_SHIFT, expect: clarify(/Which change for that channel/) },
  { message: 'same for radio', expect: unknown },
  { message: 'how about 10k a week', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', weekly(10_000)) },
  { message: 'and from radio instead?', previous: PREVIOUS_SHIFT, expect: shift('radio', 'search', pct(20)) },
  { message: 'what about to social', previous: PREVIOUS_SHIFT, expect: shift('tv', 'social', pct(20)) },
  { message: 'and into digital instead', previous: PREVIOUS_SHIFT, expect: shift('tv', DIGITAL_BY_SPEND, pct(20)) },
  { message: 'what about 30% from radio', previous: PREVIOUS_SHIFT, expect: shift('radio', 'search', pct(30)) },
  { message: 'what about over 8 weeks?', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(20), 8) },
  { message: 'and for next quarter', previous: shift('tv', 'search', pct(20), 8), expect: shift('tv', 'search', pct(20), 13) },
  { message: 'what about radio?', previous: PREVIOUS_SHIFT, expect: clarify(/instead of which channel/, ['from Radio instead', 'to Radio instead']) },
  { message: 'what about 30%?', previous: PREVIOUS_CUT, expect: scale('tv', pct(-30)) },
  { message: 'try 5%', previous: PREVIOUS_CUT, expect: scale('tv', pct(-5)) },
  { message: 'what about radio?', previous: PREVIOUS_CUT, expect: scale('radio', pct(-20)) },
  { message: 'what about $25k', previous: PREVIOUS_SET, expect: set('radio', 25_000) },
  { message: 'make it 30', previous: PREVIOUS_CUT, expect: clarify(/30% or \$30/) },
  { message: 'what about 20%?', previous: whatIf([scaleChange('tv', pct(-10)), scaleChange('search', pct(10))]), expect: clarify(/has 2 changes .*which should be 20%/) },
  { message: 'flip it', previous: PREVIOUS_SHIFT, expect: shift('search', 'tv', pct(20)) },
  { message: 'now without print', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(800_000, 'horizon'), [{ kind: 'bounds', channel: 'print', max: 0 }], 8) },
  { message: 'split it between display and social instead', previous: PREVIOUS_SHIFT, expect: shift('tv', [['display', 0.5], ['social', 0.5]], pct(20)) },
  { message: 'same but half as much', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(10)) },
  { message: 'twice as much', previous: PREVIOUS_CUT, expect: scale('tv', pct(-40)) },
  { message: 'less aggressive, 10%', previous: PREVIOUS_CUT, expect: scale('tv', pct(-10)) },
  // "same but" and an edit of its own: added to the last scenario or run instead of it, asked.
  { message: 'same but cut radio 10%', previous: PREVIOUS_SHIFT, expect: clarify(/Add "cut radio 10%" to the last scenario .* or run it instead/, ['also cut radio 10%', 'cut radio 10%']) },
  { message: 'same with a budget of 2M', previous: PREVIOUS_SHIFT, expect: clarify(/or run it instead/, ['also a budget of 2M', 'a budget of 2M']) },
  { message: 'same thing but 40%', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(40)) },
  { message: 'revert that', previous: PREVIOUS_SHIFT, expect: { kind: 'undo' } },
  { message: 'add a 10% radio cut to that', previous: PREVIOUS_SHIFT, expect: whatIf([shiftChange('tv', 'search', pct(20)), scaleChange('radio', pct(-10))]) },
  { message: 'same with a $200k/wk budget', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(200_000, 'week'), [], 8) },
  { message: 'what if digital had to be at least 50%', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(800_000, 'horizon'), [{ kind: 'share', set: { group: 'digital' }, min: 0.5 }], 8) },
  { message: 'cut everything but tv by 10%', expect: clarify(/a what-if changes the channels it names/) },
  { message: 'cut everything 10% but tv', expect: clarify(/a what-if changes the channels it names/) },
  { message: 'cut tv 10% and show me the roi', expect: clarify(/more than one question/) },
  { message: 'last model refresh?', expect: { kind: 'lastTrained' } },
  { message: "how's radio doing", expect: { kind: 'roi', channels: ['radio'] } },
  { message: 'cut radio by 10%, not 20%', expect: scale('radio', pct(-10)) },
  { message: 'take all our print budget and put it into social', expect: shift('print', 'social', pct(100)) },
  { message: 'raise display 10% every week', expect: clarify(/not a change repeated every week/, ['raise display 10%']) },
  { message: 'what if social took 5k/wk from print', expect: shift('print', 'social', weekly(5_000)) },
  { message: 'what if radio lost 20% and display gained it', expect: shift('radio', 'display', pct(20)) },
  { message: 'put 10k a week more into search and take it out of radio', expect: shift('radio', 'search', weekly(10_000)) },
  { message: 'move the print budget into social', expect: shift('print', 'social', pct(100)) },
  { message: 'optimize with radio fixed at 12k', expect: optimize(undefined, [{ kind: 'bounds', channel: 'radio', min: 12_000, max: 12_000 }]) },
  { message: 'optimize but keep social above display', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'social', denominator: 'display', min: 1 }]) },
  { message: 'incr. radio 5%', expect: scale('radio', pct(5)), restatement: /read "incr" as "increase"/ },
  { message: 'optimize, max 10% chg per channel', expect: optimize(undefined, [{ kind: 'maxChange', fraction: 0.1 }]) },
  { message: 'move 10pc of tv to search', expect: shift('tv', 'search', pct(10)) },
  { message: 'raise social share 5 points', expect: clarify(/percentage points change a share/) },
  { message: 'double search for 4 weeks then back to normal', expect: clarify(/only a pause can end partway/, ['double search for 4 weeks']) },
  { message: 'which of the two is better', previous: PREVIOUS_SHIFT, expect: { kind: 'compare' } },
  { message: 'go back to the previous one', previous: PREVIOUS_SHIFT, expect: { kind: 'undo' } },
  { message: 'how do I compare scenarios', expect: { kind: 'help' } },
  { message: 'move 10% rather than 20% from tv to search', expect: shift('tv', 'search', pct(10)) },
  { message: 'what if we put another 10k a week into display', expect: scale('display', weekly(10_000)) },
  { message: 'what about $900k?', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(900_000, 'horizon'), [], 8) },
  { message: 'what about 20k?', previous: PREVIOUS_MARGINAL, expect: optimize(marginal(20_000)) },
  { message: 'what about $1.5M', previous: PREVIOUS_TOTAL, expect: setTotal(1_500_000, 'horizon') },
  { message: 'optimize that', previous: PREVIOUS_SHIFT, expect: optimize(), restatement: "Finding the best split of today's budget ($255k a week) for 13 weeks, for the most KPI on average over the model's draws" },
  { message: 'now optimize it', previous: PREVIOUS_TOTAL, expect: optimize(budget(1_200_000, 'horizon')) },
  { message: 'optimize this', previous: scaleTotal(pct(-20)), expect: optimize(budget(204_000, 'week')) },
  { message: 'optimize that', previous: PREVIOUS_OPTIMIZE, expect: PREVIOUS_OPTIMIZE },
  { message: 'compare with the previous one', previous: PREVIOUS_SHIFT, expect: { kind: 'compare' } },
  { message: 'how does that compare to the last one?', previous: PREVIOUS_SHIFT, expect: { kind: 'compare' } },
  { message: 'undo', previous: PREVIOUS_SHIFT, expect: { kind: 'undo' } },
  { message: 'scratch that', previous: PREVIOUS_SHIFT, expect: { kind: 'undo' } },
  { message: 'go back', previous: PREVIOUS_CUT, expect: { kind: 'undo' } },
  { message: 'also double social', previous: PREVIOUS_SHIFT, expect: whatIf([shiftChange('tv', 'search', pct(20)), scaleChange('social', pct(100))]) },
  { message: 'and also cut radio by 10%', previous: PREVIOUS_CUT, expect: whatIf([scaleChange('tv', pct(-20)), scaleChange('radio', pct(-10))]) },
  { message: 'and keep tv above 50k', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(800_000, 'horizon'), [{ kind: 'bounds', channel: 'tv', min: 50_000 }], 8) },
  { message: 'digital at least 40%', previous: PREVIOUS_OPTIMIZE, expect: optimize(budget(800_000, 'horizon'), [{ kind: 'share', set: { group: 'digital' }, min: 0.4 }], 8) },
  { message: 'move 10% from radio to display', previous: PREVIOUS_SHIFT, expect: shift('radio', 'display', pct(10)) },
  { message: "what's the roi of tv", previous: PREVIOUS_SHIFT, expect: { kind: 'roi', channels: ['tv'] } },

  // Rules added for held-out batch D, each in words of its own (not batch D's).
  { message: 'how long does a week of radio keep working?', expect: { kind: 'roi', channels: ['radio'], measure: 'carryover' }, restatement: "How long the effect of Radio lasts after the week it is spent (carry-over, from the model's adstock)" },
  { message: 'adstock for display and social', expect: { kind: 'roi', channels: ['display', 'social'], measure: 'carryover' } },
  { message: 'which channel has the longest carryover', expect: { kind: 'roi', channels: [], measure: 'carryover' } },
  { message: 'does the effect of TV linger?', expect: { kind: 'roi', channels: ['tv'], measure: 'carryover' } },
  { message: 'what sorts of questions do you take', expect: { kind: 'help' } },
  { message: 'how should I ask you things', expect: { kind: 'help' } },
  { message: 'where would another dollar do the most', expect: { kind: 'roi', channels: [], measure: 'marginal' } },
  { message: 'is print paying for itself?', expect: { kind: 'roi', channels: ['print'] } },
  { message: 'how much of the sales come from search', expect: { kind: 'roi', channels: ['search'], measure: 'contribution' } },
  { message: 'what % of sales comes from radio', expect: { kind: 'roi', channels: ['radio'], measure: 'contribution' } },
  // The model's figures cover all its data: a period named is said to be left out, never answered as if honoured.
  {
    message: "what's driving our sales growth in Q3",
    expect: { kind: 'roi', channels: [], measure: 'contribution' },
    restatement: `What each channel contributes to the KPI, largest first, over all the model's data ("in Q3" isn't taken into account: the model's figures aren't split by period)`,
  },
  { message: 'roas of tv over the last quarter', expect: { kind: 'roi', channels: ['tv'] }, restatement: `ROI of TV, over all the model's data ("over the last quarter" isn't taken into account: the model's figures aren't split by period)` },
  { message: 'roas of tv', expect: { kind: 'roi', channels: ['tv'] }, restatement: 'ROI of TV' },
  { message: 'any sample questions?', expect: { kind: 'help' } },
  { message: 'what if we pull display', expect: clarify(/by how much/i) },
  { message: 'pull 40% of tv', expect: scale('tv', pct(-40)) },
  { message: 'cut social by 100%', expect: set('social', 0), restatement: 'Turning off Paid Social for 13 weeks' },
  { message: 'raise display from 20k to 35k a week', expect: set('display', 35_000) },
  { message: 'Radio | $15,000 -> $5,000', expect: set('radio', 5_000) },
  { message: 'reduce print by 150%', expect: clarify(/can't be cut by 150%/) },
  { message: 'put tv at -10k a week', expect: clarify(/can't be set to a negative spend/) },
  { message: 'double radio on alternating weeks', expect: clarify(/alternating weeks/) },
  { message: 'pulse TV at 200k', expect: clarify(/can't take "pulse" into account/) },
  { message: 'increase search by 10% for the back-to-school push', expect: clarify(/can't take "for the back-to-school push" into account \(I don't know what "school" means here/, ['increase search by 10%']) },
  { message: 'which channel is most saturated, and what if we halve it', expect: clarify(/more than one question/, ['which channel is most saturated']) },
  { message: 'cut radio by 10% and is it worth it', expect: scale('radio', pct(-10)) },
  { message: 'now run it with print instead of tv', previous: PREVIOUS_SHIFT, expect: shift('print', 'search', pct(20)) },
  { message: 'instead of tv, radio', previous: PREVIOUS_SHIFT, expect: shift('radio', 'search', pct(20)) },
  { message: 'could you redo that for 6 weeks', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(20), 6) },
  { message: 'same thing but out of display', previous: PREVIOUS_SHIFT, expect: shift('display', 'search', pct(20)) },
  { message: 'best mix with radio staying where it is', expect: optimize(undefined, [{ kind: 'maxChange', channel: 'radio', fraction: 0 }]) },
  { message: 'how much should every channel get to maximize revenue', expect: optimize() },
  { message: 'optimize, search at least as much as social', expect: optimize(undefined, [{ kind: 'ratio', numerator: 'search', denominator: 'social', min: 1 }]) },
  { message: 'optimize and remove radio', expect: optimize(undefined, [{ kind: 'bounds', channel: 'radio', max: 0 }]) },
  { message: "optimize but don't drop tv below 50k", expect: optimize(undefined, [{ kind: 'bounds', channel: 'tv', min: 50_000 }]) },
  { message: 'optimize without moving any channel more than 25%', expect: optimize(undefined, [{ kind: 'maxChange', fraction: 0.25 }]) },
  { message: 'tripple social', expect: scale('social', pct(200)), restatement: /read "tripple" as "triple"/ },
  { message: 'raise display 10% from 4/1', expect: clarify(/can't take "from 4\/1" into account/, ['raise display 10%']) },
  { message: 'cut radio 20% starting next Tuesday', expect: clarify(/can't take "starting next Tuesday" into account/, ['cut radio 20%']) },
  { message: 'optimize the budget until Jan 31st', expect: clarify(/can't take "until Jan 31st" into account/, ['optimize the budget']) },
  { message: 'move 3/4 of display to search', expect: shift('display', 'search', pct(75)) },
  { message: 'what may happen if we double radio', expect: scale('radio', pct(100)) },
  { message: 'cut tv by half a million', expect: scale('tv', weekly(-500_000)) },
  // Rules added for held-out batch E, in words of their own.
  { message: 'what if we go dark on tv for a month', expect: set('tv', 0, 4) },
  { message: 'what is the best spread of the budget', expect: optimize() },
  { message: 'radio ×3', expect: scale('radio', pct(200)) },
  { message: 'display x1.5', expect: scale('display', pct(50)) },
  { message: 'we took 20% out of radio and moved it to display', expect: shift('radio', 'display', pct(20)) },
  { message: 'and if you ran it over 10 weeks?', previous: PREVIOUS_SHIFT, expect: shift('tv', 'search', pct(20), 10) },
  { message: 'same change for display', previous: PREVIOUS_CUT, expect: scale('display', pct(-20)) },
  { message: 'is this better?', previous: PREVIOUS_SHIFT, expect: { kind: 'compare' } },
  { message: 'step back', previous: PREVIOUS_SHIFT, expect: { kind: 'undo' } },
  { message: 'how long is the tail of print', expect: { kind: 'roi', channels: ['print'], measure: 'carryover' } },
  { message: 'when was the last update of the model', expect: { kind: 'lastTrained' } },
  { message: 'good morning team', expect: { kind: 'help' } },
  { message: 'is mroas on radio below 1', expect: { kind: 'roi', channels: ['radio'], measure: 'marginal' } },
  { message: 'if the budget drops 10%, which channels should take the cut?', expect: clarify(/more than one question/, ['if the budget drops 10%']) },
  { message: 'with 20k a week more, where should it go?', expect: optimize(marginal(20_000)) },
  { message: 'for the board deck: what if we cut display 10% at current levels', expect: scale('display', pct(-10)) },
];
