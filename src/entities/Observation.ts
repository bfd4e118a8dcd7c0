import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { Dataset } from './Dataset';

/** One week of a dataset: KPI, spend per channel key, control values. */
@Entity('observations')
@Unique('observations_dataset_week_unique', ['datasetId', 'week'])
export class Observation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne('Dataset', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Relation<Dataset>;

  /** First day of the week, ISO yyyy-mm-dd. */
  @Column({ type: 'date' })
  week!: string;

  @Column({ type: 'double precision' })
  kpi!: number;

  @Column({ type: 'jsonb' })
  spend!: Record<string, number>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  controls!: Record<string, number>;
}
