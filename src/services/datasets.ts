import type { DataSource, EntityManager } from 'typeorm';
import { entityFromJson, jsonObjectOf } from '../db/jsonRows';
import { queryPrepared } from '../db/prepared';
import { Channel, Dataset, Observation } from '../entities';
import type { WeeklyData } from '../data/weeklyData';
import { channelNames, type ChannelNaming } from '../language/channelNames';
import { badInput, notFound } from './errors';
import { isUuid } from './ids';

export type { ChannelNaming } from '../language/channelNames';

/**
 * Which dataset a request means, as a condition on `datasets` aliased `alias`: one named by
 * id or name, or (null) the default one, the only dataset or the one called "demo". The id or
 * name is the statement's parameter number `parameter`.
 */
export function datasetCondition(alias: string, idOrName: string | null, parameter = 1): { sql: string; parameters: string[] } {
  if (idOrName === null) return { sql: `${alias}.id = (SELECT id FROM datasets ORDER BY name = 'demo' DESC, name LIMIT 1)`, parameters: [] };
  return { sql: `${alias}.${isUuid(idOrName) ? 'id' : 'name'} = $${parameter}`, parameters: [idOrName] };
}

export function datasetNotFound(idOrName: string | null) {
  return notFound(idOrName === null ? 'There is no dataset yet: ingest a CSV first (mmm ingest --csv FILE --dataset NAME)' : `No dataset "${idOrName}"`);
}

/** A dataset by id or by name. */
export async function getDataset(ds: DataSource, idOrName: string): Promise<Dataset> {
  return findDataset(ds, idOrName);
}

/** The dataset to use when none is named: the only one, or the one called "demo". */
export async function defaultDataset(ds: DataSource): Promise<Dataset> {
  return findDataset(ds, null);
}

async function findDataset(ds: DataSource, idOrName: string | null): Promise<Dataset> {
  const { sql, parameters } = datasetCondition('d', idOrName);
  const [row] = await queryPrepared<{ dataset: Record<string, unknown> }>(ds, `SELECT ${jsonObjectOf(ds, Dataset, 'd')} AS dataset FROM datasets d WHERE ${sql}`, parameters);
  if (!row) throw datasetNotFound(idOrName);
  return entityFromJson(ds, Dataset, row.dataset);
}

export async function channelsOf(ds: DataSource | EntityManager, datasetId: string): Promise<Channel[]> {
  return ds.getRepository(Channel).find({ where: { datasetId }, order: { position: 'ASC', key: 'ASC' } });
}

/** Every observed week of a dataset, in date order, as the model engine takes it. */
export async function loadWeeklyData(ds: DataSource, datasetId: string): Promise<WeeklyData> {
  const dataset = await ds.getRepository(Dataset).findOneByOrFail({ id: datasetId });
  const channels = (await channelsOf(ds, datasetId)).map((c) => c.key);
  const rows = await ds.getRepository(Observation).find({ where: { datasetId }, order: { week: 'ASC' } });
  const data: WeeklyData = {
    dates: rows.map((r) => r.week),
    kpiName: dataset.kpiName,
    kpi: rows.map((r) => r.kpi),
    channels,
    spend: Object.fromEntries(channels.map((c) => [c, rows.map((r) => r.spend[c] ?? 0)])),
    controls: dataset.controlNames,
    controlValues: Object.fromEntries(dataset.controlNames.map((c) => [c, rows.map((r) => r.controls[c] ?? 0)])),
  };
  return data;
}

export interface WeekValues {
  week: string;
  kpi: number;
  spend: Record<string, number>;
  controls: Record<string, number>;
}

/**
 * Creates a dataset with its channels and weeks, or adds weeks (and new channels or
 * controls) to an existing one, inside the caller's transaction. Returns how many weeks
 * were new.
 */
export async function upsertWeeklyData(
  manager: EntityManager,
  name: string,
  data: WeeklyData,
  naming: Record<string, ChannelNaming> = {},
): Promise<{ dataset: Dataset; weeksUpserted: number; newWeeks: number }> {
  const dataset = await ensureDataset(manager, name, data.kpiName, data.channels, data.controls, naming);
  const weeks = data.dates.map((week, i) => ({
    week,
    kpi: data.kpi[i],
    spend: Object.fromEntries(data.channels.map((c) => [c, data.spend[c][i]])),
    controls: Object.fromEntries(data.controls.map((c) => [c, data.controlValues[c][i]])),
  }));
  const newWeeks = await upsertWeeks(manager, dataset.id, weeks);
  return { dataset, weeksUpserted: weeks.length, newWeeks };
}

/** The dataset called `name`, created if needed, with every listed channel and control. */
export async function ensureDataset(
  manager: EntityManager,
  name: string,
  kpiName: string,
  channelKeys: string[],
  controlNames: string[],
  naming: Record<string, ChannelNaming> = {},
): Promise<Dataset> {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/.test(name)) {
    throw badInput(`Dataset name "${name}" is not valid: use letters, digits, spaces, dots, dashes or underscores (at most 80)`, [
      { path: 'dataset', message: 'invalid name' },
    ]);
  }
  const datasets = manager.getRepository(Dataset);
  let dataset = await datasets.findOneBy({ name });
  if (!dataset) {
    dataset = await datasets.save(datasets.create({ name, kpiName, controlNames }));
  } else {
    if (dataset.kpiName !== kpiName) {
      throw badInput(`Dataset "${name}" measures ${dataset.kpiName}, but this file's KPI column is ${kpiName}: map the KPI column explicitly or use another dataset`, [
        { path: 'kpi', message: `expected ${dataset.kpiName}` },
      ]);
    }
    const missing = controlNames.filter((c) => !dataset!.controlNames.includes(c));
    if (missing.length > 0) {
      dataset.controlNames = [...dataset.controlNames, ...missing];
      await datasets.save(dataset);
    }
  }
  const existing = await channelsOf(manager, dataset.id);
  const channelRepo = manager.getRepository(Channel);
  let position = existing.length;
  for (const key of channelKeys) {
    if (existing.some((c) => c.key === key)) continue;
    // Names nobody gave are derived from the key, as `mmm fit` derives them.
    await channelRepo.save(channelRepo.create({ datasetId: dataset.id, key, ...channelNames(key, naming[key]), position: position++ }));
  }
  return dataset;
}

/**
 * Inserts weeks, or updates weeks already there: the unique (dataset, week) key turns a
 * re-sent week into an update, and spend/control values merge so a file that lacks a channel
 * does not erase it. Returns the number of weeks that were new.
 */
export async function upsertWeeks(manager: EntityManager, datasetId: string, weeks: WeekValues[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < weeks.length; start += 500) {
    const slice = weeks.slice(start, start + 500);
    const rows: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO observations (dataset_id, week, kpi, spend, controls)
       SELECT $1, w.week, w.kpi, w.spend, w.controls
       FROM jsonb_to_recordset($2::jsonb) AS w(week date, kpi double precision, spend jsonb, controls jsonb)
       ON CONFLICT (dataset_id, week) DO UPDATE
         SET kpi = EXCLUDED.kpi, spend = observations.spend || EXCLUDED.spend, controls = observations.controls || EXCLUDED.controls
       RETURNING (xmax = 0) AS inserted`,
      [datasetId, JSON.stringify(slice)],
    );
    inserted += rows.filter((r) => r.inserted).length;
  }
  return inserted;
}
