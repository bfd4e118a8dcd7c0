import type { DataSource } from 'typeorm';
import { Dataset, type JobRun } from '../../entities';
import { productionModelVersion, promoteModel, trainModel } from '../models';
import { checkOptionNames, numberOption } from './options';
import type { JobContext, JobKindDefinition, JobResult } from './types';
import { formatShare } from '../../format';
import { parseFitChoices, type FitChoices } from '../fitChoices';
import { compareModelVersions } from '../modelChanges';
import { trainingOutcome } from '../answerText';

/**
 * Keeps a dataset's production model fresh: when enough new weeks have arrived (or on
 * request) it trains a candidate and promotes it only if it predicts unseen weeks about as
 * well as production does. Training and promotion are separate writes (see trainModel):
 * killed at any point, production is the old model or the new one, never half of one.
 */
export interface RetrainOptions {
  /** New weeks since the production model was trained before a scheduled run retrains. */
  minNewWeeks: number;
  /** How much worse (absolute holdout MAPE, 0.01 = one point) a candidate may be and still be promoted. */
  maxHoldoutWorsening: number;
  /** Holdout weeks of the candidate; by default production's, so their errors are measured alike. */
  holdoutWeeks: number | null;
  seed: number;
  /** Adstock, saturation, effort; unset ones are production's (trainModel keeps them). */
  choices: Partial<FitChoices>;
}

export const DEFAULT_MIN_NEW_WEEKS = 4;
export const DEFAULT_MAX_HOLDOUT_WORSENING = 0.01;
const DEFAULT_HOLDOUT_WEEKS = 13;

export function retrainOptions(raw: Record<string, unknown>): RetrainOptions {
  checkOptionNames(raw, ['minNewWeeks', 'maxHoldoutWorsening', 'holdoutWeeks', 'seed', 'adstock', 'saturation', 'effort'], 'retrain');
  return {
    minNewWeeks: numberOption(raw, 'minNewWeeks', { fallback: DEFAULT_MIN_NEW_WEEKS, min: 1, max: 520, integer: true }),
    maxHoldoutWorsening: numberOption(raw, 'maxHoldoutWorsening', { fallback: DEFAULT_MAX_HOLDOUT_WORSENING, min: 0, max: 1 }),
    holdoutWeeks: raw.holdoutWeeks === undefined ? null : numberOption(raw, 'holdoutWeeks', { fallback: DEFAULT_HOLDOUT_WEEKS, min: 1, max: 104, integer: true }),
    seed: numberOption(raw, 'seed', { fallback: 1, min: 0, max: 2 ** 31 - 1, integer: true }),
    choices: parseFitChoices(raw, (name) => `options.${name}`),
  };
}

export interface PromotionDecision {
  promote: boolean;
  /** One sentence a marketer can read. */
  reason: string;
}

/** A difference of two error rates in percentage points: 0.022 → "2.2 points". */
const points = (fraction: number) => `${formatShare(fraction).replace('%', '')} points`;

/**
 * Whether a candidate replaces production, judged on holdout MAPE (error on weeks the
 * model did not see). Without a production model there is nothing to keep.
 */
export function promotionDecision(candidateHoldoutMape: number | null, productionHoldoutMape: number | null | undefined, maxWorsening: number): PromotionDecision {
  if (productionHoldoutMape === undefined) return { promote: true, reason: 'there was no production model yet' };
  if (candidateHoldoutMape === null) return { promote: false, reason: 'the new model has no holdout error to compare (it was fitted on every week)' };
  if (productionHoldoutMape === null) return { promote: true, reason: 'the production model has no holdout error to compare with' };
  const worsening = candidateHoldoutMape - productionHoldoutMape;
  const figures = `holdout error ${formatShare(candidateHoldoutMape)} against production's ${formatShare(productionHoldoutMape)}`;
  if (worsening <= maxWorsening + 1e-12) {
    return { promote: true, reason: worsening <= 0 ? `the new model is at least as accurate: ${figures}` : `the new model is within the allowed ${points(maxWorsening)} of production: ${figures}` };
  }
  return { promote: false, reason: `the new model is less accurate on unseen weeks: ${figures}, ${points(worsening)} worse where at most ${points(maxWorsening)} is allowed` };
}

/** Marks the model rows a dead run left in `training` as failed: they will never be finished. */
export async function failAbandonedTraining(ds: DataSource, run: JobRun): Promise<number> {
  const [, count] = (await ds.query(
    `UPDATE model_versions SET status = 'failed', error = $2 WHERE status = 'training' AND created_by = $1`,
    [createdByRun(run), `training stopped: the process running job run ${run.id} died before it finished`],
  )) as [unknown, number];
  return count;
}

const createdByRun = (run: JobRun) => `job:${run.id}`;

async function retrain(ctx: JobContext): Promise<JobResult> {
  const { ds } = ctx.app;
  const options = retrainOptions(ctx.run.options);
  const dataset = await ds.getRepository(Dataset).findOneByOrFail({ id: ctx.run.datasetId });
  const production = await productionModelVersion(ds, dataset.id);
  const onRequest = ctx.run.trigger === 'manual';
  if (production && !onRequest && dataset.newWeeksSinceTraining < options.minNewWeeks) {
    return {
      status: 'skipped',
      output: { reason: `${dataset.newWeeksSinceTraining} new week(s) since the last training; retraining waits for ${options.minNewWeeks}`, newWeeks: dataset.newWeeksSinceTraining, minNewWeeks: options.minNewWeeks },
    };
  }

  const started = Date.now();
  const candidate = await trainModel(
    ds,
    dataset.id,
    { holdoutWeeks: options.holdoutWeeks ?? (production?.holdoutWeeks || DEFAULT_HOLDOUT_WEEKS), seed: options.seed, choices: options.choices, promote: false, createdBy: createdByRun(ctx.run), onProgress: ctx.onProgress, signal: ctx.signal },
    ctx.log,
  );
  const decision = promotionDecision(candidate.metrics?.holdoutMape ?? null, production ? (production.metrics?.holdoutMape ?? null) : undefined, options.maxHoldoutWorsening);
  // A process presumed dead (its run retried elsewhere) must not promote behind its successor's back.
  const promote = decision.promote && (await ctx.stillOwnsRun());
  // What changed against the model it replaces: said in the run's message and the next digest.
  const changes = promote && production ? await compareModelVersions(ds, production.id, candidate) : null;
  if (promote) await promoteModel(ds, candidate.id);
  else if (!decision.promote) {
    await ctx.post({
      kind: 'note',
      text: `:warning: Retrained the ${dataset.name} model but kept the production one: ${decision.reason}. The new model is saved as candidate ${candidate.id}; promote it by hand if you prefer it.`,
    });
  }
  const output = {
    durationMs: Date.now() - started,
    fitMs: candidate.fitMs,
    newWeeks: dataset.newWeeksSinceTraining,
    onRequest,
    candidateId: candidate.id,
    candidateMetrics: candidate.metrics,
    productionId: production?.id ?? null,
    productionMetrics: production?.metrics ?? null,
    promoted: promote,
    reason: decision.reason,
    changes,
  };
  // A promotion that replaced a model is announced with what changed (a thread's retrain edits its own message instead: no Slack here).
  if (promote && changes) await ctx.post({ kind: 'note', text: trainingOutcome(dataset.name, { status: 'succeeded', output, error: null }).text });
  return { status: 'succeeded', output };
}

export const retrainJob: JobKindDefinition = {
  parseOptions: retrainOptions,
  run: retrain,
  abandon: async (app, run) => {
    const failed = await failAbandonedTraining(app.ds, run);
    if (failed > 0) app.log.warn({ jobRunId: run.id, modelVersions: failed }, 'marked models left in training by a dead job run as failed');
  },
};
