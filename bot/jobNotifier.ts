import type { AppConfig } from '../src/config';
import { createSlackWebClient } from './slackClient';

/** A message as Slack takes it: plain text (notifications, screen readers) and optional Block Kit. */
export interface SlackMessage {
  text: string;
  blocks?: object[];
  /** A chart shared in the message's thread right after it. */
  image?: { png: Buffer; filename: string; title: string; altText: string };
}

/** Where jobs post: one method, so tests and a Slack-less server can swap it. */
export interface SlackPoster {
  /** Posts to a channel; resolves with the message timestamp. */
  post(channel: string, message: SlackMessage): Promise<{ ts: string | null }>;
}

/** A poster over the project's Slack Web API client, or null when Slack is not configured. */
export function slackPosterFor(config: AppConfig): SlackPoster | null {
  const client = createSlackWebClient(config);
  if (!client) return null;
  return {
    post: async (channel, message) => {
      const res = await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}) });
      const image = message.image;
      if (image && res.ts) {
        // The current upload API (getUploadURLExternal → bytes → completeUploadExternal), into the thread.
        await client.filesUploadV2({ channel_id: channel, thread_ts: res.ts, file: image.png, filename: image.filename, title: image.title, alt_text: image.altText });
      }
      return { ts: res.ts ?? null };
    },
  };
}
