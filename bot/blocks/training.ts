import type { JobRun } from '../../src/entities';
import { trainingOutcome } from '../../src/services/answerText';
import { contextLine, escapeMrkdwn, section } from './common';
import type { SlackMessage } from './answer';

/** The fit's stages (src/mmm/fit.ts), in the order they run, as a marketer would read them. */
const STAGES: Record<string, string> = {
  'global search': 'Trying out carry-over and saturation settings for every channel',
  'local search': 'Refining the best settings',
  uncertainty: 'Measuring how certain each number is',
};
const STAGE_ORDER = Object.keys(STAGES);

export interface TrainingProgress {
  stage: string;
  done: number;
  total: number;
}

export function trainingStartedMessage(datasetName: string): SlackMessage {
  const text = `Training a new model on the ${datasetName} data… This takes a little while; I will update this message as it goes.`;
  return { text, blocks: [section(`:hourglass_flowing_sand: ${escapeMrkdwn(text)}`)] };
}

/** Waiting on the job queue: "next in line", or how many runs go first. */
export function trainingQueuedMessage(datasetName: string, position: number): SlackMessage {
  const where = position <= 1 ? 'next in the queue' : `number ${position} in the queue (${position - 1} training job${position === 2 ? '' : 's'} go${position === 2 ? 'es' : ''} first)`;
  const text = `Training a new model on the ${datasetName} data… Waiting for a free worker: ${where}.`;
  return { text, blocks: [section(`:hourglass_flowing_sand: ${escapeMrkdwn(`Training a new model on the ${datasetName} data…`)}\n${escapeMrkdwn(`Waiting for a free worker: ${where}.`)}`)] };
}

/** "Step 2 of 3: Refining the best settings (4 of 8 done)". */
export function progressLine(progress: TrainingProgress): string {
  const step = STAGE_ORDER.indexOf(progress.stage);
  const what = STAGES[progress.stage] ?? progress.stage;
  const counted = progress.total > 0 && progress.done > 0 && progress.done < progress.total ? ` (${progress.done} of ${progress.total} done)` : '';
  return step >= 0 ? `Step ${step + 1} of ${STAGE_ORDER.length}: ${what}${counted}` : `${what}${counted}`;
}

export function trainingProgressMessage(datasetName: string, progress: TrainingProgress): SlackMessage {
  const line = progressLine(progress);
  const text = `Training a new model on the ${datasetName} data… ${line}`;
  return { text, blocks: [section(`:hourglass_flowing_sand: ${escapeMrkdwn(`Training a new model on the ${datasetName} data…`)}\n${escapeMrkdwn(line)}`)] };
}

/** The outcome in place of the progress: promoted or kept, with holdout error before and after. */
export function trainingResultMessage(datasetName: string, run: Pick<JobRun, 'id' | 'status' | 'output' | 'error'>): SlackMessage {
  const outcome = trainingOutcome(datasetName, run);
  if (outcome.kind === 'failed') return { text: outcome.text, blocks: [section(`:x: ${escapeMrkdwn(outcome.text)}`), contextLine(`Job run ${run.id}.`)] };
  return {
    text: outcome.text,
    blocks: [
      section(`${outcome.promoted ? ':white_check_mark:' : ':information_source:'} *${escapeMrkdwn(outcome.headline)}*\n${escapeMrkdwn(outcome.errors)}\n${escapeMrkdwn(outcome.why)}`),
      ...(outcome.changes.length ? [section(escapeMrkdwn(outcome.changes.join('\n')))] : []),
      contextLine(escapeMrkdwn(`New model version ${outcome.candidateId}${outcome.promoted ? '' : ' (kept as a candidate)'}.${outcome.seconds} Job run ${run.id}.`)),
    ],
  };
}
