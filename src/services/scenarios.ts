import type { DataSource } from 'typeorm';
import { Scenario } from '../entities';
import { isUuid } from './ids';

/** Marks a scenario saved (GraphQL `scenarios` lists saved ones). False when there is no such scenario; saving twice is the same as once. */
export async function markScenarioSaved(ds: DataSource, scenarioId: string): Promise<boolean> {
  if (!isUuid(scenarioId)) return false;
  const updated = await ds.getRepository(Scenario).update({ id: scenarioId }, { saved: true });
  return (updated.affected ?? 0) > 0;
}
