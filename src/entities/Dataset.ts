import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Channel } from './Channel';

/** A weekly marketing dataset: one KPI, spend per channel, controls. */
@Entity('datasets')
export class Dataset {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'kpi_name', type: 'text' })
  kpiName!: string;

  /** Control columns (holidays, promotions), in order. */
  @Column({ name: 'control_names', type: 'text', array: true, default: () => "'{}'" })
  controlNames!: string[];

  /** Set when weeks arrived after the production model was trained; cleared by training. */
  @Column({ name: 'stale_since', type: 'timestamptz', nullable: true })
  staleSince!: Date | null;

  /** Weeks ingested since the production model was trained: what the retraining job counts. */
  @Column({ name: 'new_weeks_since_training', type: 'integer', default: 0 })
  newWeeksSinceTraining!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany('Channel', (c: Channel) => c.dataset)
  channels?: Relation<Channel[]>;
}
