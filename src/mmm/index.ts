/**
 * The media-mix model engine. Fit a model (search or given hyperparameters), store it as a
 * JSON document, and read answers off it: ROAS, response curves, decomposition, forecasts.
 */
export type { FitOptions, Hyperparameters, AdstockParams, AdstockType, SaturationParams, SaturationType, ChannelTransform, Coefficients, BootstrapDraw, ModelMetrics, MmmModel, SearchEffort } from './types';
export { fitModel, fitModelDocument, fitWithHyperparameters, inPlaceRunner } from './fit';
export { FitStopped } from './stop';
export { runFitStep, Workspaces, type FitRunner, type FitStep, type FitStepResult, type FittedDocument } from './tasks';
export { serializeModel, parseModel, ModelDocumentError, SCHEMA_VERSION } from './serialization';
export { ModelInputError, MIN_TRAINING_WEEKS } from './validation';
export type { InputProblem } from './validation';
export {
  channelSummaries,
  breakEvenSpend,
  spendVsBreakEven,
  currentWeeklySpend,
  observedSpendRange,
  forecast,
  channelResponse,
  responseCurve,
  decomposition,
  SATURATION_LEVEL,
} from './outputs';
export type { ChannelSummary, FuturePlan, Forecast, WeekDecomposition } from './outputs';
export { ADSTOCKS, SATURATIONS, adstock, saturate, mediaEffect } from './transforms/registry';
export { compareModels, type ChannelModelChange, type FigureChange } from './compare';
