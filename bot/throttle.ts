/**
 * Sends only the latest of many values, at most once per interval: progress edits of one
 * Slack message (chat.update is rate-limited, and nobody reads ten edits a second).
 */
export interface Throttled<T> {
  /** The newest value; it replaces any value not sent yet. */
  offer(value: T): void;
  /** Drops what was not sent and waits for a send in flight, so a final message can follow it. */
  settle(): Promise<void>;
}

export function throttled<T>(send: (value: T) => Promise<unknown>, intervalMs: number, onError: (err: unknown) => void): Throttled<T> {
  // The message being edited was just posted: that counts as the first send.
  let lastSentAt = Date.now();
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let settled = false;

  const schedule = () => {
    if (timer || inFlight || !pending || settled) return;
    timer = setTimeout(fire, Math.max(0, lastSentAt + intervalMs - Date.now()));
  };
  const fire = () => {
    timer = null;
    if (!pending || settled) return;
    const { value } = pending;
    pending = null;
    lastSentAt = Date.now();
    inFlight = send(value).then(
      () => undefined,
      (err: unknown) => onError(err),
    ).finally(() => {
      inFlight = null;
      schedule();
    });
  };

  return {
    offer(value) {
      pending = { value };
      schedule();
    },
    async settle() {
      settled = true;
      pending = null;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
