import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { Channel, Dataset, ModelVersion, Notebook, Observation } from '../src/entities';
import { listColumns } from '../src/services/models';
import { queuePositions } from '../src/services/jobs';

/**
 * Per-request batching: a page of 50 datasets asking for their channels, week counts and
 * production models costs one query per field, not one per dataset. Built fresh for every
 * request, so nothing cached outlives it (a promotion is visible on the next request).
 */
export interface Loaders {
  dataset: DataLoader<string, Dataset | null>;
  channelsOfDataset: DataLoader<string, Channel[]>;
  weeksOfDataset: DataLoader<string, number>;
  productionModelOfDataset: DataLoader<string, ModelVersion | null>;
  modelVersion: DataLoader<string, ModelVersion | null>;
  notebook: DataLoader<string, Notebook | null>;
  /** A queued run's place on the job queue (1 = next); null once a worker has it. */
  queuePosition: DataLoader<string, number | null>;
}

export function createLoaders(ds: DataSource): Loaders {
  return {
    dataset: new DataLoader(async (ids) => byId(ids, await ds.getRepository(Dataset).findBy({ id: In([...ids]) }))),
    channelsOfDataset: new DataLoader(async (ids) => {
      const rows = await ds.getRepository(Channel).find({ where: { datasetId: In([...ids]) }, order: { position: 'ASC', key: 'ASC' } });
      return ids.map((id) => rows.filter((c) => c.datasetId === id));
    }),
    weeksOfDataset: new DataLoader(async (ids) => {
      const counts: Array<{ datasetId: string; weeks: string }> = await ds
        .getRepository(Observation)
        .createQueryBuilder('o')
        .select('o.dataset_id', 'datasetId')
        .addSelect('COUNT(*)', 'weeks')
        .where('o.dataset_id IN (:...ids)', { ids })
        .groupBy('o.dataset_id')
        .getRawMany();
      return ids.map((id) => Number(counts.find((c) => c.datasetId === id)?.weeks ?? 0));
    }),
    productionModelOfDataset: new DataLoader(async (ids) => {
      const rows = await ds.getRepository(ModelVersion).find({ where: { datasetId: In([...ids]), status: 'production' }, select: listColumns });
      return ids.map((id) => rows.find((m) => m.datasetId === id) ?? null);
    }),
    modelVersion: new DataLoader(async (ids) => byId(ids, await ds.getRepository(ModelVersion).find({ where: { id: In([...ids]) }, select: listColumns }))),
    notebook: new DataLoader(async (ids) => byId(ids, await ds.getRepository(Notebook).findBy({ id: In([...ids]) }))),
    queuePosition: new DataLoader(async (ids) => {
      const positions = await queuePositions(ds, [...ids]);
      return ids.map((id) => positions.get(id) ?? null);
    }),
  };
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): Array<T | null> {
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? null);
}
