import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES } from '../../bot/ingestInThread';
import { waitUntil } from '../../testkit/helpers/processes';
import { startBotHarness, type BotHarness } from '../bot/botHarness';
import { directMessage } from '../../testkit/bot/slackRequests';

/** Files shared with the bot by someone hostile: a gzip bomb, a file "hosted" elsewhere. */
let h: BotHarness;
let elsewhere: Server;
let elsewhereUrl = '';
const elsewhereSaw: Array<string | undefined> = [];

beforeAll(async () => {
  h = await startBotHarness();
  elsewhere = createServer((req, res) => {
    elsewhereSaw.push(req.headers.authorization);
    res.end('date,kpi\n');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', () => resolve()));
  const address = elsewhere.address();
  elsewhereUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => elsewhere?.close(resolve));
  await h?.close();
});

async function replyTo(files: object[], timeoutMs = 20_000): Promise<string> {
  const event = directMessage('', { channel: `D_HOSTILE_${Math.random().toString(36).slice(2, 8)}`, extra: { subtype: 'file_share', files } });
  await h.sender.event(event);
  const mine = () => h.slack.messages.filter((m) => m.channel === event.channel && m.thread_ts === event.ts);
  await waitUntil(async () => mine().length > 0, timeoutMs, 'the reply');
  return mine()[0].text;
}

describe('files shared with the bot', () => {
  it('a gzip bomb (small on the wire, 60 MB inflated) is refused', async () => {
    const bomb = h.slack.shareFile({ name: 'bomb.csv', content: `date,kpi,tv_spend\n${'0'.repeat(60 * 1024 * 1024)}`, gzip: true });
    expect(bomb.size).toBeLessThan(MAX_CSV_BYTES);
    expect(await replyTo([bomb])).toMatch(/bomb\.csv is larger than 20 MB/);
  });

  it('a file that inflates far past the limit is read only until it passes it: the rest is never even made', { timeout: 90_000 }, async () => {
    const inflatedBytes = 200 * 1024 * 1024;
    const big = h.slack.shareGeneratedFile({ name: 'huge.csv', inflatedBytes });
    expect(await replyTo([big], 60_000)).toMatch(/huge\.csv is larger than 20 MB/);
    const served = h.slack.served.get(big.id)!;
    // The host makes its bytes only as they are read; socket buffers and gzip hold some 20 MB more (about 45 MB made here):
    // reading stopped just past 20 MB, far from the 200 MB an unbounded read would have inflated.
    expect(served.complete).toBe(false);
    expect(served.made).toBeGreaterThan(MAX_CSV_BYTES);
    expect(served.made).toBeLessThan(inflatedBytes / 2);
  });

  it('a file whose URL names another host is not downloaded, and the bot token goes nowhere', async () => {
    const file = { id: 'FEVIL0001', name: 'weekly.csv', filetype: 'csv', size: 100, url_private_download: `${elsewhereUrl}/steal.csv` };
    const text = await replyTo([file]);
    expect(text).toMatch(/weekly\.csv is not served by Slack \(localhost:\d+\)/);
    expect(elsewhereSaw).toEqual([]);
  });
});
