/**
 * Recurring jobs asked for in words: "post a digest here every Monday at 9am" → cron
 * `0 9 * * 1`, "retrain every Sunday night" → `0 22 * * 0`. Read on the normalized words,
 * before amounts, so "9am" and "at 9" stay times.
 */
import type { Intent } from '../scenarios/spec';
import type { Reading } from './context';

type Job = 'digest' | 'retrain' | 'dataQuality';

const JOBS: Array<[RegExp, Job]> = [
  [/\b(?:data (?:quality|checks?|validation)|check (?:the |our )?data|quality checks?|validate (?:the |our )?data)\b/, 'dataQuality'],
  [/\b(?:retrain\w*|re train|train (?:the |a )?(?:model|new model)|refit|refresh (?:the )?model|rebuild (?:the )?model|update (?:the )?model)\b/, 'retrain'],
  [/\b(?:digests?|summary|summaries|reports?|recaps?|insights?|round ?ups?|newsletters?|briefings?)\b/, 'digest'],
];
const JOB_NAMES: Record<Job, string> = { digest: 'Posting a digest', retrain: 'Retraining the model', dataQuality: 'Checking data quality' };
/** Quiet default hours: digests when people read them, retraining overnight. */
const DEFAULT_HOUR: Record<Job, number> = { digest: 9, retrain: 3, dataQuality: 8 };

const RECURRING = /\b(?:every|each|daily|weekly|monthly|nightly|weekdays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|once a (?:week|day|month))\b/;
const DAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY = new RegExp(String.raw`\b(${Object.keys(DAYS).join('|')})s?\b`, 'g');
const NAMES_A_DAY = new RegExp(DAY.source);
const PARTS_OF_DAY: Array<[RegExp, number]> = [
  [/\bnoon\b|\bmidday\b|\blunch ?time\b/, 12],
  [/\bmidnight\b/, 0],
  [/\bmornings?\b/, 9],
  [/\bafternoons?\b/, 14],
  [/\bevenings?\b/, 18],
  [/\b(?:night|nights|nightly|tonight)\b/, 22],
];

interface TimeOfDay {
  hour: number;
  minute: number;
}

/** "9am", "9:30 am", "at 17:00", "at 9", "noon", "night"; undefined when the message names no time. */
function timeOf(words: string): TimeOfDay | { error: string } | undefined {
  // Most explicit form first: "4:30pm" must not be read as "at 4".
  const clock = /\b(\d{1,2})(?::(\d{2}))?\s?(am|pm)\b/.exec(words) ?? /\b(\d{1,2}):(\d{2})\b/.exec(words) ?? /\bat\s(\d{1,2})\b(?!\s?(?:%|k\b))/.exec(words);
  if (clock) {
    let hour = Number(clock[1]);
    const minute = Number(clock[2] ?? 0);
    const meridiem = clock[3];
    if (meridiem && (hour < 1 || hour > 12)) return { error: `"${clock[0]}" is not a time of day` };
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return { error: `"${clock[0]}" is not a time of day` };
    return { hour, minute };
  }
  const part = PARTS_OF_DAY.find(([pattern]) => pattern.test(words));
  return part ? { hour: part[1], minute: 0 } : undefined;
}

/** Cron day-of-week and day-of-month fields, with how they read. */
function daysOf(words: string): { dayOfMonth: string; dayOfWeek: string; description: string } {
  const monthly = /\b(?:monthly|every month|each month|once a month)\b/.test(words);
  if (monthly) {
    const nth = /\b(?:on )?the (\d{1,2})(?:st|nd|rd|th)?\b/.exec(words);
    const day = nth ? Math.min(28, Math.max(1, Number(nth[1]))) : 1;
    const suffix = day === 1 || day === 21 ? 'st' : day === 2 || day === 22 ? 'nd' : day === 3 || day === 23 ? 'rd' : 'th';
    return { dayOfMonth: String(day), dayOfWeek: '*', description: `on the ${day}${suffix} of every month` };
  }
  if (/\bweekdays?\b|\bworking days?\b|\bbusiness days?\b/.test(words)) return { dayOfMonth: '*', dayOfWeek: '1-5', description: 'every weekday' };
  if (/\bweekends?\b/.test(words)) return { dayOfMonth: '*', dayOfWeek: '0,6', description: 'every weekend day' };
  const days = [...new Set([...words.matchAll(DAY)].map((m) => DAYS[m[1]]))].sort((a, b) => a - b);
  if (days.length > 0) {
    const names = days.map((d) => DAY_NAMES[d]);
    return { dayOfMonth: '*', dayOfWeek: days.join(','), description: `every ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]}` };
  }
  if (/\b(?:daily|every day|each day|every morning|every evening|every night|nightly|every afternoon|once a day)\b/.test(words)) {
    return { dayOfMonth: '*', dayOfWeek: '*', description: 'every day' };
  }
  // "weekly", "every week": Monday, when the week's numbers are in.
  return { dayOfMonth: '*', dayOfWeek: '1', description: 'every Monday' };
}

function clockText(time: TimeOfDay): string {
  return `${time.hour}:${String(time.minute).padStart(2, '0')}`;
}

/** Whether the words ask for something to happen repeatedly or on a named day ("every Sunday", "nightly"). */
export function asksForRecurrence(words: string): boolean {
  return RECURRING.test(words) || NAMES_A_DAY.test(words);
}

/** "every other Sunday", "fortnightly", "every 2 weeks": a step no cron field can hold. */
const EVERY_OTHER = /\b(?:every|each)\s(?:other|second|2nd|two|2|three|3)\s(?=(?:weeks?|months?|days?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|mon|tue|wed|thu|fri|sat|sun)\b)|\b(?:bi ?weekly|fortnightly|alternate)\b/;

export function readSchedule(reading: Reading): Intent | undefined {
  const words = reading.question.words;
  const job = JOBS.find(([pattern]) => pattern.test(words))?.[1];
  if (!job) return undefined;
  if (EVERY_OTHER.test(words)) {
    return { kind: 'clarify', question: 'A schedule repeats every day, every week on named days, or every month; not every other week. Say e.g. "retrain every Sunday night" or "post a digest on the 1st of every month".' };
  }
  if (!asksForRecurrence(words)) {
    // "when did you last retrain?" asks about the model, not for a schedule.
    if (/\b(?:when (?:did|was|were|is|has)|last (?:time|retrain\w*|trained|train\w*))\b/.test(words)) return undefined;
    if (!/\b(?:post|send|schedule|set up|setup|share|deliver|retrain|run|check)\b/.test(words)) return undefined;
    const example = job === 'retrain' ? 'retrain every Sunday night' : job === 'digest' ? 'post a digest here every Monday at 9am' : 'check data quality every day at 8am';
    return { kind: 'clarify', question: `How often? e.g. "${example}".`, options: [example] };
  }
  const time = timeOf(words) ?? { hour: DEFAULT_HOUR[job], minute: 0 };
  if ('error' in time) return { kind: 'clarify', question: `${time.error}: say e.g. "every Monday at 9am".` };
  const days = daysOf(words);
  const timezone = reading.context.timezone;
  const description = `${days.description} at ${clockText(time)}${timezone ? ` (${timezone})` : ''}`;
  const intent: Intent = { kind: 'schedule', job, cron: `${time.minute} ${time.hour} ${days.dayOfMonth} * ${days.dayOfWeek}`, description };
  return timezone ? { ...intent, timezone } : intent;
}

export function scheduleRestatement(intent: Intent & { kind: 'schedule' }): string {
  return `${JOB_NAMES[intent.job]} ${intent.description}`;
}
