/**
 * What wording an answer needs besides the answer (answerText.ts `AnswerContext`): the channel
 * names marketers use and the answering model's health. `ask` has both in hand from the
 * production setup it read; an answer kept from earlier (a Slack retry) reads them again.
 */
import type { DataSource } from 'typeorm';
import { Channel, ModelVersion } from '../entities';
import { EMPTY_CONTEXT, type AnswerContext } from './answerText';
import type { AskAnswer } from './modelAnswers';
import type { ProductionSetup } from './models';

/** The context of an answer from the channels and model version that answered it. */
export function answerContextOf(setup: Pick<ProductionSetup, 'channels' | 'version'>): AnswerContext {
  const { channels, version } = setup;
  return { channelNames: Object.fromEntries(channels.map((c) => [c.key, c.displayName])), modelMetrics: version.metrics, channelOrder: channels.map((c) => c.key) };
}

/** The same, read for an answer by its model version (two small queries). */
export async function loadAnswerContext(ds: DataSource, answer: Pick<AskAnswer, 'modelVersionId'>): Promise<AnswerContext> {
  const version = await ds.getRepository(ModelVersion).findOne({ where: { id: answer.modelVersionId }, select: { id: true, datasetId: true, metrics: true } });
  if (!version) return EMPTY_CONTEXT;
  const channels = await ds.getRepository(Channel).find({ where: { datasetId: version.datasetId }, select: { key: true, displayName: true, position: true }, order: { position: 'ASC', key: 'ASC' } });
  return answerContextOf({ channels, version });
}
