import { WebClient, type RetryOptions } from '@slack/web-api';
import type { AppConfig } from '../src/config';

/**
 * The one way this process talks to Slack's Web API (bot replies, digests, alerts).
 * `SLACK_API_URL` points it elsewhere (tests use a fake on loopback). Retries are few and
 * short: the client's default keeps retrying for ~30 minutes.
 */
export const SLACK_RETRIES: RetryOptions = { retries: 2, factor: 1.5, minTimeout: 100, maxTimeout: 1000 };

export function slackApiOptions(config: AppConfig): { slackApiUrl?: string; retryConfig: RetryOptions } {
  return { ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}), retryConfig: SLACK_RETRIES };
}

/** A Web API client, or null when Slack is not configured (the server then runs without Slack). */
export function createSlackWebClient(config: AppConfig): WebClient | null {
  if (!config.slack.botToken) return null;
  return new WebClient(config.slack.botToken, slackApiOptions(config));
}
