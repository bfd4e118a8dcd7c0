import type { DataSource, EntityManager } from 'typeorm';
import { Channel, Dataset, Observation } from '../entities';
import type { WeeklyData } from '../data/weeklyData';
import { badInput, notFound } from './errors';

export interface ChannelNaming {
  displayName?: string;
  aliases?: string[];
  group?: string | null;
}

/** "paid_search" → "Paid Search"; short keys are acronyms ("tv" → "TV"). */
export function displayNameFromKey(key: string): string {
  if (key.length <= 2) return key.toUpperCase();
  return key
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

export async function listDatasets(ds: DataSource): Promise<Dataset[]> {
  return ds.getRepository(Dataset).find({ order: { name: 'ASC' } });
}

/** A dataset by id or by name. */
export async function getDataset(ds: DataSource, idOrName: string): Promise<Dataset> {
  const repo = ds.getRepository(Dataset);
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrName);
  const found = isUuid ? await repo.findOneBy({ id: idOrName }) : await repo.findOneBy({ name: idOrName });
  if (!found) throw notFound(`No dataset "${idOrName}"`);
  return found;
}

/** The dataset to use when none is named: the only one, or the one called "demo". */
export async function defaultDataset(ds: DataSource): Promise<Dataset> {
  const all = await listDatasets(ds);
  if (all.length === 0) throw notFound('There is no dataset yet: ingest a CSV first (mmm ingest --csv FILE --dataset NAME)');
  return all.length === 1 ? all[0] : (all.find((d) => d.name === 'demo') ?? all[0]);
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

/**
 * Creates a dataset with its channels and weeks in one transaction (the caller's, when
 * given), or inserts/updates weeks of an existing one. Returns how many weeks were new.
 */
export async function upsertWeeklyData(
  manager: EntityManager,
  name: string,
  data: WeeklyData,
  naming: Record<string, ChannelNaming> = {},
): Promise<{ dataset: Dataset; weeksUpserted: number; newWeeks: number }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}$/.test(name)) {
    throw badInput(`Dataset name "${name}" is not valid: use letters, digits, spaces, dots, dashes or underscores (at most 80)`, [
      { path: 'dataset', message: 'invalid name' },
    ]);
  }
  const datasets = manager.getRepository(Dataset);
  let dataset = await datasets.findOneBy({ name });
  if (!dataset) {
    dataset = await datasets.save(datasets.create({ name, kpiName: data.kpiName, controlNames: data.controls }));
  } else {
    const controls = [...dataset.controlNames, ...data.controls.filter((c) => !dataset!.controlNames.includes(c))];
    if (controls.length !== dataset.controlNames.length) {
      dataset.controlNames = controls;
      await datasets.save(dataset);
    }
  }
  const existing = await channelsOf(manager, dataset.id);
  const channelRepo = manager.getRepository(Channel);
  for (const [i, key] of data.channels.entries()) {
    if (existing.some((c) => c.key === key)) continue;
    const n = naming[key] ?? {};
    await channelRepo.save(
      channelRepo.create({
        datasetId: dataset.id,
        key,
        displayName: n.displayName ?? displayNameFromKey(key),
        aliases: n.aliases ?? [],
        group: n.group ?? null,
        position: existing.length + i,
      }),
    );
  }
  const before = await manager.getRepository(Observation).countBy({ datasetId: dataset.id });
  // One statement per 500 weeks: the unique (dataset, week) key turns re-sent weeks into updates.
  for (let start = 0; start < data.dates.length; start += 500) {
    const slice = data.dates.slice(start, start + 500).map((week, j) => {
      const i = start + j;
      return {
        datasetId: dataset!.id,
        week,
        kpi: data.kpi[i],
        spend: Object.fromEntries(data.channels.map((c) => [c, data.spend[c][i]])),
        controls: Object.fromEntries(data.controls.map((c) => [c, data.controlValues[c][i]])),
      };
    });
    await manager
      .createQueryBuilder()
      .insert()
      .into(Observation)
      .values(slice)
      .orUpdate(['kpi', 'spend', 'controls'], ['dataset_id', 'week'])
      .execute();
  }
  const after = await manager.getRepository(Observation).countBy({ datasetId: dataset.id });
  return { dataset, weeksUpserted: data.dates.length, newWeeks: after - before };
}
