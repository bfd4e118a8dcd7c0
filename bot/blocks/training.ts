import { formatShare } from '../../src/format';
import type { JobRun } from '../../src/entities';
import { contextLine, escapeMrkdwn, section } from './common';
import type { SlackMessage } from './answer';

/** The fit's stages (src/mmm/fit.ts), in the order they run, as a marketer would read them. */
const STAGES: Record<string, string> = {
  'global search': 'Trying out carry-over and saturation settings for every channel',
  'local search': 'Refining the best settings',
  bootstrap: 'Measuring how certain each number is',
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

/** What the retrain job stores on its run (jobs/kinds/retrain.ts). */
interface RetrainOutput {
  promoted: boolean;
  reason: string;
  candidateId: string;
  candidateMetrics: Record<string, number | null> | null;
  productionMetrics: Record<string, number | null> | null;
  fitMs: number | null;
}

function holdoutMape(metrics: Record<string, number | null> | null | undefined): number | null {
  const value = metrics?.holdoutMape;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "8.4%", or a dash when the model had no holdout weeks to be measured on. */
const mapeText = (value: number | null) => (value === null ? '—' : formatShare(value));

/** The outcome in place of the progress: promoted or kept, with holdout error before and after. */
export function trainingResultMessage(datasetName: string, run: Pick<JobRun, 'id' | 'status' | 'output' | 'error'>): SlackMessage {
  if (run.status !== 'succeeded' || !run.output) {
    const text = `Training a new ${datasetName} model failed: ${run.error ?? `the run ended ${run.status}`}. The production model is unchanged.`;
    return { text, blocks: [section(`:x: ${escapeMrkdwn(text)}`), contextLine(`Job run ${run.id}.`)] };
  }
  const output = run.output as unknown as RetrainOutput;
  const before = holdoutMape(output.productionMetrics);
  const after = holdoutMape(output.candidateMetrics);
  const headline = output.promoted ? `New ${datasetName} model in production` : `Kept the current ${datasetName} model`;
  const errors = `Error on weeks the model did not see (holdout MAPE): before ${mapeText(before)}, after ${mapeText(after)}.`;
  const why = `${output.promoted ? 'Promoted' : 'Not promoted'}: ${output.reason}.`;
  const seconds = typeof output.fitMs === 'number' ? ` Trained in ${(output.fitMs / 1000).toFixed(1)} s.` : '';
  const text = `${headline}. ${errors} ${why}${seconds}`;
  return {
    text,
    blocks: [
      section(`${output.promoted ? ':white_check_mark:' : ':information_source:'} *${escapeMrkdwn(headline)}*\n${escapeMrkdwn(errors)}\n${escapeMrkdwn(why)}`),
      contextLine(escapeMrkdwn(`New model version ${output.candidateId}${output.promoted ? '' : ' (kept as a candidate)'}.${seconds} Job run ${run.id}.`)),
    ],
  };
}
