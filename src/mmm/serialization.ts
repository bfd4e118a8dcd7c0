/**
 * The model document on disk and in the database: JSON with `schemaVersion: 1`. Parsing checks
 * every field the engine relies on and names the first bad one by its path. Fields added since
 * version 1 first shipped (a bending trend, the fit's transform families and baseline record)
 * are optional in a document and filled in on parsing with what older documents meant: a
 * straight trend, the families their hyperparameters use, a baseline that was given.
 */
import { ADSTOCKS, adstockComponent, SATURATIONS, saturationComponent } from './transforms/registry';
import type { Coefficients, Hyperparameters, MmmModel } from './types';

export const SCHEMA_VERSION = 1;

export class ModelDocumentError extends Error {
  constructor(message: string) {
    super(`invalid model document: ${message}`);
    this.name = 'ModelDocumentError';
  }
}

export function serializeModel(model: MmmModel): string {
  return JSON.stringify(model);
}

export function parseModel(json: string): MmmModel {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new ModelDocumentError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  checkModel(document);
  return withLaterFields(document);
}

/** A parsed document with every field added since version 1 present (older documents get their meaning). */
function withLaterFields(model: MmmModel): MmmModel {
  const straight = (c: Coefficients): Coefficients => (c.trendChanges ? c : { ...c, trendChanges: [] });
  const firstChannel = model.hyperparameters.channels[model.channels[0]];
  return {
    ...model,
    trendChangepoints: model.trendChangepoints ?? [],
    coefficients: straight(model.coefficients),
    draws: model.draws.map((d) => (d.coefficients.trendChanges ? d : { ...d, coefficients: straight(d.coefficients) })),
    fit: {
      ...model.fit,
      adstock: model.fit.adstock ?? firstChannel.adstock.type,
      saturation: model.fit.saturation ?? firstChannel.saturation.type,
      baseline: model.fit.baseline ?? { chosenBy: 'given', fourierOrder: model.fourierOrder, trendPenalty: null, controlsPenalty: 0, cvMse: null },
    },
  };
}

type Json = Record<string, unknown>;

function fail(path: string, expected: string, value: unknown): never {
  const shown = value === undefined ? 'nothing' : JSON.stringify(value)?.slice(0, 60);
  throw new ModelDocumentError(`${path} must be ${expected}, got ${shown}`);
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Json;
}

function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'a finite number', value);
  return value;
}

function numbers(value: unknown, path: string, length?: number): number[] {
  if (!Array.isArray(value)) fail(path, 'an array of numbers', value);
  if (length !== undefined && value.length !== length) fail(path, `an array of ${length} numbers`, `${value.length} entries`);
  value.forEach((x, i) => finite(x, `${path}[${i}]`));
  return value as number[];
}

function strings(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((x) => typeof x !== 'string')) fail(path, 'an array of strings', value);
  return value as string[];
}

function nullableFinite(value: unknown, path: string): void {
  if (value !== null) finite(value, path);
}

/** Checks hyperparameters against the channel list; throws naming the first bad field. */
export function checkHyperparameters(value: unknown, channels: string[], path: string): asserts value is Hyperparameters {
  const hyper = object(value, path);
  if (finite(hyper.ridge, `${path}.ridge`) < 0) fail(`${path}.ridge`, 'a number >= 0', hyper.ridge);
  const byChannel = object(hyper.channels, `${path}.channels`);
  for (const channel of channels) {
    const at = `${path}.channels.${channel}`;
    const transform = object(byChannel[channel], at);
    const adstock = object(transform.adstock, `${at}.adstock`);
    const saturation = object(transform.saturation, `${at}.saturation`);
    try {
      const a = adstockComponent(String(adstock.type));
      a.validate(adstock as never);
      const s = saturationComponent(String(saturation.type));
      s.validate(saturation as never);
    } catch (error) {
      throw new ModelDocumentError(`${at}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

interface DocumentShape {
  channels: string[];
  controls: string[];
  fourierOrder: number;
  trendChangepoints: number[];
}

function checkCoefficients(value: unknown, model: DocumentShape, path: string): asserts value is Coefficients {
  const c = object(value, path);
  finite(c.intercept, `${path}.intercept`);
  finite(c.trend, `${path}.trend`);
  if (c.trendChanges !== undefined || model.trendChangepoints.length > 0) numbers(c.trendChanges, `${path}.trendChanges`, model.trendChangepoints.length);
  numbers(c.seasonality, `${path}.seasonality`, 2 * model.fourierOrder);
  const controls = object(c.controls, `${path}.controls`);
  for (const control of model.controls) finite(controls[control], `${path}.controls.${control}`);
  const channels = object(c.channels, `${path}.channels`);
  for (const channel of model.channels) {
    if (finite(channels[channel], `${path}.channels.${channel}`) < 0) fail(`${path}.channels.${channel}`, 'a number >= 0', channels[channel]);
  }
}

function checkModel(value: unknown): asserts value is MmmModel {
  const model = object(value, 'model');
  if (model.schemaVersion !== SCHEMA_VERSION) {
    throw new ModelDocumentError(`schemaVersion is ${JSON.stringify(model.schemaVersion)}; this build reads version ${SCHEMA_VERSION}`);
  }
  const data = object(model.data, 'data');
  const dates = strings(data.dates, 'data.dates');
  if (typeof data.kpiName !== 'string') fail('data.kpiName', 'a string', data.kpiName);
  numbers(data.kpi, 'data.kpi', dates.length);
  const channels = strings(model.channels, 'channels');
  const controls = strings(model.controls, 'controls');
  if (JSON.stringify(strings(data.channels, 'data.channels')) !== JSON.stringify(channels)) fail('channels', `the same list as data.channels`, channels);
  if (JSON.stringify(strings(data.controls, 'data.controls')) !== JSON.stringify(controls)) fail('controls', `the same list as data.controls`, controls);
  const spend = object(data.spend, 'data.spend');
  for (const channel of channels) numbers(spend[channel], `data.spend.${channel}`, dates.length);
  const controlValues = object(data.controlValues, 'data.controlValues');
  for (const control of controls) numbers(controlValues[control], `data.controlValues.${control}`, dates.length);
  const holdoutWeeks = finite(model.holdoutWeeks, 'holdoutWeeks');
  if (!Number.isInteger(holdoutWeeks) || holdoutWeeks < 0 || holdoutWeeks >= dates.length) fail('holdoutWeeks', `a whole number below ${dates.length}`, holdoutWeeks);
  const fourierOrder = finite(model.fourierOrder, 'fourierOrder');
  if (!Number.isInteger(fourierOrder) || fourierOrder < 0) fail('fourierOrder', 'a whole number >= 0', fourierOrder);
  const trendChangepoints = model.trendChangepoints === undefined ? [] : numbers(model.trendChangepoints, 'trendChangepoints');
  const shape = { channels, controls, fourierOrder, trendChangepoints };
  checkHyperparameters(model.hyperparameters, channels, 'hyperparameters');
  checkCoefficients(model.coefficients, shape, 'coefficients');
  if (!Array.isArray(model.draws)) fail('draws', 'an array', model.draws);
  model.draws.forEach((draw: unknown, i) => {
    const d = object(draw, `draws[${i}]`);
    checkHyperparameters(d.hyperparameters, channels, `draws[${i}].hyperparameters`);
    checkCoefficients(d.coefficients, shape, `draws[${i}].coefficients`);
  });
  const metrics = object(model.metrics, 'metrics');
  for (const name of ['r2', 'mape', 'nrmse']) finite(metrics[name], `metrics.${name}`);
  for (const name of ['holdoutMape', 'holdoutR2']) nullableFinite(metrics[name], `metrics.${name}`);
  const fit = object(model.fit, 'fit');
  finite(fit.seed, 'fit.seed');
  finite(fit.candidatesEvaluated, 'fit.candidatesEvaluated');
  nullableFinite(fit.cvMse, 'fit.cvMse');
  if (!['default', 'quick', 'thorough', 'none'].includes(fit.search as string)) fail('fit.search', 'default, quick, thorough or none', fit.search);
  if (fit.adstock !== undefined && !Object.hasOwn(ADSTOCKS, fit.adstock as string)) fail('fit.adstock', Object.keys(ADSTOCKS).join(' or '), fit.adstock);
  if (fit.saturation !== undefined && !Object.hasOwn(SATURATIONS, fit.saturation as string)) fail('fit.saturation', Object.keys(SATURATIONS).join(' or '), fit.saturation);
  if (fit.baseline !== undefined) checkBaselineRecord(fit.baseline, 'fit.baseline');
  if (model.channelNames !== undefined) checkChannelNames(model.channelNames, channels);
}

function checkChannelNames(value: unknown, channels: string[]): void {
  const names = object(value, 'channelNames');
  for (const channel of channels) {
    const at = `channelNames.${channel}`;
    const n = object(names[channel], at);
    if (typeof n.displayName !== 'string' || n.displayName.trim() === '') fail(`${at}.displayName`, 'a name', n.displayName);
    strings(n.aliases, `${at}.aliases`);
    if (n.group !== null && typeof n.group !== 'string') fail(`${at}.group`, 'a string or null', n.group);
  }
}

function checkBaselineRecord(value: unknown, path: string): void {
  const record = object(value, path);
  if (record.chosenBy !== 'cross-validation' && record.chosenBy !== 'given') fail(`${path}.chosenBy`, 'cross-validation or given', record.chosenBy);
  finite(record.fourierOrder, `${path}.fourierOrder`);
  nullableFinite(record.trendPenalty, `${path}.trendPenalty`);
  finite(record.controlsPenalty, `${path}.controlsPenalty`);
  nullableFinite(record.cvMse, `${path}.cvMse`);
}
