/**
 * `runWhatIf` over real HTTP on loopback, as an internal tool would call it: the whole server
 * (auth, GraphQL, limits, the scenario on the production model, storing the scenario) on an
 * embedded PostgreSQL, concurrent clients for a fixed time (autocannon): 20 connections asking
 * for the delta and the KPI after, then 32 asking for all a tool shows (restatement,
 * before/after plan and KPI, the delta with its interval, per-channel contributions with theirs,
 * spend change, warnings, binding constraints) over 40 distinct what-ifs.
 * Target on 2 cores: at least 300 requests/s with p99 under 100 ms, both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { createApiKey } from '../src/services/apiKeys';
import { recordBenchResults } from './record';

const CONNECTIONS = 20;
/** The load generator runs on a worker thread: on the server's own event loop it would slow the server it measures. */
const CLIENT_THREADS = 1;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

/** The part of autocannon's result read here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { average: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const WHAT_IF = 'mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id result { delta { value low high probabilityBetter } after { kpi } } } }';

/** Everything a tool shows of a what-if. */
export const FULL_WHAT_IF = `mutation($input: WhatIfInput!) { runWhatIf(input: $input) { id result {
  restatement weeks
  before { kpi weeklySpend { channel amount } } after { kpi weeklySpend { channel amount } }
  delta { value pct low high probabilityBetter }
  spendChange { weeklyBefore weeklyAfter weeklyChange pct kpiPerUnit { value low high } }
  contributions { channel before after change changeLow changeHigh }
  warnings optimization { binding }
} } }`;
const FULL_CONNECTIONS = 32;

/** Forty different what-ifs: shifts between every ordered pair of the five channels at two amounts. */
export const FORTY_WHAT_IFS = ['tv', 'search', 'social', 'display', 'radio'].flatMap((from, i, all) =>
  all.filter((to) => to !== from).flatMap((to, j) => [5 + i + j, 25 + i + j].map((percent) => ({ weeks: 13, changes: [{ kind: 'SHIFT', from, to: [{ channel: to }], amount: { percent } }] }))),
);

/**
 * Sixteen different what-ifs, sent in turn on each connection: shifts between channel pairs and
 * scalings by different amounts, so that every request runs its own scenario.
 */
const WHAT_IF_INPUTS = [
  ...[['tv', 'search'], ['radio', 'social'], ['display', 'search'], ['tv', 'social']].flatMap(([from, to], i) =>
    [10, 20, 30].map((percent) => ({ weeks: 13, changes: [{ kind: 'SHIFT', from, to: [{ channel: to }], amount: { percent: percent + i } }] })),
  ),
  ...['tv', 'search', 'radio', 'social'].map((channel, i) => ({ weeks: 8 + i, changes: [{ kind: 'SCALE', channel, amount: { percent: -15 + 10 * i } }] })),
];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-graphql-'));
  const log = createLogger({ level: 'warn', destination: 'stderr' });
  // Throughput of one key, so its rate limit is off (MIXWISE_GRAPHQL_RATE_LIMIT would refuse most of these requests).
  const config = { ...loadConfig({ MIXWISE_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', MIXWISE_SCHEDULER: 'off', MIXWISE_GRAPHQL_RATE_LIMIT: 'off' }) };
  const server = await startServer(config, log);
  try {
    const { key } = await createApiKey(server.app.ds, 'analyst', 'bench');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const bodies = WHAT_IF_INPUTS.map((input) => JSON.stringify({ query: WHAT_IF, variables: { input } }));
    const request = { url: `${server.url}/graphql`, method: 'POST', headers, requests: bodies.map((body) => ({ method: 'POST', path: '/graphql', headers, body })) };

    // Every request checked by hand first: a benchmark of error responses would measure nothing.
    for (const body of bodies) {
      const check = await fetch(request.url, { method: 'POST', headers, body });
      const answer = (await check.json()) as { errors?: unknown[] };
      if (check.status !== 200 || answer.errors) throw new Error(`runWhatIf failed before the benchmark: ${check.status} ${JSON.stringify(answer)} for ${body}`);
    }

    await autocannon({ ...request, connections: CONNECTIONS, workers: CLIENT_THREADS, duration: WARMUP_SECONDS });
    const idleBefore = performance.eventLoopUtilization();
    const result = await autocannon({ ...request, connections: CONNECTIONS, workers: CLIENT_THREADS, duration: DURATION_SECONDS });
    // The server's own cost: how long its event loop was busy per request (less sensitive to a noisy machine than requests/s).
    const busy = performance.eventLoopUtilization(idleBefore);
    // What a tool asks for, over more connections and more distinct questions.
    const fullBodies = FORTY_WHAT_IFS.map((input) => JSON.stringify({ query: FULL_WHAT_IF, variables: { input } }));
    for (const body of fullBodies) {
      const check = await fetch(request.url, { method: 'POST', headers, body });
      const answer = (await check.json()) as { errors?: unknown[] };
      if (check.status !== 200 || answer.errors) throw new Error(`runWhatIf (full selection) failed before the benchmark: ${check.status} ${JSON.stringify(answer)} for ${body}`);
    }
    const fullRequest = { ...request, requests: fullBodies.map((body) => ({ method: 'POST', path: '/graphql', headers, body })) };
    await autocannon({ ...fullRequest, connections: FULL_CONNECTIONS, workers: CLIENT_THREADS, duration: WARMUP_SECONDS });
    const fullIdleBefore = performance.eventLoopUtilization();
    const full = await autocannon({ ...fullRequest, connections: FULL_CONNECTIONS, workers: CLIENT_THREADS, duration: DURATION_SECONDS });
    const fullBusy = performance.eventLoopUtilization(fullIdleBefore);
    // For comparison, the cost of everything but the scenario: authentication, GraphQL and one small read.
    const read = await autocannon({ url: request.url, method: 'POST', headers, body: JSON.stringify({ query: '{ datasets { name weeks } }' }), connections: CONNECTIONS, workers: CLIENT_THREADS, duration: 5 });
    // Requests autocannon abandoned at the end may still be running: let them finish before the database closes.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const figures = {
      connections: CONNECTIONS,
      distinctWhatIfs: bodies.length,
      durationSeconds: DURATION_SECONDS,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMeanMs: result.latency.average,
      latencyP50Ms: result.latency.p50,
      latencyP90Ms: result.latency.p90,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      serverBusyMsPerRequest: busy.active / result.requests.total,
      serverEventLoopUtilization: busy.utilization,
      loadAverage1m: loadavg()[0],
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      target: { requestsPerSecond: 300, latencyP99Ms: 100 },
      fullSelection: {
        connections: FULL_CONNECTIONS,
        distinctWhatIfs: fullBodies.length,
        requests: full.requests.total,
        requestsPerSecond: full.requests.average,
        latencyMeanMs: full.latency.average,
        latencyP50Ms: full.latency.p50,
        latencyP90Ms: full.latency.p90,
        latencyP99Ms: full.latency.p99,
        latencyMaxMs: full.latency.max,
        serverBusyMsPerRequest: fullBusy.active / full.requests.total,
        serverEventLoopUtilization: fullBusy.utilization,
        errors: full.errors + full.timeouts,
        non2xx: full.non2xx,
        meetsTarget: full.requests.average >= 300 && full.latency.p99 <= 100 && full.non2xx === 0 && full.errors === 0,
      },
      smallReadRequestsPerSecond: read.requests.average,
      smallReadLatencyP99Ms: read.latency.p99,
      meetsTarget: result.requests.average >= 300 && result.latency.p99 < 100 && result.non2xx === 0 && result.errors === 0,
    };
    recordBenchResults('graphql', figures);
    process.stderr.write(`graphql: ${JSON.stringify(figures)}\n`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
