import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A time budget for one request's work. Long computations (the optimizer's searches, its
 * conflict search, the simplex) call `checkDeadline()` in their loops; past the deadline, or
 * once the request's client has gone (its signal aborted), the work stops with
 * `DeadlineExceeded` instead of running on for a caller nobody serves. Outside `withDeadline`
 * the checks cost a lookup and never throw (the CLI and benchmarks run unbounded).
 */
export interface Deadline {
  /** Epoch milliseconds after which the work stops. */
  at: number;
  budgetMs: number;
  signal?: AbortSignal;
}

export class DeadlineExceeded extends Error {
  constructor(
    readonly budgetMs: number,
    readonly reason: 'time' | 'aborted',
  ) {
    super(
      reason === 'time'
        ? `This took longer than the ${budgetMs < 1000 ? `${budgetMs} ms` : `${+(budgetMs / 1000).toFixed(1)} s`} one request may take, so it was stopped and nothing was stored. Ask for fewer weeks or fewer constraints.`
        : 'The request was given up by its caller, so its work was stopped and nothing was stored.',
    );
    this.name = 'DeadlineExceeded';
  }
}

const current = new AsyncLocalStorage<Deadline>();

/** Runs `work` (synchronous or not) under a time budget of `budgetMs` from `startedAt` (now, unless the request began earlier). */
export function withDeadline<T>(budgetMs: number, work: () => T, signal?: AbortSignal, startedAt = Date.now()): T {
  const deadline: Deadline = { at: startedAt + budgetMs, budgetMs, signal };
  return current.run(deadline, work);
}

/** Throws when the request's caller has gone: nothing is stored for nobody. */
export function stopIfAborted(signal: AbortSignal | undefined, budgetMs: number): void {
  if (signal?.aborted) throw new DeadlineExceeded(budgetMs, 'aborted');
}

/** Throws DeadlineExceeded when the current request's budget is spent or its caller has gone. */
export function checkDeadline(): void {
  const deadline = current.getStore();
  if (!deadline) return;
  if (deadline.signal?.aborted) throw new DeadlineExceeded(deadline.budgetMs, 'aborted');
  if (Date.now() > deadline.at) throw new DeadlineExceeded(deadline.budgetMs, 'time');
}
