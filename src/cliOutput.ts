import type { Logger } from './logger';
import { classifyError, type Problem } from './services/errors';

/**
 * How every `mmm` command speaks: with --json exactly one JSON document on stdout (the result,
 * or `{error:{message, code, problems}}`), otherwise text; logs and progress on stderr. Kept
 * apart from the commands so that loading it costs nothing.
 */

// Set once per invocation, from the command line, before commander parses it (so that its own errors are JSON too).
let jsonOutput = false;

export function setJsonOutput(on: boolean): void {
  jsonOutput = on;
}

export function isJsonOutput(): boolean {
  return jsonOutput;
}

let logger: Logger | null = null;

/** The logger is made on first use: pino is not loaded by commands that never log. */
export async function cliLogger(): Promise<Logger> {
  if (!logger) {
    const { createLogger, setLogger } = await import('./logger.js');
    logger = createLogger({ destination: 'stderr', level: process.env.LOG_LEVEL ?? 'warn' });
    setLogger(logger);
  }
  return logger;
}

/** Prints the result: the JSON document with --json, else the human text. */
export function print(json: unknown, text: string): void {
  process.stdout.write(jsonOutput ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
}

function problemLine(p: Problem): string {
  const where = [p.row !== undefined ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null, p.path ?? null].filter(Boolean).join(', ');
  return `  - ${where ? `${where}: ` : ''}${p.message}`;
}

/** Ends the command: exit 2 for input to fix (its problems listed), 1 for anything else. */
export function reportFailure(err: unknown): never {
  const verdict = classifyError(err);
  const userError = verdict.kind === 'userInput' ? verdict.error : null;
  const message = userError?.message ?? (err instanceof Error ? err.message : String(err));
  const code = userError?.code ?? 'INTERNAL';
  const problems = userError?.problems ?? [];
  if (jsonOutput) process.stdout.write(`${JSON.stringify({ error: { message, code, problems } }, null, 2)}\n`);
  if (!jsonOutput || !userError) process.stderr.write(`mmm: ${message}\n${problems.map((p) => `${problemLine(p)}\n`).join('')}`);
  if (!userError && process.env.LOG_LEVEL === 'debug' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(userError ? 2 : 1);
}

export function csvList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
