import { Cron } from 'croner';
import cron from 'node-cron';

/**
 * Fire times of a schedule, computed from any clock (tests drive a fake one): croner works
 * out the next and previous fire times in the schedule's time zone directly, so even a
 * schedule that fires once in four years (`* 9 29 2 *`) is listed at once. Across a daylight
 * saving change a daily job still fires once: a fire time inside the skipped hour runs at its
 * end, one in the repeated hour runs the first time.
 *
 * Jobs fire at most once a minute: expressions have five fields (minute hour day-of-month
 * month day-of-week); a seconds field is refused. Their field-by-field errors are
 * node-cron's, whose wording people already see in answers.
 */

/** A problem with one field of a schedule, in the shape services report input problems. */
export interface Problem {
  path: string;
  message: string;
}

/** What is wrong with a cron expression and time zone, field by field; empty when both are fine. */
export function cronProblems(expression: string, timezone: string): Problem[] {
  const problems: Problem[] = [];
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    problems.push({
      path: 'cron',
      message: `"${expression}" has ${fields.length} field${fields.length === 1 ? '' : 's'}: a schedule needs five (minute hour day-of-month month day-of-week), e.g. "0 9 * * 1" for Mondays at 9:00`,
    });
  } else {
    const detail = cron.validateDetailed(fields.join(' '));
    for (const e of detail.errors) problems.push({ path: 'cron', message: `"${expression}": ${e.field} ${e.message.replace(/ is a invalid/, ' is not a valid')}` });
    if (!detail.valid && detail.errors.length === 0) problems.push({ path: 'cron', message: `"${expression}" is not a valid cron expression` });
    else if (detail.valid && !croner(fields.join(' '), 'UTC')) problems.push({ path: 'cron', message: `"${expression}" is not a valid cron expression` });
  }
  if (!isTimeZone(timezone)) {
    problems.push({ path: 'timezone', message: `"${timezone}" is not a time zone: use an IANA name such as "UTC", "Europe/Paris" or "America/New_York"` });
  }
  return problems;
}

export function isTimeZone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * One expression in one time zone (it must be valid): its fire times, and a timer that calls
 * `onFire` at them once started. Dispose of it when done.
 */
export interface CronClock {
  expression: string;
  timezone: string;
  /** Calls `onFire` at every fire time from now on, until disposed. */
  start(onFire: () => void): void;
  dispose(): void;
  /** @internal croner's pattern, never started. */
  readonly pattern: Cron;
}

export function cronClock(expression: string, timezone: string): CronClock {
  const normalized = expression.trim().split(/\s+/).join(' ');
  const pattern = croner(normalized, timezone);
  if (!pattern) throw new RangeError(`"${expression}" is not a valid cron expression`);
  let timer: Cron | null = null;
  return {
    expression: normalized,
    timezone,
    pattern,
    start: (onFire) => {
      timer?.stop();
      // protect: a fire while the last callback still runs is skipped (the tick catches up anyway).
      timer = new Cron(normalized, { timezone, protect: true, unref: true }, onFire);
    },
    dispose: () => {
      timer?.stop();
      timer = null;
    },
  };
}

function croner(expression: string, timezone: string): Cron | null {
  try {
    // domAndDow false (the default): a day-of-month and a day-of-week both given match either, as in every cron.
    return new Cron(expression, { timezone, paused: true });
  } catch {
    return null;
  }
}

/** The last fire time strictly after `after` and at or before `atOrBefore`, or null. */
export function latestFireTime(clock: CronClock, after: Date, atOrBefore: Date): Date | null {
  // Fire times are whole minutes: the last one at or before `atOrBefore` is the last before the next minute.
  const [latest] = clock.pattern.previousRuns(1, new Date(floorToMinute(atOrBefore.getTime()) + MINUTE_MS));
  return latest && latest.getTime() > after.getTime() && latest.getTime() <= atOrBefore.getTime() ? latest : null;
}

/** The next `count` fire times after `after` (for showing a schedule). */
export function nextFireTimes(clock: CronClock, after: Date, count: number): Date[] {
  return clock.pattern.nextRuns(count, after);
}

const MINUTE_MS = 60_000;

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** ISO week (e.g. 2026-W02) of an instant as seen in a time zone. */
export function isoWeekOf(instant: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const day = new Date(Date.UTC(get('year'), get('month') - 1, get('day')));
  // The ISO week belongs to the year of its Thursday.
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
