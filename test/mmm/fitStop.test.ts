/** A fit stops when its signal is aborted: before it starts, or between two of its tasks. */
import { describe, expect, it } from 'vitest';
import { fitModel, FitStopped } from '../../src/mmm';
import { simulateDataSet } from '../../testkit/simulate';

describe('fitModel with a signal', () => {
  const { data } = simulateDataSet(5, { weeks: 90, channelCount: 3 });

  it('refuses to start when the signal is already aborted', async () => {
    const stop = new AbortController();
    stop.abort(new Error('the run took longer than its limit of 60 minutes'));
    await expect(fitModel(data, { search: 'quick', signal: stop.signal })).rejects.toThrow('The fit was stopped before it finished: the run took longer than its limit of 60 minutes.');
  });

  it('stops between tasks once aborted, without running the later stages', async () => {
    const stop = new AbortController();
    const stages: string[] = [];
    const localSearchDone: number[] = [];
    const fit = fitModel(data, {
      search: 'quick',
      signal: stop.signal,
      onProgress: ({ stage, done }) => {
        stages.push(stage);
        if (stage === 'local search') localSearchDone.push(done);
        if (stage === 'local search') stop.abort(new Error('another process has taken the run over'));
      },
    });
    await expect(fit).rejects.toBeInstanceOf(FitStopped);
    expect(stages).toContain('global search');
    expect(stages).not.toContain('uncertainty');
    // Stopped inside the stage, between its tasks: the local search never reports a task done.
    expect(localSearchDone).toEqual([0]);
  });
});
