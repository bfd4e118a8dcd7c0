import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { checkDataQuality } from '../../src/data';
import { Dataset, Observation } from '../../src/entities';
import { loadWeeklyData } from '../../src/services/datasets';
import type { RecordedSlackCall } from '../../testkit/helpers/fakeSlack';
import { startBotHarness, type BotHarness } from './botHarness';
import { directMessage, mention } from '../../testkit/bot/slackRequests';
import { datasetNamed } from '../../bot/ingestInThread';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h?.close();
});

// The seeded demo dataset's own file: its header maps to the demo channels.
const demoLines = readFileSync(loadConfig({}).demoCsv, 'utf8').trim().split('\n');
const header = demoLines[0];
const lastRows = demoLines.slice(-2);

function weekAfter(row: string, weeks: number): string {
  const date = new Date(`${row.split(',')[0]}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 7 * weeks);
  return date.toISOString().slice(0, 10);
}

/** The demo file's last two weeks again, then `newWeeks` weeks after them (the last row's values, new dates). */
function csvWithNewWeeks(newWeeks: number): string {
  const last = lastRows[1];
  const added = Array.from({ length: newWeeks }, (_, i) => [weekAfter(last, i + 1), ...last.split(',').slice(1)].join(','));
  return [header, ...lastRows, ...added].join('\n');
}

function repliesIn(channel: string, threadTs: string): RecordedSlackCall[] {
  return h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.body.thread_ts === threadTs);
}

async function waitForReply(channel: string, threadTs: string, timeoutMs = 20_000): Promise<RecordedSlackCall> {
  const started = Date.now();
  while (repliesIn(channel, threadTs).length === 0) {
    if (Date.now() - started > timeoutMs) throw new Error(`no reply in ${channel}/${threadTs} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return repliesIn(channel, threadTs)[0];
}

/** A file shared in a DM, as Slack sends it: a `message` with subtype file_share and the file objects. */
function fileShareDm(text: string, files: object[]): Record<string, unknown> {
  return directMessage(text, { extra: { subtype: 'file_share', files } });
}

async function demoState(): Promise<{ weeks: number; newWeeksSinceTraining: number }> {
  const demo = await h.db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
  return { weeks: await h.db.ds.getRepository(Observation).countBy({ datasetId: demo.id }), newWeeksSinceTraining: demo.newWeeksSinceTraining };
}

/** A question in a thread of its own, answered before the test goes on: proves earlier requests have been handled. */
async function sentinel(): Promise<void> {
  const event = mention('how good is the model?');
  await h.sender.event(event);
  await waitForReply(event.channel as string, event.ts as string);
}

describe('a CSV shared in a DM', () => {
  const file = () => h.slack.shareFile({ name: 'weekly_export.csv', content: csvWithNewWeeks(3) });
  let shared: ReturnType<typeof file>;
  let event: Record<string, unknown>;
  let before: { weeks: number; newWeeksSinceTraining: number };
  let reply: RecordedSlackCall;

  beforeAll(async () => {
    before = await demoState();
    shared = file();
    event = fileShareDm('', [shared]);
    const first = await h.sender.event(event);
    // Slack retries an event it thinks timed out: same event id, X-Slack-Retry-Num set.
    await h.sender.event(event, { eventId: first.eventId, retryNum: 1 });
    reply = await waitForReply('D_MARIA', event.ts as string);
    await sentinel();
  });

  it('downloads the file once, with the bot token', () => {
    expect(h.slack.downloads.filter((d) => d.fileId === shared.id)).toEqual([{ fileId: shared.id, token: 'xoxb-test-token' }]);
  });

  it('ingests it into the default dataset once: two known weeks rewritten, three new', async () => {
    const after = await demoState();
    expect(after.weeks).toBe(before.weeks + 3);
    expect(after.newWeeksSinceTraining).toBe(before.newWeeksSinceTraining + 3);
    expect(repliesIn('D_MARIA', event.ts as string)).toHaveLength(1);
  });

  it('replies in the thread with rows read, weeks written and new, and the data-quality findings', async () => {
    expect(reply.body.text).toContain('Ingested weekly_export.csv into the demo dataset: 5 rows read, 5 weeks written, 3 of them new.');
    const demo = await h.db.ds.getRepository(Dataset).findOneByOrFail({ name: 'demo' });
    const findings = checkDataQuality(await loadWeeklyData(h.db.ds, demo.id)).findings;
    expect(reply.body.text).toContain(findings.length === 0 ? 'Data quality: no findings.' : `Data quality: ${findings.length} finding`);
    expect(reply.body.text).toContain('retrain the model');
  });
});

describe('a CSV shared with a mention naming a dataset', () => {
  it('ingests into that dataset', async () => {
    const shared = h.slack.shareFile({ name: 'emea.csv', content: csvWithNewWeeks(0) });
    const event: Record<string, unknown> = { ...mention('ingest this into emea please', { channel: 'C_DATA' }), files: [shared] };
    await h.sender.event(event);
    const reply = await waitForReply('C_DATA', event.ts as string);
    expect(reply.body.text).toContain('Ingested emea.csv into the emea dataset: 2 rows read, 2 weeks written, 2 of them new.');
    const emea = await h.db.ds.getRepository(Dataset).findOneByOrFail({ name: 'emea' });
    expect(await h.db.ds.getRepository(Observation).countBy({ datasetId: emea.id })).toBe(2);
  });
});

describe('a bad CSV', () => {
  it('is rejected with the problems by row and column, and changes nothing', async () => {
    const before = await demoState();
    const rows = csvWithNewWeeks(2).split('\n');
    // Row 3 as a spreadsheet numbers it (header = row 1): TV spend that is not a number.
    const cells = rows[2].split(',');
    cells[header.split(',').indexOf('tv_spend')] = 'lots';
    rows[2] = cells.join(',');
    const shared = h.slack.shareFile({ name: 'broken.csv', content: rows.join('\n') });
    const event = fileShareDm('', [shared]);
    await h.sender.event(event);
    const reply = await waitForReply('D_MARIA', event.ts as string);
    expect(reply.body.text).toContain('I could not ingest broken.csv, so nothing was changed.');
    expect(reply.body.text).toMatch(/• Row 3, tv_spend: .*lots/);
    expect(await demoState()).toEqual(before);
  });

  it('that is not a CSV gets told what the bot reads', async () => {
    const shared = { ...h.slack.shareFile({ name: 'plan.pdf', content: '%PDF-1.4' }), filetype: 'pdf' };
    const event = fileShareDm('', [shared]);
    await h.sender.event(event);
    const reply = await waitForReply('D_MARIA', event.ts as string);
    expect(reply.body.text).toContain('.csv files only, and plan.pdf is not one');
    expect(h.slack.downloads.filter((d) => d.fileId === shared.id)).toHaveLength(0);
  });
});

describe('a file event without a download URL', () => {
  it('looks the file up with files.info first', async () => {
    const { url_private_download: _url, ...partial } = h.slack.shareFile({ name: 'partial.csv', content: csvWithNewWeeks(0) });
    const event = fileShareDm('', [partial]);
    await h.sender.event(event);
    const reply = await waitForReply('D_MARIA', event.ts as string);
    expect(reply.body.text).toContain('Ingested partial.csv into the demo dataset: 2 rows read');
    expect(h.slack.callsTo('files.info').map((c) => c.body.file)).toContain(partial.id);
  });
});

describe('datasetNamed', () => {
  it.each([
    ['ingest into emea', 'emea'],
    ['<@U_MIXWISE> load this into the EMEA-2025 dataset', 'EMEA-2025'],
    ['dataset "north_america"', 'north_america'],
    ['here is this week’s export', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(datasetNamed(text)).toBe(expected);
  });
});
