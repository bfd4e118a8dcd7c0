import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Dataset } from './Dataset';

export const MODEL_STATUSES = ['training', 'candidate', 'production', 'archived', 'failed'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/**
 * A fitted model of a dataset. At most one is `production` per dataset (a partial unique
 * index enforces it), so a half-written model can never be what answers questions.
 */
@Entity('model_versions')
export class ModelVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne('Dataset', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Relation<Dataset>;

  @Column({ type: 'text' })
  status!: ModelStatus;

  /** The serialized model document (src/mmm), null while training or when failed. */
  @Column({ type: 'jsonb', nullable: true })
  document!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  hyperparameters!: object | null;

  /** r2, mape, nrmse, holdoutMape, holdoutR2 (fractions). */
  @Column({ type: 'jsonb', nullable: true })
  metrics!: Record<string, number | null> | null;

  @Column({ name: 'holdout_weeks', type: 'integer', default: 0 })
  holdoutWeeks!: number;

  @Column({ type: 'integer', default: 1 })
  seed!: number;

  /**
   * How it was fitted: the engine's names of its adstock and saturation families and search
   * effort, written and read as src/services/fitChoices.ts `FitChoices` (storage knows no engine);
   * a retrain keeps them.
   */
  @Column({ type: 'text', default: 'geometric' })
  adstock!: string;

  @Column({ type: 'text', default: 'hill' })
  saturation!: string;

  @Column({ type: 'text', default: 'default' })
  effort!: string;

  @Column({ name: 'weeks_used', type: 'integer', nullable: true })
  weeksUsed!: number | null;

  @Column({ name: 'trained_through', type: 'date', nullable: true })
  trainedThrough!: string | null;

  @Column({ name: 'fit_ms', type: 'integer', nullable: true })
  fitMs!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'trained_at', type: 'timestamptz', nullable: true })
  trainedAt!: Date | null;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt!: Date | null;
}
