import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWeeklyCsv } from '../../src/data';
import { ModelVersion } from '../../src/entities';
import { createLogger } from '../../src/logger';
import { fitModel, FitStopped, type FitStep, type MmmModel } from '../../src/mmm';
import { cpuPool, CpuPool, holdCpuPool } from '../../src/services/cpuPool';
import { upsertWeeklyData } from '../../src/services/datasets';
import { trainModel } from '../../src/services/models';
import { PROJECT_DIR } from '../../testkit/helpers/processes';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';

/**
 * Fits on the CPU pool: through the service every front door calls, off the event loop, with the
 * same model as a fit on the calling thread, errors and stops reaching the caller, and the
 * threads gone at shutdown.
 */
const log = createLogger({ level: 'silent' });
let db: TestDatabase;
const held = holdCpuPool();
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await held.release();
  await db?.drop();
});

/** The longest a 10 ms timer on this thread waited past its time while `work` ran. */
async function longestTimerLag(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 10);
    last = now;
  }, 10);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return longest;
}

describe('fits on the CPU pool', () => {
  it('trainModel fits on the pool’s threads, this thread stays responsive, and the model is the one a fit in place makes', { timeout: 240_000 }, async () => {
    const { data } = await readWeeklyCsv(join(PROJECT_DIR, 'data', 'demo_weekly.csv'));
    const { dataset } = await db.ds.transaction((tx) => upsertWeeklyData(tx, 'demo', data, {}));
    const completedBefore = cpuPool().completed;
    let version: ModelVersion | undefined;
    const poolLag = await longestTimerLag(async () => (version = await trainModel(db.ds, dataset.id, { seed: 7, holdoutWeeks: 13 }, log)));
    // Every step of the fit ran on a thread: baseline, 15 search chunks, 4 refinements, ridge, 2 posterior groups, the document.
    expect(cpuPool().completed - completedBefore).toBeGreaterThanOrEqual(24);
    expect(version!.status).toBe('candidate');

    let here: MmmModel | undefined;
    const inPlaceLag = await longestTimerLag(async () => (here = await fitModel(data, { seed: 7, holdoutWeeks: 13 })));
    const stored = await db.ds.getRepository(ModelVersion).findOneOrFail({ where: { id: version!.id }, select: { id: true, document: true } });
    expect(stored.document).toEqual(JSON.parse(JSON.stringify(here)));
    // In place, the thread is held for a whole posterior group at a time (seconds); on the pool, never for long.
    expect(inPlaceLag).toBeGreaterThan(300);
    expect(poolLag).toBeLessThan(inPlaceLag / 4);
  });

  it('a step that fails on a thread rejects with its message; an abort stops the fit with its reason', async () => {
    const pool = new CpuPool(2);
    try {
      await expect(pool.runFit([{ kind: 'no such step' } as unknown as FitStep])).rejects.toThrow('unknown fit step "no such step"');
      const { data } = await readWeeklyCsv(join(PROJECT_DIR, 'data', 'demo_weekly.csv'));
      const stop = new AbortController();
      const fit = fitModel(data, { holdoutWeeks: 13, runner: pool.runFit, signal: stop.signal, onProgress: (p) => p.stage === 'global search' && stop.abort(new Error('shutting down')) });
      await expect(fit).rejects.toBeInstanceOf(FitStopped);
      await expect(fit).rejects.toThrow('The fit was stopped before it finished: shutting down.');
      // The pool goes on after threads were stopped mid-step.
      await expect(pool.runFit([{ kind: 'baseline', data, holdoutWeeks: 13, families: { adstock: 'geometric', saturation: 'hill', maxLag: 8 }, fourierOrder: 2 }])).resolves.toHaveLength(1);
    } finally {
      await pool.close();
    }
    expect(pool.threadCount).toBe(0);
  });

  it('the last holder’s release stops the pool’s threads; one server shutting down leaves another’s running', { timeout: 120_000 }, async () => {
    // This file holds the pool too (see `held`): let go of it here, hold again after.
    await held.release();
    const first = await startTestServer(db, {}, { seed: false });
    const second = await startTestServer(db, {}, { seed: false });
    const pool = first.app.cpuPool!;
    expect(second.app.cpuPool).toBe(pool);
    const channels = Array.from({ length: 6 }, (_, i) => ({ label: `channel ${i}`, spendLastWeek: 1000 * (i + 1), spendPreviousWeek: 900 * (i + 1), roasRecent: null, roasQuarter: null }));
    const digestChart = () => pool.chart({ kind: 'digest', channels, heading: { title: 'Weekly digest' } });
    const isPng = (png: Buffer) => png.subarray(1, 4).toString('latin1') === 'PNG';
    expect(isPng(await digestChart())).toBe(true);
    // Charts asked for just before the first server shuts down are drawn, not rejected with the threads closed under them.
    const drawing = Array.from({ length: 4 }, digestChart);
    await first.close();
    for (const png of await Promise.all(drawing)) expect(isPng(png)).toBe(true);
    expect(pool.threadCount).toBeGreaterThan(0);
    // A hold released twice lets go once: the second server still holds the pool.
    const spare = holdCpuPool();
    await spare.release();
    await spare.release();
    expect(pool.threadCount).toBeGreaterThan(0);
    await second.close();
    expect(pool.threadCount).toBe(0);
  });
});
