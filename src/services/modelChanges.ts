import { LessThan, Not, type DataSource } from 'typeorm';
import { ModelVersion } from '../entities';
import { compareModels, type ChannelModelChange } from '../mmm';
import { channelsOf } from './datasets';
import { listColumns, loadModel, productionModelVersion } from './models';

/** A model version's channels against the model it replaced (or, for a candidate, would replace). */
export interface ModelComparison {
  modelVersionId: string;
  previousModelVersionId: string;
  channels: Array<ChannelModelChange & { displayName: string }>;
}

/**
 * The model a version replaced: the one promoted most recently before it was (last) promoted. For a
 * version never promoted, today's production model. Null for a dataset's first model.
 */
export async function previousModelOf(ds: DataSource, version: Pick<ModelVersion, 'id' | 'datasetId' | 'promotedAt'>): Promise<ModelVersion | null> {
  if (!version.promotedAt) {
    const production = await productionModelVersion(ds, version.datasetId);
    return production && production.id !== version.id ? production : null;
  }
  return ds.getRepository(ModelVersion).findOne({
    where: { datasetId: version.datasetId, id: Not(version.id), promotedAt: LessThan(version.promotedAt) },
    order: { promotedAt: 'DESC' },
    select: listColumns,
  });
}

/** Each channel's ROAS and marginal ROAS under `next` (whose row the caller has) against `previousId`'s figure and 90% interval. */
export async function compareModelVersions(ds: DataSource, previousId: string, next: Pick<ModelVersion, 'id' | 'datasetId'>): Promise<ModelComparison> {
  const nextId = next.id;
  const [previousModel, nextModel, channels] = await Promise.all([loadModel(ds, previousId), loadModel(ds, nextId), channelsOf(ds, next.datasetId)]);
  const names = new Map(channels.map((c) => [c.key, c.displayName]));
  return {
    modelVersionId: nextId,
    previousModelVersionId: previousId,
    channels: compareModels(previousModel, nextModel).map((c) => ({ ...c, displayName: names.get(c.channel) ?? c.channel })),
  };
}

/** A version against the model it replaced; null when there is none or either has no fitted document. */
export async function compareWithPrevious(ds: DataSource, version: Pick<ModelVersion, 'id' | 'datasetId' | 'promotedAt' | 'status'>): Promise<ModelComparison | null> {
  if (version.status === 'training' || version.status === 'failed') return null;
  const previous = await previousModelOf(ds, version);
  if (!previous || previous.status === 'failed' || previous.status === 'training') return null;
  return compareModelVersions(ds, previous.id, version);
}
