/**
 * The answers that need only a model and its channel names (channel figures, response curves,
 * help, questions asked back): shared by `ask` (src/services/ask.ts) and a model file's
 * `mmm ask --model` (askModelFile.ts), and free of the database so the command starts fast.
 */
import { EXAMPLE_QUESTIONS, helpText, withReadAs, type ParseResult } from '../language';
import { channelResponse, channelSummaries, currentWeeklySpend, observedSpendRange, responseCurve, spendVsBreakEven, type ChannelSummary, type MmmModel } from '../mmm';
import { adstockComponent } from '../mmm/transforms/registry';
import { compareScenarios, type ScenarioComparison, type ScenarioResult } from '../scenarios';
import type { Intent } from '../scenarios/spec';
import type { Channel } from '../entities';
import { badInput, notFound } from './errors';

/** A channel's figures as answers show them: the model’s summary (ROAS and marginal ROAS with their 90% intervals, share of the KPI) and where today’s spend sits against break-even. */
export interface ChannelFigure extends Pick<ChannelSummary, 'roas' | 'roasLow' | 'roasHigh' | 'mroas' | 'mroasLow' | 'mroasHigh' | 'contributionShare'> {
  channel: string;
  displayName: string;
  weeklySpend: number;
  /** Weekly spend up to which an extra unit still returns at least a unit (marginal ROAS ≥ 1); null when no spend does. */
  breakEvenSpend: number | null;
  /** Current weekly spend over the break-even spend (above 1 = past it); null when no spend breaks even (saturated at any spend). */
  spendVsBreakEven: number | null;
  /** Weekly spend at which the channel reaches 90% of its maximum effect. */
  saturationPoint: number;
  /** Current weekly spend as a share of that 90%-effect point. Not a ranking of saturation: use spendVsBreakEven. */
  saturation: number;
  /** How long the channel's effect lasts after the week of spend, from its fitted adstock; on answers to carry-over questions. */
  carryover?: Carryover;
}

/** A channel's fitted carry-over (adstock), in the words a marketer asks it: how long a week's spend keeps working. */
export interface Carryover {
  /** The adstock the model fitted ('geometric', 'weibull'). */
  adstock: string;
  /** Share of one week's effect kept into the next (geometric decay; for other shapes the decay with the same mean lag). */
  decay: number;
  /** Weeks for the weekly effect to fall to half (ln 0.5 / ln decay); 0 when nothing carries over. */
  halfLifeWeeks: number;
  /** Share of the whole effect that lands in the week of spend. */
  sameWeekShare: number;
  /** Weeks after the spend when the effect is strongest (0 = the week of spend; later for a delayed adstock). */
  peakWeek: number;
  /** Weeks, the week of spend included, until 90% of the whole effect has landed. */
  weeksTo90: number;
  /** Weeks after which the model counts no more effect. */
  maxLag: number;
}

/** The channel's carry-over from the model's own adstock parameters (its lag weights, which sum to 1). */
export function carryoverOf(model: MmmModel, channel: string): Carryover {
  const params = model.hyperparameters.channels[channel].adstock;
  const component = adstockComponent(params.type);
  const weights = component.weights(params);
  const decay = component.equivalentDecay(params);
  let peakWeek = 0;
  let landed = 0;
  let weeksTo90 = weights.length;
  for (let lag = 0; lag < weights.length; lag++) {
    if (weights[lag] > weights[peakWeek]) peakWeek = lag;
    landed += weights[lag];
    if (landed >= 0.9 - 1e-12 && weeksTo90 === weights.length) weeksTo90 = lag + 1;
  }
  return { adstock: params.type, decay, halfLifeWeeks: decay > 0 ? Math.log(0.5) / Math.log(decay) : 0, sameWeekShare: weights[0], peakWeek, weeksTo90, maxLag: params.maxLag };
}

/** A channel's response curve and where today sits on it: what the curve answer, its chart and GraphQL `responseCurve` show. */
export interface CurveFigures {
  channel: string;
  displayName: string;
  currentWeeklySpend: number;
  /** Steady-state weekly contribution at today's spend, and what one more unit of weekly spend adds there (marginal ROAS). */
  currentContribution: number;
  currentMarginalRoas: number;
  /** The lowest and highest weekly spend in the data: past observedMax the curve is extrapolated. */
  observedMin: number;
  observedMax: number;
  points: Array<{ weeklySpend: number; kpi: number; low: number; high: number }>;
}

/** The figures of a channel's response curve on a model (one computation for every door). */
export function curveFigures(model: MmmModel, channel: Pick<Channel, 'key' | 'displayName'>, points = 25): CurveFigures {
  const today = currentWeeklySpend(model)[channel.key];
  const response = channelResponse(model, channel.key);
  const observed = observedSpendRange(model)[channel.key];
  return {
    channel: channel.key,
    displayName: channel.displayName,
    currentWeeklySpend: today,
    currentContribution: response.contribution(today),
    currentMarginalRoas: response.marginal(today),
    observedMin: observed.min,
    observedMax: observed.max,
    points: responseCurve(model, channel.key, points),
  };
}

/**
 * A structured answer: every front door renders it its own way (Block Kit, GraphQL types,
 * text) but none computes anything of its own.
 */
export interface AskAnswer {
  notebookId: string;
  /** The stored scenario when the question ran one (what-if, optimization). */
  scenarioId: string | null;
  kind: 'scenario' | 'comparison' | 'channels' | 'responseCurve' | 'modelQuality' | 'lastTrained' | 'undo' | 'schedule' | 'train' | 'help' | 'clarify' | 'unknown';
  intent: Intent;
  restatement: string;
  modelVersionId: string;
  kpiName: string;
  scenario?: ScenarioResult;
  comparison?: ScenarioComparison;
  channels?: ChannelFigure[];
  curve?: CurveFigures;
  model?: { metrics: Record<string, number | null> | null; trainedAt: Date | null; trainedThrough: string | null; weeksUsed: number | null; status: string };
  /** For clarify: the readings to offer, each a whole question (Slack offers them as buttons). */
  options?: string[];
  /** What the schedule intent asks for; the caller (Slack, with a channel) creates it. */
  schedule?: { job: 'digest' | 'retrain' | 'dataQuality'; cron: string; description: string };
  /** Help, clarify and unknown answers: the words to show. */
  message?: string;
}

/**
 * What an answer says it read. A scenario is restated as it ran (the aim a plan was made for is
 * known only once the model is), with the parse's "(read X as Y)"; every other answer as the
 * question was parsed (worked out only here: the parse's restatement is made on first use).
 */
export function withRestatement(answer: Omit<AskAnswer, 'restatement'>, parsed: Pick<ParseResult, 'restatement' | 'readAs'>): AskAnswer {
  const ran = answer.kind === 'scenario' ? answer.scenario?.restatement : undefined;
  return { ...answer, restatement: ran ? withReadAs(ran, parsed.readAs) : parsed.restatement };
}

/** The question trimmed, or a clear refusal when it is empty or too long. */
export function checkedQuestion(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw badInput('The question is empty: ask something like "what if we move 20% from TV to search?"', [{ path: 'question', message: 'empty' }]);
  if (text.length > 2000) throw badInput(`The question is ${text.length} characters long; keep it under 2000`, [{ path: 'question', message: 'too long' }]);
  return text;
}

/** "compare with the previous one": the conversation's last two scenarios side by side, or why there is nothing to compare. */
export function comparisonAnswer(lastTwo: ScenarioResult[]): Pick<AskAnswer, 'kind' | 'comparison' | 'message'> {
  if (lastTwo.length < 2) return { kind: 'clarify', message: 'There is nothing to compare yet: this conversation needs two scenarios first.' };
  const [a, b] = lastTwo;
  return { kind: 'comparison', comparison: compareScenarios(a, b) };
}

/** What undo says in a conversation with no scenario. */
export const NOTHING_TO_UNDO = 'There is nothing to undo in this conversation.';

/** What answers a question that runs no scenario and needs no stored history: the model and the words suffice. */
export type ModelAnswer = Pick<AskAnswer, 'kind'> & Partial<Pick<AskAnswer, 'channels' | 'curve' | 'options' | 'schedule' | 'message'>>;

/** The answers every door gives alike from a model and its channels (ROI, saturation, curves, help, questions back). */
export function modelAnswer(intent: Intent, model: MmmModel, channels: Array<Pick<Channel, 'key' | 'displayName'>>): ModelAnswer {
  switch (intent.kind) {
    case 'roi':
    case 'saturation': {
      const figures = channelFigures(model, channels);
      const asked = intent.kind === 'roi' && intent.channels.length > 0 ? figures.filter((f) => intent.channels.includes(f.channel)) : figures;
      const wanted = intent.kind === 'roi' && intent.measure === 'carryover' ? asked.map((f) => ({ ...f, carryover: carryoverOf(model, f.channel) })) : asked;
      return { kind: 'channels', channels: intent.kind === 'saturation' ? mostSaturatedFirst(wanted) : [...wanted].sort(rankingFor(intent)) };
    }
    case 'responseCurve': {
      const channel = channels.find((c) => c.key === intent.channel);
      if (!channel) throw notFound(`I don't know a channel called "${intent.channel}"`);
      return { kind: 'responseCurve', curve: curveFigures(model, channel) };
    }
    case 'schedule':
      return { kind: 'schedule', schedule: { job: intent.job, cron: intent.cron, description: intent.description } };
    case 'train':
      return { kind: 'train' };
    case 'clarify':
      return { kind: 'clarify', message: intent.question, options: intent.options };
    case 'help':
      return { kind: 'help', message: helpText(), options: [...EXAMPLE_QUESTIONS] };
    case 'unknown':
      // The language's reason already quotes examples; the options list them for buttons.
      return { kind: 'unknown', message: intent.reason, options: [...EXAMPLE_QUESTIONS] };
    default:
      throw new Error(`modelAnswer: ${intent.kind} needs a scenario or the conversation's history`);
  }
}

/**
 * Most saturated first: furthest past the spend where marginal ROAS falls below 1 (a channel no
 * spend of which breaks even first of all), ties by the lower marginal ROAS.
 */
export function mostSaturatedFirst(figures: ChannelFigure[]): ChannelFigure[] {
  const past = (f: ChannelFigure) => f.spendVsBreakEven ?? Infinity;
  return [...figures].sort((x, y) => (past(y) === past(x) ? x.mroas - y.mroas : past(y) > past(x) ? 1 : -1));
}

/** Best first: highest marginal ROAS, largest share of the KPI, longest carry-over, or highest ROAS. */
function rankingFor(intent: Extract<Intent, { kind: 'roi' }>): (x: ChannelFigure, y: ChannelFigure) => number {
  if (intent.measure === 'marginal') return (x, y) => y.mroas - x.mroas;
  if (intent.measure === 'contribution') return (x, y) => y.contributionShare - x.contributionShare;
  if (intent.measure === 'carryover') return (x, y) => (y.carryover?.decay ?? 0) - (x.carryover?.decay ?? 0);
  return (x, y) => y.roas - x.roas;
}

export function channelFigures(model: MmmModel, channels: Array<Pick<Channel, 'key' | 'displayName'>>): ChannelFigure[] {
  const summaries = channelSummaries(model);
  const spend = currentWeeklySpend(model);
  return channels
    .filter((c) => summaries[c.key])
    .map((c) => {
      const s = summaries[c.key];
      const vsBreakEven = spendVsBreakEven(spend[c.key], s.breakEvenSpend);
      return {
        channel: c.key,
        displayName: c.displayName,
        roas: s.roas,
        roasLow: s.roasLow,
        roasHigh: s.roasHigh,
        mroas: s.mroas,
        mroasLow: s.mroasLow,
        mroasHigh: s.mroasHigh,
        weeklySpend: spend[c.key],
        breakEvenSpend: s.breakEvenSpend,
        spendVsBreakEven: Number.isFinite(vsBreakEven) ? vsBreakEven : null,
        saturationPoint: s.saturationPoint,
        saturation: s.saturationPoint > 0 ? spend[c.key] / s.saturationPoint : 0,
        contributionShare: s.contributionShare,
      };
    });
}
