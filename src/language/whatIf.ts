/**
 * What-if questions: edits of today's plan. "move 20% from TV to search", "cut TV by 30%",
 * "double social", "what if radio was 20k per week", "pause display for a month",
 * "what if the budget drops 15%", "we have $1.2M for next quarter". Several edits in one
 * message ("cut TV by 10% and double search") become several changes, applied in order.
 */
import type { Amount, Intent, PlanChange, WhatIfSpec } from '../scenarios/spec';
import type { Quantity } from './amounts';
import type { Mention } from './channels';
import {
  askUnit,
  askWeeklyOrTotal,
  askWhichChannel,
  budgetPer,
  destinationShares,
  firstAmbiguous,
  horizonWeeks,
  keysOf,
  moneyPer,
  namesOf,
  unknownChannel,
  weeklySpendOf,
  weeklyTotal,
  type Reading,
} from './context';
import { mentionsIn, quantitiesIn, typedText, type Question } from './question';
import { lowerFirst, whatIfRestatement } from './restate';
import { formatMoney, formatPercent } from '../format';
import { NEGATION } from './negation';
import { literally } from './context';

/** Verbs that only ever mean moving spend between channels: without a source or destination, ask. */
const SHIFT_ONLY = /\b(?:move[ds]?|moving|shift(?:s|ed|ing)?|reallocat(?:e|es|ed|ing|ion)|re allocate|transfer(?:s|red|ring)?|redirect(?:s|ed|ing)?|divert(?:s|ed|ing)?|reassign(?:s|ed|ing)?|swap(?:ped)?)\b/;
const CHANGE_VERB = new RegExp(
  String.raw`(?:${SHIFT_ONLY.source}|\b(?:take|took|put|send|sent|allocate|give|cut|reduce|lower|decrease|drop|trim|slash|scale|pull|shrink|increase|raise|boost|grow|add|bump|lift|ramp|invest|double|triple|quadruple|halve|set|make|turn|switch|shut|stop|pause|kill|zero|cancel|eliminate|spend|spent|remove|ditch|axe)(?:s|d|ed|es|ing|ped|ting|ming|ped)?\b)`,
);
/** An edit's own verb after its channel: "search halved", "radio doubled", "TV cut by 10%". */
/** "… and search 10% more": a channel, an amount and which way, with no verb. */
const COMPARED_AFTER_CHANNEL = String.raw`@\d+\s(?:(?:is|was|were|be)\s)?#\d+\s(?:more|less|higher|lower|up|down)\b`;
const VERB_AFTER_CHANNEL = String.raw`@\d+\s(?:(?:is|was|were|gets?|got|be)\s)?(?:doubl|tripl|quadrupl|halv|cut|reduc|increas|rais|boost|lower|decreas|paus|stopp|drop|grow|grew|trimm|slash)\w*\b`;

/** "search or social": channels offered as alternatives, two scenarios, never both at once. */
const ALTERNATIVES = /@\d+\s(?:,\s)?or\s@\d+/;
const RUN = String.raw`@\d+(?:\s(?:,\s)?(?:and\s|or\s|plus\s)?@\d+)*`;
const RUNS = new RegExp(RUN, 'g');
const SOURCE = new RegExp(String.raw`\b(?:from|out of|away from|of|off)\s(${RUN})`);
/** "shift paid social to ppc", "move 10% tv to search": the source right after the verb (and amount), before the destination. */
const SOURCE_AFTER_VERB = new RegExp(String.raw`\b(?:mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|reallocat(?:e|es|ed|ing)|transfer(?:s|red|ring)?|redirect(?:s|ed|ing)?|divert(?:s|ed|ing)?|take|took)\s(?:#\d+\s(?:of\s)?)?(${RUN})(?=\s(?:#\d+\s)?(?:to|into|towards?|onto|over to)\s@)`);
const DESTINATION = new RegExp(String.raw`\b(?:to|into|towards?|onto|in|over to|across to)\s(${RUN})`);
const UNKNOWN_AFTER = /\b(?:from|out of|of|off|to|into|towards?|onto|on|in)\s([a-z][a-z0-9]{2,})\b/g;

const TURN_OFF = /\b(?:(?:is|was|were|be|at|to|goes to|went to|go to)\s(?:zero|nothing|nil)\b|turn(?:ed|ing)? off|switch(?:ed|ing)? off|shut(?:ting)? (?:off|down)|stop(?:s|ped|ping)?|paus(?:e|es|ed|ing)|kill(?:s|ed|ing)?|zero(?:ed)? out|cancel(?:s|led|ed)?|eliminat(?:e|es|ed|ing)|get rid of|go(?:es|ing)? dark (?:on|in)|went dark (?:on|in)|drop(?:s|ped)?|remov(?:e|es|ed|ing)|ditch(?:ed)?|axe[ds]?|without|no more|nothing (?:on|in|for)|zero (?:on|in|for)|no)\b|@\d+ (?:off|paused|stopped|went dark|goes dark)\b/;
const MULTIPLIERS: Array<[RegExp, number]> = [
  [/\bdoubl(?:e|es|ed|ing)\b/, 100],
  [/\btripl(?:e|es|ed|ing)\b/, 200],
  [/\bquadrupl(?:e|es|ed|ing)\b/, 300],
  [/\bhalv(?:e|es|ed|ing)\b/, -50],
];
const UP = /\b(?:increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|boost(?:s|ed|ing)?|grow(?:s|n|ing)?|grew|add(?:s|ed|ing)?|bump(?:s|ed)?|lift(?:s|ed)?|up(?:ped)?|scal(?:e|es|ed) up|ramp(?:s|ed)? up|invest(?:s|ed|ing)?|more|extra|additional|another|higher|ris(?:e|es|en)|rose|expand(?:s|ed)?|plus|top up)\b/;
const DOWN = /\b(?:cut(?:s|ting)?|reduc(?:e|es|ed|ing)|lower(?:s|ed|ing)?|decreas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|trim(?:s|med)?|slash(?:es|ed)?|scal(?:e|es|ed) (?:back|down)|pull(?:s|ed|ing)?(?: back| out)?|shrink(?:s)?|shrank|less|fewer|take|took|remov(?:e|es|ed)|minus|fall(?:s|en)?|fell|down|declin(?:e|es|ed)|sav(?:e|es|ing))\b/;
/** "to 50k", "was 20k", "at 20k": the spend becomes this amount. */
const SET_TO = /\b(?:to|at|is|was|were|be|becomes?|became|of|stays? at)\s#(\d+)(?!\s(?:more|less|higher|lower|up|down|extra)\b)/;
/** Words for the whole budget in "5% of the budget", "20% of total spend" (spend and spending alone are also a channel's own: see `shareOfBudget`). */
const WHOLE_BUDGET = 'total|budget|overall|mix|everything|media|marketing';
const SPEND_ON = new RegExp(String.raw`\bspen[dt]s?\s#(\d+)\s(?:of\s(?:${WHOLE_BUDGET}|spend|spending)\s)?(?:on|in|for)\s@\d+`);
/** "TV at 20% of the budget": the percentage (its quantity's index) is a share of the whole budget. */
const OF_WHOLE_BUDGET = new RegExp(String.raw`#(\d+)\sof\s(?:all\s)?(?:${WHOLE_BUDGET})\b(?:\s(?:budget|spend|spending))?(?!\s(?:on|in|for|of)\s@)`);
const SHARE_OF_WHOLE = new RegExp(String.raw`#(\d+)\s(?:of|of all)\s(?:${WHOLE_BUDGET}|spend|spending)\b`, 'g');
/** "what would $1M on TV over 10 weeks look like": an amount put on a channel is its spend. */
const AMOUNT_ON = /^what (?:would|does|will|do)\s#(\d+)\s(?:on|in|into|for)\s@\d+\s(?:look like|do|mean|get us|give us|buy us|get|give|buy)$/;
const HAVE_BUDGET = /\b(?:we (?:only |still )?(?:have|ve got|got|ll have|will have|get|had|d have|would have|had only)|(?:weve|ive|wed|id|well|ill)(?: only| still)?(?: got| have)?|there is|there s|theres|with)\s#(\d+)/;
const TOTAL = /\b(?:budget|total|overall|everything|across board|spend|spending|marketing|media|all spend|whole mix)\b/;

/** Words allowed around a channel slot that are not themselves a channel name. */
const NOT_A_NAME = new Set(
  (
    'the our all each every any what would happen if we they you it its that this them spend spending budget money week weeks ' +
    'per more less then and also plus same instead but how much with without out into onto from for over under total overall ' +
    'extra additional next some half third quarter month months year channel channels everything nothing here there'
  ).split(' '),
);

type ClauseReading = { changes: PlanChange[] } | { ask: Intent } | undefined;

function isAsk(value: ClauseReading): value is { ask: Intent } {
  return value !== undefined && 'ask' in value;
}

/** The first word in a channel's place that names no channel ("move 20% from tiktok to search"). */
function unknownName(clause: string): string | undefined {
  for (const match of clause.matchAll(UNKNOWN_AFTER)) if (!NOT_A_NAME.has(match[1])) return match[1];
  return undefined;
}

function moneyAmount(quantity: Quantity & { kind: 'money' }, reading: Reading, sign = 1): Amount {
  return { unit: 'money', value: sign * Math.abs(quantity.value), per: moneyPer(quantity, reading) };
}

/** Money moved out of several sources at once is split like a destination set: by today's spend, else evenly. */
function perSourceAmount(amount: Amount, share: number): Amount {
  return amount.unit === 'money' ? { ...amount, value: amount.value * share } : amount;
}

/** "cut TV in half and give it to search", "stop radio and put it all into social", "pull $20k from TV and split it across search and social", "TV cut in half and the savings went to search": a cut whose money goes on. */
const CUT_AND_MOVE = new RegExp(
  String.raw`^(.+?)\s(?:,\s)?(?:and\s|,\s)(?:then\s)?(?:(?:put|puts|give|gave|send|sent|move|moved|shift|shifted|add|added|invest|invested|spend|spent|reallocate|reallocated|redirect|redirected|use|used|split|splits|divide|divided|spread)\s(?:it|that|them|this|those|money|savings|difference|what we save)(?:\s(?:all|instead|back|evenly|equally))?\s(?:in|into|to|onto|towards?|on|for|across|between|among|amongst|over)|(?:savings|money|difference|rest|freed up money|freed budget)\s(?:went|goes|go|would go|will go|moved|is moved|was moved|were moved|gets moved|got moved|is put|was put)\s(?:to|into|towards?|onto|on|over to))\s(${RUN})(?:\s(?:evenly|equally))?(?:\s(?:,\s)?(?:what|whats|how|impact|effect|lift|result)\b.*)?$`,
);

/** The cut's own change read as a shift of the same amount into the destination, or a question back. */
function readCutAndMove(clause: string, reading: Reading): ClauseReading {
  const match = CUT_AND_MOVE.exec(clause);
  if (!match) return undefined;
  const cut = readAdjustment(match[1], reading);
  if (!cut || isAsk(cut)) return cut;
  const destinations = mentionsIn(match[2], reading.question);
  const ambiguous = firstAmbiguous(destinations);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
  const to = destinationShares([...new Set(destinations.flatMap((m) => keysOf(m, reading)))], destinations.some((m) => m.kind === 'group'), reading);
  const changes: PlanChange[] = [];
  for (const change of cut.changes) {
    const amount: Amount | undefined =
      change.kind === 'set' && change.weeklySpend === 0 && change.weeks === undefined ? { unit: 'percent', value: 100 } : change.kind === 'scale' && change.by.value < 0 ? { ...change.by, value: -change.by.value } : undefined;
    const from = change.kind === 'set' || change.kind === 'scale' ? change.channel : undefined;
    const targets = to.filter((t) => t.channel !== from);
    if (!amount || !from || targets.length !== to.length || to.length === 0) {
      return { ask: { kind: 'clarify', question: `Move how much, from which channel to which? I read "${typedText(match[1], reading.question)}" but not where its money goes, e.g. "move 20% from TV to search".` } };
    }
    changes.push({ kind: 'shift', from, to, amount });
  }
  return { changes };
}

/**
 * "move 5% of the budget from TV to search", "cut TV by 5% of total spend": a share of today's
 * whole budget, so money a week, never 5% of the channel. Undefined when the clause says no such share.
 */
function shareOfBudget(clause: string, reading: Reading): Amount | { ask: Intent } | undefined {
  // "of the budget from TV" is the whole budget's; "of spend on TV", "of spending from TV" are TV's own.
  const match =
    OF_WHOLE_BUDGET.exec(clause) ??
    /#(\d+)\sof\s(?:all\s)?(?:spend|spending)\b(?!\s(?:on|in|for|of|from)\s@)/.exec(clause);
  const quantity = match ? reading.question.quantities[Number(match[1])] : undefined;
  if (quantity?.kind !== 'percent') return undefined;
  const total = weeklyTotal(reading);
  if (total === undefined) return { ask: { kind: 'clarify', question: `I don't know today's total budget to take ${quantity.text} of: give the amount in money, e.g. "$10k a week".` } };
  return { unit: 'money', value: (total * quantity.value) / 100, per: 'week' };
}

function readShift(clause: string, reading: Reading): ClauseReading {
  const cutAndMove = readCutAndMove(clause, reading);
  if (cutAndMove) return cutAndMove;
  const source = SOURCE.exec(clause) ?? SOURCE_AFTER_VERB.exec(clause);
  const destination = DESTINATION.exec(clause.replace(source?.[0] ?? '\u0000', ' '));
  const shiftWord = SHIFT_ONLY.test(clause);
  if (!source || !destination) {
    if (!shiftWord || (!source && !destination)) {
      if (shiftWord) {
        const unknown = unknownName(clause);
        if (unknown) return { ask: unknownChannel(unknown, reading) };
        return { ask: { kind: 'clarify', question: 'Move how much, from which channel to which? e.g. "move 20% from TV to search"' } };
      }
      return undefined;
    }
    const unknown = unknownName(clause.replace(source?.[0] ?? destination?.[0] ?? '\u0000', ' '));
    const named = mentionsIn((source ?? destination)![1], reading.question).flatMap((m) => keysOf(m, reading));
    if (unknown) return { ask: unknownChannel(unknown, reading, named) };
    return { ask: { kind: 'clarify', question: source ? 'Move it to which channel?' : 'Move it out of which channel?' } };
  }
  const sources = mentionsIn(source[1], reading.question);
  const destinations = mentionsIn(destination[1], reading.question);
  const ambiguous = firstAmbiguous([...sources, ...destinations]);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
  const quantity = quantitiesIn(clause, reading.question)[0];
  if (!quantity) return { ask: { kind: 'clarify', question: 'How much should move? e.g. "20%", "half" or "$10k a week"' } };
  if (quantity.kind === 'bare') return { ask: askUnit(quantity, reading) };
  if (quantity.kind === 'times') return { ask: { kind: 'clarify', question: `Move how much: "${quantity.text}" is a multiple, not an amount.` } };
  const ofBudget = shareOfBudget(clause, reading);
  if (ofBudget && 'ask' in ofBudget) return ofBudget;
  const amount: Amount = ofBudget ?? (quantity.kind === 'percent' ? { unit: 'percent', value: quantity.value } : moneyAmount(quantity, reading));
  const sourceKeys = [...new Set(sources.flatMap((m) => keysOf(m, reading)))];
  const destinationKeys = [...new Set(destinations.flatMap((m) => keysOf(m, reading)))].filter((k) => !sourceKeys.includes(k));
  if (destinationKeys.length === 0) return { ask: { kind: 'clarify', question: 'Move it to which channel? The destination is the same as the source.' } };
  // "from TV or radio" is two scenarios, not a move out of both: each offered alone.
  if (ALTERNATIVES.test(source[1]) && sourceKeys.length > 1) {
    const to = namesOf(destinationKeys, reading).join(' and ');
    const options = namesOf(sourceKeys, reading).map((from) => `move ${quantity.text} from ${from} to ${to}`);
    return { ask: { kind: 'clarify', question: `Out of which channel: ${namesOf(sourceKeys, reading).join(' or ')}? One at a time, or "and" to move it out of each.`, options } };
  }
  // "to search or social" is two scenarios, not a split between them: each offered alone.
  if (ALTERNATIVES.test(destination[1]) && destinationKeys.length > 1) {
    const from = namesOf(sourceKeys, reading).join(' and ');
    const options = namesOf(destinationKeys, reading).map((to) => `move ${quantity.text} from ${from} to ${to}`);
    return { ask: { kind: 'clarify', question: `Into which channel: ${namesOf(destinationKeys, reading).join(' or ')}? One at a time, or "and" to split it between them.`, options } };
  }
  const to = destinationShares(destinationKeys, destinations.some((m) => m.kind === 'group'), reading);
  const sourceShares = destinationShares(sourceKeys, true, reading);
  return { changes: sourceShares.map(({ channel, share }) => ({ kind: 'shift', from: channel, to, amount: perSourceAmount(amount, share) })) };
}

const EDIT_WORDS = [...MULTIPLIERS.map(([p]) => p), UP, DOWN, TURN_OFF].map((p) => new RegExp(p.source, 'g'));

/** How many words in a clause say how spend changes ("double", "cut", "increase", "pause"…). */
function editWords(clause: string): number {
  return EDIT_WORDS.reduce((n, p) => n + [...clause.matchAll(p)].length, 0);
}

/** +1 up, -1 down, 0 when the clause says neither; the first direction word wins ("cut … to add …" is a cut). */
function directionOf(clause: string, quantity: Quantity | undefined): number {
  const up = UP.exec(clause)?.index ?? Infinity;
  const down = DOWN.exec(clause)?.index ?? Infinity;
  if (up < down) return 1;
  if (down < up) return -1;
  if (quantity && /^[+-]/.test(quantity.text)) return quantity.value < 0 ? -1 : 1;
  return 0;
}

/** A change applied to each channel of a target: percent the same for each, money split by today's spend (else evenly). */
function forEachChannel(keys: string[], amount: Amount, reading: Reading, make: (key: string, amount: Amount) => PlanChange): PlanChange[] {
  const shares = destinationShares(keys, true, reading);
  return shares.map(({ channel, share }) => make(channel, perSourceAmount(amount, share)));
}

interface Target {
  keys: string[];
  /** The whole budget: "the budget", "across the board", "every channel". */
  total: boolean;
}

function targetOf(clause: string, mentions: Mention[], reading: Reading): Target | { ask: Intent } | undefined {
  const ambiguous = firstAmbiguous(mentions);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
  if (mentions.some((m) => m.kind === 'every')) return { keys: [], total: true };
  if (mentions.length > 0) {
    const keys = [...new Set(mentions.flatMap((m) => keysOf(m, reading)))];
    // "cut TV or radio by 10%" is two scenarios, not both cut: asked which.
    if (keys.length > 1 && ALTERNATIVES.test(clause)) {
      return { ask: { kind: 'clarify', question: `Which one: ${namesOf(keys, reading).join(' or ')}? Ask about one at a time, or say "and" to change each of them.` } };
    }
    return { keys, total: false };
  }
  if (TOTAL.test(clause)) return { keys: [], total: true };
  return undefined;
}

/** "make print $5k a week": money the channel is made to spend; "make TV 80%" (of what?) and "make TV 10k bigger" are not. */
function madeSpend(clause: string, reading: Reading): RegExpExecArray | null {
  const match = /\bmake\s@\d+\s#(\d+)(?!\s(?:more|less|higher|lower|bigger|smaller|larger|up|down|extra))/.exec(clause);
  const quantity = match ? reading.question.quantities[Number(match[1])] : undefined;
  return quantity?.kind === 'money' || quantity?.kind === 'bare' ? match : null;
}

/** "tv 100k/wk": a channel and a rate of spend alone is that channel's weekly spend ("tv 100k" or "tv +10k" are not). */
function terseWeeklySpend(clause: string, reading: Reading): RegExpExecArray | null {
  const match = /^@\d+\s#(\d+)$/.exec(clause);
  const quantity = match ? reading.question.quantities[Number(match[1])] : undefined;
  return quantity?.kind === 'money' && quantity.per === 'week' && !/^[+-]/.test(quantity.text) ? match : null;
}

function readAdjustment(clause: string, reading: Reading): ClauseReading {
  const mentions = mentionsIn(clause, reading.question);
  const quantities = quantitiesIn(clause, reading.question);
  const multiplier = MULTIPLIERS.find(([pattern]) => pattern.test(clause));
  const byQuantity = /\bby\s#(\d+)/.exec(clause);
  // "we have $1.2M" names no channel: it can only be the total budget.
  const haveBudget = mentions.length === 0 ? HAVE_BUDGET.exec(clause) : null;
  const setToWords = SET_TO.exec(clause);
  const spentOn = setToWords ? null : SPEND_ON.exec(clause);
  const setTo = setToWords ?? spentOn ?? AMOUNT_ON.exec(clause) ?? haveBudget ?? madeSpend(clause, reading) ?? terseWeeklySpend(clause, reading);
  const turnOff = quantities.length === 0 && TURN_OFF.test(clause);
  const quantity = byQuantity ? reading.question.quantities[Number(byQuantity[1])] : quantities[0];
  const direction = directionOf(clause, quantity);
  const times = quantities.find((q) => q.kind === 'times');
  if (!multiplier && !setTo && !turnOff && !times && direction === 0) return undefined;

  // "double TV and halve search" read as one clause would double both: several edit words over several channels are asked back.
  if (mentions.length > 1 && editWords(clause) > 1) {
    return { ask: { kind: 'clarify', question: 'Which change goes with which channel? Say each as its own change, e.g. "double TV and halve search".' } };
  }
  // "TV cut by 20% because search is growing": one edit, channels named apart. Only a list ("TV and radio", "TV, radio") shares an edit.
  if (mentions.length > 1 && quantities.length <= 1 && ![...clause.matchAll(RUNS)].some((run) => (run[0].match(/@\d+/g) ?? []).length === mentions.length)) {
    const names = namesOf([...new Set(mentions.flatMap((m) => (m.kind === 'ambiguous' ? [] : keysOf(m, reading))))], reading);
    return { ask: { kind: 'clarify', question: `Which channel does that change: ${names.join(' or ')}? Say it for each, e.g. "cut TV by 20% and radio by 20%".` } };
  }
  // "… and give it to search": money going somewhere is a shift, never the same edit of both channels.
  if (mentions.length > 1 && /\b(?:put|give|send|move|shift|add|invest|spend|use)\s(?:it|that|them|this|those)\b/.test(clause)) {
    return { ask: { kind: 'clarify', question: 'Move how much, from which channel to which? e.g. "move 20% from TV to search" or "cut TV by 20% and give it to search".' } };
  }
  const target = haveBudget ? { keys: [], total: true } : targetOf(clause, mentions, reading);
  if (!target) {
    if (!CHANGE_VERB.test(clause) && !setTo) return undefined;
    const unknown = unknownName(clause) ?? /^(?:\S+\s)?(?:cut|reduce|double|pause|stop|increase|boost|halve|triple|lower|raise)\s([a-z]{3,})\b/.exec(clause)?.[1];
    if (unknown && !NOT_A_NAME.has(unknown)) return { ask: unknownChannel(unknown, reading) };
    return { ask: { kind: 'clarify', question: 'Which channel should change? e.g. "cut TV by 20%"' } };
  }
  if ('ask' in target) return target;

  if (turnOff) {
    if (target.total) return { ask: { kind: 'clarify', question: 'Turn off every channel? Name the channel to pause, e.g. "pause display for a month".' } };
    const horizon = reading.question.horizon;
    return {
      changes: target.keys.map((channel): PlanChange => {
        const change: PlanChange = { kind: 'set', channel, weeklySpend: 0 };
        return horizon?.isDuration ? { ...change, weeks: horizon.weeks } : change;
      }),
    };
  }
  const percentChange = multiplier ? multiplier[1] : times ? (times.value - 1) * 100 : undefined;
  if (percentChange !== undefined) {
    const by: Amount = { unit: 'percent', value: percentChange };
    return { changes: target.total ? [{ kind: 'scaleTotal', by }] : target.keys.map((channel) => ({ kind: 'scale', channel, by })) };
  }
  if (setTo) {
    const setQuantity = reading.question.quantities[Number(setTo[1])];
    if (setQuantity.kind === 'bare' && setQuantity.value !== 0) return { ask: askUnit(setQuantity, reading) };
    if (setQuantity.kind === 'money' || setQuantity.kind === 'bare') {
      const money: Quantity & { kind: 'money' } = setQuantity.kind === 'money' ? setQuantity : { kind: 'money', value: 0, text: setQuantity.text };
      if (target.total) return { changes: [{ kind: 'setTotal', amount: money.value, per: budgetPer(money, reading) }] };
      // Money over a horizon is a total ("radio at $600k over the next quarter"); "for 8 weeks" alone could be either: asked.
      const horizon = reading.question.horizon;
      if (!money.per && horizon?.isDuration && money.value > 0) return { ask: askWeeklyOrTotal(setQuantity, reading) };
      const weekly = moneyPer(money, reading) === 'horizon' ? money.value / horizonWeeks(reading) : money.value;
      return { changes: forEachChannel(target.keys, { unit: 'money', value: weekly, per: 'week' }, reading, (channel, a) => setChange(channel, a.value, reading)) };
    }
    // "TV at 20% of the budget", "spend 40% on TV": a share of today's total, not a cut to 20% of TV.
    if (setQuantity.kind === 'percent' && (spentOn !== null || [...clause.matchAll(SHARE_OF_WHOLE)].some((m) => m[1] === setTo[1]))) {
      const total = weeklyTotal(reading);
      if (target.total) return { ask: { kind: 'clarify', question: 'A share of the budget is for a channel, e.g. "what if TV were 20% of the budget".' } };
      if (total === undefined) return { ask: { kind: 'clarify', question: "I don't know today's total budget: give the channel's spend in money, e.g. \"TV at $50k a week\"." } };
      return { changes: target.keys.map((channel) => setChange(channel, (total * setQuantity.value) / 100 / target.keys.length, reading)) };
    }
    if (setQuantity.kind === 'percent' && (direction === 0 || /^(?:to|at)\b/.test(setTo[0]))) {
      // "cut TV to 80%": the new spend is 80% of today's.
      const by: Amount = { unit: 'percent', value: setQuantity.value - 100 };
      return { changes: target.total ? [{ kind: 'scaleTotal', by }] : target.keys.map((channel) => ({ kind: 'scale', channel, by })) };
    }
  }
  if (!quantity) return { ask: { kind: 'clarify', question: 'By how much? e.g. "by 20%" or "by $10k a week"' } };
  if (quantity.kind === 'bare') return { ask: askUnit(quantity, reading) };
  if (quantity.kind === 'times') return undefined;
  const sign = direction === 0 ? 1 : direction;
  const ofBudget = target.total ? undefined : shareOfBudget(clause, reading);
  if (ofBudget && 'ask' in ofBudget) return ofBudget;
  const by: Amount = ofBudget
    ? { ...ofBudget, value: sign * ofBudget.value }
    : quantity.kind === 'percent'
      ? { unit: 'percent', value: sign * Math.abs(quantity.value) }
      : moneyAmount(quantity, reading, sign);
  if (target.total) return { changes: [{ kind: 'scaleTotal', by }] };
  // "cut TV by 100%", "pull all of print": the channel turned off, said as such.
  if (by.unit === 'percent' && by.value === -100) return { changes: target.keys.map((channel) => setChange(channel, 0, reading)) };
  return { changes: forEachChannel(target.keys, by, reading, (channel, amount) => ({ kind: 'scale', channel, by: amount })) };
}

function setChange(channel: string, weeklySpend: number, reading: Reading): PlanChange {
  const horizon = reading.question.horizon;
  return horizon?.isDuration ? { kind: 'set', channel, weeklySpend, weeks: horizon.weeks } : { kind: 'set', channel, weeklySpend };
}

/** Where a new edit starts: a joining word and an edit's verb ("take 10k from TV and put it in social" is one shift: "put it" continues the clause). */
const VERB_START = new RegExp(String.raw`\s(?:,\s)?(?:and then|then|and also|also|plus|and|,|;)\s(?!(?:put|puts|give|gave|send|sent|add|added|move|moved|shift|shifted|split|splits|divide|divided|spread) (?:it|that|them|this|those|money)\b)(?=(?:[a-z]+\s)?${CHANGE_VERB.source}|${VERB_AFTER_CHANNEL}|${COMPARED_AFTER_CHANNEL})|(?<=#\d+)\s(?=@\d+\s#\d+(?:\s|$))`, 'g');

/** Splits "cut TV by 10% and double search" before each new verb; "to display and search" stays whole. */
export function changeClauses(template: string): string[] {
  const parts = template.split(VERB_START).map((c) => c.trim()).filter(Boolean);
  // "what if TV and radio were cut by 20%": a part with no edit of its own ("what if TV") joins the next.
  const clauses: string[] = [];
  let carry = '';
  for (const part of parts) {
    const joined = carry ? `${carry} and ${part}` : part;
    if (CHANGE_VERB.test(part) || /#\d/.test(part) || editWords(part) > 0) {
      clauses.push(joined);
      carry = '';
    } else carry = joined;
  }
  if (carry) clauses.push(carry);
  return clauses;
}

/** Words a gapped clause may keep besides its amounts and channels ("and search by 5%", ", 10% from radio to social"). */
const GAP_WORDS = new Set(['by', 'to', 'from', 'of', 'at', 'into', 'in', 'on', 'out', 'too', 'also']);

function placeholderKinds(text: string): string {
  return (text.match(/[#@](?=\d)/g) ?? []).join('');
}

/**
 * A clause whose verb is said once for several edits of the same shape: "cut TV by 10% and search
 * by 5%", "TV was 100k a week and search 80k", "move 20% from TV to search, 10% from radio to
 * social". Each later part takes the first part's words with its own amounts and channels; a
 * part of another shape ("to search and social") leaves the clause whole.
 */
export function gappedClauses(clause: string, question: Question): string[] {
  const parts = clause.split(/\s(?:,\s(?:and\s)?|and\s|plus\s)(?:(?:another|a further|an additional|a second)\s)?(?=[@#]\d+(?:\s|$))/);
  if (parts.length < 2) return [clause];
  const [first, ...rest] = parts.map((p) => p.trim());
  const shape = placeholderKinds(first);
  const placeholders = (text: string) => text.match(/[#@]\d+/g) ?? [];
  // "cut TV 10% and radio 5k" could set radio to 5k: a bare part must have amounts of the first part's kinds.
  const amountKinds = (text: string) => quantitiesIn(text, question).map((q) => q.kind).join();
  const saysHow = (part: string) => part.split(' ').some((w) => GAP_WORDS.has(w)) || amountKinds(part) === amountKinds(first);
  const fits = (part: string) => placeholderKinds(part) === shape && part.split(' ').every((w) => /^[#@]\d+$/.test(w) || GAP_WORDS.has(w)) && saysHow(part);
  if (shape.length < 2 || !rest.every(fits)) return [clause];
  // "cut TV by 10%, search +5%": a part whose amount carries its sign says its own direction; the first part's verb is not lent to it.
  const signed = (part: string) => quantitiesIn(part, question).some((q) => /^[+-]/.test(q.text));
  return [first, ...rest.map((part) => {
    if (signed(part)) return part;
    const own = placeholders(part);
    let i = 0;
    return first.replace(/[#@]\d+/g, () => own[i++]);
  })];
}

/**
 * "TV: $120k/wk → $90k/wk", "increase search from 60k to 75k": a pasted before and after. The
 * first amount only says where the channel stands; the second is what to run, so the clause is
 * read without the first.
 */
const BEFORE_AFTER = /(@\d+|\bfrom)\s#(\d+)\sto\s#(\d+)/;

function withoutBefore(clause: string, question: Question): string {
  const match = BEFORE_AFTER.exec(clause);
  if (!match) return clause;
  const [before, after] = [question.quantities[Number(match[2])], question.quantities[Number(match[3])]];
  const isSpend = (q: Quantity) => q.kind === 'money' || q.kind === 'bare';
  if (!isSpend(before) || !isSpend(after)) return clause;
  const head = match[1] === 'from' ? '' : `${match[1]} `;
  return clause.replace(match[0], `${head}to #${match[3]}`);
}

function readClause(clause: string, reading: Reading): ClauseReading {
  return readShift(clause, reading) ?? readAdjustment(clause, reading);
}

/**
 * A change that says something impossible in its own words ("cut TV by 200%", "set search to
 * -5k", "move 150% of radio to TV"): asked back, never run. Amounts larger than a channel's spend are left to the engine,
 * which knows what earlier changes in the scenario added.
 */
function impossibleChange(change: PlanChange, reading: Reading): Intent | undefined {
  const name = (key: string) => namesOf([key], reading)[0];
  if (change.kind === 'set' && change.weeklySpend < 0) {
    return { kind: 'clarify', question: `${name(change.channel)} can't be set to a negative spend. Did you mean to cut it by that much, e.g. "cut ${name(change.channel)} by ${formatMoney(-change.weeklySpend)} a week"?` };
  }
  if ((change.kind === 'scale' || change.kind === 'scaleTotal') && change.by.unit === 'percent' && change.by.value < -100) {
    const subject = change.kind === 'scale' ? name(change.channel) : 'the budget';
    return { kind: 'clarify', question: `${subject.charAt(0).toUpperCase()}${subject.slice(1)} can't be cut by ${formatPercent(-change.by.value)}: a cut of 100% already turns it off. How much should it fall, e.g. "cut ${subject} by 20%"?` };
  }
  if (change.kind === 'shift' && change.amount.unit === 'percent' && change.amount.value > 100) {
    const from = name(change.from);
    return { kind: 'clarify', question: `Can't move ${formatPercent(change.amount.value)} of ${from}: moving 100% already moves all of it. How much should move, e.g. "move 20% from ${from} to ${name(change.to[0].channel)}"?` };
  }
  return undefined;
}

/** Whether the message asks to edit the plan ("move", "cut", "double"…), which constraints never do. */
export function hasChangeVerb(template: string): boolean {
  return CHANGE_VERB.test(template) || /^(?:what if|what happens if|what would happen if|suppose|imagine)\b/.test(template);
}

/** The what-if the message asks for, a question back, or undefined when the message is not a plan edit. */
/**
 * "don't cut TV by 10%", "what if we stop cutting radio", "what if we never doubled search": an
 * edit said not to happen. It is never run as the edit it negates; asked back.
 */
const NEGATED_EDIT = new RegExp(
  String.raw`\b(?:${NEGATION}|stop|stopped|quit)\s(?:(?:we|you|i|to|be|been|it|ever|even|keep|keeping|was|were)\s){0,2}` +
    String.raw`(?:cut|cutting|reduc\w*|lower\w*|decreas\w*|drop\w*|trim\w*|slash\w*|shrink\w*|increas\w*|rais\w*|boost\w*|grow\w*|doubl\w*|tripl\w*|halv\w*|mov\w*|shift\w*|reallocat\w*|transfer\w*|add|adding)\b`,
);

const INSTEAD_OF_AMOUNT = /\s(?:,\s)?(?:instead of|rather than|not)\s#\d+(?=\s|$)/g;
const LEFT_ALONE = new RegExp(String.raw`\s(?:,\s)?(?:but|and|while)\s(?:leave|leaving|keep|keeping)\s${RUN}\s(?:alone|as is|as it is|unchanged|same|where it is|untouched|flat)$`);

export function readWhatIf(reading: Reading): Intent | undefined {
  if (NEGATED_EDIT.test(reading.question.template)) {
    return { kind: 'clarify', question: 'That says what not to change, and I only run the changes you ask for. Say the change to run, e.g. "cut radio by 10%".' };
  }
  // "cut radio 10% but leave TV alone": channels a what-if does not name stay as they are anyway;
  // "cut TV by 10% instead of 20%": the amount said not to run is not part of the edit.
  const template = reading.question.template.replace(LEFT_ALONE, '').replace(INSTEAD_OF_AMOUNT, '');
  const clauses = changeClauses(template).flatMap((clause) => gappedClauses(clause, reading.question));
  const changes: PlanChange[] = [];
  const unread: string[] = [];
  for (const typed of clauses) {
    const clause = withoutBefore(typed, reading.question);
    const read = readClause(clause, reading);
    if (isAsk(read)) return read.ask;
    if (!read) {
      unread.push(clause);
      continue;
    }
    const stray = unplacedIn(clause, read.changes, reading);
    if (stray) return stray;
    const impossible = read.changes.map((c) => impossibleChange(c, reading)).find((ask) => ask !== undefined);
    if (impossible) return impossible;
    changes.push(...read.changes);
  }
  if (changes.length === 0) return undefined;
  // Every part of the message must be run or asked about: "cut TV 10% and radio 5k" never runs only its first half.
  const leftOver = unread.find((clause) => /[#@]\d/.test(clause));
  if (leftOver) return { kind: 'clarify', question: `I understood ${lowerFirst(whatIfRestatement(whatIfSpec(changes, reading), reading))}, but not "${typedText(leftOver, reading.question)}": say that part as its own change, e.g. "cut radio by 10%".` };
  return { kind: 'whatIf', spec: whatIfSpec(changes, reading) };
}

/** Channel keys a change touches. */
export function changedKeys(change: PlanChange): string[] {
  if (change.kind === 'shift') return [change.from, ...change.to.map((t) => t.channel)];
  if (change.kind === 'scale' || change.kind === 'set') return [change.channel];
  return [];
}

const RANGE = /(?:\bbetween\s)?#(\d+)\s(?:to|and)\s#(\d+)/;

/** The range as typed in the message ("10-20k", "between 10 and 20%"), from its first number to its second end. */
function typedRange(plain: string, low: Quantity, high: Quantity): string | undefined {
  const first = /\d+(?:\.\d+)?/.exec(low.text)?.[0];
  if (!first) return undefined;
  // Typed digits may carry thousands commas the normalized amounts dropped ("$10,000-20,000").
  const digits = (text: string) => literally(text).replace(/(\d)(?=\d)/g, '$1,?').replace(/\s+/g, '\\s*');
  const pattern = new RegExp(String.raw`(?:\bbetween\s+)?(?:[$€£]\s?)?${digits(first)}(?![\d.])[^\d]{0,14}?\s*(?:-|to|and)\s*${digits(high.text)}`, 'i');
  return pattern.exec(plain)?.[0];
}

/**
 * "move 10-20k from TV to search", "cut TV by 5 to 10%": a range is two scenarios. Asked which end,
 * each offered as the message with that end in the range's place ("move 10k from TV to search").
 */
function askWhichEnd(clause: string, reading: Reading): Intent | undefined {
  const match = RANGE.exec(clause);
  if (!match) return undefined;
  const [low, high] = [match[1], match[2]].map((i) => reading.question.quantities[Number(i)]);
  if (low.kind !== high.kind) return undefined;
  const plain = reading.question.plain;
  const typed = typedRange(plain, low, high);
  const question = `"${typed ?? `${low.text} to ${high.text}`}" is a range: which amount, ${low.text} or ${high.text}? Each is a scenario of its own.`;
  if (!typed) return { kind: 'clarify', question };
  return { kind: 'clarify', question, options: [low, high].map((end) => plain.replace(typed, end.text)) };
}

/**
 * A clause read as a change that leaves one of its amounts or channels unused ("move 20% from TV
 * to search 10k", "cut TV 10% vs radio"): a question back naming what was left, never a run on a guess.
 */
function unplacedIn(clause: string, changes: PlanChange[], reading: Reading): Intent | undefined {
  const typed = typedText(clause, reading.question);
  const quantities = quantitiesIn(clause, reading.question);
  const range = quantities.length === 2 ? askWhichEnd(clause, reading) : undefined;
  if (range) return range;
  if (quantities.length > 1) {
    return { kind: 'clarify', question: `"${typed}" has ${quantities.length} amounts (${quantities.map((q) => q.text).join(', ')}) for one change: which did you mean? Give one amount per change, e.g. "move 20% from TV to search and cut radio by 10k a week".` };
  }
  const used = new Set(changes.flatMap(changedKeys));
  const touchesAll = changes.some((c) => c.kind === 'scaleTotal' || c.kind === 'setTotal');
  const stray = mentionsIn(clause, reading.question).filter((m) => m.kind !== 'every' && !(touchesAll && m.kind === 'group') && !keysOf(m, reading).some((k) => used.has(k)));
  if (stray.length > 0) return { kind: 'clarify', question: `I can't tell what should happen to ${stray.map((m) => `"${m.text}"`).join(' and ')} in "${typed}": say it as a change of its own, e.g. "cut ${stray[0].text} by 10%".` };
  return undefined;
}

/** The horizon: a "for a month" that limits a set change leaves the scenario at its default length (or longer). */
function whatIfSpec(changes: PlanChange[], reading: Reading): WhatIfSpec {
  const horizon = reading.question.horizon;
  const limitsASet = horizon?.isDuration && changes.some((c) => c.kind === 'set' && c.weeks !== undefined);
  const weeks = horizon ? (limitsASet ? Math.max(reading.defaultWeeks, horizon.weeks) : horizon.weeks) : reading.defaultWeeks;
  return { changes, weeks };
}

/** Today's weekly spend of the channel a change is about, for restatements. */
export function changeChannelSpend(change: PlanChange, reading: Reading): number | undefined {
  if (change.kind === 'shift') return weeklySpendOf(reading, change.from);
  if (change.kind === 'scale' || change.kind === 'set') return weeklySpendOf(reading, change.channel);
  return undefined;
}
