import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { createLogger, setLogger, type Logger } from './logger';
import { createApiKey, parseRole } from './services/apiKeys';
import type { AppContext } from './services/appContext';
import { defaultDataset, getDataset } from './services/datasets';
import { toUserFacing } from './services/errors';
import { ask } from './services/ask';
import { loadAnswerContext, renderAnswerText, trainingOutcome } from './services/answerText';
import { ingestCsv } from './services/ingest';
import { getModelVersion, trainModel } from './services/models';
import { FIT_CHOICE_VALUES, parseFitChoices, type FitChoices } from './services/fitChoices';
import { runJobNow } from './services/jobs';
import { registerEngineCommands } from './cliEngine';
import { main as runServer } from './server';

/**
 * The `mmm` command. Every command takes `--json` and then prints exactly one JSON document
 * on stdout; logs and progress go to stderr so that stdout stays parseable.
 */
export interface CommandIO {
  log: Logger;
  /** Prints the result: the JSON document with --json, else the human text. */
  print(json: unknown, text: string): void;
}

// Set per invocation from the --json flag of the command being run.
let jsonOutput = false;

export function io(): CommandIO {
  return {
    log: cliLogger(),
    print: (json, text) => process.stdout.write(jsonOutput ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`),
  };
}

let cachedLogger: Logger | null = null;
function cliLogger(): Logger {
  cachedLogger ??= createLogger({ destination: 'stderr', level: process.env.LOG_LEVEL ?? 'warn' });
  setLogger(cachedLogger);
  return cachedLogger;
}

/** Runs a command body against the database (DATABASE_URL or the embedded one), then closes it. */
export async function withApp<T>(body: (app: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = cliLogger();
  const database = await openDatabase(config, log, { poolSize: 4 });
  try {
    return await body({ ds: database.dataSource, log, config });
  } finally {
    await database.close();
  }
}

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

export function csvList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `--adstock`, `--saturation`, `--effort`: read as text and checked in the action, so that a bad value is reported like any bad input (JSON with --json). */
export function withFitChoiceOptions(command: Command, defaults: string): Command {
  return command
    .option('--adstock <type>', `carry-over shape: ${FIT_CHOICE_VALUES.adstock.join(' | ')} (default: ${defaults})`)
    .option('--saturation <type>', `diminishing returns: ${FIT_CHOICE_VALUES.saturation.join(' | ')} (default: ${defaults})`)
    .option('--effort <level>', `search effort: ${FIT_CHOICE_VALUES.effort.join(' | ')} (default: ${defaults})`);
}

export function fitChoicesOf(opts: Partial<Record<keyof FitChoices, string>>): Partial<FitChoices> {
  return parseFitChoices({ adstock: opts.adstock, saturation: opts.saturation, effort: opts.effort }, (name) => `--${name}`);
}

function reportFailure(err: unknown): never {
  const userError = toUserFacing(err);
  if (userError) {
    const { message, problems, code } = userError;
    if (jsonOutput) process.stdout.write(`${JSON.stringify({ error: { message, code, problems } }, null, 2)}\n`);
    else {
      process.stderr.write(`mmm: ${message}\n`);
      for (const p of problems) {
        const where = [p.row !== undefined ? `row ${p.row}` : null, p.column ? `column ${p.column}` : null, p.path ?? null].filter(Boolean).join(', ');
        process.stderr.write(`  - ${where ? `${where}: ` : ''}${p.message}\n`);
      }
    }
    process.exit(2);
  }
  const message = err instanceof Error ? err.message : String(err);
  if (jsonOutput) process.stdout.write(`${JSON.stringify({ error: { message, code: 'INTERNAL' } })}\n`);
  process.stderr.write(`mmm: ${message}\n`);
  if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}

export function buildProgram(): Command {
  const program = new Command('mmm')
    .description('Mixwise: media-mix models, what-if scenarios and budget optimization')
    .showHelpAfterError()
    .hook('preAction', (_this, action) => {
      jsonOutput = Boolean(action.opts().json);
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'print one JSON document')
    .action(async () => {
      await withApp(async () => undefined);
      io().print({ migrated: true }, 'Database is up to date.');
    });

  program
    .command('serve')
    .description('run the server (GraphQL, Slack, scheduler) like `npm start`')
    .action(() => runServer());

  const key = program.command('key').description('API keys for the GraphQL API');
  key
    .command('create')
    .description('create an API key and print it (shown only once)')
    .requiredOption('--role <role>', 'viewer | analyst | admin')
    .option('--name <name>', 'a label to recognise the key by')
    .option('--json', 'print one JSON document')
    .action(async (opts: { role: string; name?: string }) => {
      const role = parseRole(opts.role);
      const created = await withApp((app) => createApiKey(app.ds, role, opts.name ?? null));
      io().print({ key: created.key, role: created.role }, `${created.key}\n(role ${created.role}; store it now, it is not shown again)`);
    });

  withFitChoiceOptions(
    program
      .command('train')
      .description('fit a new model version on a dataset (a candidate; --promote makes it production)')
      .option('--dataset <name>', 'dataset name or id (default: the only or the demo dataset)')
      .option('--holdout <weeks>', 'weeks held out to measure forecast error', positiveInt('--holdout'), 13)
      .option('--seed <n>', 'random seed', positiveInt('--seed'), 1)
      .option('--promote', 'promote the new model whatever its holdout error'),
    "as the production model",
  )
    .option('--json', 'print one JSON document')
    .action(async (opts: { dataset?: string; holdout: number; seed: number; promote?: boolean } & Partial<Record<keyof FitChoices, string>>) => {
      const choices = fitChoicesOf(opts);
      const version = await withApp(async (app) => {
        const dataset = opts.dataset ? await getDataset(app.ds, opts.dataset) : await defaultDataset(app.ds);
        return trainModel(app.ds, dataset.id, { holdoutWeeks: opts.holdout, seed: opts.seed, choices, promote: opts.promote ?? false, createdBy: 'cli' }, app.log);
      });
      io().print(
        {
          modelVersionId: version.id,
          status: version.status,
          metrics: version.metrics,
          fitMs: version.fitMs,
          fit: { adstock: version.adstock, saturation: version.saturation, effort: version.effort },
        },
        `Model ${version.id}: ${version.status}, holdout MAPE ${((version.metrics?.holdoutMape ?? NaN) * 100).toFixed(1)}%, fitted in ${version.fitMs} ms`,
      );
    });

  program
    .command('ingest')
    .description('upsert the weeks of a CSV into a dataset (one transaction) and report data quality')
    .requiredOption('--csv <file>', 'weekly CSV file')
    .requiredOption('--dataset <name>', 'dataset to create or add weeks to')
    .option('--date <column>', 'date column (detected: date, week, week_start)')
    .option('--kpi <column>', 'KPI column (detected: kpi, revenue, sales)')
    .option('--channels <a,b>', 'spend columns or channel keys (detected: *_spend, spend_*, mdsp_*)', csvList)
    .option('--controls <x,y>', 'control columns (detected: hldy_*, holiday*, promo*, ctrl_*)', csvList)
    .option('--json', 'print one JSON document')
    .action(async (opts: { csv: string; dataset: string; date?: string; kpi?: string; channels?: string[]; controls?: string[] }) => {
      const mapping = Object.fromEntries(
        Object.entries({ date: opts.date, kpi: opts.kpi, channels: opts.channels, controls: opts.controls }).filter(([, v]) => v !== undefined),
      );
      const result = await withApp((app) => ingestCsv(app, { csv: opts.csv, dataset: opts.dataset, mapping }));
      const findings = result.quality.findings;
      io().print(
        { dataset: result.dataset, rowsRead: result.rowsRead, weeksUpserted: result.weeksUpserted, newWeeks: result.newWeeks, warnings: result.warnings, quality: { findings } },
        [
          `${result.dataset}: read ${result.rowsRead} rows, upserted ${result.weeksUpserted} weeks (${result.newWeeks} new)`,
          ...result.warnings.map((w) => `note: ${w}`),
          findings.length === 0 ? 'Data quality: no findings' : `Data quality: ${findings.length} finding(s)`,
          ...findings.map((f) => `  - ${f.kind}${f.channel ? ` [${f.channel}]` : ''}${f.week ? ` ${f.week}` : ''}: ${f.detail}`),
        ].join('\n'),
      );
    });

  program
    .command('ask')
    .description('ask a question in plain words against the production model (or a model file); prints what Slack would answer')
    .argument('<question>', 'e.g. "what if we move 20% from TV to search?"')
    .option('--dataset <name>', 'dataset name or id (default: the only or the demo dataset)')
    .option('--model <file>', 'answer from a model file written by `mmm fit --save`, without the database')
    .option('--notebook <id>', 'continue a notebook (follow-ups build on its last scenario); with --model, a notebook file kept between runs')
    .option('--json', 'print one JSON document')
    .action(async (question: string, opts: { dataset?: string; notebook?: string; model?: string }) => {
      if (opts.model) {
        const { askFromModelFile } = await import('./cliAskModel.js');
        const { answer, text } = askFromModelFile(opts.model, question, opts.notebook);
        io().print({ ...answer, text }, text);
        return;
      }
      const { answer, text } = await withApp(async (app) => {
        const answer = await ask(app, {
          text: question,
          dataset: opts.dataset,
          conversation: opts.notebook ? { kind: 'notebook', notebookId: opts.notebook } : { kind: 'new', source: 'cli' },
          askedBy: 'cli',
        });
        const text = renderAnswerText(answer, await loadAnswerContext(app.ds, answer));
        if (answer.kind !== 'train') return { answer, text };
        // As in Slack, "retrain the model" trains: here the command waits for the result.
        const version = await getModelVersion(app.ds, answer.modelVersionId);
        const dataset = await getDataset(app.ds, version.datasetId);
        const run = await runJobNow(app, { kind: 'retrain', datasetId: dataset.id }, { wait: true, slack: null });
        return { answer: { ...answer, jobRun: { id: run.id, status: run.status, output: run.output, error: run.error } }, text: `${text}\n${trainingOutcome(dataset.name, run).text}` };
      });
      io().print({ ...answer, text }, text);
    });

  registerEngineCommands(program);
  return program;
}

/** Entry point of `mmm` (bin/mmm.js) and of `node dist/src/cli.js`. */
export function runCli(argv: string[] = process.argv): Promise<unknown> {
  return buildProgram()
    .parseAsync(argv)
    .catch((err: unknown) => reportFailure(err));
}

if (require.main === module) void runCli();
