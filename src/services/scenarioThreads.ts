/**
 * Optimizations run on the CPU pool's threads (cpuPool.ts), so that one long search (a per-week
 * plan over two years under twenty constraints) never holds the server's event loop. What-ifs
 * are fast (well under a millisecond) and run in place: a thread hop would cost more than they do.
 */
import { withDeadline } from '../deadline';
import type { ChannelVocabulary } from '../language';
import type { MmmModel } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import { computeScenario, type ScenarioIntent } from './computeScenario';
import type { CpuPool } from './cpuPool';

/** A scenario under the request's budget: optimizations on the process's pool when it has one (a server), in place otherwise (the CLI). */
export function computeScenarioBounded(
  app: { config: { requestBudgetMs: number }; cpuPool?: CpuPool },
  modelKey: string,
  model: MmmModel,
  intent: ScenarioIntent,
  channels: ChannelVocabulary[],
  signal?: AbortSignal,
): Promise<ScenarioResult> {
  if (app.cpuPool && intent.kind !== 'whatIf') return app.cpuPool.scenario(modelKey, model, intent, channels, app.config.requestBudgetMs, signal);
  return Promise.resolve().then(() => withDeadline(app.config.requestBudgetMs, () => computeScenario(model, intent, channels), signal));
}
