/**
 * Issue 15's targets for durable answers, with the production defaults (the README's
 * configuration table: nothing overridden but where Slack and the database are):
 *
 * - the database restarted mid-answer: a real PostgreSQL (embedded) stopped while answers are
 *   being computed and posted, started again 10 s later on another port (a TCP proxy keeps the
 *   server's address); questions that come while it is down are refused (500) and sent again
 *   the way Slack redelivers (at once, then after a minute);
 * - SIGTERM to `dist/src/server.js` mid-answer, with posts stalled in Slack past the grace
 *   period; the next process answers what the first handed back.
 *
 * Every acknowledged question must be answered exactly once within 60 s of recovery.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SLACK_EVENTS_PATH } from '../bot/slackApp';
import { loadConfig } from '../src/config';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { startFakeSlack, type FakeSlack } from '../testkit/helpers/fakeSlack';
import { startFaultProxy } from '../testkit/helpers/faultProxy';
import { freePort } from '../testkit/helpers/processes';
import { slackSender } from '../testkit/bot/slackRequests';
import { recordBenchResults } from './record';
import { answerFigures, askOnce, type Asked } from './slackQuestions';

const SECRET = 'bench-signing-secret';
const QUESTIONS = ['how good is the model?', 'what if we move 20% from TV to search?', 'which channel is most saturated?', 'what if we cut radio by 30%?'];
const DOWN_MS = 10_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-faults-'));
  const log = createLogger({ level: 'error', destination: 'stderr' });
  const slack = await startFakeSlack();
  let pg = await startEmbeddedPostgres(dir, log);
  try {
    const databaseRestart = await restartDatabase(slack, pg.url, async () => {
      await pg.stop();
      await sleep(DOWN_MS);
      pg = await startEmbeddedPostgres(dir, log);
      return pg.url;
    });
    const sigterm = await sigtermMidAnswer(slack, pg.url);
    const figures = { databaseRestart, sigterm, targetMs: 60_000, settings: 'production defaults (README configuration table)' };
    recordBenchResults('answerFaults', figures);
    process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await slack.close();
    await pg.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function restartDatabase(slack: FakeSlack, databaseUrl: string, restart: () => Promise<string>): Promise<Record<string, unknown>> {
  const proxy = await startFaultProxy(databaseUrl);
  const base = loadConfig({ LOG_LEVEL: 'error' });
  const log = createLogger({ level: 'error', destination: 'stderr' });
  const server = await startServer({ ...base, databaseUrl: proxy.url, port: 0, schedulerEnabled: false, slack: { ...base.slack, botToken: 'xoxb-bench', signingSecret: SECRET, appToken: null, apiUrl: slack.apiUrl } }, log);
  const sender = slackSender(`${server.url}${SLACK_EVENTS_PATH}`, SECRET);
  try {
    // Mid-answer: the first posts stall in Slack (some land, their replies lost), so the database goes away under them.
    slack.failNext('chat.postMessage', 3, { delayMs: 3_000 });
    slack.failNext('chat.postMessage', 3, { delayMs: 3_000, deliver: true });
    const before: Asked[] = [];
    for (let i = 0; i < 12; i++) before.push(await askOnce(sender, QUESTIONS[i % QUESTIONS.length], `C_DBR_${i}`));
    await sleep(300);
    const stopping = restart();
    await sleep(1_500);
    // While it is down: refused, and sent again at once (refused again), then after a minute.
    const during: Asked[] = [];
    for (let i = 0; i < 4; i++) during.push(await askOnce(sender, QUESTIONS[i % QUESTIONS.length], `C_DBR_DOWN_${i}`));
    const refusedAt = Date.now();
    const again = await Promise.all(during.map((a) => sender.event(a.event, { eventId: a.eventId, retryNum: 1 }).then((r) => r.status, () => 0)));
    const newUrl = await stopping;
    proxy.retarget(newUrl);
    const recovered = Date.now();
    const acknowledged = await answerFigures(slack, before.filter((a) => a.status === 200), recovered);
    // Answers posted during the outage are recorded once the database is back (an expired lease, then a look in the thread): when the last was.
    const recorded = await waitForOutboxClosed(server.app.ds, before.length, recovered);
    await sleep(Math.max(0, refusedAt + 60_000 - Date.now()));
    const redelivered = await Promise.all(during.map((a) => sender.event(a.event, { eventId: a.eventId, retryNum: 2 }).then((r) => r.status, () => 0)));
    const redeliveredAt = Date.now();
    const lateAnswers = await answerFigures(slack, during.filter((_, i) => redelivered[i] === 200), redeliveredAt);
    const [closed] = (await server.app.ds.query(`SELECT count(*) FILTER (WHERE status = 'posted')::int AS posted, count(*)::int AS items, max(finished_at) AS last FROM slack_outbox`)) as Array<{ posted: number; items: number; last: Date }>;
    const sorry = [...before, ...during].filter((a) => slack.messages.some((m) => m.channel === a.channel && /Sorry/.test(m.text))).length;
    return {
      downSeconds: DOWN_MS / 1000,
      acknowledgedBefore: before.filter((a) => a.status === 200).length,
      answered: acknowledged.answered,
      answeredTwice: acknowledged.answeredTwice,
      recoveryToAnswerMs: acknowledged.answerAfterMs,
      recoveryToAllRecordedMs: recorded,
      whileDown: { asked: during.length, refusedStatuses: during.map((a) => a.status), immediateRetryStatuses: again, redeliveredAfterAMinute: redelivered, answered: lateAnswers.answered, answeredTwice: lateAnswers.answeredTwice, redeliveryToAnswerMs: lateAnswers.answerAfterMs },
      outbox: { items: closed.items, posted: closed.posted },
      apologies: sorry,
      note: 'recoveryToAnswerMs is from the database accepting connections again; a negative figure is an answer that was posted during the outage (its record was written after recovery, without posting again)',
    };
  } finally {
    await server.close();
    await proxy.close();
  }
}

async function sigtermMidAnswer(slack: FakeSlack, databaseUrl: string): Promise<Record<string, unknown>> {
  const start = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(__dirname, '..', 'src', 'server.js')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'error', LOG_FORMAT: 'json', MIXWISE_SCHEDULER: 'off', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: '', SLACK_API_URL: slack.apiUrl },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; !(await fetch(`${url}/healthz`).then((r) => r.ok, () => false)); i++) {
      if (i > 600) throw new Error('the server did not start');
      await sleep(100);
    }
    return { child, exited, url };
  };
  const first = await start();
  const sender = slackSender(`${first.url}${SLACK_EVENTS_PATH}`, SECRET);
  // Half the answers stall in Slack (12 s, past the 10 s request timeout); two of those land, their replies lost.
  slack.failNext('chat.postMessage', 3, { delayMs: 12_000 });
  slack.failNext('chat.postMessage', 2, { delayMs: 12_000, deliver: true });
  const asked: Asked[] = [];
  for (let i = 0; i < 10; i++) asked.push(await askOnce(sender, QUESTIONS[i % QUESTIONS.length], `C_TERM_${i}`));
  await sleep(300);
  const termAt = Date.now();
  first.child.kill('SIGTERM');
  const exitCode = await first.exited;
  const stoppedMs = Date.now() - termAt;
  const answeredByFirst = asked.filter((a) => slack.messages.some((m) => m.channel === a.channel && m.at <= termAt + stoppedMs)).length;
  const second = await start();
  const recovered = Date.now();
  try {
    const answers = await answerFigures(slack, asked.filter((a) => a.status === 200), recovered);
    return {
      acknowledged: asked.filter((a) => a.status === 200).length,
      exitCode,
      sigtermToExitMs: stoppedMs,
      answeredByTheFirstProcess: answeredByFirst,
      answered: answers.answered,
      answeredTwice: answers.answeredTwice,
      recoveryToAnswerMs: answers.answerAfterMs,
      apologies: asked.filter((a) => slack.messages.some((m) => m.channel === a.channel && /Sorry/.test(m.text))).length,
      note: 'recoveryToAnswerMs is from the second process answering /healthz; negative figures are answers the first process posted before it exited',
    };
  } finally {
    second.child.kill('SIGTERM');
    await second.exited;
  }
}

/** Ms from `from` until `count` outbox items are closed (posted or given up), or null after two minutes. */
async function waitForOutboxClosed(ds: { query(sql: string): Promise<unknown> }, count: number, from: number): Promise<number | null> {
  while (Date.now() - from < 120_000) {
    const [row] = (await ds.query(`SELECT count(*)::int AS n FROM slack_outbox WHERE status <> 'pending'`)) as Array<{ n: number }>;
    if (row.n >= count) return Date.now() - from;
    await sleep(100);
  }
  return null;
}
