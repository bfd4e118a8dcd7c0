/**
 * Numbers the way a marketer reads them: "$24k", "$1.2M", "+3.4%", "40%".
 * Used by restatements, Slack messages and the CLI's text output, so every front door
 * prints the same figure the same way.
 */

const SCALES: Array<{ size: number; suffix: string }> = [
  { size: 1e3, suffix: 'k' },
  { size: 1e6, suffix: 'M' },
  { size: 1e9, suffix: 'B' },
];

/** One decimal below 10 of a unit ("$2.3k", "$1.2M"), whole units from 10 on ("$24k"), trailing ".0" dropped. */
function compactDigits(value: number): string {
  return Number(value.toFixed(value < 10 ? 1 : 0)).toString();
}

/** A magnitude in compact form without currency: 24000 → "24k", 850 → "850", 3.14159 → "3.14". */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`compactNumber: expected a finite number, got ${value}`);
  const magnitude = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const plain = magnitude >= 100 ? Math.round(magnitude) : Number(magnitude.toFixed(magnitude < 10 ? 2 : 1));
  if (plain < 1000) return plain === 0 ? '0' : sign + plain;
  // Walk up the units so 999,600 reads "$1M" rather than "$1000k".
  for (let i = 0; i < SCALES.length; i++) {
    const digits = compactDigits(magnitude / SCALES[i].size);
    if (Number(digits) < 1000 || i === SCALES.length - 1) return sign + digits + SCALES[i].suffix;
  }
  throw new Error('unreachable');
}

/** Money in compact form: 24000 → "$24k", 1_200_000 → "$1.2M", -500 → "-$500". */
export function formatMoney(value: number, currency = '$'): string {
  const text = compactNumber(Math.abs(value));
  return (value < 0 && text !== '0' ? '-' : '') + currency + text;
}

/** A money change with its sign always shown: "+$10k", "-$24k". */
export function formatMoneyChange(value: number, currency = '$'): string {
  return (value > 0 ? '+' : '') + formatMoney(value, currency);
}

/** A percentage given in percent units, one decimal at most: 20 → "20%", 33.333 → "33.3%". */
export function formatPercent(percent: number): string {
  if (!Number.isFinite(percent)) throw new Error(`formatPercent: expected a finite number, got ${percent}`);
  const rounded = Number(percent.toFixed(1));
  return `${rounded === 0 ? 0 : rounded}%`;
}

/** A percentage change with its sign always shown: 3.4 → "+3.4%", -12 → "-12%". */
export function formatPercentChange(percent: number): string {
  const text = formatPercent(percent);
  return (percent > 0 && text !== '0%' ? '+' : '') + text;
}

/** A fraction shown as a share: 0.4 → "40%". */
export function formatShare(fraction: number): string {
  return formatPercent(fraction * 100);
}

/** A plain KPI count in compact form (no currency): 1_234_567 → "1.2M". */
export function formatNumber(value: number): string {
  return compactNumber(value);
}

/** "1 week", "13 weeks". */
export function formatWeeks(weeks: number): string {
  return `${weeks} week${weeks === 1 ? '' : 's'}`;
}

/**
 * A percentage change with as many decimals as it takes for a non-zero value not to read as 0
 * or lose its sign (one at least, four at most): 0.03 → "+0.03%", 2.5 → "+2.5%", -0.004 → "-0.004%".
 * For interval ends, where "0% to +2.5%" would hide that the low end is above zero.
 */
export function formatPercentChangePrecise(percent: number): string {
  if (!Number.isFinite(percent)) throw new Error(`formatPercentChangePrecise: expected a finite number, got ${percent}`);
  let decimals = 1;
  while (decimals < 4 && percent !== 0 && Number(percent.toFixed(decimals)) === 0) decimals++;
  const rounded = Number(percent.toFixed(decimals));
  if (rounded === 0) return percent === 0 ? '0%' : `${percent > 0 ? '+' : '-'}<0.0001%`;
  return `${rounded > 0 ? '+' : ''}${rounded}%`;
}

/** An interval of percentage changes: "+0.03% to +2.5%". */
export function formatPercentRange(low: number, high: number): string {
  return `${formatPercentChangePrecise(low)} to ${formatPercentChangePrecise(high)}`;
}

/**
 * An amount with its exact digits, no currency: 24000 → "24,000", 12.5 → "12.5". For what a
 * constraint or a warning holds the plan to, where a compact "$24k" would hide the figure asked for.
 */
export function formatAmountExact(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: Math.abs(amount) >= 100 ? 0 : 2 });
}

/** A fraction as a percentage with up to two decimals: 0.125 → "12.5%", 0.3333 → "33.33%". */
export function formatShareExact(fraction: number): string {
  return `${+(fraction * 100).toFixed(2)}%`;
}
