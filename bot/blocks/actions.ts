import type { ActionsBlockElement, KnownBlock } from './common';

/**
 * The buttons under a scenario answer. Each carries the scenario it acts on in `value`;
 * the handlers (bot/listeners.ts) turn a click into a follow-up question in the same
 * thread, so a click and a typed follow-up run the same code path.
 */
export const ACTION = {
  optimizeInstead: 'mixwise_optimize_instead',
  tryAmount: 'mixwise_try_amount',
  saveScenario: 'mixwise_save_scenario',
  askReading: 'mixwise_ask_reading',
} as const;

/** Slack's limits: a button's text is at most 75 characters, an actions block holds at most 25 elements. */
const BUTTON_TEXT_MAX = 75;
const MAX_READINGS = 5;

/**
 * The readings of a question asked back, one button each: a click asks that reading in the
 * thread (bot/listeners.ts), as if typed. The value is the question's words, nothing else.
 */
export function readingButtons(readings: string[], blockId: string): KnownBlock {
  const elements: ActionsBlockElement[] = readings.slice(0, MAX_READINGS).map((reading, i) => ({
    type: 'button',
    action_id: `${ACTION.askReading}_${i}`,
    text: { type: 'plain_text', text: reading.length > BUTTON_TEXT_MAX ? `${reading.slice(0, BUTTON_TEXT_MAX - 1)}…` : reading },
    value: reading.slice(0, 2000),
  }));
  return { type: 'actions', block_id: blockId, elements };
}

/** What a "Try …" button asks: the same scenario with another percentage. */
export interface TryAmountValue {
  scenarioId: string;
  percent: number;
}

export const POINTS_STEP = 10;

/**
 * The follow-up percentages of "Try ±10 points": the scenario's own percentage moved 10 points
 * down and up, kept within (0, 100] (moving more than all of a channel is impossible).
 */
export function neighbouringPercents(percent: number): number[] {
  const magnitude = Math.abs(percent);
  return [magnitude - POINTS_STEP, magnitude + POINTS_STEP].filter((p) => p > 0 && p <= 100);
}

/** The follow-up question a "Try" click asks; the language reads it against the thread's last scenario. */
export function tryAmountQuestion(percent: number): string {
  return `what about ${percent}%?`;
}

export const OPTIMIZE_INSTEAD_QUESTION = 'optimize that';

/** The buttons under a scenario; an optimization is not offered "Optimize instead". */
export function scenarioButtons(scenarioId: string, percentAsked: number | null, optimized = false): KnownBlock {
  const elements: ActionsBlockElement[] = optimized ? [] : [{ type: 'button', action_id: ACTION.optimizeInstead, text: { type: 'plain_text', text: 'Optimize instead' }, value: scenarioId }];
  for (const [i, percent] of (percentAsked === null ? [] : neighbouringPercents(percentAsked)).entries()) {
    const value: TryAmountValue = { scenarioId, percent };
    const step = percent > Math.abs(percentAsked ?? 0) ? `+${POINTS_STEP}` : `−${POINTS_STEP}`;
    elements.push({ type: 'button', action_id: `${ACTION.tryAmount}_${i}`, text: { type: 'plain_text', text: `Try ${percent}% (${step} points)` }, value: JSON.stringify(value) });
  }
  elements.push({ type: 'button', action_id: ACTION.saveScenario, text: { type: 'plain_text', text: 'Save scenario' }, value: scenarioId, style: 'primary' });
  return { type: 'actions', block_id: `scenario_actions_${scenarioId}`, elements };
}

/** What the "Save scenario" button becomes once clicked (bot/listeners.ts edits the message). */
export function savedButton(scenarioId: string | undefined): ActionsBlockElement {
  return { type: 'button', action_id: ACTION.saveScenario, text: { type: 'plain_text', text: 'Saved ✓' }, value: scenarioId };
}

/** A "Try" button's value, checked: it comes back from Slack as a string anyone could forge. */
export function parseTryAmountValue(raw: string | undefined): TryAmountValue | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<TryAmountValue>;
    if (typeof value.scenarioId !== 'string' || typeof value.percent !== 'number' || !Number.isFinite(value.percent) || value.percent <= 0 || value.percent > 100) return null;
    return { scenarioId: value.scenarioId, percent: value.percent };
  } catch {
    return null;
  }
}
