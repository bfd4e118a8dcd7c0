import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job started on someone's request carries the request's key (a Slack question: its outbox
 * item), unique, so that asking again after a failure or a restart finds the run the first
 * attempt started instead of starting a second one.
 */
export class JobRunRequestKey1764900000000 implements MigrationInterface {
  name = 'JobRunRequestKey1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_runs ADD COLUMN request_key text`);
    await q.query(`CREATE UNIQUE INDEX job_runs_request_key_unique ON job_runs (request_key) WHERE request_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS job_runs_request_key_unique`);
    await q.query(`ALTER TABLE job_runs DROP COLUMN request_key`);
  }
}
