/**
 * The design matrix: intercept, trend (a straight line, or one that bends at changepoints),
 * yearly Fourier terms, controls, then one media column per channel. Time is measured in years
 * since the first training week, so trend and seasonality continue naturally into forecast weeks.
 */
import type { Coefficients } from './types';

export const DEFAULT_FOURIER_ORDER = 2;
/** Carry-over horizon in weeks (two months, the usual choice for weekly media data). */
export const DEFAULT_MAX_LAG = 8;
const DAY_MS = 86_400_000;

export function yearsSince(origin: string, date: string): number {
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${origin}T00:00:00Z`)) / DAY_MS / 365.25;
}

/** Week `weeksAhead` after `date`, as yyyy-mm-dd. */
export function weekAfter(date: string, weeksAhead: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + weeksAhead * 7 * DAY_MS).toISOString().slice(0, 10);
}

export interface DesignLayout {
  fourierOrder: number;
  /**
   * Years since the first week at which the trend may change slope (one hinge column each);
   * empty for a straight trend. Past the last week the trend keeps its last slope.
   */
  trendChangepoints: number[];
  controls: string[];
  channels: string[];
}

/** Where each block of columns starts in a design row. */
export function columnOffsets(layout: Omit<DesignLayout, 'channels'> & { channels?: string[] }) {
  const trendChanges = 2;
  const fourier = trendChanges + layout.trendChangepoints.length;
  const controls = fourier + 2 * layout.fourierOrder;
  const media = controls + layout.controls.length;
  return { intercept: 0, trend: 1, trendChanges, fourier, controls, media };
}

export const baselineWidth = (layout: DesignLayout) => columnOffsets(layout).media;
export const designWidth = (layout: DesignLayout) => baselineWidth(layout) + layout.channels.length;

/** The trend's hinge column at a changepoint: years past it (0 before). */
const hinge = (years: number, changepoint: number) => Math.max(0, years - changepoint);

/** Writes the baseline part (intercept, trend, Fourier, controls) of one week's row into `row`. */
export function writeBaselineRow(layout: DesignLayout, years: number, controlValues: ArrayLike<number>, row: Float64Array, offset = 0): void {
  const at = columnOffsets(layout);
  row[offset] = 1;
  row[offset + at.trend] = years;
  layout.trendChangepoints.forEach((c, k) => (row[offset + at.trendChanges + k] = hinge(years, c)));
  for (let k = 1; k <= layout.fourierOrder; k++) {
    const angle = 2 * Math.PI * k * years;
    row[offset + at.fourier + 2 * k - 2] = Math.sin(angle);
    row[offset + at.fourier + 2 * k - 1] = Math.cos(angle);
  }
  for (let c = 0; c < layout.controls.length; c++) row[offset + at.controls + c] = controlValues[c];
}

/** The trend's value (KPI) `years` after the first week. */
export function trendAt(changepoints: number[], coefficients: Pick<Coefficients, 'trend' | 'trendChanges'>, years: number): number {
  return changepoints.reduce((s, c, k) => s + coefficients.trendChanges[k] * hinge(years, c), coefficients.trend * years);
}

/** The yearly seasonality's value (KPI) `years` after the first week. */
export function seasonalityAt(fourierOrder: number, seasonality: number[], years: number): number {
  let sum = 0;
  for (let k = 1; k <= fourierOrder; k++) {
    const angle = 2 * Math.PI * k * years;
    sum += seasonality[2 * k - 2] * Math.sin(angle) + seasonality[2 * k - 1] * Math.cos(angle);
  }
  return sum;
}

/** Flattens coefficients into design-column order. */
export function coefficientVector(layout: DesignLayout, coefficients: Coefficients): Float64Array {
  const at = columnOffsets(layout);
  const beta = new Float64Array(designWidth(layout));
  beta[0] = coefficients.intercept;
  beta[at.trend] = coefficients.trend;
  coefficients.trendChanges.forEach((v, i) => (beta[at.trendChanges + i] = v));
  coefficients.seasonality.forEach((v, i) => (beta[at.fourier + i] = v));
  layout.controls.forEach((c, i) => (beta[at.controls + i] = coefficients.controls[c]));
  layout.channels.forEach((c, i) => (beta[at.media + i] = coefficients.channels[c]));
  return beta;
}

/** Names coefficients from a design-column-ordered vector. */
export function coefficientsFromVector(layout: DesignLayout, beta: ArrayLike<number>): Coefficients {
  // `+ 0` turns a solver's -0 into 0 so the model document round-trips through JSON exactly.
  const clean = (x: number) => x + 0;
  const at = columnOffsets(layout);
  return {
    intercept: clean(beta[0]),
    trend: clean(beta[at.trend]),
    trendChanges: layout.trendChangepoints.map((_, i) => clean(beta[at.trendChanges + i])),
    seasonality: Array.from({ length: 2 * layout.fourierOrder }, (_, i) => clean(beta[at.fourier + i])),
    controls: Object.fromEntries(layout.controls.map((c, i) => [c, clean(beta[at.controls + i])])),
    channels: Object.fromEntries(layout.channels.map((c, i) => [c, clean(beta[at.media + i])])),
  };
}
