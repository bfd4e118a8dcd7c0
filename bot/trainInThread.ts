import type { WebClient } from '@slack/web-api';
import { Dataset, Notebook } from '../src/entities';
import type { AskAnswer } from '../src/services/ask';
import type { AppContext } from '../src/services/appContext';
import { runRequestedJob } from '../src/services/jobs';
import type { Replies, SlackQuestion } from './threadReply';
import type { SlackMessage } from './blocks/answer';
import { trainingProgressMessage, trainingQueuedMessage, trainingResultMessage, trainingStartedMessage, type TrainingProgress } from './blocks/training';
import { throttled } from './throttle';

/** chat.update is rate-limited (about one a second per channel): progress edits are spaced at least this far apart. */
export const PROGRESS_EDIT_INTERVAL_MS = 1000;

/**
 * "Retrain the model" asked in a thread: a message saying training started goes out at
 * once, is edited in place with its place in the job queue while it waits, then as the fit
 * moves through its stages (on whichever instance runs it), and ends with the outcome
 * (promoted or kept, holdout error before and after). Training runs as the retrain job on
 * request, so it is recorded as a job run and promoted by the same rule as scheduled ones.
 *
 * Every step goes through the question's outbox replies: the message is posted once, the job
 * is started once (keyed on the question), and a retry after a Slack failure or a restart
 * carries on from where the last attempt stopped — waiting for the run where it executes, or
 * taking it over when its process is gone — and tells the outcome once.
 */
export async function trainInThread(app: AppContext, client: WebClient, question: SlackQuestion, answer: AskAnswer, replies: Replies, log: AppContext['log']): Promise<void> {
  if (replies.state.trainingReported) return;
  const notebook = await app.ds.getRepository(Notebook).findOneByOrFail({ id: answer.notebookId });
  const dataset = await app.ds.getRepository(Dataset).findOneByOrFail({ id: notebook.datasetId });
  const ts = await replies.post('training', trainingStartedMessage(dataset.name));
  if (!ts || ts === 'unknown') throw new Error(`chat.postMessage returned no ts for the training message in ${question.channel}`);
  const edit = (message: SlackMessage) => client.chat.update({ channel: question.channel, ts, text: message.text, blocks: message.blocks });
  const progress = throttled<SlackMessage>(edit, PROGRESS_EDIT_INTERVAL_MS, (err) => log.warn({ err }, 'a training progress edit failed; training goes on'));

  const run = await runRequestedJob(app, { kind: 'retrain', datasetId: dataset.id, slackChannel: question.channel }, `slack:${replies.key}`, {
    // While it waits on the job queue the message says where it stands; once a worker has it, how far the fit has got.
    onChange: ({ run: now, queuePosition }) => {
      if (now.status === 'queued' && queuePosition !== null) progress.offer(trainingQueuedMessage(dataset.name, queuePosition));
      else if (now.status === 'running' && now.progress) progress.offer(trainingProgressMessage(dataset.name, now.progress as TrainingProgress));
    },
    signal: replies.signal,
  }).finally(() => progress.settle());
  log.info({ jobRunId: run.id, status: run.status, attempt: run.attempt, output: run.output }, 'model retrained from Slack');
  // An edit says the same however often it is made; once it got through, a retry does not make it again.
  await edit(trainingResultMessage(dataset.name, run));
  await replies.save({ trainingReported: true });
}
