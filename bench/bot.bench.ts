/**
 * Slack bot: time from a signed event arriving at `POST /slack/events` to the answer posted
 * in its thread (fake Slack Web API on loopback, on a thread of its own: botClient.ts), one
 * question at a time and 50 at once.
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
import { Worker } from 'node:worker_threads';
import type { BotClientFigures } from './botClient';
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

/** CPU time of this process's main thread (Linux: /proc), null elsewhere. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The next message from the Slack side that has `key` (an error it posts is thrown here). */
function next<T>(client: Worker, key: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if ('error' in message) return finish(() => reject(new Error(`bench bot (Slack side): ${String(message.error)}`)));
      if (key in message) finish(() => resolve(message as T));
    };
    const onError = (err: Error) => finish(() => reject(err));
    const finish = (settle: () => void) => {
      client.off('message', onMessage);
      client.off('error', onError);
      settle();
    };
    client.on('message', onMessage);
    client.on('error', onError);
  });
}

export async function run(): Promise<void> {
  const log = createLogger({ level: 'error', destination: 'stderr' });
  // Slack's side (the fake Web API and the senders) on its own thread: this thread is the server's alone.
  const client = new Worker(join(__dirname, 'botClient.js'));
  const { apiUrl } = await next<{ apiUrl: string }>(client, 'apiUrl');
  const base = loadConfig({ ...process.env, MIXWISE_DATA_DIR: process.env.MIXWISE_DATA_DIR ?? join(tmpdir(), 'mixwise-bench-bot') });
  const server = await startServer({ ...base, port: 0, schedulerEnabled: false, slack: { ...base.slack, botToken: 'xoxb-bench', signingSecret: SECRET, appToken: null, apiUrl } }, log);
  try {
    const burstStarted = next(client, 'phase');
    client.postMessage({ serverUrl: `${server.url}${SLACK_EVENTS_PATH}`, secret: SECRET, questions: QUESTIONS });
    await burstStarted;
    const cpuBefore = mainThreadCpuMs();
    await next(client, 'phase');
    const cpuAfter = mainThreadCpuMs();
    const mainCpuMs = cpuAfter === null || cpuBefore === null ? null : cpuAfter - cpuBefore;
    const { figures: client_ } = await next<{ figures: BotClientFigures }>(client, 'figures');
    const { burst } = client_;

    const figures = {
      eventToAnswerMs: timingSummary(client_.sequentialMs),
      targetP95Ms: 500,
      loadAverage1m: loadavg()[0],
      slackSide: 'a worker thread (bench/botClient.ts): the fake Web API and the signed senders',
      concurrent: {
        questions: burst.questions,
        retriesSent: burst.retriesSent,
        answered: burst.answersPerQuestion.filter((n) => n >= 1).length,
        answeredTwice: burst.answersPerQuestion.filter((n) => n > 1).length,
        allAnsweredMs: burst.allAnsweredMs,
        // CPU the server's main thread spent until all were answered: per question, less noisy than wall time.
        mainThreadCpuMsPerQuestion: mainCpuMs === null ? null : Math.round((10 * mainCpuMs) / burst.questions) / 10,
        eventToAnswerMs: timingSummary(burst.latencyMs),
        targetP95Ms: 1000,
      },
    };
    recordBenchResults('bot', figures);
    process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    // Listened for before it is asked to close: it may be gone while the server closes.
    const exited = new Promise((resolve) => client.once('exit', resolve));
    client.postMessage({ close: true });
    await server.close();
    await exited;
  }
}
