/** Asking the bot questions and counting its answers, for the benches of durable answers (slackOutage, answerFaults). */
import type { FakeSlack, PostedMessage } from '../testkit/helpers/fakeSlack';
import { mention, type SlackSender } from '../testkit/bot/slackRequests';
import { timingSummary } from './record';

export interface Asked {
  channel: string;
  ts: string;
  event: Record<string, unknown>;
  eventId: string;
  /** The HTTP status Slack got for the event (200 = acknowledged). */
  status: number;
}

/** Sends one question as a mention in a channel of its own. */
export async function askOnce(sender: SlackSender, text: string, channel: string): Promise<Asked> {
  const event = mention(text, { channel });
  const sent = await sender.event(event).catch(() => ({ status: 0, eventId: '' }));
  return { channel, ts: event.ts as string, event, eventId: sent.eventId, status: sent.status };
}

/** The bot's answers to one question (its thread's messages marked as the answer step). */
export function answersTo(slack: FakeSlack, asked: Pick<Asked, 'channel' | 'ts'>): PostedMessage[] {
  return slack.messages.filter((m) => m.channel === asked.channel && m.thread_ts === asked.ts && m.metadata?.event_payload?.step === 'answer');
}

/**
 * Waits until every question is answered (or `timeoutMs` after `from`), then a while longer
 * for a duplicate to show up; how many were answered, how many twice, and when (ms after `from`).
 */
export async function answerFigures(slack: FakeSlack, asked: Array<Pick<Asked, 'channel' | 'ts'>>, from: number, timeoutMs = 120_000): Promise<{ answered: number; answeredTwice: number; answerAfterMs: ReturnType<typeof timingSummary> & { maxMs: number } }> {
  while (!asked.every((a) => answersTo(slack, a).length > 0) && Date.now() - from < timeoutMs) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 2_000));
  const answered = asked.filter((a) => answersTo(slack, a).length > 0);
  const times = answered.map((a) => answersTo(slack, a)[0].at - from);
  return {
    answered: answered.length,
    answeredTwice: asked.filter((a) => answersTo(slack, a).length > 1).length,
    answerAfterMs: { ...timingSummary(times.length ? times : [NaN]), maxMs: times.length ? Math.max(...times) : NaN },
  };
}
