/**
 * Issue 15's target for durable answers, with the default retry settings: Slack fails every
 * call (500) for 30 s while questions arrive; once it answers again, every acknowledged
 * question is answered exactly once, within 60 s of the recovery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SLACK_EVENTS_PATH } from '../bot/slackApp';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { startFakeSlack } from '../testkit/helpers/fakeSlack';
import { slackSender } from '../testkit/bot/slackRequests';
import { recordBenchResults } from './record';
import { answerFigures, askOnce, type Asked } from './slackQuestions';

const SECRET = 'bench-signing-secret';
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 30) * 1000;
const QUESTIONS = 10;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mixwise-bench-outage-'));
  const log = createLogger({ level: 'error', destination: 'stderr' });
  const slack = await startFakeSlack();
  const base = loadConfig({ ...process.env, MIXWISE_DATA_DIR: dir, LOG_LEVEL: 'error' });
  const server = await startServer({ ...base, port: 0, schedulerEnabled: false, slack: { ...base.slack, botToken: 'xoxb-bench', signingSecret: SECRET, appToken: null, apiUrl: slack.apiUrl } }, log);
  const sender = slackSender(`${server.url}${SLACK_EVENTS_PATH}`, SECRET);
  try {
    slack.outage('*', { status: 500 });
    const started = Date.now();
    const asked: Asked[] = [];
    for (let i = 0; i < QUESTIONS; i++) {
      asked.push(await askOnce(sender, 'how good is the model?', `C_OUTAGE_${i}`));
      await new Promise((r) => setTimeout(r, OUTAGE_MS / QUESTIONS / 2));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, started + OUTAGE_MS - Date.now())));
    const recovered = Date.now();
    slack.recover();
    const answers = await answerFigures(slack, asked, recovered);
    const figures = {
      outageSeconds: OUTAGE_MS / 1000,
      questions: QUESTIONS,
      acknowledged: asked.filter((a) => a.status === 200).length,
      answered: answers.answered,
      answeredTwice: answers.answeredTwice,
      recoveryToAnswerMs: answers.answerAfterMs,
      targetMs: 60_000,
      retrySettings: base.slack.outbox,
    };
    recordBenchResults('slackOutage', figures);
    process.stderr.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await server.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
