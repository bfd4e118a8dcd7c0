import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAmount } from '../../src/data/amounts';
import { readDate } from '../../src/data/dates';
import { readWeeklyCsv } from '../../src/data';

describe('readAmount', () => {
  it.each([
    ['1200', 1200],
    ['1,200', 1200],
    ['1,234,567.89', 1234567.89],
    ['$1,200.50', 1200.5],
    ['€ 3 400', 3400],
    ['3400 €', 3400],
    ['£12', 12],
    ['  42  ', 42],
    ['1\u00a0200', 1200],
    ['(1,200)', -1200],
    ['($75.25)', -75.25],
    ['-$1,200', -1200],
    ['$-1,200', -1200],
    ['\u2212300', -300],
    ['.5', 0.5],
    ['1.2e5', 120000],
    ['0', 0],
  ])('reads %j as %d', (cell, value) => {
    expect(readAmount(cell)).toEqual({ kind: 'number', value });
  });

  it.each(['', '   ', 'NA', 'n/a', '#N/A', 'null', 'NaN'])('reads %j as missing', (cell) => {
    expect(readAmount(cell)).toEqual({ kind: 'missing' });
  });

  it.each([
    ['12%', 'percentage'],
    ['abc', "isn't a number"],
    ['1,20', 'decimal comma'],
    ['1.200,50', 'decimal comma'],
    ['12,34,567', "isn't a number"],
    ['1,200 300', "isn't a number"],
    ['--5', "isn't a number"],
    ['-(5)', "isn't a number"],
    ['$', "isn't a number"],
    ['5 apples', "isn't a number"],
  ])('refuses %j (%s)', (cell, why) => {
    const reading = readAmount(cell);
    expect(reading.kind).toBe('invalid');
    expect(reading.kind === 'invalid' && reading.why).toContain(why);
  });

  it('reads back any amount however a spreadsheet formats it', () => {
    const cents = fc.integer({ min: -1e12, max: 1e12 });
    const style = fc.record({
      currency: fc.constantFrom('', '$', '€', '£'),
      currencyAfter: fc.boolean(),
      grouping: fc.constantFrom('', ',', ' '),
      parentheses: fc.boolean(),
    });
    fc.assert(
      fc.property(cents, style, (c, s) => {
        const value = c / 100;
        const digits = Math.abs(value)
          .toFixed(2)
          .replace(/\B(?=(\d{3})+(?!\d))/g, s.grouping);
        const withCurrency = s.currencyAfter ? `${digits} ${s.currency}` : `${s.currency}${digits}`;
        const text = value < 0 ? (s.parentheses ? `(${withCurrency})` : `-${withCurrency}`) : withCurrency;
        expect(readAmount(text)).toEqual({ kind: 'number', value: value === 0 ? 0 : value });
      }),
    );
  });
});

describe('readDate', () => {
  it.each([
    ['2024-01-08', '2024-01-08'],
    ['2024/1/8', '2024-01-08'],
    ['2024-01-08T00:00:00Z', '2024-01-08'],
    ['2024-01-08 00:00:00', '2024-01-08'],
    ['08.01.2024', '2024-01-08'],
    ['8.1.24', '2024-01-08'],
    ['29.02.2024', '2024-02-29'],
  ])('reads %j as %s whatever the file', (cell, iso) => {
    expect(readDate(cell)).toEqual({ kind: 'date', iso });
  });

  it.each(['2023-02-29', '2024-13-01', '32.01.2024', 'Jan 8 2024', '2024-1', '45292'])('refuses %j', (cell) => {
    expect(readDate(cell)).toEqual({ kind: 'invalid' });
  });

  it('leaves slash dates to the file to decide', () => {
    expect(readDate('1/8/24')).toMatchObject({ kind: 'eitherOrder', first: 1, second: 8, year: 2024 });
  });
});

/** A weekly file of 8 weeks from 2024-01-08 (a Monday), its dates written by `format`. */
function fileWithDates(format: (day: Date) => string, weeks = 8): NodeJS.ReadableStream {
  const lines = ['week,kpi,tv_spend'];
  for (let i = 0; i < weeks; i++) lines.push(`${format(new Date(Date.UTC(2024, 0, 8 + 7 * i)))},${1000 + i},${100 + i}`);
  return Readable.from([lines.join('\n') + '\n']);
}
const pad = (n: number) => String(n).padStart(2, '0');
const EXPECTED_WEEKS = ['2024-01-08', '2024-01-15', '2024-01-22', '2024-01-29', '2024-02-05', '2024-02-12', '2024-02-19', '2024-02-26'];

describe('date formats of a whole file', () => {
  it.each([
    ['ISO', (d: Date) => d.toISOString().slice(0, 10)],
    ['US 01/08/2024', (d: Date) => `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}`],
    ['US 1/8/24', (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear() % 100}`],
    ['EU 08.01.2024', (d: Date) => `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`],
    ['EU 08/01/2024', (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`],
  ])('reads %s dates', async (_name, format) => {
    const { data, warnings } = await readWeeklyCsv(fileWithDates(format));
    expect(data.dates).toEqual(EXPECTED_WEEKS);
    expect(warnings).toEqual([]);
  });

  it('reads a file whose slash dates never show the order as month/day, and says so', async () => {
    const file = Readable.from(['date,kpi,tv_spend\n01/03/2024,1,1\n01/10/2024,1,1\n']);
    const { data, warnings } = await readWeeklyCsv(file, {}, { minWeeks: 2 });
    expect(data.dates).toEqual(['2024-01-03', '2024-01-10']);
    expect(warnings).toEqual([expect.stringContaining('read as month/day (US)')]);
  });

  it('reads an undecidable file as day/month when told to', async () => {
    const file = Readable.from(['date,kpi,tv_spend\n01/03/2024,1,1\n08/03/2024,1,1\n']);
    const { data, warnings } = await readWeeklyCsv(file, {}, { minWeeks: 2, dateOrder: 'day-first' });
    expect(data.dates).toEqual(['2024-03-01', '2024-03-08']);
    expect(warnings).toEqual([]);
  });

  it('decides day/month from a later row and applies it to the rows before', async () => {
    // 12/01 and 05/02 are ambiguous alone; 19/02 settles the file as day-first.
    const file = Readable.from(['date,kpi,tv_spend\n05/02/2024,1,1\n12/02/2024,1,1\n19/02/2024,1,1\n']);
    const { data } = await readWeeklyCsv(file, {}, { minWeeks: 3 });
    expect(data.dates).toEqual(['2024-02-05', '2024-02-12', '2024-02-19']);
  });
});
