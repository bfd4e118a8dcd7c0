import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_EVENTS_PATH } from '../../bot/slackApp';
import { createDataSource } from '../../ormconfig';
import type { AppConfig } from '../../src/config';
import type { RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startFaultProxy, type FaultProxy } from '../../testkit/helpers/faultProxy';
import { startFakeSlack, type FakeSlack, type PostedMessage } from '../../testkit/helpers/fakeSlack';
import { startTestServer } from '../helpers/server';
import { createApiKey } from '../../src/services/apiKeys';
import { graphqlRequest } from '../helpers/http';
import { freePort, runNode, waitUntil, type Child } from '../../testkit/helpers/processes';
import { SIGNING_SECRET, testSlackConfig } from '../bot/botHarness';
import { mention, slackSender, type SlackSender } from '../../testkit/bot/slackRequests';

/**
 * A bad day in production for the bot: Slack failing, rate-limiting and stalling, the
 * database going away, a shutdown mid-answer. Every acknowledged question is answered
 * exactly once in its thread, or given up with one apology; none is lost.
 *
 * The server's database goes through a fault proxy (testkit/helpers/faultProxy.ts), so the
 * test can cut it; Slack is the fake on loopback with injected failures.
 */
let db: TestDatabase;
let slack: FakeSlack;
let proxy: FaultProxy;

beforeAll(async () => {
  db = await createTestDatabase();
  slack = await startFakeSlack();
  proxy = await startFaultProxy(db.url);
  // Seed once (demo data, a trained model); the servers below start on the seeded database.
  const seeding = await startTestServer(db, {}, { seed: true });
  await seeding.close();
});
afterAll(async () => {
  await proxy?.close();
  await slack?.close();
  await db?.drop();
});

interface Bot {
  server: RunningServer;
  sender: SlackSender;
  close(): Promise<void>;
}

/** A server whose pool goes through the proxy, with test-short Slack retries. */
async function startBot(slackOverrides: Partial<AppConfig['slack']> = {}, config: Partial<AppConfig> = {}): Promise<Bot> {
  // Connecting may take a while on a loaded machine; a cut proxy refuses at once anyway.
  const ds = createDataSource(proxy.url, { poolSize: 5, connectTimeoutMs: 3_000 });
  await ds.initialize();
  const server = await startTestServer({ url: proxy.url, ds, drop: async () => undefined }, { shutdownGraceMs: 2_000, ...config, slack: testSlackConfig(slack.apiUrl, slackOverrides) }, { seed: false });
  return {
    server,
    sender: slackSender(`${server.url}${SLACK_EVENTS_PATH}`, SIGNING_SECRET),
    close: async () => {
      await server.close();
      if (ds.isInitialized) await ds.destroy().catch(() => undefined);
    },
  };
}

/** Runs `body` against a fresh bot; whatever it injected (a Slack outage, a cut database) is undone afterwards. */
async function withBot(body: (bot: Bot) => Promise<void>, slackOverrides: Partial<AppConfig['slack']> = {}, config: Partial<AppConfig> = {}): Promise<void> {
  const bot = await startBot(slackOverrides, config);
  try {
    await body(bot);
  } finally {
    slack.recover();
    proxy.restore();
    await bot.close();
  }
}

let channelSeq = 0;
const newChannel = () => `C_FAULT_${++channelSeq}`;

/** The bot's messages in one thread. */
const inThread = (channel: string, threadTs: string): PostedMessage[] => slack.messages.filter((m) => m.channel === channel && m.thread_ts === threadTs);
const answersIn = (channel: string, threadTs: string) => inThread(channel, threadTs).filter((m) => m.metadata?.event_payload?.step === 'answer');

async function ask(bot: Bot, text: string): Promise<{ channel: string; ts: string; status: number; eventId: string; event: Record<string, unknown> }> {
  const channel = newChannel();
  const event = mention(text, { channel });
  const sent = await bot.sender.event(event);
  return { channel, ts: event.ts as string, status: sent.status, eventId: sent.eventId, event };
}

async function answeredOnce(channel: string, ts: string, timeoutMs = 20_000): Promise<PostedMessage> {
  await waitUntil(async () => answersIn(channel, ts).length > 0, timeoutMs, `an answer in ${channel}`);
  // Give a duplicate the time to show up before counting.
  await new Promise((r) => setTimeout(r, 300));
  expect(answersIn(channel, ts)).toHaveLength(1);
  return answersIn(channel, ts)[0];
}

describe('Slack failing', () => {
  it('an outage of 500s for a while: every question acknowledged is answered once after it ends', async () => {
    await withBot(async (bot) => {
    slack.outage('chat.postMessage', { status: 500 });
    const asked = [];
    for (let i = 0; i < 3; i++) asked.push(await ask(bot, 'how good is the model?'));
    expect(asked.map((a) => a.status)).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(asked.every((a) => answersIn(a.channel, a.ts).length === 0)).toBe(true);
    const recovered = Date.now();
    slack.recover();
    for (const a of asked) await answeredOnce(a.channel, a.ts);
    // Retries are capped at 400 ms apart here (15 s by default): the answers follow the recovery closely.
    expect(Date.now() - recovered).toBeLessThan(10_000);
    });
  });

  it('three 429s: the retry waits for Retry-After, then answers once', async () => {
    await withBot(async (bot) => {
    slack.failNext('chat.postMessage', 3, { retryAfterSeconds: 1 });
    const a = await ask(bot, 'which channel is most saturated?');
    expect(a.status).toBe(200);
    await answeredOnce(a.channel, a.ts);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === a.channel);
    expect(posts).toHaveLength(4);
    for (let i = 1; i < posts.length; i++) expect(posts[i].at - posts[i - 1].at).toBeGreaterThanOrEqual(950);
    });
  });

  it('ok:false answers are retried, not taken for an answer', async () => {
    await withBot(async (bot) => {
    slack.failNext('chat.postMessage', 2, { error: 'internal_error' });
    const a = await ask(bot, 'how good is the model?');
    await answeredOnce(a.channel, a.ts);
    });
  });

  it('a stalled call times out; when the post had landed, the retry finds it and does not post again', async () => {
    await withBot(async (bot) => {
    // The message is posted, then Slack's reply stalls past the client's timeout: the reply is lost, not the post.
    slack.failNext('chat.postMessage', 1, { delayMs: 2_000, deliver: true });
    const a = await ask(bot, 'how good is the model?');
    const answer = await answeredOnce(a.channel, a.ts);
    expect(answer.metadata?.event_type).toBe('mixwise_answer');
    expect(slack.callsTo('conversations.replies').some((c) => c.body.channel === a.channel)).toBe(true);
    }, { requestTimeoutMs: 300 });
  });

  it('twenty stalled calls do not stop the bot: each times out and is answered once when Slack answers again', async () => {
    await withBot(async (bot) => {
    slack.outage('chat.postMessage', { delayMs: 5_000 });
    const asked = await Promise.all(Array.from({ length: 20 }, () => ask(bot, 'how good is the model?')));
    expect(asked.every((a) => a.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 800));
    slack.recover();
    for (const a of asked) await answeredOnce(a.channel, a.ts, 30_000);
    }, { requestTimeoutMs: 200 });
  });

  it('given up after its time: one apology in the thread, no answer', async () => {
    await withBot(async (bot) => {
    slack.outage('chat.postMessage', { status: 503 });
    const a = await ask(bot, 'how good is the model?');
    await new Promise((r) => setTimeout(r, 1_500));
    slack.recover();
    await waitUntil(async () => inThread(a.channel, a.ts).length > 0, 10_000, 'the apology');
    await new Promise((r) => setTimeout(r, 400));
    const thread = inThread(a.channel, a.ts);
    expect(thread).toHaveLength(1);
    expect(thread[0].text).toMatch(/Sorry, I could not get my answer to you/);
    const [row] = (await db.ds.query(`SELECT status FROM slack_outbox WHERE event_key = $1`, [`event:${a.eventId}`])) as Array<{ status: string }>;
    expect(row.status).toBe('given_up');
    }, { outbox: { pollMs: 100, leaseMs: 2_000, retryBaseMs: 50, retryMaxMs: 200, giveUpMs: 1_000, concurrency: 8 } });
  });
});

describe('the database going away', () => {
  it('down when the event comes: no acknowledgement (500), and Slack’s redelivery is answered once', async () => {
    await withBot(async (bot) => {
    proxy.cut();
    const channel = newChannel();
    const event = mention('how good is the model?', { channel });
    const first = await bot.sender.event(event);
    expect(first.status).toBeGreaterThanOrEqual(500);
    proxy.restore();
    const again = await bot.sender.event(event, { eventId: first.eventId, retryNum: 1 });
    expect(again.status).toBe(200);
    await answeredOnce(channel, event.ts as string);
    // A third delivery (Slack retries again) is claimed already: still one answer.
    await bot.sender.event(event, { eventId: first.eventId, retryNum: 2 });
    await new Promise((r) => setTimeout(r, 500));
    expect(answersIn(channel, event.ts as string)).toHaveLength(1);
    });
  });

  it('down when a /mmm command comes: the person is told at once (Slack never sends a command again)', async () => {
    await withBot(async (bot) => {
    proxy.cut();
    const sent = await bot.sender.send(
      new URLSearchParams({ token: 'unused', team_id: 'T1', command: '/mmm', text: 'how good is the model?', channel_id: newChannel(), user_id: 'U_MARIA', trigger_id: 'trig.db-down', response_url: 'http://127.0.0.1:9/unused' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/cannot reach my database/) });
    });
  });

  it('restarted mid-answer: the answer comes once the database is back', async () => {
    await withBot(async (bot) => {
    // The post stalls a little, and the database goes away while it does.
    slack.failNext('chat.postMessage', 1, { delayMs: 400 });
    const a = await ask(bot, 'which channel is most saturated?');
    expect(a.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    proxy.cut();
    await new Promise((r) => setTimeout(r, 1_500));
    proxy.restore();
    await answeredOnce(a.channel, a.ts, 30_000);
    });
  });

  it('a GraphQL request while it is down is a 503 with a code, before and after authentication', async () => {
    await withBot(async (bot) => {
    proxy.cut();
    const res = await fetch(`${bot.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer mxw_whatever_key_0123456789' }, body: JSON.stringify({ query: '{ datasets { name } }' }) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|node_modules|stack/);
    const health = await fetch(`${bot.server.url}/healthz`);
    expect(health.status).toBe(503);
    });
  });
});

describe('shutdown mid-answer', () => {
  it('of five questions in flight, each is answered exactly once: by this process within the grace period, or by the next one', async () => {
    const first = await startBot({ requestTimeoutMs: 1_000 }, { shutdownGraceMs: 300 });
    // Two answers get out fast; three stall in Slack past the grace period.
    slack.failNext('chat.postMessage', 3, { delayMs: 1_500 });
    const asked = [];
    for (let i = 0; i < 5; i++) asked.push(await ask(first, 'how good is the model?'));
    expect(asked.every((a) => a.status === 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    await first.close();
    // The stopped server refuses new work: no connection.
    await expect(fetch(`${first.server.url}/healthz`)).rejects.toThrow();
    const second = await startBot();
    try {
      for (const a of asked) await answeredOnce(a.channel, a.ts, 30_000);
      for (const a of asked) expect(inThread(a.channel, a.ts).filter((m) => /Sorry/.test(m.text))).toHaveLength(0);
    } finally {
      slack.recover();
      await second.close();
    }
  });
});

describe('shutdown mid-training', () => {
  it('a training run still going when the server stops is handed back at once, not left running for minutes', async () => {
    const bot = await startBot({}, { shutdownGraceMs: 50 });
    const admin = (await createApiKey(db.ds, 'admin')).key;
    const res = await graphqlRequest(bot.server.url, 'mutation { trainModel(input: { datasetId: "demo" }) { id status } }', { key: admin });
    expect(res.body.errors).toBeUndefined();
    const run = (res.body.data as { trainModel: { id: string; status: string } }).trainModel;
    expect(run.status).toBe('QUEUED');
    await bot.close();
    const [row] = (await db.ds.query(
      `SELECT r.status, r.error, r.started_at IS NOT NULL AS started, j.locked_by FROM job_runs r LEFT JOIN graphile_worker._private_jobs j ON j.key = 'mixwise_run:' || r.id WHERE r.id = $1`,
      [run.id],
    )) as Array<{ status: string; error: string | null; started: boolean; locked_by: string | null }>;
    // Handed back to the job queue (no worker holds it: the next instance takes it), unless it finished within the grace period.
    if (row.status === 'queued') {
      expect(row.locked_by).toBeNull();
      if (row.started) expect(row.error).toMatch(/interrupted: its process shut down/);
    } else {
      expect(row.status).toBe('succeeded');
    }
  });
});

describe('"Save scenario" through the outbox', () => {
  it('Slack failing when it is clicked: saved once, the button shown as done and one "Saved" message once Slack is back, a second delivery of the click changes nothing', async () => {
    await withBot(async (bot) => {
      const a = await ask(bot, 'what if we move 20% from TV to search?');
      const answer = await answeredOnce(a.channel, a.ts);
      const posted = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === a.channel && c.body.thread_ts === a.ts).at(-1)!;
      const blocks = posted.body.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>;
      const actions = blocks.find((b) => b.type === 'actions')!;
      const save = actions.elements!.find((e) => e.text.text.startsWith('Save scenario'))!;
      const click = {
        trigger_id: `trig.save.${a.channel}`,
        user: { id: 'U_MARIA' },
        channel: { id: a.channel },
        container: { type: 'message', channel_id: a.channel, message_ts: answer.ts, thread_ts: a.ts, is_ephemeral: false },
        message: { type: 'message', ts: answer.ts, thread_ts: a.ts, text: answer.text, blocks },
        actions: [{ type: 'button', action_id: save.action_id, block_id: actions.block_id, value: save.value, action_ts: String(Date.now() / 1000) }],
      };
      slack.outage('*', { status: 500 });
      expect((await bot.sender.action(click)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1_200));
      const savedNotes = () => inThread(a.channel, a.ts).filter((m) => /^Saved by <@U_MARIA>/.test(m.text));
      expect(savedNotes()).toHaveLength(0);
      const recovered = Date.now();
      slack.recover();
      await waitUntil(async () => savedNotes().length > 0, 15_000, 'the "Saved" message');
      // Slack delivering the same click again (same trigger) is claimed already.
      expect((await bot.sender.action(click)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 800));
      expect(savedNotes()).toHaveLength(1);
      const [scenario] = (await db.ds.query(`SELECT saved FROM scenarios WHERE id = $1`, [save.value])) as Array<{ saved: boolean }>;
      expect(scenario.saved).toBe(true);
      const doneEdits = slack.callsTo('chat.update').filter((c) => c.body.channel === a.channel && c.at >= recovered && JSON.stringify(c.body.blocks).includes('Saved ✓'));
      expect(doneEdits).toHaveLength(1);
      expect(doneEdits[0].body.ts).toBe(answer.ts);
    });
  });
});

describe('"retrain the model" through the outbox', () => {
  /** The retrain runs a question started (its thread's channel is the run's channel). */
  const runsFor = async (channel: string) =>
    (await db.ds.query(`SELECT id, status, attempt, request_key FROM job_runs WHERE kind = 'retrain' AND slack_channel = $1`, [channel])) as Array<{ id: string; status: string; attempt: number; request_key: string | null }>;
  /** Edits of the training message that carry the outcome (progress edits say "Training a new model on the demo data…"). */
  const outcomeEdits = (channel: string, since = 0) => slack.callsTo('chat.update').filter((c) => c.body.channel === channel && c.at >= since && !String(c.body.text).startsWith('Training a new model'));

  async function tightly(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('Slack failing after "training started": the retry neither posts it again nor starts a second job, and tells the outcome once', { timeout: 120_000 }, async () => {
    await withBot(async (bot) => {
      const a = await ask(bot, 'retrain the model');
      await tightly(async () => inThread(a.channel, a.ts).length === 1, 20_000, 'the training message');
      // Everything Slack is asked from now on fails: progress edits, the outcome, and every retry of it.
      slack.outage('*', { status: 500 });
      await tightly(async () => (await runsFor(a.channel)).some((r) => r.status !== 'running'), 90_000, 'the retrain run to finish');
      await new Promise((r) => setTimeout(r, 1_500)); // several retries fail meanwhile
      const recovered = Date.now();
      slack.recover();
      await tightly(async () => outcomeEdits(a.channel, recovered).length > 0, 20_000, 'the outcome');
      await new Promise((r) => setTimeout(r, 800)); // room for a duplicate
      const thread = inThread(a.channel, a.ts);
      expect(thread).toHaveLength(1);
      expect(thread[0].text).toMatch(/^Training a new model on the demo data/);
      const runs = await runsFor(a.channel);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
      expect(runs[0].request_key).toMatch(/^slack:/);
      const outcome = outcomeEdits(a.channel, recovered);
      expect(outcome).toHaveLength(1);
      expect(String(outcome[0].body.text)).toMatch(/demo model/);
      expect(outcome[0].body.ts).toBe(thread[0].ts);
    });
  });

  it('the server stopping mid-training: the next one takes the run over (no second job, no second message) and tells the outcome once', { timeout: 120_000 }, async () => {
    const first = await startBot({}, { shutdownGraceMs: 50 });
    let a: Awaited<ReturnType<typeof ask>>;
    try {
      a = await ask(first, 'retrain the model');
      await tightly(async () => inThread(a.channel, a.ts).length === 1 && (await runsFor(a.channel)).some((r) => r.status === 'running'), 20_000, 'training under way');
    } finally {
      await first.close();
    }
    const [handedBack] = await runsFor(a.channel);
    // Handed back to the job queue at shutdown, for the next instance's worker.
    expect(handedBack.status).toBe('queued');
    expect(outcomeEdits(a.channel)).toHaveLength(0);
    const second = await startBot();
    try {
      await tightly(async () => outcomeEdits(a.channel).length > 0, 90_000, 'the outcome from the next server');
      await new Promise((r) => setTimeout(r, 800));
      expect(inThread(a.channel, a.ts)).toHaveLength(1);
      const runs = await runsFor(a.channel);
      expect(runs).toHaveLength(1);
      // Taken over: the same run, its second attempt, finished by the second server.
      expect(runs[0]).toMatchObject({ id: handedBack.id, status: 'succeeded', attempt: 2 });
      const outcome = outcomeEdits(a.channel);
      expect(outcome).toHaveLength(1);
      expect(String(outcome[0].body.text)).not.toMatch(/Sorry|failed/i);
    } finally {
      await second.close();
    }
  });
});

describe('SIGTERM to `npm start` mid-answer', () => {
  it('the process stops within its grace period, exits 0, and the next one answers what it handed back: each question once', { timeout: 120_000 }, async () => {
    const start = async (): Promise<{ child: Child; url: string }> => {
      const port = await freePort();
      const child = runNode('dist/src/server.js', [], {
        DATABASE_URL: db.url,
        PORT: String(port),
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'warn',
        MIXWISE_SCHEDULER: 'off',
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_API_URL: slack.apiUrl,
        SLACK_REQUEST_TIMEOUT_MS: '1000',
        MIXWISE_SHUTDOWN_GRACE_MS: '300',
        MIXWISE_SLACK_POLL_MS: '100',
        MIXWISE_SLACK_RETRY_BASE_MS: '50',
        MIXWISE_SLACK_RETRY_MAX_MS: '400',
      });
      const url = `http://127.0.0.1:${port}`;
      await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, 60_000, `the server on ${port}\n${child.output()}`);
      return { child, url };
    };
    const first = await start();
    const sender = slackSender(`${first.url}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
    // Two answers get out at once; three stall in Slack past the grace period.
    slack.failNext('chat.postMessage', 3, { delayMs: 1_500 });
    const asked: Array<{ channel: string; ts: string }> = [];
    for (let i = 0; i < 5; i++) {
      const channel = newChannel();
      const event = mention('how good is the model?', { channel });
      expect((await sender.event(event)).status).toBe(200);
      asked.push({ channel, ts: event.ts as string });
    }
    await new Promise((r) => setTimeout(r, 150));
    first.child.proc.kill('SIGTERM');
    expect(await first.child.exited).toBe(0);
    const second = await start();
    try {
      for (const a of asked) await answeredOnce(a.channel, a.ts, 30_000);
    } finally {
      slack.recover();
      second.child.proc.kill('SIGTERM');
      await second.child.exited;
    }
  });
});
