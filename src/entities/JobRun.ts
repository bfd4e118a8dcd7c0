import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `queued`: waiting on the job queue (first time, or for a retry); `running`: a worker has it. */
export const JOB_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'skipped'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];
export const JOB_RUN_TRIGGERS = ['schedule', 'catchUp', 'manual'] as const;
export type JobRunTrigger = (typeof JOB_RUN_TRIGGERS)[number];

/**
 * One execution of a job. A scheduled run is claimed by inserting this row (with its entry on
 * the job queue, in one transaction): the unique key (schedule, fire time) makes sure each
 * fire time is queued, and so run, once.
 */
@Entity('job_runs')
export class JobRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  scheduleId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ name: 'fire_time', type: 'timestamptz' })
  fireTime!: Date;

  @Column({ type: 'text' })
  status!: JobRunStatus;

  /** The instance (host:pid:random) running it, or that ran its last attempt. */
  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

  /** The queue worker of that instance (graphile-worker's worker id). */
  @Column({ name: 'worker_id', type: 'text', nullable: true })
  workerId!: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt!: Date;

  /** Attempts it gets in all: its first and the retries after a failure or a dead process. */
  @Column({ name: 'max_attempts', type: 'integer', default: 2 })
  maxAttempts!: number;

  /** How far its work has got (a fit's stage), written by the worker for whoever watches from elsewhere. */
  @Column({ type: 'jsonb', nullable: true })
  progress!: { stage: string; done: number; total: number } | null;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  output!: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 1 })
  attempt!: number;

  /** Why it ran: a schedule's fire time, a missed fire caught up after downtime, or on request. */
  @Column({ type: 'text', default: 'schedule' })
  trigger!: JobRunTrigger;

  /** The job's options as they were when the run was claimed (a retry reuses them). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  options!: Record<string, unknown>;

  /** Where the run reports (results, alerts, failures); null = nowhere, logs only. */
  @Column({ name: 'slack_channel', type: 'text', nullable: true })
  slackChannel!: string | null;

  /** The request that started it (a Slack question's outbox item), unique: asked again, the same run is found, not a second one started. */
  @Column({ name: 'request_key', type: 'text', nullable: true })
  requestKey!: string | null;
}
