import { afterAll, describe, expect, it } from 'vitest';
import { DeadlineExceeded } from '../../src/deadline';
import { InfeasibleConstraintsError } from '../../src/scenarios/errors';
import { computeScenario } from '../../src/services/computeScenario';
import { CpuPool } from '../../src/services/cpuPool';
import { carryOverModel } from '../scenarios/model';

/**
 * Optimizations on the CPU pool: the same answer as in place, the same errors, and work that
 * is stopped for certain (the thread terminated) when its caller gives up.
 */
const model = carryOverModel(0.4, 4, 20);
const channels = model.channels.map((key) => ({ key, displayName: key, aliases: [] as string[] }));
const pool = new CpuPool(2);
afterAll(() => pool.close());

const flat = { kind: 'optimize' as const, spec: { objective: { kind: 'maxKpi' as const }, constraints: [], weeks: 13 } };
// Two years of per-week plans under share and ratio constraints: seconds of work.
const heavy = {
  kind: 'optimize' as const,
  spec: {
    objective: { kind: 'maxKpi' as const },
    perWeek: true,
    weeks: 104,
    constraints: [
      { kind: 'share' as const, set: { channels: ['tv'] }, min: 0.2, max: 0.7 },
      { kind: 'share' as const, set: { channels: ['search'] }, min: 0.1 },
      { kind: 'ratio' as const, numerator: 'social', denominator: 'search', max: 2 },
    ],
  },
};

describe('optimizations on the CPU pool', () => {
  it('keep answering for more models than a thread holds, and for the first again after them', async () => {
    // A thread keeps 8 parsed models; the 9th and later push the oldest out.
    const keys = Array.from({ length: 10 }, (_, k) => `many-${k}`);
    const here = computeScenario(model, flat, channels).after.plan;
    for (const key of [...keys, keys[0], keys[5]]) expect((await pool.scenario(key, model, flat, channels, 10_000)).after.plan).toEqual(here);
  });

  it('answer an optimization as it is answered in place', async () => {
    const there = await pool.scenario('m1', model, flat, channels, 10_000);
    const here = computeScenario(model, flat, channels);
    expect(there.after.plan).toEqual(here.after.plan);
    expect(there.restatement).toBe(here.restatement);
  });

  it('throw the same errors', async () => {
    const clash = { ...flat, spec: { ...flat.spec, constraints: [{ kind: 'share' as const, set: { channels: ['tv'] }, min: 0.8 }, { kind: 'share' as const, set: { channels: ['search'] }, min: 0.5 }] } };
    const err = await pool.scenario('m1', model, clash, channels, 10_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InfeasibleConstraintsError);
    expect((err as InfeasibleConstraintsError).conflicts.length).toBeGreaterThan(0);
  });

  it('stop the thread when the caller gives up, and go on with a new one', async () => {
    const gone = new AbortController();
    const running = pool.scenario('m1', model, heavy, channels, 60_000, gone.signal);
    setTimeout(() => gone.abort(), 200);
    const err = await running.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceeded);
    expect((err as DeadlineExceeded).reason).toBe('aborted');
    const next = await pool.scenario('m1', model, flat, channels, 10_000);
    expect(next.after.plan).toEqual(computeScenario(model, flat, channels).after.plan);
  });

  it('stop at the time budget', async () => {
    const err = await pool.scenario('m1', model, heavy, channels, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceeded);
    expect((err as DeadlineExceeded).reason).toBe('time');
  });
});
