import { describe, expect, it } from 'vitest';
import { Dataset, ModelVersion, Observation } from '../../src/entities';
import { graphqlRequest } from '../helpers/http';
import { waitUntil } from '../../testkit/helpers/processes';
import { failure, query } from './client';
import { graphqlHarness } from './harness';

const h = graphqlHarness();

describe('API keys', () => {
  it('shows a new key once, lists it without the secret, and revokes it', async () => {
    const created = await query<{ createApiKey: { key: string; apiKey: { id: string; role: string; prefix: string; name: string } } }>(
      h.server.url,
      h.admin,
      'mutation { createApiKey(input: { role: ANALYST, name: "BI dashboard" }) { key apiKey { id role prefix name } } }',
    );
    const { key, apiKey } = created.createApiKey;
    expect(apiKey).toMatchObject({ role: 'ANALYST', name: 'BI dashboard', prefix: key.slice(0, 10) });
    expect((await graphqlRequest(h.server.url, '{ datasets { id } }', { key })).body.errors).toBeUndefined();
    const listed = await graphqlRequest(h.server.url, '{ apiKeys(first: 200) { id prefix revokedAt } }', { key: h.admin });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    await query(h.server.url, h.admin, 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: apiKey.id });
    const refused = await graphqlRequest(h.server.url, '{ datasets { id } }', { key });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('only an admin manages keys, schedules and promotion', async () => {
    for (const m of ['mutation { createApiKey(input: { role: ADMIN }) { key } }', '{ apiKeys { id } }', 'mutation { rollbackModel(datasetId: "demo") { id } }']) {
      expect((await failure(h.server.url, h.analyst, m)).code, m).toBe('FORBIDDEN');
    }
  });
});

describe('job schedules and runs', () => {
  it('creates a schedule, runs it now, and lists the run', async () => {
    const created = await query<{ createJobSchedule: { id: string; kind: string; cron: string; enabled: boolean } }>(
      h.server.url,
      h.admin,
      'mutation($d: ID!) { createJobSchedule(input: { kind: DATA_QUALITY, cron: "0 9 * * 1", timezone: "Europe/Berlin", datasetId: $d, enabled: true }) { id kind cron enabled } }',
      { d: h.demo.id },
    );
    expect(created.createJobSchedule).toMatchObject({ kind: 'DATA_QUALITY', cron: '0 9 * * 1', enabled: true });
    const id = created.createJobSchedule.id;
    const listed = await query<{ jobSchedules: Array<{ id: string }> }>(h.server.url, h.analyst, '{ jobSchedules { id } }');
    expect(listed.jobSchedules.map((s) => s.id)).toContain(id);
    const run = await query<{ runJobNow: { id: string; status: string; trigger: string } }>(h.server.url, h.admin, 'mutation($id: ID!) { runJobNow(scheduleId: $id) { id status trigger } }', { id });
    expect(run.runJobNow.trigger).toBe('MANUAL');
    await waitUntil(
      async () => {
        const runs = await query<{ jobRuns: Array<{ id: string; status: string }> }>(h.server.url, h.analyst, 'query($id: ID) { jobRuns(scheduleId: $id) { id status } }', { id });
        return runs.jobRuns.some((r) => r.id === run.runJobNow.id && !['QUEUED', 'RUNNING'].includes(r.status));
      },
      20_000,
      'the data-quality run to finish',
    );
    const runs = await query<{ jobRuns: Array<{ id: string; fireTime: string; status: string; startedAt: string; finishedAt: string; error: string | null }> }>(
      h.server.url,
      h.analyst,
      'query($id: ID) { jobRuns(scheduleId: $id) { id fireTime status startedAt finishedAt error } }',
      { id },
    );
    expect(runs.jobRuns[0]).toMatchObject({ id: run.runJobNow.id, status: 'SUCCEEDED', error: null });
  });

  it('names the bad fields of a schedule under input', async () => {
    const err = await failure(h.server.url, h.admin, 'mutation($d: ID!) { createJobSchedule(input: { kind: DIGEST, cron: "every monday", datasetId: $d }) { id } }', { d: h.demo.id });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['input.cron', 'input.slackChannel']));
  });

  it('says NOT_FOUND for the runs of an unknown schedule', async () => {
    expect((await failure(h.server.url, h.analyst, '{ jobRuns(scheduleId: "nope") { id } }')).code).toBe('NOT_FOUND');
  });
});

describe('models: train, promote, roll back', () => {
  it('trains as a job run to follow, then promotes and rolls back', async () => {
    const production = await h.db.ds.getRepository(ModelVersion).findOneByOrFail({ datasetId: h.demo.id, status: 'production' });
    const started = await query<{ trainModel: { id: string; kind: string; status: string } }>(h.server.url, h.analyst, 'mutation { trainModel(input: { datasetId: "demo", seed: 7 }) { id kind status } }');
    // Queued: the next free worker of any instance takes it (test/jobs/queue.test.ts follows its place in the queue).
    expect(started.trainModel).toMatchObject({ kind: 'RETRAIN', status: 'QUEUED' });
    await waitUntil(
      async () => {
        const runs = await query<{ jobRuns: Array<{ id: string; status: string }> }>(h.server.url, h.analyst, '{ jobRuns { id status } }');
        return runs.jobRuns.some((r) => r.id === started.trainModel.id && !['QUEUED', 'RUNNING'].includes(r.status));
      },
      60_000,
      'the training run to finish',
    );
    const models = await query<{ models: Array<{ id: string; status: string }> }>(h.server.url, h.analyst, '{ models(datasetId: "demo") { id status } }');
    expect(models.models).toHaveLength(2);
    const newer = models.models.find((m) => m.id !== production.id)!;
    // Make sure the new version is production (the retrain promotes it when it is as good), then roll back.
    if (newer.status !== 'PRODUCTION') await query(h.server.url, h.admin, 'mutation($id: ID!) { promoteModel(id: $id) { status } }', { id: newer.id });
    const rolledBack = await query<{ rollbackModel: { id: string; status: string } }>(h.server.url, h.admin, 'mutation { rollbackModel(datasetId: "demo") { id status } }');
    expect(rolledBack.rollbackModel).toEqual({ id: production.id, status: 'PRODUCTION' });
    const archived = await query<{ model: { status: string } }>(h.server.url, h.analyst, 'query($id: ID!) { model(id: $id) { status } }', { id: newer.id });
    expect(archived.model.status).toBe('ARCHIVED');
  });

  it('refuses to promote a model that is not a candidate or archived', async () => {
    const failed = await h.db.ds.getRepository(ModelVersion).save({ datasetId: h.demo.id, status: 'failed', holdoutWeeks: 0, seed: 1, error: 'boom' });
    const err = await failure(h.server.url, h.admin, 'mutation($id: ID!) { promoteModel(id: $id) { id } }', { id: failed.id });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('is failed');
  });
});

describe('ingest and channels', () => {
  const CSV = ['date,revenue,tv_spend,search_spend', '2024-01-01,1000,100,50', '2024-01-08,1001,101,51', '2024-01-15,1002,102,52'];

  it('ingests a CSV into a new dataset', async () => {
    const weeks = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
    const csv = ['date,revenue,tv_spend,search_spend', ...weeks.map((w, i) => `${w},${1000 + i},${100 + i},${50 + i}`)].join('\n');
    const data = await query<{ ingestCsv: { datasetName: string; rowsRead: number; newWeeks: number } }>(h.server.url, h.analyst, 'mutation($csv: String!) { ingestCsv(input: { csv: $csv, dataset: "small" }) { datasetName rowsRead newWeeks } }', { csv });
    expect(data.ingestCsv).toEqual({ datasetName: 'small', rowsRead: 10, newWeeks: 10 });
    const small = await query<{ dataset: { weeks: number; kpiName: string; channels: Array<{ key: string }> } }>(h.server.url, h.analyst, '{ dataset(id: "small") { weeks kpiName channels { key } } }');
    expect(small.dataset).toEqual({ weeks: 10, kpiName: 'revenue', channels: [{ key: 'tv' }, { key: 'search' }] });
  });

  it('rejects a bad file with the row and column of each problem, changing nothing', async () => {
    const csv = CSV.join('\n').replace('2024-01-08,1001,101', '2024-01-08,1001,lots');
    const before = await h.db.ds.getRepository(Observation).count();
    const err = await failure(h.server.url, h.analyst, 'mutation($csv: String!) { ingestCsv(input: { csv: $csv, dataset: "broken" }) { newWeeks } }', { csv });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'input.csv', row: 3, column: 'tv_spend' })]));
    expect(await h.db.ds.getRepository(Observation).count()).toBe(before);
    expect(await h.db.ds.getRepository(Dataset).existsBy({ name: 'broken' })).toBe(false);
  });

  it('edits channel names and aliases, refusing an alias another channel owns', async () => {
    const { dataset } = await query<{ dataset: { channels: Array<{ id: string; key: string }> } }>(h.server.url, h.analyst, '{ dataset(id: "demo") { channels { id key } } }');
    const radio = dataset.channels.find((c) => c.key === 'radio')!;
    const updated = await query<{ updateChannel: { displayName: string; aliases: string[]; group: string } }>(
      h.server.url,
      h.analyst,
      'mutation($id: ID!) { updateChannel(id: $id, input: { displayName: "Radio & Podcasts", aliases: ["audio", "podcasts"] }) { displayName aliases group } }',
      { id: radio.id },
    );
    expect(updated.updateChannel).toEqual({ displayName: 'Radio & Podcasts', aliases: ['audio', 'podcasts'], group: 'traditional' });
    const clash = await failure(h.server.url, h.analyst, 'mutation($id: ID!) { updateChannel(id: $id, input: { aliases: ["podcasts", "sem"] }) { key } }', { id: radio.id });
    expect(clash).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'aliases[1]', message: '"sem" already names channel search' }] });
  });
});
