import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable Slack answers. A question is stored here in the same transaction that claims its
 * event, so an acknowledged question is never only in memory: whichever process holds its
 * lease answers it, retrying across Slack errors, rate limits, timeouts and restarts, until
 * its answer is posted or it is given up with an apology in the thread.
 */
export class SlackOutbox1764800000000 implements MigrationInterface {
  name = 'SlackOutbox1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE slack_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_key text NOT NULL UNIQUE,
        work jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','posted','given_up')),
        progress jsonb NOT NULL DEFAULT '{}',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        leased_by text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // The dispatcher scans pending items by when they are next due.
    await q.query(`CREATE INDEX slack_outbox_due ON slack_outbox (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS slack_outbox`);
  }
}
