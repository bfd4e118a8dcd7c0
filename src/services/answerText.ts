import type { JobRun } from '../entities';
import { formatMoney, formatMoneyChange, formatNumber, formatPercentChange, formatPercentRange, formatShare, formatWeeks } from '../format';
import { spendChange, type ScenarioComparison, type ScenarioResult, type SpendOutsideSeen } from '../scenarios';
import type { AskAnswer, ChannelFigure, CurveFigures } from './ask';
import { displayNameFromKey } from '../language/channelNames';
import type { ModelComparison } from './modelChanges';

/**
 * The words of an answer. `mmm ask` prints `renderAnswerText`; Slack's Block Kit message
 * (bot/blocks) is built from the same phrases, and uses `renderAnswerText` as its
 * notification text, so every door says the same thing.
 */

/** What an answer needs besides itself to be worded: channel names and the model's health. */
export interface AnswerContext {
  /** Channel key → the name marketers use ("search" → "Paid Search"). */
  channelNames: Record<string, string>;
  /** The answering model's fit metrics (fractions), to warn when it is weak. */
  modelMetrics: Record<string, number | null> | null;
  /** Channel keys in the dataset's order: charts list channels in it, the same in every answer. */
  channelOrder?: string[];
}

export const EMPTY_CONTEXT: AnswerContext = { channelNames: {}, modelMetrics: null };

export function channelName(context: AnswerContext, key: string): string {
  return context.channelNames[key] ?? displayNameFromKey(key);
}

/** "kpi" → "KPI", "revenue" → "Revenue". */
export function kpiLabel(kpiName: string): string {
  return kpiName.toLowerCase() === 'kpi' ? 'KPI' : kpiName.charAt(0).toUpperCase() + kpiName.slice(1);
}

// Below these the model's answers are rough; a marketer should know before acting on them.
const WEAK_HOLDOUT_MAPE = 0.15;
const WEAK_R2 = 0.6;

/** A sentence when the model is too weak to trust its figures closely, else null. */
export function modelQualityConcern(metrics: Record<string, number | null> | null): string | null {
  if (!metrics) return null;
  const holdoutMape = metrics.holdoutMape ?? null;
  if (holdoutMape !== null && holdoutMape > WEAK_HOLDOUT_MAPE) {
    return `The model misses held-out weeks by ${formatShare(holdoutMape)} on average: treat these figures as rough.`;
  }
  const r2 = metrics.r2 ?? null;
  if (r2 !== null && r2 < WEAK_R2) return `The model explains only ${formatShare(r2)} of the week-to-week variation: treat these figures as rough.`;
  return null;
}

/** One channel's line of a scenario: spend now and in the scenario, and its effect on the KPI. */
export interface ScenarioChannelRow {
  channel: string;
  name: string;
  spendBefore: number;
  spendAfter: number;
  contributionBefore: number;
  contributionAfter: number;
  /** 90% interval of the contribution change, when the result has one. */
  changeLow: number | null;
  changeHigh: number | null;
}

/** Every channel in the plan, those the scenario changes most first. */
export function scenarioRows(result: ScenarioResult, context: AnswerContext): ScenarioChannelRow[] {
  return channelRowsInOrder(result, context).sort((a, b) => Math.abs(b.spendAfter - b.spendBefore) - Math.abs(a.spendAfter - a.spendBefore));
}

/** Every channel in the plan in the dataset's order (the same in every answer), else the plan's. */
export function channelRowsInOrder(result: ScenarioResult, context: AnswerContext): ScenarioChannelRow[] {
  const planned = Object.keys(result.before.plan);
  const order = context.channelOrder ?? [];
  const keys = [...order.filter((k) => planned.includes(k)), ...planned.filter((k) => !order.includes(k))];
  return keys
    .map((channel) => ({
      channel,
      name: channelName(context, channel),
      spendBefore: result.before.plan[channel] ?? 0,
      spendAfter: result.after.plan[channel] ?? 0,
      contributionBefore: result.contributions[channel]?.before ?? 0,
      contributionAfter: result.contributions[channel]?.after ?? 0,
      changeLow: result.contributions[channel]?.low ?? null,
      changeHigh: result.contributions[channel]?.high ?? null,
    }));
}

function percentOf(change: number, base: number): number | null {
  return base === 0 ? null : (change / base) * 100;
}

/** "KPI +3.4% (+120k) over 13 weeks" — the number a marketer looks for first. */
export function scenarioHeadline(result: ScenarioResult, kpiName: string): string {
  return `${kpiLabel(kpiName)} ${formatPercentChange(result.delta.pct)} (${signedNumber(result.delta.value)}) over ${formatWeeks(result.weeks)}`;
}

/** "90% interval of the change +1.2% to +5.6%; 87% chance it beats the current plan". */
export function scenarioConfidence(result: ScenarioResult): string {
  return `90% interval of the change ${kpiInterval(result)}; ${formatShare(result.delta.probabilityBetter)} chance it beats the current plan`;
}

/** The 90% interval of the KPI change, in percent of today's plan when it has a KPI: "+0.03% to +2.5%". */
export function kpiInterval(result: Pick<ScenarioResult, 'delta' | 'before'>): string {
  const low = percentOf(result.delta.low, result.before.kpi);
  const high = percentOf(result.delta.high, result.before.kpi);
  return low !== null && high !== null ? formatPercentRange(low, high) : `${signedNumber(result.delta.low)} to ${signedNumber(result.delta.high)}`;
}

/**
 * The change of total spend and what the KPI change returns on it, or null when total spend
 * stays as it is: "Total spend +$11.7k a week (+$152k over 13 weeks, +6.2%): 0.62 KPI per extra $1
 * (90% interval 0.40 to 0.85)".
 */
export function spendChangeLine(result: ScenarioResult, kpiName: string): string | null {
  const change = spendChange(result);
  if (!change.kpiPerUnit) return null;
  const kpi = kpiLabel(kpiName);
  const per = change.kpiPerUnit;
  const spend = `Total spend ${formatMoneyChange(change.weeklyChange)} a week (${formatMoneyChange(change.horizonChange)} over ${formatWeeks(result.weeks)}, ${formatPercentChange(change.pct)})`;
  const interval = `90% interval ${per.low.toFixed(2)} to ${per.high.toFixed(2)}`;
  if (change.horizonChange > 0) {
    if (per.value < 0) return `${spend}, yet ${kpi} falls: ${per.value.toFixed(2)} ${kpi} per extra $1 (${interval})`;
    return `${spend}: ${per.value.toFixed(2)} ${kpi} per extra $1 (${interval})${per.value < 1 ? ', less than each $1 costs' : ''}`;
  }
  if (per.value < 0) return `${spend}, and ${kpi} still rises: ${(-per.value).toFixed(2)} ${kpi} gained per $1 saved (90% interval ${(-per.high).toFixed(2)} to ${(-per.low).toFixed(2)})`;
  return `${spend}: ${per.value.toFixed(2)} ${kpi} given up per $1 saved (${interval})`;
}

/** "-300k KPI (-14%; 90% interval -340k to -260k)". */
export function contributionChange(row: Pick<ScenarioChannelRow, 'contributionBefore' | 'contributionAfter' | 'changeLow' | 'changeHigh'>, kpiName: string): string {
  const change = row.contributionAfter - row.contributionBefore;
  const pct = percentOf(change, row.contributionBefore);
  const interval = row.changeLow !== null && row.changeHigh !== null ? `90% interval ${signedNumber(row.changeLow)} to ${signedNumber(row.changeHigh)}` : null;
  const detail = [pct === null ? null : formatPercentChange(pct), interval].filter((x) => x !== null);
  return `${signedNumber(change)} ${kpiLabel(kpiName)}${detail.length ? ` (${detail.join('; ')})` : ''}`;
}

export function signedNumber(value: number): string {
  const text = formatNumber(value);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

/** Monospace columns for Slack code blocks and the terminal; names padded to the longest. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** A plan that changes from week to week, one row per week (a per-week optimization's own plan). */
export function weekByWeekTable(result: ScenarioResult, context: AnswerContext): string | undefined {
  const byWeek = result.afterByWeek;
  if (!byWeek || !result.optimization?.perWeek) return undefined;
  const rows = channelRowsInOrder(result, context).filter((r) => byWeek[r.channel] !== undefined);
  const weeks = Math.max(0, ...rows.map((r) => byWeek[r.channel].length));
  return textTable(['Week', ...rows.map((r) => r.name)], Array.from({ length: weeks }, (_, w) => [`${w + 1}`, ...rows.map((r) => formatMoney(byWeek[r.channel][w]))]));
}

/** Before/after weekly spend per channel. */
export function spendTable(rows: ScenarioChannelRow[]): string {
  return textTable(['Channel', 'Weekly spend now', 'Scenario', 'Change'], rows.map((r) => [r.name, formatMoney(r.spendBefore), formatMoney(r.spendAfter), spendDelta(r)]));
}

function spendDelta(row: ScenarioChannelRow): string {
  if (row.spendAfter === row.spendBefore) return '—';
  const pct = percentOf(row.spendAfter - row.spendBefore, row.spendBefore);
  return `${formatMoneyChange(row.spendAfter - row.spendBefore)}${pct === null ? '' : ` (${formatPercentChange(pct)})`}`;
}

/** Below this chance of beating today's plan, an optimized answer says the model is not sure. */
export const UNSURE_PROBABILITY = 0.8;
/** From this share of draws moving a channel the other way, the answer says the data cannot tell. */
export const DISPUTED_SHARE = 0.3;

/**
 * Where the data cannot tell, in words: for an optimized plan, whether the model is sure it beats
 * today's plan, and the channels whose direction the model's draws dispute. The figures are the
 * scenario's (delta.probabilityBetter, optimization.agreement); only the words live here.
 */
export function planDoubts(result: ScenarioResult, context: AnswerContext): string[] {
  const optimization = result.optimization;
  if (!optimization?.agreement) return [];
  const lines: string[] = [];
  const chance = result.delta.probabilityBetter;
  if (chance < UNSURE_PROBABILITY) {
    lines.push(`The model is not sure this plan beats today's: it does in ${formatShare(chance)} of the model's draws (versions of the model the data allows), so treat it as a direction to test rather than a forecast.`);
  }
  const { drawsCompared, channels } = optimization.agreement;
  for (const [channel, figures] of Object.entries(channels)) {
    if (figures.opposite < DISPUTED_SHARE) continue;
    const against = Math.round(figures.opposite * drawsCompared);
    const other = figures.planned === 'more' ? 'less' : 'more';
    lines.push(
      `The data cannot tell which way ${channelName(context, channel)} should go: the plan gives it ${figures.planned}, but in ${against} of ${drawsCompared} of the model's draws the best plan for the same money gives it ${other}.`,
    );
  }
  return lines;
}

/**
 * Where the plan leaves the spend a channel has seen, in the channel's name and the answer's
 * money ("$2.4k"), with how far outside in percent, since two amounts can round alike.
 */
export function extrapolationWarnings(outside: SpendOutsideSeen[], context: AnswerContext): string[] {
  return outside.map(({ channel, side, planned, seen }) => {
    const name = channelName(context, channel);
    const pct = seen > 0 ? (100 * Math.abs(planned - seen)) / seen : NaN;
    const by = Number.isFinite(pct) ? ` (${pct < 1 ? 'under 1%' : `${Math.round(pct)}%`} ${side})` : '';
    const bound = side === 'above' ? 'more than the most' : 'less than the least';
    return `${name}: the plan spends ${formatMoney(planned)} a week, ${bound} it has spent in a week, ${formatMoney(seen)}${by}; the model is extrapolating.`;
  });
}

/** Warnings of a scenario answer, the model's weakness included. */
export function scenarioWarnings(result: ScenarioResult, context: AnswerContext): string[] {
  const concern = modelQualityConcern(context.modelMetrics);
  // A result kept from before the figures existed has only the tools' lines.
  const extrapolation = result.outsideSeenSpend ? extrapolationWarnings(result.outsideSeenSpend, context) : result.warnings;
  return [...planDoubts(result, context), ...extrapolation, ...(concern ? [concern] : [])];
}

/** Channels whose KPI contribution the scenario changes, biggest effect first. */
export function channelEffects(rows: ScenarioChannelRow[], kpiName: string): string[] {
  return [...rows]
    .filter((r) => r.contributionAfter !== r.contributionBefore)
    .sort((a, b) => Math.abs(b.contributionAfter - b.contributionBefore) - Math.abs(a.contributionAfter - a.contributionBefore))
    .map((r) => `${r.name}: ${contributionChange(r, kpiName)}`);
}

/** ROI and saturation per channel. */
export function channelsTable(figures: ChannelFigure[]): string {
  return textTable(
    ['Channel', 'ROAS (90% interval)', 'Marginal ROAS (90%)', 'Weekly spend', 'Spend vs break-even'],
    figures.map((f) => [f.displayName, `${roas(f.roas)} (${roas(f.roasLow)}–${roas(f.roasHigh)})`, `${roas(f.mroas)} (${roas(f.mroasLow)}–${roas(f.mroasHigh)})`, formatMoney(f.weeklySpend), saturationWords(f)]),
  );
}

function roas(value: number): string {
  return value.toFixed(2);
}

/** Today's spend against the break-even spend (where marginal ROAS falls below 1), in a table cell. */
export function saturationWords(f: Pick<ChannelFigure, 'spendVsBreakEven' | 'breakEvenSpend'>): string {
  if (f.spendVsBreakEven === null || f.breakEvenSpend === null) return 'no spend breaks even';
  const ratio = f.spendVsBreakEven;
  return ratio >= 1 ? `${ratio.toFixed(2)}× ${formatMoney(f.breakEvenSpend)}` : `${formatShare(ratio)} of ${formatMoney(f.breakEvenSpend)}`;
}

/** Why a channel is as saturated as it is, in one clause consistent with its marginal ROAS. */
function saturationReason(f: ChannelFigure): string {
  const next = `an extra $1 of it returns ${roas(f.mroas)} (marginal ROAS)`;
  if (f.breakEvenSpend === null || f.spendVsBreakEven === null) return `at no weekly spend does an extra $1 return $1 or more; today ${next}`;
  if (f.spendVsBreakEven >= 1) {
    return `at ${formatMoney(f.weeklySpend)} a week it spends ${f.spendVsBreakEven.toFixed(2)}× the ${formatMoney(f.breakEvenSpend)} past which an extra $1 returns less than $1; today ${next}`;
  }
  return `at ${formatMoney(f.weeklySpend)} a week it is at ${formatShare(f.spendVsBreakEven)} of the ${formatMoney(f.breakEvenSpend)} up to which an extra $1 returns $1 or more; today ${next}`;
}

/** The answer to "which channel is most saturated?" in sentences: the most and the least saturated, and why. Figures come most saturated first. */
export function saturationSummary(figures: ChannelFigure[]): string[] {
  if (figures.length === 0) return [];
  const most = figures[0];
  const least = figures[figures.length - 1];
  const lines = [`${most.displayName} is the most saturated: ${saturationReason(most)}.`];
  if (least !== most) lines.push(`${least.displayName} is the least saturated: ${saturationReason(least)}.`);
  return lines;
}

/** What the columns of the channels table mean. */
export const CHANNELS_FOOTNOTE =
  'ROAS: KPI per $1 of spend over the data. Marginal ROAS: what the next $1 of weekly spend would return today. Spend vs break-even: today’s weekly spend against the spend past which an extra $1 returns less than $1.';

/** "TV keeps 62% of its effect from one week to the next (half-life 1.5 weeks): …", one sentence per channel, longest carry-over first. */
export function carryoverSummary(figures: ChannelFigure[]): string[] {
  return figures.flatMap((f) => {
    const c = f.carryover;
    if (!c) return [];
    if (c.halfLifeWeeks < 0.05 && c.peakWeek === 0) return [`${f.displayName}: its effect lands in the week of spend; the model finds no carry-over into later weeks.`];
    const weeks = (n: number) => `${Number(n.toFixed(1))} week${Number(n.toFixed(1)) === 1 ? '' : 's'}`;
    const keep = c.adstock === 'geometric' ? `keeps ${formatShare(c.decay)} of its effect from one week to the next (half-life ${weeks(c.halfLifeWeeks)})` : `carries over about as long as an effect keeping ${formatShare(c.decay)} a week (half-life ${weeks(c.halfLifeWeeks)})`;
    const peak = c.peakWeek > 0 ? `it peaks ${weeks(c.peakWeek)} after the spend` : `${formatShare(c.sameWeekShare)} of it lands in the week of spend`;
    return [`${f.displayName} ${keep}: ${peak}, 90% within ${weeks(c.weeksTo90)} (the model counts up to ${weeks(c.maxLag)} of carry-over).`];
  });
}

/** The sentences above the channels table: which channel is most and least saturated, or how long each channel's effect lasts. */
export function channelsLead(answer: Pick<AskAnswer, 'intent' | 'channels'>): string[] {
  if (answer.intent.kind === 'saturation') return saturationSummary(answer.channels ?? []);
  if (answer.intent.kind === 'roi' && answer.intent.measure === 'carryover') return carryoverSummary(answer.channels ?? []);
  return [];
}

function modelQualityLines(answer: AskAnswer): string[] {
  const model = answer.model;
  if (!model) return ['No model details are available.'];
  const m = model.metrics ?? {};
  const lines: string[] = [];
  if (m.r2 != null) lines.push(`Explains ${formatShare(m.r2)} of the week-to-week variation in ${kpiLabel(answer.kpiName)} (R²).`);
  if (m.mape != null) lines.push(`Typical miss on the weeks it learned from: ${formatShare(m.mape)}.`);
  if (m.holdoutMape != null) lines.push(`Typical miss on held-out weeks it never saw: ${formatShare(m.holdoutMape)}.`);
  if (model.weeksUsed != null) lines.push(`Trained on ${formatWeeks(model.weeksUsed)}${model.trainedThrough ? ` of data through ${model.trainedThrough}` : ''}.`);
  const concern = modelQualityConcern(model.metrics);
  if (concern) lines.push(`⚠ ${concern}`);
  return lines;
}

function lastTrainedLine(answer: AskAnswer): string {
  const model = answer.model;
  if (!model?.trainedAt) return 'The production model has no training date recorded.';
  const days = Math.floor((Date.now() - new Date(model.trainedAt).getTime()) / 86_400_000);
  const age = days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  return `The production model was trained ${age} (${new Date(model.trainedAt).toISOString().slice(0, 10)})${model.trainedThrough ? `, on data through ${model.trainedThrough}` : ''}${model.weeksUsed ? ` (${formatWeeks(model.weeksUsed)})` : ''}.`;
}

/** The whole scenario answer as lines of text. */
export function scenarioText(result: ScenarioResult, kpiName: string, context: AnswerContext): string[] {
  const rows = scenarioRows(result, context);
  const warnings = scenarioWarnings(result, context);
  const effects = channelEffects(rows, kpiName);
  const spend = spendChangeLine(result, kpiName);
  const byWeek = weekByWeekTable(result, context);
  return [
    `${scenarioHeadline(result, kpiName)}.`,
    ...(spend ? [`${spend}.`] : []),
    `${scenarioConfidence(result)}.`,
    '',
    spendTable(rows),
    ...(byWeek ? ['', 'The plan week by week (the table above shows its average week):', byWeek] : []),
    ...(effects.length ? ['', `Effect per channel over ${formatWeeks(result.weeks)}:`, ...effects.map((e) => `• ${e}`)] : []),
    ...(warnings.length ? ['', 'Warnings:', ...warnings.map((w) => `⚠ ${w}`)] : []),
  ];
}

/** The answer in plain text: what `mmm ask` prints and what Slack notifications show. */
export function renderAnswerText(answer: AskAnswer, context: AnswerContext = EMPTY_CONTEXT): string {
  const lines: string[] = [];
  const restate = answer.restatement && answer.kind !== 'help' && answer.kind !== 'unknown' && answer.kind !== 'clarify';
  if (restate) lines.push(answer.restatement, '');
  switch (answer.kind) {
    case 'scenario':
      if (answer.scenario) lines.push(...scenarioText(answer.scenario, answer.kpiName, context));
      break;
    case 'comparison':
      if (answer.comparison) lines.push(...comparisonText(answer.comparison, answer.kpiName, context));
      break;
    case 'undo':
      lines.push(answer.scenario ? 'Undone. This conversation is back to the previous scenario:' : 'Undone. There is no earlier scenario in this conversation.');
      if (answer.scenario) lines.push('', ...scenarioText(answer.scenario, answer.kpiName, context));
      break;
    case 'channels': {
      const lead = channelsLead(answer);
      lines.push(...lead, ...(lead.length ? [''] : []), channelsTable(answer.channels ?? []), '', CHANNELS_FOOTNOTE);
      break;
    }
    case 'responseCurve':
      if (answer.curve) lines.push(...responseCurveText(answer.curve, answer.kpiName));
      break;
    case 'modelQuality':
      lines.push(...modelQualityLines(answer));
      break;
    case 'lastTrained':
      lines.push(lastTrainedLine(answer));
      break;
    case 'schedule':
      if (answer.schedule) lines.push(`Understood: ${answer.schedule.description} (cron "${answer.schedule.cron}").`);
      break;
    case 'clarify':
      lines.push(answer.message ?? 'Could you say that differently?');
      if (answer.options?.length) lines.push(...answer.options.map((o) => `• ${o}`));
      break;
    case 'train':
      // The front door runs the training (Slack updates a message, `mmm ask` waits) and words the result.
      lines.push('Training started: the new model is promoted only if it forecasts unseen weeks about as well as the current one.');
      break;
    case 'help':
    case 'unknown':
      lines.push(answer.message ?? '');
      break;
  }
  return lines.join('\n').trim();
}

/** Where today sits on a channel's curve, in one sentence: contribution, marginal ROAS and the spend range seen. */
export function responseCurveSummary(curve: CurveFigures, kpiName: string): string {
  const kpi = kpiLabel(kpiName);
  return (
    `${curve.displayName} today: ${formatMoney(curve.currentWeeklySpend)} a week brings about ${formatNumber(curve.currentContribution)} ${kpi} a week, ` +
    `and the next $1 of weekly spend would bring ${curve.currentMarginalRoas.toFixed(2)} (marginal ROAS). ` +
    `It has spent ${formatMoney(curve.observedMin)}–${formatMoney(curve.observedMax)} a week; figures beyond that are extrapolated.`
  );
}

/** A few points of the curve, enough to read its shape: spend, contribution and its 90% interval, extrapolated points marked. */
export function responseCurveTable(curve: CurveFigures, kpiName: string): string {
  const step = Math.max(1, Math.floor(curve.points.length / 6));
  const sample = curve.points.filter((_, i) => i % step === 0 || i === curve.points.length - 1);
  const outside = (spend: number) => spend > curve.observedMax * (1 + 1e-9) || spend < curve.observedMin * (1 - 1e-9);
  return textTable(
    ['Weekly spend', `Weekly contribution to ${kpiLabel(kpiName)}`, '90% interval', ''],
    sample.map((p) => [formatMoney(p.weeklySpend), formatNumber(p.kpi), `${formatNumber(p.low)}–${formatNumber(p.high)}`, outside(p.weeklySpend) ? 'extrapolated' : '']),
  );
}

function responseCurveText(curve: CurveFigures, kpiName: string): string[] {
  return [responseCurveSummary(curve, kpiName), '', responseCurveTable(curve, kpiName)];
}

/** The thread's last two scenarios in words: "the previous one" against the latest. */
export function comparisonSummary(comparison: ScenarioComparison, kpiName: string): string[] {
  const kpi = kpiLabel(kpiName);
  const d = comparison.kpi.difference;
  const verdict = d > 0 ? 'The latest scenario predicts more' : d < 0 ? 'The previous scenario predicts more' : 'Both predict the same';
  return [
    `Previous scenario: ${kpi} ${signedNumber(comparison.delta.a)} against the current plan (${formatShare(comparison.probabilityBetter.a)} chance it beats it).`,
    `Latest scenario: ${kpi} ${signedNumber(comparison.delta.b)} against the current plan (${formatShare(comparison.probabilityBetter.b)} chance it beats it).`,
    `${verdict}: latest minus previous is ${signedNumber(d)} ${kpi} (${formatPercentChange(comparison.kpi.pct)}).`,
  ];
}

/** Weekly spend of both scenarios per channel, biggest difference first. */
export function comparisonTable(comparison: ScenarioComparison, context: AnswerContext): string {
  const rows = Object.entries(comparison.plan)
    .sort(([, x], [, y]) => Math.abs(y.difference) - Math.abs(x.difference))
    .map(([channel, p]) => [channelName(context, channel), formatMoney(p.a), formatMoney(p.b), p.difference === 0 ? '—' : formatMoneyChange(p.difference)]);
  return textTable(['Channel', 'Previous', 'Latest', 'Difference'], rows);
}

export function comparisonText(comparison: ScenarioComparison, kpiName: string, context: AnswerContext = EMPTY_CONTEXT): string[] {
  return [...comparisonSummary(comparison, kpiName), '', 'Weekly spend:', comparisonTable(comparison, context), ...comparison.caveats.map((c) => `⚠ ${c}`)];
}

/**
 * What changed when the model changed, in lines: each channel's ROAS or marginal ROAS that moved
 * outside the previous model's 90% interval, by how much; or one line saying none did.
 */
export function modelChangeLines(comparison: ModelComparison): string[] {
  const metricName = { roas: 'ROAS', mroas: 'marginal ROAS' } as const;
  const lines: string[] = [];
  for (const channel of comparison.channels) {
    for (const metric of ['roas', 'mroas'] as const) {
      const f = channel[metric];
      if (!f.outside) continue;
      const pct = f.changePct === null ? '' : `, ${formatPercentChange(f.changePct)}`;
      lines.push(`${channel.displayName}: ${metricName[metric]} ${roas(f.previous)} → ${roas(f.current)} (${f.change >= 0 ? '+' : ''}${roas(f.change)}${pct}), outside the previous model's 90% interval ${roas(f.previousLow)}–${roas(f.previousHigh)}`);
    }
  }
  return lines;
}

/** The heading of those lines: how many figures moved, or that none did. */
function modelChangeHeadline(moved: number): string {
  if (moved === 0) return "What changed: no channel's ROAS or marginal ROAS moved outside the previous model's 90% interval.";
  return `What changed: ${moved} channel figure${moved === 1 ? '' : 's'} moved outside the previous model's 90% interval:`;
}

/** What changed, as the retrain message and the digest say it: the heading, then one bullet per figure that moved. */
export function modelChangeSection(comparison: ModelComparison): string[] {
  const lines = modelChangeLines(comparison);
  return [modelChangeHeadline(lines.length), ...lines.map((l) => `• ${l}`)];
}

/** What the retrain job stores on its run (src/services/jobKinds/retrain.ts). */
interface RetrainOutput {
  promoted: boolean;
  reason: string;
  candidateId: string;
  candidateMetrics: Record<string, number | null> | null;
  productionMetrics: Record<string, number | null> | null;
  fitMs: number | null;
  /** Present when a promotion replaced a production model. */
  changes?: ModelComparison | null;
}

function holdoutMape(metrics: Record<string, number | null> | null | undefined): number | null {
  const value = metrics?.holdoutMape;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "8.4%", or a dash when the model had no holdout weeks to be measured on. */
const mapeText = (value: number | null) => (value === null ? '—' : formatShare(value));

export type TrainingOutcome =
  | { kind: 'failed'; text: string }
  | { kind: 'trained'; promoted: boolean; headline: string; errors: string; why: string; seconds: string; candidateId: string; changes: string[]; text: string };

/** A retrain run's result in words, for Slack (which edits its progress message into it) and the CLI. */
export function trainingOutcome(datasetName: string, run: Pick<JobRun, 'status' | 'output' | 'error'>): TrainingOutcome {
  if (run.status !== 'succeeded' || !run.output) {
    return { kind: 'failed', text: `Training a new ${datasetName} model failed: ${run.error ?? `the run ended ${run.status}`}. The production model is unchanged.` };
  }
  const output = run.output as unknown as RetrainOutput;
  const before = holdoutMape(output.productionMetrics);
  const after = holdoutMape(output.candidateMetrics);
  const headline = output.promoted ? `New ${datasetName} model in production` : `Kept the current ${datasetName} model`;
  const errors = `Error on weeks the model did not see (holdout MAPE): before ${mapeText(before)}, after ${mapeText(after)}.`;
  const why = `${output.promoted ? 'Promoted' : 'Not promoted'}: ${output.reason}.`;
  const seconds = typeof output.fitMs === 'number' ? ` Trained in ${(output.fitMs / 1000).toFixed(1)} s.` : '';
  const changes = output.promoted && output.changes ? modelChangeSection(output.changes) : [];
  const text = [`${headline}. ${errors} ${why}${seconds}`, ...changes].join('\n');
  return { kind: 'trained', promoted: output.promoted, headline, errors, why, seconds, candidateId: output.candidateId, changes, text };
}
