import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import type { Dataset } from './Dataset';

/** A media channel of a dataset, with the names marketers call it by. */
@Entity('channels')
@Unique('channels_dataset_key_unique', ['datasetId', 'key'])
export class Channel {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @ManyToOne('Dataset', (d: Dataset) => d.channels, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dataset_id' })
  dataset?: Relation<Dataset>;

  /** Stable key used in models and specs (`tv`, `search`). */
  @Column({ type: 'text' })
  key!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  /** Channel group for share constraints and questions ("digital", "traditional"). */
  @Column({ name: 'channel_group', type: 'text', nullable: true })
  group!: string | null;

  @Column({ type: 'integer', default: 0 })
  position!: number;
}
