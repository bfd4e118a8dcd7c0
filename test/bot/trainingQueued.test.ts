import { describe, expect, it } from 'vitest';
import { trainingQueuedMessage } from '../../bot/blocks/training';

describe('"retrain the model" while it waits on the job queue', () => {
  it('says where it stands, in the text and in the blocks', () => {
    expect(trainingQueuedMessage('demo', 1).text).toBe('Training a new model on the demo data… Waiting for a free worker: next in the queue.');
    expect(trainingQueuedMessage('demo', 2).text).toBe('Training a new model on the demo data… Waiting for a free worker: number 2 in the queue (1 training job goes first).');
    const third = trainingQueuedMessage('A&B <EU>', 3);
    expect(third.text).toContain('number 3 in the queue (2 training jobs go first)');
    // The dataset's name is escaped for mrkdwn; the progress edits that follow start with the same words.
    expect(JSON.stringify(third.blocks)).toContain('A&amp;B &lt;EU&gt;');
    expect(third.text).toMatch(/^Training a new model on the A&B <EU> data…/);
  });
});
