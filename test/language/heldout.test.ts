import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/language';
import { context } from '../../testkit/language/fixture';
import { HELD_OUT, type HeldOutCase } from '../../testkit/language/heldout';

/** Right: the exact intent, or a question back where one is right. A misread: a different scenario run. */
function grade(c: HeldOutCase): 'right' | 'refused' | 'misread' {
  const intent = parseQuestion(c.message, context({ previous: c.previous })).intent;
  const asked = intent.kind === 'clarify' || intent.kind === 'unknown';
  if (c.right === 'ask') return asked ? 'right' : 'misread';
  if (asked) return 'refused';
  return JSON.stringify(intent) === JSON.stringify(c.right) || isDeepEqual(intent, c.right) ? 'right' : 'misread';
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

describe('the held-out corpus (never tuned on)', () => {
  const grades = HELD_OUT.map((c) => ({ message: c.message, grade: grade(c) }));

  it('runs no misread scenario', () => {
    expect(grades.filter((g) => g.grade === 'misread').map((g) => g.message)).toEqual([]);
  });

  it('answers at least 90% right; refusals say what they did not understand', () => {
    const right = grades.filter((g) => g.grade === 'right').length;
    process.stderr.write(`held-out: ${right}/${grades.length} right (${((100 * right) / grades.length).toFixed(1)}%), refused: ${grades.filter((g) => g.grade === 'refused').map((g) => g.message).join(' | ')}\n`);
    expect(right / grades.length).toBeGreaterThanOrEqual(0.9);
    for (const c of HELD_OUT) {
      const intent = parseQuestion(c.message, context({ previous: c.previous })).intent;
      if (intent.kind === 'clarify') expect(intent.question.length).toBeGreaterThan(10);
      if (intent.kind === 'unknown') expect(intent.reason).toMatch(/couldn't tell what to run from ".+"/);
    }
  });
});
