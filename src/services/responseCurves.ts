/**
 * GraphQL `responseCurve`: a channel's curve on the production model of a dataset or on a named
 * model version. The figures are the curve answer's own (modelAnswers.ts `curveFigures`, which
 * `ask` uses for "show the response curve for TV"), so both read the same.
 */
import type { DataSource } from 'typeorm';
import { Channel } from '../entities';
import { channelKeyOf } from '../language';
import { vocabularyOf } from './computeScenario';
import { badInput } from './errors';
import { curveFigures, type CurveFigures } from './modelAnswers';
import { getModelVersion, loadModel, productionSetup, type ProductionSetup } from './models';

export interface ResponseCurveRequest {
  /** The channel: its key, display name, an alias or a usual synonym, any case. */
  channel: string;
  /** Dataset id or name (its production model); unset = the default dataset. */
  datasetId?: string | null;
  /** A specific model version instead of the production model. */
  modelVersionId?: string | null;
  points: number;
}

const MAX_CURVE_POINTS = 200;

export async function channelResponseCurve(ds: DataSource, request: ResponseCurveRequest): Promise<{ modelVersionId: string; curve: CurveFigures }> {
  const { channel, points } = request;
  if (!Number.isInteger(points) || points < 2 || points > MAX_CURVE_POINTS) throw badInput(`points must be from 2 to ${MAX_CURVE_POINTS}, got ${points}`, [{ path: 'points', message: `expected 2 to ${MAX_CURVE_POINTS}` }]);
  // The production setup brings the model and channels with it; a named version loads them.
  const { version, model, channels } = request.modelVersionId ? await versionSetup(ds, request.modelVersionId) : await productionSetup(ds, request.datasetId ?? null);
  // Named as a typed input names channels anywhere: key, display name, alias or usual synonym, any case.
  const found = channelKeyOf(channel, channels.map(vocabularyOf));
  if (found && 'ambiguous' in found) {
    throw badInput(`"${channel}" could be ${found.ambiguous.join(' or ')}: give the channel key`, [{ path: 'channel', message: 'ambiguous channel' }]);
  }
  const known = found && channels.find((c) => c.key === found.key);
  if (!known || !model.channels.includes(known.key)) {
    throw badInput(`"${channel}" is not a channel of this model (${model.channels.join(', ')})`, [{ path: 'channel', message: 'unknown channel' }]);
  }
  return { modelVersionId: version.id, curve: curveFigures(model, known, points) };
}

async function versionSetup(ds: DataSource, id: string): Promise<Pick<ProductionSetup, 'version' | 'model' | 'channels'>> {
  const version = await getModelVersion(ds, id);
  const channels = await ds.getRepository(Channel).find({ where: { datasetId: version.datasetId }, order: { position: 'ASC', key: 'ASC' } });
  return { version, model: await loadModel(ds, version.id), channels };
}
