import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { ScenarioError } from '../src/scenarios/errors';
import type { AppContext } from '../src/services/appContext';
import { UserFacingError } from '../src/services/errors';
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

/** Posts in the question's thread; the message's ts lets it be edited later (training progress). */
export async function post(client: WebClient, question: Pick<SlackQuestion, 'channel' | 'threadTs'>, message: SlackMessage): Promise<string | undefined> {
  const sent = await client.chat.postMessage({ channel: question.channel, thread_ts: question.threadTs, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  return sent.ts;
}

/** What to tell the person when answering failed. Mistakes in the question are theirs to fix; ours get a reference. */
export function failureMessage(err: unknown, log: AppContext['log']): SlackMessage {
  if (err instanceof UserFacingError || err instanceof ScenarioError) {
    log.warn({ err: { name: err.name, message: err.message, problems: err instanceof UserFacingError ? err.problems : undefined } }, 'question could not be answered');
    return problemMessage(err.message);
  }
  const reference = randomUUID().slice(0, 8);
  log.error({ err, reference }, 'answering a Slack question failed');
  return problemMessage(`Sorry, something went wrong on my side while working that out. Nothing was changed. (Reference ${reference} for the team.)`);
}
