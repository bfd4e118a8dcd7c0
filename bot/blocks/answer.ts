import { formatWeeks } from '../../src/format';
import type { AskAnswer } from '../../src/services/ask';
import {
  channelEffects,
  channelsLead,
  channelsTable,
  CHANNELS_FOOTNOTE,
  comparisonSummary,
  comparisonTable,
  renderAnswerText,
  responseCurveSummary,
  responseCurveTable,
  scenarioConfidence,
  scenarioHeadline,
  scenarioRows,
  scenarioWarnings,
  spendChangeLine,
  spendTable,
  weekByWeekTable,
  type AnswerContext,
} from '../../src/services/answerText';
import type { ScenarioResult } from '../../src/scenarios';
import type { Intent } from '../../src/scenarios/spec';
import { readingButtons, scenarioButtons } from './actions';
import { bullets, codeSection, contextLine, escapeMrkdwn, section, type KnownBlock } from './common';

/** A Slack message: blocks for people, `text` for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The percentage a what-if asked for, when it asked for exactly one (the "Try ±10 points" buttons vary it). */
export function askedPercent(intent: Intent): number | null {
  if (intent.kind !== 'whatIf' || intent.spec.changes.length !== 1) return null;
  const change = intent.spec.changes[0];
  const amount = change.kind === 'shift' ? change.amount : change.kind === 'scale' || change.kind === 'scaleTotal' ? change.by : null;
  return amount?.unit === 'percent' ? amount.value : null;
}

export function scenarioBlocks(result: ScenarioResult, answer: Pick<AskAnswer, 'kpiName' | 'intent' | 'scenarioId'>, context: AnswerContext): KnownBlock[] {
  const rows = scenarioRows(result, context);
  const effects = channelEffects(rows, answer.kpiName);
  const warnings = scenarioWarnings(result, context);
  const spend = spendChangeLine(result, answer.kpiName);
  const byWeek = weekByWeekTable(result, context);
  return [
    section([`*${escapeMrkdwn(scenarioHeadline(result, answer.kpiName))}*`, ...(spend ? [escapeMrkdwn(spend)] : []), escapeMrkdwn(scenarioConfidence(result))].join('\n')),
    codeSection('Weekly spend', spendTable(rows)),
    ...(byWeek ? [codeSection('The plan week by week (the table above shows its average week)', byWeek)] : []),
    ...(effects.length ? [section(`*Effect per channel over ${formatWeeks(result.weeks)}*\n${bullets(effects)}`)] : []),
    ...warnings.map((w) => contextLine(`:warning: ${escapeMrkdwn(w)}`)),
    ...(answer.scenarioId ? [scenarioButtons(answer.scenarioId, answer.intent.kind === 'whatIf' ? askedPercent(answer.intent) : null, result.intent.kind === 'optimize')] : []),
  ];
}

/** Block Kit for every kind of answer; the notification text is the plain-text rendering. */
export function answerMessage(answer: AskAnswer, context: AnswerContext): SlackMessage {
  return { text: renderAnswerText(answer, context), blocks: answerBlocks(answer, context) };
}

function answerBlocks(answer: AskAnswer, context: AnswerContext): KnownBlock[] {
  const understood = contextLine(`I ran: _${escapeMrkdwn(answer.restatement)}_`);
  switch (answer.kind) {
    case 'scenario':
      return answer.scenario ? [understood, ...scenarioBlocks(answer.scenario, answer, context)] : fallback(answer, context);
    case 'undo':
      if (!answer.scenario) return [section('Undone. There is no earlier scenario in this conversation.')];
      return [section('Undone. This conversation is back to the previous scenario:'), ...scenarioBlocks(answer.scenario, answer, context)];
    case 'channels':
      return [
        understood,
        ...leadSection(channelsLead(answer)),
        codeSection('Channels', channelsTable(answer.channels ?? [])),
        contextLine(escapeMrkdwn(CHANNELS_FOOTNOTE)),
      ];
    case 'responseCurve':
      return answer.curve
        ? [
            understood,
            section(escapeMrkdwn(responseCurveSummary(answer.curve, answer.kpiName))),
            codeSection('Response curve (steady state, 90% intervals)', responseCurveTable(answer.curve, answer.kpiName)),
            contextLine('The chart below shades the spend range seen in the data; the dashed part of the curve is extrapolated.'),
          ]
        : fallback(answer, context);
    case 'help':
    case 'unknown':
      return [section(escapeMrkdwn(answer.message ?? ''))];
    case 'clarify':
      return [section(escapeMrkdwn(answer.message ?? 'Could you say that differently?')), ...(answer.options?.length ? [readingButtons(answer.options, `readings_${answer.notebookId}`)] : [])];
    case 'comparison':
      return answer.comparison
        ? [
            section(escapeMrkdwn(comparisonSummary(answer.comparison, answer.kpiName).join('\n'))),
            codeSection('Weekly spend', comparisonTable(answer.comparison, context)),
            ...answer.comparison.caveats.map((c) => contextLine(`:warning: ${escapeMrkdwn(c)}`)),
          ]
        : fallback(answer, context);
    // A train answer is normally handled by bot/trainInThread.ts, which posts its own progress message.
    case 'modelQuality':
    case 'lastTrained':
    case 'schedule':
    case 'train':
      return fallback(answer, context);
  }
}

/** Sentences that answer the question, bold, above the table that backs them. */
function leadSection(lines: string[]): KnownBlock[] {
  return lines.length ? [section(lines.map((l) => `*${escapeMrkdwn(l)}*`).join('\n'))] : [];
}

/** Answers that read well as text get one section holding the text rendering. */
function fallback(answer: AskAnswer, context: AnswerContext): KnownBlock[] {
  return [section(escapeMrkdwn(renderAnswerText(answer, context)))];
}

/** An error worded for a marketer, e.g. an unknown channel with the list of channels. */
export function problemMessage(message: string): SlackMessage {
  return { text: message, blocks: [section(`:thinking_face: ${escapeMrkdwn(message)}`)] };
}

/** Confirmation of a schedule created from the channel it will post to. */
export function scheduleCreatedMessage(schedule: NonNullable<AskAnswer['schedule']>, scheduleId: string, timezone: string): SlackMessage {
  const text = `Scheduled: ${schedule.description}, posting in this channel (cron "${schedule.cron}", ${timezone}).`;
  return { text, blocks: [section(`:calendar: ${escapeMrkdwn(text)}`), contextLine(`Schedule ${scheduleId}. Listed in GraphQL \`jobSchedules\`.`)] };
}
