import type { DataSource } from 'typeorm';
import { Notebook, Scenario } from '../entities';
import { parseQuestion } from '../language';
import { currentWeeklySpend } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import type { Intent } from '../scenarios/spec';
import { vocabularyOf } from './computeScenario';
import { answerContextOf } from './answerContext';
import type { AnswerContext } from './answerText';
import type { AppContext } from './appContext';
import { checkedQuestion, comparisonAnswer, modelAnswer, NOTHING_TO_UNDO, withRestatement, type AskAnswer } from './modelAnswers';
import { productionSetup, type ProductionSetup } from './models';
import { computeScenarioBounded } from './scenarioThreads';
import { findNotebook, notebookScenarios, storeScenario } from './scenarios';

// The answer's shape and the model-only answers live beside it, free of the database (modelAnswers.ts).
export { channelFigures, curveFigures, mostSaturatedFirst, type AskAnswer, type ChannelFigure, type CurveFigures } from './modelAnswers';

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

/** An answer and what wording it needs, from the production setup the answer was computed on. */
export interface AnsweredQuestion {
  answer: AskAnswer;
  context: AnswerContext;
}

/** The one code path for a plain-words question, from Slack, GraphQL `ask` or `mmm ask`. */
export async function ask(app: AppContext, request: AskRequest): Promise<AskAnswer> {
  return (await answerQuestion(app, request)).answer;
}

/** `ask`, with the context its doors word the answer in (no second read of channels and model). */
export async function answerQuestion(app: AppContext, request: AskRequest): Promise<AnsweredQuestion> {
  const text = checkedQuestion(request.text);
  const setup = await openNotebook(app.ds, request);
  return { answer: await answerIn(app, request, text, setup), context: answerContextOf(setup) };
}

async function answerIn(app: AppContext, request: AskRequest, text: string, setup: { notebook: Notebook } & ProductionSetup): Promise<AskAnswer> {
  const { notebook, channels, version, model } = setup;
  const history = await notebookScenarios(app.ds, notebook.id);
  const last = history.at(-1);
  const vocabulary = channels.map(vocabularyOf);
  const parsed = parseQuestion(text, {
    channels: vocabulary,
    currentWeeklySpend: currentWeeklySpend(model),
    previous: last ? (last.spec as Intent) : undefined,
  });
  const intent = parsed.intent;
  const base = { notebookId: notebook.id, scenarioId: null, intent, modelVersionId: version.id, kpiName: model.data.kpiName };
  return withRestatement(await answerTo(), parsed);

  async function answerTo(): Promise<Omit<AskAnswer, 'restatement'>> {
    switch (intent.kind) {
      case 'whatIf':
      case 'optimize': {
        const scenario = await computeScenarioBounded(app, version.id, model, intent, vocabulary, request.signal);
        const stored = await storeScenario(app.ds, { notebook, version, question: text, intent, result: scenario, askedBy: request.askedBy ?? null });
        return { ...base, kind: 'scenario', scenarioId: stored.id, scenario };
      }
      case 'compare':
        return { ...base, ...comparisonAnswer(history.slice(-2).map((s) => s.result as ScenarioResult)) };
      case 'undo': {
        if (!last) return { ...base, kind: 'clarify', message: NOTHING_TO_UNDO };
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
}

/** The conversation's notebook (opened on its first question) and what answering in it needs. */
async function openNotebook(ds: DataSource, request: AskRequest): Promise<{ notebook: Notebook } & ProductionSetup> {
  const repo = ds.getRepository(Notebook);
  const conversation = request.conversation;
  if (conversation.kind === 'notebook') {
    const found = await findNotebook(ds, conversation.notebookId);
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
