import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain (datasets, channels, model versions, scenarios, notebooks, jobs, digests,
 * API keys). Written by hand so that every key that keeps the data
 * whole is visible in one place: one observation per dataset and week, one production model
 * per dataset, one job run per schedule and fire time, one digest per dataset, Slack channel
 * and ISO week, one notebook per Slack thread.
 */
export class InitialDomain1763900000000 implements MigrationInterface {
  name = 'InitialDomain1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE datasets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT datasets_name_unique UNIQUE,
        kpi_name text NOT NULL,
        control_names text[] NOT NULL DEFAULT '{}',
        stale_since timestamptz,
        new_weeks_since_training integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z0-9_]+$'),
        display_name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        channel_group text,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT channels_dataset_key_unique UNIQUE (dataset_id, key)
      )`);
    await q.query(`
      CREATE TABLE observations (
        id bigserial PRIMARY KEY,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        week date NOT NULL,
        kpi double precision NOT NULL,
        spend jsonb NOT NULL,
        controls jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT observations_dataset_week_unique UNIQUE (dataset_id, week)
      )`);
    await q.query(`
      CREATE TABLE model_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('training','candidate','production','archived','failed')),
        document jsonb,
        hyperparameters jsonb,
        metrics jsonb,
        holdout_weeks integer NOT NULL DEFAULT 0,
        seed integer NOT NULL DEFAULT 1,
        weeks_used integer,
        trained_through date,
        fit_ms integer,
        error text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        trained_at timestamptz,
        promoted_at timestamptz,
        CONSTRAINT model_versions_production_has_document CHECK (status <> 'production' OR document IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX model_versions_one_production ON model_versions (dataset_id) WHERE status = 'production'`);
    await q.query(`CREATE INDEX model_versions_dataset_created ON model_versions (dataset_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE notebooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('slack','api','cli')),
        slack_channel text,
        slack_thread_ts text,
        title text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notebooks_slack_thread_unique UNIQUE (slack_channel, slack_thread_ts)
      )`);
    await q.query(`
      CREATE TABLE scenarios (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        model_version_id uuid NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
        notebook_id uuid REFERENCES notebooks(id) ON DELETE CASCADE,
        position integer,
        question text,
        intent text NOT NULL,
        spec jsonb NOT NULL,
        result jsonb NOT NULL,
        saved boolean NOT NULL DEFAULT false,
        asked_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scenarios_notebook_position_unique UNIQUE (notebook_id, position)
      )`);
    await q.query(`CREATE INDEX scenarios_created ON scenarios (created_at DESC)`);
    await q.query(`
      CREATE TABLE job_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('digest','retrain','dataQuality')),
        cron text NOT NULL,
        timezone text NOT NULL DEFAULT 'UTC',
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        slack_channel text,
        options jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE job_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid REFERENCES job_schedules(id) ON DELETE CASCADE,
        kind text NOT NULL,
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        fire_time timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('running','succeeded','failed','skipped')),
        claimed_by text,
        heartbeat_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        error text,
        output jsonb,
        attempt integer NOT NULL DEFAULT 1,
        CONSTRAINT job_runs_schedule_fire_time_unique UNIQUE (schedule_id, fire_time)
      )`);
    await q.query(`CREATE INDEX job_runs_schedule_fire ON job_runs (schedule_id, fire_time DESC)`);
    await q.query(`
      CREATE TABLE digests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset_id uuid NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        slack_channel text NOT NULL,
        iso_week text NOT NULL CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
        content jsonb NOT NULL,
        job_run_id uuid REFERENCES job_runs(id) ON DELETE SET NULL,
        slack_ts text,
        posted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT digests_dataset_channel_week_unique UNIQUE (dataset_id, slack_channel, iso_week)
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text,
        role text NOT NULL CHECK (role IN ('viewer','analyst','admin')),
        key_hash text NOT NULL CONSTRAINT api_keys_hash_unique UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE slack_events (
        event_key text PRIMARY KEY,
        kind text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['slack_events', 'api_keys', 'digests', 'job_runs', 'job_schedules', 'scenarios', 'notebooks', 'model_versions', 'observations', 'channels', 'datasets']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
