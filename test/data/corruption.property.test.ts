import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvRejected, type WeeklyRow, readWeeklyCsv, streamWeeklyCsv } from '../../src/data';
import { addDays } from '../../src/data/dates';

/**
 * Property: a valid file reads back exactly, and breaking any one of its rows gets the file
 * rejected with that row named, while that row is never handed to the database layer.
 */
interface WeeklyFile {
  header: string[];
  dates: string[];
  /** Cells per data row, in header order, as written to the file. */
  cells: string[][];
  values: { kpi: number[]; spend: Record<string, number[]>; promo: number[] };
  dateStyle: DateStyle;
  channels: string[];
}

type DateStyle = 'iso' | 'us' | 'euDots';

function writeDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-');
  if (style === 'iso') return iso;
  return style === 'us' ? `${m}/${d}/${y}` : `${d}.${m}.${y}`;
}

/** An amount written the way some spreadsheet might: currency sign, thousands commas, quotes. */
const writtenAmount = (value: number) =>
  fc.record({ currency: fc.constantFrom('', '$', '€'), grouped: fc.boolean() }).map(({ currency, grouped }) => {
    const digits = grouped ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(value);
    const text = `${currency}${digits}`;
    return text.includes(',') ? `"${text}"` : text;
  });

const amount = fc.integer({ min: 0, max: 5_000_000_00 }).map((cents) => cents / 100);
const positiveAmount = fc.integer({ min: 1, max: 5_000_000_00 }).map((cents) => cents / 100);

const weeklyFile: fc.Arbitrary<WeeklyFile> = fc
  .record({
    weeks: fc.integer({ min: 8, max: 20 }),
    channels: fc.subarray(['tv', 'search', 'social', 'radio'], { minLength: 1 }),
    start: fc.integer({ min: 0, max: 3650 }).map((d) => addDays('2015-01-05', d)),
    dateStyle: fc.constantFrom<DateStyle>('iso', 'us', 'euDots'),
  })
  .chain(({ weeks, channels, start, dateStyle }) => {
    const row = fc.record({
      kpi: positiveAmount,
      spend: fc.tuple(...channels.map(() => amount)),
      promo: fc.constantFrom(0, 1),
    });
    return fc.array(row, { minLength: weeks, maxLength: weeks }).chain((rows) => {
      // Every channel spends in the first week, so no channel "never spends" by accident.
      rows[0].spend = rows[0].spend.map((s) => (s === 0 ? 1 : s));
      const dates = rows.map((_, i) => addDays(start, 7 * i));
      const written = rows.map((r, i) =>
        fc.tuple(writtenAmount(r.kpi), ...r.spend.map(writtenAmount)).map((amounts) => [writeDate(dates[i], dateStyle), ...amounts, String(r.promo)]),
      );
      return fc.tuple(...written).map(
        (cells): WeeklyFile => ({
          header: ['week', 'revenue', ...channels.map((c) => `${c}_spend`), 'promo'],
          dates,
          cells,
          values: {
            kpi: rows.map((r) => r.kpi),
            spend: Object.fromEntries(channels.map((c, j) => [c, rows.map((r) => r.spend[j])])),
            promo: rows.map((r) => r.promo),
          },
          dateStyle,
          channels,
        }),
      );
    });
  });

function csvText(file: WeeklyFile): Readable {
  return Readable.from([[file.header.join(','), ...file.cells.map((c) => c.join(','))].join('\n') + '\n']);
}

type Corruption =
  | { kind: 'notANumber'; column: number; text: string }
  | { kind: 'empty'; column: number }
  | { kind: 'negativeSpend'; channel: number }
  | { kind: 'unreadableDate'; text: string }
  | { kind: 'duplicateWeek' }
  | { kind: 'earlierWeek'; weeksBack: number }
  | { kind: 'offTheWeek'; days: number }
  | { kind: 'missingCell' };

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('notANumber' as const), column: fc.nat(), text: fc.constantFrom('oops', '12%', '1,2', '--', '5 apples') }),
  fc.record({ kind: fc.constant('empty' as const), column: fc.nat() }),
  fc.record({ kind: fc.constant('negativeSpend' as const), channel: fc.nat() }),
  fc.record({ kind: fc.constant('unreadableDate' as const), text: fc.constantFrom('soon', '2024-13-01', '31.02.2024', '') }),
  fc.constant({ kind: 'duplicateWeek' as const }),
  fc.record({ kind: fc.constant('earlierWeek' as const), weeksBack: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('offTheWeek' as const), days: fc.integer({ min: 1, max: 6 }) }),
  fc.constant({ kind: 'missingCell' as const }),
);

/** The file with data row `index` broken; the comparisons with the previous week need one before it. */
function corrupt(file: WeeklyFile, index: number, c: Corruption): WeeklyFile {
  const cells = file.cells.map((row) => [...row]);
  const row = cells[index];
  const numericColumns = file.header.length - 1;
  const previous = file.dates[index - 1];
  switch (c.kind) {
    case 'notANumber':
      row[1 + (c.column % numericColumns)] = c.text;
      break;
    case 'empty':
      row[1 + (c.column % numericColumns)] = '';
      break;
    case 'negativeSpend':
      row[2 + (c.channel % file.channels.length)] = `-${file.values.spend[file.channels[c.channel % file.channels.length]][index] + 1}`;
      break;
    case 'unreadableDate':
      row[0] = c.text;
      break;
    case 'duplicateWeek':
      row[0] = writeDate(previous, file.dateStyle);
      break;
    case 'earlierWeek':
      row[0] = writeDate(addDays(previous, -7 * c.weeksBack), file.dateStyle);
      break;
    case 'offTheWeek':
      row[0] = writeDate(addDays(file.dates[index], c.days), file.dateStyle);
      break;
    case 'missingCell':
      row.pop();
      break;
  }
  return { ...file, cells };
}

describe('weekly CSV properties', () => {
  it('reads any valid file back exactly, whatever its number and date styles', async () => {
    await fc.assert(
      fc.asyncProperty(weeklyFile, async (file) => {
        const { data, rowsRead } = await readWeeklyCsv(csvText(file));
        expect(rowsRead).toBe(file.dates.length);
        expect(data.dates).toEqual(file.dates);
        expect(data.kpi).toEqual(file.values.kpi);
        expect(data.spend).toEqual(file.values.spend);
        expect(data.controlValues).toEqual({ promo: file.values.promo });
      }),
      { numRuns: 60 },
    );
  });

  it('rejects any single corrupted row, names that row, and never hands it over', async () => {
    const cases = weeklyFile.chain((file) => fc.tuple(fc.constant(file), fc.integer({ min: 1, max: file.dates.length - 1 }), corruption));
    await fc.assert(
      fc.asyncProperty(cases, async ([file, index, c]) => {
        const broken = corrupt(file, index, c);
        const sheetRow = index + 2;
        const handedOver: WeeklyRow[] = [];
        const report = await streamWeeklyCsv(csvText(broken), undefined, async (rows) => void handedOver.push(...rows), 4);
        expect(report.problems.map((p) => p.row)).toContain(sheetRow);
        expect(handedOver.map((r) => r.row)).not.toContain(sheetRow);
        await expect(readWeeklyCsv(csvText(broken))).rejects.toBeInstanceOf(CsvRejected);
      }),
      { numRuns: 200 },
    );
  });
});
