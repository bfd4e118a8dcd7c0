import { readFileSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { readWeeklyCsv } from './data';
import { channelKeyOf, parseQuestion, type ChannelVocabulary } from './language';
import { vocabularyFromKeys } from './services/computeScenario';
import { channelSummaries, currentWeeklySpend, fitModel, parseModel, serializeModel, type MmmModel } from './mmm';
import type { ScenarioResult } from './scenarios';
import { DEFAULT_AIM, type Constraint, type Intent, type OptimizeSpec, type PlanAim, type WhatIfSpec } from './scenarios/spec';
import { DEFAULT_HORIZON_WEEKS } from './scenarios/spec';
import { computeScenario } from './services/computeScenario';
import { badInput } from './services/errors';
import { scenarioText } from './services/answerText';
import { csvList, fitChoicesOf, io, positiveInt, withFitChoiceOptions } from './cli';
import { DEFAULT_FIT_CHOICES, type FitChoices } from './services/fitChoices';

/**
 * The engine commands that need no database: `fit`, `whatif`, `optimize` work on CSV files
 * and model documents, so analysts can use the model without running the server.
 */
export function registerEngineCommands(program: Command): void {
  registerScenarioCommands(program);
  const defaults = `${DEFAULT_FIT_CHOICES.adstock}, ${DEFAULT_FIT_CHOICES.saturation}, ${DEFAULT_FIT_CHOICES.effort}`;
  withFitChoiceOptions(
    program
      .command('fit')
      .description('fit a media-mix model on a weekly CSV (no database)')
      .requiredOption('--csv <file>', 'weekly CSV file')
      .requiredOption('--date <column>', 'date column')
      .requiredOption('--kpi <column>', 'KPI column')
      .requiredOption('--channels <a,b,...>', 'spend columns, one per channel (channel keys are these names)', csvList)
      .option('--controls <x,y>', 'control columns', csvList, [])
      .option('--holdout <weeks>', 'weeks held out at the end to measure forecast error', positiveInt('--holdout'), 0)
      .option('--seed <n>', 'random seed (same seed, same model)', positiveInt('--seed'), 1)
      .option('--save <file>', 'write the model document (JSON) here'),
    defaults,
  )
    .option('--json', 'print one JSON document')
    .action(async (opts: { csv: string; date: string; kpi: string; channels: string[]; controls: string[]; holdout: number; seed: number; save?: string } & Partial<Record<keyof FitChoices, string>>) => {
      const choices = { ...DEFAULT_FIT_CHOICES, ...fitChoicesOf(opts) };
      const { log, print } = io();
      const { data } = await readWeeklyCsv(opts.csv, {
        date: opts.date,
        kpi: opts.kpi,
        channels: opts.channels.map((column) => ({ key: column, spendColumn: column })),
        controls: opts.controls,
      });
      const started = performance.now();
      const model = await fitModel(data, {
        holdoutWeeks: opts.holdout,
        seed: opts.seed,
        adstock: choices.adstock,
        saturation: choices.saturation,
        search: choices.effort,
        onProgress: (p) => process.stderr.write(`\r${p.stage} ${p.done}/${p.total}   `),
      });
      const fitMs = Math.round(performance.now() - started);
      process.stderr.write('\n');
      if (opts.save) writeFileSync(opts.save, serializeModel(model));
      const summaries = channelSummaries(model);
      const channels = Object.fromEntries(
        Object.entries(summaries).map(([key, s]) => [
          key,
          { roas: s.roas, roasLow: s.roasLow, roasHigh: s.roasHigh, mroas: s.mroas, decay: s.decay, halfSaturation: s.halfSaturation, contributionShare: s.contributionShare },
        ]),
      );
      const m = model.metrics;
      const lines = [
        `Fitted ${data.channels.length} channels on ${data.dates.length} weeks in ${fitMs} ms (${choices.adstock} adstock, ${choices.saturation} saturation, ${choices.effort} effort)`,
        `R² ${m.r2.toFixed(3)}, MAPE ${(m.mape * 100).toFixed(1)}%` + (m.holdoutMape !== null ? `, holdout MAPE ${(m.holdoutMape * 100).toFixed(1)}%` : ''),
        ...Object.entries(channels).map(([k, c]) => `  ${k.padEnd(12)} ROAS ${c.roas.toFixed(2)} (90%: ${c.roasLow.toFixed(2)}–${c.roasHigh.toFixed(2)}), marginal ${c.mroas.toFixed(2)}, share ${(c.contributionShare * 100).toFixed(1)}%`),
      ];
      log.debug({ fitMs }, 'fit done');
      print(
        { channels, metrics: { r2: m.r2, mape: m.mape, nrmse: m.nrmse, holdoutMape: m.holdoutMape, holdoutR2: m.holdoutR2 }, fitMs, fit: { ...choices, fourierOrder: model.fourierOrder } },
        lines.join('\n'),
      );
    });
}

export { vocabularyFromKeys };

function readModelFile(path: string): MmmModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badInput(`Cannot read the model file ${path}`, [{ path: '--model', message: 'file not found or unreadable' }]);
  }
  return parseModel(text);
}

function weeksOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 104) throw new InvalidArgumentError(`--weeks must be a whole number of weeks from 1 to 104, got "${value}"`);
  return n;
}

/** `--aim` words: the spec's aims, with `point` for the point estimate. */
const CLI_AIMS: Record<string, PlanAim> = { expected: 'expected', point: 'pointEstimate', safest: 'safest', confident: 'confident' };

function aimOption(value: string): PlanAim {
  const aim = CLI_AIMS[value];
  if (!aim) throw new InvalidArgumentError(`--aim must be one of ${Object.keys(CLI_AIMS).join(', ')}, got "${value}"`);
  return aim;
}

function moneyOption(name: string) {
  return (value: string): number => {
    const n = Number(value.replace(/[$,_\s]/g, ''));
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be an amount ≥ 0, got "${value}"`);
    return n;
  };
}

/** `--bounds tv=10000:50000,search=:20000` → bounds constraints on weekly spend. */
export function parseBounds(value: string, channels: ChannelVocabulary[]): Constraint[] {
  return csvList(value).map((item) => {
    const match = /^([^=]+)=\s*([0-9.]*)\s*:\s*([0-9.]*)$/.exec(item);
    if (!match) throw badInput(`--bounds: "${item}" is not channel=min:max (either side may be empty)`, [{ path: '--bounds', message: item }]);
    // "TV", "tv" or "Paid Search" name the channel whose key is tv_spend or search_spend.
    const found = channelKeyOf(match[1], channels);
    const keys = channels.map((c) => c.key);
    if (!found || !('key' in found)) throw badInput(`--bounds: unknown channel "${match[1].trim()}". Channels: ${keys.join(', ')}`, [{ path: '--bounds', message: match[1].trim() }]);
    const channel = found.key;
    const min = match[2] === '' ? undefined : Number(match[2]);
    const max = match[3] === '' ? undefined : Number(match[3]);
    if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max))) throw badInput(`--bounds: "${item}" has a bound that is not a number`);
    if (min !== undefined && max !== undefined && min > max) throw badInput(`--bounds: for ${channel} the minimum ${min} is above the maximum ${max}`, [{ path: '--bounds', message: item }]);
    return { kind: 'bounds', channel, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } as Constraint;
  });
}

function printScenario(result: ScenarioResult, model: MmmModel, channels: ChannelVocabulary[]): void {
  const context = { channelNames: Object.fromEntries(channels.map((c) => [c.key, c.displayName])), modelMetrics: { ...model.metrics } };
  const lines = scenarioText(result, model.data.kpiName, context);
  io().print(result, [...(result.restatement ? [result.restatement] : []), ...lines].join('\n'));
}

export function registerScenarioCommands(program: Command): void {
  program
    .command('whatif')
    .description('evaluate a what-if on a saved model: a question in plain words, or --spec JSON')
    .requiredOption('--model <file>', 'model document written by `mmm fit --save`')
    .argument('[question]', 'e.g. "what if we move 20% from TV to search?"')
    .option('--spec <json>', 'a WhatIfSpec or intent as JSON instead of a question')
    .option('--weeks <n>', 'horizon in weeks (default 13)', weeksOption)
    .option('--json', 'print one JSON document')
    .action((question: string | undefined, opts: { model: string; spec?: string; weeks?: number }) => {
      const model = readModelFile(opts.model);
      const channels = vocabularyFromKeys(model.channels);
      let intent: Intent;
      if (opts.spec) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(opts.spec);
        } catch (err) {
          throw badInput(`--spec is not valid JSON: ${(err as Error).message}`, [{ path: '--spec', message: 'invalid JSON' }]);
        }
        const candidate = parsed as Partial<Intent> & Partial<WhatIfSpec>;
        intent = candidate.kind ? (candidate as Intent) : { kind: 'whatIf', spec: { ...(parsed as WhatIfSpec), weeks: (parsed as WhatIfSpec).weeks ?? DEFAULT_HORIZON_WEEKS } };
      } else if (question) {
        intent = parseQuestion(question, { channels, currentWeeklySpend: currentWeeklySpend(model), defaultWeeks: opts.weeks }).intent;
      } else {
        throw badInput('Give a question ("what if we cut TV by 30%?") or --spec JSON');
      }
      if (intent.kind !== 'whatIf' && intent.kind !== 'optimize') {
        const reason = intent.kind === 'unknown' ? intent.reason : intent.kind === 'clarify' ? intent.question : `"${question}" asks for ${intent.kind}, not a scenario`;
        throw badInput(reason, [{ path: 'question', message: 'not a scenario' }]);
      }
      if (opts.weeks) intent.spec.weeks = opts.weeks;
      // Restated from what was run, so a --spec or a --weeks override reads right too.
      printScenario(computeScenario(model, intent, channels), model, channels);
    });

  program
    .command('optimize')
    .description('find the weekly plan that maximizes the KPI for a weekly budget on a saved model')
    .requiredOption('--model <file>', 'model document written by `mmm fit --save`')
    .option('--budget <amount>', 'total weekly spend to allocate (default: today\'s)', moneyOption('--budget'))
    .option('--weeks <n>', 'horizon in weeks (default 13)', weeksOption, DEFAULT_HORIZON_WEEKS)
    .option('--bounds <ch=lo:hi,...>', 'weekly spend bounds per channel')
    .option('--max-change <fraction>', 'no channel moves by more than this fraction of its current spend (0.2 = ±20%)', Number)
    .option('--aim <aim>', `what the plan is best at: ${Object.keys(CLI_AIMS).join('|')} (default ${DEFAULT_AIM === 'pointEstimate' ? 'point' : DEFAULT_AIM})`, aimOption)
    .option('--confidence <p>', 'with --aim confident: the probability of beating today\'s plan to plan for, 0.5 to 0.99 (default 0.9)', Number)
    .option('--json', 'print one JSON document')
    .action((opts: { model: string; budget?: number; weeks: number; bounds?: string; maxChange?: number; aim?: PlanAim; confidence?: number }) => {
      const model = readModelFile(opts.model);
      const channels = vocabularyFromKeys(model.channels);
      const constraints: Constraint[] = opts.bounds ? parseBounds(opts.bounds, channels) : [];
      if (opts.maxChange !== undefined) {
        if (!Number.isFinite(opts.maxChange) || opts.maxChange < 0) throw badInput(`--max-change must be a fraction ≥ 0, got ${opts.maxChange}`);
        constraints.push({ kind: 'maxChange', fraction: opts.maxChange });
      }
      const spec: OptimizeSpec = {
        objective: { kind: 'maxKpi', ...(opts.budget !== undefined ? { budget: { amount: opts.budget, per: 'week' as const } } : {}) },
        constraints,
        weeks: opts.weeks,
        ...(opts.aim ? { aim: opts.aim } : {}),
        ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}),
      };
      printScenario(computeScenario(model, { kind: 'optimize', spec }, channels), model, channels);
    });
}
