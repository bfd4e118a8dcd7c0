import { describeProblem } from '../../src/data/problems';
import type { QualityFinding } from '../../src/data';
import { formatNumber } from '../../src/format';
import type { IngestResult } from '../../src/services/ingest';
import type { UserFacingError } from '../../src/services/errors';
import type { SlackMessage } from './answer';
import { bullets, contextLine, escapeMrkdwn, section } from './common';

/** Enough findings or problems to act on in a thread; the rest are counted. */
export const LISTED_IN_SLACK = 10;

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function listed(lines: string[], noun: string): string[] {
  const shown = lines.slice(0, LISTED_IN_SLACK);
  return lines.length > shown.length ? [...shown, `…and ${plural(lines.length - shown.length, `more ${noun}`)}`] : shown;
}

function findingLine(f: QualityFinding): string {
  return f.week && !f.detail.includes(f.week) ? `${f.week}: ${f.detail}` : f.detail;
}

/** What a shared CSV changed: rows read, weeks written and new, the reader's warnings and the data-quality findings. */
export function ingestedMessage(fileName: string, result: IngestResult): SlackMessage {
  const headline = `Ingested ${fileName} into the ${result.dataset} dataset: ${plural(result.rowsRead, 'row')} read, ${plural(result.weeksUpserted, 'week')} written, ${formatNumber(result.newWeeks)} of them new.`;
  const findings = result.quality.findings.map(findingLine);
  const quality = findings.length === 0 ? 'Data quality: no findings.' : `Data quality: ${plural(findings.length, 'finding')}.`;
  const stale = result.newWeeks > 0 ? 'The model has not seen the new weeks yet: say "retrain the model" to train on them.' : null;
  const text = [headline, quality, ...findings.slice(0, LISTED_IN_SLACK).map((f) => `• ${f}`), ...(stale ? [stale] : [])].join('\n');
  return {
    text,
    blocks: [
      section(`:white_check_mark: *${escapeMrkdwn(headline)}*`),
      ...result.warnings.map((w) => contextLine(`:warning: ${escapeMrkdwn(w)}`)),
      section(`*${escapeMrkdwn(quality)}*${findings.length ? `\n${bullets(listed(findings, 'finding'))}` : ''}`),
      ...(stale ? [contextLine(escapeMrkdwn(stale))] : []),
    ],
  };
}

/** A rejected file: nothing changed, and every problem by row and column so it can be fixed in one go. */
export function rejectedMessage(fileName: string, error: UserFacingError): SlackMessage {
  const problems = error.problems.map((p) => (p.row !== undefined ? describeProblem({ row: p.row, column: p.column ?? null, message: p.message }) : p.message));
  const lines = problems.map((p) => p.charAt(0).toUpperCase() + p.slice(1));
  const headline = `I could not ingest ${fileName}, so nothing was changed. ${problems.length ? `Fix ${problems.length === 1 ? 'this' : 'these'} and share it again (row numbers as your spreadsheet shows them, header = row 1):` : error.message}`;
  const text = [headline, ...lines.slice(0, LISTED_IN_SLACK).map((l) => `• ${l}`)].join('\n');
  return { text, blocks: [section(`:thinking_face: ${escapeMrkdwn(headline)}`), ...(lines.length ? [section(bullets(listed(lines, 'problem')))] : [])] };
}
