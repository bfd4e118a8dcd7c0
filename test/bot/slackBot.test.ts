import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobSchedule, Notebook, Scenario } from '../../src/entities';
import { upcomingFireTimes } from '../../src/services/jobs';
import { formatPercentChange } from '../../src/format';
import type { ScenarioResult } from '../../src/scenarios';
import type { WhatIfSpec } from '../../src/scenarios/spec';
import type { RecordedSlackCall } from '../../testkit/helpers/fakeSlack';
import { PNG_SIGNATURE, uploadedFile } from '../helpers/uploads';
import { startBotHarness, SIGNING_SECRET, type BotHarness } from './botHarness';
import { directMessage, mention, newTs, slackSignature } from '../../testkit/bot/slackRequests';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});

afterAll(async () => {
  await h?.close();
});


/** Messages the bot posted into one thread, in order. */
function postsIn(channel: string, threadTs: string): RecordedSlackCall[] {
  return h.slack.callsTo('chat.postMessage').filter((c) => c.body.channel === channel && c.body.thread_ts === threadTs);
}

/** Resolves once `count` recorded calls match. */
async function waitForCalls(what: string, matching: (c: RecordedSlackCall) => boolean, count = 1, timeoutMs = 20_000): Promise<RecordedSlackCall[]> {
  const started = Date.now();
  while (h.slack.calls.filter(matching).length < count) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${count} × ${what}, got ${h.slack.calls.filter(matching).length}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return h.slack.calls.filter(matching);
}

function waitForPosts(channel: string, threadTs: string, count: number): Promise<RecordedSlackCall[]> {
  return waitForCalls(`posts in ${channel}/${threadTs}`, (c) => c.method === 'chat.postMessage' && c.body.channel === channel && c.body.thread_ts === threadTs, count);
}

async function notebookScenarios(channel: string, threadTs: string): Promise<Scenario[]> {
  const notebook = await h.db.ds.getRepository(Notebook).findOneByOrFail({ slackChannel: channel, slackThreadTs: threadTs });
  return h.db.ds.getRepository(Scenario).find({ where: { notebookId: notebook.id }, order: { position: 'ASC' } });
}

/** Every block's text in one string, to look for what a person would read. */
function blockText(call: RecordedSlackCall): string {
  return JSON.stringify(call.body.blocks);
}

function shiftPercent(scenario: Scenario): number {
  const spec = (scenario.result as ScenarioResult).spec as WhatIfSpec;
  const change = spec.changes[0];
  if (change.kind !== 'shift' || change.amount.unit !== 'percent') throw new Error(`expected a percentage shift, got ${JSON.stringify(change)}`);
  return change.amount.value;
}

/** A question in a thread of its own, answered before the test goes on: proves earlier requests have been handled. */
async function sentinel(): Promise<void> {
  const event = mention('how good is the model?');
  await h.sender.event(event);
  await waitForPosts(event.channel as string, event.ts as string, 1);
}

describe('a mention in a channel', () => {
  const event = mention('what if we move 20% from TV to search?');
  let ackedAt = 0;

  beforeAll(async () => {
    const res = await h.sender.event(event);
    expect(res.status).toBe(200);
    ackedAt = res.receivedAt;
    await waitForPosts('C_MARKETING', event.ts as string, 1);
  });

  it('acknowledges before answering', () => {
    // Slack wants its 200 within 3 s: the answer must come after the acknowledgement, never hold it.
    expect(postsIn('C_MARKETING', event.ts as string)[0].at).toBeGreaterThanOrEqual(ackedAt);
  });

  it('answers in the thread of the question with the scenario the notebook stored', async () => {
    const [answer] = postsIn('C_MARKETING', event.ts as string);
    const [stored] = await notebookScenarios('C_MARKETING', event.ts as string);
    const result = stored.result as ScenarioResult;
    expect(shiftPercent(stored)).toBe(20);
    const text = blockText(answer);
    // Headline: the predicted change, its 90% interval and the chance of beating the current plan.
    expect(text).toContain(`KPI ${formatPercentChange(result.delta.pct)}`);
    expect(text).toContain('90% interval');
    expect(text).toContain('chance it beats the current plan');
    // Before/after table with display names, and the three buttons.
    expect(text).toContain('Paid Search');
    expect(text).toMatch(/Optimize instead.*Try 10%.*Try 30%.*Save scenario/);
    expect(answer.body.text).toContain("Moving 20% of TV's weekly spend");
    expect(answer.token).toBe('xoxb-test-token');
  });

  it('uploads a PNG chart into the thread with the current upload API', async () => {
    const [complete] = await waitForCalls('the chart upload', (c) => c.method === 'files.completeUploadExternal' && c.body.thread_ts === event.ts);
    expect(complete.body.channel_id).toBe('C_MARKETING');
    const fileId = (complete!.body.files as Array<{ id: string }>)[0].id;
    const png = uploadedFile(h.slack.uploads.get(fileId)!);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
    const announced = h.slack.callsTo('files.getUploadURLExternal').find((c) => c.body.filename === 'scenario.png');
    expect(Number(announced?.body.length)).toBeGreaterThan(1000);
  });

  it('builds a follow-up in the thread on the thread’s last scenario', async () => {
    await h.sender.event(mention('what about 30%?', { threadTs: event.ts as string }));
    await waitForPosts('C_MARKETING', event.ts as string, 2);
    const scenarios = await notebookScenarios('C_MARKETING', event.ts as string);
    expect(scenarios.map(shiftPercent)).toEqual([20, 30]);
    expect(blockText(postsIn('C_MARKETING', event.ts as string)[1])).toContain("Moving 30% of TV's weekly spend");
  });

  it('answers a retry of an event it has taken only once', async () => {
    const question = mention('which channel is most saturated?');
    const first = await h.sender.event(question);
    await h.sender.event(question, { eventId: first.eventId, retryNum: 1 });
    await h.sender.event(question, { eventId: first.eventId, retryNum: 2 });
    await waitForPosts('C_MARKETING', question.ts as string, 1);
    await sentinel();
    expect(postsIn('C_MARKETING', question.ts as string)).toHaveLength(1);
  });

  it('answers an unknown channel in words, listing the channels', async () => {
    const question = mention('what if we move 20% from TV to tiktok?');
    await h.sender.event(question);
    const [answer] = await waitForPosts('C_MARKETING', question.ts as string, 1);
    expect(answer.body.text).toContain('tiktok');
    for (const name of ['TV', 'Paid Search', 'Paid Social', 'Display', 'Radio']) expect(answer.body.text).toContain(name);
    // The other channels are buttons; each shows and asks the question again with that channel in the place of "tiktok" (none moves TV to TV).
    const buttons = readingButtonsOf(answer);
    const readings = ['Paid Search', 'Paid Social', 'Display', 'Radio'].map((name) => `what if we move 20% from TV to ${name}`);
    expect(buttons.map((e) => e.value)).toEqual(readings);
    expect(buttons.map((e) => e.text.text)).toEqual(readings);
    expect((await clickReading('C_MARKETING', question.ts as string, answer, buttons[0])).status).toBe(200);
    await waitForPosts('C_MARKETING', question.ts as string, 2);
    const [scenario] = await notebookScenarios('C_MARKETING', question.ts as string);
    const spec = (scenario.result as ScenarioResult).spec as WhatIfSpec;
    expect(spec.changes[0]).toMatchObject({ kind: 'shift', from: 'tv', to: [{ channel: 'search', share: 1 }], amount: { unit: 'percent', value: 20 } });
  });
});

describe('direct messages', () => {
  it('answers a DM in its thread, once even when it also arrives as a mention', async () => {
    const dm = directMessage('what is the ROI of social?');
    await h.sender.event(dm);
    // The same message delivered a second time as another event (its own event_id).
    await h.sender.event({ ...dm, type: 'app_mention' });
    const [answer] = await waitForPosts('D_MARIA', dm.ts as string, 1);
    expect(answer.body.text).toContain('Paid Social');
    await sentinel();
    expect(postsIn('D_MARIA', dm.ts as string)).toHaveLength(1);
  });

  it('ignores bot messages, its own echoes and edits', async () => {
    const ignored = [
      directMessage('what if we cut TV by 10%?', { extra: { bot_id: 'B_OTHER' } }),
      directMessage('what if we cut TV by 10%?', { extra: { subtype: 'bot_message', bot_id: 'B_MIXWISE' } }),
      directMessage('what if we cut TV by 10%?', { extra: { subtype: 'message_changed', message: { text: 'what if we cut TV by 20%?' } } }),
    ];
    for (const event of ignored) expect((await h.sender.event(event)).status).toBe(200);
    await sentinel();
    for (const event of ignored) expect(postsIn('D_MARIA', event.ts as string)).toHaveLength(0);
  });
});

describe('the /mmm slash command', () => {
  it('opens a thread with the question and answers in it', async () => {
    const res = await h.sender.command({ text: 'cut radio by 30% for the next 8 weeks', user_id: 'U_MARIA', channel_id: 'C_PLANNING' });
    expect(res.status).toBe(200);
    const [root] = await waitForCalls('the /mmm question', (c) => c.method === 'chat.postMessage' && c.body.channel === 'C_PLANNING' && c.body.thread_ts === undefined);
    expect(root.body.text).toContain('<@U_MARIA> asked: cut radio by 30% for the next 8 weeks');
    const [answer] = await waitForCalls('the /mmm answer', (c) => c.method === 'chat.postMessage' && c.body.channel === 'C_PLANNING' && c.body.thread_ts !== undefined);
    const scenarios = await notebookScenarios('C_PLANNING', answer.body.thread_ts as string);
    expect(scenarios).toHaveLength(1);
    expect((scenarios[0].result as ScenarioResult).weeks).toBe(8);
    expect(blockText(answer)).toContain('Radio');
  });
});

describe('buttons', () => {
  const question = mention('what if we move 20% from TV to search?', { channel: 'C_BUTTONS' });
  let answer: RecordedSlackCall;
  let scenarioId: string;

  beforeAll(async () => {
    await h.sender.event(question);
    [answer] = await waitForPosts('C_BUTTONS', question.ts as string, 1);
    scenarioId = (await notebookScenarios('C_BUTTONS', question.ts as string))[0].id;
  });

  /** A click as Slack posts it: the answer message (in the question's thread) and the button. */
  function click(actionId: string, value: string) {
    return h.sender.action({
      user: { id: 'U_MARIA' },
      channel: { id: 'C_BUTTONS' },
      container: { type: 'message', channel_id: 'C_BUTTONS', message_ts: newTs(), thread_ts: question.ts, is_ephemeral: false },
      message: { type: 'message', ts: newTs(), thread_ts: question.ts, text: answer.body.text, blocks: answer.body.blocks },
      actions: [{ type: 'button', action_id: actionId, block_id: `scenario_actions_${scenarioId}`, value, action_ts: String(Date.now() / 1000) }],
    });
  }

  function button(actionText: string): { action_id: string; value: string } {
    const actions = (answer.body.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }>).find((b) => b.type === 'actions')!;
    return actions.elements!.find((e) => e.text.text.startsWith(actionText))!;
  }

  it('"Try 30%" runs the same scenario with 10 more points in the thread', async () => {
    const { action_id, value } = button('Try 30%');
    expect((await click(action_id, value)).status).toBe(200);
    await waitForPosts('C_BUTTONS', question.ts as string, 2);
    const scenarios = await notebookScenarios('C_BUTTONS', question.ts as string);
    expect(scenarios.map(shiftPercent)).toEqual([20, 30]);
  });

  it('"Save scenario" marks it saved and shows the button as done', async () => {
    const { action_id, value } = button('Save scenario');
    const updatesBefore = h.slack.callsTo('chat.update').length;
    await click(action_id, value);
    const [update] = (await h.slack.waitFor('chat.update', updatesBefore + 1)).slice(updatesBefore);
    expect(JSON.stringify(update.body.blocks)).toContain('Saved ✓');
    expect((await h.db.ds.getRepository(Scenario).findOneByOrFail({ id: scenarioId })).saved).toBe(true);
  });

  it('"Optimize instead" asks to optimize in the same thread', async () => {
    const { action_id, value } = button('Optimize instead');
    await click(action_id, value);
    // The thread already holds two scenario answers (20%, then the "Try 30%" click); the third is the optimized plan.
    const answers = await waitForCalls('the optimized answer', (c) => c.method === 'chat.postMessage' && c.body.thread_ts === question.ts && blockText(c).includes('chance it beats the current plan'), 3);
    expect(answers[2].body.text).toContain("today's budget");
    const scenarios = await notebookScenarios('C_BUTTONS', question.ts as string);
    expect(scenarios.at(-1)!.intent).toBe('optimize');
    // An optimized plan is not offered "Optimize instead" again; it keeps "Save scenario".
    const labels = buttonLabels(answers[2]);
    expect(labels).not.toContain('Optimize instead');
    expect(labels).toContain('Save scenario');
    expect(buttonLabels(answers[0])).toContain('Optimize instead');
  });
});

function buttonLabels(call: RecordedSlackCall): string[] {
  const blocks = call.body.blocks as Array<{ type: string; elements?: Array<{ type: string; text?: { text: string } }> }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.text?.text ?? '');
}

type ReadingButton = { action_id: string; value: string; text: { text: string } };

/** The buttons of a question asked back, as posted. */
function readingButtonsOf(call: RecordedSlackCall): ReadingButton[] {
  return (call.body.blocks as Array<{ type: string; elements?: ReadingButton[] }>).find((b) => b.type === 'actions')!.elements!;
}

/** Clicks one reading's button on the posted question, in its thread, as Slack sends it. */
function clickReading(channel: string, threadTs: string, posted: RecordedSlackCall, button: ReadingButton) {
  return h.sender.action({
    user: { id: 'U_MARIA' },
    channel: { id: channel },
    container: { type: 'message', channel_id: channel, message_ts: newTs(), thread_ts: threadTs, is_ephemeral: false },
    message: { type: 'message', ts: newTs(), thread_ts: threadTs, text: posted.body.text, blocks: posted.body.blocks },
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'readings', value: button.value, action_ts: String(Date.now() / 1000) }],
  });
}

describe('a question asked back', () => {
  it('offers its readings as buttons; a click runs that reading in the thread', async () => {
    const question = mention('cut TV by 30', { channel: 'C_READINGS' });
    await h.sender.event(question);
    const [asked] = await waitForPosts('C_READINGS', question.ts as string, 1);
    const buttons = readingButtonsOf(asked);
    expect(buttons.map((e) => e.value)).toEqual(['cut TV by 30%', 'cut TV by $30 a week']);
    expect((await clickReading('C_READINGS', question.ts as string, asked, buttons[0])).status).toBe(200);
    await waitForPosts('C_READINGS', question.ts as string, 2);
    const scenarios = await notebookScenarios('C_READINGS', question.ts as string);
    expect(scenarios.map((sc) => sc.spec)).toEqual([{ kind: 'whatIf', spec: { changes: [{ kind: 'scale', channel: 'tv', by: { unit: 'percent', value: -30 } }], weeks: 13 } }]);
  });
});

describe('schedules asked for in Slack', () => {
  it('run at the asker’s own clock time, read from their Slack profile', async () => {
    h.slack.userTimezones.set('U_PARIS', 'Europe/Paris');
    const event = mention('post a digest here every Monday at 9am', { user: 'U_PARIS', channel: 'C_WEEKLY' });
    await h.sender.event(event);
    const [answer] = await waitForPosts('C_WEEKLY', event.ts as string, 1);
    const [schedule] = await h.db.ds.getRepository(JobSchedule).findBy({ slackChannel: 'C_WEEKLY' });
    expect(schedule).toMatchObject({ kind: 'digest', cron: '0 9 * * 1', timezone: 'Europe/Paris', createdBy: 'U_PARIS' });
    expect(answer.body.text).toContain('Europe/Paris');
    // The next run is at 9:00 in Paris: 8:00 or 7:00 UTC depending on summer time.
    const [next] = upcomingFireTimes(schedule, 1);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).format(next)).toBe('Mon, 09');
  });

  it('fall back to UTC, and say so, when Slack will not tell the asker’s time zone', async () => {
    const event = mention('post a digest here every Monday at 9am', { user: 'U_UNKNOWN', channel: 'C_OTHER' });
    await h.sender.event(event);
    const [answer] = await waitForPosts('C_OTHER', event.ts as string, 1);
    const [schedule] = await h.db.ds.getRepository(JobSchedule).findBy({ slackChannel: 'C_OTHER' });
    expect(schedule.timezone).toBe('UTC');
    expect(answer.body.text).toContain('UTC');
  });
});

describe('request verification', () => {
  it('rejects a bad signature and an old timestamp with 401, and runs nothing', async () => {
    const forged = mention('what if we cut TV by 50%?', { channel: 'C_FORGED' });
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvFORGED', team_id: 'T1', event: forged });
    expect((await h.sender.send(body, 'application/json', { signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), body) })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await h.sender.send(body, 'application/json', { timestamp: sixMinutesAgo, signature: slackSignature(SIGNING_SECRET, sixMinutesAgo, body) })).status).toBe(401);
    await sentinel();
    expect(h.slack.calls.filter((c) => c.body.channel === 'C_FORGED' || c.body.channel_id === 'C_FORGED')).toHaveLength(0);
    expect(await h.db.ds.getRepository(Notebook).countBy({ slackChannel: 'C_FORGED' })).toBe(0);
  });
});
