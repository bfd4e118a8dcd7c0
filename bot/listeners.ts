import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../src/services/appContext';
import { ACTION, OPTIMIZE_INSTEAD_QUESTION, parseTryAmountValue, tryAmountQuestion } from './blocks/actions';
import type { KnownBlock } from './blocks/common';
import { eventKey, messageKey } from './eventClaims';
import type { OutboxWork, SlackOutbox } from './outbox';
import { isDatabaseUnavailable } from '../src/db/unavailable';
import { problemMessage } from './blocks/answer';
import { isCsv, type SharedFile } from './ingestInThread';
import { markScenarioSaved } from '../src/services/scenarios';

/**
 * The bot's listeners. Each one stores the question with its claim (bot/outbox.ts) before
 * Slack is acknowledged, so it is answered once and never lost; the outbox then does the work
 * and posts into the question's thread. A database that cannot store it means no
 * acknowledgement: Slack delivers the event again.
 */
export function registerListeners(bolt: App, app: AppContext, outbox: SlackOutbox): void {
  const log = app.log.child({ component: 'slack' });

  bolt.event('app_mention', async ({ event, body }) => {
    if (event.bot_id || event.subtype) return;
    const where = { text: event.text, channel: event.channel, threadTs: event.thread_ts ?? event.ts, user: event.user ?? null };
    // A mention that shares a CSV ("@mixwise ingest into emea" + file) is data, not a question.
    const files = sharedFiles(event);
    const work: OutboxWork = files.some(isCsv) ? { type: 'files', share: { ...where, files } } : { type: 'answer', question: where };
    await outbox.accept(claimKeys(body.event_id, event.channel, event.ts), 'app_mention', work);
  });

  // Direct messages. Channel messages are answered through app_mention only: the bot speaks when spoken to.
  bolt.event('message', async ({ event, body }) => {
    if (event.channel_type !== 'im') return;
    // Edits (message_changed), deletions, bot posts (bot_message, or ours echoed back) and joins all carry a subtype;
    // file_share is a person sharing a file (a CSV to ingest).
    if ((event.subtype !== undefined && event.subtype !== 'file_share') || ('bot_id' in event && event.bot_id)) return;
    const where = { text: ('text' in event ? event.text : undefined) ?? '', channel: event.channel, threadTs: ('thread_ts' in event ? event.thread_ts : undefined) ?? event.ts, user: ('user' in event ? event.user : undefined) ?? null };
    const work: OutboxWork = event.subtype === 'file_share' ? { type: 'files', share: { ...where, files: sharedFiles(event) } } : { type: 'answer', question: where };
    await outbox.accept(claimKeys(body.event_id, event.channel, event.ts), 'message.im', work);
  });

  bolt.command('/mmm', async ({ command, ack }) => {
    const text = command.text.trim() || 'help';
    try {
      // A slash command is not a message, so there is no thread yet: the outbox posts the question first, and it opens one.
      await outbox.accept([`command:${command.trigger_id}`], 'command', { type: 'command', text, channel: command.channel_id, user: command.user_id });
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // Slack does not send a slash command again: say so to the person instead.
      log.warn({ err: { message: (err as Error).message } }, 'database unreachable when a /mmm command came in');
      await ack({ response_type: 'ephemeral', text: 'Sorry, I cannot reach my database right now, so I could not take that question. Please try again in a minute.' });
      return;
    }
    await ack();
  });

  bolt.action<BlockAction<ButtonAction>>(ACTION.optimizeInstead, async (args) => {
    const where = threadOf(args.body);
    if (where) await outbox.accept([actionKey(args.body)], 'action', { type: 'answer', question: { ...where, text: OPTIMIZE_INSTEAD_QUESTION, user: args.body.user.id } });
    await args.ack();
  });

  bolt.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.tryAmount}_`), async (args) => {
    const where = threadOf(args.body);
    const value = parseTryAmountValue(args.action.value);
    if (where && value) await outbox.accept([actionKey(args.body)], 'action', { type: 'answer', question: { ...where, text: tryAmountQuestion(value.percent), user: args.body.user.id } });
    else if (where) {
      log.warn({ value: args.action.value }, 'a "Try" button came back with a value we did not write');
      await outbox.accept([actionKey(args.body)], 'action', { type: 'notice', ...where, message: problemMessage('That button no longer works: ask the question again in words, e.g. "what about 30%?".') });
    }
    await args.ack();
  });

  // A reading of a question asked back: clicked, it is asked in the thread as typed.
  bolt.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.askReading}_`), async (args) => {
    const where = threadOf(args.body);
    const text = args.action.value?.trim();
    if (where && text) await outbox.accept([actionKey(args.body)], 'action', { type: 'answer', question: { ...where, text, user: args.body.user.id } });
    await args.ack();
  });

  // "Save scenario": saved, the button shown as done and the thread told, through the outbox like any answer.
  bolt.action<BlockAction<ButtonAction>>(ACTION.saveScenario, async (args) => {
    const where = threadOf(args.body);
    const scenarioId = args.action.value ?? '';
    if (where) {
      const message = args.body.message as { ts?: string; blocks?: KnownBlock[]; text?: string } | undefined;
      const shown = message?.ts && message.blocks ? { ts: message.ts, text: message.text ?? 'Scenario saved', blocks: message.blocks } : null;
      await outbox.accept([actionKey(args.body)], 'action', { type: 'save', click: { scenarioId, ...where, user: args.body.user.id, message: shown } });
    } else if (await markScenarioSaved(app.ds, scenarioId)) {
      // A click from nowhere we can answer in (Slack always says where): saved, nothing to post.
      log.info({ scenarioId, user: args.body.user.id }, 'scenario saved from Slack');
    }
    await args.ack();
  });

  bolt.error(async (err) => {
    const original = (err as { original?: unknown }).original ?? err;
    // A question that could not be stored is not acknowledged: the non-2xx makes Slack deliver it again.
    if (isDatabaseUnavailable(original)) {
      log.warn({ err: { message: (original as Error).message } }, 'database unreachable when a Slack event came in; answering 500 so Slack retries');
      throw err;
    }
    log.error({ err }, 'a Slack listener failed');
  });
}

/** The keys a message is claimed under: its event, and the message itself (one message can come as two events). */
function claimKeys(eventId: string, channel: string, ts: string): string[] {
  return [eventKey(eventId), messageKey(channel, ts)];
}

/** A button click, once: Slack gives each click its own trigger id. */
function actionKey(body: BlockAction): string {
  const action = body.actions[0] as { action_ts?: string } | undefined;
  return `action:${body.trigger_id ?? `${body.user.id}:${action?.action_ts ?? ''}`}`;
}

/** The files a message event carries (Slack puts them on mentions and file_share messages alike). */
function sharedFiles(event: object): SharedFile[] {
  const files = 'files' in event && Array.isArray(event.files) ? (event.files as unknown[]) : [];
  return files.filter((f): f is SharedFile => typeof f === 'object' && f !== null && typeof (f as { id?: unknown }).id === 'string');
}

/** The thread a button's message sits in: follow-ups from a click go to the same notebook. */
function threadOf(body: BlockAction): { channel: string; threadTs: string } | null {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const threadTs = message?.thread_ts ?? message?.ts ?? body.container?.thread_ts ?? body.container?.message_ts;
  return channel && threadTs ? { channel, threadTs } : null;
}
