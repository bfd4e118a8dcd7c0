import type { WebClient } from '@slack/web-api';
import { plainText } from '../src/language';
import type { AppContext } from '../src/services/appContext';
import { defaultDataset } from '../src/services/datasets';
import { toUserFacing, UserFacingError } from '../src/services/errors';
import { ingestCsv } from '../src/services/ingest';
import { failureMessage, post, type SlackQuestion } from './threadReply';
import { problemMessage } from './blocks/answer';
import { ingestedMessage, rejectedMessage } from './blocks/ingest';

/** The fields of a Slack file object the bot reads (message events carry them; `files.info` fills them in). */
export interface SharedFile {
  id: string;
  name?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
}

/** A message that shared files with the bot, and the thread replies go to. */
export interface FileShare extends SlackQuestion {
  files: SharedFile[];
}

/** Ten years of weekly rows with fifty channels is about 300 kB; anything far beyond that is not a weekly export. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export function isCsv(file: SharedFile): boolean {
  return file.filetype === 'csv' || /\.csv$/i.test(file.name ?? '');
}

const NAME = String.raw`["'“‘]?([A-Za-z0-9][\w.-]*)["'”’]?`;
const DATASET_NAMED = [new RegExp(String.raw`\bdataset\s+(?:named\s+|called\s+)?${NAME}`, 'i'), new RegExp(String.raw`\binto\s+(?:the\s+)?${NAME}(?:\s+dataset)?`, 'i')];

/** The dataset a message names ("ingest into emea", "dataset emea", "into the emea dataset"), if any. */
export function datasetNamed(text: string): string | null {
  const plain = plainText(text);
  for (const pattern of DATASET_NAMED) {
    const name = pattern.exec(plain)?.[1];
    if (name && name.toLowerCase() !== 'dataset') return name;
  }
  return null;
}

/**
 * CSV files shared with the bot (in a DM, or with a mention) are ingested into the dataset
 * the message names, or the default one, and the outcome is answered in the thread. A
 * rejected file changes nothing (ingestCsv runs in one transaction) and the reply lists
 * its problems by row and column.
 */
export async function ingestSharedFiles(app: AppContext, client: WebClient, share: FileShare): Promise<void> {
  const log = app.log.child({ slackChannel: share.channel, threadTs: share.threadTs, user: share.user });
  const csvFiles = share.files.filter(isCsv);
  if (csvFiles.length === 0) {
    const names = share.files.map((f) => f.name ?? f.id).join(', ');
    await post(client, share, problemMessage(`I can read weekly data from .csv files only, and ${names} is not one. Export the sheet as CSV (one row per week) and share that.`));
    return;
  }
  for (const file of csvFiles) {
    const name = file.name ?? file.id;
    try {
      const dataset = datasetNamed(share.text) ?? (await defaultDataset(app.ds)).name;
      const text = await downloadSharedFile(client, file);
      const result = await ingestCsv(app, { csv: { text }, dataset });
      log.info({ file: file.id, dataset: result.dataset, rowsRead: result.rowsRead, newWeeks: result.newWeeks }, 'CSV shared in Slack ingested');
      await post(client, share, ingestedMessage(name, result));
    } catch (err) {
      const userFacing = toUserFacing(err);
      if (userFacing && userFacing.problems.some((p) => p.row !== undefined)) {
        log.warn({ file: file.id, problems: userFacing.problems.length }, 'CSV shared in Slack rejected');
        await post(client, share, rejectedMessage(name, userFacing));
      } else {
        await post(client, share, failureMessage(userFacing ?? err, log));
      }
    }
  }
}

/** The file's bytes as text, fetched with the bot token (Slack's private file URLs need it). */
export async function downloadSharedFile(client: WebClient, file: SharedFile): Promise<string> {
  const described = file.url_private_download ? file : ((await client.files.info({ file: file.id })).file as SharedFile | undefined);
  const url = described?.url_private_download;
  const name = file.name ?? file.id;
  if (!url) throw new UserFacingError('BAD_USER_INPUT', `Slack did not let me download ${name}; share it again, or ask an admin to check the bot has the files:read scope.`);
  if ((described?.size ?? 0) > MAX_CSV_BYTES) throw tooLarge(name);
  const res = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ''}` } });
  // Without access Slack answers with its sign-in page, and status 200.
  if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) {
    throw new Error(`downloading Slack file ${file.id} from ${url} failed: HTTP ${res.status} ${res.headers.get('content-type') ?? ''}`);
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_CSV_BYTES) throw tooLarge(name);
  return bytes.toString('utf8');
}

function tooLarge(name: string): UserFacingError {
  return new UserFacingError('BAD_USER_INPUT', `${name} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: that is not a weekly export I can read here. Use \`mmm ingest\` for files this big.`);
}
