import type { WebClient } from '@slack/web-api';
import { plainText } from '../src/language';
import type { AppContext } from '../src/services/appContext';
import { defaultDataset } from '../src/services/datasets';
import { classifyError, UserFacingError } from '../src/services/errors';
import { ingestCsv } from '../src/services/ingest';
import { failureMessage, type Replies, type SlackQuestion } from './threadReply';
import { isDatabaseUnavailable } from '../src/db/unavailable';
import { problemMessage, type SlackMessage } from './blocks/answer';
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
export async function ingestSharedFiles(app: AppContext, client: WebClient, share: FileShare, replies: Replies): Promise<void> {
  const log = app.log.child({ slackChannel: share.channel, threadTs: share.threadTs, user: share.user });
  const csvFiles = share.files.filter(isCsv);
  if (csvFiles.length === 0) {
    const names = share.files.map((f) => f.name ?? f.id).join(', ');
    await replies.post('notCsv', problemMessage(`I can read weekly data from .csv files only, and ${names} is not one. Export the sheet as CSV (one row per week) and share that.`));
    return;
  }
  for (const file of csvFiles) {
    const step = `file:${file.id}`;
    // The outcome is kept before it is posted: a retry posts it, rather than ingesting again and reporting no new weeks.
    let outcome = replies.state[step] as SlackMessage | undefined;
    if (!outcome) {
      outcome = await ingestOne(app, client, share, file, log);
      await replies.save({ [step]: outcome });
    }
    await replies.post(step, outcome);
  }
}

async function ingestOne(app: AppContext, client: WebClient, share: FileShare, file: SharedFile, log: AppContext['log']): Promise<SlackMessage> {
  const name = file.name ?? file.id;
  try {
    const dataset = datasetNamed(share.text) ?? (await defaultDataset(app.ds)).name;
    const text = await downloadSharedFile(client, file, app.config.slack.apiUrl);
    const result = await ingestCsv(app, { csv: { text }, dataset });
    log.info({ file: file.id, dataset: result.dataset, rowsRead: result.rowsRead, newWeeks: result.newWeeks }, 'CSV shared in Slack ingested');
    return ingestedMessage(name, result);
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw err;
    const verdict = classifyError(err);
    if (verdict.kind === 'userInput' && verdict.error.problems.some((p) => p.row !== undefined)) {
      log.warn({ file: file.id, problems: verdict.error.problems.length }, 'CSV shared in Slack rejected');
      return rejectedMessage(name, verdict.error);
    }
    return failureMessage(err, log);
  }
}

/** Slack serves shared files from its own hosts; the bot token goes nowhere else (the configured API host aside, for tests and proxies). */
export function isSlackFileHost(url: URL, apiUrl: string | null): boolean {
  if (apiUrl) {
    const api = new URL(apiUrl);
    if (url.protocol === api.protocol && url.host === api.host) return true;
  }
  return url.protocol === 'https:' && (url.hostname === 'files.slack.com' || url.hostname.endsWith('.slack.com') || url.hostname.endsWith('.slack-edge.com'));
}

/**
 * The file's bytes as text, fetched with the bot token (Slack's private file URLs need it),
 * and only from Slack's hosts. The body is read as it arrives, decompressed, and the read
 * stops once it passes the size limit: a small gzip never becomes hundreds of MB in memory.
 */
export async function downloadSharedFile(client: WebClient, file: SharedFile, apiUrl: string | null = null, maxBytes = MAX_CSV_BYTES): Promise<string> {
  const described = file.url_private_download ? file : ((await client.files.info({ file: file.id })).file as SharedFile | undefined);
  const url = described?.url_private_download;
  const name = file.name ?? file.id;
  if (!url) throw new UserFacingError('BAD_USER_INPUT', `Slack did not let me download ${name}; share it again, or ask an admin to check the bot has the files:read scope.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserFacingError('BAD_USER_INPUT', `${name} has a download address I cannot read; share it again.`);
  }
  if (!isSlackFileHost(parsed, apiUrl)) {
    throw new UserFacingError('BAD_USER_INPUT', `${name} is not served by Slack (${parsed.host}), so I did not download it: share the file itself in Slack.`);
  }
  if ((described?.size ?? 0) > maxBytes) throw tooLarge(name, maxBytes);
  const res = await fetch(parsed, { headers: { authorization: `Bearer ${client.token ?? ''}` }, redirect: 'manual' });
  // Without access Slack answers with its sign-in page, and status 200.
  if (!res.ok || (res.headers.get('content-type') ?? '').includes('text/html')) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`downloading Slack file ${file.id} from ${parsed.host} failed: HTTP ${res.status} ${res.headers.get('content-type') ?? ''}`);
  }
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(name, maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += (chunk as Uint8Array).byteLength;
    if (total > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooLarge(name, maxBytes);
    }
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(name: string, maxBytes = MAX_CSV_BYTES): UserFacingError {
  return new UserFacingError('BAD_USER_INPUT', `${name} is larger than ${+(maxBytes / 1024 / 1024).toFixed(2)} MB: that is not a weekly export I can read here. Use \`mmm ingest\` for files this big.`);
}
