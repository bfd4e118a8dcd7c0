import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSource } from 'typeorm';
import { readWeeklyCsv } from '../data';
import { withAdvisoryLock } from '../db/database';
import { Dataset } from '../entities';
import type { Logger } from '../logger';
import { countAdminKeys, createApiKey } from './apiKeys';
import { upsertWeeklyData, type ChannelNaming } from './datasets';
import { trainModel } from './models';

// Same lock idea as migrations: two processes starting at once seed once.
const SEED_LOCK = 774_202;

export interface SeedOutcome {
  seededDataset: string | null;
  /** The first admin key, in clear, when this start created it (printed once, never stored). */
  firstAdminKey: string | null;
}

/**
 * First start only: the demo dataset with a trained production model, and one admin key.
 * Later starts find both and change nothing.
 */
export async function seedIfEmpty(ds: DataSource, demoCsv: string, log: Logger): Promise<SeedOutcome> {
  return withAdvisoryLock(ds, SEED_LOCK, async () => {
    let seededDataset: string | null = null;
    if ((await ds.getRepository(Dataset).count()) === 0) {
      const { data } = await readWeeklyCsv(demoCsv);
      const naming = JSON.parse(readFileSync(join(dirname(demoCsv), 'demo_channels.json'), 'utf8')) as { channels: Record<string, ChannelNaming> };
      const { dataset } = await ds.transaction((tx) => upsertWeeklyData(tx, 'demo', data, naming.channels));
      log.info({ dataset: dataset.name, weeks: data.dates.length }, 'seeded the demo dataset');
      await trainModel(ds, dataset.id, { promote: true, createdBy: 'seed' }, log);
      seededDataset = dataset.name;
    }
    const firstAdminKey = (await countAdminKeys(ds)) === 0 ? (await createApiKey(ds, 'admin', 'first admin key')).key : null;
    return { seededDataset, firstAdminKey };
  });
}
