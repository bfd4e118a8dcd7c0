/**
 * Reading week dates in the formats exports use: ISO (2024-01-08, also 2024/01/08 and with a
 * time after it), US (01/08/2024, 1/8/24) and EU (08.01.2024, 08/01/2024). Slash dates are
 * the only ambiguous ones: whether 08/01/2024 is August 1st or January 8th is decided for the
 * whole file by the first date whose day is above 12.
 */
export type DateOrder = 'month-first' | 'day-first';

/** What a date cell says before the file's day/month order is known. */
export type DateReading =
  | { kind: 'date'; iso: string }
  | { kind: 'eitherOrder'; first: number; second: number; year: number; text: string }
  | { kind: 'missing' }
  | { kind: 'invalid' };

export const DATE_EXAMPLES = '2024-01-08, 01/08/2024 or 08.01.2024';

const YEAR_FIRST = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/;
const DAY_FIRST_DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/;
const SLASHES = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/;

export function readDate(cell: string): DateReading {
  const text = cell.trim();
  if (text === '') return { kind: 'missing' };
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dots = DAY_FIRST_DOTS.exec(text);
  if (dots) return calendarDate(fullYear(dots[3]), Number(dots[2]), Number(dots[1]));
  const slashes = SLASHES.exec(text);
  if (slashes) {
    return { kind: 'eitherOrder', first: Number(slashes[1]), second: Number(slashes[3]), year: fullYear(slashes[4]), text };
  }
  return { kind: 'invalid' };
}

/** The order a slash date proves (a day above 12 can't be a month), or null if it could be either. */
export function orderShownBy(reading: DateReading): DateOrder | null {
  if (reading.kind !== 'eitherOrder') return null;
  if (reading.first > 12 && reading.second <= 12) return 'day-first';
  if (reading.second > 12 && reading.first <= 12) return 'month-first';
  return null;
}

/** A slash date read in the file's order. */
export function inOrder(reading: Extract<DateReading, { kind: 'eitherOrder' }>, order: DateOrder): DateReading {
  const [month, day] = order === 'month-first' ? [reading.first, reading.second] : [reading.second, reading.first];
  return calendarDate(reading.year, month, day);
}

function fullYear(digits: string): number {
  if (digits.length === 4) return Number(digits);
  // Two-digit years: marketing data is from this century unless it clearly isn't.
  const yy = Number(digits);
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

function calendarDate(year: number, month: number, day: number): DateReading {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { kind: 'invalid' };
  return { kind: 'date', iso: isoDate(year, month, day) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
