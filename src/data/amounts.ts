/**
 * Reading numbers the way spreadsheets export them: "$1,200.50", "€ 3 400", "(1,200)" for a
 * negative, "1.2e5". Commas and spaces are thousands separators and must group digits by
 * three, so a decimal comma ("1200,50") is refused instead of being silently read as 120050.
 */
export type CellReading = { kind: 'number'; value: number } | { kind: 'missing' } | { kind: 'invalid'; why: string };

/** Cells that spreadsheets and R/pandas exports write for "no value". */
const MISSING_MARKERS = new Set(['', 'na', 'n/a', '#n/a', 'null', 'nan']);

const CURRENCY = '[$€£]';
const SIGN = '[-+\u2212]';
// The digits with optional thousands groups (one separator kind per number) and decimals.
const PLAIN_DIGITS = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;
const GROUPED_DIGITS = /^\d{1,3}(?:(,)\d{3}(?:\1\d{3})*|( )\d{3}(?:\2\d{3})*|(')\d{3}(?:\3\d{3})*)(?:\.\d+)?$/;
const AMOUNT = new RegExp(`^(${SIGN})?\\s*${CURRENCY}?\\s*(${SIGN})?\\s*([\\d.,' ]+?(?:e[-+]?\\d+)?)\\s*${CURRENCY}?$`, 'i');

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

export function readAmount(cell: string): CellReading {
  // Most cells are plain numbers: skip the spreadsheet-format handling for them.
  if (PLAIN_NUMBER.test(cell)) return { kind: 'number', value: Number(cell) };
  const text = cell.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (MISSING_MARKERS.has(text.toLowerCase())) return { kind: 'missing' };
  if (text.endsWith('%')) return { kind: 'invalid', why: 'is a percentage; write it as a plain number' };

  const bracketed = /^\((.*)\)$/.exec(text);
  const inner = bracketed ? bracketed[1].trim() : text;
  const parts = AMOUNT.exec(inner);
  if (!parts) return { kind: 'invalid', why: "isn't a number" };
  const [, signBefore, signAfter, digits] = parts;
  if (signBefore && signAfter) return { kind: 'invalid', why: "isn't a number" };

  const magnitude = readDigits(digits);
  if (typeof magnitude === 'string') return { kind: 'invalid', why: magnitude };
  const negative = bracketed !== null || isMinus(signBefore ?? signAfter);
  if (bracketed && (signBefore || signAfter)) return { kind: 'invalid', why: "isn't a number" };
  return { kind: 'number', value: negative ? -magnitude : magnitude };
}

function isMinus(sign: string | undefined): boolean {
  return sign === '-' || sign === '\u2212';
}

/** The value of unsigned digits, or why they can't be read. */
function readDigits(digits: string): number | string {
  if (PLAIN_DIGITS.test(digits)) return Number(digits);
  if (GROUPED_DIGITS.test(digits)) return Number(digits.replace(/[, ']/g, ''));
  if (/^[\d.]+,\d{1,2}$/.test(digits) || /^\d+,\d{4,}$/.test(digits)) {
    return 'looks like it uses a decimal comma; use a point for decimals (1200.50)';
  }
  return "isn't a number";
}

const AMOUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number as a marketer would write it back: thousands separated, at most 2 decimals. */
export function formatAmount(value: number): string {
  return AMOUNT_FORMAT.format(value);
}
