import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_AIM, DEFAULT_HORIZON_WEEKS } from './scenarios/spec';
import { badInput } from './services/errors';
import { DEFAULT_FIT_CHOICES, FIT_CHOICE_VALUES, type FitChoices } from './services/fitChoices';
import { csvList, isJsonOutput, reportFailure, setJsonOutput } from './cliOutput';

/**
 * The `mmm` command. Every command takes `--json` and then prints exactly one JSON document
 * on stdout, its errors included; logs and progress go to stderr so that stdout stays parseable.
 *
 * This file only declares the commands: each one's work is imported when it runs, so that
 * `mmm --help`, `mmm whatif` and `mmm optimize` start without loading the database, GraphQL,
 * Slack or chart modules (cliEngine.ts needs none of them; cliDatabase.ts opens the database).
 * A new command keeps that: declare it here, import its module inside its action.
 */

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

/** `--adstock`, `--saturation`, `--effort`: read as text and checked in the action, so that a bad value is reported like any bad input. */
function withFitChoiceOptions(command: Command, defaults: FitChoices | string): Command {
  const otherwise = (name: keyof FitChoices) => (typeof defaults === 'string' ? defaults : defaults[name]);
  return command
    .option('--adstock <type>', `carry-over shape: ${FIT_CHOICE_VALUES.adstock.join(' | ')} (default: ${otherwise('adstock')})`)
    .option('--saturation <type>', `diminishing returns: ${FIT_CHOICE_VALUES.saturation.join(' | ')} (default: ${otherwise('saturation')})`)
    .option('--effort <level>', `search effort: ${FIT_CHOICE_VALUES.effort.join(' | ')} (default: ${otherwise('effort')})`);
}

const engine = () => import('./cliEngine.js');
const database = () => import('./cliDatabase.js');

export function buildProgram(): Command {
  const program = new Command('mmm')
    .description('Mixwise: media-mix models, what-if scenarios and budget optimization')
    .showHelpAfterError()
    // Commander's own errors (a missing option, a bad value) come back here to be reported like any
    // bad input; with --json its words stay off stdout. Set before the commands, which inherit both.
    .exitOverride()
    .configureOutput({ writeErr: (text) => void (isJsonOutput() ? undefined : process.stderr.write(text)) });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .option('--json', 'print one JSON document')
    .action(async () => (await database()).migrateCommand());

  program
    .command('serve')
    .description('run the server (GraphQL, Slack, scheduler) like `npm start`')
    .action(async () => (await import('./server.js')).main());

  const key = program.command('key').description('API keys for the GraphQL API');
  key
    .command('create')
    .description('create an API key and print it (shown only once)')
    .requiredOption('--role <role>', 'viewer | analyst | admin')
    .option('--name <name>', 'a label to recognise the key by')
    .option('--json', 'print one JSON document')
    .action(async (opts) => (await database()).createKeyCommand(opts));

  withFitChoiceOptions(
    program
      .command('train')
      .description('fit a new model version on a dataset (a candidate; --promote makes it production)')
      .option('--dataset <name>', 'dataset name or id (default: the only or the demo dataset)')
      .option('--holdout <weeks>', 'weeks held out to measure forecast error', positiveInt('--holdout'), 13)
      .option('--seed <n>', 'random seed', positiveInt('--seed'), 1)
      .option('--promote', 'promote the new model whatever its holdout error'),
    "the production model's",
  )
    .option('--json', 'print one JSON document')
    .action(async (opts) => (await database()).trainCommand(opts));

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
    .action(async (opts) => (await database()).ingestCommand(opts));

  program
    .command('ask')
    .description('ask a question in plain words against the production model (or a model file); prints what Slack would answer')
    .argument('<question>', 'e.g. "what if we move 20% from TV to search?"')
    .option('--dataset <name>', 'dataset name or id (default: the only or the demo dataset)')
    .option('--model <file>', 'answer from a model file written by `mmm fit --save`, without the database')
    .option('--notebook <id>', 'continue a notebook (follow-ups build on its last scenario); with --model, a notebook file kept between runs')
    .option('--json', 'print one JSON document')
    .action(async (question: string, opts: { dataset?: string; notebook?: string; model?: string }) =>
      opts.model ? (await import('./cliAskModel.js')).askModelFileCommand(opts.model, question, opts.notebook) : (await database()).askCommand(question, opts),
    );

  withFitChoiceOptions(
    program
      .command('fit')
      .description('fit a media-mix model on a weekly CSV (no database)')
      .requiredOption('--csv <file>', 'weekly CSV file')
      .requiredOption('--date <column>', 'date column')
      .requiredOption('--kpi <column>', 'KPI column')
      .requiredOption('--channels <a,b,...>', 'spend columns or channel keys, one per channel (tv_spend is channel tv, as `mmm ingest` names it)', csvList)
      .option('--controls <x,y>', 'control columns', csvList, [])
      .option('--names <list|file>', 'channel names: tv_spend=TV,search_spend=Paid Search, or a JSON file like data/demo_channels.json (default: derived from the keys)')
      .option('--holdout <weeks>', 'weeks held out at the end to measure forecast error', positiveInt('--holdout'), 0)
      .option('--seed <n>', 'random seed (same seed, same model)', positiveInt('--seed'), 1)
      .option('--save <file>', 'write the model document (JSON) here'),
    DEFAULT_FIT_CHOICES,
  )
    .option('--json', 'print one JSON document')
    .action(async (opts) => (await engine()).fitCommand(opts));

  program
    .command('whatif')
    .description('evaluate a what-if on a saved model: a question in plain words, or --spec JSON')
    .requiredOption('--model <file>', 'model document written by `mmm fit --save`')
    .argument('[question]', 'e.g. "what if we move 20% from TV to search?"')
    .option('--spec <json>', 'a WhatIfSpec or intent as JSON instead of a question')
    .option('--weeks <n>', `horizon in weeks (default ${DEFAULT_HORIZON_WEEKS})`)
    .option('--json', 'print one JSON document')
    .action(async (question: string | undefined, opts) => (await engine()).whatIfCommand(question, opts));

  program
    .command('optimize')
    .description('find the weekly plan that maximizes the KPI for a weekly budget on a saved model')
    .requiredOption('--model <file>', 'model document written by `mmm fit --save`')
    .option('--budget <amount>', "total weekly spend to allocate (default: today's)")
    .option('--weeks <n>', `horizon in weeks (default ${DEFAULT_HORIZON_WEEKS})`)
    .option('--bounds <ch=lo:hi,...>', 'weekly spend bounds per channel')
    .option('--max-change <fraction>', 'no channel moves by more than this fraction of its current spend (0.2 = ±20%)')
    .option('--aim <aim>', `what the plan is best at: expected|point|safest|confident (default ${DEFAULT_AIM === 'pointEstimate' ? 'point' : DEFAULT_AIM})`)
    .option('--confidence <p>', "with --aim confident: the probability of beating today's plan to plan for, 0.5 to 0.99 (default 0.9)")
    .option('--json', 'print one JSON document')
    .action(async (opts) => (await engine()).optimizeCommand(opts));

  return program;
}

/** Commander's own outcomes: help and version end the command normally; anything else is bad input. */
function commanderOutcome(err: CommanderError): void {
  if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(err.code)) process.exit(err.exitCode);
  const message = err.message.replace(/^error: /, '');
  reportFailure(badInput(message.charAt(0).toUpperCase() + message.slice(1), []));
}

/** Entry point of `mmm` (bin/mmm.js) and of `node dist/src/cli.js`. */
export function runCli(argv: string[] = process.argv): Promise<unknown> {
  setJsonOutput(argv.slice(2).includes('--json'));
  return buildProgram()
    .parseAsync(argv).catch((err: unknown) => (err instanceof CommanderError ? commanderOutcome(err) : reportFailure(err)));
}

if (require.main === module) void runCli();
