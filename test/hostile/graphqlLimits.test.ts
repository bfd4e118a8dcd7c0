import { beforeAll, describe, expect, it } from 'vitest';
import { Scenario } from '../../src/entities';
import { createApiKey } from '../../src/services/apiKeys';
import type { RunningServer } from '../../src/server';
import type { TestDatabase } from '../helpers/database';
import { startTestServer } from '../helpers/server';
import { failure, query } from '../graphql/client';
import { graphqlHarness } from '../graphql/harness';
import { fanOut, WHAT_IF_FIELD as WHAT_IF } from '../../testkit/helpers/hostileDocuments';

/**
 * Hostile GraphQL documents, each from the issue that found them: refused before they run,
 * with a code and a message saying the figure and the limit, and nothing stored.
 */
const h = graphqlHarness();
let viewer: string;
let analyst: string;
let db: TestDatabase;
let server: RunningServer;

beforeAll(async () => {
  ({ db, server, analyst } = h);
  viewer = (await createApiKey(db.ds, 'viewer')).key;
});

const scenarios = () => db.ds.getRepository(Scenario).count();

describe('documents too large or too costly to price are refused', () => {
  it('a 2^30 fragment fan-out with a viewer key is refused at once, fragments measured once each', async () => {
    const doc = `query { ...F0 }\n${fanOut(30, 2, 'datasets { name }', 'Query')}`;
    const started = Date.now();
    const err = await failure(server.url, viewer, doc);
    expect(err.code).toBe('QUERY_TOO_LARGE');
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/asks for 2,147,483,648 fields once its fragments are expanded; the limit is 1000/);
    // Not a timing target (bench/ has those): a guard against walking 2^30 selections, which took minutes.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('300 aliased runWhatIf behind a 12-level fragment fan-out store nothing', async () => {
    const before = await scenarios();
    const aliases = Array.from({ length: 300 }, (_, i) => `w${i}: ${WHAT_IF}`).join(' ');
    const doc = `mutation { ...F0 }\n${fanOut(12, 1, aliases, 'Mutation')}`;
    const err = await failure(server.url, analyst, doc);
    // Nine thousand tokens: refused while it is parsed.
    expect(err).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', status: 400 });
    expect(await scenarios()).toBe(before);
  });

  it('60 aliased fields behind a fragment fan-out are refused by the alias limit', async () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `d${i}: datasets { name }`).join(' ');
    const err = await failure(server.url, viewer, `query { ...F0 }\n${fanOut(12, 1, aliases, 'Query')}`);
    expect(err.code).toBe('QUERY_TOO_LARGE');
    expect(err.message).toMatch(/60 aliased fields .* the limit is 50/);
  });

  it('a fan-out under the node limit that still repeats a mutation is priced as the whole, not skipped', async () => {
    const before = await scenarios();
    const doc = `mutation { ...F0 }\n${fanOut(3, 3, `w: ${WHAT_IF}`, 'Mutation')}`;
    const err = await failure(server.url, analyst, doc);
    // 27 expanded copies of one aliased mutation: under the alias limit, but priced as 27.
    expect(err.code).toBe('QUERY_TOO_COMPLEX');
    expect(err.extensions.complexity).toBeGreaterThan(27 * 500);
    expect(await scenarios()).toBe(before);
  });

  it('eleven runWhatIf in one document cost more than one request may', async () => {
    const before = await scenarios();
    const err = await failure(server.url, analyst, `mutation { ${Array.from({ length: 11 }, (_, i) => `w${i}: ${WHAT_IF}`).join(' ')} }`);
    expect(err.code).toBe('QUERY_TOO_COMPLEX');
    expect(err.message).toMatch(/would cost \d+ .*the limit is 5000/);
    expect(await scenarios()).toBe(before);
  });

  it('response curves cost by their points: 40 aliased curves of 200 points are refused, one is answered', async () => {
    const curve = (alias: string) => `${alias}: responseCurve(channel: "tv", points: 200) { points { weeklySpend kpi } }`;
    const err = await failure(server.url, viewer, `{ ${Array.from({ length: 40 }, (_, i) => curve(`c${i}`)).join(' ')} }`);
    expect(err.code).toBe('QUERY_TOO_COMPLEX');
    const one = await query<{ c: { points: unknown[] } }>(server.url, viewer, `{ ${curve('c')} }`);
    expect(one.c.points).toHaveLength(200);
  });

  it('per-week optimizations cost by their weeks: two of 104 weeks in one document are refused', async () => {
    const perWeek = (alias: string) => `${alias}: optimizeBudget(input: { perWeek: true, weeks: 104, constraints: [] }) { id }`;
    const before = await scenarios();
    const err = await failure(server.url, analyst, `mutation { ${perWeek('a')} ${perWeek('b')} }`);
    expect(err.code).toBe('QUERY_TOO_COMPLEX');
    expect(await scenarios()).toBe(before);
  });

  it('a document of more than 3,000 tokens is refused while it is parsed', async () => {
    const doc = `{ ${Array.from({ length: 6000 }, () => 'datasets { name }').join(' ')} }`;
    const err = await failure(server.url, viewer, doc);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/more that 3000 tokens/);
  });

  it('variables that do not fit their types are BAD_USER_INPUT naming the variable, not a skipped limit', async () => {
    const err = await failure(server.url, viewer, 'query($n: Int!) { responseCurve(channel: "tv", points: $n) { points { weeklySpend } } }', { n: 'many' });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/\$n/);
  });
});

describe('lists are capped, duplicates refused, numbers kept to sensible ranges', () => {
  const optimize = (constraints: unknown[], objective?: unknown) =>
    failure(server.url, analyst, 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', { input: { constraints, ...(objective ? { objective } : {}) } });
  const whatIf = (input: unknown) => failure(server.url, analyst, 'mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id } }', { input });

  it('more than 20 share and ratio constraints are refused, saying the cap', async () => {
    const before = await scenarios();
    const shares = Array.from({ length: 21 }, (_, i) => ({ kind: 'SHARE', channels: ['tv'], max: 0.5 + i / 100 }));
    const err = await optimize(shares);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.problems).toContainEqual({ path: 'input.constraints', message: 'give at most 20 share and ratio constraints, got 21' });
    expect(await scenarios()).toBe(before);
  });

  it('10,000 constraints are refused by the length of the list, before anything reads its items; 51 by the argument’s cap', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'SHARE', channels: ['tv'], max: 0.5 + i / 1e6 }));
    const huge = await optimize(many(10_000));
    expect(huge).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    expect(huge.problems?.[0]).toEqual({ path: '$input.constraints', message: 'is a list of 10,000 items; lists take at most 1,000' });
    const over = await optimize(many(51));
    expect(over.problems?.[0]).toEqual({ path: 'input.constraints', message: 'give at most 50 constraints, got 51' });
  });

  it('a constraint given twice is refused at its path', async () => {
    const share = { kind: 'SHARE', channels: ['tv', 'search'], max: 0.6 };
    const err = await optimize([share, { kind: 'BOUNDS', channel: 'tv', min: 100 }, { ...share }]);
    expect(err.problems).toContainEqual({ path: 'input.constraints[2]', message: 'is the same as input.constraints[0]: give it once' });
  });

  it('a channel listed twice in a share is refused', async () => {
    const err = await optimize([{ kind: 'SHARE', channels: ['tv', 'tv'], max: 0.6 }]);
    expect(err.problems).toContainEqual({ path: 'input.constraints[0].channels[1]', message: '"tv" is listed twice' });
  });

  it('changes are capped and a change given twice is refused', async () => {
    const change = { kind: 'SCALE', channel: 'tv', amount: { percent: 1 } };
    const twice = await whatIf({ changes: [change, change] });
    expect(twice.problems).toContainEqual({ path: 'input.changes[1]', message: 'is the same as input.changes[0]: give it once' });
    const many = await whatIf({ changes: Array.from({ length: 21 }, (_, i) => ({ ...change, amount: { percent: i + 1 } })) });
    expect(many.problems?.[0]).toEqual({ path: 'input.changes', message: 'give at most 20 changes, got 21' });
  });

  it('a budget of 1e308 and a control value of 1e308 are BAD_USER_INPUT, and nothing is stored', async () => {
    const before = await scenarios();
    const budget = await optimize([], { kind: 'MAX_KPI', budget: 1e308 });
    expect(budget.code).toBe('BAD_USER_INPUT');
    expect(budget.problems?.[0].path).toBe('input.objective.budget');
    const control = await whatIf({ changes: [{ kind: 'SCALE', channel: 'tv', amount: { percent: 5 } }], controls: [{ name: 'promo', value: 1e308 }] });
    expect(control.code).toBe('BAD_USER_INPUT');
    expect(control.problems?.[0].path).toBe('input.controls[0].value');
    const money = await whatIf({ changes: [{ kind: 'SCALE', channel: 'tv', amount: { money: 1e300 } }] });
    expect(money.problems?.[0].path).toBe('input.changes[0].amount.money');
    expect(await scenarios()).toBe(before);
  });

  it('a NUL byte in an id, a literal or a variable is BAD_USER_INPUT naming where', async () => {
    const literal = await failure(server.url, viewer, '{ dataset(id: "demo\\u0000") { name } }');
    expect(literal).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    expect(literal.message).toMatch(/^dataset\(id\): .*NUL/);
    const variable = await failure(server.url, viewer, 'query($id: ID!) { dataset(id: $id) { name } }', { id: 'de\u0000mo' });
    expect(variable.message).toMatch(/^\$id: .*NUL/);
  });
});

describe('a time budget per request', () => {
  it('an optimization past its budget stops, says so, and stores nothing', async () => {
    const tight = await startTestServer(db, { requestBudgetMs: 1 }, { seed: false });
    try {
      const before = await scenarios();
      const err = await failure(tight.url, analyst, 'mutation { optimizeBudget(input: { perWeek: true, weeks: 52, constraints: [{ kind: SHARE, channels: ["tv", "search"], min: 0.3 }] }) { id } }');
      expect(err.code).toBe('TIME_BUDGET_EXCEEDED');
      expect(err.message).toMatch(/longer than the 1 ms one request may take/);
      expect(await scenarios()).toBe(before);
    } finally {
      await tight.close();
    }
  });
});
