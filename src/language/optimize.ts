/**
 * Optimization questions and their constraints: "optimize the budget", "how should we split
 * $800k over the next 8 weeks", "optimize but keep TV above 100k and social under 30%",
 * "digital at least 40%", "don't change any channel by more than 20%", "search at least half
 * of display", and the marginal "where should the next $10k go".
 */
import { formatMoney } from '../format';
import { NEGATION } from './negation';
import { PER_WEEK_AIM, type Constraint, type Intent, type OptimizeObjective, type OptimizeSpec } from '../scenarios/spec';
import type { Quantity } from './amounts';
import type { Mention } from './channels';
import { askUnit, askWhichChannel, budgetPer, firstAmbiguous, horizonWeeks, keysOf, moneyPer, weeklySpendOf, weeklyTotal, type Reading } from './context';
import { mentionsIn, quantitiesIn, typedText } from './question';
import { hasChangeVerb } from './whatIf';

const OPTIMIZE = /\b(?:optimi[sz](?:e|es|ed|ing|ation)|opt(?!\s(?:out|in)\b)|optimal(?:ly)?|optimum|what should (?:the |our |my )?(?:split|mix|allocation|plan) be|how should (?:it|that|this|the budget|budget) be (?:split|allocated|spent|divided)|(?:best|right|ideal|smartest) (?:split|mix|allocation)|maximi[sz](?:e|es|ing)|best (?:split|mix|allocation|plan|budget|distribution|spread|balance|division|way to (?:spend|split|allocate|use|invest|distribute))|how (?:should|would|could|do|can|to) (?:we |i |you )?(?:split|spend|allocate|divide|distribute|use|invest|deploy|spread)|rebalanc(?:e|ing)|recommend(?:ed)? (?:a |an )?(?:mix|split|allocation|plan|budget)|ideal (?:mix|split|allocation|plan)|(?:get|give me|find|suggest) (?:a |an )?(?:better|best|optimal) (?:mix|split|allocation|plan))\b/;
const TARGET = /\b(?:cheapest|least cost|lowest cost|minimi[sz]e (?:cost|spend)|min(?:imum)? (?:cost|spend)|least (?:money|spend))\b/;
const MARGINAL_AMOUNT = /\b(?:next|extra|additional|another|incremental|one more)\s#(\d+)|#(\d+)\s(?:more|extra)\b/;
/** "where/which/best" ask for a recommendation; "go/put/invest" only when no channel is named ("spend 10k more on search" is a what-if). */
const MARGINAL_QUESTION = /\b(?:where|which|best)\b/;
const MARGINAL_VERB = /\b(?:go|put|spend|invest|place|add|allocate)\b/;

/**
 * Aims in words. The risk aim: "the safest plan", "a low-risk allocation", "a plan that beats
 * today's with 90% confidence", "most likely to beat the current plan". Text arrives lowercased,
 * without "the"/"our" and with "today's" as "today", "low-risk" as "low risk".
 */
const SAFEST_AIM = /\b(?:safest|safe|low risk|lowest risk|least risky|less risky|risk averse|conservative|cautious)\s(?:media\s)?(?:plan|mix|split|allocation|reallocation|budget|option|bet|approach|strategy|choice|way to (?:spend|split|allocate))\b|\bsafest\b/;
const BEATS = String.raw`(?:beats?|beating|outperforms?|outperforming|does better than|do better than|better than|improves? on|improving on)`;
const TODAYS_PLAN = String.raw`(?:today|current|existing|status quo|what we do now|what we re doing|what we are doing|what we have)(?:\s(?:plan|mix|split|allocation|one))?`;
const CONFIDENCE_OF = String.raw`(?:with|at)\s(?:a\s)?#(\d+)\s(?:confidence|certainty|probability|chance|sure)`;
/** "beats today's with 90% confidence", and the other way round: "with 95% confidence of beating today's plan". */
const CONFIDENT_AIM = new RegExp(
  String.raw`\b${BEATS}\s${TODAYS_PLAN}\s${CONFIDENCE_OF}\b|\b${CONFIDENCE_OF}\s(?:of|that it|that we|that the plan|that this)\s(?:will\s|would\s)?${BEATS}\s${TODAYS_PLAN}\b`,
);
const LIKELY_AIM = /\bmost likely to (?:beat|outperform|improve on|do better than)\b|\b(?:highest|best|biggest) (?:chance|probability|odds) (?:to|of) (?:beat|beating|outperform)/;
const POINT_AIM = /\b(?:on|using|with) (?:a |its )?point estimates?\b|\bbest fit(?:ting)? curves?\b/;
const EXPECTED_AIM = /\bon average\b|\b(?:(?:on|for|by|using|with) )?expected (?:kpi|value|revenue|sales|gain|results?)\b/;

/** The aim a message asks for, and the words that said it (removed before reading constraints); undefined when it names none. */
function aimIn(reading: Reading): { aim: Pick<OptimizeSpec, 'aim' | 'confidence'>; said: string } | Intent | undefined {
  const template = reading.question.template;
  const confident = CONFIDENT_AIM.exec(template);
  if (confident) {
    const quantity = reading.question.quantities[Number(confident[1] ?? confident[2])];
    const value = quantity.kind === 'percent' ? quantity.value / 100 : quantity.value <= 1 ? quantity.value : quantity.value / 100;
    if (!(value >= 0.5 && value <= 0.99)) return { kind: 'clarify', question: `With what confidence? Say a probability from 50% to 99%, e.g. "a plan that beats today's with 90% confidence" (got ${quantity.text}).` };
    return { aim: { aim: 'confident', confidence: value }, said: confident[0] };
  }
  for (const [pattern, aim] of [
    [LIKELY_AIM, 'confident'],
    [SAFEST_AIM, 'safest'],
    [POINT_AIM, 'pointEstimate'],
    [EXPECTED_AIM, 'expected'],
  ] as const) {
    const match = pattern.exec(template);
    if (match) return { aim: { aim }, said: match[0] };
  }
  return undefined;
}

const PIECE_BREAK = /\s(?:,\s)?(?:but|while|keeping|keep|and keep|and|where(?! (?:it|they) (?:is|are|was|were|stands?)\b)|subject to|such that|given|provided|as long as|making sure|ensuring|with|,|;)\s/;
const COMPARATOR =
  /\b(?<max>at most|no more than|not more than|not above|not over|less than|below|under|max(?:imum)?(?: of)?|cap(?:ped)?(?: at)?|up to|not (?:to )?exceed|ceiling of)\b|\b(?<min>at least|no less than|not less than|not below|not under|more than|greater than|above|over|exceeds?|exceeding|min(?:imum)?(?: of)?|floor of)\b/;
/** A negation up to three words before a comparator: "search can't go below 40k" is a floor. */
const NEGATED_BEFORE = new RegExp(String.raw`\b(?:${NEGATION}|without)\s(?:(?:[a-z]+|@\d+)\s){0,3}$`);
const MAX_CHANGE = new RegExp(
  String.raw`\b(?:${NEGATION}|no|without|nothing)\b.*\b(?:chang|mov|shift|vary|deviat|swing)\w*\b.*?\b(?:by\s)?(?:more than|over)\s#(\d+)|\b(?:chang|mov|shift|swing)\w*\s(?:of\s)?(?:at most|no more than|up to|under|less than|within|by at most|limited to|capped at)\s#(\d+)|\bwithin\s#(\d+)|\bmax(?:imum)?\s(?:change|move|shift)(?: of)?\s#(\d+)`,
);
/** "max 25% change per channel", "limit changes to 20%", "no channel moves more than 30%". */
const MAX_CHANGE_MORE =
  /\b(?:max(?:imum)?|at most|no more than|up to|limit(?:ed)?(?: to)?|cap(?:ped)?(?: at)?)\s#(\d+)\s(?:change|move|shift|swing|movement|deviation)s?\b|\b(?:limit|cap)\w*\s(?:the\s)?(?:changes?|moves?|shifts?|swings?)\s(?:per channel\s|to each channel\s)?(?:to|at)\s#(\d+)|\b(?:no|any|every|each)\schannels?\s(?:should\s|may\s|can\s)?(?:changes?|moves?|shifts?|swings?)\s(?:by\s)?(?:more than|over)\s#(\d+)/;
/** "no channel below half its spend", "don't cut any channel by more than 30%", "keep every channel at least 80% of today". */
const FLOOR_OF_TODAY = /\b(?:below|under|less than|lower than|at least|no less than|not below)\s#(\d+)\s(?:of\s)?(?:its|their|today|todays|current|what it|where it)\b/;
const CEILING_OF_TODAY = /\b(?:above|over|more than|higher than|at most|no more than|not above)\s#(\d+)\s(?:of\s)?(?:its|their|today|todays|current|what it|where it)\b/;
/** A piece with an amount or a negation never drops a channel ("don't drop TV below 50k" is a floor). */
const AMOUNT_OR_NEGATION = new RegExp(String.raw`#\d+|\b(?:${NEGATION}|no|without)\b`);
const CUT_LIMIT = new RegExp(String.raw`\b(?:${NEGATION}|no|without)\b.*?\b(?:cut|reduc|lower|decreas|drop|trim|shrink|slash)\w*\b.*?\bby\s(?:more than|over)\s#(\d+)`);
const RAISE_LIMIT = new RegExp(String.raw`\b(?:${NEGATION}|no|without)\b.*?\b(?:increas|rais|boost|grow|add|scal)\w*\b.*?\bby\s(?:more than|over)\s#(\d+)`);

const FIXED = new RegExp(String.raw`\b(?:fixed|as is|unchanged|same|constant|flat|untouched|where it is|alone|locked|frozen|as it is)\b|\b${NEGATION} (?:touch|change|move)\b|\bwithout (?:touching|changing|moving)\b`);
const EXCLUDED = /\b(?:without|excluding|exclude|except for|no|zero)\s@(\d+)|@(\d+)\s(?:at|to)\s(?:zero|nothing|nil)\b/;
const DROPPED = /\b(?:drop(?:ping)?|remov(?:e|ing)|kill(?:ing)?|cut(?:ting)? out|paus(?:e|ing)|turn(?:ing)? off|switch(?:ing)? off|ditch(?:ing)?|lose|losing|zero(?:ing)? out|stop(?:ping)?)\s@(\d+)(?:\s(?:entirely|completely|altogether|fully|spend))*$/;
const BETWEEN = /\bbetween\s#(\d+)\s(?:and|to)\s#(\d+)/;
/** The amount compared against another channel: "half of display", "twice search", "as much as TV". */
const RELATIVE = /#(\d+)\s(of\s|times\s|x\s)?@(\d+)|\bas (?:much|big|large|high|great)(?: spend| a budget)? as\s@(\d+)/;

/** "#0 of @1", "#0 times @1", "as much as @1"; a bare "#0 @1" only when #0 is a multiple ("twice search"), not "40% digital". */
function relativeTo(text: string, reading: Reading): RegExpExecArray | undefined {
  const match = RELATIVE.exec(text);
  if (!match) return undefined;
  if (match[1] !== undefined && !match[2] && reading.question.quantities[Number(match[1])].kind !== 'times') return undefined;
  return match;
}

type ConstraintReading = { constraints: Constraint[] } | { ask: Intent } | undefined;

/** Splits the constraint part into one piece per constraint; a piece with no amount or keyword ("keep TV") joins the next ("and radio above 50k"). */
export function constraintPieces(template: string): string[] {
  const raw = template.replace(BETWEEN, 'between #$1 to #$2').split(PIECE_BREAK).map((p) => p.trim()).filter(Boolean);
  const pieces: string[] = [];
  let carry = '';
  for (const piece of raw) {
    const joined = carry ? `${carry} and ${piece}` : piece;
    if (/#\d+/.test(piece) || FIXED.test(piece) || EXCLUDED.test(piece) || ONLY_UP.test(piece) || ONLY_DOWN.test(piece) || AT_TODAY.test(piece)) {
      pieces.push(joined);
      carry = '';
    } else carry = joined;
  }
  if (carry) pieces.push(carry);
  return pieces;
}

function subjectMentions(piece: string, reading: Reading, denominator?: string): Mention[] {
  return mentionsIn(denominator ? piece.replace(denominator, ' ') : piece, reading.question);
}

/** Bounds are weekly spend (a named horizon is the plan's, not the bound's); only "in total" spreads a bound over the weeks. */
function weeklyBound(quantity: Quantity & { kind: 'money' }, reading: Reading): number {
  return quantity.per === 'horizon' ? quantity.value / horizonWeeks(reading) : quantity.value;
}

function boundsFor(keys: string[], min: number | undefined, max: number | undefined): Constraint[] {
  return keys.map((channel) => {
    const c: Constraint = { kind: 'bounds', channel };
    if (min !== undefined) c.min = min;
    if (max !== undefined) c.max = max;
    return c;
  });
}

function shareFor(subject: Mention, reading: Reading, min: number | undefined, max: number | undefined): Constraint[] {
  const withLimits = (c: Constraint & { kind: 'share' }): Constraint => ({ ...c, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  if (subject.kind === 'group') return [withLimits({ kind: 'share', set: { group: subject.group } })];
  return keysOf(subject, reading).map((key) => withLimits({ kind: 'share', set: { channels: [key] } }));
}

/**
 * Limits relative to today's spend, for named channels or every channel: "no channel below half
 * its spend" → each channel at least 50% of today; "don't cut TV by more than 20%" → TV at least 80%.
 */
/** "radio can only go up", "search no lower than today": today's spend as a floor; the same downwards as a ceiling; "TV at today's level" fixed. */
const ONLY_UP = /\b(?:can |may |should |must |will )?only\s(?:go up|move up|rise|grow|increase|be raised|be increased)\b|\b(?:no lower than|not lower than|not below|no less than|not under|never below|at least)\s(?:today|current|where it is|what it is)\b/;
const ONLY_DOWN = /\b(?:can |may |should |must |will )?only\s(?:go down|move down|fall|shrink|decrease|be cut|be reduced|be lowered)\b|\b(?:no higher than|not higher than|not above|no more than|not over|never above|at most)\s(?:today|current|where it is|what it is)\b/;
const AT_TODAY = /\b(?:at|to)\s(?:today|current|its current)\s(?:level|spend|spending|budget)s?\b/;

function todayAsLimit(piece: string, mentions: Mention[], reading: Reading): ConstraintReading {
  const up = ONLY_UP.test(piece);
  const down = !up && ONLY_DOWN.test(piece);
  const fixed = !up && !down && AT_TODAY.test(piece);
  if ((!up && !down && !fixed) || /#\d+/.test(piece)) return undefined;
  const ambiguous = firstAmbiguous(mentions);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
  const keys = mentions.filter((m) => m.kind !== 'every').flatMap((m) => keysOf(m, reading));
  if (keys.length === 0) return undefined;
  if (fixed) return { constraints: keys.map((channel): Constraint => ({ kind: 'maxChange', channel, fraction: 0 })) };
  const bounds: Constraint[] = [];
  for (const channel of keys) {
    const today = weeklySpendOf(reading, channel);
    if (today === undefined) return { ask: { kind: 'clarify', question: `I don't know today's spend of every channel, so I can't hold it to today's: give it in money, e.g. "keep TV above $50k a week".` } };
    bounds.push(up ? { kind: 'bounds', channel, min: today } : { kind: 'bounds', channel, max: today });
  }
  return { constraints: bounds };
}

function relativeToToday(piece: string, mentions: Mention[], reading: Reading): ConstraintReading {
  const withoutAmount = todayAsLimit(piece, mentions, reading);
  if (withoutAmount) return withoutAmount;
  const floor = FLOOR_OF_TODAY.exec(piece);
  const ceiling = floor ? null : CEILING_OF_TODAY.exec(piece);
  const cut = floor || ceiling ? null : CUT_LIMIT.exec(piece);
  const raise = floor || ceiling || cut ? null : RAISE_LIMIT.exec(piece);
  const match = floor ?? ceiling ?? cut ?? raise;
  if (!match) return undefined;
  const quantity = reading.question.quantities[Number(match[1])];
  if (quantity.kind === 'bare') return { ask: askUnit(quantity, reading) };
  if (quantity.kind !== 'percent') return undefined;
  const ambiguous = firstAmbiguous(mentions);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
  const named = mentions.filter((m) => m.kind !== 'every').flatMap((m) => keysOf(m, reading));
  const keys = named.length > 0 ? named : reading.index.channels.map((c) => c.key);
  const fraction = quantity.value / 100;
  const factor = floor || ceiling ? fraction : cut ? 1 - fraction : 1 + fraction;
  const bounds: Constraint[] = [];
  for (const channel of keys) {
    const today = weeklySpendOf(reading, channel);
    if (today === undefined) return { ask: { kind: 'clarify', question: `I don't know today's spend of every channel, so I can't set a limit relative to it: give it in money, e.g. "keep TV above $50k a week".` } };
    bounds.push(floor || cut ? { kind: 'bounds', channel, min: today * factor } : { kind: 'bounds', channel, max: today * factor });
  }
  return { constraints: bounds };
}

/** "keep TV at 100k", "hold search at 20%", "TV fixed at 90k": a channel held at an amount, its floor and its cap. */
const PINNED = /\b(?:keep|keeping|hold|holding|fix|fixing|lock|locking|pin|pinning|leave|leaving)\s@(\d+)\s(?:at|to|on)\s#(\d+)$|@(\d+)\s(?:(?:is|stays?|remains?)\s)?(?:fixed|locked|held|pinned|frozen)\s(?:at|to)\s#(\d+)$/;

function pinnedAt(piece: string, reading: Reading): ConstraintReading {
  const match = PINNED.exec(piece);
  if (!match) return undefined;
  const mention = reading.question.mentions[Number(match[1] ?? match[3])];
  const quantity = reading.question.quantities[Number(match[2] ?? match[4])];
  if (mention.kind === 'ambiguous') return { ask: askWhichChannel(mention, reading) };
  if (quantity.kind === 'bare') return { ask: askUnit(quantity, reading) };
  if (quantity.kind === 'percent') return { constraints: shareFor(mention, reading, quantity.value / 100, quantity.value / 100) };
  if (quantity.kind !== 'money' || mention.kind === 'group' || mention.kind === 'every') return undefined;
  const weekly = weeklyBound(quantity, reading);
  return { constraints: boundsFor(keysOf(mention, reading), weekly, weekly) };
}

/** One constraint piece ("keep TV above 100k", "social under 30%", "search at least half of display"). */
export function readConstraint(piece: string, reading: Reading): ConstraintReading {
  const mentions = mentionsIn(piece, reading.question);
  const ambiguous = firstAmbiguous(mentions);
  const toToday = relativeToToday(piece, mentions, reading);
  if (toToday) return toToday;
  const maxChange = MAX_CHANGE.exec(piece) ?? MAX_CHANGE_MORE.exec(piece);
  if (maxChange) {
    if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
    const quantity = reading.question.quantities[Number(maxChange.slice(1).find((g) => g !== undefined))];
    if (quantity.kind === 'bare') return { ask: askUnit(quantity, reading) };
    if (quantity.kind !== 'percent') return { ask: { kind: 'clarify', question: 'Limit changes as a percentage, e.g. "don\'t change any channel by more than 20%".' } };
    const fraction = Math.abs(quantity.value) / 100;
    const keys = mentions.filter((m) => m.kind !== 'every').flatMap((m) => keysOf(m, reading));
    return { constraints: keys.length === 0 ? [{ kind: 'maxChange', fraction }] : keys.map((channel) => ({ kind: 'maxChange', channel, fraction })) };
  }
  const excluded = EXCLUDED.exec(piece);
  if (excluded) {
    const mention = reading.question.mentions[Number(excluded[1] ?? excluded[2])];
    if (mention.kind === 'ambiguous') return { ask: askWhichChannel(mention, reading) };
    return { constraints: boundsFor(keysOf(mention, reading), undefined, 0) };
  }
  // "optimize and drop print entirely": a channel taken out of the plan. Only with no amount and no
  // negation: "don't drop TV below 50k" is a floor, read below.
  const dropped = AMOUNT_OR_NEGATION.test(piece) ? null : DROPPED.exec(piece);
  if (dropped) {
    const mention = reading.question.mentions[Number(dropped[1])];
    if (mention.kind === 'ambiguous') return { ask: askWhichChannel(mention, reading) };
    if (mention.kind !== 'every') return { constraints: boundsFor(keysOf(mention, reading), undefined, 0) };
  }
  if (FIXED.test(piece) && !/#\d+/.test(piece)) {
    if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };
    const keys = mentions.flatMap((m) => keysOf(m, reading));
    if (keys.length === 0) return undefined;
    return { constraints: keys.map((channel) => ({ kind: 'maxChange', channel, fraction: 0 })) };
  }
  const between = BETWEEN.exec(piece);
  const comparator = COMPARATOR.exec(piece);
  if (!between && !comparator) return pinnedAt(piece, reading);
  if (ambiguous) return { ask: askWhichChannel(ambiguous, reading) };

  const afterComparator = comparator ? piece.slice(comparator.index + comparator[0].length) : piece;
  const relative = relativeTo(afterComparator, reading) ?? relativeTo(piece, reading);
  // "don't let search exceed social", "search above display": a channel right after the comparator, no amount, is a ratio of 1.
  const rival = comparator && !relative && !/#\d+/.test(piece) ? /^\s*@(\d+)(?:\s|$)/.exec(afterComparator) : null;
  const denominatorRef = relative ? (relative[3] ?? relative[4]) : rival?.[1];
  const subjects = subjectMentions(piece, reading, denominatorRef !== undefined ? `@${denominatorRef}` : undefined);
  if (subjects.length === 0) return { ask: { kind: 'clarify', question: 'Which channel should that limit apply to? e.g. "keep TV above 100k"' } };
  // "don't go below 20k on radio", "don't drop TV below 50k" are floors: a negation before the comparator turns it round.
  const negated = comparator !== null && NEGATED_BEFORE.test(`${piece.slice(0, comparator.index)}`) && !/^(?:not|no)\b/.test(comparator[0]);
  const isMax = (comparator?.groups?.max !== undefined) !== negated;

  if (denominatorRef !== undefined) {
    const denominator = reading.question.mentions[Number(denominatorRef)];
    const quantity = relative?.[1] !== undefined ? reading.question.quantities[Number(relative[1])] : undefined;
    const multiple = quantity === undefined ? 1 : quantity.kind === 'percent' ? quantity.value / 100 : quantity.kind === 'times' ? quantity.value : undefined;
    if (multiple === undefined || denominator.kind !== 'channel') {
      return { ask: { kind: 'clarify', question: 'Compare one channel with another as a multiple, e.g. "search at least half of display".' } };
    }
    return {
      constraints: subjects.flatMap((s) => keysOf(s, reading)).map((numerator): Constraint => ({ kind: 'ratio', numerator, denominator: denominator.key, ...(isMax ? { max: multiple } : { min: multiple }) })),
    };
  }

  const values = between ? [between[1], between[2]].map((i) => reading.question.quantities[Number(i)]) : [quantitiesIn(afterComparator, reading.question)[0] ?? quantitiesIn(piece, reading.question)[0]];
  if (values.some((v) => v === undefined)) return { ask: { kind: 'clarify', question: 'Limit it to how much? e.g. "keep TV above $100k a week" or "social under 30%".' } };
  const bare = values.find((v) => v.kind === 'bare');
  if (bare) return { ask: askUnit(bare, reading) };
  if (values.every((v) => v.kind === 'percent')) {
    const [lo, hi] = between ? values.map((v) => v.value / 100) : isMax ? [undefined, values[0].value / 100] : [values[0].value / 100, undefined];
    return { constraints: subjects.flatMap((s) => shareFor(s, reading, lo, hi)) };
  }
  if (values.every((v) => v.kind === 'money')) {
    const weekly = values.map((v) => weeklyBound(v as Quantity & { kind: 'money' }, reading));
    const [lo, hi] = between ? weekly : isMax ? [undefined, weekly[0]] : [weekly[0], undefined];
    if (subjects.some((s) => s.kind === 'group')) {
      return { ask: { kind: 'clarify', question: 'A group is limited as a share of the budget, e.g. "digital at least 40%".' } };
    }
    return { constraints: boundsFor(subjects.flatMap((s) => keysOf(s, reading)), lo, hi) };
  }
  return { ask: { kind: 'clarify', question: 'Give the limit as money ("$100k a week") or a share of the budget ("30%").' } };
}

/** Every constraint in the message; pieces that are not constraints are skipped. */
function readConstraints(template: string, reading: Reading): { constraints: Constraint[]; used: string[] } | { ask: Intent } {
  const constraints: Constraint[] = [];
  const used: string[] = [];
  for (const piece of constraintPieces(template)) {
    const read = readConstraint(piece, reading);
    if (read && 'ask' in read) return read;
    if (read) {
      constraints.push(...read.constraints);
      used.push(piece);
    } else if (mentionsIn(piece, reading.question).some((m) => m.kind !== 'every')) {
      // A channel in a piece that sets no limit ("keep TV around 100k"): never optimized as if it were not said.
      // "What spend on each channel maximizes sales" names every channel and limits none: nothing to ask.
      return { ask: { kind: 'clarify', question: `I couldn't tell what limit "${typedText(piece, reading.question)}" sets. Say it like "keep TV above $100k a week", "social under 30%" or "TV unchanged".` } };
    }
  }
  return { constraints, used };
}

/** "a 10% smaller budget", "20% more budget", "if we cut the budget by 10%": today's budget changed by a percentage. */
const BUDGET_CHANGE = /#(?<n1>\d+)\s(?<after>more|less|smaller|bigger|larger|higher|lower|extra|additional)\s(?:budget|spend|spending|money)\b|\b(?<verb>cut|cuts|reduce|reduced|lower|lowered|increase|increased|raise|raised|grow|grows|drop|drops|shrink|shrinks|up|down)\s(?:total\s|overall\s)?(?:budget|spend|spending)\s(?:by\s)?#(?<n2>\d+)|\b(?:budget|spend|spending)\s(?:is\s|was\s|were\s|are\s|gets\s|got\s|goes\s|went\s|is being\s|would be\s)?(?<verb2>up|down|cut|reduced|increased|raised|lower|lowered|higher)\s(?:by\s)?#(?<n3>\d+)|\b(?:budget|spend|spending)\s(?:of\s)?#(?<n4>\d+)\s(?<than>above|over|more than|higher than|below|under|less than|lower than)\s(?:today|current|now|what we spend(?: now| today)?)\b/;

/** Today's weekly budget changed by the percentage a message names, with the words that said it; undefined when none. */
function budgetChange(reading: Reading): { budget: { amount: number; per: 'week' }; said: string } | Intent | undefined {
  const match = BUDGET_CHANGE.exec(reading.question.template);
  if (!match) return budgetCut(reading);
  const groups = match.groups ?? {};
  const quantity = reading.question.quantities[Number(groups.n1 ?? groups.n2 ?? groups.n3 ?? groups.n4)];
  if (quantity?.kind !== 'percent') return undefined;
  const word = groups.after ?? groups.verb ?? groups.verb2 ?? groups.than ?? '';
  const sign = /^(?:less|smaller|lower|lowered|cut|cuts|reduce|reduced|drop|drops|shrink|shrinks|down|below|under|less than|lower than)$/.test(word) ? -1 : 1;
  const today = weeklyTotal(reading);
  if (today === undefined) return { kind: 'clarify', question: "I don't know today's budget: give the budget in money, e.g. \"optimize $200k a week\"." };
  return { budget: { amount: today * (1 + (sign * Math.abs(quantity.value)) / 100), per: 'week' }, said: match[0] };
}

/** "with $50k less a week": today's budget less that money ("more" could be a bigger budget or where extra money goes: read elsewhere). */
const BUDGET_CUT = /#(\d+)\s(?:less|fewer)\b(?:\s(?:budget|spend|spending|money|to spend|in total))?/;

function budgetCut(reading: Reading): { budget: { amount: number; per: 'week' }; said: string } | Intent | undefined {
  const match = BUDGET_CUT.exec(reading.question.template);
  const quantity = match ? reading.question.quantities[Number(match[1])] : undefined;
  if (quantity?.kind !== 'money' || reading.question.mentions.length > 0) return undefined;
  const today = weeklyTotal(reading);
  if (today === undefined) return { kind: 'clarify', question: "I don't know today's budget: give the budget in money, e.g. \"optimize $200k a week\"." };
  const weekly = moneyPer(quantity, reading) === 'horizon' ? quantity.value / horizonWeeks(reading) : quantity.value;
  if (weekly >= today) return { kind: 'clarify', question: `That takes ${quantity.text} off a budget of ${formatMoney(today)} a week: nothing is left to plan. How much less, e.g. "with $20k less a week"?` };
  return { budget: { amount: today - weekly, per: 'week' }, said: match![0] };
}

function objectiveOf(reading: Reading, used: string[]): OptimizeObjective | Intent {
  const changed = budgetChange(reading);
  if (changed && 'kind' in changed) return changed;
  const usedPieces = changed ? [...used, changed.said] : used;
  const unused = reading.question.template.split(/\s/).filter((t) => /^#\d+$/.test(t) && !usedPieces.some((p) => p.split(/\s/).includes(t)));
  const quantity = unused.map((t) => reading.question.quantities[Number(t.slice(1))])[0];
  if (changed && !quantity && !TARGET.test(reading.question.template)) return { kind: 'maxKpi', budget: changed.budget };
  // An amount that is neither a limit nor the budget: asked, never dropped ("optimize with 15% …").
  if (quantity && (quantity.kind === 'percent' || quantity.kind === 'times') && !TARGET.test(reading.question.template)) {
    return { kind: 'clarify', question: `I couldn't tell what ${quantity.text} is for. Say e.g. "optimize with a 10% smaller budget", "keep TV above 30%" or "max 20% change per channel".` };
  }
  if (TARGET.test(reading.question.template)) {
    if (!quantity || quantity.kind === 'times' || quantity.kind === 'percent') return { kind: 'clarify', question: 'Reach what KPI? e.g. "cheapest way to get 2M sales over the next quarter".' };
    const money: Quantity & { kind: 'money' } = quantity.kind === 'money' ? quantity : { kind: 'money', value: quantity.value, text: quantity.text };
    return { kind: 'minCostForTarget', target: { kpi: money.value, per: moneyPer(money, reading) } };
  }
  if (quantity?.kind === 'money') return { kind: 'maxKpi', budget: { amount: quantity.value, per: budgetPer(quantity, reading) } };
  if (quantity?.kind === 'bare') return { kind: 'clarify', question: `Is ${quantity.value} the budget in dollars? Say e.g. "optimize $${quantity.value}k over the next 8 weeks".` };
  return { kind: 'maxKpi' };
}

function isObjective(value: OptimizeObjective | Intent): value is OptimizeObjective {
  return value.kind === 'maxKpi' || value.kind === 'minCostForTarget' || value.kind === 'marginal';
}

/** "for maximum revenue", "to get the most sales": the objective in words, not a limit on a channel. */
const MOST_KPI = /\b(?:for|to get|to drive|to achieve|with)?\s?(?:the\s)?(?:max(?:imum)?|most|highest|more|best|greatest|biggest)\s(?:possible\s)?(?:revenue|sales|kpi|conversions|profit|returns?|roi|roas|results|outcome|impact|growth)\b/;

/** "week by week", "a different plan for each week", "plan each week separately": a plan per week (OptimizeSpec.perWeek), not one weekly plan. */
const PER_WEEK_PLAN =
  /\b(?:week by week|week to week|each week separately|every week separately|(?:a )?(?:different|separate|new) (?:plan|split|mix|allocation) (?:for |in )?(?:each|every) week|per week plans?|week level plans?|plan (?:each|every) week(?: separately| on its own)?|(?:vary|varying|change|changing) (?:plan|split|mix|allocation) (?:by|each|every|from) week(?: to week)?)\b/;

/** "optimize …", "how should we split …", "cheapest way to reach …". */
export function readOptimize(reading: Reading): Intent | undefined {
  const aim = aimIn(reading);
  if (aim && 'kind' in aim) return aim;
  const perWeek = PER_WEEK_PLAN.exec(reading.question.template);
  // An aim alone ("the safest plan", "most likely to beat the current plan") or "plan each week separately" asks for a plan too.
  const said = [aim?.said, perWeek?.[0]].filter((w): w is string => w !== undefined);
  // The objective's words are not a limit: "min cost to hit $3M" has no minimum on a channel, "a budget 10% above today" no floor.
  const template = said.reduce((t, w) => t.replace(w, ' '), reading.question.template).replace(MOST_KPI, ' ').replace(TARGET, ' ').replace(BUDGET_CHANGE, ' ');
  if (!OPTIMIZE.test(template) && !TARGET.test(reading.question.template) && !aim && !perWeek) return undefined;
  if (perWeek && aim && aim.aim.aim !== PER_WEEK_AIM) {
    return { kind: 'clarify', question: `A plan for each week is refined on the model's point estimate, so it can't also be ${aim.said}. Ask for one of them, e.g. "optimize week by week" or "${aim.said}".` };
  }
  const read = readConstraints(template, reading);
  if ('ask' in read) return read.ask;
  const objective = objectiveOf(reading, [...read.used, ...(aim ? [aim.said] : [])]);
  if (!isObjective(objective)) return objective;
  if (perWeek && objective.kind === 'minCostForTarget') return { kind: 'clarify', question: 'A plan for each week finds the most KPI for a budget, not the cheapest way to a target. Ask for one of them.' };
  const spec: OptimizeSpec = { objective, constraints: read.constraints, weeks: horizonWeeks(reading), ...(aim?.aim ?? {}), ...(perWeek ? { perWeek: true } : {}) };
  return { kind: 'optimize', spec };
}

/** "where should the next $10k go": the best use of extra money on top of today's plan. */
export function readMarginal(reading: Reading): Intent | undefined {
  const template = reading.question.template;
  const match = MARGINAL_AMOUNT.exec(template);
  if (!match || !(MARGINAL_QUESTION.test(template) || (MARGINAL_VERB.test(template) && reading.question.mentions.length === 0))) return undefined;
  const quantity = reading.question.quantities[Number(match[1] ?? match[2])];
  if (quantity.kind === 'bare') return askUnit(quantity, reading);
  if (quantity.kind !== 'money') return { kind: 'clarify', question: 'How much extra money? e.g. "where should the next $10k go".' };
  const aim = aimIn(reading);
  if (aim && 'kind' in aim) return aim;
  const rest = template.replace(match[0], ' ');
  const read = readConstraints(aim ? rest.replace(aim.said, ' ') : rest, reading);
  if ('ask' in read) return read.ask;
  return {
    kind: 'optimize',
    spec: {
      objective: { kind: 'marginal', increment: { amount: quantity.value, per: moneyPer(quantity, reading) } },
      constraints: read.constraints,
      weeks: horizonWeeks(reading),
      ...(aim?.aim ?? {}),
    },
  };
}

/** "a $200k/wk budget", "a budget of 2M": the budget itself, said as money. */
const BUDGET_OF = /#(\d+)\s(?:total\s)?budget\b|\bbudget\s(?:of\s|at\s|is\s|was\s|were\s)?#(\d+)/;

/** A new budget for the thread's optimization: today's changed by a percentage, or an amount of money; with the words that said it. */
function budgetSaid(reading: Reading): { budget: { amount: number; per: 'week' | 'horizon' }; said: string } | Intent | undefined {
  const changed = budgetChange(reading);
  if (changed) return changed;
  const match = BUDGET_OF.exec(reading.question.template);
  const quantity = match ? reading.question.quantities[Number(match[1] ?? match[2])] : undefined;
  if (quantity?.kind === 'bare') return askUnit(quantity, reading);
  if (quantity?.kind !== 'money') return undefined;
  return { budget: { amount: quantity.value, per: budgetPer(quantity, reading) }, said: match![0] };
}

/** "with a 10% bigger budget", "what about 20% less budget?", "same with a $200k/wk budget" after an optimization: the same plan for that budget. */
export function readBudgetFollowUp(reading: Reading): Intent | undefined {
  const previous = reading.context.previous;
  if (previous?.kind !== 'optimize' || previous.spec.objective.kind !== 'maxKpi') return undefined;
  const changed = budgetSaid(reading);
  if (!changed) return undefined;
  if ('kind' in changed) return changed;
  const rest = reading.question.template.replace(changed.said, ' ').split(' ').filter(Boolean);
  if (!rest.every((w) => /^(?:and|but|with|what|about|how|a|an|now|then|instead|try|if|we|had|have|ok|okay|so|same|same thing|do|run|it|that)$/.test(w))) return undefined;
  return { kind: 'optimize', spec: { ...previous.spec, objective: { kind: 'maxKpi', budget: changed.budget } } };
}

/**
 * A message made only of constraints ("digital at least 40%", "keep TV above 100k"): they
 * refine the thread's optimization, or start one on today's budget.
 */
/** "what if digital had to be at least 50%" after an optimization: the limit asked as a what-if is the plan's. */
const WHAT_IF_LEAD = /^(?:(?:and|but|ok|so|now)\s)*(?:what if|what happens if|suppose|and if|how about if)\s/;

export function readConstraintsOnly(reading: Reading, previous: Intent | undefined): Intent | undefined {
  const template = previous?.kind === 'optimize' ? reading.question.template.replace(WHAT_IF_LEAD, '') : reading.question.template;
  if (hasChangeVerb(template)) return undefined;
  // "same for radio" points back at a scenario: never a limit on radio ("the same" as "unchanged").
  if (/^(?:(?:and|ok|now|so)\s)*(?:do\s)?(?:the\s)?same(?:\sthing)?\s(?:for|with|on)\b/.test(template)) return undefined;
  const pieces = constraintPieces(template);
  const constraints: Constraint[] = [];
  for (const piece of pieces) {
    const read = readConstraint(piece, reading);
    if (!read) return undefined;
    if ('ask' in read) return read.ask;
    constraints.push(...read.constraints);
  }
  if (constraints.length === 0) return undefined;
  if (previous?.kind === 'optimize') {
    const spec = previous.spec;
    const weeks = reading.question.horizon ? horizonWeeks(reading) : spec.weeks;
    return { kind: 'optimize', spec: { ...spec, constraints: [...spec.constraints, ...constraints], weeks } };
  }
  return { kind: 'optimize', spec: { objective: { kind: 'maxKpi' }, constraints, weeks: horizonWeeks(reading) } };
}
