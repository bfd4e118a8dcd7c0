import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import express from 'express';

export interface RecordedSlackCall {
  method: string;
  /** Form or JSON body as sent by the Web API client. */
  body: Record<string, unknown>;
  token: string | null;
  at: number;
}

/** A file object as Slack puts it in message events and `files.info`. */
export interface SlackFile {
  id: string;
  name: string;
  filetype: string;
  mimetype: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

/**
 * A failure the fake answers with instead of Slack's usual reply: an HTTP status (500s), a
 * 429 with Retry-After, `ok:false` with an error, or a delay (a stalled call). With
 * `deliver`, the call takes effect (a message is posted) before the failure: the reply is
 * what gets lost.
 */
export interface SlackFault {
  status?: number;
  retryAfterSeconds?: number;
  error?: string;
  delayMs?: number;
  deliver?: boolean;
}

/** A message the fake accepted (chat.postMessage that succeeded or was delivered). */
export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  /** When it was posted (epoch ms). */
  at: number;
}

export interface FakeSlack {
  /** Messages that really got posted, in order. */
  messages: PostedMessage[];
  /** The next `times` calls of `method` ('*' = any) fail with `fault`. */
  failNext(method: string, times: number, fault: SlackFault): void;
  /** Every call of `method` ('*' = any) fails with `fault` until `recover()`. */
  outage(method: string, fault: SlackFault): void;
  recover(): void;
  /** Base URL to give the Web API client (`SLACK_API_URL`, `slackApiUrl`), ending in /api/. */
  apiUrl: string;
  calls: RecordedSlackCall[];
  /** Calls of one Web API method, in order. */
  callsTo(method: string): RecordedSlackCall[];
  /** Bytes received by the file upload URL, by file id. */
  uploads: Map<string, Buffer>;
  /** A file someone shared: served at its `url_private_download` to a bearer of the bot token, and by `files.info`. */
  shareFile(file: { name: string; content: string; filetype?: string; gzip?: boolean }): SlackFile;
  /**
   * A file of `inflatedBytes` of CSV-like digits, made as it is read and sent gzipped (about
   * 2:1, so what the reader leaves unread stays unmade): `served` counts what was made.
   */
  shareGeneratedFile(file: { name: string; inflatedBytes: number }): SlackFile;
  /** Per generated file: bytes made (before compression) and whether the whole file was sent. */
  served: Map<string, { inflatedBytes: number; made: number; complete: boolean }>;
  /** Requests for shared files' bytes, with the token they carried. */
  downloads: Array<{ fileId: string; token: string | null }>;
  /** Slack users' profile time zones (IANA), as `users.info` reports them; unknown users get `user_not_found`. */
  userTimezones: Map<string, string>;
  /** Resolves when `count` calls of `method` have arrived (or rejects after `timeoutMs`). */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedSlackCall[]>;
  close(): Promise<void>;
}

/** 64 kB of pseudo-random digits and commas: gzip gets about 2:1 out of it (its window is 32 kB). */
const DIGITS = Buffer.from(
  Array.from({ length: 64 * 1024 }, (_, i) => (i % 12 === 11 ? '\n' : i % 4 === 3 ? ',' : String(Math.floor(Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 10)))).join(''),
);

/**
 * A stand-in for Slack's Web API on loopback: it answers like Slack (ok, ts, channel, file
 * ids and upload URLs) and records every call, so tests can assert what the app sent.
 * Slack itself is never reachable from here.
 */
export async function startFakeSlack(options: { botToken?: string } = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-test-token';
  const userTimezones = new Map<string, string>();
  const calls: RecordedSlackCall[] = [];
  const uploads = new Map<string, Buffer>();
  const shared = new Map<string, { file: SlackFile; content: string; gzip?: boolean }>();
  const downloads: FakeSlack['downloads'] = [];
  const served: FakeSlack['served'] = new Map();
  const waiters: Array<() => void> = [];
  const messages: PostedMessage[] = [];
  const queued: Array<{ method: string; times: number; fault: SlackFault }> = [];
  let down: { method: string; fault: SlackFault } | null = null;
  const faultFor = (method: string): SlackFault | null => {
    if (down && (down.method === '*' || down.method === method)) return down.fault;
    const q = queued.find((f) => f.times > 0 && (f.method === '*' || f.method === method));
    if (!q) return null;
    q.times -= 1;
    return q.fault;
  };
  let seq = 0;
  const app = express();
  let baseUrl = '';

  app.post('/upload/:fileId', express.raw({ type: () => true, limit: '20mb' }), (req, res) => {
    uploads.set(String(req.params.fileId), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    res.status(200).send('OK');
  });

  // Like files.slack.com: the bytes only for the bot token; anyone else gets a sign-in page, with status 200.
  app.get('/files-pri/:fileId/:name', (req, res) => {
    const fileId = String(req.params.fileId);
    const token = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? null;
    downloads.push({ fileId, token });
    const found = shared.get(fileId);
    if (!found) return res.status(404).send('Not found');
    if (token !== botToken) return res.status(200).type('html').send('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    const generated = served.get(fileId);
    if (generated) {
      res.status(200).type(found.file.mimetype).setHeader('content-encoding', 'gzip');
      res.once('finish', () => (generated.complete = true));
      // Made on demand: a reader that stops reading stops the making (backpressure through gzip and the socket).
      const source = new Readable({
        read() {
          if (generated.made >= generated.inflatedBytes) return void this.push(null);
          const chunk = DIGITS.subarray(0, Math.min(DIGITS.length, generated.inflatedBytes - generated.made));
          generated.made += chunk.length;
          this.push(chunk);
        },
      });
      source.pipe(createGzip({ level: 1 })).pipe(res);
      res.once('close', () => source.destroy());
      return undefined;
    }
    if (found.gzip) return res.status(200).type(found.file.mimetype).setHeader('content-encoding', 'gzip').send(gzipSync(found.content));
    return res.status(200).type(found.file.mimetype).send(found.content);
  });

  app.post('/api/:method', express.urlencoded({ extended: true, limit: '5mb' }), express.json({ limit: '5mb' }), async (req, res) => {
    const method = String(req.params.method);
    const body = { ...(req.body as Record<string, unknown>) };
    // The Web API client sends JSON-ish fields (blocks, files) as strings in forms.
    for (const k of ['blocks', 'attachments', 'files', 'view', 'metadata']) {
      if (typeof body[k] === 'string') {
        try {
          body[k] = JSON.parse(body[k] as string);
        } catch {
          /* keep the raw string */
        }
      }
    }
    const auth = req.headers.authorization;
    calls.push({ method, body, token: auth ? auth.replace(/^Bearer\s+/i, '') : ((body.token as string) ?? null), at: Date.now() });
    waiters.splice(0).forEach((w) => w());
    seq += 1;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
    const fault = faultFor(method);
    // Posted before a fault's delay: a reply that does come afterwards (no timeout, no failure) is for that one message.
    const delivered = !!fault?.deliver && method === 'chat.postMessage';
    if (fault) {
      if (delivered) messages.push({ channel: String(body.channel), ts, thread_ts: body.thread_ts as string | undefined, text: String(body.text ?? ''), metadata: body.metadata as PostedMessage['metadata'], at: Date.now() });
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (res.destroyed) return undefined;
      if (fault.retryAfterSeconds !== undefined) return res.status(429).setHeader('retry-after', String(fault.retryAfterSeconds)).json({ ok: false, error: 'ratelimited' });
      if (fault.status) return res.status(fault.status).send('upstream error');
      if (fault.error) return res.json({ ok: false, error: fault.error });
    }
    switch (method) {
      case 'auth.test':
        return res.json({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'mixwise' });
      case 'chat.postMessage':
        if (!delivered) messages.push({ channel: String(body.channel), ts, thread_ts: body.thread_ts as string | undefined, text: String(body.text ?? ''), metadata: body.metadata as PostedMessage['metadata'], at: Date.now() });
        return res.json({ ok: true, channel: body.channel, ts, message: { text: body.text, ts } });
      case 'chat.postEphemeral':
        return res.json({ ok: true, channel: body.channel, ts, message: { text: body.text, ts } });
      case 'conversations.replies': {
        const thread = messages.filter((m) => m.channel === body.channel && (m.ts === body.ts || m.thread_ts === body.ts));
        return res.json({ ok: true, messages: thread.map((m) => ({ type: 'message', ts: m.ts, thread_ts: m.thread_ts, text: m.text, ...(body.include_all_metadata && m.metadata ? { metadata: m.metadata } : {}) })) });
      }
      case 'chat.update':
        return res.json({ ok: true, channel: body.channel, ts: body.ts, text: body.text });
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(seq).padStart(8, '0')}`;
        return res.json({ ok: true, file_id: fileId, upload_url: `${baseUrl}/upload/${fileId}` });
      }
      case 'files.completeUploadExternal':
        return res.json({ ok: true, files: (Array.isArray(body.files) ? body.files : []).map((f: { id: string }) => ({ id: f.id })) });
      case 'files.info': {
        const found = shared.get(String(body.file));
        return res.json(found ? { ok: true, file: found.file } : { ok: false, error: 'file_not_found' });
      }
      case 'users.info': {
        const tz = userTimezones.get(String(body.user));
        return res.json(tz ? { ok: true, user: { id: body.user, tz } } : { ok: false, error: 'user_not_found' });
      }
      case 'conversations.info':
        return res.json({ ok: true, channel: { id: body.channel, name: 'marketing' } });
      default:
        return res.json({ ok: true });
    }
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  const shareFile: FakeSlack['shareFile'] = ({ name, content, filetype, gzip }) => {
    seq += 1;
    const id = `FSHARED${String(seq).padStart(6, '0')}`;
    const url = `${baseUrl}/files-pri/${id}/${encodeURIComponent(name)}`;
    const file: SlackFile = { id, name, filetype: filetype ?? name.split('.').pop() ?? 'text', mimetype: 'text/csv', size: Buffer.byteLength(content), url_private: url, url_private_download: `${url}?download=1` };
    // Gzipped, Slack's metadata says the bytes on the wire: the size check before the download cannot see what they inflate to.
    if (gzip) file.size = gzipSync(content).length;
    shared.set(id, { file, content, gzip });
    return file;
  };
  return {
    apiUrl: `${baseUrl}/api/`,
    messages,
    failNext: (method, times, fault) => {
      queued.push({ method, times, fault });
    },
    outage: (method, fault) => {
      down = { method, fault };
    },
    recover: () => {
      down = null;
      queued.splice(0);
    },
    calls,
    callsTo,
    uploads,
    userTimezones,
    downloads,
    shareFile,
    served,
    shareGeneratedFile: ({ name, inflatedBytes }) => {
      // Slack's metadata gives the bytes on the wire, which say little about what they inflate to.
      const file = shareFile({ name, content: '', gzip: true });
      served.set(file.id, { inflatedBytes, made: 0, complete: false });
      return file;
    },
    waitFor: (method, count = 1, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`fake Slack: waited ${timeoutMs} ms for ${count} × ${method}, got ${callsTo(method).length}`)), timeoutMs);
        const check = () => {
          if (callsTo(method).length >= count) {
            clearTimeout(deadline);
            resolve(callsTo(method));
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
