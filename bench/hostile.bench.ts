/**
 * Hostile requests against the real server (`dist/src/server.js` in its own process, its
 * embedded PostgreSQL in a temporary directory), each sent over and over by one client while
 * a third sends a small query every 20 ms: the small query's latency is the figure. Issue 15's
 * target: its p99 stays under 100 ms while one hostile request runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { recordBenchResults, timingSummary } from './record';
import { fanOut, WHAT_IF_FIELD as WHAT_IF } from '../testkit/helpers/hostileDocuments';

const SECONDS = Number(process.env.BENCH_HOSTILE_SECONDS ?? 5);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const CHANNELS = ['tv', 'search', 'social', 'display', 'radio'];
/** The costliest optimization the limits let through: a per-week plan over 104 weeks with 20 distinct share and ratio constraints. */
const WORST_ACCEPTED = {
  perWeek: true,
  weeks: 104,
  constraints: [
    ...CHANNELS.flatMap((c, i) => [
      { kind: 'SHARE', channels: [c], min: 0.02 + i / 1000 },
      { kind: 'SHARE', channels: [c], max: 0.6 - i / 1000 },
    ]),
    ...CHANNELS.flatMap((n, i) => CHANNELS.filter((d) => d !== n).slice(0, 2).map((d, j) => ({ kind: 'RATIO', numerator: n, denominator: d, max: 20 + i + j }))),
  ],
};

interface Hostile {
  name: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

const HOSTILE: Hostile[] = [
  { name: 'fragmentFanOut2to30', body: JSON.stringify({ query: `query { ...F0 }\n${fanOut(30, 2, 'datasets { name }', 'Query')}` }) },
  { name: 'aliasedRunWhatIf300', body: JSON.stringify({ query: `mutation { ...F0 }\n${fanOut(12, 1, Array.from({ length: 300 }, (_, i) => `w${i}: ${WHAT_IF}`).join(' '), 'Mutation')}` }) },
  { name: 'aliasedResponseCurve40x200', body: JSON.stringify({ query: `{ ${Array.from({ length: 40 }, (_, i) => `c${i}: responseCurve(channel: "tv", points: 200) { points { weeklySpend kpi } }`).join(' ')} }` }) },
  {
    name: 'shares10000',
    body: JSON.stringify({ query: 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', variables: { input: { constraints: Array.from({ length: 10_000 }, (_, i) => ({ kind: 'SHARE', channels: ['tv'], max: 0.5 + i / 1e6 })) } } }),
  },
  { name: 'gzipBomb40MB', body: gzipSync(Buffer.from(`{"query":"${' '.repeat(40 * 1024 * 1024)}"}`)), headers: { 'content-encoding': 'gzip' } },
  { name: 'worstAcceptedOptimization', body: JSON.stringify({ query: 'mutation($input: OptimizeInput!) { optimizeBudget(input: $input) { id } }', variables: { input: WORST_ACCEPTED } }) },
];

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-hostile-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'server.js')], {
    env: { ...process.env, MIXWISE_DATA_DIR: dir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'error', LOG_FORMAT: 'json', MIXWISE_SCHEDULER: 'off', SLACK_BOT_TOKEN: '', SLACK_SIGNING_SECRET: '', MIXWISE_GRAPHQL_RATE_LIMIT: 'off' },
    // The per-key rate limit is off: this measures the server under hostile documents, not the limit turning them away.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const key = readFileSync(join(dir, 'first-admin-key'), 'utf8').trim();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const small = async (): Promise<number> => {
      const started = performance.now();
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: '{"query":"{ datasets { name weeks } }"}' });
      await res.text();
      if (res.status !== 200) throw new Error(`the small query failed: ${res.status}`);
      return performance.now() - started;
    };
    const measure = async (during?: Hostile): Promise<Record<string, unknown>> => {
      let stop = false;
      const hostileMs: number[] = [];
      const statuses = new Set<number>();
      const attacker = async () => {
        while (!stop) {
          const started = performance.now();
          const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { ...headers, ...during!.headers }, body: during!.body }).catch(() => null);
          await res?.text();
          statuses.add(res?.status ?? 0);
          hostileMs.push(performance.now() - started);
        }
      };
      // One hostile request in flight at a time, sent again as soon as it is answered.
      const attackers = during ? [attacker()] : [];
      const samples: number[] = [];
      const until = Date.now() + SECONDS * 1000;
      while (Date.now() < until) {
        samples.push(await small());
        await new Promise((r) => setTimeout(r, 20));
      }
      stop = true;
      await Promise.all(attackers);
      return { smallQuery: timingSummary(samples), ...(during ? { hostileRequests: hostileMs.length, hostileStatuses: [...statuses], hostile: timingSummary(hostileMs) } : {}) };
    };
    const figures: Record<string, unknown> = { secondsPerCase: SECONDS, baseline: await measure() };
    for (const hostile of HOSTILE) {
      process.stderr.write(`  hostile: ${hostile.name}\n`);
      figures[hostile.name] = await measure(hostile);
    }
    recordBenchResults('hostile', figures);
    process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
