import { scaleOf, widerScale, type ScenarioChartInput, type ScenarioChartScale } from '../src/charts';
import type { ChartTask } from '../src/services/chartWorker';
import type { WebClient } from '@slack/web-api';
import { formatShare } from '../src/format';
import type { AppContext } from '../src/services/appContext';
import { drawChart } from '../src/services/charts';
import { shareChartInThread } from './slackClient';
import type { ScenarioResult } from '../src/scenarios';
import type { AskAnswer } from '../src/services/ask';
import { channelRowsInOrder, kpiLabel, spendChangeLine, type AnswerContext } from '../src/services/answerText';

/** A chart for an answer: what to draw, and the words Slack shows with it (`ThreadChart` once drawn). */
export interface AnswerChart {
  /** What to draw: drawn off the event loop by `drawChart` (src/services/charts.ts). */
  task: ChartTask;
  filename: string;
  title: string;
  /** What the image shows, for screen readers. */
  altText: string;
}

/** Draws a chart (on the CPU pool when the process has one) and shares it in a thread: how answers and digests alike post theirs. */
export async function postChart(app: Pick<AppContext, 'cpuPool'>, client: WebClient, channel: string, threadTs: string, chart: AnswerChart): Promise<void> {
  const png = await drawChart(app, chart.task);
  await shareChartInThread(client, channel, threadTs, { png, filename: chart.filename, title: chart.title, altText: chart.altText });
}

const percentOf = (value: number, base: number) => (base === 0 ? 0 : (100 * value) / base);

/** What the scenario chart draws of a result: channels in the dataset's order, the net change in percent of today's KPI. */
export function scenarioChartInput(result: ScenarioResult, restatement: string, kpiName: string, context: AnswerContext): ScenarioChartInput {
  const spend = spendChangeLine(result, kpiName);
  return {
    title: restatement || result.restatement || 'Scenario',
    subtitle: [spend ?? 'Total spend unchanged', `${formatShare(result.delta.probabilityBetter)} chance it beats the current plan`].join(' · '),
    kpiName: kpiLabel(kpiName),
    weeks: result.weeks,
    ...scaledFigures(result, context),
  };
}

/** The figures of a result that set the chart's axes: the net change and each channel's bars. */
function scaledFigures(result: ScenarioResult, context: AnswerContext): Pick<ScenarioChartInput, 'net' | 'channels'> {
  return {
    net: { pct: result.delta.pct, lowPct: percentOf(result.delta.low, result.before.kpi), highPct: percentOf(result.delta.high, result.before.kpi) },
    channels: channelRowsInOrder(result, context).map((r) => ({
      label: r.name,
      spendBefore: r.spendBefore,
      spendAfter: r.spendAfter,
      change: r.contributionAfter - r.contributionBefore,
      changeLow: r.changeLow,
      changeHigh: r.changeHigh,
    })),
  };
}

/** The axes every scenario chart of a thread uses: wide enough for each of its scenarios (only their figures are read, not their words). */
export function threadScale(thread: ScenarioResult[], context: AnswerContext): ScenarioChartScale | undefined {
  return thread.map((r) => scaleOf(scaledFigures(r, context))).reduce<ScenarioChartScale | undefined>((a, b) => (a ? widerScale(a, b) : b), undefined);
}

/**
 * The chart that goes with an answer, if its kind has one. `thread` is the conversation's
 * scenarios so far (this one included): the scenario chart's axes fit all of them, so charts of
 * one thread share one scale.
 */
export function answerChart(answer: AskAnswer, context: AnswerContext, thread: ScenarioResult[] = []): AnswerChart | null {
  if ((answer.kind === 'scenario' || answer.kind === 'undo') && answer.scenario) {
    const result = answer.scenario;
    const input = scenarioChartInput(result, answer.restatement, answer.kpiName, context);
    const own = scaleOf(input);
    const shared = threadScale(thread, context);
    const scale = shared ? widerScale(shared, own) : own;
    const kpi = kpiLabel(answer.kpiName);
    return {
      task: { kind: 'scenario', input: { ...input, scale } },
      filename: 'scenario.png',
      title: input.title,
      altText: `Net ${kpi} change with its 90% interval, weekly spend per channel (current plan against the scenario) and each channel's ${kpi} change with its 90% interval`,
    };
  }
  if (answer.kind === 'responseCurve' && answer.curve) {
    const curve = answer.curve;
    return {
      task: {
        kind: 'responseCurve',
        input: {
          channel: curve.displayName,
          kpiName: kpiLabel(answer.kpiName),
          currentWeeklySpend: curve.currentWeeklySpend,
          points: curve.points,
          observed: { min: curve.observedMin, max: curve.observedMax },
        },
      },
      filename: `response-curve-${curve.channel}.png`,
      title: `${curve.displayName} response curve`,
      altText: `${curve.displayName}'s weekly contribution to ${kpiLabel(answer.kpiName)} by weekly spend, with its 90% interval, the spend range seen in the data shaded and today's spend marked`,
    };
  }
  return null;
}
