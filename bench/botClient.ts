/**
 * Slack's side of the Slack bench (bot.bench.ts), on a thread of its own: the fake Web API the
 * server posts answers to and the signed events it is sent. Real Slack runs elsewhere, so its
 * work stays off the server's main thread, whose time the bench measures.
 *
 * Protocol with the bench: this thread posts { apiUrl }, receives { serverUrl, secret, questions },
 * posts { phase: 'burst-start' } and { phase: 'burst-end' } around the 50-at-once phase, then
 * { figures }; it closes on { close: true }.
 */
import { parentPort } from 'node:worker_threads';
import { startFakeSlack, type FakeSlack } from '../testkit/helpers/fakeSlack';
import { mention, slackSender, type SlackSender } from '../testkit/bot/slackRequests';

export interface BotClientFigures {
  sequentialMs: number[];
  burst: { questions: number; retriesSent: number; answersPerQuestion: number[]; latencyMs: number[]; allAnsweredMs: number };
}

const port = parentPort;
if (!port) throw new Error('bench/botClient.ts runs as a worker thread of bench/bot.bench.ts');

/** Posted answers by thread, indexed as they arrive: each check reads only the calls since the last. */
function answersByThread(slack: FakeSlack): (channel: string, threadTs: string) => number[] {
  const byThread = new Map<string, number[]>();
  let seen = 0;
  return (channel, threadTs) => {
    const calls = slack.callsTo('chat.postMessage');
    for (; seen < calls.length; seen++) {
      const key = `${String(calls[seen].body.channel)} ${String(calls[seen].body.thread_ts)}`;
      byThread.set(key, [...(byThread.get(key) ?? []), calls[seen].at]);
    }
    return byThread.get(`${channel} ${threadTs}`) ?? [];
  };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench bot: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function timeOne(sender: SlackSender, posted: ReturnType<typeof answersByThread>, text: string, channel: string): Promise<number> {
  const event = mention(text, { channel });
  const started = Date.now();
  await sender.event(event);
  await until(() => posted(channel, event.ts as string).length > 0, 30_000, `the answer to "${text}"`);
  return posted(channel, event.ts as string)[0] - started;
}

async function main(): Promise<void> {
  const slack = await startFakeSlack();
  port!.postMessage({ apiUrl: slack.apiUrl });
  const { serverUrl, secret, questions } = await new Promise<{ serverUrl: string; secret: string; questions: string[] }>((resolve) => port!.once('message', resolve));
  const sender = slackSender(serverUrl, secret);
  const posted = answersByThread(slack);
  for (const q of questions) await timeOne(sender, posted, q, 'C_WARMUP');
  const sequentialMs: number[] = [];
  for (let i = 0; i < 40; i++) sequentialMs.push(await timeOne(sender, posted, questions[i % questions.length], 'C_SEQ'));

  // 50 questions at once, each also retried by "Slack" with the same event_id: all answered, none twice.
  const burst = Array.from({ length: 50 }, (_, i) => mention(questions[i % questions.length], { channel: 'C_BURST' }));
  port!.postMessage({ phase: 'burst-start' });
  const started = Date.now();
  const sent = await Promise.all(burst.map((event) => sender.event(event)));
  await Promise.all(burst.map((event, i) => sender.event(event, { eventId: sent[i].eventId, retryNum: 1 })));
  await until(() => burst.every((e) => posted('C_BURST', e.ts as string).length > 0), 60_000, 'all 50 answers');
  const allAnsweredMs = Date.now() - started;
  port!.postMessage({ phase: 'burst-end' });
  await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
  const answers = burst.map((e) => posted('C_BURST', e.ts as string));
  const figures: BotClientFigures = {
    sequentialMs,
    burst: { questions: burst.length, retriesSent: burst.length, answersPerQuestion: answers.map((a) => a.length), latencyMs: answers.map((a) => a[0] - started), allAnsweredMs },
  };
  port!.postMessage({ figures });
  await new Promise((resolve) => port!.once('message', resolve));
  await slack.close();
}

main().catch((err: unknown) => {
  port.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
});
