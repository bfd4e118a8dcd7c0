import type { WebClient } from '@slack/web-api';
import { Notebook } from '../src/entities';
import { answerQuestion, type AskAnswer } from '../src/services/ask';
import { notebookScenarios } from '../src/services/scenarios';
import type { ScenarioResult } from '../src/scenarios';
import { createJobSchedule } from '../src/services/jobs';
import { loadAnswerContext } from '../src/services/answerContext';
import type { AnswerContext } from '../src/services/answerText';
import type { AppContext } from '../src/services/appContext';
import { answerChart, postChart } from './answerChart';
import { trainInThread } from './trainInThread';
import { answerMessage, scheduleCreatedMessage, type SlackMessage } from './blocks/answer';
import { failureMessage, type Replies, type SlackQuestion } from './threadReply';
import { isDatabaseUnavailable } from '../src/db/unavailable';
import { isSlackApiError } from './slackClient';

/**
 * Answers one question in its thread: the answer message, then its chart. Every failure is
 * answered too, in words a marketer can act on, and logged with the detail an engineer needs;
 * a database that cannot be reached is not answered but thrown, so the outbox tries again.
 * With outbox replies each step is recorded: a retry does not ask twice or post twice.
 */
export async function answerInThread(app: AppContext, client: WebClient, question: SlackQuestion, replies: Replies): Promise<void> {
  const log = app.log.child({ slackChannel: question.channel, threadTs: question.threadTs, user: question.user });
  let answer = replies.state.answer as AskAnswer | undefined;
  let context: AnswerContext | undefined;
  if (!answer) {
    try {
      ({ answer, context } = await answerQuestion(app, { text: question.text, conversation: { kind: 'slack', channel: question.channel, threadTs: question.threadTs }, askedBy: question.user }));
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      await replies.post('answer', failureMessage(err, log));
      return;
    }
    await replies.save({ answer });
  }
  if (answer.kind === 'train') {
    await trainInThread(app, client, question, answer, replies, log).catch(async (err: unknown) => {
      // Slack failing, the database away, a hand-back at shutdown: the outbox tries again and training carries on where it was.
      if (isDatabaseUnavailable(err) || isSlackApiError(err) || replies.signal.aborted) throw err;
      await replies.post('answer', failureMessage(err, log));
    });
    return;
  }
  // An answer kept from an earlier attempt is worded with its context read again.
  context ??= await loadAnswerContext(app.ds, answer);
  let message = replies.state.message as SlackMessage | undefined;
  if (!message) {
    // A schedule is created once: the message saying so is kept with the answer.
    message = answer.kind === 'schedule' ? await scheduleHere(app, client, answer, question, log) : answerMessage(answer, context);
    if (answer.kind === 'schedule') await replies.save({ message });
  }
  await replies.post('answer', message);
  log.info({ kind: answer.kind, scenarioId: answer.scenarioId, notebookId: answer.notebookId }, 'answered in Slack');

  // The thread's scenarios so far: its charts share one scale (read only when a chart is still to post).
  const drawsScenario = !replies.state.chartPosted && (answer.kind === 'scenario' || answer.kind === 'undo');
  const thread = drawsScenario ? (await notebookScenarios(app.ds, answer.notebookId)).map((s) => s.result as ScenarioResult) : [];
  const chart = replies.state.chartPosted ? null : answerChart(answer, context, thread);
  if (chart) {
    await postChart(app, client, question.channel, question.threadTs, chart);
    await replies.save({ chartPosted: true });
  }
}

/**
 * The asker's time zone from their Slack profile (users.info, scope users:read), so that
 * "every Monday at 9am" means their 9am. UTC, said in the answer, when Slack will not tell.
 */
async function askerTimezone(client: WebClient, user: string | null, log: AppContext['log']): Promise<string> {
  if (!user) return 'UTC';
  try {
    const found = await client.users.info({ user });
    if (found.user?.tz) return found.user.tz;
  } catch (err) {
    log.warn({ err: { message: (err as Error).message }, user }, 'could not read the asker’s time zone; scheduling in UTC');
  }
  return 'UTC';
}

/** "Post a digest here every Monday at 9am": the schedule is created for this channel, on the thread's dataset. */
async function scheduleHere(app: AppContext, client: WebClient, answer: AskAnswer, question: SlackQuestion, log: AppContext['log']): Promise<SlackMessage> {
  const wanted = answer.schedule!;
  try {
    const timezone = await askerTimezone(client, question.user, log);
    const notebook = await app.ds.getRepository(Notebook).findOneByOrFail({ id: answer.notebookId });
    const schedule = await createJobSchedule(app.ds, {
      kind: wanted.job,
      cron: wanted.cron,
      timezone,
      datasetId: notebook.datasetId,
      slackChannel: question.channel,
      createdBy: question.user,
    });
    log.info({ scheduleId: schedule.id, kind: schedule.kind, cron: schedule.cron }, 'job scheduled from Slack');
    return scheduleCreatedMessage(wanted, schedule.id, timezone);
  } catch (err) {
    return failureMessage(err, log);
  }
}
