import pino from 'pino';

/**
 * One JSON line per event for machines; when a person watches a terminal, the same events
 * pretty-printed. Everything logs through this, never console.log (stdout of `mmm --json`
 * must stay one JSON document, so the CLI logs to stderr).
 */
export type Logger = pino.Logger;

export function createLogger(options: { level?: string; destination?: 'stdout' | 'stderr' } = {}): Logger {
  const fd = options.destination === 'stderr' ? 2 : 1;
  const stream = fd === 1 ? process.stdout : process.stderr;
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  if (stream.isTTY && process.env.LOG_FORMAT !== 'json') {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: fd, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } });
  }
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd, sync: true }));
}

let rootLogger: Logger | null = null;

export function logger(): Logger {
  rootLogger ??= createLogger();
  return rootLogger;
}

export function setLogger(next: Logger): void {
  rootLogger = next;
}
