import type { AppConfig } from '../src/config';
import type { JobNotice, JobNotifier } from '../src/services/jobKinds/types';
import type { SlackMessage } from './blocks/answer';
import { digestChart, digestMessage } from './blocks/digest';
import { dataQualityMessage, jobFailureMessage, jobNoteMessage } from './blocks/jobs';
import type { DigestContent } from '../src/services/digest';
import type { AppContext } from '../src/services/appContext';
import { postChart, type AnswerChart } from './answerChart';
import { createSlackWebClient } from './slackClient';

/**
 * Jobs' posts through the one Slack module: the notice worded by bot/blocks, sent by the
 * project's Web API client, a digest's chart drawn on the CPU pool when the process has one and
 * shared in its thread by the one upload path. Null when Slack is not configured.
 */
export function slackJobNotifier(config: AppConfig, app: Pick<AppContext, 'cpuPool'> = {}): JobNotifier | null {
  const client = createSlackWebClient(config);
  if (!client) return null;
  return {
    post: async (channel, notice) => {
      const { message, chart } = jobMessage(notice);
      const res = await client.chat.postMessage({ channel, text: message.text, ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}) });
      if (chart && res.ts) await postChart(app, client, channel, res.ts, chart);
      return { ts: res.ts ?? null };
    },
  };
}

export function jobMessage(notice: JobNotice): { message: SlackMessage; chart: AnswerChart | null } {
  switch (notice.kind) {
    case 'dataQuality':
      return { message: dataQualityMessage(notice.datasetName, notice.findings, notice.recentWeeks), chart: null };
    case 'failure':
      return { message: jobFailureMessage(notice.run, notice.datasetName, notice.error), chart: null };
    case 'note':
      return { message: jobNoteMessage(notice.text), chart: null };
    case 'digest': {
      const { content } = notice;
      // A row stored worded (by an earlier version) is posted as it was written.
      const message = content.text !== undefined ? { text: content.text, blocks: (content.blocks ?? []) as SlackMessage['blocks'] } : digestMessage(content as DigestContent);
      return { message, chart: digestChart(content) };
    }
  }
}
