/**
 * The design matrix: intercept, linear trend, yearly Fourier terms, controls, then one media
 * column per channel. Time is measured in years since the first training week, so trend and
 * seasonality continue naturally into forecast weeks.
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
  controls: string[];
  channels: string[];
}

export const baselineWidth = (layout: DesignLayout) => 2 + 2 * layout.fourierOrder + layout.controls.length;
export const designWidth = (layout: DesignLayout) => baselineWidth(layout) + layout.channels.length;

/** Writes the baseline part (intercept, trend, Fourier, controls) of one week's row into `row`. */
export function writeBaselineRow(layout: DesignLayout, years: number, controlValues: ArrayLike<number>, row: Float64Array, offset = 0): void {
  row[offset] = 1;
  row[offset + 1] = years;
  for (let k = 1; k <= layout.fourierOrder; k++) {
    const angle = 2 * Math.PI * k * years;
    row[offset + 2 * k] = Math.sin(angle);
    row[offset + 2 * k + 1] = Math.cos(angle);
  }
  const controlsAt = offset + 2 + 2 * layout.fourierOrder;
  for (let c = 0; c < layout.controls.length; c++) row[controlsAt + c] = controlValues[c];
}

/** Flattens coefficients into design-column order. */
export function coefficientVector(layout: DesignLayout, coefficients: Coefficients): Float64Array {
  const beta = new Float64Array(designWidth(layout));
  beta[0] = coefficients.intercept;
  beta[1] = coefficients.trend;
  coefficients.seasonality.forEach((v, i) => (beta[2 + i] = v));
  const controlsAt = 2 + 2 * layout.fourierOrder;
  layout.controls.forEach((c, i) => (beta[controlsAt + i] = coefficients.controls[c]));
  const mediaAt = baselineWidth(layout);
  layout.channels.forEach((c, i) => (beta[mediaAt + i] = coefficients.channels[c]));
  return beta;
}

/** Names coefficients from a design-column-ordered vector. */
export function coefficientsFromVector(layout: DesignLayout, beta: ArrayLike<number>): Coefficients {
  // `+ 0` turns a solver's -0 into 0 so the model document round-trips through JSON exactly.
  const clean = (x: number) => x + 0;
  const controlsAt = 2 + 2 * layout.fourierOrder;
  const mediaAt = baselineWidth(layout);
  return {
    intercept: clean(beta[0]),
    trend: clean(beta[1]),
    seasonality: Array.from({ length: 2 * layout.fourierOrder }, (_, i) => clean(beta[2 + i])),
    controls: Object.fromEntries(layout.controls.map((c, i) => [c, clean(beta[controlsAt + i])])),
    channels: Object.fromEntries(layout.channels.map((c, i) => [c, clean(beta[mediaAt + i])])),
  };
}
