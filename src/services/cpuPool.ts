/**
 * The process's worker threads for CPU work (piscina): model fits, scenarios and chart rendering
 * run here, so the main thread only does I/O and every request is served while a model trains.
 * Two sets of threads: fits on up to cores − 1 threads (all cores for a one-shot command) that the
 * OS schedules below everything else (nice +10), and work someone waits for (a scenario, a chart)
 * on up to one thread per core of normal priority. A scenario thus never queues behind a fit's steps, which run for seconds each: the OS
 * gives it the core the moment it runs. One pool per process, started on first use; whoever
 * needs it holds it (`holdCpuPool`), and its threads stop when the last holder lets go.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { DeadlineExceeded } from '../deadline';
import { FitStopped, serializeModel, type FitRunner, type FitStep, type FitStepResult, type MmmModel } from '../mmm';
import type { ScenarioResult } from '../scenarios';
import { workerEntry } from '../workerThreads';
import type { ChartTask } from './chartWorker';
import type { ScenarioTask } from './poolWorker';
import { reviveScenarioError, type SerializedError } from './scenarioErrors';
import type { ChannelVocabulary } from '../language';
import type { ScenarioIntent } from './computeScenario';

/** How much lower than the main thread fit threads are scheduled (nice levels): about a tenth of a core's share against it. */
const FIT_NICE_INCREMENT = 10;

/** After its budget, how long an optimization may take to stop by itself before its thread is terminated. */
const OVERRUN_GRACE_MS = 500;

const isAbort = (err: unknown) => err instanceof Error && err.name === 'AbortError';

type Kind = 'fits' | 'interactive';

export class CpuPool {
  private readonly running: Record<Kind, Piscina | null> = { fits: null, interactive: null };
  /** Fit stages running now (see `close`). */
  private fitBatches = 0;
  /** Each model's JSON text, made once, in shared memory: a task names it without copying it (a thread parses it once). */
  private readonly documents = new WeakMap<MmmModel, SharedArrayBuffer>();

  /**
   * Threads fits may use. In a server one core is left to serving: on 2 cores, with both fitting,
   * `{ datasets { name } }` had a p99 3.4× its idle one while a fit ran; with one, about the
   * same as idle, and the fit took no longer on a shared machine (bench/serving.bench.ts). A
   * one-shot command (`mmm fit`, `mmm train`) has nothing to serve and sets all of them.
   * Read when the fit threads start.
   */
  fitThreads: number;

  constructor(readonly threads = availableParallelism()) {
    this.fitThreads = Math.max(1, threads - 1);
  }

  /** The threads of one kind, started on first use and again after `close()` (one process may start and stop several servers). */
  private pool(kind: Kind): Piscina {
    return (this.running[kind] ??= new Piscina({
      filename: workerEntry(__dirname, 'poolWorker'),
      minThreads: kind === 'interactive' ? 1 : 0,
      maxThreads: kind === 'fits' ? this.fitThreads : this.threads,
      // Fit threads are started for a fit and let go a while after it.
      idleTimeout: 30_000,
      // Below the main thread, PostgreSQL and the interactive threads: with every core fitting, a request still runs the moment it arrives (Linux; elsewhere ignored).
      niceIncrement: kind === 'fits' ? FIT_NICE_INCREMENT : 0,
    }));
  }

  /** Tasks the threads have finished since they were started. */
  get completed(): number {
    return (this.running.fits?.completed ?? 0) + (this.running.interactive?.completed ?? 0);
  }

  /** Threads running now (0 once closed). */
  get threadCount(): number {
    return (this.running.fits?.threads.length ?? 0) + (this.running.interactive?.threads.length ?? 0);
  }

  /**
   * Runs a fit's steps side by side on the pool. One failing (or the signal aborted) stops the
   * rest of the batch; an abort comes back as `FitStopped` with the signal's reason.
   */
  readonly runFit: FitRunner = async (steps: FitStep[], signal?: AbortSignal): Promise<FitStepResult[]> => {
    this.fitBatches += 1;
    const batch = new AbortController();
    // Piscina listens to the signal once per step.
    setMaxListeners(steps.length + 1, batch.signal);
    const onAbort = () => batch.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.all(
        steps.map((step) =>
          this.pool('fits').run(step, { name: 'fitStep', signal: batch.signal }).catch((err: unknown) => {
            batch.abort(err);
            throw err;
          }) as Promise<FitStepResult>,
        ),
      );
    } catch (err) {
      if (signal?.aborted) throw new FitStopped(signal.reason);
      // The step that failed, not a sibling stopped because of it.
      throw isAbort(err) && batch.signal.reason instanceof Error ? batch.signal.reason : err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.fitBatches -= 1;
    }
  };

  /**
   * An optimization under the request's budget. The thread checks the budget as it goes; past it
   * (and a little grace), or once the caller has gone, piscina terminates the thread, so the work
   * stops for certain, and a new thread takes its place.
   */
  async scenario(modelKey: string, model: MmmModel, intent: ScenarioIntent, channels: ChannelVocabulary[], budgetMs: number, signal?: AbortSignal): Promise<ScenarioResult> {
    if (signal?.aborted) throw new DeadlineExceeded(budgetMs, 'aborted');
    let document = this.documents.get(model);
    if (document === undefined) {
      const text = Buffer.from(serializeModel(model));
      document = new SharedArrayBuffer(text.length);
      text.copy(Buffer.from(document));
      this.documents.set(model, document);
    }
    const overrun = AbortSignal.timeout(budgetMs + OVERRUN_GRACE_MS);
    const task: ScenarioTask = { modelKey, document, intent, channels, budgetMs, startedAt: Date.now() };
    let outcome: { result: ScenarioResult } | { error: SerializedError };
    try {
      outcome = await this.pool('interactive').run(task, { name: 'scenario', signal: signal ? AbortSignal.any([signal, overrun]) : overrun });
    } catch (err) {
      if (isAbort(err)) throw new DeadlineExceeded(budgetMs, signal?.aborted ? 'aborted' : 'time');
      throw err;
    }
    if ('error' in outcome) throw reviveScenarioError(outcome.error);
    return outcome.result;
  }

  /** A chart's PNG, drawn on a thread (a chart takes tens of milliseconds of CPU). */
  async chart(task: ChartTask): Promise<Buffer> {
    const png = (await this.pool('interactive').run(task, { name: 'chart', filename: workerEntry(__dirname, 'chartWorker') })) as Uint8Array;
    return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  }

  /**
   * Stops the threads; queued tasks are rejected. A later task starts new ones. Fit threads with a
   * fit under way are left to it: at shutdown its run was handed back for another process to take
   * over, and failing it here would record it as failed first. It ends with the process (or, in
   * one that goes on, on its own: idle threads never hold a process open).
   */
  async close(): Promise<void> {
    const pools = [this.running.interactive, this.fitBatches === 0 ? this.running.fits : null];
    this.running.interactive = null;
    if (this.fitBatches === 0) this.running.fits = null;
    await Promise.all(pools.map((p) => p?.close({ force: true })));
  }
}

let shared: CpuPool | null = null;
let holders = 0;

/** The process's pool (held by whoever started work on it; see `holdCpuPool`). */
export function cpuPool(): CpuPool {
  return (shared ??= new CpuPool());
}

export interface CpuPoolHold {
  pool: CpuPool;
  /** Lets go of the pool (again: nothing); the last holder's release stops its threads. */
  release(): Promise<void>;
}

/**
 * Holds the process's pool for a server or a command. Several servers may share one process (the
 * tests start many): one shutting down must not stop the threads another is using, so the
 * threads stop only when every holder has let go.
 */
export function holdCpuPool(): CpuPoolHold {
  holders += 1;
  let released = false;
  return {
    pool: cpuPool(),
    async release() {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0) await shared?.close();
    },
  };
}
