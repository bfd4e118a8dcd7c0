import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * Requests per API key and minute (`MIXWISE_GRAPHQL_RATE_LIMIT`), counted in this process by
 * rate-limiter-flexible: one key cannot take the server for itself. Past the limit a request
 * is refused before it runs, with a 429, the code RATE_LIMITED and Retry-After in seconds.
 * With several instances each counts its own requests (a key gets the limit once per instance).
 */
export function apiKeyRateLimit(requestsPerMinute: number | null): (keyId: string) => Promise<void> {
  if (requestsPerMinute === null) return async () => undefined;
  const limiter = new RateLimiterMemory({ points: requestsPerMinute, duration: 60 });
  return async (keyId) => {
    try {
      await limiter.consume(keyId);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      throw new GraphQLError(`Too many requests with this API key: at most ${requestsPerMinute} a minute. Try again in ${seconds} s.`, {
        extensions: { code: RATE_LIMITED, limitPerMinute: requestsPerMinute, retryAfterSeconds: seconds, http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
      });
    }
  };
}
