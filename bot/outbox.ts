import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { DataSource } from 'typeorm';
import type { AppContext } from '../src/services/appContext';
import { answerInThread } from './answerInThread';
import { saveInThread, type SaveClick } from './saveInThread';
import { problemMessage, type SlackMessage } from './blocks/answer';
import { ingestSharedFiles, type FileShare } from './ingestInThread';
import { claimSlackEvent } from './eventClaims';
import { DURABLE_RETRIES } from './slackClient';
import { ANSWER_METADATA_TYPE, post, type Replies, type SlackQuestion } from './threadReply';

/**
 * Durable answers. A question is stored with its claim, in one transaction, before Slack is
 * acknowledged: a database that cannot take it fails the request, so Slack delivers it again.
 * Then whichever process holds the item's lease answers it step by step (bot/threadReply.ts
 * `Replies`), recording each step, retrying with backoff across Slack errors, rate limits
 * (Retry-After honoured), timeouts and restarts, until it is posted, or given up after
 * `giveUpMs` with an apology in the thread.
 */
export type OutboxWork =
  | { type: 'answer'; question: SlackQuestion }
  | { type: 'files'; share: FileShare }
  /** A slash command: no thread yet, so the question is posted first and opens one. */
  | { type: 'command'; text: string; channel: string; user: string }
  /** A "Save scenario" click. */
  | { type: 'save'; click: SaveClick }
  /** A message to post in a thread, as it is (a button that no longer works). */
  | { type: 'notice'; channel: string; threadTs: string; message: SlackMessage };

export interface OutboxOptions {
  /** How often due items are looked for (after a restart, a failed attempt, an expired lease). */
  pollMs: number;
  /** How long a process holds an item it works on; renewed while it works. */
  leaseMs: number;
  /** First retry delay, doubled each attempt up to `retryMaxMs` (a 429's Retry-After wins). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** After this long since the question came, it is given up with an apology. */
  giveUpMs: number;
  /** Items worked on at once by this process. */
  concurrency: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { pollMs: 1_000, leaseMs: 20_000, retryBaseMs: 1_000, retryMaxMs: 15_000, giveUpMs: 15 * 60_000, concurrency: 8 };

interface OutboxRow {
  id: string;
  work: OutboxWork;
  progress: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

/** Raised when this process handed its items back at shutdown: whatever it was doing stops before it reaches Slack. */
class HandedBack extends Error {
  constructor() {
    super('handed back at shutdown');
  }
}

/** An item this process works on; aborted (with HandedBack) when it is handed back at shutdown. */
interface Mine {
  handedBack: boolean;
  stop: AbortController;
}

/**
 * Claims the event under each key and stores its work, in one transaction. False when a key
 * was already claimed (a retry, a duplicate delivery, another instance): nothing is stored.
 */
export async function enqueue(ds: DataSource, keys: string[], kind: string, work: OutboxWork): Promise<string | null> {
  return ds.transaction(async (tx) => {
    for (const key of keys) if (!(await claimSlackEvent(tx, key, kind))) return null;
    const [row] = (await tx.query('INSERT INTO slack_outbox (event_key, work) VALUES ($1, $2) RETURNING id', [keys[0], JSON.stringify(work)])) as Array<{ id: string }>;
    return row.id;
  });
}

/** Delay before the next attempt: Slack's Retry-After on a 429, otherwise exponential with jitter. */
export function retryDelay(err: unknown, attempts: number, options: Pick<OutboxOptions, 'retryBaseMs' | 'retryMaxMs'>): number {
  const retryAfter = (err as { retryAfter?: unknown }).retryAfter;
  if (typeof retryAfter === 'number' && retryAfter >= 0) return retryAfter * 1000;
  const exponential = Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; code?: unknown; data?: { error?: unknown } };
  return [e.code, e.data?.error, e.message].filter((x) => typeof x === 'string' && x).join(': ').slice(0, 500) || String(err);
}

export class SlackOutbox {
  private readonly me = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Mine>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private polling = false;
  /** Items may be waiting that no poll took for want of a free slot: the next slot to free looks at once, not at the next tick. */
  private backlog = false;
  /** A poll was asked for while one ran: it runs again when that one ends (its free slots were counted before). */
  private pollAgain = false;
  private readonly log: AppContext['log'];

  constructor(
    private readonly app: AppContext,
    private readonly client: WebClient,
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {
    this.log = app.log.child({ component: 'slack-outbox' });
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Claims and stores a question; false when it was claimed before. Database errors are thrown: the caller answers non-2xx. */
  async accept(keys: string[], kind: string, work: OutboxWork): Promise<boolean> {
    const id = await enqueue(this.app.ds, keys, kind, work);
    if (!id) return false;
    // Answer at once; the poller is only the safety net.
    void this.poll(id);
    return true;
  }

  /** Stops taking new items; items in flight go on (shutdown waits for them, then hands back what is left). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Releases the leases this process still holds, so the next process takes them at once; their work here stops before reaching Slack. */
  async handBack(): Promise<void> {
    const ids = [...this.running.keys()];
    for (const item of this.running.values()) {
      item.handedBack = true;
      item.stop.abort(new HandedBack());
    }
    if (ids.length === 0) return;
    await this.app.ds
      // Due once a Slack call this process still has open has answered or timed out, so the next process sees whether it got through.
      .query(`UPDATE slack_outbox SET lease_until = NULL, leased_by = NULL, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = ANY($1) AND leased_by = $2 AND status = 'pending'`, [
        ids,
        this.me,
        this.app.config.slack.requestTimeoutMs * ((DURABLE_RETRIES.retries ?? 0) + 1) + 100,
      ])
      .catch((err: unknown) => this.log.warn({ err: errorText(err), ids }, 'could not hand back Slack answers; their leases expire instead'));
    this.log.warn({ ids }, 'Slack answers in flight handed back at shutdown');
  }

  /** Leases due items (or the one given) and works on them. */
  private async poll(only?: string): Promise<void> {
    if (this.stopped) return;
    const free = this.options.concurrency - this.running.size;
    if (free <= 0) {
      this.backlog = true;
      return;
    }
    if (!only && this.polling) {
      this.pollAgain = true;
      return;
    }
    if (!only) this.polling = true;
    try {
      // Never an item this process is still working on: a main thread busy with a fit can miss its
      // own heartbeat, and the lease it let lapse must not start the same answer a second time here.
      const working = [...this.running.keys()];
      const rows = (await this.app.ds.query(
        `UPDATE slack_outbox SET lease_until = now() + $1 * interval '1 millisecond', leased_by = $2, attempts = attempts + 1
          WHERE id IN (SELECT id FROM slack_outbox
                        WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                          AND id::text <> ALL($4::text[])
                          ${only ? 'AND id = $5' : ''}
                        ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id, work, progress, attempts, created_at`,
        only ? [this.options.leaseMs, this.me, free, working, only] : [this.options.leaseMs, this.me, free, working],
      )) as [OutboxRow[], number] | OutboxRow[];
      const leased = (Array.isArray(rows[0]) ? rows[0] : rows) as OutboxRow[];
      // Every slot asked for was filled: more may be due.
      if (!only && leased.length === free) this.backlog = true;
      for (const row of leased) {
        const work = this.work(row);
        void (this.app.inFlight ? this.app.inFlight.track(work) : work);
      }
    } catch (err) {
      this.log.warn({ err: errorText(err) }, 'could not look for Slack answers to send; trying again shortly');
    } finally {
      if (!only) {
        this.polling = false;
        if (this.pollAgain) {
          this.pollAgain = false;
          void this.poll();
        }
      }
    }
  }

  private async work(row: OutboxRow): Promise<void> {
    const mine: Mine = { handedBack: false, stop: new AbortController() };
    this.running.set(row.id, mine);
    const heartbeat = setInterval(() => {
      void this.app.ds
        .query(`UPDATE slack_outbox SET lease_until = now() + $1 * interval '1 millisecond' WHERE id = $2 AND leased_by = $3`, [this.options.leaseMs, row.id, this.me])
        .catch(() => undefined);
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    heartbeat.unref();
    const log = this.log.child({ outboxId: row.id, attempt: row.attempts });
    try {
      const overdue = Date.now() - new Date(row.created_at).getTime() > this.options.giveUpMs;
      if (overdue || row.progress.givingUp) await this.apologize(row, mine);
      else await this.perform(row, mine);
      await this.finish(row.id, overdue || row.progress.givingUp ? 'given_up' : 'posted');
    } catch (err) {
      if (err instanceof HandedBack) return;
      const delay = retryDelay(err, row.attempts, this.options);
      log.warn({ err: errorText(err), retryInMs: delay }, 'a Slack answer did not get through; it will be tried again');
      await this.app.ds
        .query(`UPDATE slack_outbox SET lease_until = NULL, leased_by = NULL, next_attempt_at = now() + $1 * interval '1 millisecond', last_error = $2 WHERE id = $3 AND leased_by = $4`, [
          delay,
          errorText(err),
          row.id,
          this.me,
        ])
        .catch((e: unknown) => log.warn({ err: errorText(e) }, 'could not record the retry; the lease expires and the item is tried again'));
      // Sooner than the poller where it can: the retry is due after `delay`.
      if (!this.stopped) setTimeout(() => void this.poll(row.id), delay + 5).unref();
    } finally {
      clearInterval(heartbeat);
      this.running.delete(row.id);
      // A burst larger than the concurrency drains as slots free, not one tick (pollMs) at a time.
      if (this.backlog) {
        this.backlog = false;
        void this.poll();
      }
    }
  }

  private async finish(id: string, status: 'posted' | 'given_up'): Promise<void> {
    await this.app.ds.query(`UPDATE slack_outbox SET status = $1, finished_at = now(), lease_until = NULL WHERE id = $2 AND leased_by = $3`, [status, id, this.me]);
  }

  /** Replies that record each step in the item's progress, so a retry skips what is done and never posts twice. */
  private replies(row: OutboxRow, mine: Mine, where: { channel: string; threadTs: string }): Replies {
    const state = row.progress;
    const save = async (patch: Record<string, unknown>) => {
      if (mine.handedBack) throw new HandedBack();
      Object.assign(state, patch);
      await this.app.ds.query(`UPDATE slack_outbox SET progress = progress || $1::jsonb WHERE id = $2`, [JSON.stringify(patch), row.id]);
    };
    return {
      key: row.id,
      signal: mine.stop.signal,
      state,
      save,
      post: async (step, message) => {
        const posted = (state.posted ?? {}) as Record<string, string>;
        if (posted[step]) return posted[step];
        const attempted = (state.attempted ?? {}) as Record<string, boolean>;
        // An earlier attempt may have posted it and lost the reply (a timeout, a crash): look before posting again.
        const found = attempted[step] ? await this.alreadyPosted(row.id, step, where) : null;
        if (!found) await save({ attempted: { ...attempted, [step]: true } });
        const ts = found ?? (await this.post(mine, where, message, { outbox: row.id, step }));
        await save({ posted: { ...posted, [step]: ts ?? 'unknown' } });
        return ts;
      },
    };
  }

  private async post(mine: Mine, where: { channel: string; threadTs: string | undefined }, message: SlackMessage, mark: { outbox: string; step: string }): Promise<string | undefined> {
    if (mine.handedBack) throw new HandedBack();
    if (where.threadTs) return post(this.client, { channel: where.channel, threadTs: where.threadTs }, message, mark);
    const sent = await this.client.chat.postMessage({ channel: where.channel, text: message.text, blocks: message.blocks, unfurl_links: false, metadata: { event_type: ANSWER_METADATA_TYPE, event_payload: mark } });
    return sent.ts;
  }

  /** The ts of this item's message for `step` if it is in the thread already (Slack keeps the metadata we post with it). */
  private async alreadyPosted(id: string, step: string, where: { channel: string; threadTs: string }): Promise<string | null> {
    const replies = await this.client.conversations.replies({ channel: where.channel, ts: where.threadTs, include_all_metadata: true, limit: 200 });
    const ours = (replies.messages ?? []).find((m) => {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { outbox?: string; step?: string } } }).metadata;
      return meta?.event_type === ANSWER_METADATA_TYPE && meta.event_payload?.outbox === id && meta.event_payload.step === step;
    });
    return ours?.ts ?? null;
  }

  private async perform(row: OutboxRow, mine: Mine): Promise<void> {
    const work = row.work;
    switch (work.type) {
      case 'answer':
        return answerInThread(this.app, this.client, work.question, this.replies(row, mine, work.question));
      case 'files':
        return ingestSharedFiles(this.app, this.client, work.share, this.replies(row, mine, work.share));
      case 'command': {
        let threadTs = row.progress.threadTs as string | undefined;
        if (!threadTs) {
          // The opener is posted in the channel; its ts is the thread the answer goes to.
          const opener = this.replies(row, mine, { channel: work.channel, threadTs: '' });
          threadTs = await this.openThread(row, mine, work, opener);
        }
        const question = { text: work.text, channel: work.channel, threadTs, user: work.user };
        return answerInThread(this.app, this.client, question, this.replies(row, mine, question));
      }
      case 'save':
        return saveInThread(this.app, this.client, work.click, this.replies(row, mine, work.click));
      case 'notice':
        await this.replies(row, mine, work).post('answer', work.message);
    }
  }

  private async openThread(row: OutboxRow, mine: Mine, work: Extract<OutboxWork, { type: 'command' }>, replies: Replies): Promise<string> {
    const ts = await this.post(mine, { channel: work.channel, threadTs: undefined }, { text: `<@${work.user}> asked: ${work.text}`, blocks: [] }, { outbox: row.id, step: 'opener' });
    if (!ts) throw new Error(`chat.postMessage returned no ts for the /mmm question in ${work.channel}`);
    await replies.save({ threadTs: ts });
    return ts;
  }

  /** Given up: one visible apology in the thread (retried like any post), then the item is closed. */
  private async apologize(row: OutboxRow, mine: Mine): Promise<void> {
    const work = row.work;
    const where = work.type === 'command' ? (row.progress.threadTs ? { channel: work.channel, threadTs: row.progress.threadTs as string } : null) : threadOfWork(work);
    if (!row.progress.givingUp) {
      await this.app.ds.query(`UPDATE slack_outbox SET progress = progress || '{"givingUp": true}'::jsonb WHERE id = $1`, [row.id]);
      row.progress.givingUp = true;
    }
    const minutes = Math.max(1, Math.round(this.options.giveUpMs / 60_000));
    const message = problemMessage(`Sorry, I could not get my answer to you: Slack kept failing for ${minutes} minute${minutes === 1 ? '' : 's'}. Please ask again.`);
    const posted = (row.progress.posted ?? {}) as Record<string, string>;
    if (posted.answer) return; // the answer itself got out: nothing to apologize for
    if (where) await this.replies(row, mine, where).post('apology', message);
    else await this.post(mine, { channel: (work as { channel: string }).channel, threadTs: undefined }, { ...message, text: `<@${(work as { user: string }).user}> ${message.text}` }, { outbox: row.id, step: 'apology' });
    this.log.error({ outboxId: row.id, createdAt: row.created_at, attempts: row.attempts }, 'a Slack answer was given up after its time; an apology was posted');
  }
}

/** The thread an item answers in (a slash command opens its own: null here). */
function threadOfWork(work: Exclude<OutboxWork, { type: 'command' }>): { channel: string; threadTs: string } {
  switch (work.type) {
    case 'answer':
      return work.question;
    case 'files':
      return work.share;
    case 'save':
      return work.click;
    case 'notice':
      return work;
  }
}
