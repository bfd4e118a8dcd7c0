/**
 * Whether an error means the database cannot be reached right now (refused, reset, shutting
 * down, not accepting connections, a connection that timed out), as opposed to a statement
 * that failed. Front doors answer these with "try again" (HTTP 503, Slack's redelivery)
 * instead of an internal error.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'ENOENT', 'EHOSTUNREACH', 'ECONNABORTED', 'EAI_AGAIN']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections; class 08 is connection_exception.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = /Connection terminated|Driver not Connected|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|Connection is not established|Cannot use a pool after calling end|terminating connection due to administrator command/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || SERVER_CODES.has(e.code) || /^08/.test(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** The message a caller gets when the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unreachable right now; nothing was changed. Try again in a moment.';
