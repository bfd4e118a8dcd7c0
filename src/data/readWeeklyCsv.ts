import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { formatAmount, readAmount } from './amounts';
import { DATE_EXAMPLES, type DateOrder, type DateReading, daysBetween, inOrder, orderShownBy, readDate } from './dates';
import { type ColumnMapping, type MappingInput, detectMapping } from './mapping';
import { type CsvProblem, CsvRejected, CsvUnreadable, HEADER_ROW, ProblemList } from './problems';
import type { WeeklyData } from './weeklyData';

/** One validated week as the database layer writes it. */
export interface WeeklyRow {
  /** The spreadsheet row it came from (header = row 1). */
  row: number;
  date: string;
  kpi: number;
  spend: Record<string, number>;
  /** Only for channels with an impressions column; null where the cell was empty. */
  impressions: Record<string, number | null>;
  controls: Record<string, number>;
}

export interface ReadOptions {
  /** Fewer data rows than this rejects the file. Lower it to append a few new weeks to a dataset. */
  minWeeks?: number;
  /** For slash dates when the file can't tell (no day above 12): which comes first. */
  dateOrder?: DateOrder;
}

export interface StreamReport {
  mapping: ColumnMapping;
  /** Data rows in the file (blank rows aside). */
  rowsRead: number;
  problems: CsvProblem[];
  /** Problems found beyond the listed ones. */
  problemsNotListed: number;
  firstDate: string | null;
  lastDate: string | null;
  warnings: string[];
}

export type CsvInput = string | NodeJS.ReadableStream;

/** Enough weeks to see a weekly pattern in; a short append can ask for fewer. */
export const MIN_WEEKS = 8;
export const DEFAULT_BATCH_SIZE = 500;
/** Rows held back while the file hasn't shown whether 03/04 is March 4th or April 3rd. */
const MAX_ROWS_AWAITING_DATE_ORDER = 1000;
/** A weekly export has a date, a KPI and a few columns per channel: ten years × fifty channels is about 110 columns. */
export const MAX_COLUMNS = 1_000;
export const MAX_COLUMN_NAME_LENGTH = 200;
/** No row of a weekly export comes near this; a longer one is refused while it is read, before it fills memory. */
export const MAX_RECORD_BYTES = 1_000_000;
const MAX_GAP_WARNINGS = 10;

/**
 * Reads a weekly CSV in bounded memory, handing validated rows to `onBatch` in date order
 * (with the column mapping, so the first batch can set up the dataset's channels).
 * Once any problem is found no further batches are handed over (the file will be rejected);
 * the caller writes batches inside one transaction and rolls back when `problems` isn't empty.
 * Throws CsvRejected only when the header can't be mapped, before any batch.
 */
export async function streamWeeklyCsv(
  input: CsvInput,
  explicit: Partial<MappingInput> | undefined,
  onBatch: (rows: WeeklyRow[], mapping: ColumnMapping) => Promise<void>,
  batchSize = DEFAULT_BATCH_SIZE,
  options: ReadOptions = {},
): Promise<StreamReport> {
  let reader: WeeklyCsvReader | null = null;
  let row = 0;
  const source = await openCsv(input);
  try {
    for await (const cells of source.records) {
      row += 1;
      if (reader === null) reader = new WeeklyCsvReader(detectMapping(headerOf(cells), explicit), cells, onBatch, batchSize, options);
      else await reader.readRow(row, cells);
    }
  } catch (err) {
    if (!isCsvSyntaxError(err)) throw err;
    if (reader === null) throw new CsvRejected([{ row: HEADER_ROW, column: null, message: csvSyntaxMessage(err) }]);
    reader.problems.add(row + 1, null, csvSyntaxMessage(err));
  } finally {
    await source.close();
  }
  if (reader === null) throw new CsvRejected([{ row: HEADER_ROW, column: null, message: 'The file is empty: it needs a header row and one row per week' }]);
  return reader.finish();
}

/** The whole file as WeeklyData; throws CsvRejected listing every problem. */
export async function readWeeklyCsv(
  input: CsvInput,
  explicit?: Partial<MappingInput>,
  options: ReadOptions = {},
): Promise<{ data: WeeklyData; mapping: ColumnMapping; rowsRead: number; warnings: string[] }> {
  const rows: WeeklyRow[] = [];
  const report = await streamWeeklyCsv(input, explicit, async (batch) => void rows.push(...batch), DEFAULT_BATCH_SIZE, options);
  if (report.problems.length > 0) throw new CsvRejected(report.problems, report.problemsNotListed);
  return { data: weeklyDataOf(rows, report.mapping), mapping: report.mapping, rowsRead: report.rowsRead, warnings: report.warnings };
}

export function weeklyDataOf(rows: WeeklyRow[], mapping: ColumnMapping): WeeklyData {
  const channels = mapping.channels.map((c) => c.key);
  return {
    dates: rows.map((r) => r.date),
    kpiName: mapping.kpi,
    kpi: rows.map((r) => r.kpi),
    channels,
    spend: Object.fromEntries(channels.map((key) => [key, rows.map((r) => r.spend[key])])),
    controls: [...mapping.controls],
    controlValues: Object.fromEntries(mapping.controls.map((name) => [name, rows.map((r) => r.controls[name])])),
  };
}

/** The file's records; `close` releases a file this reader opened (a caller's stream stays the caller's). */
async function openCsv(input: CsvInput): Promise<{ records: AsyncIterable<string[]>; close: () => Promise<void> }> {
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_RECORD_BYTES });
  if (typeof input !== 'string') return { records: input.pipe(parser), close: async () => undefined };
  const file = await open(input).catch((err: NodeJS.ErrnoException) => {
    throw new CsvUnreadable(input, err.code === 'ENOENT' ? 'there is no such file' : err.code === 'EACCES' ? 'permission denied' : err.message);
  });
  return { records: file.createReadStream({ autoClose: false }).pipe(parser), close: () => file.close() };
}

/** csv-parse's own errors (an unclosed quote...), as opposed to I/O or our own failures. */
function isCsvSyntaxError(err: unknown): err is Error {
  const code: unknown = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('CSV_');
}

function headerOf(cells: string[]): string[] {
  if (cells.every((cell) => cell.trim() === '')) {
    throw new CsvRejected([{ row: HEADER_ROW, column: null, message: 'The first row is empty: it must be the header naming the date, KPI and spend columns' }]);
  }
  if (cells.length > MAX_COLUMNS) {
    throw new CsvRejected([{ row: HEADER_ROW, column: null, message: `The header has ${cells.length.toLocaleString('en-US')} columns; a weekly export has at most ${MAX_COLUMNS.toLocaleString('en-US')} (date, KPI, spend per channel, controls)` }]);
  }
  const long = cells.findIndex((cell) => cell.length > MAX_COLUMN_NAME_LENGTH);
  if (long >= 0) {
    throw new CsvRejected([{ row: HEADER_ROW, column: null, message: `Column ${long + 1} of the header is named with ${cells[long].length.toLocaleString('en-US')} characters; names are at most ${MAX_COLUMN_NAME_LENGTH}` }]);
  }
  return cells;
}

function csvSyntaxMessage(err: Error & { code?: unknown }): string {
  if (err.code === 'CSV_MAX_RECORD_SIZE') return `This row is longer than ${MAX_RECORD_BYTES.toLocaleString('en-US')} characters: not a weekly export row (an unclosed quote can cause this too)`;
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'A quote (") opened in this row is never closed, so the rest of the file can\'t be read';
  return `The file can't be read as CSV from this row on: ${err.message}`;
}

/** A data row with its numbers read and its date waiting for the file's day/month order. */
interface ReadRow {
  row: number;
  date: DateReading;
  /** False once any cell of the row had a problem: such a row is never handed over. */
  valid: boolean;
  week: Omit<WeeklyRow, 'row' | 'date'>;
}

class WeeklyCsvReader {
  readonly problems = new ProblemList();
  private readonly columnIndex: Map<string, number>;
  private readonly headerWidth: number;
  private readonly minWeeks: number;
  private dateOrder: DateOrder | null;
  /** The row that settled the day/month order, quoted when a later date contradicts it. */
  private orderShownAt: string | null = null;
  private readonly awaitingOrder: ReadRow[] = [];
  private lastWeek: { date: string; row: number } | null = null;
  private firstDate: string | null = null;
  private rowsRead = 0;
  private batch: WeeklyRow[] = [];
  private readonly everSpent = new Set<string>();
  private readonly gaps: string[] = [];
  private gapCount = 0;
  private readonly notes: string[] = [];

  constructor(
    private readonly mapping: ColumnMapping,
    header: string[],
    private readonly onBatch: (rows: WeeklyRow[], mapping: ColumnMapping) => Promise<void>,
    private readonly batchSize: number,
    options: ReadOptions,
  ) {
    this.columnIndex = new Map(header.map((name, index) => [name.trim(), index]));
    this.headerWidth = header.length;
    this.minWeeks = options.minWeeks ?? MIN_WEEKS;
    this.dateOrder = options.dateOrder ?? null;
    if (mapping.unmapped.length > 0) {
      this.notes.push(`Ignored columns ${mapping.unmapped.join(', ')}: they are not a date, KPI, spend, impressions or control column by name; list them explicitly to use them.`);
    }
  }

  async readRow(row: number, cells: string[]): Promise<void> {
    if (cells.every((cell) => cell.trim() === '')) return;
    this.rowsRead += 1;
    if (!this.hasHeaderWidth(row, cells)) return;
    const read = this.readCells(row, cells);
    if (this.dateOrder === null && (this.awaitingOrder.length > 0 || read.date.kind === 'eitherOrder')) {
      await this.awaitDateOrder(read);
    } else {
      await this.placeInSequence(read);
    }
  }

  async finish(): Promise<StreamReport> {
    if (this.awaitingOrder.length > 0) await this.settleDateOrder('month-first', null);
    await this.handOver();
    if (this.rowsRead < this.minWeeks) {
      this.problems.add(HEADER_ROW, null, `The file has ${this.rowsRead} week${this.rowsRead === 1 ? '' : 's'} of data; at least ${this.minWeeks} are needed`);
    }
    for (const channel of this.mapping.channels) {
      if (this.rowsRead > 0 && !this.everSpent.has(channel.key)) {
        this.problems.add(HEADER_ROW, channel.spendColumn, `${channel.spendColumn} is zero in every week: a channel that never spends can't be measured; leave the column out`);
      }
    }
    const moreGaps = this.gapCount - this.gaps.length;
    return {
      mapping: this.mapping,
      rowsRead: this.rowsRead,
      problems: this.problems.listed,
      problemsNotListed: this.problems.notListed,
      firstDate: this.firstDate,
      lastDate: this.lastWeek?.date ?? null,
      warnings: [...this.notes, ...this.gaps, ...(moreGaps > 0 ? [`…and ${moreGaps} more gaps between weeks.`] : [])],
    };
  }

  /** A row wider or narrower than the header has shifted columns: none of its cells can be trusted. */
  private hasHeaderWidth(row: number, cells: string[]): boolean {
    if (cells.length === this.headerWidth) return true;
    const hint = cells.length > this.headerWidth ? ' (a number with a thousands comma must be in quotes)' : '';
    this.problems.add(row, null, `This row has ${cells.length} cells but the header has ${this.headerWidth}${hint}`);
    return false;
  }

  private readCells(row: number, cells: string[]): ReadRow {
    const read: ReadRow = { row, date: readDate(this.cell(cells, this.mapping.date)), valid: true, week: { kpi: 0, spend: {}, impressions: {}, controls: {} } };
    if (read.date.kind === 'missing') this.reject(read, this.mapping.date, 'The date is missing');
    if (read.date.kind === 'invalid') this.reject(read, this.mapping.date, `"${this.cell(cells, this.mapping.date)}" isn't a date we can read (write dates like ${DATE_EXAMPLES})`);

    read.week.kpi = this.number(read, cells, this.mapping.kpi, 'any') ?? 0;
    for (const channel of this.mapping.channels) {
      const spend = this.number(read, cells, channel.spendColumn, 'Spend');
      read.week.spend[channel.key] = spend ?? 0;
      if (spend !== null && spend > 0) this.everSpent.add(channel.key);
      if (channel.impressionsColumn !== undefined) {
        const text = this.cell(cells, channel.impressionsColumn);
        read.week.impressions[channel.key] = readAmount(text).kind === 'missing' ? null : this.number(read, cells, channel.impressionsColumn, 'Impressions');
      }
    }
    for (const control of this.mapping.controls) read.week.controls[control] = this.number(read, cells, control, 'any') ?? 0;
    return read;
  }

  /** The cell's number, or null after reporting why it can't be used. */
  private number(read: ReadRow, cells: string[], column: string, nonNegative: 'Spend' | 'Impressions' | 'any'): number | null {
    const text = this.cell(cells, column);
    const reading = readAmount(text);
    if (reading.kind === 'missing') return this.reject(read, column, `Missing value in ${column}`);
    if (reading.kind === 'invalid') return this.reject(read, column, `"${text.trim()}" in ${column} ${reading.why}`);
    if (nonNegative !== 'any' && reading.value < 0) {
      return this.reject(read, column, `${nonNegative} can't be negative: ${formatAmount(reading.value)} in ${column}`);
    }
    return reading.value;
  }

  private reject(read: ReadRow, column: string, message: string): null {
    this.problems.add(read.row, column, message);
    read.valid = false;
    return null;
  }

  private cell(cells: string[], column: string): string {
    return cells[this.columnIndex.get(column) as number] ?? '';
  }

  private async awaitDateOrder(read: ReadRow): Promise<void> {
    this.awaitingOrder.push(read);
    const shown = orderShownBy(read.date);
    if (shown !== null) await this.settleDateOrder(shown, read);
    else if (this.awaitingOrder.length >= MAX_ROWS_AWAITING_DATE_ORDER) await this.settleDateOrder('month-first', null);
  }

  /** Fixes the file's day/month order (`shownBy` null: nothing showed it, so the US default) and releases the rows held back. */
  private async settleDateOrder(order: DateOrder, shownBy: ReadRow | null): Promise<void> {
    this.dateOrder = order;
    if (shownBy !== null && shownBy.date.kind === 'eitherOrder') {
      this.orderShownAt = `row ${shownBy.row}: "${shownBy.date.text}"`;
    } else {
      this.notes.push(
        'Dates like 03/04/2024 could be month/day or day/month, and no date in the file has a day above 12: they were read as month/day (US). Say so if they are day/month.',
      );
    }
    const held = this.awaitingOrder.splice(0);
    for (const read of held) await this.placeInSequence(read);
  }

  /** Checks the row's week against the previous one and queues the row for hand-over. */
  private async placeInSequence(read: ReadRow): Promise<void> {
    const date = this.resolvedDate(read);
    if (date === null) return;
    const last = this.lastWeek;
    const days = last === null ? 7 : daysBetween(last.date, date);
    if (last !== null && days === 0) return void this.reject(read, this.mapping.date, `Week ${date} appears twice (also in row ${last.row})`);
    if (last !== null && days < 0) {
      return void this.reject(read, this.mapping.date, `${date} comes before ${last.date} (row ${last.row}): weeks must be in date order`);
    }
    if (last !== null && days % 7 !== 0) {
      return void this.reject(read, this.mapping.date, `${date} is ${days} days after ${last.date} (row ${last.row}): weeks must be 7 days apart`);
    }
    if (last !== null && days > 7) this.noteGap(last, date, read.row, days / 7 - 1);
    this.firstDate ??= date;
    this.lastWeek = { date, row: read.row };
    if (!read.valid || this.problems.count > 0) return;
    this.batch.push({ row: read.row, date, ...read.week });
    if (this.batch.length >= this.batchSize) await this.handOver();
  }

  private resolvedDate(read: ReadRow): string | null {
    let reading = read.date;
    if (reading.kind === 'eitherOrder') {
      const text = reading.text;
      reading = inOrder(reading, this.dateOrder ?? 'month-first');
      if (reading.kind !== 'date') {
        const order = this.dateOrder === 'day-first' ? 'day/month' : 'month/day';
        const why = this.orderShownAt === null ? `dates are read as ${order}` : `the file's dates are ${order}, as ${this.orderShownAt} shows`;
        this.reject(read, this.mapping.date, `"${text}" isn't a date we can read: ${why}`);
      }
    }
    return reading.kind === 'date' ? reading.iso : null;
  }

  private noteGap(last: { date: string; row: number }, date: string, row: number, missingWeeks: number): void {
    this.gapCount += 1;
    if (this.gaps.length < MAX_GAP_WARNINGS) {
      this.gaps.push(`${missingWeeks} week${missingWeeks === 1 ? '' : 's'} missing between ${last.date} (row ${last.row}) and ${date} (row ${row}).`);
    }
  }

  /** Hands the queued rows to the caller, unless the file already has problems and will be rejected. */
  private async handOver(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    if (rows.length > 0 && this.problems.count === 0) await this.onBatch(rows, this.mapping);
  }
}
