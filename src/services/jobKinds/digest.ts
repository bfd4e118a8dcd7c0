import { Digest, JobSchedule } from '../../entities';
import { computeDigest, type DigestContent } from '../digest';
import { isoWeekOf } from '../../jobs/cronTimes';
import { checkOptionNames } from './options';
import { isUniqueViolation } from '../../jobs/runs';
import type { JobContext, JobKindDefinition, JobResult } from './types';

/**
 * Posts the weekly digest of a dataset to the run's channel, once per ISO week of the fire
 * time (in the schedule's time zone). The digest row is inserted before posting: the unique
 * (dataset, channel, ISO week) key stops a second post even when two schedules, a retry
 * and a manual run all fire in the same week.
 */
const DIGEST_TAKEN = 'digests_dataset_channel_week_unique';

async function digest(ctx: JobContext): Promise<JobResult> {
  const { ds } = ctx.app;
  const { run } = ctx;
  digestOptions(run.options);
  if (!run.slackChannel) throw new Error('A digest needs a Slack channel to be posted to');
  const schedule = run.scheduleId ? await ds.getRepository(JobSchedule).findOneBy({ id: run.scheduleId }) : null;
  const isoWeek = isoWeekOf(run.fireTime, schedule?.timezone ?? 'UTC');
  const repo = ds.getRepository(Digest);

  let stored = await repo.findOneBy({ datasetId: run.datasetId, slackChannel: run.slackChannel, isoWeek });
  if (!stored) {
    // Stored before posting, as content: a retry words and posts the same digest.
    const content = await computeDigest(ds, run.datasetId, { asOf: run.fireTime });
    try {
      stored = await repo.save(repo.create({ datasetId: run.datasetId, slackChannel: run.slackChannel, isoWeek, content: content as unknown as Record<string, unknown>, jobRunId: run.id }));
    } catch (err) {
      if (!isUniqueViolation(err, DIGEST_TAKEN)) throw err;
      stored = await repo.findOneByOrFail({ datasetId: run.datasetId, slackChannel: run.slackChannel, isoWeek });
    }
  }
  // Another run's digest for this week is theirs to post; ours (a retry of this run) we finish.
  if (stored.jobRunId !== run.id || stored.postedAt) {
    return { status: 'skipped', output: { reason: `the ${isoWeek} digest for this channel was already ${stored.postedAt ? 'posted' : 'written'} by another run`, digestId: stored.id, isoWeek } };
  }
  if (!(await ctx.stillOwnsRun())) throw new Error('This run was taken over by another process; it leaves the posting to it');
  const ts = await ctx.post({ kind: 'digest', content: stored.content as Partial<DigestContent> });
  if (ts) await repo.update(stored.id, { slackTs: ts, postedAt: new Date() });
  return { status: 'succeeded', output: { digestId: stored.id, isoWeek, posted: ts !== null, slackTs: ts } };
}

/** A digest takes no options; any given is a mistake worth refusing. */
function digestOptions(options: Record<string, unknown>): object {
  checkOptionNames(options, [], 'digest');
  return {};
}

export const digestJob: JobKindDefinition = { parseOptions: digestOptions, run: digest };
