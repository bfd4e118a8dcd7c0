import { CsvRejected, CsvUnreadable } from '../data/problems';
import { ModelDocumentError } from '../mmm/serialization';
import { ModelInputError } from '../mmm/validation';
import { ScenarioError } from '../scenarios/errors';

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
 * The domain's own errors, in the shape every front door shows. The engine's modules throw
 * their specific errors (they know nothing of GraphQL or Slack); this is the one place that
 * says which of them are the user's to fix. Anything else is an internal error.
 */
export function toUserFacing(err: unknown): UserFacingError | null {
  if (err instanceof UserFacingError) return err;
  if (err instanceof CsvRejected) {
    const problems: Problem[] = err.problems.map((p) => ({ row: p.row, column: p.column, message: p.message }));
    return new UserFacingError('BAD_USER_INPUT', err.message, problems);
  }
  if (err instanceof CsvUnreadable) return new UserFacingError('BAD_USER_INPUT', err.message, [{ path: 'csv', message: err.reason }]);
  if (err instanceof ModelInputError) {
    return new UserFacingError('BAD_USER_INPUT', err.message, err.problems.map((p) => ({ row: p.row, column: p.column, message: p.message })));
  }
  if (err instanceof ScenarioError || err instanceof ModelDocumentError) return new UserFacingError('BAD_USER_INPUT', err.message);
  return null;
}
