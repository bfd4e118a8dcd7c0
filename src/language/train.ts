/**
 * "Retrain the model", "train a new model", "refit": train now, once. Read before schedules,
 * so a one-off request is not asked "how often?"; anything that names a recurrence
 * ("retrain every Sunday") or asks about training ("when was it last retrained?") is left to
 * the schedule and explanation recognizers.
 */
import type { Intent } from '../scenarios/spec';
import type { Reading } from './context';
import { asksForRecurrence } from './schedule';

const POLITE = String.raw`(?:(?:please|pls|kindly|can you|could you|would you|will you|go|go ahead and|lets|let us|now)\s)*`;
const MODEL = String.raw`(?:(?:the|a|our|my)\s)?(?:(?:new|fresh)\s)?(?:model|mmm|mix model|media mix model)`;
// "retrain" and "refit" say what to do on their own; "train", "fit", "rebuild", "refresh" and "update" need the model named.
const VERB = String.raw`(?:(?:retrain|refit)(?:\s${MODEL})?|(?:train|fit|rebuild|refresh|update)\s${MODEL})`;
const TAIL = String.raw`(?:\s(?:now|please|again|today|right away|on (?:the )?(?:latest|new) data|with (?:the )?(?:latest|new) data))*`;
const TRAIN_NOW = new RegExp(String.raw`^${POLITE}${VERB}${TAIL}$`);

export function readTrain(reading: Reading): Intent | undefined {
  const words = reading.question.words;
  if (!TRAIN_NOW.test(words) || asksForRecurrence(words)) return undefined;
  return { kind: 'train' };
}
