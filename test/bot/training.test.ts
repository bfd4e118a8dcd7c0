import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, JobRun, ModelVersion } from '../../src/entities';
import { formatShare } from '../../src/format';
import type { RecordedSlackCall } from '../../testkit/helpers/fakeSlack';
import { startBotHarness, type BotHarness } from './botHarness';
import { mention } from '../../testkit/bot/slackRequests';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h?.close();
});

async function until<T>(what: string, value: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = value();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('"retrain the model" in a thread', () => {
  const question = mention('retrain the model', { channel: 'C_TRAINING' });
  let acked: { status: number; receivedAt: number };
  let started: RecordedSlackCall;
  let edits: RecordedSlackCall[];
  let before: ModelVersion;

  beforeAll(async () => {
    const demo = await h.db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
    before = await h.db.ds.getRepository(ModelVersion).findOneByOrFail({ datasetId: demo.id, status: 'production' });
    acked = await h.sender.event(question);
    started = await until('the training message', () => h.slack.callsTo('chat.postMessage').find((c) => c.body.thread_ts === question.ts));
    // The last edit is the one that no longer says "Training".
    const editsHere = () => h.slack.callsTo('chat.update').filter((c) => c.body.channel === 'C_TRAINING');
    await until('the training result', () => editsHere().find((c) => !String(c.body.text).startsWith('Training')));
    edits = editsHere();
  }, 120_000);

  it('acknowledges at once and says training started in the thread', () => {
    expect(acked.status).toBe(200);
    expect(started.at).toBeGreaterThanOrEqual(acked.receivedAt);
    expect(started.body.channel).toBe('C_TRAINING');
    expect(String(started.body.text)).toMatch(/^Training a new model on the demo data/);
  });

  it('edits that one message with the stages, then the outcome', () => {
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(edits.map((e) => e.body.ts)).size).toBe(1);
    const progress = edits.slice(0, -1).map((e) => String(e.body.text));
    for (const text of progress) expect(text).toMatch(/Training a new model on the demo data… (Step [123] of 3|.+)/);
    expect(progress.some((t) => /Step \d of 3/.test(t))).toBe(true);
    // Nothing else was posted in the thread: progress and outcome live in the one message.
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === question.ts)).toHaveLength(1);
  });

  // The spacing of progress edits is a matter of time: test/bot/throttle.test.ts proves it on a fake clock.

  it('ends with the outcome the job recorded: a new model version and holdout error before and after', async () => {
    const runs = await h.db.ds.getRepository(JobRun).find({ where: { kind: 'retrain', trigger: 'manual' } });
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run.status).toBe('succeeded');
    expect(run.slackChannel).toBe('C_TRAINING');
    const output = run.output as { promoted: boolean; candidateId: string };
    const candidate = await h.db.ds.getRepository(ModelVersion).findOneByOrFail({ id: output.candidateId });
    expect(candidate.id).not.toBe(before.id);
    expect(candidate.status).toBe(output.promoted ? 'production' : 'candidate');

    const result = String(edits.at(-1)!.body.text);
    expect(result).toContain(output.promoted ? 'New demo model in production' : 'Kept the current demo model');
    expect(result).toContain(`before ${formatShare(before.metrics!.holdoutMape!)}, after ${formatShare(candidate.metrics!.holdoutMape!)}`);
  });
});
