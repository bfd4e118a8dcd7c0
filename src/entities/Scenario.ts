import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Notebook } from './Notebook';

/** A question that was run: the spec, its result, who asked and which model answered. */
@Entity('scenarios')
export class Scenario {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dataset_id', type: 'uuid' })
  datasetId!: string;

  @Column({ name: 'model_version_id', type: 'uuid' })
  modelVersionId!: string;

  @Column({ name: 'notebook_id', type: 'uuid', nullable: true })
  notebookId!: string | null;

  @ManyToOne('Notebook', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notebook_id' })
  notebook?: Relation<Notebook>;

  /** Order within the notebook, from 1. */
  @Column({ type: 'integer', nullable: true })
  position!: number | null;

  @Column({ type: 'text', nullable: true })
  question!: string | null;

  /** Intent kind: whatIf, optimize, ... */
  @Column({ type: 'text' })
  intent!: string;

  @Column({ type: 'jsonb' })
  spec!: unknown;

  @Column({ type: 'jsonb' })
  result!: unknown;

  @Column({ type: 'boolean', default: false })
  saved!: boolean;

  @Column({ name: 'asked_by', type: 'text', nullable: true })
  askedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
