import { Dataset } from '../../entities';
import { loadWeeklyData } from '../datasets';
import { recentQualityFindings } from '../digest';
import { booleanOption, checkOptionNames, numberOption } from './options';
import type { JobContext, JobKindDefinition, JobResult } from './types';

/**
 * Re-checks a dataset's weeks (missing weeks, spend outliers, channels that stopped
 * spending…) and posts what concerns recent weeks: old findings were reported when they
 * were recent, and repeating them every week teaches people to ignore the message.
 */
export interface DataQualityOptions {
  /** Findings about the last this-many weeks are reported (whole-series findings always). */
  recentWeeks: number;
  /** Post "all clear" too, not only when something was found. */
  postWhenClean: boolean;
}

export function dataQualityOptions(raw: Record<string, unknown>): DataQualityOptions {
  checkOptionNames(raw, ['recentWeeks', 'postWhenClean'], 'dataQuality');
  return {
    recentWeeks: numberOption(raw, 'recentWeeks', { fallback: 13, min: 1, max: 520, integer: true }),
    postWhenClean: booleanOption(raw, 'postWhenClean', false),
  };
}

async function dataQuality(ctx: JobContext): Promise<JobResult> {
  const options = dataQualityOptions(ctx.run.options);
  const dataset = await ctx.app.ds.getRepository(Dataset).findOneByOrFail({ id: ctx.run.datasetId });
  const data = await loadWeeklyData(ctx.app.ds, dataset.id);
  const findings = recentQualityFindings(data, options.recentWeeks);
  let slackTs: string | null = null;
  if (findings.length > 0 || options.postWhenClean) slackTs = await ctx.post({ kind: 'dataQuality', datasetName: dataset.name, findings, recentWeeks: options.recentWeeks });
  const byKind: Record<string, number> = {};
  for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return { status: 'succeeded', output: { weeks: data.dates.length, lastWeek: data.dates[data.dates.length - 1] ?? null, findings: findings.length, byKind, slackTs } };
}

export const dataQualityJob: JobKindDefinition = { parseOptions: dataQualityOptions, run: dataQuality };
