import { badInput } from '../errors';

/**
 * Reading a schedule's options (a JSON object) into typed settings, with errors that name
 * the option, what it got and what it takes. Unknown names are refused so that a typo
 * ("minNewWeek") does not silently fall back to a default.
 */
export function checkOptionNames(options: Record<string, unknown>, known: readonly string[], kind: string): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw badInput(
      `Unknown option${unknown.length === 1 ? '' : 's'} for a ${kind} job: ${unknown.join(', ')} (known: ${known.length > 0 ? known.join(', ') : 'none'})`,
      unknown.map((k) => ({ path: `options.${k}`, message: 'unknown option' })),
    );
  }
}

export function numberOption(
  options: Record<string, unknown>,
  name: string,
  rule: { fallback: number; min: number; max: number; integer?: boolean },
): number {
  const value = options[name];
  if (value === undefined || value === null) return rule.fallback;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
  if (!ok) {
    const expected = `${rule.integer ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}`;
    throw badInput(`Option ${name} must be ${expected}, got ${JSON.stringify(value)}`, [{ path: `options.${name}`, message: `expected ${expected}` }]);
  }
  return value;
}

export function booleanOption(options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = options[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    throw badInput(`Option ${name} must be true or false, got ${JSON.stringify(value)}`, [{ path: `options.${name}`, message: 'expected true or false' }]);
  }
  return value;
}
