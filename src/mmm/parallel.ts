/**
 * Runs search tasks on the main thread and one worker thread at once (the machine has two
 * cores). Tasks are handed out one at a time from a shared queue, so a slow worker start costs
 * nothing: the main thread simply takes more tasks. Results come back in task order and every
 * task is deterministic, so the outcome never depends on who ran what.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorkerThread } from '../workerThreads';
import { SearchSetup, SearchWorkspace } from './search';
import { runSearchTask, SearchTask, TaskOutcome } from './tasks';

/** A fit stopped before it finished; nothing it computed is kept. */
export class FitStopped extends Error {
  constructor(reason: unknown) {
    super(`The fit was stopped before it finished${reason instanceof Error && reason.message ? `: ${reason.message}` : ''}.`);
    this.name = 'FitStopped';
  }
}

export function stopFitIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FitStopped(signal.reason);
}

export class SearchThreads {
  private worker: Worker | null = null;
  private workerReady = false;
  private onWorkerMessage: ((message: { id: number; outcome?: TaskOutcome; error?: string }) => void) | null = null;
  private onWorkerFailure: (() => void) | null = null;
  readonly local: SearchWorkspace;

  constructor(setup: SearchSetup, useWorker = availableParallelism() > 1) {
    this.local = new SearchWorkspace(setup);
    if (useWorker) this.worker = startWorker(setup);
    if (!this.worker) return;
    this.worker.unref();
    this.worker.on('message', (message: { ready?: boolean; id: number; outcome?: TaskOutcome; error?: string }) => {
      if (message.ready) this.workerReady = true;
      else this.onWorkerMessage?.(message);
    });
    this.worker.on('error', () => this.dropWorker());
    this.worker.on('exit', () => this.dropWorker());
  }

  private dropWorker(): void {
    this.worker = null;
    this.workerReady = false;
    this.onWorkerFailure?.();
  }

  /** Runs all tasks, returning outcomes in task order; an aborted `signal` stops it between tasks. */
  async run(tasks: SearchTask[], signal?: AbortSignal): Promise<TaskOutcome[]> {
    const outcomes = new Array<TaskOutcome | undefined>(tasks.length);
    const queue = tasks.map((_, i) => i);
    let inWorker: number | null = null;
    let workerError: string | null = null;
    const feedWorker = () => {
      if (!this.worker || !this.workerReady || inWorker !== null || queue.length === 0) return;
      inWorker = queue.shift()!;
      this.worker.postMessage({ id: inWorker, task: tasks[inWorker] });
    };
    let wake: (() => void) | null = null;
    this.onWorkerMessage = (message) => {
      if (message.error) workerError = message.error;
      else if (message.outcome) outcomes[message.id] = message.outcome;
      inWorker = null;
      feedWorker();
      wake?.();
    };
    this.onWorkerFailure = () => {
      // The worker died mid-task: take its task back and finish alone.
      if (inWorker !== null) queue.unshift(inWorker);
      inWorker = null;
      wake?.();
    };
    try {
      while (queue.length > 0 || inWorker !== null) {
        stopFitIfAborted(signal);
        feedWorker();
        const next = queue.shift();
        if (next !== undefined) {
          outcomes[next] = runSearchTask(this.local, tasks[next]);
          // Let the worker's messages in between tasks.
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
        if (workerError) throw new Error(`search worker failed: ${workerError}`);
      }
    } finally {
      this.onWorkerMessage = null;
      this.onWorkerFailure = null;
    }
    return outcomes as TaskOutcome[];
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/** The search's second thread, or none (the main thread then does all the work). */
function startWorker(setup: SearchSetup): Worker | null {
  try {
    return startWorkerThread(__dirname, 'searchWorker', { workerData: setup });
  } catch {
    return null;
  }
}
