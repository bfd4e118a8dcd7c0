import { WebClient, type RetryOptions } from '@slack/web-api';
import type { AppConfig } from '../src/config';

/**
 * The one way this process talks to Slack's Web API (bot replies, digests, alerts).
 * `SLACK_API_URL` points it elsewhere (tests use a fake on loopback). Retries are few and
 * short: the client's default keeps retrying for ~30 minutes.
 */
export const SLACK_RETRIES: RetryOptions = { retries: 2, factor: 1.5, minTimeout: 100, maxTimeout: 1000 };

/**
 * The bot's client does not retry inside a call: a retry after a timeout could post an answer
 * twice. The outbox retries instead, and first looks whether the earlier post got through.
 */
export const DURABLE_RETRIES: RetryOptions = { retries: 0 };

export interface SlackApiOptions {
  slackApiUrl?: string;
  retryConfig: RetryOptions;
  /** A call that has not answered in this long fails instead of holding its answer for minutes. */
  timeout: number;
  rejectRateLimitedCalls?: boolean;
}

/**
 * `durable`: the bot's client, whose answers go through the outbox. A 429 is then thrown with
 * its Retry-After rather than waited out inside the call, and the outbox retries the answer
 * when Slack said to.
 */
export function slackApiOptions(config: AppConfig, options: { durable?: boolean } = {}): SlackApiOptions {
  return {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: options.durable ? DURABLE_RETRIES : SLACK_RETRIES,
    timeout: config.slack.requestTimeoutMs,
    ...(options.durable ? { rejectRateLimitedCalls: true } : {}),
  };
}

/** A Web API client, or null when Slack is not configured (the server then runs without Slack). */
export function createSlackWebClient(config: AppConfig): WebClient | null {
  if (!config.slack.botToken) return null;
  return new WebClient(config.slack.botToken, slackApiOptions(config));
}

/** An error of the Web API client (Slack said no, a 5xx, a 429, a timeout, no connection): worth trying again, not the question's fault. */
export function isSlackApiError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('slack_webapi_');
}

/** A chart to share in a thread (answers and digests alike). */
export interface ThreadChart {
  png: Buffer;
  filename: string;
  title: string;
  /** What the image shows, for screen readers. */
  altText: string;
}

/** The one upload path: the current API (getUploadURLExternal → bytes → completeUploadExternal), shared into the thread. */
export async function shareChartInThread(client: WebClient, channel: string, threadTs: string, chart: ThreadChart): Promise<void> {
  await client.filesUploadV2({ channel_id: channel, thread_ts: threadTs, file: chart.png, filename: chart.filename, title: chart.title, alt_text: chart.altText });
}
