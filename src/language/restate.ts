/**
 * The one line that tells the asker what was understood and run:
 * "Moving 20% of TV's weekly spend ($24k) to Paid Search for 13 weeks".
 */
import { formatMoney, formatPercent, formatShare, formatWeeks, formatNumber } from '../format';
import { aimOf, DEFAULT_CONFIDENCE, SAFEST_WORST_SHARE, type Amount, type Constraint, type Intent, type OptimizeSpec, type PlanChange, type WhatIfSpec } from '../scenarios/spec';
import { displayName, listNames } from './channels';
import { asTyped, weeklySpendOf, weeklyTotal, type Reading } from './context';
import { periodNamed } from './horizon';
import { scheduleRestatement } from './schedule';

function name(reading: Reading, key: string): string {
  return displayName(reading.index, key);
}

function possessive(channelName: string): string {
  return channelName.endsWith('s') ? `${channelName}'` : `${channelName}'s`;
}

/** "$50k a week", "$120k in total ($9.2k a week)". */
function moneyText(value: number, per: 'week' | 'horizon', weeks: number): string {
  return per === 'week' ? `${formatMoney(value)} a week` : `${formatMoney(value)} in total (${formatMoney(value / weeks)} a week)`;
}

function shiftText(change: PlanChange & { kind: 'shift' }, reading: Reading, weeks: number): string {
  const from = name(reading, change.from);
  const targets = listNames(change.to.map((t) => name(reading, t.channel)));
  const even = change.to.every((t) => Math.abs(t.share - change.to[0].share) < 1e-9);
  const split = change.to.length > 1 ? (even ? ' (split evenly)' : ` (split by current spend: ${change.to.map((t) => formatShare(t.share)).join('/')})`) : '';
  if (change.amount.unit === 'percent') {
    const spend = weeklySpendOf(reading, change.from);
    const moved = spend !== undefined ? ` (${formatMoney((spend * change.amount.value) / 100)})` : '';
    return `Moving ${formatPercent(change.amount.value)} of ${possessive(from)} weekly spend${moved} to ${targets}${split}`;
  }
  return `Moving ${moneyText(change.amount.value, change.amount.per, weeks)} from ${from} to ${targets}${split}`;
}

const MULTIPLE_WORDS: Record<number, string> = { 100: 'Doubling', 200: 'Tripling', 300: 'Quadrupling', [-50]: 'Halving' };

/** "Cutting TV by 30% ($36k a week)", "Raising Paid Search by $10k a week", "Doubling Paid Social ($30k → $60k a week)". */
function scaleText(subject: string, by: Amount, weeklySpend: number | undefined, weeks: number): string {
  const verb = by.value < 0 ? 'Cutting' : 'Raising';
  if (by.unit === 'percent') {
    const multiple = MULTIPLE_WORDS[by.value];
    if (multiple) return `${multiple} ${subject}${weeklySpend !== undefined ? ` (${formatMoney(weeklySpend)} → ${formatMoney(weeklySpend * (1 + by.value / 100))} a week)` : ''}`;
    const money = weeklySpend !== undefined ? ` (${formatMoney((Math.abs(by.value) * weeklySpend) / 100)} a week)` : '';
    return `${verb} ${subject} by ${formatPercent(Math.abs(by.value))}${money}`;
  }
  return `${verb} ${subject} by ${moneyText(Math.abs(by.value), by.per, weeks)}`;
}

function isLimited(change: PlanChange, weeks: number): boolean {
  return change.kind === 'set' && change.weeks !== undefined && change.weeks < weeks;
}

function setText(change: PlanChange & { kind: 'set' }, reading: Reading, weeks: number): string {
  const channel = name(reading, change.channel);
  const limit = isLimited(change, weeks) ? ` for the first ${formatWeeks(change.weeks ?? weeks)}` : '';
  if (change.weeklySpend === 0) return `${limit ? 'Pausing' : 'Turning off'} ${channel}${limit}`;
  const today = weeklySpendOf(reading, change.channel);
  return `Setting ${channel} to ${formatMoney(change.weeklySpend)} a week${today !== undefined ? ` (from ${formatMoney(today)})` : ''}${limit}`;
}

function changeText(change: PlanChange, reading: Reading, weeks: number): string {
  switch (change.kind) {
    case 'shift':
      return shiftText(change, reading, weeks);
    case 'scale':
      return scaleText(name(reading, change.channel), change.by, weeklySpendOf(reading, change.channel), weeks);
    case 'set':
      return setText(change, reading, weeks);
    case 'scaleTotal':
      return `${scaleText('the total budget', change.by, weeklyTotal(reading), weeks)} across today's mix`;
    case 'setTotal':
      return change.per === 'week'
        ? `Setting the total budget to ${formatMoney(change.amount)} a week across today's mix`
        : `Spreading a total budget of ${formatMoney(change.amount)} (${formatMoney(change.amount / weeks)} a week) across today's mix`;
  }
}

/** The text with its first letter in lower case, to go on inside a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function whatIfRestatement(spec: WhatIfSpec, reading: Reading): string {
  const parts = spec.changes.map((c, i) => (i === 0 ? changeText(c, reading, spec.weeks) : lowerFirst(changeText(c, reading, spec.weeks))));
  // "Pausing Display for the first 4 weeks" already says when; the scenario's length goes in brackets.
  const length = spec.changes.some((c) => isLimited(c, spec.weeks)) ? ` (a ${spec.weeks}-week scenario)` : ` for ${formatWeeks(spec.weeks)}`;
  return `${parts.join('; ')}${length}`;
}

function setText2(set: Constraint & { kind: 'share' }, reading: Reading): string {
  return 'group' in set.set ? set.set.group : listNames(set.set.channels.map((k) => name(reading, k)));
}

function constraintText(constraint: Constraint, reading: Reading): string {
  switch (constraint.kind) {
    case 'bounds': {
      const channel = name(reading, constraint.channel);
      if (constraint.max === 0) return `no ${channel}`;
      if (constraint.min !== undefined && constraint.max !== undefined) return `${channel} between ${formatMoney(constraint.min)} and ${formatMoney(constraint.max)} a week`;
      return constraint.min !== undefined ? `${channel} at least ${formatMoney(constraint.min)} a week` : `${channel} at most ${formatMoney(constraint.max ?? 0)} a week`;
    }
    case 'maxChange': {
      const subject = constraint.channel ? name(reading, constraint.channel) : 'every channel';
      return constraint.fraction === 0 ? `${subject} unchanged` : `${subject} within ${formatShare(constraint.fraction)} of today`;
    }
    case 'share': {
      const subject = setText2(constraint, reading);
      if (constraint.min !== undefined && constraint.max !== undefined) return `${subject} between ${formatShare(constraint.min)} and ${formatShare(constraint.max)} of the budget`;
      return constraint.min !== undefined ? `${subject} at least ${formatShare(constraint.min)} of the budget` : `${subject} at most ${formatShare(constraint.max ?? 0)} of the budget`;
    }
    case 'ratio': {
      const numerator = name(reading, constraint.numerator);
      const denominator = name(reading, constraint.denominator);
      const limit = (x: number) => `${Number(x.toFixed(2))}× ${denominator}`;
      if (constraint.min !== undefined && constraint.max !== undefined) return `${numerator} between ${limit(constraint.min)} and ${limit(constraint.max)}`;
      return constraint.min !== undefined ? `${numerator} at least ${limit(constraint.min)}` : `${numerator} at most ${limit(constraint.max ?? 0)}`;
    }
  }
}

/** Which aim the plan is made for, in words: every optimization's restatement says it. */
export function aimText(spec: OptimizeSpec): string {
  const aim = aimOf(spec);
  switch (aim) {
    case 'expected':
      return "for the most KPI on average over the model's draws";
    case 'pointEstimate':
      return "on the model's point estimate";
    case 'safest': {
      return `for the safest plan: the best average gain over today's plan in the worst ${formatShare(SAFEST_WORST_SHARE)} of the model's draws`;
    }
    case 'confident': {
      const confidence = spec.confidence ?? DEFAULT_CONFIDENCE;
      return `to beat today's plan with ${formatShare(confidence)} confidence (planned as the best average gain in the worst ${formatShare(1 - confidence)} of the model's draws)`;
    }
  }
}

export function optimizeRestatement(spec: OptimizeSpec, reading: Reading): string {
  const objective = spec.objective;
  let head: string;
  if (objective.kind === 'marginal') head = `Finding where an extra ${moneyText(objective.increment.amount, objective.increment.per, spec.weeks)} earns most`;
  else if (objective.kind === 'minCostForTarget') {
    const target = objective.target.per === 'week' ? `${formatNumber(objective.target.kpi)} KPI a week` : `${formatNumber(objective.target.kpi)} KPI in total`;
    head = `Finding the cheapest plan that reaches ${target}`;
  } else if (objective.budget) head = `Finding the best split of ${moneyText(objective.budget.amount, objective.budget.per, spec.weeks)}`;
  else {
    const today = weeklyTotal(reading);
    head = `Finding the best split of today's budget${today !== undefined ? ` (${formatMoney(today)} a week)` : ''}`;
  }
  const keeping = spec.constraints.length > 0 ? `, keeping ${listNames(spec.constraints.map((c) => constraintText(c, reading)))}` : '';
  const eachWeek = spec.perWeek ? ', a plan for each week' : '';
  return `${head} for ${formatWeeks(spec.weeks)}${eachWeek}${keeping}, ${aimText(spec)}`;
}

/**
 * "what's driving sales in Q3": the model's figures (ROI, contributions, curves, fit) come from all
 * its data, not from a period of it; a period the question names is said to be left out rather
 * than answered as if it had been honoured.
 */
function allDataNote(reading: Reading): string {
  const period = periodNamed(reading.question.words, reading.question.horizon);
  if (!period) return '';
  return `, over all the model's data ("${asTyped(reading.question.plain, period)}" isn't taken into account: the model's figures aren't split by period)`;
}

/** Questions answered from the fitted model's own figures. */
const FROM_THE_FIT: ReadonlySet<Intent['kind']> = new Set(['roi', 'saturation', 'responseCurve', 'modelQuality']);

export function restatement(intent: Intent, reading: Reading): string {
  const line = intentLine(intent, reading);
  return FROM_THE_FIT.has(intent.kind) ? `${line}${allDataNote(reading)}` : line;
}

function intentLine(intent: Intent, reading: Reading): string {
  switch (intent.kind) {
    case 'whatIf':
      return whatIfRestatement(intent.spec, reading);
    case 'optimize':
      return optimizeRestatement(intent.spec, reading);
    case 'roi': {
      const subject = intent.channels.length > 0 ? listNames(intent.channels.map((k) => name(reading, k))) : 'every channel';
      if (intent.measure === 'marginal') return `Marginal ROI of ${subject}: what the next dollar would return at today's spend${intent.channels.length === 1 ? '' : ', best first'}`;
      if (intent.measure === 'carryover') return `How long the effect of ${subject} lasts after the week it is spent (carry-over, from the model's adstock)`;
      if (intent.measure === 'contribution') return `What ${intent.channels.length > 0 ? subject : 'each channel'} contributes to the KPI, largest first`;
      return `ROI of ${subject}`;
    }
    case 'saturation':
      return 'How saturated each channel is';
    case 'responseCurve':
      return `Response curve of ${name(reading, intent.channel)}`;
    case 'modelQuality':
      return 'How well the model fits';
    case 'lastTrained':
      return 'When the model was last trained';
    case 'compare':
      return 'Comparing this scenario with the previous one';
    case 'undo':
      return 'Undoing the last scenario';
    case 'schedule':
      return scheduleRestatement(intent);
    case 'train':
      return 'Training a new model on every week of data';
    case 'help':
      return 'What I can answer';
    case 'clarify':
      return intent.question;
    case 'unknown':
      return "I didn't understand that";
  }
}
