/** Scenario errors as plain data, to cross a thread and come back as the same classes. */
import { DeadlineExceeded } from '../deadline';
import { InfeasibleConstraintsError, ScenarioError } from '../scenarios/errors';

export interface SerializedError {
  name: string;
  message: string;
  conflicts?: string[];
  budgetMs?: number;
  reason?: 'time' | 'aborted';
}

export function serializeScenarioError(error: unknown): SerializedError {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    ...(error instanceof InfeasibleConstraintsError ? { conflicts: error.conflicts } : {}),
    ...(error instanceof DeadlineExceeded ? { budgetMs: error.budgetMs, reason: error.reason } : {}),
  };
}

/** The error the caller would have had in place: the same classes, so every front door words it the same. */
export function reviveScenarioError(e: SerializedError): Error {
  if (e.name === 'InfeasibleConstraintsError') return new InfeasibleConstraintsError(e.conflicts ?? []);
  if (e.name === 'ScenarioError') return new ScenarioError(e.message);
  if (e.name === 'DeadlineExceeded') return new DeadlineExceeded(e.budgetMs ?? 0, e.reason ?? 'time');
  return Object.assign(new Error(`scenario worker: ${e.message}`), { name: e.name });
}
