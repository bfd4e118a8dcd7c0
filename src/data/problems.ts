/**
 * How a rejected CSV is explained: every problem names the spreadsheet row (header = row 1)
 * and the column, in words a marketer understands. Problems about the file as a whole (a
 * column that never spends, too few weeks, a header that can't be mapped) point at row 1,
 * the header, because that is where the column is named.
 */
export interface CsvProblem {
  row: number;
  column: string | null;
  message: string;
}

/** Enough to fix a file in one go without burying the user; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 50;

/** The header row, where file-wide problems point. */
export const HEADER_ROW = 1;

/** The CSV file could not be opened at all (no such file, no permission): the user's to fix, like a rejected file. */
export class CsvUnreadable extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Can't open the CSV file ${file}: ${reason}`);
    this.name = 'CsvUnreadable';
  }
}

export class CsvRejected extends Error {
  /** The first {@link MAX_LISTED_PROBLEMS} problems, in the order they were found. */
  readonly problems: CsvProblem[];
  /** How many further problems were found but not listed. */
  readonly notListed: number;

  constructor(problems: CsvProblem[], notListed = 0) {
    super(rejectionSummary(problems, notListed));
    this.name = 'CsvRejected';
    this.problems = problems;
    this.notListed = notListed;
  }
}

function rejectionSummary(problems: CsvProblem[], notListed: number): string {
  const total = problems.length + notListed;
  const head = `The file was rejected: ${total} problem${total === 1 ? '' : 's'}`;
  const shown = problems.slice(0, 3).map(describeProblem);
  const more = total > shown.length ? ` (and ${total - shown.length} more)` : '';
  return `${head}. ${shown.join('; ')}${more}`;
}

export function describeProblem(p: CsvProblem): string {
  return `row ${p.row}${p.column === null ? '' : `, ${p.column}`}: ${p.message}`;
}

/** Collects problems while a file is read, keeping the first few and counting the rest. */
export class ProblemList {
  readonly listed: CsvProblem[] = [];
  notListed = 0;

  add(row: number, column: string | null, message: string): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push({ row, column, message });
    else this.notListed += 1;
  }

  get count(): number {
    return this.listed.length + this.notListed;
  }

  throwIfAny(): void {
    if (this.count > 0) throw new CsvRejected(this.listed, this.notListed);
  }
}
