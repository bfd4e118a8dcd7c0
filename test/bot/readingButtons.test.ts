import { describe, expect, it } from 'vitest';
import { ACTION, readingButtons } from '../../bot/blocks/actions';

describe('clarify readings as buttons', () => {
  it('gives each reading a button whose value is the question it asks', () => {
    const block = readingButtons(['cut TV by 30%', 'cut TV by $30 a week'], 'readings_nb');
    expect(block).toEqual({
      type: 'actions',
      block_id: 'readings_nb',
      elements: [
        { type: 'button', action_id: `${ACTION.askReading}_0`, text: { type: 'plain_text', text: 'cut TV by 30%' }, value: 'cut TV by 30%' },
        { type: 'button', action_id: `${ACTION.askReading}_1`, text: { type: 'plain_text', text: 'cut TV by $30 a week' }, value: 'cut TV by $30 a week' },
      ],
    });
  });

  it('keeps within Slack limits: button text at most 75 characters, at most 5 buttons', () => {
    const long = 'x'.repeat(100);
    const block = readingButtons([long, 'a', 'b', 'c', 'd', 'e'], 'r') as { elements: Array<{ text: { text: string }; value: string }> };
    expect(block.elements).toHaveLength(5);
    expect(block.elements[0].text.text).toHaveLength(75);
    expect(block.elements[0].value).toBe(long);
  });
});
