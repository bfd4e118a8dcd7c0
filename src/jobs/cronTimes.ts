import cron, { type ScheduledTask } from 'node-cron';
/** A problem with one field of a schedule, in the shape services report input problems. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Fire times of a schedule, computed from any clock (tests drive a fake one). node-cron
 * decides whether a minute matches; this file decides which minutes to ask about.
 *
 * Jobs fire at most once a minute: expressions have five fields (minute hour day-of-month
 * month day-of-week). node-cron's optional seconds field is refused, because fire times are
 * found by walking whole minutes.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

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
 * One expression in one time zone (it must be valid): which minutes match, and the node-cron
 * task that calls `onFire` at those minutes once started. Dispose of it when done: node-cron
 * keeps every task it created in a registry.
 */
export interface CronClock {
  expression: string;
  timezone: string;
  matches(minute: Date): boolean;
  task: ScheduledTask;
  dispose(): void;
}

export function cronClock(expression: string, timezone: string, onFire: () => void = () => undefined, name?: string): CronClock {
  const normalized = expression.trim().split(/\s+/).join(' ');
  const task = cron.createTask(normalized, onFire, { timezone, name: name ?? `${normalized}@${timezone}`, noOverlap: true });
  const minutes = new Set(cron.parse(normalized).minute);
  const offsetOf = utcOffsetMinutes(timezone);
  return {
    expression: normalized,
    timezone,
    matches: (minute) => {
      // node-cron's match formats the date in the zone (~30 µs); the local minute-of-hour
      // rules out most minutes for the cost of one cached offset per hour.
      const hourStart = Math.floor(minute.getTime() / HOUR_MS) * HOUR_MS;
      const offsetAtStart = offsetOf(hourStart);
      if (offsetAtStart === offsetOf(hourStart + HOUR_MS - MINUTE_MS)) {
        const localMinute = (((minute.getUTCMinutes() + offsetAtStart) % 60) + 60) % 60;
        if (!minutes.has(localMinute)) return false;
      }
      return task.match(minute);
    },
    task,
    dispose: () => void task.destroy(),
  };
}

/** The last fire time strictly after `after` and at or before `atOrBefore`, or null. */
export function latestFireTime(clock: CronClock, after: Date, atOrBefore: Date): Date | null {
  for (let t = floorToMinute(atOrBefore.getTime()); t > after.getTime(); t -= MINUTE_MS) {
    if (clock.matches(new Date(t))) return new Date(t);
  }
  return null;
}

/** The next `count` fire times after `after` (for showing a schedule); searches at most a year ahead. */
export function nextFireTimes(clock: CronClock, after: Date, count: number): Date[] {
  const found: Date[] = [];
  const limit = after.getTime() + 366 * 24 * HOUR_MS;
  for (let t = floorToMinute(after.getTime()) + MINUTE_MS; t <= limit && found.length < count; t += MINUTE_MS) {
    if (clock.matches(new Date(t))) found.push(new Date(t));
  }
  return found;
}

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** UTC offset of a zone in minutes at an instant, cached per hour. */
function utcOffsetMinutes(timezone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' });
  const cache = new Map<number, number>();
  return (ms) => {
    const cached = cache.get(ms);
    if (cached !== undefined) return cached;
    const name = format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    if (cache.size > 10_000) cache.clear();
    cache.set(ms, offset);
    return offset;
  };
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
