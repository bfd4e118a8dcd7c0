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
export const forbidden = (message: string) => new UserFacingError('FORBIDDEN', message);
