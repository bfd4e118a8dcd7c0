import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { Scenario } from '../src/entities';
import type { AppContext } from '../src/services/appContext';
import { ACTION, OPTIMIZE_INSTEAD_QUESTION, parseTryAmountValue, savedButton, tryAmountQuestion } from './blocks/actions';
import { contextLine, type KnownBlock } from './blocks/common';
import { answerInThread } from './answerInThread';
import { post } from './threadReply';
import { claimSlackEvent, eventKey, messageKey } from './eventClaims';
import { problemMessage } from './blocks/answer';
import { ingestSharedFiles, isCsv, type SharedFile } from './ingestInThread';
import { isUuid } from '../src/services/ids';

/**
 * The bot's listeners. Each one acknowledges at once (Slack wants an answer within 3 s;
 * events are acknowledged by Bolt before listeners run), claims the request so it is
 * answered once, then does the work and posts into the question's thread.
 */
export function registerListeners(bolt: App, app: AppContext): void {
  const log = app.log.child({ component: 'slack' });

  bolt.event('app_mention', async ({ event, body, client }) => {
    if (event.bot_id || event.subtype) return;
    if (!(await claimOnce(app, body.event_id, event.channel, event.ts, 'app_mention'))) return;
    const where = { text: event.text, channel: event.channel, threadTs: event.thread_ts ?? event.ts, user: event.user ?? null };
    // A mention that shares a CSV ("@mixwise ingest into emea" + file) is data, not a question.
    const files = sharedFiles(event);
    if (files.some(isCsv)) await ingestSharedFiles(app, client, { ...where, files });
    else await answerInThread(app, client, where);
  });

  // Direct messages. Channel messages are answered through app_mention only: the bot speaks when spoken to.
  bolt.event('message', async ({ event, body, client }) => {
    if (event.channel_type !== 'im') return;
    // Edits (message_changed), deletions, bot posts (bot_message, or ours echoed back) and joins all carry a subtype;
    // file_share is a person sharing a file (a CSV to ingest).
    if ((event.subtype !== undefined && event.subtype !== 'file_share') || ('bot_id' in event && event.bot_id)) return;
    if (!(await claimOnce(app, body.event_id, event.channel, event.ts, 'message.im'))) return;
    const where = { text: ('text' in event ? event.text : undefined) ?? '', channel: event.channel, threadTs: ('thread_ts' in event ? event.thread_ts : undefined) ?? event.ts, user: ('user' in event ? event.user : undefined) ?? null };
    if (event.subtype === 'file_share') await ingestSharedFiles(app, client, { ...where, files: sharedFiles(event) });
    else await answerInThread(app, client, where);
  });

  bolt.command('/mmm', async ({ command, ack, client }) => {
    await ack();
    const text = command.text.trim() || 'help';
    // A slash command is not a message, so there is no thread yet: the question itself opens one.
    const opened = await client.chat.postMessage({ channel: command.channel_id, text: `<@${command.user_id}> asked: ${text}`, unfurl_links: false });
    if (!opened.ts) throw new Error(`chat.postMessage returned no ts for the /mmm question in ${command.channel_id}`);
    await answerInThread(app, client, { text, channel: command.channel_id, threadTs: opened.ts, user: command.user_id });
  });

  bolt.action<BlockAction<ButtonAction>>(ACTION.optimizeInstead, async (args) => {
    await args.ack();
    const where = threadOf(args.body);
    if (where) await answerInThread(app, args.client, { ...where, text: OPTIMIZE_INSTEAD_QUESTION, user: args.body.user.id });
  });

  bolt.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTION.tryAmount}_`), async (args) => {
    await args.ack();
    const where = threadOf(args.body);
    const value = parseTryAmountValue(args.action.value);
    if (!where) return;
    if (!value) {
      log.warn({ value: args.action.value }, 'a "Try" button came back with a value we did not write');
      await post(args.client, where, problemMessage('That button no longer works: ask the question again in words, e.g. "what about 30%?".'));
      return;
    }
    await answerInThread(app, args.client, { ...where, text: tryAmountQuestion(value.percent), user: args.body.user.id });
  });

  bolt.action<BlockAction<ButtonAction>>(ACTION.saveScenario, async (args) => {
    await args.ack();
    await saveScenario(app, args);
  });

  bolt.error(async (err) => {
    log.error({ err }, 'a Slack listener failed');
  });
}

/** The files a message event carries (Slack puts them on mentions and file_share messages alike). */
function sharedFiles(event: object): SharedFile[] {
  const files = 'files' in event && Array.isArray(event.files) ? (event.files as unknown[]) : [];
  return files.filter((f): f is SharedFile => typeof f === 'object' && f !== null && typeof (f as { id?: unknown }).id === 'string');
}

async function claimOnce(app: AppContext, eventId: string, channel: string, ts: string, kind: string): Promise<boolean> {
  return (await claimSlackEvent(app.ds, eventKey(eventId), kind)) && (await claimSlackEvent(app.ds, messageKey(channel, ts), kind));
}

/** The thread a button's message sits in: follow-ups from a click go to the same notebook. */
function threadOf(body: BlockAction): { channel: string; threadTs: string } | null {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const threadTs = message?.thread_ts ?? message?.ts ?? body.container?.thread_ts ?? body.container?.message_ts;
  return channel && threadTs ? { channel, threadTs } : null;
}

/** "Save scenario": mark it saved (GraphQL `scenarios` lists saved ones) and show the button as done. */
async function saveScenario(app: AppContext, args: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> {
  const where = threadOf(args.body);
  const scenarioId = args.action.value ?? '';
  const updated = isUuid(scenarioId) ? await app.ds.getRepository(Scenario).update({ id: scenarioId }, { saved: true }) : { affected: 0 };
  if (!updated.affected) {
    if (where) await post(args.client, where, problemMessage('I could not find that scenario any more (it may have been undone), so nothing was saved.'));
    return;
  }
  app.log.info({ scenarioId, user: args.body.user.id }, 'scenario saved from Slack');
  const message = args.body.message as { ts?: string; blocks?: KnownBlock[]; text?: string } | undefined;
  if (where && message?.ts && message.blocks) await markSavedButton(args.client, where.channel, message.ts, message.blocks, message.text ?? 'Scenario saved');
  if (where) await post(args.client, where, { text: `Saved by <@${args.body.user.id}>.`, blocks: [contextLine(`:white_check_mark: Scenario saved by <@${args.body.user.id}>.`)] });
}

async function markSavedButton(client: WebClient, channel: string, ts: string, blocks: KnownBlock[], text: string): Promise<void> {
  const updated = blocks.map((block) =>
    block.type !== 'actions'
      ? block
      : {
          ...block,
          elements: block.elements.map((e) => (e.type === 'button' && e.action_id === ACTION.saveScenario ? savedButton(e.value) : e)),
        },
  );
  await client.chat.update({ channel, ts, text, blocks: updated });
}
