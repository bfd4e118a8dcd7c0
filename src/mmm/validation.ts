import type { WeeklyData } from '../data/weeklyData';

export interface InputProblem {
  /** The line a spreadsheet shows for the week (header = row 1, first week = row 2). */
  row?: number;
  column?: string;
  message: string;
}

/** Data that cannot be modeled, with every problem found (not just the first). */
export class ModelInputError extends Error {
  constructor(public readonly problems: InputProblem[]) {
    super(`cannot fit a model on this data: ${problems.slice(0, 5).map(describe).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
    this.name = 'ModelInputError';
  }
}

function describe(p: InputProblem): string {
  const where = [p.column !== undefined ? `column "${p.column}"` : '', p.row !== undefined ? `row ${p.row}` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Yearly seasonality and the rolling-origin cross-validation both need at least a year of training weeks. */
export const MIN_TRAINING_WEEKS = 52;

const rowOf = (week: number) => week + 2;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks everything the fit relies on; throws a ModelInputError listing every problem. */
export function validateWeeklyData(data: WeeklyData, holdoutWeeks: number): void {
  const problems: InputProblem[] = [];
  const n = data.dates.length;
  if (!Number.isInteger(holdoutWeeks) || holdoutWeeks < 0) {
    problems.push({ message: `holdout must be a whole number of weeks >= 0, got ${holdoutWeeks}` });
  } else if (n - holdoutWeeks < MIN_TRAINING_WEEKS) {
    problems.push({
      message: `too few weeks: ${n} weeks with a ${holdoutWeeks}-week holdout leaves ${n - holdoutWeeks} for training; at least ${MIN_TRAINING_WEEKS} are needed`,
    });
  }
  if (data.channels.length === 0) problems.push({ message: 'no media channels given' });

  let previous = -Infinity;
  const seen = new Map<string, number>();
  data.dates.forEach((date, week) => {
    const time = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
    if (!Number.isFinite(time)) {
      problems.push({ row: rowOf(week), column: 'date', message: `"${date}" is not a yyyy-mm-dd date` });
      return;
    }
    const first = seen.get(date);
    if (first !== undefined) problems.push({ row: rowOf(week), column: 'date', message: `${date} repeats row ${rowOf(first)}` });
    else if (time < previous) problems.push({ row: rowOf(week), column: 'date', message: `${date} comes before the previous week; dates must ascend` });
    seen.set(date, week);
    previous = Math.max(previous, time);
  });

  checkSeries(data.kpi, data.kpiName, n, problems, false);
  for (const channel of data.channels) {
    const spend = data.spend[channel];
    if (!checkSeries(spend, channel, n, problems, true)) continue;
    const trainingSpend = spend.slice(0, Math.max(0, n - holdoutWeeks));
    if (trainingSpend.every((x) => x === 0)) {
      problems.push({ column: channel, message: 'this channel never spends in the training weeks, so its effect cannot be estimated' });
    }
  }
  for (const control of data.controls) checkSeries(data.controlValues[control], control, n, problems, false);

  if (problems.length > 0) throw new ModelInputError(problems);
}

function checkSeries(values: number[] | undefined, column: string, n: number, problems: InputProblem[], isSpend: boolean): boolean {
  if (!Array.isArray(values)) {
    problems.push({ column, message: 'column is missing' });
    return false;
  }
  if (values.length !== n) {
    problems.push({ column, message: `has ${values.length} values for ${n} weeks` });
    return false;
  }
  let ok = true;
  values.forEach((x, week) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      problems.push({ row: rowOf(week), column, message: `value ${JSON.stringify(x)} is not a finite number` });
      ok = false;
    } else if (isSpend && x < 0) {
      problems.push({ row: rowOf(week), column, message: `spend ${x} is negative` });
      ok = false;
    }
  });
  return ok;
}
