import { notFound } from '../src/services/errors';
import { isUuid } from '../src/services/ids';

/**
 * Ids are UUIDs; anything else cannot name a row, so it is NOT_FOUND like an unknown id,
 * said before PostgreSQL would refuse the text as a uuid (an internal error).
 */
export function knownId(id: string, what: string): string {
  if (!isUuid(id)) throw notFound(`No ${what} ${JSON.stringify(id)}`);
  return id;
}
