import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mention } from '../../testkit/bot/slackRequests';
import { startBotHarness, type BotHarness } from './botHarness';

/**
 * More questions at once than the outbox works on: the rest are taken as slots free, not one
 * poll interval at a time. The poll interval here is longer than the test may take, so only
 * the hand-over from a finished answer to the next waiting one can answer them all.
 */
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ slack: { outbox: { pollMs: 600_000, leaseMs: 20_000, retryBaseMs: 50, retryMaxMs: 400, giveUpMs: 60_000, concurrency: 2 } } });
});
afterAll(async () => h?.close());

describe('a burst larger than the outbox’s concurrency', () => {
  it('is answered in full, each question once, without waiting for the poller', async () => {
    const burst = Array.from({ length: 7 }, (_, i) => mention(i % 2 ? 'which channel is most saturated?' : `what if we cut radio by ${10 + i}%?`, { channel: 'C_BURST' }));
    await Promise.all(burst.map((event) => h.sender.event(event)));
    const answers = () => burst.map((e) => h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C_BURST' && c.body.thread_ts === e.ts).length);
    const started = Date.now();
    while (answers().some((n) => n === 0) && Date.now() - started < 45_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers()).toEqual(burst.map(() => 1));
  });
});
