import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttled } from '../../bot/throttle';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('throttled progress edits', () => {
  it('sends the newest value at most once per interval, counting the original post as the first send', async () => {
    const sent: Array<{ value: number; at: number }> = [];
    const edits = throttled<number>(async (value) => void sent.push({ value, at: Date.now() }), 1000, () => undefined);
    for (let i = 1; i <= 30; i++) {
      edits.offer(i);
      await vi.advanceTimersByTimeAsync(100);
    }
    // Offers every 100 ms for 3 s: sends at 1 s, 2 s and 3 s, each with the newest value then.
    expect(sent).toEqual([
      { value: 10, at: 1000 },
      { value: 20, at: 2000 },
      { value: 30, at: 3000 },
    ]);
  });

  it('drops unsent values on settle and waits for the edit in flight', async () => {
    let release!: () => void;
    const sent: number[] = [];
    const edits = throttled<number>((value) => new Promise<void>((resolve) => (release = () => resolve(void sent.push(value)))), 1000, () => undefined);
    edits.offer(1);
    await vi.advanceTimersByTimeAsync(1000);
    edits.offer(2);
    let settled = false;
    const settling = edits.settle().then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(settled).toBe(false);
    release();
    await settling;
    expect(sent).toEqual([1]);
  });

  it('reports a failed send and keeps going', async () => {
    const errors: unknown[] = [];
    const sent: number[] = [];
    let calls = 0;
    const edits = throttled<number>(async (value) => {
      calls += 1;
      if (calls === 1) throw new Error('ratelimited');
      sent.push(value);
    }, 1000, (err) => errors.push(err));
    edits.offer(1);
    await vi.advanceTimersByTimeAsync(1000);
    edits.offer(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(sent).toEqual([2]);
  });
});
