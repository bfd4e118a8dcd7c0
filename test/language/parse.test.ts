import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/language';
import { context } from '../../testkit/language/fixture';
import { PHRASINGS } from '../../testkit/language/phrasings';

describe('parseQuestion: the phrasing table', () => {
  it('has at least 200 phrasings', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(200);
  });

  it.each(PHRASINGS.map((p, i) => [i, p.message, p] as const))('#%i %j', (_i, message, row) => {
    const result = parseQuestion(message, context({ previous: row.previous, timezone: row.timezone }));
    expect(result.intent).toMatchObject(row.expect);
    if (row.restatement instanceof RegExp) expect(result.restatement).toMatch(row.restatement);
    else if (row.restatement !== undefined) expect(result.restatement).toBe(row.restatement);
    expect(result.restatement).not.toMatch(/\n/);
    expect(result.restatement.length).toBeGreaterThan(0);
  });
});
