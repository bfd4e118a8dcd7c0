import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Dataset } from './Dataset';

/**
 * A conversation with the assistant: a Slack thread or an API session. Its scenarios are
 * ordered, so a follow-up builds on the last one.
 */
@Entity('notebooks')
export class Notebook {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne('Dataset', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Relation<Dataset>;

  /** 'slack' | 'api' | 'cli' */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'slack_channel', type: 'text', nullable: true })
  slackChannel!: string | null;

  @Column({ name: 'slack_thread_ts', type: 'text', nullable: true })
  slackThreadTs!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
