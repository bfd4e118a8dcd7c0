import type { Server } from 'node:http';
import express from 'express';
import { createSlackReceiver, SLACK_EVENTS_PATH } from '../../bot/slackApp';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../helpers/fakeSlack';
import { startTestServer } from '../helpers/server';
import { slackSender, type SlackSender } from './slackRequests';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface BotHarness {
  db: TestDatabase;
  slack: FakeSlack;
  server: RunningServer;
  /** Sends signed requests to the bot's `POST /slack/events`. */
  sender: SlackSender;
  eventsUrl: string;
  close(): Promise<void>;
}

/**
 * The real server (demo dataset seeded, production model trained) with Slack pointed at a
 * fake Web API. The bot's receiver is mounted on an express app of the test's own, with the
 * server's AppContext, until src/server.ts mounts it on the shared app.
 */
export async function startBotHarness(): Promise<BotHarness> {
  const db = await createTestDatabase();
  const slack = await startFakeSlack();
  const server = await startTestServer(db, { slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, appToken: null, apiUrl: slack.apiUrl } });
  const web = express();
  const bot = createSlackReceiver(server.app, web);
  if (!bot) throw new Error('the Slack bot was not created although the test configured Slack');
  const http: Server = await new Promise((resolve) => {
    const s = web.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = http.address();
  const eventsUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${SLACK_EVENTS_PATH}`;
  return {
    db,
    slack,
    server,
    sender: slackSender(eventsUrl, SIGNING_SECRET),
    eventsUrl,
    close: async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await bot.stop();
      await server.close();
      await slack.close();
      await db.drop();
    },
  };
}
