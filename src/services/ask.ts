import type { DataSource } from 'typeorm';
import { queryPrepared } from '../db/prepared';
import { Notebook, Scenario } from '../entities';
import { EXAMPLE_QUESTIONS, helpText, parseQuestion } from '../language';
import { channelResponse, channelSummaries, currentWeeklySpend, observedSpendRange, responseCurve, spendVsBreakEven, type MmmModel } from '../mmm';
import { compareScenarios, type ScenarioComparison, type ScenarioResult } from '../scenarios';
import type { Intent } from '../scenarios/spec';
import { vocabularyOf } from './computeScenario';
import type { AppContext } from './appContext';
import { badInput, notFound } from './errors';
import { productionSetup, type ProductionSetup } from './models';
import { computeScenarioBounded } from './scenarioThreads';
import type { Channel, ModelVersion } from '../entities';

/** Where a question comes from: a Slack thread, an existing notebook, or a new conversation. */
export type Conversation =
  | { kind: 'slack'; channel: string; threadTs: string }
  | { kind: 'notebook'; notebookId: string }
  | { kind: 'new'; source: 'api' | 'cli' };

export interface AskRequest {
  text: string;
  /** Dataset id or name; unset = the default dataset. */
  dataset?: string;
  conversation: Conversation;
  askedBy?: string | null;
  /** Aborted when the asker has gone (a GraphQL client disconnected): the computation stops. */
  signal?: AbortSignal;
}

export interface ChannelFigure {
  channel: string;
  displayName: string;
  roas: number;
  roasLow: number;
  roasHigh: number;
  mroas: number;
  /** 90% interval of the marginal ROAS over the model's draws. */
  mroasLow: number;
  mroasHigh: number;
  weeklySpend: number;
  /** Weekly spend up to which an extra unit still returns at least a unit (marginal ROAS ≥ 1); null when no spend does. */
  breakEvenSpend: number | null;
  /** Current weekly spend over the break-even spend (above 1 = past it); null when no spend breaks even (saturated at any spend). */
  spendVsBreakEven: number | null;
  /** Weekly spend at which the channel reaches 90% of its maximum effect. */
  saturationPoint: number;
  /** Current weekly spend as a share of that 90%-effect point. Not a ranking of saturation: use spendVsBreakEven. */
  saturation: number;
  contributionShare: number;
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

/** The question trimmed, or a clear refusal when it is empty or too long. */
export function checkedQuestion(raw: string): string {
  const text = raw.trim();
  if (text.length === 0) throw badInput('The question is empty: ask something like "what if we move 20% from TV to search?"', [{ path: 'question', message: 'empty' }]);
  if (text.length > 2000) throw badInput(`The question is ${text.length} characters long; keep it under 2000`, [{ path: 'question', message: 'too long' }]);
  return text;
}

/** The one code path for a plain-words question, from Slack, GraphQL `ask` or `mmm ask`. */
export async function ask(app: AppContext, request: AskRequest): Promise<AskAnswer> {
  const text = checkedQuestion(request.text);

  const { notebook, channels, version, model } = await openNotebook(app.ds, request);
  const history = await notebookScenarios(app.ds, notebook.id);
  const last = history.at(-1);
  const vocabulary = channels.map(vocabularyOf);
  const parsed = parseQuestion(text, {
    channels: vocabulary,
    currentWeeklySpend: currentWeeklySpend(model),
    previous: last ? (last.spec as Intent) : undefined,
  });
  const base = { notebookId: notebook.id, scenarioId: null, intent: parsed.intent, restatement: parsed.restatement, modelVersionId: version.id, kpiName: model.data.kpiName };
  const intent = parsed.intent;

  switch (intent.kind) {
    case 'whatIf':
    case 'optimize': {
      const scenario = await computeScenarioBounded(app, version.id, model, intent, vocabulary, request.signal);
      const stored = await storeScenario(app.ds, { notebook, version, question: text, intent, result: scenario, askedBy: request.askedBy ?? null });
      // Restated as run: the aim the plan was made for is known only once the model is (one without draws plans on its point estimate).
      return { ...base, restatement: scenario.restatement ?? base.restatement, kind: 'scenario', scenarioId: stored.id, scenario };
    }
    case 'compare': {
      if (history.length < 2) return { ...base, kind: 'clarify', message: 'There is nothing to compare yet: this conversation needs two scenarios first.' };
      const [a, b] = history.slice(-2);
      return { ...base, kind: 'comparison', comparison: compareScenarios(a.result as ScenarioResult, b.result as ScenarioResult) };
    }
    case 'undo': {
      if (!last) return { ...base, kind: 'clarify', message: 'There is nothing to undo in this conversation.' };
      await app.ds.getRepository(Scenario).delete({ id: last.id });
      const previous = history.at(-2);
      return { ...base, kind: 'undo', scenarioId: previous?.id ?? null, scenario: previous ? (previous.result as ScenarioResult) : undefined };
    }
    case 'modelQuality':
    case 'lastTrained':
      return {
        ...base,
        kind: intent.kind,
        model: { metrics: version.metrics, trainedAt: version.trainedAt, trainedThrough: version.trainedThrough, weeksUsed: version.weeksUsed, status: version.status },
      };
    default:
      return { ...base, ...modelAnswer(intent, model, channels) };
  }
}

/** What answers a question that runs no scenario and needs no stored history: the model and the words suffice. */
export type ModelAnswer = Pick<AskAnswer, 'kind'> & Partial<Pick<AskAnswer, 'channels' | 'curve' | 'options' | 'schedule' | 'message'>>;

/** The answers every door gives alike from a model and its channels (ROI, saturation, curves, help, questions back). */
export function modelAnswer(intent: Intent, model: MmmModel, channels: Array<Pick<Channel, 'key' | 'displayName'>>): ModelAnswer {
  switch (intent.kind) {
    case 'roi':
    case 'saturation': {
      const figures = channelFigures(model, channels);
      const wanted = intent.kind === 'roi' && intent.channels.length > 0 ? figures.filter((f) => intent.channels.includes(f.channel)) : figures;
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

/** Best first: highest marginal ROAS, largest share of the KPI, or highest ROAS. */
function rankingFor(intent: Extract<Intent, { kind: 'roi' }>): (x: ChannelFigure, y: ChannelFigure) => number {
  if (intent.measure === 'marginal') return (x, y) => y.mroas - x.mroas;
  if (intent.measure === 'contribution') return (x, y) => y.contributionShare - x.contributionShare;
  return (x, y) => y.roas - x.roas;
}

export function channelFigures(model: MmmModel, channels: Array<Pick<Channel, 'key' | 'displayName'>>): ChannelFigure[] {
  const summaries = channelSummaries(model);
  const spend = currentWeeklySpend(model);
  return channels
    .filter((c) => summaries[c.key])
    .map((c) => {
      const s = summaries[c.key];
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
        spendVsBreakEven: Number.isFinite(spendVsBreakEven(spend[c.key], s.breakEvenSpend)) ? spendVsBreakEven(spend[c.key], s.breakEvenSpend) : null,
        saturationPoint: s.saturationPoint,
        saturation: s.saturationPoint > 0 ? spend[c.key] / s.saturationPoint : 0,
        contributionShare: s.contributionShare,
      };
    });
}

/** The conversation's notebook (opened on its first question) and what answering in it needs. */
async function openNotebook(ds: DataSource, request: AskRequest): Promise<{ notebook: Notebook } & ProductionSetup> {
  const repo = ds.getRepository(Notebook);
  const conversation = request.conversation;
  if (conversation.kind === 'notebook') {
    const found = await repo.findOneBy({ id: conversation.notebookId });
    if (!found) throw notFound(`No notebook ${conversation.notebookId}`);
    return { notebook: found, ...(await productionSetup(ds, found.datasetId)) };
  }
  const setup = await productionSetup(ds, request.dataset ?? null);
  if (conversation.kind !== 'slack') {
    return { notebook: await repo.save(repo.create({ datasetId: setup.dataset.id, source: conversation.source, createdBy: request.askedBy ?? null, title: request.text.slice(0, 120) })), ...setup };
  }
  // Two messages of one new thread may arrive together: the unique (channel, thread) key
  // makes them share one notebook.
  await repo
    .createQueryBuilder()
    .insert()
    .values({ datasetId: setup.dataset.id, source: 'slack', slackChannel: conversation.channel, slackThreadTs: conversation.threadTs, createdBy: request.askedBy ?? null, title: request.text.slice(0, 120) })
    .orIgnore()
    .execute();
  const notebook = await repo.findOneByOrFail({ slackChannel: conversation.channel, slackThreadTs: conversation.threadTs });
  // A thread stays on the dataset it started with.
  return { notebook, ...(notebook.datasetId === setup.dataset.id ? setup : await productionSetup(ds, notebook.datasetId)) };
}

export async function notebookScenarios(ds: DataSource, notebookId: string): Promise<Scenario[]> {
  return ds.getRepository(Scenario).find({ where: { notebookId }, order: { position: 'ASC' } });
}

/** Appends a scenario to a notebook (or stores it alone), numbering it after the last one. */
export async function storeScenario(
  ds: DataSource,
  entry: { notebook: Notebook | null; version: ModelVersion; question: string | null; intent: Intent; result: ScenarioResult; askedBy: string | null },
): Promise<Scenario> {
  const scenario = ds.getRepository(Scenario).create({
    datasetId: entry.version.datasetId,
    modelVersionId: entry.version.id,
    notebookId: entry.notebook?.id ?? null,
    question: entry.question,
    intent: entry.intent.kind,
    spec: entry.intent,
    result: entry.result,
    askedBy: entry.askedBy,
  });
  for (let attempt = 0; ; attempt++) {
    try {
      // One prepared INSERT on every scenario answered (save() would add a transaction, TypeORM's
      // insert ~0.2 ms); it numbers the scenario after its notebook's last one, and the
      // position and defaults come back.
      const [stored] = await queryPrepared<{ id: string; position: number | null; createdAt: Date; saved: boolean }>(
        ds,
        `INSERT INTO scenarios (dataset_id, model_version_id, notebook_id, position, question, intent, spec, result, asked_by)
         VALUES ($1, $2, $3::uuid, CASE WHEN $3::uuid IS NULL THEN NULL ELSE (SELECT COALESCE(MAX(position), 0) + 1 FROM scenarios WHERE notebook_id = $3::uuid) END, $4, $5, $6, $7, $8)
         RETURNING id, position, created_at AS "createdAt", saved`,
        [scenario.datasetId, scenario.modelVersionId, scenario.notebookId, scenario.question, scenario.intent, JSON.stringify(scenario.spec), JSON.stringify(scenario.result), scenario.askedBy],
      );
      return Object.assign(scenario, stored);
    } catch (err) {
      // Two answers in one thread at once: the unique (notebook, position) key sends one round again.
      if (attempt < 5 && (err as { driverError?: { code?: string } }).driverError?.code === '23505') continue;
      throw err;
    }
  }
}
