import type { WebClient } from '@slack/web-api';
import { Dataset, Notebook } from '../src/entities';
import type { AskAnswer } from '../src/services/ask';
import type { AppContext } from '../src/services/appContext';
import { runJobNow } from '../src/services/jobs';
import { post, type SlackQuestion } from './threadReply';
import type { SlackMessage } from './blocks/answer';
import { trainingProgressMessage, trainingResultMessage, trainingStartedMessage, type TrainingProgress } from './blocks/training';
import { throttled } from './throttle';

/** chat.update is rate-limited (about one a second per channel): progress edits are spaced at least this far apart. */
export const PROGRESS_EDIT_INTERVAL_MS = 1000;

/**
 * "Retrain the model" asked in a thread: a message saying training started goes out at
 * once, is edited in place as the fit moves through its stages, and ends with the outcome
 * (promoted or kept, holdout error before and after). Training runs as the retrain job on
 * request, so it is recorded as a job run and promoted by the same rule as scheduled ones.
 */
export async function trainInThread(app: AppContext, client: WebClient, question: SlackQuestion, answer: AskAnswer, log: AppContext['log']): Promise<void> {
  const notebook = await app.ds.getRepository(Notebook).findOneByOrFail({ id: answer.notebookId });
  const dataset = await app.ds.getRepository(Dataset).findOneByOrFail({ id: notebook.datasetId });
  const ts = await post(client, question, trainingStartedMessage(dataset.name));
  if (!ts) throw new Error(`chat.postMessage returned no ts for the training message in ${question.channel}`);
  const edit = (message: SlackMessage) => client.chat.update({ channel: question.channel, ts, text: message.text, blocks: message.blocks });
  const progress = throttled<TrainingProgress>((p) => edit(trainingProgressMessage(dataset.name, p)), PROGRESS_EDIT_INTERVAL_MS, (err) =>
    log.warn({ err }, 'a training progress edit failed; training goes on'),
  );

  // The job posts nothing itself (slack: null): its outcome goes into this message instead of a new one.
  const run = await runJobNow(app, { kind: 'retrain', datasetId: dataset.id, slackChannel: question.channel }, { wait: true, slack: null, onProgress: (p) => progress.offer(p) }).finally(() =>
    progress.settle(),
  );
  log.info({ jobRunId: run.id, status: run.status, output: run.output }, 'model retrained from Slack');
  await edit(trainingResultMessage(dataset.name, run));
}
