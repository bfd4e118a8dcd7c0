import { readFileSync, writeFileSync } from 'node:fs';
import { csvList, print } from './cliOutput';
import { readWeeklyCsv } from './data';
import type { ColumnMapping } from './data/mapping';
import { channelKeyOf, parseQuestion, type ChannelVocabulary } from './language';
import { channelNames, type ChannelNaming } from './language/channelNames';
import { channelSummaries, currentWeeklySpend, fitModel, parseModel, serializeModel, type MmmModel } from './mmm';
import type { ScenarioResult } from './scenarios';
import { DEFAULT_HORIZON_WEEKS, type Constraint, type Intent, type OptimizeSpec, type PlanAim, type WhatIfSpec } from './scenarios/spec';
import { confidenceProblem, horizonProblem, maxChangeProblem, positiveAmountProblem, rangeEndProblem, rangeOrderProblem, MAX_MONEY } from './scenarios/specRules';
import { scenarioText, type AnswerContext } from './services/answerText';
import { computeScenario, modelVocabulary } from './services/computeScenario';
import { holdCpuPool } from './services/cpuPool';
import { badInput, InputProblems } from './services/errors';
import { DEFAULT_FIT_CHOICES, parseFitChoices, type FitChoices } from './services/fitChoices';

/**
 * The engine commands that need no database: `fit`, `whatif`, `optimize` work on CSV files
 * and model documents, so analysts can use the model without running the server. Their
 * channels are keyed and named as the server keys and names them, and their numbers are
 * checked by the rules GraphQL checks them by (src/scenarios/specRules.ts).
 */

type FitOptions = {
  csv: string;
  date: string;
  kpi: string;
  channels: string[];
  controls: string[];
  names?: string;
  holdout: number;
  seed: number;
  save?: string;
} & Partial<Record<keyof FitChoices, string>>;

export async function fitCommand(opts: FitOptions): Promise<void> {
  const choices = { ...DEFAULT_FIT_CHOICES, ...parseFitChoices(opts, (name) => `--${name}`) };
  // Channels as `mmm ingest` reads them: `tv_spend` is channel `tv`, and `--channels tv` finds tv_spend.
  const { data, mapping } = await readWeeklyCsv(opts.csv, { date: opts.date, kpi: opts.kpi, channels: opts.channels, controls: opts.controls });
  const given = opts.names ? namesOption(opts.names, mapping) : {};
  const started = performance.now();
  // On the worker pool, as the server fits: the same steps, here on every core (nothing else to serve).
  const { pool, release } = holdCpuPool();
  pool.fitThreads = pool.threads;
  const fitted = await fitModel(data, {
    holdoutWeeks: opts.holdout,
    seed: opts.seed,
    adstock: choices.adstock,
    saturation: choices.saturation,
    search: choices.effort,
    // A progress line redrawn in place means something only on a terminal; in a pipe or a log it is noise.
    onProgress: process.stderr.isTTY ? (p) => process.stderr.write(`\r\x1b[K${p.stage} ${p.done}/${p.total}`) : undefined,
    runner: pool.runFit,
  }).finally(release);
  const fitMs = Math.round(performance.now() - started);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  const model: MmmModel = { ...fitted, channelNames: Object.fromEntries(fitted.channels.map((key) => [key, channelNames(key, given[key])])) };
  if (opts.save) writeFileSync(opts.save, serializeModel(model));
  const summaries = channelSummaries(model);
  const channels = Object.fromEntries(
    Object.entries(summaries).map(([key, s]) => [
      key,
      { roas: s.roas, roasLow: s.roasLow, roasHigh: s.roasHigh, mroas: s.mroas, decay: s.decay, halfSaturation: s.halfSaturation, contributionShare: s.contributionShare },
    ]),
  );
  const m = model.metrics;
  const names = model.channelNames!;
  const lines = [
    `Fitted ${data.channels.length} channels on ${data.dates.length} weeks in ${fitMs} ms (${choices.adstock} adstock, ${choices.saturation} saturation, ${choices.effort} effort)`,
    `R² ${m.r2.toFixed(3)}, MAPE ${(m.mape * 100).toFixed(1)}%` + (m.holdoutMape !== null ? `, holdout MAPE ${(m.holdoutMape * 100).toFixed(1)}%` : ''),
    ...Object.entries(channels).map(([k, c]) => `  ${names[k].displayName.padEnd(12)} ROAS ${c.roas.toFixed(2)} (90%: ${c.roasLow.toFixed(2)}–${c.roasHigh.toFixed(2)}), marginal ${c.mroas.toFixed(2)}, share ${(c.contributionShare * 100).toFixed(1)}%`),
  ];
  print(
    {
      channels,
      channelNames: names,
      metrics: { r2: m.r2, mape: m.mape, nrmse: m.nrmse, holdoutMape: m.holdoutMape, holdoutR2: m.holdoutR2 },
      fitMs,
      fit: { ...choices, fourierOrder: model.fourierOrder },
    },
    lines.join('\n'),
  );
}

/**
 * `--names tv_spend=TV,search=Paid Search` (by column or key), or a JSON file shaped like
 * data/demo_channels.json (`{channels: {key: {displayName, aliases, group}}}`), keyed by channel.
 */
export function namesOption(value: string, mapping: Pick<ColumnMapping, 'channels'>): Record<string, ChannelNaming> {
  const keyOf = (name: string) => mapping.channels.find((c) => c.key === name || c.spendColumn === name)?.key;
  const known = mapping.channels.map((c) => c.key).join(', ');
  const problems = new InputProblems();
  const named: Record<string, ChannelNaming> = {};
  const entries = value.trim().endsWith('.json') ? Object.entries(namingFile(value)) : csvList(value).map((item) => item.split('=').map((s) => s.trim()) as [string, string?]);
  for (const [name, naming] of entries) {
    const key = keyOf(name);
    const given: ChannelNaming = typeof naming === 'string' || naming === undefined ? { displayName: naming } : naming;
    if (!key) problems.add('--names', `"${name}" is not one of the channels fitted (${known})`);
    else if (typeof given.displayName !== 'string' || given.displayName.length === 0 || given.displayName.length > 80) problems.add(`--names ${name}`, 'the display name must be 1 to 80 characters (give name=Display Name)');
    else named[key] = given;
  }
  problems.throwIfAny('channel names');
  return named;
}

function namingFile(path: string): Record<string, ChannelNaming> {
  let document: { channels?: Record<string, ChannelNaming> };
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as typeof document;
  } catch (err) {
    throw badInput(`Cannot read the channel names file ${path}: ${(err as Error).message}`, [{ path: '--names', message: 'not a readable JSON file' }]);
  }
  if (typeof document.channels !== 'object' || document.channels === null) throw badInput(`${path} has no "channels" object (see data/demo_channels.json)`, [{ path: '--names', message: 'no channels' }]);
  return document.channels;
}

/** The model document at `path` (`--model`): unreadable is bad input, like any other. */
export function readModelFile(path: string): MmmModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw badInput(`Cannot read the model file ${path}`, [{ path: '--model', message: 'file not found or unreadable' }]);
  }
  return parseModel(text);
}

/** A number given on the command line; what it must be is the shared rules' business. */
function numberOption(value: string, path: string, problems: InputProblems, money = false): number {
  const n = Number(money ? value.replace(/[$,_\s]/g, '') : value);
  if (value.trim() === '' || !Number.isFinite(n)) problems.add(path, `must be a number, got "${value}"`);
  return n;
}

/** `--aim` words: the spec's aims, with `point` for the point estimate. */
const CLI_AIMS: Record<string, PlanAim> = { expected: 'expected', point: 'pointEstimate', safest: 'safest', confident: 'confident' };

/** `--bounds tv=10000:50000,search=:20000` → bounds constraints on weekly spend, each end checked as GraphQL checks `min` and `max`. */
export function parseBounds(value: string, vocabulary: ChannelVocabulary[], problems: InputProblems): Constraint[] {
  const constraints: Constraint[] = [];
  for (const item of csvList(value)) {
    const match = /^([^=]+)=\s*([^:]*?)\s*:\s*(.*?)\s*$/.exec(item);
    if (!match) {
      problems.add('--bounds', `"${item}" is not channel=min:max (either side may be empty)`);
      continue;
    }
    const key = channelKey(match[1].trim(), vocabulary);
    if (!key) problems.add('--bounds', `"${match[1].trim()}" is not a channel of this model (known: ${vocabulary.map((c) => c.key).join(', ')})`);
    const at = `--bounds ${match[1].trim()}`;
    const end = (text: string, side: 'min' | 'max') => {
      if (text === '') return undefined;
      const n = numberOption(text, `${at} ${side}`, problems, true);
      if (Number.isFinite(n)) problems.check(`${at} ${side}`, rangeEndProblem(n, 'weekly spend', { max: MAX_MONEY }));
      return n;
    };
    const min = end(match[2], 'min');
    const max = end(match[3], 'max');
    if (min === undefined && max === undefined) problems.add(at, 'give min, max or both (channel=min:max)');
    problems.check(`${at} min`, rangeOrderProblem(min, max));
    if (key) constraints.push({ kind: 'bounds', channel: key, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
  }
  return constraints;
}

/** "TV", "tv", "Paid Search" or "ppc" name the channel whose key is tv or search, as in a question. */
function channelKey(name: string, vocabulary: ChannelVocabulary[]): string | undefined {
  const found = channelKeyOf(name, vocabulary);
  return found && 'key' in found ? found.key : undefined;
}

function horizonOption(value: string | undefined, problems: InputProblems): number | undefined {
  if (value === undefined) return undefined;
  const weeks = numberOption(value, '--weeks', problems);
  problems.check('--weeks', horizonProblem(weeks));
  return weeks;
}

/** What the answer texts need to know of a model file: its channels' names and its fit metrics. */
export function modelFileContext(model: MmmModel, channels: ChannelVocabulary[] = modelVocabulary(model)): AnswerContext {
  return { channelNames: Object.fromEntries(channels.map((c) => [c.key, c.displayName])), modelMetrics: { ...model.metrics } };
}

function printScenario(result: ScenarioResult, model: MmmModel, channels: ChannelVocabulary[]): void {
  const lines = scenarioText(result, model.data.kpiName, modelFileContext(model, channels));
  print(result, [...(result.restatement ? [result.restatement] : []), ...lines].join('\n'));
}

export function whatIfCommand(question: string | undefined, opts: { model: string; spec?: string; weeks?: string }): void {
  const problems = new InputProblems();
  const weeks = horizonOption(opts.weeks, problems);
  problems.throwIfAny('what-if');
  const model = readModelFile(opts.model);
  const channels = modelVocabulary(model);
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
    intent = parseQuestion(question, { channels, currentWeeklySpend: currentWeeklySpend(model), defaultWeeks: weeks }).intent;
  } else {
    throw badInput('Give a question ("what if we cut TV by 30%?") or --spec JSON', [{ path: 'question', message: 'missing' }]);
  }
  if (intent.kind !== 'whatIf' && intent.kind !== 'optimize') {
    const reason = intent.kind === 'unknown' ? intent.reason : intent.kind === 'clarify' ? intent.question : `"${question}" asks for ${intent.kind}, not a scenario`;
    throw badInput(reason, [{ path: 'question', message: 'not a scenario' }]);
  }
  if (weeks) intent.spec.weeks = weeks;
  // Restated from what was run, so a --spec or a --weeks override reads right too.
  printScenario(computeScenario(model, intent, channels), model, channels);
}

type OptimizeOptions = { model: string; budget?: string; weeks?: string; bounds?: string; maxChange?: string; aim?: string; confidence?: string };

/** The optimization the options ask for, every problem with them reported at once. */
export function optimizeSpecFromOptions(opts: Omit<OptimizeOptions, 'model'>, vocabulary: ChannelVocabulary[]): OptimizeSpec {
  const problems = new InputProblems();
  const weeks = horizonOption(opts.weeks, problems) ?? DEFAULT_HORIZON_WEEKS;
  let budget: number | undefined;
  if (opts.budget !== undefined) {
    budget = numberOption(opts.budget, '--budget', problems, true);
    if (Number.isFinite(budget)) problems.check('--budget', positiveAmountProblem(budget));
  }
  const constraints: Constraint[] = opts.bounds ? parseBounds(opts.bounds, vocabulary, problems) : [];
  if (opts.maxChange !== undefined) {
    const fraction = numberOption(opts.maxChange, '--max-change', problems);
    if (Number.isFinite(fraction)) problems.check('--max-change', maxChangeProblem(fraction));
    constraints.push({ kind: 'maxChange', fraction });
  }
  const aim = opts.aim === undefined ? undefined : CLI_AIMS[opts.aim];
  if (opts.aim !== undefined && !aim) problems.add('--aim', `must be one of ${Object.keys(CLI_AIMS).join(', ')}, got "${opts.aim}"`);
  let confidence: number | undefined;
  if (opts.confidence !== undefined) {
    confidence = numberOption(opts.confidence, '--confidence', problems);
    if (aim !== 'confident') problems.add('--confidence', 'only meaningful with --aim confident');
    else if (Number.isFinite(confidence)) problems.check('--confidence', confidenceProblem(confidence));
  }
  problems.throwIfAny('optimization');
  return {
    objective: { kind: 'maxKpi', ...(budget !== undefined ? { budget: { amount: budget, per: 'week' as const } } : {}) },
    constraints,
    weeks,
    ...(aim ? { aim } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
  };
}

export function optimizeCommand(opts: OptimizeOptions): void {
  const model = readModelFile(opts.model);
  const channels = modelVocabulary(model);
  const spec = optimizeSpecFromOptions(opts, channels);
  printScenario(computeScenario(model, { kind: 'optimize', spec }, channels), model, channels);
}
