import { SLACK_EVENTS_PATH } from '../../bot/slackApp';
import type { AppConfig } from '../../src/config';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFakeSlack, type FakeSlack } from '../../testkit/helpers/fakeSlack';
import { startTestServer } from '../helpers/server';
import { slackSender, type SlackSender } from '../../testkit/bot/slackRequests';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** Slack settings for tests: the fake's URL, and retries, timeouts and polls short enough for a test to watch. */
export function testSlackConfig(apiUrl: string, overrides: Partial<AppConfig['slack']> = {}): AppConfig['slack'] {
  return {
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    appToken: null,
    apiUrl,
    requestTimeoutMs: 1_000,
    ...overrides,
    outbox: { pollMs: 100, leaseMs: 2_000, retryBaseMs: 50, retryMaxMs: 400, giveUpMs: 60_000, concurrency: 8, ...overrides.outbox },
  };
}

export interface BotHarness {
  db: TestDatabase;
  slack: FakeSlack;
  server: RunningServer;
  /** Sends signed requests to the server's `POST /slack/events`. */
  sender: SlackSender;
  close(): Promise<void>;
}

/**
 * The real server (demo dataset seeded, production model trained; GraphQL and the bot on one
 * port) with Slack's Web API pointed at a fake on loopback.
 */
export async function startBotHarness(options: { slack?: Partial<AppConfig['slack']>; config?: Partial<AppConfig> } = {}): Promise<BotHarness> {
  const db = await createTestDatabase();
  const slack = await startFakeSlack();
  const server = await startTestServer(db, { ...options.config, slack: testSlackConfig(slack.apiUrl, options.slack) });
  return {
    db,
    slack,
    server,
    sender: slackSender(`${server.url}${SLACK_EVENTS_PATH}`, SIGNING_SECRET),
    close: async () => {
      await server.close();
      await slack.close();
      await db.drop();
    },
  };
}
