/**
 * Optimizations run on a worker thread, so that one long search (a per-week plan over two
 * years under twenty constraints) never holds the server's event loop: every other request
 * is served meanwhile. The thread checks the request's time budget as it goes, and when it
 * overruns anyway, or the caller has gone, the thread is terminated and a new one started:
 * the work stops for certain. What-ifs are fast (well under a millisecond) and run in place.
 */
import type { Worker } from 'node:worker_threads';
import { DeadlineExceeded, withDeadline } from '../deadline';
import { startWorkerThread } from '../workerThreads';
import type { ChannelVocabulary } from '../language';
import type { MmmModel } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import { InfeasibleConstraintsError, ScenarioError } from '../scenarios/errors';
import { computeScenario, type ScenarioIntent } from './computeScenario';

export interface SerializedError {
  name: string;
  message: string;
  conflicts?: string[];
  budgetMs?: number;
  reason?: 'time' | 'aborted';
}

export function serializeScenarioError(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    ...(error instanceof InfeasibleConstraintsError ? { conflicts: error.conflicts } : {}),
    ...(error instanceof DeadlineExceeded ? { budgetMs: error.budgetMs, reason: error.reason } : {}),
  };
}

/** The error the caller would have had in place: the same classes, so every front door words it the same. */
export function reviveScenarioError(e: SerializedError): Error {
  if (e.name === 'InfeasibleConstraintsError') return new InfeasibleConstraintsError(e.conflicts ?? []);
  if (e.name === 'ScenarioError') return new ScenarioError(e.message);
  if (e.name === 'DeadlineExceeded') return new DeadlineExceeded(e.budgetMs ?? 0, e.reason ?? 'time');
  return Object.assign(new Error(`scenario worker: ${e.message}`), { name: e.name });
}

interface Job {
  modelKey: string;
  model: MmmModel;
  intent: ScenarioIntent;
  channels: ChannelVocabulary[];
  budgetMs: number;
  signal?: AbortSignal;
  resolve: (result: ScenarioResult) => void;
  reject: (err: Error) => void;
}

/** After its budget, how long a thread may take to stop by itself before it is terminated. */
const OVERRUN_GRACE_MS = 500;

/** Model documents one scenario thread keeps (each can be megabytes). */
const MODELS_PER_THREAD = 8;

export class ScenarioThreads {
  private worker: Worker | null = null;
  private ready = false;
  /** Models the thread holds, by key. */
  private readonly sent = new Set<string>();
  private readonly queue: Job[] = [];
  private current: { id: number; job: Job; timer: NodeJS.Timeout; onAbort: () => void } | null = null;
  private seq = 0;
  private closed = false;
  /** Threads stopped by force (a budget overrun, a caller gone): for logs and tests. */
  terminated = 0;

  /** Runs the scenario: optimizations on the thread (queued, one at a time), what-ifs in place. */
  run(modelKey: string, model: MmmModel, intent: ScenarioIntent, channels: ChannelVocabulary[], budgetMs: number, signal?: AbortSignal): Promise<ScenarioResult> {
    if (intent.kind === 'whatIf' || this.closed) return Promise.resolve().then(() => withDeadline(budgetMs, () => computeScenario(model, intent, channels), signal));
    if (signal?.aborted) return Promise.reject(new DeadlineExceeded(budgetMs, 'aborted'));
    return new Promise((resolve, reject) => {
      this.queue.push({ modelKey, model, intent, channels, budgetMs, signal, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new DeadlineExceeded(job.budgetMs, 'aborted'));
    if (this.current) this.settle(this.current.id, { error: { name: 'DeadlineExceeded', message: '', budgetMs: this.current.job.budgetMs, reason: 'aborted' } });
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = startWorkerThread(__dirname, 'scenarioWorker');
    worker.unref();
    this.sent.clear();
    this.ready = false;
    worker.on('message', (message: { ready?: boolean; id: number; result?: ScenarioResult; error?: SerializedError }) => {
      if (message.ready) {
        this.ready = true;
        this.next();
      } else this.settle(message.id, message);
    });
    worker.on('error', (err) => this.lost(worker, err));
    worker.on('exit', () => this.lost(worker, new Error('the scenario worker stopped')));
    return worker;
  }

  private lost(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.current) this.settle(this.current.id, { error: { name: 'Error', message: err.message } });
    if (!this.closed) this.next();
  }

  private next(): void {
    if (this.closed || this.current || this.queue.length === 0) return;
    this.worker ??= this.start();
    if (!this.ready) return;
    const job = this.queue.shift()!;
    if (job.signal?.aborted) {
      job.reject(new DeadlineExceeded(job.budgetMs, 'aborted'));
      this.next();
      return;
    }
    const id = ++this.seq;
    const withModel = !this.sent.has(job.modelKey);
    // This side decides which models the thread keeps (insertion order: the oldest goes first), so the two never disagree.
    let forget: string | undefined;
    if (withModel && this.sent.size >= MODELS_PER_THREAD) {
      forget = this.sent.values().next().value as string;
      this.sent.delete(forget);
    }
    this.sent.add(job.modelKey);
    // Past its budget (and a little grace) or once its caller has gone, the thread is stopped for certain.
    const cancel = (reason: 'time' | 'aborted') => () => {
      if (this.current?.id !== id) return;
      const worker = this.worker;
      this.worker = null;
      this.settle(id, { error: { name: 'DeadlineExceeded', message: '', budgetMs: job.budgetMs, reason } });
      this.terminated += 1;
      void worker?.terminate();
      this.next();
    };
    const timer = setTimeout(cancel('time'), job.budgetMs + OVERRUN_GRACE_MS);
    timer.unref();
    const onAbort = cancel('aborted');
    job.signal?.addEventListener('abort', onAbort, { once: true });
    this.current = { id, job, timer, onAbort };
    this.worker!.postMessage({ id, modelKey: job.modelKey, ...(withModel ? { model: job.model } : {}), ...(forget ? { forget } : {}), intent: job.intent, channels: job.channels, budgetMs: job.budgetMs });
  }

  private settle(id: number, message: { result?: ScenarioResult; error?: SerializedError }): void {
    const current = this.current;
    if (!current || current.id !== id) return;
    this.current = null;
    clearTimeout(current.timer);
    current.job.signal?.removeEventListener('abort', current.onAbort);
    if (message.error) current.job.reject(reviveScenarioError(message.error));
    else current.job.resolve(message.result!);
    this.next();
  }
}

/** A scenario under the request's budget: on the process's threads when it has them (a server), in place otherwise (the CLI). */
export function computeScenarioBounded(
  app: { config: { requestBudgetMs: number }; scenarioThreads?: ScenarioThreads },
  modelKey: string,
  model: MmmModel,
  intent: ScenarioIntent,
  channels: ChannelVocabulary[],
  signal?: AbortSignal,
): Promise<ScenarioResult> {
  if (app.scenarioThreads) return app.scenarioThreads.run(modelKey, model, intent, channels, app.config.requestBudgetMs, signal);
  return Promise.resolve().then(() => withDeadline(app.config.requestBudgetMs, () => computeScenario(model, intent, channels), signal));
}
