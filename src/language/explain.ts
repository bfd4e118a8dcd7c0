/**
 * Questions about the model rather than a plan: ROI, saturation, response curves, model
 * quality, training date; and the conversational ones: help, compare, undo.
 */
import type { Intent } from '../scenarios/spec';
import { askWhichChannel, firstAmbiguous, keysOf, namesOf, allChannelNames, type Reading } from './context';

/** Questions a new user can copy; help and "I didn't understand" replies show them. */
export const EXAMPLE_QUESTIONS: readonly string[] = [
  'what if we move 20% from TV to search',
  'cut TV by 30%',
  'how should we split $800k over the next 8 weeks',
  'optimize but keep TV above 100k and social under 30%',
  'where should the next $10k go',
  "what's the ROI of TV",
  'which channel is most saturated',
  'post a digest here every Monday at 9am',
];

const HELP = /^(?:help(?: me| please)?|h|\?+|what can you do|what do you do|what can i (?:ask|do)(?: you)?|how does (?:this|it) work|how do i use (?:this|you|it)|commands|examples?|usage|menu|start|hi|hello|hey|yo|hiya|good (?:morning|afternoon|evening)|hi there|hello there|hey there)$/;
const HELP_ANYWHERE = /\b(?:help|what can you do|how do i use)\b/;
const ROI = /\b(?:roi|roas|rois|return on (?:ad )?(?:spend|investment)|returns? (?:of|on|from|for)|payback|efficien(?:t|cy)|cost per|cpa|(?:how|which) (?:is|are|channel|channels)\b.*\b(?:doing|performing|perform|works?|working)|performance|best channel|worst channel|most effective|least effective|worth it|pay off|pays off|paying off)\b/;
const RESPONSE_CURVE = /\b(?:response curves?|(?:spend|saturation|diminishing returns?|return) curves?|curves?)\b/;
const SATURATION = /\b(?:saturat\w*|diminishing returns?|headroom|room to grow|maxed out|overspend\w*|underspend\w*|hitting (?:a |the )?(?:wall|ceiling)|ceiling)\b/;
const MODEL_QUALITY = /\b(?:how (?:good|accurate|reliable|trustworthy|well)|accura\w*|reliab\w*|trust\w*|r2|r squared|rsquared|mape|nrmse|error rate|fit quality|goodness of fit|model quality|quality of (?:the )?model|validat\w*|holdout|backtest\w*|confiden\w*)\b/;
const MODEL_WORD = /\b(?:model|it|numbers|results|predictions?|forecasts?|estimates?|fit)\b/;
const LAST_TRAINED = /\b(?:last (?:trained|retrained|fit|fitted|updated|refreshed|run)|when (?:was|were|did) (?:it|the model|model|this|you)\b.*\b(?:train|trained|retrained|fit|fitted|updated|refreshed|built|made)|how (?:old|fresh|recent|stale) is|model age|up to date|latest data|data (?:through|until|up to))\b/;
const COMPARE = /\b(?:compare|comparison|versus|vs|side by side|difference|diff|which (?:one|scenario|option) is better|better than (?:the )?(?:previous|last|other|first))\b/;
const UNDO = /^(?:undo|go back|revert|scratch that|take (?:that|it) back|back|cancel that|forget (?:that|it)|never ?mind|remove (?:the )?last(?: one| change| scenario)?|undo (?:that|it|the last(?: one| change| scenario)?)|delete (?:that|the last one)|start over)$/;

export function readHelp(reading: Reading): Intent | undefined {
  const words = reading.question.words;
  if (words === '' || HELP.test(words) || (HELP_ANYWHERE.test(words) && words.split(' ').length <= 6)) return { kind: 'help' };
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

/** ROI, saturation, response curve, model quality, last trained. */
export function readExplanation(reading: Reading): Intent | undefined {
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
  if (ROI.test(words)) {
    if (ambiguous) return askWhichChannel(ambiguous, reading);
    const everyChannel = mentions.some((m) => m.kind === 'every');
    return { kind: 'roi', channels: everyChannel ? [] : [...new Set(mentions.flatMap((m) => keysOf(m, reading)))] };
  }
  return undefined;
}
