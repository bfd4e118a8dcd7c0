import type { QualityFinding } from '../../src/data';
import type { JobRun } from '../../src/entities';
import { escapeMrkdwn, section } from './common';
import type { SlackMessage } from './answer';

/** The short messages jobs post (data-quality findings, failures, retrain notes); the digest has its own file. */

const KIND_NAMES: Record<string, string> = { digest: 'weekly digest', retrain: 'model retraining', dataQuality: 'data-quality check' };
/** Slack refuses a section text over 3000 characters; long lists are cut well before. */
const MAX_LISTED = 15;

export function jobKindName(kind: string): string {
  return KIND_NAMES[kind] ?? kind;
}

export function dataQualityMessage(datasetName: string, findings: QualityFinding[], recentWeeks: number): SlackMessage {
  if (findings.length === 0) {
    const text = `Data check for ${datasetName}: nothing unusual in the last ${recentWeeks} weeks.`;
    return { text, blocks: [section(`:white_check_mark: ${escapeMrkdwn(text)}`)] };
  }
  const heading = `Data check for ${datasetName}: ${findings.length} thing${findings.length === 1 ? '' : 's'} to look at in the last ${recentWeeks} weeks`;
  const lines = findingLines(findings);
  return { text: `${heading}\n${lines.join('\n')}`, blocks: [section(`:mag: *${escapeMrkdwn(heading)}*`), section(escapeMrkdwn(lines.join('\n')))] };
}

/** One bullet per finding, at most MAX_LISTED, then how many more. */
export function findingLines(findings: QualityFinding[]): string[] {
  const lines = findings.slice(0, MAX_LISTED).map((f) => `• ${f.detail}`);
  if (findings.length > MAX_LISTED) lines.push(`• …and ${findings.length - MAX_LISTED} more`);
  return lines;
}

export function jobFailureMessage(run: Pick<JobRun, 'id' | 'kind' | 'fireTime' | 'attempt'>, datasetName: string, error: string): SlackMessage {
  const text = `The ${jobKindName(run.kind)} of ${datasetName} failed (run ${run.id}, due ${run.fireTime.toISOString()}, attempt ${run.attempt}): ${error}`;
  return { text, blocks: [section(`:warning: ${escapeMrkdwn(text)}`)] };
}

/** A note a job worded itself (a retrain's outcome): plain text, and one section for clients that show blocks. */
export function jobNoteMessage(text: string): SlackMessage {
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
