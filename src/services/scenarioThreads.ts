/**
 * Optimizations run on the CPU pool's threads (cpuPool.ts), so that one long search (a per-week
 * plan over two years under twenty constraints) never holds the server's event loop. What-ifs
 * (about 0.8 ms, a quarter of a runWhatIf request's main-thread time) run in place: on the pool
 * they took 15–30% off the main thread's CPU per request but, on 2 cores shared with
 * PostgreSQL, gave no more requests per second and a worse p99 (bench/graphql.bench.ts, full
 * selection, 32 connections). Measured again once a what-if took two statements (the kept
 * setup, scenarios.ts), with the machine at load ~6: on the pool the main thread's CPU per
 * request fell from 2.7-2.8 to 2.0-2.55 ms, but it got 0.29 of a core instead of 0.46-0.51,
 * and gave 123-155 req/s with p99 568-805 ms against 172-198 req/s with p99 288-352 ms in place.
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
