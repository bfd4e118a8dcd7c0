import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A weekly insight digest; one per dataset, Slack channel and ISO week. */
@Entity('digests')
@Unique('digests_dataset_channel_week_unique', ['datasetId', 'slackChannel', 'isoWeek'])
export class Digest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ name: 'slack_channel', type: 'text' })
  slackChannel!: string;

  /** e.g. 2026-W47 */
  @Column({ name: 'iso_week', type: 'text' })
  isoWeek!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ name: 'job_run_id', type: 'uuid', nullable: true })
  jobRunId!: string | null;

  @Column({ name: 'slack_ts', type: 'text', nullable: true })
  slackTs!: string | null;

  @Column({ name: 'posted_at', type: 'timestamptz', nullable: true })
  postedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
