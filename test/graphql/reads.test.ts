import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, Digest, Observation } from '../../src/entities';
import { decomposition, responseCurve } from '../../src/mmm';
import { createApiKey } from '../../src/services/apiKeys';
import { channelFigures } from '../../src/services/ask';
import { channelsOf } from '../../src/services/datasets';
import { productionSetup } from '../../src/services/models';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';
import { failure, query } from './client';

let db: TestDatabase;
let server: RunningServer;
let viewer: string;
let demo: Dataset;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startTestServer(db);
  viewer = (await createApiKey(db.ds, 'viewer')).key;
  demo = await db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

describe('datasets and observations', () => {
  it('finds a dataset by name or id, with its channels and production model', async () => {
    const byName = await query<{ dataset: { id: string; kpiName: string; weeks: number; controlNames: string[]; channels: Array<{ key: string; group: string; aliases: string[] }> } }>(
      server.url,
      viewer,
      '{ dataset(id: "demo") { id kpiName weeks controlNames channels { key group aliases } } }',
    );
    expect(byName.dataset.id).toBe(demo.id);
    expect(byName.dataset.weeks).toBe(156);
    expect(byName.dataset.controlNames).toEqual(['holiday', 'promo']);
    expect(byName.dataset.channels.find((c) => c.key === 'search')).toEqual({ key: 'search', group: 'digital', aliases: ['sem', 'ppc', 'google ads', 'search ads', 'adwords'] });
    const byId = await query<{ dataset: { id: string } }>(server.url, viewer, 'query($id: ID!) { dataset(id: $id) { id } }', { id: demo.id });
    expect(byId.dataset.id).toBe(demo.id);
  });

  it('answers the plain list of DESIGN.md: { datasets { name } }', async () => {
    expect(await query(server.url, viewer, '{ datasets { name } }')).toEqual({ datasets: [{ name: 'demo' }] });
  });

  it('pages through every observed week in order, each page after the cursor of the last week read, with nothing skipped or repeated', async () => {
    type Week = { cursor: string; week: string; kpi: number; spend: Array<{ channel: string; amount: number }> };
    const weeks: Week[] = [];
    let page: Week[];
    let pages = 0;
    do {
      const data: { dataset: { observations: Week[] } } = await query(
        server.url,
        viewer,
        'query($after: String) { dataset(id: "demo") { observations(first: 40, after: $after) { cursor week kpi spend { channel amount } } } }',
        { after: weeks.at(-1)?.cursor ?? null },
      );
      page = data.dataset.observations;
      weeks.push(...page);
      pages++;
    } while (page.length === 40);
    expect(pages).toBe(4); // 40 + 40 + 40 + 36: a short page ends the list
    const rows = await db.ds.getRepository(Observation).find({ where: { datasetId: demo.id }, order: { week: 'ASC' } });
    expect(weeks.map((w) => w.week)).toEqual(rows.map((r) => r.week));
    // The first line of data/demo_weekly.csv.
    expect(weeks[0]).toEqual({
      cursor: expect.any(String),
      week: '2022-01-03',
      kpi: 576356.81,
      spend: [
        { channel: 'tv', amount: 96366.79 },
        { channel: 'search', amount: 12394.31 },
        { channel: 'social', amount: 40557.3 },
        { channel: 'display', amount: 13432.46 },
        { channel: 'radio', amount: 10851.51 },
      ],
    });
  });

  it('continues after the cursor of any listed item, not only the last of a page', async () => {
    const all = await query<{ dataset: { observations: Array<{ cursor: string; week: string }> } }>(server.url, viewer, '{ dataset(id: "demo") { observations(first: 20) { cursor week } } }');
    const tenth = all.dataset.observations[9];
    const after = await query<{ dataset: { observations: Array<{ week: string }> } }>(
      server.url,
      viewer,
      'query($after: String) { dataset(id: "demo") { observations(first: 3, after: $after) { week } } }',
      { after: tenth.cursor },
    );
    expect(after.dataset.observations.map((o) => o.week)).toEqual(all.dataset.observations.slice(10, 13).map((o) => o.week));
  });

  it('gives a cursor only to items reached through a list', async () => {
    const data = await query<{ datasets: Array<{ cursor: string | null }>; dataset: { cursor: string | null; productionModel: { cursor: string | null } } }>(
      server.url,
      viewer,
      '{ datasets { cursor } dataset(id: "demo") { cursor productionModel { cursor } } }',
    );
    expect(typeof data.datasets[0].cursor).toBe('string');
    expect(data.dataset).toEqual({ cursor: null, productionModel: { cursor: null } });
  });

  it('refuses a page size out of range and a cursor it did not give out', async () => {
    const tooBig = await failure(server.url, viewer, '{ datasets(first: 500) { id } }');
    expect(tooBig).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'first', message: 'expected 1 to 200' }] });
    const forged = await failure(server.url, viewer, '{ datasets(after: "not-a-cursor") { id } }');
    expect(forged).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'after' }] });
  });

  it('says NOT_FOUND for unknown datasets, models, scenarios and notebooks, malformed ids included', async () => {
    for (const q of ['{ dataset(id: "nope") { id } }', '{ model(id: "nope") { id } }', '{ scenario(id: "00000000-0000-0000-0000-000000000000") { id } }', '{ notebook(id: "x") { id } }']) {
      expect((await failure(server.url, viewer, q)).code).toBe('NOT_FOUND');
    }
  });
});

describe('models', () => {
  it('reports ROAS with intervals exactly as the shared service computes them', async () => {
    const data = await query<{ productionModel: { id: string; status: string; metrics: { r2: number; holdoutMape: number }; channels: Array<Record<string, number | string>> } }>(
      server.url,
      viewer,
      'query($d: ID!) { productionModel(datasetId: $d) { id status metrics { r2 holdoutMape } channels { channel displayName roas roasLow roasHigh mroas mroasLow mroasHigh weeklySpend breakEvenSpend spendVsBreakEven saturation contributionShare saturationPoint } } }',
      { d: demo.id },
    );
    const { version, model } = await productionSetup(db.ds, demo.id);
    expect(data.productionModel.id).toBe(version.id);
    expect(data.productionModel.status).toBe('PRODUCTION');
    expect(data.productionModel.metrics.r2).toBeCloseTo(version.metrics!.r2!, 12);
    expect(data.productionModel.channels).toEqual(channelFigures(model, await channelsOf(db.ds, demo.id)));
    for (const c of data.productionModel.channels) expect((c.roasLow as number) <= (c.roas as number) && (c.roas as number) <= (c.roasHigh as number)).toBe(true);
  });

  it('decomposes every training week into parts that add up to the fitted KPI', async () => {
    const data = await query<{ models: Array<{ decomposition: Array<{ week: string; fitted: number; baseline: number; trend: number; seasonality: number; controls: number; channels: Array<{ amount: number }> }> }> }>(
      server.url,
      viewer,
      '{ models(status: PRODUCTION) { decomposition { week kpi fitted baseline trend seasonality controls channels { channel amount } } } }',
    );
    const weeks = data.models[0].decomposition;
    expect(weeks).toHaveLength(156);
    for (const w of weeks) {
      const parts = w.baseline + w.trend + w.seasonality + w.controls + w.channels.reduce((s, c) => s + c.amount, 0);
      expect(parts).toBeCloseTo(w.fitted, 6);
    }
    const { model } = await productionSetup(db.ds, demo.id);
    expect(weeks[10].fitted).toBe(decomposition(model)[10].fitted);
  });

  it('draws a response curve of the production model, and refuses an unknown channel', async () => {
    const data = await query<{ responseCurve: { channel: string; displayName: string; points: Array<{ weeklySpend: number; kpi: number; low: number; high: number }> } }>(
      server.url,
      viewer,
      '{ responseCurve(channel: "search", points: 5) { channel displayName currentWeeklySpend points { weeklySpend kpi low high } } }',
    );
    const { model } = await productionSetup(db.ds, demo.id);
    expect(data.responseCurve.displayName).toBe('Paid Search');
    expect(data.responseCurve.points).toEqual(responseCurve(model, 'search', 5));
    expect(data.responseCurve.points[0].kpi).toBe(0);
    const bad = await failure(server.url, viewer, '{ responseCurve(channel: "tvv") { channel } }');
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'channel' }] });
    // Named as marketers name it, as every typed input takes channels: display name, a synonym, any case.
    for (const name of ['Paid Search', 'PPC', 'SEARCH']) {
      const named = await query<{ responseCurve: { channel: string; points: unknown[] } }>(server.url, viewer, `{ responseCurve(channel: "${name}", points: 5) { channel points { weeklySpend kpi low high } } }`);
      expect(named.responseCurve).toEqual({ channel: 'search', points: data.responseCurve.points });
    }
  });
});

describe('digests', () => {
  it('lists digests newest first with their dataset filter', async () => {
    const repo = db.ds.getRepository(Digest);
    await repo.save(repo.create({ datasetId: demo.id, slackChannel: 'C1', isoWeek: '2026-W46', content: { headline: 'older' } }));
    await new Promise((r) => setTimeout(r, 5));
    await repo.save(repo.create({ datasetId: demo.id, slackChannel: 'C1', isoWeek: '2026-W47', content: { headline: 'newer' } }));
    const data = await query<{ digests: Array<{ cursor: string; isoWeek: string; content: { headline: string } }> }>(server.url, viewer, '{ digests(datasetId: "demo", first: 1) { cursor isoWeek content } }');
    expect(data.digests.map(({ isoWeek, content }) => ({ isoWeek, content }))).toEqual([{ isoWeek: '2026-W47', content: { headline: 'newer' } }]);
    const next = await query<{ digests: Array<{ isoWeek: string }> }>(server.url, viewer, 'query($a: String) { digests(first: 2, after: $a) { isoWeek } }', { a: data.digests[0].cursor });
    expect(next.digests).toEqual([{ isoWeek: '2026-W46' }]);
  });
});

describe('roles', () => {
  it('a viewer reads but may not run scenarios, ask, train, ingest or manage keys', async () => {
    const mutations = [
      'mutation { runWhatIf(input: { changes: [{ kind: SCALE, channel: "tv", amount: { percent: 10 } }] }) { id } }',
      'mutation { ask(input: { question: "how good is the model?" }) { kind } }',
      'mutation { trainModel(input: { datasetId: "demo" }) { id } }',
      'mutation { ingestCsv(input: { csv: "date,kpi", dataset: "x" }) { newWeeks } }',
      'mutation { createApiKey(input: { role: VIEWER }) { key } }',
    ];
    for (const m of mutations) {
      const err = await failure(server.url, viewer, m);
      expect(err.code, m).toBe('FORBIDDEN');
      expect(err.message).toMatch(/needs the (analyst|admin) role; your API key has viewer/);
    }
  });
});
