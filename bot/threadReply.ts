import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../src/services/appContext';
import { classifyError } from '../src/services/errors';
import { problemMessage, type SlackMessage } from './blocks/answer';

/**
 * Replying in a thread, shared by every kind of answer the bot gives (questions, training,
 * shared CSV files).
 */

/** A question as the bot receives it, from whichever Slack surface. */
export interface SlackQuestion {
  text: string;
  channel: string;
  /** The thread the answer goes to; its notebook holds the conversation's scenarios. */
  threadTs: string;
  user: string | null;
}

/** Marks the bot's answers, so that after an unclear failure (a timeout) a retry can see whether the post got through. */
export const ANSWER_METADATA_TYPE = 'mixwise_answer';

/** Posts in the question's thread; the message's ts lets it be edited later (training progress). */
export async function post(client: WebClient, question: Pick<SlackQuestion, 'channel' | 'threadTs'>, message: SlackMessage, mark?: { outbox: string; step: string }): Promise<string | undefined> {
  const sent = await client.chat.postMessage({
    channel: question.channel,
    thread_ts: question.threadTs,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(mark ? { metadata: { event_type: ANSWER_METADATA_TYPE, event_payload: mark } } : {}),
  });
  return sent.ts;
}

/**
 * How an answer reaches its thread, one step at a time. Through the outbox (bot/outbox.ts)
 * every step is recorded, so a retry after a failure or a restart posts each message once
 * and does not redo work already done.
 */
export interface Replies {
  /** The question's own key (its outbox item): work started for it (a retrain) is keyed on it, so asking again finds it. */
  readonly key: string;
  /** Aborted when this process hands the question back at shutdown: stop waiting, the next process carries on. */
  readonly signal: AbortSignal;
  /** Posts `message` for `step` unless that step was already posted; its ts. */
  post(step: string, message: SlackMessage): Promise<string | undefined>;
  /** What earlier attempts recorded. */
  readonly state: Record<string, unknown>;
  /** Records more of it (kept across retries). */
  save(patch: Record<string, unknown>): Promise<void>;
}

/** What to tell the person when answering failed. Mistakes in the question are theirs to fix; ours get a reference. */
export function failureMessage(err: unknown, log: AppContext['log']): SlackMessage {
  const verdict = classifyError(err);
  if (verdict.kind === 'timeBudget') {
    log.warn({ budgetMs: verdict.budgetMs }, 'a Slack question ran out of its time budget');
    return problemMessage(verdict.message);
  }
  if (verdict.kind === 'userInput') {
    const { error } = verdict;
    log.warn({ err: { name: (err as Error).name, message: error.message, problems: error.problems.length > 0 ? error.problems : undefined } }, 'question could not be answered');
    return problemMessage(error.message);
  }
  const reference = randomUUID().slice(0, 8);
  log.error({ err, reference }, 'answering a Slack question failed');
  return problemMessage(`Sorry, something went wrong on my side while working that out. Nothing was changed. (Reference ${reference} for the team.)`);
}
