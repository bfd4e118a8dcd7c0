import { responseCurveChartPng, scenarioChartPng } from '../src/charts';
import { formatWeeks } from '../src/format';
import type { AskAnswer } from '../src/services/ask';
import { kpiLabel, scenarioRows, type AnswerContext } from '../src/services/answerText';

export interface AnswerChart {
  png: Buffer;
  filename: string;
  title: string;
  /** What the image shows, for screen readers. */
  altText: string;
}

/** The chart that goes with an answer, if its kind has one. */
export function answerChart(answer: AskAnswer, context: AnswerContext): AnswerChart | null {
  if ((answer.kind === 'scenario' || answer.kind === 'undo') && answer.scenario) {
    const result = answer.scenario;
    const rows = scenarioRows(result, context);
    return {
      png: scenarioChartPng(
        rows.map((r) => ({ label: r.name, spendBefore: r.spendBefore, spendAfter: r.spendAfter, contributionBefore: r.contributionBefore, contributionAfter: r.contributionAfter })),
        { spend: 'Weekly spend', contribution: `${kpiLabel(answer.kpiName)} from each channel, next ${formatWeeks(result.weeks)}` },
      ),
      filename: 'scenario.png',
      title: 'Current plan vs scenario',
      altText: `Bar charts of weekly spend and ${kpiLabel(answer.kpiName)} per channel, current plan against the scenario`,
    };
  }
  if (answer.kind === 'responseCurve' && answer.curve) {
    const curve = answer.curve;
    return {
      png: responseCurveChartPng({ channel: curve.displayName, kpiName: kpiLabel(answer.kpiName), currentWeeklySpend: curve.currentWeeklySpend, points: curve.points }),
      filename: `response-curve-${curve.channel}.png`,
      title: `${curve.displayName} response curve`,
      altText: `Weekly ${kpiLabel(answer.kpiName)} from ${curve.displayName} by weekly spend, with its 90% interval and today's spend marked`,
    };
  }
  return null;
}
