import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWeeklyCsv } from '../../src/data';
import { ModelVersion } from '../../src/entities';
import { createLogger } from '../../src/logger';
import { fitModel, FitStopped, type FitStep, type MmmModel } from '../../src/mmm';
import { closeCpuPool, cpuPool, CpuPool } from '../../src/services/cpuPool';
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
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await closeCpuPool();
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

  it('a server’s shutdown stops the pool’s threads', { timeout: 120_000 }, async () => {
    const server = await startTestServer(db, {}, { seed: false });
    await server.app.cpuPool!.runFit([{ kind: 'no such step' } as unknown as FitStep]).catch(() => undefined);
    expect(server.app.cpuPool!.threadCount).toBeGreaterThan(0);
    await server.close();
    expect(server.app.cpuPool!.threadCount).toBe(0);
  });
});
