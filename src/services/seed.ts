import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { readWeeklyCsv } from '../data';
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
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
    let seededDataset: string | null = null;
    if ((await ds.getRepository(Dataset).count()) === 0) {
      const { data } = await readWeeklyCsv(demoCsv);
      const naming = JSON.parse(readFileSync(demoCsv.replace(/demo_weekly\.csv$/, 'demo_channels.json'), 'utf8')) as { channels: Record<string, ChannelNaming> };
      const { dataset } = await ds.transaction((tx) => upsertWeeklyData(tx, 'demo', data, naming.channels));
      log.info({ dataset: dataset.name, weeks: data.dates.length }, 'seeded the demo dataset');
      await trainModel(ds, dataset.id, { promote: true, createdBy: 'seed' }, log);
      seededDataset = dataset.name;
    }
    let firstAdminKey: string | null = null;
    if ((await countAdminKeys(ds)) === 0) {
      firstAdminKey = (await createApiKey(ds, 'admin', 'first admin key')).key;
    }
    return { seededDataset, firstAdminKey };
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
