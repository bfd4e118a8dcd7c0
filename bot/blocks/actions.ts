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
  askOption: 'mixwise_ask_option',
} as const;

/** Slack keeps at most this many characters of a button's value, and this many elements in one actions block. */
const BUTTON_VALUE_LIMIT = 2000;
const ACTIONS_LIMIT = 25;

/**
 * The choices of a question asked back, as buttons: each asks its follow-up question in the
 * thread, as if typed (so a click and typing the choice run the same code path).
 */
export function optionButtons(options: string[], followUps: string[]): KnownBlock | null {
  const elements: ActionsBlockElement[] = options
    .map((label, i) => ({ label, question: followUps[i] }))
    .filter((o) => typeof o.question === 'string' && o.question.length > 0 && o.question.length <= BUTTON_VALUE_LIMIT)
    .slice(0, ACTIONS_LIMIT)
    .map((o, i) => ({ type: 'button', action_id: `${ACTION.askOption}_${i}`, text: { type: 'plain_text', text: o.label.slice(0, 75) }, value: o.question }));
  return elements.length ? { type: 'actions', block_id: 'clarify_options', elements } : null;
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
