import type { QualityFinding } from '../../data';
import type { JobRun } from '../../entities';
import type { Logger } from '../../logger';
import type { AppContext } from '../appContext';
import type { DigestContent } from '../digest';

/**
 * What a job has to say, as content: the wording and Block Kit are the Slack door's
 * (bot/blocks/jobs.ts, bot/blocks/digest.ts), so a job kind never builds a Slack message.
 */
export type JobNotice =
  | { kind: 'dataQuality'; datasetName: string; findings: QualityFinding[]; recentWeeks: number }
  /** `content` as stored on the digest row: a row written by an earlier version may carry its worded `text` and `blocks`, posted as they are. */
  | { kind: 'digest'; content: Partial<DigestContent> & { text?: string; blocks?: object[] } }
  /** A sentence already worded by the service (src/services/answerText.ts for retrains). */
  | { kind: 'note'; text: string }
  | { kind: 'failure'; run: Pick<JobRun, 'id' | 'kind' | 'fireTime' | 'attempt'>; datasetName: string; error: string };

/** Where jobs post: the server passes the Slack door's (bot/jobNotifier.ts); tests and a Slack-less server may pass none. */
export interface JobNotifier {
  /** Posts to a channel; resolves with the message timestamp. */
  post(channel: string, notice: JobNotice): Promise<{ ts: string | null }>;
}

/** What a job kind gets to do its work. */
export interface JobContext {
  app: AppContext;
  /** The claimed run: kind, dataset, fire time, trigger, options and Slack channel. */
  run: JobRun;
  log: Logger;
  /** Posts to the run's Slack channel; null (and logged) when it has none or Slack is not configured. */
  post(notice: JobNotice): Promise<string | null>;
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
