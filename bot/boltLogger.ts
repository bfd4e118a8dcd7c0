import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../src/logger';

/** Bolt logs through the process logger (one JSON line per event), not its own console lines. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level = LogLevel.WARN;
  const say = (method: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => child[method](msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  return {
    debug: say('debug'),
    info: say('info'),
    warn: say('warn'),
    error: say('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
