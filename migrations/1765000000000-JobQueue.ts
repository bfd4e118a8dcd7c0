import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job runs go through a queue on the database (graphile-worker, src/jobs/queue.ts): a run is
 * `queued` until a worker of some instance takes it, and says which worker that is and how far
 * its fit has got. The queue's own schema (graphile_worker) is installed by src/db/database.ts
 * `migrate` before this runs, so that the runs an older scheduler left unfinished are put on
 * the queue here: they finish on whichever instance has room, as a new attempt.
 */
export class JobQueue1765000000000 implements MigrationInterface {
  name = 'JobQueue1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_runs DROP CONSTRAINT IF EXISTS job_runs_status_check`);
    await q.query(`ALTER TABLE job_runs ADD CONSTRAINT job_runs_status_check CHECK (status IN ('queued','running','succeeded','failed','skipped'))`);
    await q.query(`
      ALTER TABLE job_runs
        ADD COLUMN queued_at timestamptz,
        ADD COLUMN worker_id text,
        ADD COLUMN max_attempts integer NOT NULL DEFAULT 2,
        ADD COLUMN progress jsonb`);
    await q.query(`UPDATE job_runs SET queued_at = coalesce(started_at, fire_time)`);
    await q.query(`ALTER TABLE job_runs ALTER COLUMN queued_at SET DEFAULT now(), ALTER COLUMN queued_at SET NOT NULL`);
    // Unfinished runs of the hand-written scheduler (their process may be gone): on the queue for one more attempt.
    await q.query(`
      UPDATE job_runs SET status = 'queued', max_attempts = attempt + 1,
        error = 'attempt ' || attempt || ' by ' || coalesce(claimed_by, '?') || ' was running when the job queue was installed; queued again'
      WHERE status = 'running'`);
    await q.query(`
      SELECT graphile_worker.add_job('mixwise_run', json_build_object('runId', id), max_attempts => 1, job_key => 'mixwise_run:' || id, job_key_mode => 'unsafe_dedupe')
      FROM job_runs WHERE status = 'queued' ORDER BY queued_at`);
    await q.query(`CREATE INDEX job_runs_queued ON job_runs (queued_at) WHERE status = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS job_runs_queued`);
    await q.query(`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'mixwise_run:%'`);
    await q.query(`UPDATE job_runs SET status = 'running', heartbeat_at = now() - interval '1 day' WHERE status = 'queued'`);
    await q.query(`ALTER TABLE job_runs DROP COLUMN progress, DROP COLUMN max_attempts, DROP COLUMN worker_id, DROP COLUMN queued_at`);
    await q.query(`ALTER TABLE job_runs DROP CONSTRAINT IF EXISTS job_runs_status_check`);
    await q.query(`ALTER TABLE job_runs ADD CONSTRAINT job_runs_status_check CHECK (status IN ('running','succeeded','failed','skipped'))`);
  }
}
