import { notFound } from '../src/services/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs; anything else cannot name a row, so it is NOT_FOUND like an unknown id,
 * said before PostgreSQL would refuse the text as a uuid (an internal error).
 */
export function knownId(id: string, what: string): string {
  if (!UUID.test(id)) throw notFound(`No ${what} ${JSON.stringify(id)}`);
  return id;
}
