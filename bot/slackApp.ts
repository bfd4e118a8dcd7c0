import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Application } from 'express';
import type { AppContext } from '../src/services/appContext';
import { boltLogger } from './boltLogger';
import { registerListeners } from './listeners';
import { SlackOutbox } from './outbox';
import { slackApiOptions } from './slackClient';

/** The path Slack posts events, slash commands and interactivity (buttons) to. */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackBot {
  bolt: App;
  mode: 'http' | 'socket';
  /** Socket Mode connects here; over HTTP the routes already live on the shared express app. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** After shutdown's grace period: answers not yet posted are released for the next process. */
  handBack(): Promise<void>;
}

// Bolt would call auth.test at start to learn who it is; Slack is not reachable from every
// machine this runs on, and listeners filter bot messages themselves, so these stand in.
const BOT_IDENTITY = { botId: 'B_MIXWISE', botUserId: 'U_MIXWISE' };

/**
 * The Slack bot on the server's express app: `POST /slack/events` (signature-verified on the
 * raw body, so no JSON parser may run before it), or Socket Mode when SLACK_APP_TOKEN is set.
 * Returns null, and says why, when Slack is not configured.
 */
export function createSlackReceiver(app: AppContext, expressApp: Application): SlackBot | null {
  const { botToken, signingSecret, appToken } = app.config.slack;
  if (!botToken || (!signingSecret && !appToken)) {
    app.log.info('Slack is not configured (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode): the bot is off; `mmm ask` still works');
    return null;
  }
  const common = {
    token: botToken,
    ...BOT_IDENTITY,
    tokenVerificationEnabled: false,
    // Our own replies come back as bot messages; the listeners skip every bot message anyway.
    ignoreSelf: false,
    logger: boltLogger(app.log),
    logLevel: LogLevel.WARN,
    clientOptions: slackApiOptions(app.config, { durable: true }),
  };

  // The bot's answers go through the outbox, which retries them: started with the bot, stopped and handed back at shutdown.
  const withOutbox = (bolt: App, mode: 'http' | 'socket', start: () => Promise<void>, stop: () => Promise<void>): SlackBot => {
    const outbox = new SlackOutbox(app, bolt.client, app.config.slack.outbox);
    registerListeners(bolt, app, outbox);
    return {
      bolt,
      mode,
      start: async () => {
        outbox.start();
        await start();
      },
      stop: async () => {
        outbox.stop();
        await stop();
      },
      handBack: () => outbox.handBack(),
    };
  };

  if (appToken) {
    const bolt = new App({ ...common, appToken, socketMode: true });
    return withOutbox(
      bolt,
      'socket',
      async () => {
        await bolt.start();
        app.log.info('Slack bot connected in Socket Mode');
      },
      async () => {
        await bolt.stop();
      },
    );
  }

  const receiver = new ExpressReceiver({
    signingSecret: signingSecret!,
    app: expressApp,
    endpoints: SLACK_EVENTS_PATH,
    // Acknowledge once the question is stored (bot/outbox.ts), then answer from the outbox: a
    // question that could not be stored gets a 500, and Slack delivers it again.
    processBeforeResponse: true,
    logger: boltLogger(app.log),
  });
  const bolt = new App({ ...common, receiver });
  app.log.info({ path: SLACK_EVENTS_PATH }, 'Slack bot listening for events, commands and buttons');
  return withOutbox(bolt, 'http', async () => undefined, async () => undefined);
}
