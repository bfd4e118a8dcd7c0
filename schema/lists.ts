import type { DataSource } from 'typeorm';
import { ApiKey, Dataset, Digest, JobRun, JobSchedule, ModelVersion, Notebook, Observation, Scenario, type ModelStatus } from '../src/entities';
import { listColumns } from '../src/services/models';
import { keysetPage, newestFirst, type ListedRow, type PageArgs } from './pagination';

/**
 * The lists of the API, one function each: which rows, in which order (schema/pagination.ts
 * says how they are paged). Filters are optional and combine with AND.
 */

export function datasetPage(ds: DataSource, page: PageArgs): Promise<Array<ListedRow<Dataset>>> {
  return keysetPage(ds.getRepository(Dataset).createQueryBuilder('d'), { expression: 'd.name', valueOf: (d) => d.name, direction: 'ASC' }, page);
}

export function observationPage(ds: DataSource, datasetId: string, page: PageArgs): Promise<Array<ListedRow<Observation>>> {
  const query = ds.getRepository(Observation).createQueryBuilder('o').where('o.dataset_id = :datasetId', { datasetId });
  return keysetPage(query, { expression: 'o.week', valueOf: (o) => o.week, direction: 'ASC' }, page);
}

export function modelPage(ds: DataSource, filter: { datasetId?: string | null; status?: ModelStatus | null }, page: PageArgs): Promise<Array<ListedRow<ModelVersion>>> {
  // The model document (bootstrap draws) is large: lists never load it.
  const query = ds
    .getRepository(ModelVersion)
    .createQueryBuilder('m')
    .select(Object.keys(listColumns).map((c) => `m.${c}`));
  if (filter.datasetId) query.andWhere('m.dataset_id = :datasetId', { datasetId: filter.datasetId });
  if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
  return keysetPage(query, newestFirst('m'), page);
}

/** Scenarios of a notebook in conversation order; otherwise newest first. */
export function scenarioPage(ds: DataSource, filter: { datasetId?: string | null; notebookId?: string | null }, page: PageArgs): Promise<Array<ListedRow<Scenario>>> {
  const query = ds.getRepository(Scenario).createQueryBuilder('s');
  if (filter.datasetId) query.andWhere('s.dataset_id = :datasetId', { datasetId: filter.datasetId });
  if (filter.notebookId) {
    query.andWhere('s.notebook_id = :notebookId', { notebookId: filter.notebookId });
    return keysetPage(query, { expression: 's.position', valueOf: (s) => s.position ?? 0, direction: 'ASC' }, page);
  }
  return keysetPage(query, newestFirst('s'), page);
}

export function notebookPage(ds: DataSource, filter: { datasetId?: string | null }, page: PageArgs): Promise<Array<ListedRow<Notebook>>> {
  const query = ds.getRepository(Notebook).createQueryBuilder('n');
  if (filter.datasetId) query.andWhere('n.dataset_id = :datasetId', { datasetId: filter.datasetId });
  return keysetPage(query, newestFirst('n'), page);
}

export function digestPage(ds: DataSource, filter: { datasetId?: string | null }, page: PageArgs): Promise<Array<ListedRow<Digest>>> {
  const query = ds.getRepository(Digest).createQueryBuilder('g');
  if (filter.datasetId) query.andWhere('g.dataset_id = :datasetId', { datasetId: filter.datasetId });
  return keysetPage(query, newestFirst('g'), page);
}

export function jobSchedulePage(ds: DataSource, filter: { datasetId?: string | null }, page: PageArgs): Promise<Array<ListedRow<JobSchedule>>> {
  const query = ds.getRepository(JobSchedule).createQueryBuilder('j');
  if (filter.datasetId) query.andWhere('j.dataset_id = :datasetId', { datasetId: filter.datasetId });
  return keysetPage(query, newestFirst('j'), page);
}

/** Runs by fire time, latest first: what a person checking on a schedule wants to see. */
export function jobRunPage(ds: DataSource, filter: { scheduleId?: string | null }, page: PageArgs): Promise<Array<ListedRow<JobRun>>> {
  const query = ds.getRepository(JobRun).createQueryBuilder('r');
  if (filter.scheduleId) query.andWhere('r.schedule_id = :scheduleId', { scheduleId: filter.scheduleId });
  return keysetPage(query, { expression: `date_trunc('milliseconds', r.fire_time)`, valueOf: (r) => r.fireTime.toISOString(), direction: 'DESC' }, page);
}

export function apiKeyPage(ds: DataSource, page: PageArgs): Promise<Array<ListedRow<ApiKey>>> {
  // The hash never leaves the database through the API.
  const query = ds.getRepository(ApiKey).createQueryBuilder('k').select(['k.id', 'k.name', 'k.role', 'k.prefix', 'k.createdAt', 'k.revokedAt', 'k.lastUsedAt']);
  return keysetPage(query, newestFirst('k'), page);
}
