/**
 * What wording an answer needs besides the answer (answerText.ts `AnswerContext`): the channel
 * names marketers use and the answering model's health. `ask` has both in hand from the
 * production setup it read; an answer kept from earlier (a Slack retry) reads them again.
 */
import type { DataSource } from 'typeorm';
import type { Channel, ModelVersion } from '../entities';
import { EMPTY_CONTEXT, type AnswerContext } from './answerText';
import type { AskAnswer } from './modelAnswers';

/** The context of an answer from the channels and model version that answered it. */
export function answerContextOf(setup: { channels: Array<Pick<Channel, 'key' | 'displayName'>>; version: Pick<ModelVersion, 'metrics'> }): AnswerContext {
  const { channels, version } = setup;
  return { channelNames: Object.fromEntries(channels.map((c) => [c.key, c.displayName])), modelMetrics: version.metrics, channelOrder: channels.map((c) => c.key) };
}

/** The same, read for an answer by its model version (a Slack retry, a chart drawn later). */
export async function loadAnswerContext(ds: DataSource, answer: Pick<AskAnswer, 'modelVersionId'>): Promise<AnswerContext> {
  // One round trip for both (every Slack answer reads this): the model's metrics and its dataset's channels in order.
  const rows = (await ds.query(
    `SELECT mv.metrics, c.key, c.display_name AS "displayName"
       FROM model_versions mv LEFT JOIN channels c ON c.dataset_id = mv.dataset_id
      WHERE mv.id = $1 ORDER BY c.position, c.key`,
    [answer.modelVersionId],
  )) as Array<{ metrics: Record<string, number | null> | null; key: string | null; displayName: string | null }>;
  if (rows.length === 0) return EMPTY_CONTEXT;
  const channels = rows.filter((r): r is typeof r & { key: string; displayName: string } => r.key !== null);
  return answerContextOf({ channels, version: { metrics: rows[0].metrics } });
}
