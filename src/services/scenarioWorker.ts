/** Worker-thread entry: optimizations run here, off the server's event loop, under their time budget. */
import { parentPort } from 'node:worker_threads';
import { withDeadline } from '../deadline';
import type { ChannelVocabulary } from '../language';
import type { MmmModel } from '../mmm';
import { computeScenario, type ScenarioIntent } from './computeScenario';
import { serializeScenarioError } from './scenarioThreads';

/** Models by key (a model version id), so each is sent to this thread once; the main thread says which to forget. */
const models = new Map<string, MmmModel>();

parentPort?.on('message', (message: { id: number; modelKey: string; model?: MmmModel; forget?: string; intent: ScenarioIntent; channels: ChannelVocabulary[]; budgetMs: number }) => {
  try {
    if (message.forget) models.delete(message.forget);
    if (message.model) models.set(message.modelKey, message.model);
    const model = models.get(message.modelKey);
    if (!model) throw new Error(`scenario worker: model ${message.modelKey} was never sent`);
    const result = withDeadline(message.budgetMs, () => computeScenario(model, message.intent, message.channels));
    parentPort?.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, error: serializeScenarioError(error) });
  }
});
parentPort?.postMessage({ ready: true });
