/**
 * Questions about the model rather than a plan: ROI, saturation, response curves, model
 * quality, training date; and the conversational ones: help, compare, undo.
 */
import type { Intent } from '../scenarios/spec';
import { askWhichChannel, firstAmbiguous, keysOf, namesOf, allChannelNames, type Reading } from './context';
import { hasChangeVerb } from './whatIf';

/** Questions a new user can copy, by kind: help shows them all, "I didn't understand" the first few. */
export const HELP_EXAMPLES: ReadonlyArray<{ kind: string; examples: readonly string[] }> = [
  { kind: 'What-ifs', examples: ['what if we move 20% from TV to search', 'cut TV by 30%', 'tv -> social 10k a week', 'what if radio were $600k over the next quarter', 'cut TV 10% and move 5% from display to search'] },
  { kind: 'Optimizing', examples: ['how should we split $800k over the next 8 weeks', 'optimize but keep TV above 100k and social under 30%', 'optimize with max 25% change per channel', 'the safest plan for next quarter'] },
  { kind: 'Marginal returns', examples: ['where should the next $10k go', 'which channel has the best marginal ROI', 'mROAS of search'] },
  { kind: 'Follow-ups in a thread', examples: ['what about 30%?', 'make it social instead of search', 'same but from radio', 'also double display', 'optimize that', 'compare with the previous one', 'undo'] },
  { kind: 'About the model', examples: ["what's the ROI of TV", 'which channel is most saturated', 'response curve for search', 'what does each channel contribute', "how long does TV's effect last", 'how accurate is the model', 'when was the model last trained'] },
  { kind: 'Jobs', examples: ['post a digest here every Monday at 9am', 'retrain the model'] },
];

/** The examples in one list, in the order help shows them. */
export const EXAMPLE_QUESTIONS: readonly string[] = HELP_EXAMPLES.flatMap((k) => k.examples);

/** Help: every kind of question with examples to copy. */
export function helpText(): string {
  return ['Ask me about your media plan in plain words. For example:', ...HELP_EXAMPLES.map((k) => `*${k.kind}*: ${k.examples.map((e) => `"${e}"`).join(', ')}`)].join('\n');
}

const HELP = /^(?:help(?: me| please)?|h|\?+|what can you do|what do you do|what can i (?:ask|do)(?: you)?|what (?:are you able to|can you) (?:answer|do|help with)|what do you know|what (?:do|can) you (?:do|answer|know)|how does (?:this|it) work|how do i use (?:this|you|it)|commands|examples?|usage|menu|start|(?:hi|hello|hey|yo|hiya|good (?:morning|afternoon|evening))(?: there| team| all| everyone| mixwise| bot)?|what is this|what are you|who are you)$/;
const HELP_ANYWHERE = /\b(?:help|what can you do|how do i use)\b/;
/** "what kinds of questions can I ask", "how do I ask a question", "examples please": asking how to ask, at any length. */
const HOW_TO_ASK = /\b(?:what (?:kinds?|sorts?|types?) of (?:things|questions|stuff|queries|requests)|what (?:can|could|should|do) i (?:ask|say|type)|how (?:do|can|should) i (?:ask|use|talk to|start|query|compare|run|do)|(?:show|give|send) me (?:some )?examples|examples?(?: of questions)?(?: please)?$|(?:example|sample) (?:questions|queries|prompts)|what questions)\b/;
const ROI = /\b(?:roi|roas|rois|worth (?:more|less) than|(?:better|worse) (?:value|investment|return|bet) than|more (?:efficient|effective|profitable) than|(?:does|do|is|are|performs?|works?) (?:better|worse) than|which (?:is|one is|s|one s|channel is) (?:better|best|stronger|weaker|worse|more efficient|more effective)|(?:each|per|every) (?:dollar|euro|pound)|underperform\w*|worth (?:the )?(?:money|spend|investment|cost)|return on (?:ad )?(?:spend|investment)|returns? (?:of|on|from|for)|payback|efficien(?:t|cy)|cost per|cpa|(?:how|which) (?:is|are|channel|channels)\b.*\b(?:doing|performing|perform|performs|performed|works?|working)|performance|best channel|worst channel|(?:best|top|worst|strongest|weakest|highest|lowest) (?:performing|performer|performers)|most effective|least effective|worth it|pay off|pays off|paying off|pulling (?:its|their) weight|earn(?:s|ing)? (?:its|their) keep|pay(?:s|ing)? for (?:itself|themselves)|(?:a )?(?:good|bad|poor) (?:investment|value))\b/;
const RESPONSE_CURVE = /\b(?:response curves?|(?:spend|saturation|diminishing returns?|return) curves?|curves?)\b/;
const SATURATION = /\b(?:saturat\w*|wast(?:e|es|ed|ing) (?:money|spend|budget)|diminishing returns?|headroom|room to grow|maxed out|overspend\w*|underspend\w*|hitting (?:a |the )?(?:wall|ceiling)|ceiling)\b/;
const MODEL_QUALITY = /\b(?:how (?:good|accurate|reliable|trustworthy|well)|how (?:does|do|is|did) (?:the |this |our )?model (?:perform|performing|do|doing|work|working)|accura\w*|reliab\w*|trust\w*|r2|r squared|rsquared|mape|nrmse|error rate|fit quality|goodness of fit|model fit|fit of (?:the )?model|errors?|model quality|quality of (?:the )?model|validat\w*|holdout|backtest\w*|confiden\w*)\b/;
const MODEL_WORD = /\b(?:model|it|numbers|results|predictions?|forecasts?|estimates?|fit)\b/;
const LAST_TRAINED = /\b(?:last (?:model\s)?(?:trained|retrained|fit|fitted|updated|refreshed|run|refresh|update|retrain|retraining|training)|when (?:was|were|did) (?:it|the model|model|this|you)\b.*\b(?:train|trained|retrained|fit|fitted|updated|refreshed|built|made)|how (?:old|fresh|recent|stale) is|model age|up to date|latest data|data (?:through|until|up to)|(?:trained|fitted|fit|built) on (?:what|which|how much)|how many weeks|weeks of data|data (?:is |are )?from|date range|time range|how much (?:data|history)|what data (?:is|was|does|did)|which weeks|what (?:period|dates|weeks|time ?frame|span) (?:does|do|did|is|are) (?:the )?(?:model|data|it) (?:cover|covers|span|include|use)|(?:period|dates|weeks|time ?frame) (?:covered|used))\b/;
const COMPARE = /\b(?:compare|comparison|versus|vs|side by side|difference|diff|which of (?:the |these |those )?(?:two|both|them)(?: (?:is|was|looks|did))? (?:better|best|worse)|which (?:one |scenario |option )?is better|which (?:one |scenario |option )?(?:is |was )?(?:best|worse)|is (?:that|this|it) better|better than (?:the )?(?:previous|last|other|first))\b/;
const UNDO = /^(?:undo|go back(?: one| a step| one step)?|step back|back one|revert(?: that| it| the last(?: one| change)?)?|scratch that|go back to (?:the )?(?:previous|last|earlier|prior|first) (?:one|scenario|version|plan)|take (?:that|it) back|back|cancel that|forget (?:that|it)|never ?mind|remove (?:the )?last(?: one| change| scenario)?|undo (?:that|it|the last(?: one| change| scenario)?)|delete (?:that|the last one)|start over)$/;

export function readHelp(reading: Reading): Intent | undefined {
  const words = reading.question.words;
  // "help me cut TV by 20%" is a what-if: "help" anywhere only in a short message that names no amount or channel.
  const plainHelp = HELP_ANYWHERE.test(words) && words.split(' ').length <= 6 && reading.question.quantities.length === 0 && reading.question.mentions.length === 0;
  const howToAsk = HOW_TO_ASK.test(words) && reading.question.quantities.length === 0 && reading.question.mentions.length === 0;
  if (words === '' || HELP.test(words) || plainHelp || howToAsk) return { kind: 'help' };
  return undefined;
}

export function readUndo(reading: Reading): Intent | undefined {
  if (!UNDO.test(reading.question.words.replace(/\s?please$|^please\s?/g, ''))) return undefined;
  if (!reading.context.previous) return { kind: 'clarify', question: 'There is nothing to undo yet in this thread.' };
  return { kind: 'undo' };
}

export function readCompare(reading: Reading): Intent | undefined {
  if (!COMPARE.test(reading.question.words) || reading.question.mentions.length > 0 || reading.question.quantities.length > 0) return undefined;
  if (!reading.context.previous) return { kind: 'clarify', question: 'There is no earlier scenario in this thread to compare with. Ask a what-if first.' };
  return { kind: 'compare' };
}

/** "which channel has the best marginal ROI", "mROAS of search", "where is the next dollar best spent". */
const MARGINAL_RETURN = /\b(?:marginal (?:roi|roas|returns?|revenue|efficiency|gain)|m ?roas|m ?roi|incremental (?:roi|roas)|next (?:dollar|euro|pound|buck|unit of spend)|extra (?:dollar|euro|pound|buck)|additional (?:dollar|euro|pound)|(?:one|1) more (?:dollar|euro|pound|buck)|another (?:dollar|euro|pound|buck)|last dollar|(?:return|roi|roas) (?:on|of) (?:the |an? )?(?:next|extra|additional|incremental) (?:dollar|euro|pound|spend))\b/;
/** "what are the channel contributions", "how much does TV contribute", "what drives sales", "decomposition". */
const CONTRIBUTION = /\b(?:contribut\w*|decompos\w*|drives? (?:the |our )?(?:most )?(?:sales|revenue|kpi|conversions)|driving (?:the |our )?(?:sales|revenue|kpi|conversions|business|growth)|(?:brings?|bringing|generates?|generating|delivers?|produces?) (?:in )?(?:the )?most (?:sales|revenue|kpi|conversions)|(?:share|percentage|percent|proportion|portion|fraction) of (?:the |our )?(?:sales|revenue|kpi|conversions)(?: is)? (?:due to|from|comes? from|driven by|because of|caused by)|share of (?:sales|revenue|kpi|conversions)|(?:sales|revenue|kpi) (?:by|per) channel|incremental (?:sales|revenue|conversions)|how much (?:sales|revenue|kpi) (?:does|do|did|comes?) |how much of (?:the |our )?(?:sales|revenue|kpi|conversions|business)\b)\b/;

function channelsAsked(reading: Reading): string[] | Intent {
  const mentions = reading.question.mentions;
  const ambiguous = firstAmbiguous(mentions);
  if (ambiguous) return askWhichChannel(ambiguous, reading);
  return mentions.some((m) => m.kind === 'every') ? [] : [...new Set(mentions.flatMap((m) => keysOf(m, reading)))];
}

/** "which channel should we cut / invest more in": a recommendation, answered by marginal returns (lowest first to cut). */
const WHICH_TO_CHANGE =
  /\b(?:which|what) channels? (?:should|would|could|do|can) (?:we|i|you) (?:cut|reduce|trim|drop|invest (?:more )?in|increase|grow|scale|add (?:to|more to)|put more (?:into|in))\b|\b(?:which|what) channels? (?:would |could |will |might )?(?:benefit|gain|grow|gets?|get) (?:the )?most (?:from|with|out of) (?:more|extra|additional|another|an extra) (?:money|spend|spending|budget|investment|dollars?)\b/;
const PER_DOLLAR = /\b(?:each|per|every|a) (?:dollar|euro|pound)\b/;

/**
 * "how long does TV's effect last", "what's the carryover of search", "adstock half-life", "lag
 * effect": how long spend keeps working after the week it is spent, from the model's adstock.
 */
const CARRYOVER = /\b(?:adstock\w*|ad stock|carry ?over|carry overs|carried over|half ?life|half ?lives|decay(?:s|ing)?(?: rates?)?|lag(?:ged)? effects?|lags|lagged|delayed effects?|long tail|tails?|tail effects?|wear ?(?:out|off)|lingers?|lingering|(?:how long|how many (?:weeks|days|months))\s(?:does|do|will|would|is|are)\b.*\b(?:last|lasts|linger|persist|keep working|keeps working|felt|to wear off|to fade)|(?:effect|impact)s? (?:last|lasts|persist|persists|linger|lingers|fade|fades)|how long (?:before|until|till) (?:.*\b)?(?:shows?|has|have|see|takes?) (?:an? )?(?:effect|impact|results?))\b/;

/** Marginal returns, contributions and carry-over: channel figures ranked or explained another way. */
export function readChannelMeasure(reading: Reading): Intent | undefined {
  const words = reading.question.words;
  // An amount of spend makes it a scenario or an optimization ("where should the next $10k go"); a bare
  // threshold does not ("is the marginal return on search still above 1?" asks for the figure).
  if (reading.question.quantities.some((q) => q.kind !== 'bare') || (reading.question.quantities.length > 0 && hasChangeVerb(reading.question.template))) return undefined;
  const measure = CARRYOVER.test(words)
    ? 'carryover'
    : MARGINAL_RETURN.test(words) || WHICH_TO_CHANGE.test(words)
      ? 'marginal'
      : CONTRIBUTION.test(words) && !PER_DOLLAR.test(words)
        ? 'contribution'
        : undefined;
  if (!measure) return undefined;
  const channels = channelsAsked(reading);
  return Array.isArray(channels) ? { kind: 'roi', channels, measure } : channels;
}

/** ROI, saturation, response curve, model quality, last trained. */
export function readExplanation(reading: Reading): Intent | undefined {
  // "moving 8k a week from print to facebook — worth it?" asks about a scenario: the what-if answers it.
  if (reading.question.quantities.length > 0 && hasChangeVerb(reading.question.template)) return undefined;
  const words = reading.question.words;
  const mentions = reading.question.mentions;
  const ambiguous = firstAmbiguous(mentions);
  if (LAST_TRAINED.test(words)) return { kind: 'lastTrained' };
  if (RESPONSE_CURVE.test(words) && (mentions.length > 0 || /\bresponse\b/.test(words))) {
    if (ambiguous) return askWhichChannel(ambiguous, reading);
    const keys = [...new Set(mentions.flatMap((m) => keysOf(m, reading)))];
    if (keys.length === 1) return { kind: 'responseCurve', channel: keys[0] };
    const options = keys.length > 1 ? namesOf(keys, reading) : allChannelNames(reading);
    return { kind: 'clarify', question: 'Which channel\'s response curve? One at a time, e.g. "response curve for search".', options };
  }
  if (SATURATION.test(words)) return { kind: 'saturation' };
  if (MODEL_QUALITY.test(words) && (MODEL_WORD.test(words) || mentions.length === 0)) return { kind: 'modelQuality' };
  // "how does search perform", "how's radio doing" ("'s" dropped): a channel's performance is its ROI ("how does the model perform" names no channel).
  if (ROI.test(words) || /\bhow(?: (?:does|do|did|is|are|has|have))? @\d+(?:\s(?:and|,)\s@\d+)* (?:perform|performed|performing|do|doing|done|work|working|worked)\b/.test(reading.question.template)) {
    const channels = channelsAsked(reading);
    return Array.isArray(channels) ? { kind: 'roi', channels } : channels;
  }
  return undefined;
}
