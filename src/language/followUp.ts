/**
 * Follow-ups in a thread build on the previous scenario: "what about 30%?" re-runs it with a
 * new amount, "and from radio instead?" with a new source, "over 8 weeks instead" with a new
 * horizon, "optimize that" optimizes it, "also double social" adds a change, "double that"
 * scales its amounts, "the other way round" reverses its move, "and radio too" makes its change
 * to one more channel.
 */
import type { Amount, Intent, OptimizeSpec, PlanChange, WhatIfSpec } from '../scenarios/spec';
import type { Quantity } from './amounts';
import type { Mention } from './channels';
import { listNames } from './channels';
import { askUnit, askWhichChannel, budgetPer, destinationShares, firstAmbiguous, keysOf, moneyPer, namesOf, weeklyTotal, type Reading } from './context';
import { mentionsIn } from './question';
import { lowerFirst, whatIfRestatement } from './restate';
import { changedKeys } from './whatIf';

/** Words a follow-up may open with that say nothing of its own ("ok, now …", "thanks, can you …"). */
const FILLER = 'and|but|so|ok|okay|now|then|hmm|right|cool|great|nice|perfect|thanks|awesome|got it|actually|can you|could you|please|lets|let us';
const LEAD = new RegExp(String.raw`^(?:(?:${FILLER}|also|instead)\s)*(?:(?:(?:run|rerun|redo|do|try) (?:it|that|this|the same)(?: again)?|(?:what|how) about|what if (?:it was|it were|we did|we do|we used|we try|we tried)|(?:move|put|send|shift|take|split|divide|spread|moving|shifting|putting|sending|splitting) (?:it|that|them|the money|this|those)|what if (?:it|that|(?:the )?money) (?:went|goes|came|comes|was taken|is taken|moved|were moved)|(?:it|that|(?:the )?money) (?:went|goes|came|comes)|if (?:we|you|i) (?:did|do|ran|run|tried|try) (?:it|that|this)|try(?: it| that| this)?|make it|same(?: (?:thing|cut|change|move|shift|scenario|plan|again))?(?: (?:but|with|for|on))?|use|do|go with|with|instead)(?![a-z]))?\s?`);
/** "make it social instead of search", "social rather than search", "instead of search use social", "swap search for social". */
/** How a substitution starts: "ok now", "can you", then "make it", "do it with", "try that using", "run it with". */
const SUB_LEAD = String.raw`^(?:(?:${FILLER})\s)*(?:(?:make|do|try|run|redo|rerun)\s(?:it|that|this|the same)(?:\sagain)?\s?)?(?:use|using|try|do|go with|with|what about|how about)?\s?`;
const SUBSTITUTION: Array<[RegExp, 'newFirst' | 'oldFirst']> = [
  [new RegExp(String.raw`${SUB_LEAD}@(\d+)\s(?:instead of|rather than|in place of|not)\s@(\d+)(?:\sinstead)?$`), 'newFirst'],
  [new RegExp(String.raw`${SUB_LEAD}(?:instead of|rather than|in place of)\s@(\d+)\s(?:,\s)?(?:use|try|do|go with|make it|what about|how about)?\s?@(\d+)$`), 'oldFirst'],
  [/^(?:(?:and|but|so|ok|okay|now|then|actually)\s)*(?:swap|replace|switch|change|sub)\s(?:out\s)?@(\d+)\s(?:for|with|to|by)\s@(\d+)(?:\sinstead)?$/, 'oldFirst'],
];
/** Words a variation may contain besides amounts, channels and a horizon. */
const VARIATION_WORDS = new Set('only just from out to into in onto towards between across among instead of for over with then that it this one same but only rather than , the a and or'.split(' '));
/** "deeper — 40%", "less aggressive, 15%": how the new amount compares, said in words; the amount says it all. */
const TONE = /\b(?:deeper|bigger|smaller|larger|harder|milder|gentler|softer|(?:a bit |a little )?(?:less|more) (?:aggressive|extreme|drastic))\b/g;
const OPTIMIZE_THAT = /^(?:(?:and|now|ok|okay|so|then|can you|could you|please|lets|let us)\s)*(?:optimi[sz]e|find (?:the )?(?:best|optimal) (?:mix|split|plan)(?: for)?)\s(?:that|it|this|the plan|this plan|that plan|that one|this one|that scenario|this scenario|the scenario)(?:\s(?:please|instead|now|too))?$/;
const ALSO = /^(?:(?:and|so|ok|okay)\s)?(?:also|plus|additionally|on top of that|in addition|as well as)\s/;

interface Variation {
  quantity?: Quantity;
  sources: Mention[];
  destinations: Mention[];
  channels: Mention[];
  weeks?: number;
}

/** The variation a short follow-up asks for, or undefined when the message says more than a variation. */
export function readVariation(reading: Reading): Variation | undefined {
  const template = reading.question.template.replace(LEAD, '').replace(TONE, ' ').replace(/\s+/g, ' ').trim();
  const tokens = template.split(' ').filter(Boolean);
  if (tokens.some((t) => !/^[#@]\d+$/.test(t) && !VARIATION_WORDS.has(t))) return undefined;
  if (!tokens.some((t) => /^[#@]\d+$/.test(t)) && !reading.question.horizon) return undefined;
  if (reading.question.quantities.length > 1) return undefined;
  const from = /\b(?:from|out of|of)\s((?:@\d+\s?(?:and\s|or\s|,\s)?)+)/.exec(template);
  const to = /\b(?:to|into|in|onto|towards|between|across|among)\s((?:@\d+\s?(?:and\s|or\s|,\s)?)+)/.exec(template);
  const sources = from ? mentionsIn(from[1], reading.question) : [];
  const destinations = to ? mentionsIn(to[1], reading.question) : [];
  const rest = template.replace(from?.[0] ?? '\u0000', ' ').replace(to?.[0] ?? '\u0000', ' ');
  const variation: Variation = { sources, destinations, channels: mentionsIn(rest, reading.question) };
  // "search +10%" names a channel and an amount: a question of its own, not a variation.
  if (variation.channels.length > 0 && reading.question.quantities.length > 0) return undefined;
  if (reading.question.quantities[0]) variation.quantity = reading.question.quantities[0];
  if (reading.question.horizon) variation.weeks = reading.question.horizon.weeks;
  return variation;
}

/** The previous change's amount replaced, keeping its direction ("cut TV by 20%" → "what about 30%?" cuts by 30%). */
function withAmount(change: PlanChange, quantity: Quantity, reading: Reading): PlanChange | Intent {
  if (quantity.kind === 'bare') return askUnit(quantity, reading);
  if (quantity.kind === 'times') {
    if (change.kind === 'scale') return { ...change, by: { unit: 'percent', value: (quantity.value - 1) * 100 } };
    if (change.kind === 'scaleTotal') return { ...change, by: { unit: 'percent', value: (quantity.value - 1) * 100 } };
    return { kind: 'clarify', question: `"${quantity.text}" is a multiple: give an amount, e.g. "30%" or "$20k a week".` };
  }
  const amount: Amount = quantity.kind === 'percent' ? { unit: 'percent', value: Math.abs(quantity.value) } : { unit: 'money', value: Math.abs(quantity.value), per: moneyPer(quantity, reading) };
  switch (change.kind) {
    case 'shift':
      return { ...change, amount };
    case 'scale':
    case 'scaleTotal': {
      const direction = change.by.value < 0 ? -1 : 1;
      const signed = quantity.text.startsWith('-') || quantity.text.startsWith('+') ? Math.sign(quantity.value) : direction;
      return { ...change, by: { ...amount, value: signed * amount.value } };
    }
    case 'set':
      if (quantity.kind !== 'money') return { kind: 'clarify', question: `Set ${change.channel} to how much a week? e.g. "$20k".` };
      return { ...change, weeklySpend: moneyPer(quantity, reading) === 'horizon' ? quantity.value / (reading.question.horizon?.weeks ?? reading.defaultWeeks) : quantity.value };
    case 'setTotal':
      if (quantity.kind !== 'money') return { kind: 'clarify', question: 'Set the budget to how much? e.g. "$1.5M for next quarter".' };
      return { ...change, amount: quantity.value, per: budgetPer(quantity, reading) };
  }
}

function isChange(value: PlanChange | Intent): value is PlanChange {
  return ['shift', 'scale', 'set', 'scaleTotal', 'setTotal'].includes(value.kind);
}

function singleKeys(mentions: Mention[], reading: Reading): string[] {
  return [...new Set(mentions.flatMap((m) => keysOf(m, reading)))];
}

function varyWhatIf(spec: WhatIfSpec, variation: Variation, reading: Reading): Intent {
  let changes = spec.changes;
  if (variation.quantity) {
    const withAmounts = changes.filter((c) => c.kind !== 'set' || c.weeklySpend !== 0);
    if (withAmounts.length === 0) return { kind: 'clarify', question: 'The previous scenario has no amount to change.' };
    // "what about 20%?" after "cut TV 10% and raise search 10%" could be either change (or both): asked, never the first on a guess.
    if (withAmounts.length > 1) {
      return { kind: 'clarify', question: `The last scenario has ${withAmounts.length} changes (${lowerFirst(whatIfRestatement(spec, reading))}): which should be ${variation.quantity.text}? Say the scenario in full with the new amount.` };
    }
    const at = changes.indexOf(withAmounts[0]);
    const changed = withAmount(changes[at], variation.quantity, reading);
    if (!isChange(changed)) return changed;
    changes = changes.map((c, i) => (i === at ? changed : c));
  }
  const shifts = changes.filter((c): c is PlanChange & { kind: 'shift' } => c.kind === 'shift');
  if (variation.sources.length > 0 || variation.destinations.length > 0) {
    if (shifts.length === 0) return { kind: 'clarify', question: 'The previous scenario moves no money between channels: say what to move, e.g. "move 20% from radio to search".' };
    const template = shifts[0];
    const sources = variation.sources.length > 0 ? singleKeys(variation.sources, reading) : [...new Set(shifts.map((s) => s.from))];
    const kept = template.to.filter((t) => !sources.includes(t.channel));
    const to = variation.destinations.length > 0
      ? destinationShares(singleKeys(variation.destinations, reading).filter((k) => !sources.includes(k)), variation.destinations.some((m) => m.kind === 'group'), reading)
      : kept.length === template.to.length
        ? template.to
        : destinationShares(kept.map((t) => t.channel), false, reading);
    if (to.length === 0) return { kind: 'clarify', question: 'That moves money into the channel it comes from: which destination did you mean?' };
    const rebuilt = sources.map((from): PlanChange => ({ kind: 'shift', from, to, amount: template.amount }));
    changes = [...rebuilt, ...changes.filter((c) => c.kind !== 'shift')];
  }
  if (variation.channels.length > 0) {
    const keys = singleKeys(variation.channels, reading);
    const adjustable = changes.filter((c) => c.kind === 'scale' || c.kind === 'set');
    if (shifts.length > 0 || adjustable.length !== 1) {
      const names = namesOf(keys, reading);
      const options = [`from ${listNames(names)} instead`, `to ${listNames(names)} instead`];
      return { kind: 'clarify', question: `Use ${listNames(names)} instead of which channel, the one money comes from or the one it goes to?`, options };
    }
    const only = adjustable[0] as PlanChange & { kind: 'scale' | 'set' };
    changes = [...keys.map((channel) => ({ ...only, channel })), ...changes.filter((c) => c !== only)];
  }
  return { kind: 'whatIf', spec: { ...spec, changes, weeks: variation.weeks ?? spec.weeks } };
}

function varyOptimize(spec: OptimizeSpec, variation: Variation, reading: Reading): Intent {
  if (variation.channels.length + variation.sources.length + variation.destinations.length > 0) {
    return { kind: 'clarify', question: 'What should change about that channel? e.g. "keep TV above 100k" or "search at least 20%".' };
  }
  let objective = spec.objective;
  const quantity = variation.quantity;
  if (quantity) {
    if (quantity.kind === 'bare') return askUnit(quantity, reading);
    if (quantity.kind !== 'money') return { kind: 'clarify', question: 'Give the new budget as money, e.g. "what about $900k?".' };
    if (objective.kind === 'marginal') objective = { kind: 'marginal', increment: { amount: quantity.value, per: moneyPer(quantity, reading) } };
    else if (objective.kind === 'minCostForTarget') objective = { kind: 'minCostForTarget', target: { kpi: quantity.value, per: moneyPer(quantity, reading) } };
    else objective = { kind: 'maxKpi', budget: { amount: quantity.value, per: budgetPer(quantity, reading) } };
  }
  return { kind: 'optimize', spec: { ...spec, objective, weeks: variation.weeks ?? spec.weeks } };
}

/** The previous what-if with one channel put in another's place, wherever it appears. */
function substituted(spec: WhatIfSpec, replaced: string, by: string, reading: Reading): Intent {
  const names = (k: string) => namesOf([k], reading)[0];
  if (!spec.changes.some((c) => changedKeys(c).includes(replaced))) {
    return { kind: 'clarify', question: `The last scenario doesn't involve ${names(replaced)}: what should ${names(by)} replace?` };
  }
  const changes = spec.changes.map((c): PlanChange => {
    if (c.kind === 'shift') return { ...c, from: c.from === replaced ? by : c.from, to: c.to.map((t) => (t.channel === replaced ? { ...t, channel: by } : t)) };
    if ((c.kind === 'scale' || c.kind === 'set') && c.channel === replaced) return { ...c, channel: by };
    return c;
  });
  if (changes.some((c) => c.kind === 'shift' && c.to.some((t) => t.channel === c.from))) {
    return { kind: 'clarify', question: `That would move money from ${names(by)} into itself: which channel did you mean?` };
  }
  return { kind: 'whatIf', spec: { ...spec, changes, weeks: reading.question.horizon?.weeks ?? spec.weeks } };
}

/** "make it social instead of search": the previous what-if with one channel for another. */
export function readSubstitution(reading: Reading): Intent | undefined {
  const template = reading.question.template;
  for (const [pattern, order] of SUBSTITUTION) {
    const match = pattern.exec(template);
    if (!match) continue;
    const [first, second] = [reading.question.mentions[Number(match[1])], reading.question.mentions[Number(match[2])]];
    const [newMention, oldMention] = order === 'newFirst' ? [first, second] : [second, first];
    const ambiguous = firstAmbiguous([newMention, oldMention]);
    if (ambiguous) return askWhichChannel(ambiguous, reading);
    if (newMention.kind !== 'channel' || oldMention.kind !== 'channel') return { kind: 'clarify', question: 'Put one channel in the place of another, e.g. "make it social instead of search".' };
    const previous = reading.context.previous;
    if (previous?.kind !== 'whatIf') return { kind: 'clarify', question: 'There is no scenario in this thread to change yet. Ask a full question first, e.g. "what if we move 20% from TV to search".' };
    return substituted(previous.spec, oldMention.key, newMention.key, reading);
  }
  return undefined;
}

/** "what about 30%?", "and from radio instead?", "over 8 weeks instead". */
export function readVariationFollowUp(reading: Reading): Intent | undefined {
  const variation = readVariation(reading);
  if (!variation) return undefined;
  const previous = reading.context.previous;
  const ambiguous = firstAmbiguous([...variation.sources, ...variation.destinations, ...variation.channels]);
  if (ambiguous) return askWhichChannel(ambiguous, reading);
  if (previous?.kind === 'whatIf') return varyWhatIf(previous.spec, variation, reading);
  if (previous?.kind === 'optimize') return varyOptimize(previous.spec, variation, reading);
  return undefined;
}

/** A follow-up ("what about 30%?") in a thread with no scenario yet: ask for a full question rather than guess. */
export function readOrphanFollowUp(reading: Reading): Intent | undefined {
  const variation = readVariation(reading);
  if (!variation || reading.context.previous) return undefined;
  // A lone channel name is not a follow-up; other readers had their chance ("TV" alone stays not understood).
  if (!variation.quantity && !variation.weeks && variation.sources.length + variation.destinations.length === 0) return undefined;
  return { kind: 'clarify', question: 'What should that apply to? Ask a full question first, e.g. "what if we move 20% from TV to search".' };
}

/** The weekly total a what-if ends with, when its total-budget changes say so; otherwise today's budget is kept. */
function budgetAfter(spec: WhatIfSpec, reading: Reading): { amount: number; per: 'week' | 'horizon' } | undefined {
  let budget: { amount: number; per: 'week' | 'horizon' } | undefined;
  const today = weeklyTotal(reading);
  for (const change of spec.changes) {
    if (change.kind === 'setTotal') budget = { amount: change.amount, per: change.per };
    if (change.kind === 'scaleTotal') {
      const base = budget ? (budget.per === 'week' ? budget.amount : budget.amount / spec.weeks) : today;
      if (base === undefined) return undefined;
      const weeklyChange = change.by.unit === 'percent' ? (base * change.by.value) / 100 : change.by.per === 'week' ? change.by.value : change.by.value / spec.weeks;
      budget = { amount: base + weeklyChange, per: 'week' };
    }
  }
  return budget;
}

/** "optimize that": the previous scenario's horizon and budget, the best split. */
export function readOptimizeThat(reading: Reading): Intent | undefined {
  if (!OPTIMIZE_THAT.test(reading.question.words)) return undefined;
  const previous = reading.context.previous;
  if (previous?.kind === 'optimize') return previous;
  if (previous?.kind !== 'whatIf') return { kind: 'clarify', question: 'There is no scenario in this thread to optimize yet. Try "optimize the budget".' };
  const budget = budgetAfter(previous.spec, reading);
  return { kind: 'optimize', spec: { objective: budget ? { kind: 'maxKpi', budget } : { kind: 'maxKpi' }, constraints: [], weeks: previous.spec.weeks } };
}

/** "also double social": true when the message adds to the previous what-if rather than replacing it. */
export function addsToPrevious(reading: Reading): boolean {
  return ALSO.test(reading.question.template) && reading.context.previous?.kind === 'whatIf';
}

const SCALED = /^(?:(?:and|ok|okay|now|so|then|but|same|same thing|what about|how about|try|lets|let us|what if we|can you|could you)\s)*(?<factor>double|twice|triple|half|halve|half of)\s(?:that|it|this|the amount|that amount|the change|that change|the cut|that cut|the move|that move|as much)(?:\s(?:instead|then|please|again))?$/;
const FACTORS: Record<string, number> = { double: 2, twice: 2, triple: 3, half: 0.5, halve: 0.5, 'half of': 0.5 };

/** The change's amount times `factor`: "double that" after "move 20% from TV to search" moves 40%. */
function scaledChange(change: PlanChange, factor: number): PlanChange {
  switch (change.kind) {
    case 'shift':
      return { ...change, amount: { ...change.amount, value: change.amount.value * factor } };
    case 'scale':
    case 'scaleTotal':
      return { ...change, by: { ...change.by, value: change.by.value * factor } };
    case 'set':
      return { ...change, weeklySpend: change.weeklySpend * factor };
    case 'setTotal':
      return { ...change, amount: change.amount * factor };
  }
}

/** "double that", "half that": the previous what-if with each change's amount scaled ("what about half?" is an amount of its own, read elsewhere). */
export function readScaledFollowUp(reading: Reading): Intent | undefined {
  const match = SCALED.exec(reading.question.words);
  if (!match) return undefined;
  const previous = reading.context.previous;
  if (previous?.kind !== 'whatIf') return { kind: 'clarify', question: 'There is no scenario in this thread to scale yet. Ask a full question first, e.g. "what if we move 20% from TV to search".' };
  const factor = FACTORS[match.groups!.factor];
  return { kind: 'whatIf', spec: { ...previous.spec, changes: previous.spec.changes.map((c) => scaledChange(c, factor)) } };
}

const REVERSED = /^(?:(?:and|ok|okay|now|so|then|what about|how about|try|what if we did it|do it|now do it)\s)*(?:the\s)?(?:other way (?:round|around)|reverse(?: it| that)?|flip(?: it| that)?(?: round| around)?|in reverse|vice versa|the opposite direction|opposite way)$/;

/** "and the other way round?": the previous move the other way, from where it went back to where it came from. */
export function readReversedFollowUp(reading: Reading): Intent | undefined {
  if (!REVERSED.test(reading.question.words)) return undefined;
  const previous = reading.context.previous;
  const shifts = previous?.kind === 'whatIf' ? previous.spec.changes : [];
  if (previous?.kind !== 'whatIf' || shifts.length === 0 || !shifts.every((c) => c.kind === 'shift' && c.to.length === 1)) {
    return { kind: 'clarify', question: 'The other way round works for a move from one channel to another, e.g. after "move 20% from TV to search". Say the move you mean in full.' };
  }
  const changes = shifts.map((c): PlanChange => {
    const shift = c as PlanChange & { kind: 'shift' };
    return { ...shift, from: shift.to[0].channel, to: [{ channel: shift.from, share: 1 }] };
  });
  return { kind: 'whatIf', spec: { ...previous.spec, changes } };
}

/** "and radio too", "radio as well": the previous single change made to one more channel as well. */
export function readSameForAnotherChannel(reading: Reading): Intent | undefined {
  const match = /^(?:(?:and|also|plus|ok|now)\s)*@(\d+)\s(?:too|as well|also)$|^(?:and\s)?(?:also|same for|the same for|likewise for)\s@(\d+)\s(?:too|as well)$/.exec(reading.question.template);
  if (!match) return undefined;
  const mention = reading.question.mentions[Number(match[1] ?? match[2])];
  if (mention.kind === 'ambiguous') return askWhichChannel(mention, reading);
  const previous = reading.context.previous;
  const [only] = previous?.kind === 'whatIf' ? previous.spec.changes : [];
  if (previous?.kind !== 'whatIf' || previous.spec.changes.length !== 1 || (only.kind !== 'scale' && only.kind !== 'set')) {
    return { kind: 'clarify', question: 'Which change for that channel? Say it in full, e.g. "and cut radio by 30% too".' };
  }
  const added = keysOf(mention, reading).filter((key) => key !== only.channel);
  if (added.length === 0) return { kind: 'clarify', question: 'That channel already changes in this scenario. Say the change you mean, e.g. "cut radio by 30%".' };
  return { kind: 'whatIf', spec: { ...previous.spec, changes: [only, ...added.map((channel): PlanChange => ({ ...only, channel }))] } };
}

/** "same but cut radio 10%", "same, with search at 50k": the thread's scenario named, then an edit of its own. */
const SAME_THEN = /^\s*(?:(?:and|ok|okay|now|so)[\s,]+)*(?:the\s+)?same(?:\s+(?:thing|scenario|again|as before))?[\s,]*(?:but\s+)?(?:with\s+)?/i;

/**
 * "same but cut radio 10%" after "move 20% from TV to search" has two readings: the cut added to
 * the move, or run instead of it. Asked, each reading offered; never the new edit alone on a guess.
 */
export function askedAddOrInstead(reading: Reading): Intent | undefined {
  const previous = reading.context.previous;
  const lead = SAME_THEN.exec(reading.question.plain);
  if (previous?.kind !== 'whatIf' || !lead) return undefined;
  const rest = reading.question.plain.slice(lead[0].length).trim();
  if (!rest) return undefined;
  const last = lowerFirst(whatIfRestatement(previous.spec, reading));
  return { kind: 'clarify', question: `Add "${rest}" to the last scenario (${last}), or run it instead of it?`, options: [`also ${rest}`, rest] };
}
