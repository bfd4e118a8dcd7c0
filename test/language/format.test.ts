import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercentChangePrecise, formatPercentRange, compactNumber, formatMoney, formatMoneyChange, formatNumber, formatPercent, formatPercentChange, formatShare, formatWeeks } from '../../src/format';

describe('formatMoney', () => {
  it.each([
    [0, '$0'],
    [850, '$850'],
    [999, '$999'],
    [999.6, '$1k'],
    [1_000, '$1k'],
    [2_345, '$2.3k'],
    [9_960, '$10k'],
    [24_000, '$24k'],
    [24_499, '$24k'],
    [999_600, '$1M'],
    [1_200_000, '$1.2M'],
    [12_500_000, '$13M'],
    [3_400_000_000, '$3.4B'],
    [-24_000, '-$24k'],
    [-0.001, '$0'],
  ])('%d → %s', (value, text) => {
    expect(formatMoney(value)).toBe(text);
  });

  it('takes another currency symbol', () => {
    expect(formatMoney(1_500, '€')).toBe('€1.5k');
  });

  it('reads back within the rounding of its digits (two significant figures at worst)', () => {
    const suffixes: Record<string, number> = { '': 1, k: 1e3, M: 1e6, B: 1e9 };
    fc.assert(
      fc.property(fc.double({ min: 1, max: 9e11, noNaN: true }), (value) => {
        const match = /^\$(\d+(?:\.\d+)?)([kMB]?)$/.exec(formatMoney(value));
        expect(match).not.toBeNull();
        const readBack = Number(match![1]) * suffixes[match![2]];
        expect(Math.abs(readBack - value) / value).toBeLessThanOrEqual(0.05 + 1e-12);
      }),
    );
  });

  it('rejects what is not a number', () => {
    expect(() => formatMoney(Number.NaN)).toThrow(/finite number/);
    expect(() => compactNumber(Infinity)).toThrow(/finite number/);
  });
});

describe('changes, percents and shares', () => {
  it('always shows the sign of a change', () => {
    expect(formatMoneyChange(10_000)).toBe('+$10k');
    expect(formatMoneyChange(-24_000)).toBe('-$24k');
    expect(formatPercentChange(3.4)).toBe('+3.4%');
    expect(formatPercentChange(-12)).toBe('-12%');
    expect(formatPercentChange(0.01)).toBe('0%');
  });

  it('keeps one decimal at most', () => {
    expect(formatPercent(20)).toBe('20%');
    expect(formatPercent(100 / 3)).toBe('33.3%');
    expect(formatPercent(-0.04)).toBe('0%');
    expect(formatShare(0.4)).toBe('40%');
    expect(formatShare(6 / 11)).toBe('54.5%');
    expect(() => formatPercent(Number.NaN)).toThrow(/finite number/);
  });

  it('counts KPI without currency and weeks in words', () => {
    expect(formatNumber(1_234_567)).toBe('1.2M');
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatWeeks(1)).toBe('1 week');
    expect(formatWeeks(13)).toBe('13 weeks');
  });

  it('keeps interval ends from reading as 0% or losing their sign', () => {
    expect(formatPercentRange(0.03, 2.5)).toBe('+0.03% to +2.5%');
    expect(formatPercentRange(-0.004, 0.6)).toBe('-0.004% to +0.6%');
    expect(formatPercentChangePrecise(0)).toBe('0%');
    expect(formatPercentChangePrecise(-12.34)).toBe('-12.3%');
    expect(formatPercentChangePrecise(0.00001)).toBe('+<0.0001%');
    // The plain change keeps one decimal: the precise one is for interval ends.
    expect(formatPercentChange(0.03)).toBe('0%');
  });
});
