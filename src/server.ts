import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { buildAppSchema } from '../schema/buildSchema';
import { createGraphQLRouter, jsonErrors } from '../schema/graphqlServer';
import { createSlackReceiver } from '../bot/slackApp';
import { slackJobNotifier } from '../bot/jobNotifier';
import { startScheduler, type Scheduler } from '../jobs';
import { loadConfig, type AppConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { EmbeddedPostgresError } from './db/postgresProcess';
import { createLogger, setLogger, type Logger } from './logger';
import type { AppContext } from './services/appContext';
import { InFlight } from './services/inFlight';
import { holdCpuPool, type CpuPoolHold } from './services/cpuPool';
import { seedIfEmpty } from './services/seed';

export interface RunningServer {
  url: string;
  port: number;
  app: AppContext;
  close(): Promise<void>;
}

/**
 * One process: GraphQL, Slack and the scheduler on one port, over one database. Tests start
 * it with their own config and database; `npm start` through `main()`.
 */
export async function startServer(config: AppConfig, log: Logger, options: { database?: Database; seed?: boolean } = {}): Promise<RunningServer> {
  const hold = holdCpuPool();
  try {
    return await startHoldingPool(config, log, options, hold);
  } catch (err) {
    await hold.release();
    throw err;
  }
}

async function startHoldingPool(config: AppConfig, log: Logger, options: { database?: Database; seed?: boolean }, hold: CpuPoolHold): Promise<RunningServer> {
  const database = options.database ?? (await openDatabase(config, log));
  const inFlight = new InFlight();
  const pool = hold.pool;
  const app: AppContext = { ds: database.dataSource, log, config, inFlight, cpuPool: pool, jobNotifier: slackJobNotifier(config, { cpuPool: pool }) };
  if (options.seed ?? true) {
    const seeded = await seedIfEmpty(app.ds, config.demoCsv, log);
    if (seeded.firstAdminKey) announceFirstAdminKey(seeded.firstAdminKey, config.dataDir, log);
  }

  if (config.worker === 'only') return startWorkerOnly(app, database, !options.database, hold);

  const web = express();
  web.disable('x-powered-by');
  // Standard security headers. Every response is JSON, so the content policy allows nothing
  // to load; GraphQL's landing page (GET /graphql in a browser) loads Apollo's sandbox.
  web.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } } }));
  web.get('/graphql', (_req, res, next) => {
    res.removeHeader('content-security-policy');
    next();
  });
  // Every request is work in flight until its response is done; once shutdown began, new ones are turned away.
  web.use((req, res, next) => {
    if (inFlight.stopping) {
      res.setHeader('connection', 'close');
      res.status(503).setHeader('retry-after', '5').json({ errors: [{ message: 'This server is shutting down; try again in a moment.', extensions: { code: 'SHUTTING_DOWN' } }] });
      return;
    }
    void inFlight.track(new Promise<void>((resolve) => res.once('close', () => resolve())));
    next();
  });
  web.get('/healthz', async (_req, res) => {
    try {
      await app.ds.query('SELECT 1');
      res.json({ status: 'ok', database: 'ok', slack: config.slack.botToken ? 'configured' : 'not configured' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  const graphql = await createGraphQLRouter(app, await buildAppSchema());
  web.use('/graphql', graphql.router);
  const slack = createSlackReceiver(app, web);
  await slack?.start();
  // Nothing else here: JSON, never express's HTML pages with their stack traces.
  web.use((req, res) => {
    res.status(404).json({ errors: [{ message: `Nothing here: ${req.method} ${req.path}. The API is POST /graphql; Slack posts to /slack/events; GET /healthz.`, extensions: { code: 'NOT_FOUND' } }] });
  });
  web.use(jsonErrors(app));
  const scheduler = startJobs(app);

  const http: Server = await new Promise((resolve, reject) => {
    const s = web.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port, graphql: `http://localhost:${port}/graphql` }, 'Mixwise is listening');

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    close: () =>
      (closing ??= (async () => {
        // Stop taking work: no new connections, idle keep-alive ones closed, new requests on open ones get a 503.
        const listening = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        await scheduler?.stop();
        await slack?.stop();
        // Finish what is in flight within the grace period; what is left is handed back.
        const finished = await inFlight.drain(config.shutdownGraceMs);
        if (!finished) log.warn({ inFlight: inFlight.size, graceMs: config.shutdownGraceMs }, 'work still in flight after the grace period; handing it back');
        await slack?.handBack();
        http.closeAllConnections();
        await listening;
        await graphql.stop();
        await hold.release();
        if (!options.database) await database.close();
      })()),
  };
}

/**
 * The scheduler loop (fire times, MIXWISE_SCHEDULER) and this instance's share of the job
 * queue (MIXWISE_WORKER); none when both are off. Running jobs are handed back to the queue
 * when it stops.
 */
function startJobs(app: AppContext): Scheduler | null {
  const { config } = app;
  if (!config.schedulerEnabled && config.worker === 'off') return null;
  const scheduler = startScheduler(app, {
    fireTimes: config.schedulerEnabled,
    worker: config.worker !== 'off',
    stopGraceMs: config.shutdownGraceMs,
    heartbeatMs: config.jobHeartbeatMs,
    staleAfterMs: config.jobStaleAfterMs,
    // Dead runs are looked for on the poll: often enough that a killed instance's runs wait at most half their stale limit more.
    pollIntervalMs: Math.min(30_000, Math.max(1_000, Math.floor(config.jobStaleAfterMs / 2))),
  });
  app.jobWorker = scheduler.worker;
  return scheduler;
}

/**
 * MIXWISE_WORKER=only: an instance that trains (takes jobs off the queue) and serves no HTTP,
 * for operators who keep training on machines of its own.
 */
async function startWorkerOnly(app: AppContext, database: Database, ownDatabase: boolean, hold: CpuPoolHold): Promise<RunningServer> {
  const scheduler = startJobs(app);
  app.log.info({ owner: scheduler?.owner, concurrency: app.config.workerConcurrency }, 'Mixwise job worker running (MIXWISE_WORKER=only: no HTTP)');
  let closing: Promise<void> | null = null;
  return {
    url: '',
    port: 0,
    app,
    close: () =>
      (closing ??= (async () => {
        await scheduler?.stop();
        await hold.release();
        if (ownDatabase) await database.close();
      })()),
  };
}

/** Where the first admin key goes when stdout is not a terminal (a log shipper would keep it). */
export const FIRST_ADMIN_KEY_FILE = 'first-admin-key';

/**
 * The first admin key is shown once: on the terminal when there is one, otherwise written to
 * a file only its owner can read (0600) in the data directory, and the log says where, never
 * the key itself.
 */
function announceFirstAdminKey(key: string, dataDir: string, log: Logger): void {
  const usage = `Use it as "Authorization: Bearer <key>"; make more with \`mmm key create --role analyst\`.`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\n  First start: an admin API key was created. It is shown only this once:\n\n    ${key}\n\n  ${usage}\n\n`);
    return;
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, FIRST_ADMIN_KEY_FILE);
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(file, 0o600);
  log.warn({ file }, `First start: an admin API key was created and written to ${file} (readable by this user only). ${usage} Delete the file once the key is kept somewhere safe.`);
}

/** `npm start` and `mmm serve`: run until SIGINT/SIGTERM, then stop everything in order. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  setLogger(log);
  const server = await startServer(config, log);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Stops in order: HTTP, GraphQL, the connection pool, then PostgreSQL.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** `npm start` (scripts/start.js) and `node dist/src/server.js`: main(), and a failed start reported. */
export function runMain(): void {
  main().catch((err: unknown) => {
    // A start that fails for a reason the user can fix says what to do, in one paragraph, without a stack trace.
    if (err instanceof EmbeddedPostgresError) createLogger().fatal(err.message);
    else createLogger().fatal({ err }, 'Mixwise failed to start');
    process.exit(1);
  });
}

if (require.main === module) runMain();
