/**
 * Slack bot: time from a signed event arriving at `POST /slack/events` to the answer posted
 * in its thread (fake Slack Web API on loopback), one question at a time and 50 at once.
 * Database: DATABASE_URL, or an embedded PostgreSQL under the OS temp dir (seeded and
 * trained on first use, reused afterwards).
 */
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SLACK_EVENTS_PATH } from '../bot/slackApp';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { startFakeSlack, type FakeSlack } from '../testkit/helpers/fakeSlack';
import { mention, slackSender, type SlackSender } from '../testkit/bot/slackRequests';
import { recordBenchResults, timingSummary } from './record';

const SECRET = 'bench-signing-secret';
const QUESTIONS = [
  'what if we move 20% from TV to search?',
  'cut radio by 30% for the next 8 weeks',
  'what if we move 10% from display to social?',
  "what's the ROI of social?",
  'which channel is most saturated?',
  'increase search by 10k a week',
];

function postedIn(slack: FakeSlack, channel: string, threadTs: string) {
  return slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.body.thread_ts === threadTs);
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`bench bot: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Sends one question and returns the milliseconds until its answer was posted. */
async function timeOne(sender: SlackSender, slack: FakeSlack, text: string, channel: string): Promise<number> {
  const event = mention(text, { channel });
  const started = Date.now();
  await sender.event(event);
  await until(() => postedIn(slack, channel, event.ts as string).length > 0, 30_000, `the answer to "${text}"`);
  return postedIn(slack, channel, event.ts as string)[0].at - started;
}

/** CPU time of this process's main thread (Linux: /proc), null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  const log = createLogger({ level: 'error', destination: 'stderr' });
  const slack = await startFakeSlack();
  const base = loadConfig({ ...process.env, MIXWISE_DATA_DIR: process.env.MIXWISE_DATA_DIR ?? join(tmpdir(), 'mixwise-bench-bot') });
  const server = await startServer({ ...base, port: 0, schedulerEnabled: false, slack: { ...base.slack, botToken: 'xoxb-bench', signingSecret: SECRET, appToken: null, apiUrl: slack.apiUrl } }, log);
  const sender = slackSender(`${server.url}${SLACK_EVENTS_PATH}`, SECRET);
  try {
    for (const q of QUESTIONS) await timeOne(sender, slack, q, 'C_WARMUP');

    const sequential: number[] = [];
    for (let i = 0; i < 40; i++) sequential.push(await timeOne(sender, slack, QUESTIONS[i % QUESTIONS.length], 'C_SEQ'));

    // 50 questions at once, each also retried by "Slack" with the same event_id: all answered, none twice.
    const burst = Array.from({ length: 50 }, (_, i) => mention(QUESTIONS[i % QUESTIONS.length], { channel: 'C_BURST' }));
    const cpuBefore = mainThreadCpuMs();
    const started = Date.now();
    const sent = await Promise.all(burst.map((event) => sender.event(event)));
    await Promise.all(burst.map((event, i) => sender.event(event, { eventId: sent[i].eventId, retryNum: 1 })));
    await until(() => burst.every((e) => postedIn(slack, 'C_BURST', e.ts as string).length > 0), 60_000, 'all 50 answers');
    const allAnsweredMs = Date.now() - started;
    const cpuAfter = mainThreadCpuMs();
    const mainCpuMs = cpuAfter === null || cpuBefore === null ? null : cpuAfter - cpuBefore;
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    const answersPerQuestion = burst.map((e) => postedIn(slack, 'C_BURST', e.ts as string).length);
    const burstLatency = burst.map((e) => postedIn(slack, 'C_BURST', e.ts as string)[0].at - started);

    const figures = {
      eventToAnswerMs: timingSummary(sequential),
      targetP95Ms: 500,
      loadAverage1m: loadavg()[0],
      concurrent: {
        questions: burst.length,
        retriesSent: burst.length,
        answered: answersPerQuestion.filter((n) => n >= 1).length,
        answeredTwice: answersPerQuestion.filter((n) => n > 1).length,
        allAnsweredMs,
        // CPU the server's main thread spent until all were answered (the fake Slack and the senders share it): per question, less noisy than wall time.
        mainThreadCpuMsPerQuestion: mainCpuMs === null ? null : Math.round((10 * mainCpuMs) / burst.length) / 10,
        eventToAnswerMs: timingSummary(burstLatency),
      },
    };
    recordBenchResults('bot', figures);
    process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await server.close();
    await slack.close();
  }
}
