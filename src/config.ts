import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';

/**
 * Everything the process reads from its environment, in one place, so the README's
 * configuration table and the code cannot drift apart.
 */
export interface AppConfig {
  /** PostgreSQL connection string; unset = the embedded server under `dataDir`. */
  databaseUrl: string | null;
  /** Where the embedded PostgreSQL keeps its files. */
  dataDir: string;
  port: number;
  slack: {
    botToken: string | null;
    signingSecret: string | null;
    appToken: string | null;
    apiUrl: string | null;
    /** A Web API call that has not answered in this long fails (and its answer is retried). */
    requestTimeoutMs: number;
    /** Durable answers (bot/outbox.ts): retry backoff, lease, poll interval, and when a question is given up with an apology. */
    outbox: { pollMs: number; leaseMs: number; retryBaseMs: number; retryMaxMs: number; giveUpMs: number; concurrency: number };
  };
  /** Seed file for the demo dataset on first start. */
  demoCsv: string;
  logLevel: string;
  /** Development shows error details (stack traces) in GraphQL errors; production never does. */
  isDevelopment: boolean;
  /** Fire times of the job schedules queued by this process, on/off (tests that run several servers can turn it off). */
  schedulerEnabled: boolean;
  /** `on`: serves and takes jobs off the queue; `off`: serves only; `only`: takes jobs, serves no HTTP (a training machine). */
  worker: WorkerMode;
  /** Job runs (fits) this instance runs at once. */
  workerConcurrency: number;
  /** A running job heartbeats this often; one whose heartbeat is older than `staleAfterMs` is taken to be dead and goes to another instance. */
  jobHeartbeatMs: number;
  jobStaleAfterMs: number;
  /** Time budget of one request's computation (an optimization, a what-if), in ms; past it the work stops. */
  requestBudgetMs: number;
  /** On SIGTERM, how long work in flight (HTTP requests, Slack answers) may take to finish before it is handed back. */
  shutdownGraceMs: number;
  /** GraphQL requests one API key may make per minute in this process; null = no limit. */
  graphqlRequestsPerMinute: number | null;
}

/** The project root, whether this file runs from `src/` (tests) or from the build in `dist/src/`. */
export const PROJECT_ROOT = resolve(__dirname, basename(resolve(__dirname, '..')) === 'dist' ? '../..' : '..');

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

function positiveMs(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 3_600_000) throw new Error(`${name} must be a whole number of milliseconds from 1 to 3600000, got "${raw}"`);
  return value;
}

/** A count per minute, or `off` (also `0`) for none. */
function perMinute(env: NodeJS.ProcessEnv, name: string, fallback: number): number | null {
  const raw = nonEmpty(env[name]);
  if (raw === null) return fallback;
  if (raw.toLowerCase() === 'off' || raw === '0') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) throw new Error(`${name} must be a whole number of requests per minute from 1 to 1000000, or "off", got "${raw}"`);
  return value;
}

export const WORKER_MODES = ['on', 'off', 'only'] as const;
export type WorkerMode = (typeof WORKER_MODES)[number];

function workerMode(text: string | undefined): WorkerMode {
  const mode = nonEmpty(text) ?? 'on';
  if (!(WORKER_MODES as readonly string[]).includes(mode)) throw new Error(`MIXWISE_WORKER must be on, off or only, got "${text}"`);
  return mode as WorkerMode;
}

/** Every core but one, which stays for serving; at least one. */
export function defaultWorkerConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

function workerConcurrency(text: string | undefined): number {
  const given = nonEmpty(text);
  if (given === null) return defaultWorkerConcurrency();
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error(`MIXWISE_WORKER_CONCURRENCY must be a whole number from 1 to 256, got "${text}"`);
  return n;
}

function jobTimings(env: NodeJS.ProcessEnv): { jobHeartbeatMs: number; jobStaleAfterMs: number } {
  const jobStaleAfterMs = positiveMs(env, 'MIXWISE_JOB_STALE_MS', 5 * 60_000);
  // Three beats at least fit in the stale limit, so a live run never looks dead.
  const jobHeartbeatMs = positiveMs(env, 'MIXWISE_JOB_HEARTBEAT_MS', Math.min(15_000, Math.floor(jobStaleAfterMs / 3)));
  if (jobStaleAfterMs <= 2 * jobHeartbeatMs) throw new Error(`MIXWISE_JOB_STALE_MS (${jobStaleAfterMs}) must be more than twice MIXWISE_JOB_HEARTBEAT_MS (${jobHeartbeatMs})`);
  return { jobHeartbeatMs, jobStaleAfterMs };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: resolve(nonEmpty(env.MIXWISE_DATA_DIR) ?? resolve(PROJECT_ROOT, '.data')),
    port,
    slack: {
      botToken: nonEmpty(env.SLACK_BOT_TOKEN),
      signingSecret: nonEmpty(env.SLACK_SIGNING_SECRET),
      appToken: nonEmpty(env.SLACK_APP_TOKEN),
      apiUrl: nonEmpty(env.SLACK_API_URL),
      requestTimeoutMs: positiveMs(env, 'SLACK_REQUEST_TIMEOUT_MS', 10_000),
      outbox: {
        pollMs: positiveMs(env, 'MIXWISE_SLACK_POLL_MS', 1_000),
        leaseMs: positiveMs(env, 'MIXWISE_SLACK_LEASE_MS', 20_000),
        retryBaseMs: positiveMs(env, 'MIXWISE_SLACK_RETRY_BASE_MS', 1_000),
        retryMaxMs: positiveMs(env, 'MIXWISE_SLACK_RETRY_MAX_MS', 15_000),
        giveUpMs: positiveMs(env, 'MIXWISE_SLACK_GIVE_UP_MS', 15 * 60_000),
        // Answers wait mostly on PostgreSQL commits and Slack's Web API, not on this thread: 32 at once keeps a burst of mentions moving (bounded, so a flood cannot pile up work).
        concurrency: 32,
      },
    },
    demoCsv: resolve(PROJECT_ROOT, 'data', 'demo_weekly.csv'),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    isDevelopment: env.NODE_ENV === 'development',
    schedulerEnabled: env.MIXWISE_SCHEDULER !== 'off',
    worker: workerMode(env.MIXWISE_WORKER),
    workerConcurrency: workerConcurrency(env.MIXWISE_WORKER_CONCURRENCY),
    ...jobTimings(env),
    requestBudgetMs: positiveMs(env, 'MIXWISE_REQUEST_BUDGET_MS', 10_000),
    shutdownGraceMs: positiveMs(env, 'MIXWISE_SHUTDOWN_GRACE_MS', 10_000),
    graphqlRequestsPerMinute: perMinute(env, 'MIXWISE_GRAPHQL_RATE_LIMIT', 600),
  };
}
