/**
 * Work the process has taken on and not finished (HTTP requests, Slack answers). On shutdown
 * the server stops taking more, then waits for these up to a grace period before it hands
 * back what is left and closes the database pool.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  /** True once shutdown began: new work should be refused or left for another process. */
  get stopping(): boolean {
    return this.closing;
  }

  get size(): number {
    return this.running.size;
  }

  /** Follows `work` until it settles; its outcome is the caller's. */
  track<T>(work: Promise<T>): Promise<T> {
    const followed = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(followed);
    void followed.finally(() => this.running.delete(followed));
    return work;
  }

  /** Stops taking work and waits until what runs has finished or `graceMs` passed; true when all finished. */
  async drain(graceMs: number): Promise<boolean> {
    this.closing = true;
    const deadline = Date.now() + graceMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(this.running), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
    return true;
  }
}
