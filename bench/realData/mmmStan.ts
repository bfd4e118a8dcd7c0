/**
 * The mmm_stan weekly export (github.com/sibylhe/mmm_stan, data.csv; the data of PyMC-Marketing's
 * case study), read where `bench/realData/fetch-mmm-stan.sh` puts it or from MMM_STAN_CSV. Not
 * committed: the bench reports "not measured" without it. Columns as the case study takes them:
 * KPI `sales`, seven media spends, the 22 holiday dummies as controls.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readWeeklyCsv } from '../../src/data';
import type { WeeklyData } from '../../src/data/weeklyData';

export const DEFAULT_MMM_STAN_CSV = '/tmp/mixwise-bench/mmm_stan.csv';
/** The case study drops three of the ten spend columns (digital audio, digital video, search). */
export const MMM_STAN_CHANNELS = ['mdsp_dm', 'mdsp_inst', 'mdsp_nsp', 'mdsp_audtr', 'mdsp_vidtr', 'mdsp_so', 'mdsp_on'];
export const MMM_STAN_HOLDOUT_WEEKS = 26;

export function mmmStanPath(): string {
  return process.env.MMM_STAN_CSV ?? DEFAULT_MMM_STAN_CSV;
}

/** The data set, or null when the file is not there. */
export async function loadMmmStan(path = mmmStanPath()): Promise<WeeklyData | null> {
  if (!existsSync(path)) return null;
  const header = readFileSync(path, 'utf8').split('\n', 1)[0].split(',');
  const controls = header.filter((c) => c.startsWith('hldy_'));
  const { data } = await readWeeklyCsv(path, {
    date: 'wk_strt_dt',
    kpi: 'sales',
    channels: MMM_STAN_CHANNELS.map((c) => ({ key: c, spendColumn: c })),
    controls,
  });
  return data;
}
