import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job run records what it was asked to do, so that a run retried by another process (its
 * first process died) does the same thing: why it ran (a schedule's fire time, a catch-up
 * after downtime, or someone asking), with which options, and where it reports.
 */
export class JobRunRequest1763900100000 implements MigrationInterface {
  name = 'JobRunRequest1763900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE job_runs
        ADD COLUMN trigger text NOT NULL DEFAULT 'schedule' CHECK (trigger IN ('schedule','catchUp','manual')),
        ADD COLUMN options jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN slack_channel text`);
    // Stale-run detection scans running rows by heartbeat.
    await q.query(`CREATE INDEX job_runs_running_heartbeat ON job_runs (heartbeat_at) WHERE status = 'running'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS job_runs_running_heartbeat`);
    await q.query(`ALTER TABLE job_runs DROP COLUMN slack_channel, DROP COLUMN options, DROP COLUMN trigger`);
  }
}
