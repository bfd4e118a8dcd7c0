import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const JOB_RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];
export const JOB_RUN_TRIGGERS = ['schedule', 'catchUp', 'manual'] as const;
export type JobRunTrigger = (typeof JOB_RUN_TRIGGERS)[number];

/**
 * One execution of a job. A scheduled run is claimed by inserting this row: the unique key
 * (schedule, fire time) makes sure only one process runs each fire time.
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

  @Column({ name: 'claimed_by', type: 'text', nullable: true })
  claimedBy!: string | null;

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
