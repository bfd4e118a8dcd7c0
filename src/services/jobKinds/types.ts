import type { JobRun } from '../../entities';
import type { Logger } from '../../logger';
import type { AppContext } from '../appContext';
import type { SlackMessage } from '../../../bot/jobNotifier';

/** What a job kind gets to do its work. */
export interface JobContext {
  app: AppContext;
  /** The claimed run: kind, dataset, fire time, trigger, options and Slack channel. */
  run: JobRun;
  log: Logger;
  /** Posts to the run's Slack channel; null (and logged) when it has none or Slack is not configured. */
  post(message: SlackMessage): Promise<string | null>;
  /** Whether this process still owns the run; checked before irreversible steps (promotion, posting). */
  stillOwnsRun(): Promise<boolean>;
  /** Reports training progress to whoever started the run and is watching (a Slack message); unset for scheduled runs. */
  onProgress?: TrainingProgressListener;
  /** Aborted when the run passes its time limit or another process has taken it over: long work (a fit) stops. */
  signal: AbortSignal;
}

export type TrainingProgressListener = (progress: { stage: string; done: number; total: number }) => void;

/** A run's outcome; `output` is the summary stored on the run and listed through GraphQL. */
export interface JobResult {
  status: 'succeeded' | 'skipped';
  output: Record<string, unknown>;
}

export interface JobKindDefinition {
  /** Reads and checks a schedule's options (throws BAD_USER_INPUT naming the option). */
  parseOptions(options: Record<string, unknown>): object;
  run(ctx: JobContext): Promise<JobResult>;
  /** Tidies what a run left behind when its process died (called before it is retried or failed). */
  abandon?(app: AppContext, run: JobRun): Promise<void>;
}
