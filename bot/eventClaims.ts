import type { DataSource } from 'typeorm';

/**
 * Takes on a Slack event or message once across every process on this database: the first
 * to insert its key answers; a retry (X-Slack-Retry-Num), a duplicate delivery or another
 * server instance finds the key taken and stays quiet.
 */
export async function claimSlackEvent(ds: Pick<DataSource, 'query'>, key: string, kind: string): Promise<boolean> {
  const rows: unknown[] = await ds.query('INSERT INTO slack_events (event_key, kind) VALUES ($1, $2) ON CONFLICT (event_key) DO NOTHING RETURNING event_key', [key, kind]);
  return rows.length === 1;
}

/**
 * One message can reach us as several events (an @mention in a DM is both `app_mention` and
 * `message.im`, each with its own event_id): its channel and ts identify it whatever the event.
 */
export function messageKey(channel: string, ts: string): string {
  return `message:${channel}:${ts}`;
}

export function eventKey(eventId: string): string {
  return `event:${eventId}`;
}
