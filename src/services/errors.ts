import { CsvRejected, CsvUnreadable } from '../data/problems';
import { isDatabaseUnavailable } from '../db/unavailable';
import { DeadlineExceeded } from '../deadline';
import { ModelDocumentError } from '../mmm/serialization';
import { ModelInputError } from '../mmm/validation';
import { InfeasibleConstraintsError, ScenarioError } from '../scenarios/errors';

/**
 * Errors every front door understands. Services throw these; GraphQL maps `code` to
 * `extensions.code`, Slack words them for a marketer, the CLI prints them as JSON.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT';

export interface Problem {
  /** Where the problem is: a field path (`input.budget`), or a CSV row and column. */
  path?: string;
  row?: number;
  column?: string | null;
  message: string;
}

export class UserFacingError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const badInput = (message: string, problems: Problem[] = []) => new UserFacingError('BAD_USER_INPUT', message, problems);
export const notFound = (message: string) => new UserFacingError('NOT_FOUND', message);

/** Every problem of one input, collected so that all are reported at once, each at its path. */
export class InputProblems {
  readonly list: Problem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Adds what a rule found wrong (src/scenarios/specRules.ts), if anything. */
  check(path: string, problem: string | null): void {
    if (problem !== null) this.add(path, problem);
  }

  /** "Invalid optimization: input.weeks: …; …" with the first five, all of them in `problems`. */
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    const more = this.list.length > 5 ? ` (and ${this.list.length - 5} more)` : '';
    throw badInput(`Invalid ${what}: ${shown.join('; ')}${more}`, this.list);
  }
}

/**
 * What went wrong, as every door needs to know it; each door formats it its own way (GraphQL
 * extensions, a Slack message, the CLI's JSON and exit code).
 * - `userInput`: the user's to fix, in the shape every door shows (`error`). `cause` says where
 *   it came from, for doors that point at the input (GraphQL's problem paths); `conflicts` are
 *   the constraints that clash, `problemsNotListed` the CSV problems only counted.
 * - `timeBudget`: the request ran out of its time budget.
 * - `databaseUnavailable`: the database cannot be reached (try again).
 * - `internal`: ours; the door hides the details.
 */
export type ErrorVerdict =
  | { kind: 'userInput'; error: UserFacingError; cause: 'scenario' | 'constraints' | 'csv' | 'service'; conflicts?: string[]; problemsNotListed?: number }
  | { kind: 'timeBudget'; budgetMs: number; message: string }
  | { kind: 'databaseUnavailable' }
  | { kind: 'internal' };

/**
 * The one place that says which of the domain's errors are the user's to fix. The engine's
 * modules throw their specific errors (they know nothing of GraphQL or Slack); anything not
 * named here is an internal error.
 */
export function classifyError(err: unknown): ErrorVerdict {
  if (err instanceof UserFacingError) return { kind: 'userInput', error: err, cause: 'service' };
  if (err instanceof CsvRejected) {
    const problems: Problem[] = err.problems.map((p) => ({ row: p.row, column: p.column, message: p.message }));
    return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message, problems), cause: 'csv', problemsNotListed: err.notListed };
  }
  if (err instanceof CsvUnreadable) return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message, [{ path: 'csv', message: err.reason }]), cause: 'service' };
  if (err instanceof ModelInputError) {
    const problems = err.problems.map((p) => ({ row: p.row, column: p.column, message: p.message }));
    return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message, problems), cause: 'service' };
  }
  if (err instanceof InfeasibleConstraintsError) return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message), cause: 'constraints', conflicts: err.conflicts };
  if (err instanceof ScenarioError) return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message), cause: 'scenario' };
  if (err instanceof ModelDocumentError) return { kind: 'userInput', error: new UserFacingError('BAD_USER_INPUT', err.message), cause: 'service' };
  if (err instanceof DeadlineExceeded) return { kind: 'timeBudget', budgetMs: err.budgetMs, message: err.message };
  if (isDatabaseUnavailable(err)) return { kind: 'databaseUnavailable' };
  return { kind: 'internal' };
}
