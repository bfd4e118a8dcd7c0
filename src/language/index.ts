/**
 * The question language: a marketer's message (and the thread's previous scenario) → a
 * typed intent plus a one-line restatement of what will run. Hand-written, deterministic,
 * no network. Recognizers are tried from the most specific to the most general; the first
 * that understands the message answers, and a message nobody understands is `unknown`
 * with examples, never a guess.
 */
import type { Intent } from '../scenarios/spec';
import { channelIndex, channelKeyFor, displayName, type ChannelIndex } from './channels';
import { asTyped, keysOf, phrasePattern } from './context';
import { isCommonWord } from './typos';
import { DEFAULT_HORIZON_WEEKS } from '../scenarios/spec';
import type { ParseContext, Reading } from './context';
import type { ChannelVocabulary } from './channels';
import { EXAMPLE_QUESTIONS, readChannelMeasure, readCompare, readExplanation, readHelp, readUndo } from './explain';
import { addsToPrevious, askedAddOrInstead, readOptimizeThat, readOrphanFollowUp, readReversedFollowUp, readSameForAnotherChannel, readScaledFollowUp, readSubstitution, readVariationFollowUp } from './followUp';
import { readBudgetFollowUp, readConstraintsOnly, readMarginal, readOptimize } from './optimize';
import { normalizedWords, readQuestion, typedText } from './question';
import { unsupportedQualifier } from './qualifiers';
import { lowerFirst, restatement } from './restate';
import { findDate } from './dates';
import { readSchedule } from './schedule';
import { readTrain } from './train';
import { plainText } from './slackText';
import { hasChangeVerb, readWhatIf } from './whatIf';

export type { ChannelVocabulary, Mention } from './channels';
export type { ParseContext } from './context';
export { EXAMPLE_QUESTIONS, HELP_EXAMPLES, helpText } from './explain';
export { plainText } from './slackText';
export { withoutSpendAffix } from './synonyms';

export interface ParseResult {
  intent: Intent;
  /** What will run, with how misspelled words were read ("… (read "reduse" as "reduce")"). */
  restatement: string;
  /** The misspellings' readings alone, "(read "reduse" as "reduce")", to add to a restatement made later (a scenario's, as run). */
  readAs?: string;
}

/** Vocabularies are built once per channel list: the same dataset's list is passed message after message. */
const indexes = new WeakMap<ParseContext['channels'], ChannelIndex>();

function indexFor(channels: ParseContext['channels']): ChannelIndex {
  let index = indexes.get(channels);
  if (!index) {
    index = channelIndex(channels);
    indexes.set(channels, index);
  }
  return index;
}

/**
 * The key of a channel named in a typed input (GraphQL, `mmm optimize --bounds`): its key, display
 * name, an alias or a usual synonym, any case ("TV", "tv", "Paid Search", "ppc"). Ambiguous or
 * unknown names come back as such, for the door to refuse with the channels listed.
 */
export function channelKeyOf(name: string, channels: ChannelVocabulary[]): { key: string } | { ambiguous: string[] } | undefined {
  return channelKeyFor(name.trim(), indexFor(channels));
}

type Recognizer = (reading: Reading) => Intent | undefined;

/** Most specific first: a follow-up or schedule must not be read as a new what-if, a constraint must not be read as a change. */
const RECOGNIZERS: Recognizer[] = [
  readHelp,
  readTrain,
  readSchedule,
  readUndo,
  readOptimizeThat,
  readSubstitution,
  readScaledFollowUp,
  readReversedFollowUp,
  readSameForAnotherChannel,
  readBudgetFollowUp,
  readVariationFollowUp,
  readCompare,
  readChannelMeasure,
  readMarginal,
  readOptimize,
  readExplanation,
  (reading) => readConstraintsOnly(reading, reading.context.previous),
  readWhatIf,
  readOrphanFollowUp,
];

/** Words of the message that no part of the parser knows: what a refusal names as not understood. */
function unplacedWords(reading: Reading): string[] {
  return reading.question.template.split(' ').filter((w) => /^[a-z]{2,}$/.test(w) && !isCommonWord(w));
}

function notUnderstood(plain: string, reading: Reading): Intent {
  const examples = [EXAMPLE_QUESTIONS[0], EXAMPLE_QUESTIONS[1], EXAMPLE_QUESTIONS[5], EXAMPLE_QUESTIONS[9]].map((q) => `"${q}"`).join(', ');
  const unplaced = unplacedWords(reading);
  const what = unplaced.length > 0 ? ` (I don't know ${unplaced.slice(0, 4).map((w) => `"${w}"`).join(', ')} here)` : '';
  return { kind: 'unknown', reason: `I couldn't tell what to run from "${plain}"${what}. Try for example ${examples}, or say "help".` };
}

/** A what-if starting with "also"/"plus" adds its changes to the thread's previous what-if. */
function combinedWithPrevious(intent: Intent, reading: Reading): Intent {
  const previous = reading.context.previous;
  if (intent.kind !== 'whatIf' || previous?.kind !== 'whatIf' || !addsToPrevious(reading)) return intent;
  const weeks = reading.question.horizon ? intent.spec.weeks : previous.spec.weeks;
  return { kind: 'whatIf', spec: { ...previous.spec, changes: [...previous.spec.changes, ...intent.spec.changes], weeks } };
}

/**
 * The line a parsed question gets, for a scenario given as a spec instead (GraphQL's typed
 * inputs): "Moving 20% of TV's weekly spend ($24k) to Paid Search for 13 weeks".
 */
export function restateScenario(intent: Extract<Intent, { kind: 'whatIf' | 'optimize' }>, context: ParseContext): string {
  const index = indexFor(context.channels);
  return restatement(intent, { question: readQuestion('', index), index, context, defaultWeeks: context.defaultWeeks ?? DEFAULT_HORIZON_WEEKS });
}

/** Every guess at a typo is said back: 'Cutting TV by 10% … (read "reduse" as "reduce", "serach" as Paid Search)'. */
function readingsOf(reading: Reading): string | undefined {
  const question = reading.question;
  const readings = [
    ...question.corrections.map((c) => `"${c.typed}" as "${c.readAs}"`),
    ...question.typoMentions.map((m) => `"${m.text}" as ${keysOf(m, reading).map((k) => displayName(reading.index, k)).join(' or ')}`),
  ];
  return readings.length > 0 ? `(read ${readings.join(', ')})` : undefined;
}

/** A restatement with the misspellings' readings after it. */
export function withReadAs(line: string, readAs: string | undefined): string {
  return readAs ? `${line} ${readAs}` : line;
}


/** A what-if or an optimization: an intent that runs the model. */
export function isScenarioIntent(intent: Intent): intent is Extract<Intent, { kind: 'whatIf' | 'optimize' }> {
  return intent.kind === 'whatIf' || intent.kind === 'optimize';
}

/**
 * "cut TV 20% in the UK": the scenario as read, asked back because of a qualifier it cannot honour;
 * the reading offered is the message without it.
 */
function askedAboutQualifier(intent: Extract<Intent, { kind: 'whatIf' | 'optimize' }>, reading: Reading): Intent | undefined {
  const qualifier = unsupportedQualifier(reading.question.template, intent.kind, reading.question.quantities);
  if (!qualifier) return undefined;
  const said = typedText(qualifier.said, reading.question);
  const head = `I can't take "${asTyped(reading.question.plain, said)}" into account (${qualifier.why}), so I haven't run anything.`;
  const without = withoutWords(reading.question.plain, said);
  // The reading offered is the message without the qualifier, said as what it would run.
  const again = without && without !== reading.question.plain ? parseQuestion(without, reading.context) : undefined;
  if (!again || !isScenarioIntent(again.intent)) return { kind: 'clarify', question: `${head} Ask it without that part.` };
  return { kind: 'clarify', question: `${head} Without it: ${lowerFirst(again.restatement)}.`, options: [without] };
}

/** The message with a phrase taken out. */
function withoutWords(plain: string, phrase: string): string {
  return plain.replace(phrasePattern(phrase), '').replace(/\s+/g, ' ').trim();
}

/** Where a second question starts: "…of TV, and what if we cut it 20%?", "…saturated? which has the best ROI". */
const SECOND_QUESTION = /\s*(?:[,;?]\s*(?:(?:and|also|plus|then)\s+)?|\s(?:and|also|plus|then)\s+)(?=(?:what|whats|what's|how|which|where|when|is|are|does|do|can|could|should|will|would)\b|(?:show|tell|give|plot|send)\s(?:me|us)\b)/i;

function isAnswer(intent: Intent): boolean {
  return intent.kind !== 'clarify' && intent.kind !== 'unknown';
}

/** A scenario to run, or a question about the model: two questions of different families can't be one answer. */
function familyOf(intent: Intent): 'scenario' | 'model' | undefined {
  if (intent.kind === 'whatIf' || intent.kind === 'optimize') return 'scenario';
  if (['roi', 'saturation', 'responseCurve', 'modelQuality', 'lastTrained'].includes(intent.kind)) return 'model';
  return undefined;
}

/** "is it worth it?", "how does that look": a question about the model that leans on the rest of the message, not one of its own. */
const REFERS_BACK = /\b(?:it|that|this|them|those|these)\b/i;

/** "where should it come from?", "which channel should take the cut": asking for a recommendation, which a what-if does not answer. */
const RECOMMENDATION = /^(?:so\s+|and\s+|but\s+)?(?:where|which|what)\b.*\b(?:should|would|could|shall|do we|to)\b.*\b(?:come from|go|goes|take|cut|hurt|hurts|least|first|from)\b/i;

/**
 * A part's family: as it reads alone; a scenario when it asks for a change it can't complete alone
 * ("what if we halve it"); a recommendation for "where should it come from".
 */
function partFamily(part: string, context: ParseContext): 'scenario' | 'model' | 'recommendation' | undefined {
  const asksChange = hasChangeVerb(normalizedWords(part));
  // A part leaning on the rest ("is it worth it") counts only as the change or recommendation it asks for: no need to read it alone.
  const family = REFERS_BACK.test(part) ? (asksChange ? 'scenario' : undefined) : familyOf(parseQuestion(part, context).intent);
  if (!family && RECOMMENDATION.test(part)) return 'recommendation';
  return family ?? (asksChange ? 'scenario' : undefined);
}

/**
 * "what is the ROI of TV and what if we cut it 20%?": a scenario and a question about the model in
 * one message. Answering either would drop the other, so a part that asks, on its own, a question
 * of the other family than the whole was read as sends both back, the parts understood alone
 * offered as buttons ("…, is it worth it?" leans on the scenario and is part of it).
 */
function askedAsTwo(intent: Intent, plain: string, context: ParseContext): Intent | undefined {
  const family = familyOf(intent);
  if (!family || !SECOND_QUESTION.test(plain)) return undefined;
  const parts = plain.split(SECOND_QUESTION).map((p) => p.trim()).filter((p) => p.split(' ').length >= 2);
  if (parts.length < 2) return undefined;
  const readings = parts.map((part) => ({ part, family: partFamily(part, context) }));
  // A recommendation is what an optimization or a marginal-return answer gives; only a what-if leaves it unanswered.
  const conflicts = (r: { family?: string }) => r.family !== undefined && r.family !== family && !(r.family === 'recommendation' && intent.kind !== 'whatIf');
  if (!readings.some(conflicts)) return undefined;
  const quoted = parts.map((p) => `"${p}"`).join(' and ');
  const alone = readings.filter((r) => isAnswer(parseQuestion(r.part, context).intent)).map((r) => r.part);
  return { kind: 'clarify', question: `That is more than one question (${quoted}), so I haven't run anything: ask them one at a time.`, options: alone };
}

/**
 * "cut TV by 10% from 3/15", "double search starting Dec 1st": a date no scenario can honour (they
 * start from the last week of data). Whatever the message was read as — a scenario, or a refusal
 * because the date's digits looked like amounts — the message without the date is offered when it
 * reads as a scenario; a schedule ("every Monday at 9am") is not a scenario and keeps its days.
 */
function askedAboutDate(intent: Intent, plain: string, context: ParseContext): Intent | undefined {
  if (!isScenarioIntent(intent) && isAnswer(intent)) return undefined;
  const date = findDate(plain);
  if (!date) return undefined;
  const again = date.without ? parseQuestion(date.without, context) : undefined;
  if (!isScenarioIntent(intent) && !(again && isScenarioIntent(again.intent))) return undefined;
  const head = `I can't take "${date.text}" into account (scenarios start from the last week of data and run for a number of weeks, not from or until a date), so I haven't run anything.`;
  if (!again || !isScenarioIntent(again.intent)) return { kind: 'clarify', question: `${head} Ask it without the date.` };
  return { kind: 'clarify', question: `${head} Without it: ${lowerFirst(again.restatement)}.`, options: [date.without] };
}

export function parseQuestion(message: string, context: ParseContext): ParseResult {
  if (typeof message !== 'string') throw new TypeError(`parseQuestion: message must be a string, got ${typeof message}`);
  const defaultWeeks = context.defaultWeeks ?? DEFAULT_HORIZON_WEEKS;
  if (!Number.isInteger(defaultWeeks) || defaultWeeks < 1) throw new RangeError(`parseQuestion: defaultWeeks must be a positive whole number of weeks, got ${defaultWeeks}`);
  const index = indexFor(context.channels);
  const plain = plainText(message);
  const reading: Reading = { question: readQuestion(plain, index), index, context, defaultWeeks };
  let intent: Intent | undefined;
  let recognizedBy: Recognizer | undefined;
  for (const recognize of RECOGNIZERS) {
    intent = recognize(reading);
    recognizedBy = recognize;
    if (intent) break;
  }
  // A new what-if said after "same but" is read whole by readWhatIf, which knows nothing of the thread: asked whether it adds or replaces.
  const sameBut = intent?.kind === 'whatIf' && recognizedBy === readWhatIf ? askedAddOrInstead(reading) : undefined;
  const read = sameBut ?? (intent ? combinedWithPrevious(intent, reading) : notUnderstood(plain, reading));
  const single = askedAsTwo(read, plain, context) ?? askedAboutDate(read, plain, context) ?? read;
  const understood = isScenarioIntent(single) ? (askedAboutQualifier(single, reading) ?? single) : single;
  const readAs = readingsOf(reading);
  // Worded when read: a scenario's answer is restated as run (restateScenario) and never reads this one.
  let said: string | undefined;
  return {
    intent: understood,
    get restatement() {
      return (said ??= withReadAs(restatement(understood, reading), readAs));
    },
    ...(readAs ? { readAs } : {}),
  };
}
