import { createHmac, randomBytes } from 'node:crypto';

/**
 * Requests as Slack sends them to `POST /slack/events`, signed with the app's signing secret
 * (v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>`).
 */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Override the computed signature (to send a bad one). */
  signature?: string;
  retryNum?: number;
}

export interface SlackSender {
  send(rawBody: string, contentType: string, options?: SendOptions): Promise<{ status: number; body: string; receivedAt: number }>;
  event(event: Record<string, unknown>, options?: SendOptions & { eventId?: string }): Promise<{ status: number; eventId: string; receivedAt: number }>;
  command(fields: Record<string, string>, options?: SendOptions): Promise<{ status: number; receivedAt: number }>;
  action(payload: Record<string, unknown>, options?: SendOptions): Promise<{ status: number; receivedAt: number }>;
}

export function newEventId(): string {
  return `Ev${randomBytes(6).toString('hex').toUpperCase()}`;
}

let tsCounter = 0;
/** A message timestamp as Slack writes them ("1700000000.000123"), unique within the run. */
export function newTs(): string {
  tsCounter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(100000 + tsCounter).padStart(6, '0')}`;
}

export function slackSender(url: string, secret: string): SlackSender {
  const send: SlackSender['send'] = async (rawBody, contentType, options = {}) => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, rawBody),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const res = await fetch(url, { method: 'POST', headers, body: rawBody });
    const body = await res.text();
    return { status: res.status, body, receivedAt: Date.now() };
  };
  return {
    send,
    event: async (event, options = {}) => {
      const eventId = options.eventId ?? newEventId();
      const envelope = {
        token: 'verification-token-unused',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event: { event_ts: event.ts, ...event },
        authorizations: [{ team_id: 'T1', user_id: 'U_MIXWISE', is_bot: true }],
      };
      const res = await send(JSON.stringify(envelope), 'application/json', options);
      return { status: res.status, eventId, receivedAt: res.receivedAt };
    },
    command: async (fields, options = {}) => {
      const body = new URLSearchParams({ token: 'unused', team_id: 'T1', command: '/mmm', response_url: 'http://127.0.0.1:9/unused', trigger_id: `trig.${newEventId()}`, user_name: 'maria', ...fields }).toString();
      const res = await send(body, 'application/x-www-form-urlencoded', options);
      return { status: res.status, receivedAt: res.receivedAt };
    },
    action: async (payload, options = {}) => {
      const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: 'T1' }, api_app_id: 'A1', token: 'unused', trigger_id: `trig.${newEventId()}`, response_url: 'http://127.0.0.1:9/unused', ...payload }) }).toString();
      const res = await send(body, 'application/x-www-form-urlencoded', options);
      return { status: res.status, receivedAt: res.receivedAt };
    },
  };
}

/** An app mention in a channel, optionally inside a thread. */
export function mention(text: string, options: { channel?: string; user?: string; ts?: string; threadTs?: string } = {}): Record<string, unknown> {
  const ts = options.ts ?? newTs();
  return { type: 'app_mention', user: options.user ?? 'U_MARIA', text: `<@U_MIXWISE> ${text}`, ts, channel: options.channel ?? 'C_MARKETING', ...(options.threadTs ? { thread_ts: options.threadTs } : {}) };
}

/** A direct message to the bot. */
export function directMessage(text: string, options: { channel?: string; user?: string; ts?: string; extra?: Record<string, unknown> } = {}): Record<string, unknown> {
  return { type: 'message', channel_type: 'im', user: options.user ?? 'U_MARIA', text, ts: options.ts ?? newTs(), channel: options.channel ?? 'D_MARIA', ...options.extra };
}
