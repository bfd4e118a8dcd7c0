import { formatMoney, formatNumber, formatPercentChange, formatShare, formatWeeks } from '../../src/format';
import { QUALITY_WEEKS, QUARTER_WEEKS, RECENT_WEEKS, RECOMMENDATION_MAX_CHANGE, type ChannelRoas, type DigestContent, type RoasWindow } from '../../src/services/digest';
import type { ChartTask } from '../../src/services/chartWorker';
import { findingLines } from './jobs';
import { modelChangeSection } from '../../src/services/answerText';
import type { AnswerChart } from '../answerChart';
import type { SlackMessage } from './answer';
import { contextLine, escapeMrkdwn, section, type KnownBlock } from './common';

/**
 * The weekly digest as a Slack message: Block Kit for the channel, and the same content as
 * plain text (notifications, clients without blocks). Computing the digest is
 * src/services/digest.ts; this file only words and lays it out.
 */
export function digestMessage(digest: DigestContent): SlackMessage {
  const sections: Array<{ title: string; lines: string[] }> = [
    { title: `${digest.kpiName} in the week of ${digest.week}`, lines: kpiLines(digest) },
    { title: 'Spend by channel', lines: spendLines(digest) },
    ...(digest.roas ? [{ title: `ROAS: last ${digest.roas[0]?.recent?.weeks ?? RECENT_WEEKS} weeks vs last ${digest.roas[0]?.quarter?.weeks ?? QUARTER_WEEKS} (90% intervals)`, lines: digest.roas.map(roasLine) }] : []),
    ...(digest.modelHealth ? [{ title: 'Model health', lines: healthLines(digest) }] : []),
    ...(digest.modelChanges ? [{ title: 'A new model went into production this week', lines: modelChangeSection(digest.modelChanges) }] : []),
    { title: 'Data quality', lines: digest.quality.length > 0 ? findingLines(digest.quality) : [`• Nothing unusual in the last ${QUALITY_WEEKS} weeks.`] },
    ...(digest.recommendation ? [{ title: 'Recommendation', lines: [recommendationLine(digest)] }] : []),
    ...(digest.notes.length > 0 ? [{ title: 'Notes', lines: digest.notes.map((n) => `• ${n}`) }] : []),
  ];
  const heading = `Weekly digest: ${digest.datasetName}, week of ${digest.week}`;
  const text = [heading, ...sections.map((s) => `\n${s.title}\n${s.lines.join('\n')}`)].join('\n');
  const blocks: KnownBlock[] = [
    // Slack refuses a header over 150 characters.
    { type: 'header', text: { type: 'plain_text', text: heading.slice(0, 150) } },
    ...sections.map((s) => section(`*${escapeMrkdwn(s.title)}*\n${escapeMrkdwn(s.lines.join('\n'))}`)),
    contextLine(`Computed ${digest.asOf.slice(0, 16).replace('T', ' ')} UTC by Mixwise`),
  ];
  return { text, blocks };
}

function kpiLines(d: DigestContent): string[] {
  const { kpi } = d;
  const lines = [`• ${formatNumber(kpi.actual)}${kpi.changeVsPrevious !== null ? ` (${formatPercentChange(kpi.changeVsPrevious * 100)} vs the week before, ${formatNumber(kpi.previous!)})` : ''}`];
  if (kpi.expected) {
    const range = `${formatNumber(kpi.expected.low)}–${formatNumber(kpi.expected.high)}`;
    const verdict =
      kpi.anomaly === 'above' ? ':rotating_light: *above* what the model expected' : kpi.anomaly === 'below' ? ':rotating_light: *below* what the model expected' : 'in line with the model';
    lines.push(`• ${verdict}: expected ${formatNumber(kpi.expected.value)} (90% of weeks fall in ${range})`);
  }
  return lines;
}

function spendLines(d: DigestContent): string[] {
  return d.spend.map((s) => {
    const change = s.previousWeek ? ` (${formatPercentChange((s.lastWeek / s.previousWeek - 1) * 100)})` : '';
    return `• ${s.displayName}: ${formatMoney(s.lastWeek)}${change}, ${formatShare(s.share)} of spend`;
  });
}

function roasLine(r: ChannelRoas): string {
  const window = (w: RoasWindow | null) => (w ? `${w.roas.toFixed(2)} (${w.low.toFixed(2)}–${w.high.toFixed(2)})` : 'no spend');
  return `• ${r.displayName}: ${window(r.recent)} vs ${window(r.quarter)}`;
}

function healthLines(d: DigestContent): string[] {
  const h = d.modelHealth!;
  const lines = [
    `• Holdout error ${h.holdoutMape !== null ? formatShare(h.holdoutMape) : 'not measured'}; last ${h.recentWeeks} weeks ${formatShare(h.recentMape)}${unseenWords(h)}`,
    `• ${h.drifting ? ':warning: The model is drifting: recent weeks are much less accurate than its holdout. Consider retraining.' : 'No drift: recent weeks are about as accurate as the holdout.'}`,
  ];
  if (h.ageDays !== null) lines.push(`• Trained ${h.ageDays} day${h.ageDays === 1 ? '' : 's'} ago on weeks through ${h.trainedThrough ?? '?'}; ${h.newWeeksSinceTraining} new week${h.newWeeksSinceTraining === 1 ? '' : 's'} since`);
  return lines;
}

/**
 * "(4 of them held out of its training)", "(2 held out of its training, 2 newer than its data)": the
 * weeks it never learned from, told apart, so they do not read as "new" beside "0 new weeks since".
 */
function unseenWords(h: NonNullable<DigestContent['modelHealth']>): string {
  // Stored digests from before the split count only unseen weeks.
  const heldOut = h.heldOutWeeks ?? 0;
  const later = h.laterWeeks ?? 0;
  const parts = [heldOut > 0 ? `${heldOut} held out of its training` : null, later > 0 ? `${later} newer than its data` : null].filter((p) => p !== null);
  if (parts.length === 0) return '';
  return parts.length === 1 && heldOut + later === h.recentWeeks ? ` (all ${parts[0].replace(/^\d+ /, '')})` : ` (${parts.join(', ')})`;
}

function recommendationLine(d: DigestContent): string {
  const r = d.recommendation!;
  return (
    `• Move ${formatMoney(r.weeklyAmount)} a week from ${r.fromName} to ${r.toName}: about ${formatNumber(r.gain)} more ${d.kpiName} over ${formatWeeks(r.weeks)} ` +
    `(${formatPercentChange(r.gainPct)}; 90% interval ${formatNumber(r.gainLow)} to ${formatNumber(r.gainHigh)}; better in ${formatShare(r.probabilityBetter)} of bootstrap draws), ` +
    `keeping every channel within ${formatShare(RECOMMENDATION_MAX_CHANGE)} of today's spend.`
  );
}

/** The digest's chart: spend and ROAS by channel. None for a stored digest without figures. */
export function digestChart(content: Partial<DigestContent>): AnswerChart | null {
  const spend = content.spend ?? [];
  if (spend.length === 0) return null;
  const roas = new Map((content.roas ?? []).map((r) => [r.channel, r]));
  const task: ChartTask = {
    kind: 'digest',
    channels: spend.map((c) => ({
      label: c.displayName,
      spendLastWeek: c.lastWeek,
      spendPreviousWeek: c.previousWeek,
      roasRecent: roas.get(c.channel)?.recent ?? null,
      roasQuarter: roas.get(c.channel)?.quarter ?? null,
    })),
    heading: { title: `${content.datasetName ?? 'Weekly digest'}: spend and ROAS by channel, week of ${content.week ?? ''}`.trim() },
  };
  const title = `Spend and ROAS by channel, week of ${content.week ?? ''}`.trim();
  return {
    task,
    filename: 'digest.png',
    title,
    altText: `${title}: bars for last week against the week before, and ROAS over the last 4 against the last 13 weeks with 90% intervals and the break-even line at 1`,
  };
}
