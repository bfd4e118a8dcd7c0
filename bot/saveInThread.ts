import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../src/services/appContext';
import { markScenarioSaved } from '../src/services/scenarios';
import { ACTION, savedButton } from './blocks/actions';
import { problemMessage } from './blocks/answer';
import { contextLine, type KnownBlock } from './blocks/common';
import type { Replies } from './threadReply';

/** A "Save scenario" click, as the outbox keeps it: the scenario, the thread, who clicked, and the answer message the button is on. */
export interface SaveClick {
  scenarioId: string;
  channel: string;
  threadTs: string;
  user: string;
  /** The message carrying the button, to show it as done. */
  message: { ts: string; text: string; blocks: KnownBlock[] } | null;
}

/**
 * "Save scenario": mark it saved, show the button as done, and say so in the thread. Each
 * step is recorded in the outbox item, so a retry after a Slack failure does not say it twice.
 */
export async function saveInThread(app: AppContext, client: WebClient, click: SaveClick, replies: Replies): Promise<void> {
  let saved = replies.state.saved as boolean | undefined;
  if (saved === undefined) {
    saved = await markScenarioSaved(app.ds, click.scenarioId);
    await replies.save({ saved });
  }
  if (!saved) {
    await replies.post('answer', problemMessage('I could not find that scenario any more (it may have been undone), so nothing was saved.'));
    return;
  }
  app.log.info({ scenarioId: click.scenarioId, user: click.user }, 'scenario saved from Slack');
  if (click.message && !replies.state.buttonMarked) {
    // An edit says the same however often it is made.
    await client.chat.update({ channel: click.channel, ts: click.message.ts, text: click.message.text, blocks: withSavedButton(click.message.blocks) });
    await replies.save({ buttonMarked: true });
  }
  await replies.post('answer', { text: `Saved by <@${click.user}>.`, blocks: [contextLine(`:white_check_mark: Scenario saved by <@${click.user}>.`)] });
}

function withSavedButton(blocks: KnownBlock[]): KnownBlock[] {
  return blocks.map((block) =>
    block.type !== 'actions'
      ? block
      : {
          ...block,
          elements: block.elements.map((e) => (e.type === 'button' && e.action_id === ACTION.saveScenario ? savedButton(e.value) : e)),
        },
  );
}
