import { Digest, JobSchedule } from '../../entities';
import { digestChartPng } from '../../charts';
import { computeDigest, type DigestContent } from '../digest';
import { isoWeekOf } from '../../jobs/cronTimes';
import { digestMessage } from '../../../bot/blocks/digest';
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
    const content = await computeDigest(ds, run.datasetId, { asOf: run.fireTime });
    const message = digestMessage(content);
    try {
      stored = await repo.save(repo.create({ datasetId: run.datasetId, slackChannel: run.slackChannel, isoWeek, content: { ...content, text: message.text, blocks: message.blocks }, jobRunId: run.id }));
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
  const content = stored.content as Partial<DigestContent> & { text: string; blocks: object[] };
  const ts = await ctx.post({ text: content.text, blocks: content.blocks, image: digestImage(content) });
  if (ts) await repo.update(stored.id, { slackTs: ts, postedAt: new Date() });
  return { status: 'succeeded', output: { digestId: stored.id, isoWeek, posted: ts !== null, slackTs: ts } };
}

/** The digest's chart: spend and ROAS by channel. None for a stored digest without figures. */
function digestImage(content: Partial<DigestContent>): { png: Buffer; filename: string; title: string; altText: string } | undefined {
  const spend = content.spend ?? [];
  if (spend.length === 0) return undefined;
  const roas = new Map((content.roas ?? []).map((r) => [r.channel, r]));
  const png = digestChartPng(
    spend.map((c) => ({
      label: c.displayName,
      spendLastWeek: c.lastWeek,
      spendPreviousWeek: c.previousWeek,
      roasRecent: roas.get(c.channel)?.recent ?? null,
      roasQuarter: roas.get(c.channel)?.quarter ?? null,
    })),
    { title: `${content.datasetName ?? 'Weekly digest'}: spend and ROAS by channel, week of ${content.week ?? ''}`.trim() },
  );
  const title = `Spend and ROAS by channel, week of ${content.week ?? ''}`.trim();
  return {
    png,
    filename: 'digest.png',
    title,
    altText: `${title}: bars for last week against the week before, and ROAS over the last 4 against the last 13 weeks with 90% intervals and the break-even line at 1`,
  };
}

/** A digest takes no options; any given is a mistake worth refusing. */
function digestOptions(options: Record<string, unknown>): object {
  checkOptionNames(options, [], 'digest');
  return {};
}

export const digestJob: JobKindDefinition = { parseOptions: digestOptions, run: digest };
