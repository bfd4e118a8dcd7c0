import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const JOB_KINDS = ['digest', 'retrain', 'dataQuality'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A recurring job: what to run, when (cron in a time zone), on which dataset, where to post. */
@Entity('job_schedules')
export class JobSchedule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: JobKind;

  @Column({ type: 'text' })
  cron!: string;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ name: 'slack_channel', type: 'text', nullable: true })
  slackChannel!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  options!: Record<string, unknown>;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
