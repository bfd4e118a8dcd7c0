import 'reflect-metadata';
import { cliLogger, print } from './cliOutput';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { renderAnswerText, trainingOutcome } from './services/answerText';
import { createApiKey, parseRole } from './services/apiKeys';
import type { AppContext } from './services/appContext';
import { answerQuestion } from './services/ask';
import { defaultDataset, getDataset } from './services/datasets';
import { parseFitChoices, type FitChoices } from './services/fitChoices';
import { ingestCsv } from './services/ingest';
import { runJobNow } from './services/jobs';
import { holdCpuPool } from './services/cpuPool';
import { getModelVersion, trainModel } from './services/models';

/** The `mmm` commands that work on the database (DATABASE_URL or the embedded one), loaded only when one of them runs. */

/** Runs a command body against the database, then closes it. */
export async function withApp<T>(body: (app: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = await cliLogger();
  const database = await openDatabase(config, log, { poolSize: 4 });
  try {
    // The Slack client is loaded only when there is a token: most commands never post.
    const jobNotifier = config.slack.botToken ? (await import('../bot/jobNotifier.js')).slackJobNotifier(config) : null;
    return await body({ ds: database.dataSource, log, config, jobNotifier });
  } finally {
    await database.close();
  }
}

export async function migrateCommand(): Promise<void> {
  await withApp(async () => undefined);
  print({ migrated: true }, 'Database is up to date.');
}

export async function createKeyCommand(opts: { role: string; name?: string }): Promise<void> {
  const role = parseRole(opts.role);
  const created = await withApp((app) => createApiKey(app.ds, role, opts.name ?? null));
  print({ key: created.key, role: created.role }, `${created.key}\n(role ${created.role}; store it now, it is not shown again)`);
}

type TrainOptions = { dataset?: string; holdout: number; seed: number; promote?: boolean } & Partial<Record<keyof FitChoices, string>>;

export async function trainCommand(opts: TrainOptions): Promise<void> {
  const choices = parseFitChoices(opts, (name) => `--${name}`);
  const version = await withApp(async (app) => {
    const dataset = opts.dataset ? await getDataset(app.ds, opts.dataset) : await defaultDataset(app.ds);
    // A one-shot command serves nothing: the fit takes every core.
    const hold = holdCpuPool();
    hold.pool.fitThreads = hold.pool.threads;
    return trainModel(app.ds, dataset.id, { holdoutWeeks: opts.holdout, seed: opts.seed, choices, promote: opts.promote ?? false, createdBy: 'cli' }, app.log).finally(hold.release);
  });
  print(
    {
      modelVersionId: version.id,
      status: version.status,
      metrics: version.metrics,
      fitMs: version.fitMs,
      fit: { adstock: version.adstock, saturation: version.saturation, effort: version.effort },
    },
    `Model ${version.id}: ${version.status}, holdout MAPE ${((version.metrics?.holdoutMape ?? NaN) * 100).toFixed(1)}%, fitted in ${version.fitMs} ms`,
  );
}

export async function ingestCommand(opts: { csv: string; dataset: string; date?: string; kpi?: string; channels?: string[]; controls?: string[] }): Promise<void> {
  const mapping = Object.fromEntries(Object.entries({ date: opts.date, kpi: opts.kpi, channels: opts.channels, controls: opts.controls }).filter(([, v]) => v !== undefined));
  const result = await withApp((app) => ingestCsv(app, { csv: opts.csv, dataset: opts.dataset, mapping }));
  const findings = result.quality.findings;
  print(
    { dataset: result.dataset, rowsRead: result.rowsRead, weeksUpserted: result.weeksUpserted, newWeeks: result.newWeeks, warnings: result.warnings, quality: { findings } },
    [
      `${result.dataset}: read ${result.rowsRead} rows, upserted ${result.weeksUpserted} weeks (${result.newWeeks} new)`,
      ...result.warnings.map((w) => `note: ${w}`),
      findings.length === 0 ? 'Data quality: no findings' : `Data quality: ${findings.length} finding(s)`,
      ...findings.map((f) => `  - ${f.kind}${f.channel ? ` [${f.channel}]` : ''}${f.week ? ` ${f.week}` : ''}: ${f.detail}`),
    ].join('\n'),
  );
}

export async function askCommand(question: string, opts: { dataset?: string; notebook?: string }): Promise<void> {
  const { answer, text } = await withApp(async (app) => {
    const { answer, context } = await answerQuestion(app, {
      text: question,
      dataset: opts.dataset,
      conversation: opts.notebook ? { kind: 'notebook', notebookId: opts.notebook } : { kind: 'new', source: 'cli' },
      askedBy: 'cli',
    });
    const text = renderAnswerText(answer, context);
    if (answer.kind !== 'train') return { answer, text };
    // As in Slack, "retrain the model" trains: here the command waits for the result.
    const version = await getModelVersion(app.ds, answer.modelVersionId);
    const dataset = await getDataset(app.ds, version.datasetId);
    const run = await runJobNow(app, { kind: 'retrain', datasetId: dataset.id }, { wait: true, slack: null });
    return { answer: { ...answer, jobRun: { id: run.id, status: run.status, output: run.output, error: run.error } }, text: `${text}\n${trainingOutcome(dataset.name, run).text}` };
  });
  print({ ...answer, text }, text);
}
