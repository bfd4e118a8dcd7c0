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
