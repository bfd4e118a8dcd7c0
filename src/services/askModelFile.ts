/**
 * `mmm ask --model model.json`: any question answered from a model file, with no database.
 * The same parser, scenario computation and answers as `ask` (src/services/ask.ts); the
 * conversation's history is a notebook file instead of the notebooks table, so follow-ups,
 * compare and undo work across runs when one is given.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseQuestion } from '../language';
import { currentWeeklySpend, type MmmModel } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import type { Intent } from '../scenarios/spec';
import { checkedQuestion, comparisonAnswer, modelAnswer, NOTHING_TO_UNDO, withRestatement, type AskAnswer } from './modelAnswers';
import { computeScenario, modelVocabulary } from './computeScenario';
import { badInput } from './errors';

/** A conversation kept in a file: its scenarios in order, as `ask` keeps them in a notebook. */
export interface NotebookFile {
  scenarios: Array<{ question: string; intent: Intent; result: ScenarioResult }>;
}

/** The notebook in a file; a file that does not exist yet is a new conversation. */
export function readNotebookFile(path: string): NotebookFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { scenarios: [] };
  }
  try {
    const parsed = JSON.parse(text) as Partial<NotebookFile>;
    if (!Array.isArray(parsed.scenarios)) throw new Error('no "scenarios" list');
    return { scenarios: parsed.scenarios };
  } catch (err) {
    throw badInput(`The notebook file ${path} is not a notebook: ${(err as Error).message}`, [{ path: '--notebook', message: 'not a notebook file' }]);
  }
}

export function writeNotebookFile(path: string, notebook: NotebookFile): void {
  writeFileSync(path, `${JSON.stringify(notebook)}\n`);
}

/** The answer to a question against a model file, and the notebook as it stands after it. */
export function askModelFile(model: MmmModel, question: string, notebook: NotebookFile, ids: { notebookId: string; modelVersionId: string }): { answer: AskAnswer; notebook: NotebookFile } {
  const text = checkedQuestion(question);
  const channels = modelVocabulary(model);
  const history = notebook.scenarios;
  const parsed = parseQuestion(text, { channels, currentWeeklySpend: currentWeeklySpend(model), previous: history.at(-1)?.intent });
  const intent = parsed.intent;
  const base = { ...ids, scenarioId: null, intent, kpiName: model.data.kpiName };
  const { answer, notebook: after } = answerTo();
  return { answer: withRestatement(answer, parsed), notebook: after };

  function answerTo(): { answer: Omit<AskAnswer, 'restatement'>; notebook: NotebookFile } {
    switch (intent.kind) {
      case 'whatIf':
      case 'optimize': {
        const scenario = computeScenario(model, intent, channels);
        return { answer: { ...base, kind: 'scenario', scenario }, notebook: { scenarios: [...history, { question: text, intent, result: scenario }] } };
      }
      case 'compare':
        return { answer: { ...base, ...comparisonAnswer(history.slice(-2).map((s) => s.result)) }, notebook };
      case 'undo': {
        if (history.length === 0) return { answer: { ...base, kind: 'clarify', message: NOTHING_TO_UNDO }, notebook };
        const rest = history.slice(0, -1);
        return { answer: { ...base, kind: 'undo', scenario: rest.at(-1)?.result }, notebook: { scenarios: rest } };
      }
      case 'modelQuality':
      case 'lastTrained':
        return { answer: { ...base, kind: intent.kind, model: { metrics: { ...model.metrics }, trainedAt: null, trainedThrough: model.data.dates.at(-1) ?? null, weeksUsed: model.data.dates.length, status: 'file' } }, notebook };
      case 'schedule':
      case 'train':
        return { answer: { ...base, kind: 'clarify', message: 'Schedules and training need the server\'s database: use `mmm train` or ask in Slack. A model file answers scenarios, optimizations and questions about the model.' }, notebook };
      default:
        return { answer: { ...base, ...modelAnswer(intent, model, channels) }, notebook };
    }
  }
}
