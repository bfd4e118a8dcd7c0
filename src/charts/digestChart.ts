import type { ChartConfiguration } from 'chart.js';
import { formatMoney } from '../format';
import { intervalWhiskers, referenceLine } from './annotations';
import { sideBySidePng } from './canvas';

/** A ROAS over a window with its 90% interval. */
export interface RoasFigure {
  roas: number;
  low: number;
  high: number;
}

/** One channel of a weekly digest as the chart shows it. */
export interface DigestChannelFigures {
  label: string;
  spendLastWeek: number;
  spendPreviousWeek: number | null;
  /** ROAS over the last 4 and the last 13 weeks with their intervals; null where the model cannot say. */
  roasRecent: RoasFigure | null;
  roasQuarter: RoasFigure | null;
}

/**
 * One meaning per colour: spend weeks in greens (the week before light, last week dark), ROAS
 * windows in purples (13 weeks light, 4 weeks dark), break-even red. None is reused for another
 * meaning, here or in the scenario chart.
 */
export const SPEND_PREVIOUS_COLOR = '#a7d7b8';
export const SPEND_LAST_COLOR = '#1f7a4d';
export const ROAS_QUARTER_COLOR = '#c9b8e8';
export const ROAS_RECENT_COLOR = '#5b3fa0';
export const BREAK_EVEN_COLOR = '#e8590c';
const PANEL = { width: 560, height: 400 };

const title = (text: string) => ({ display: true, text, font: { size: 15, weight: 'bold' as const } });

function spendPanel(channels: DigestChannelFigures[]): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: channels.map((c) => c.label),
      datasets: [
        { label: 'Week before', data: channels.map((c) => c.spendPreviousWeek ?? 0), backgroundColor: SPEND_PREVIOUS_COLOR },
        { label: 'Last week', data: channels.map((c) => c.spendLastWeek), backgroundColor: SPEND_LAST_COLOR },
      ],
    },
    options: {
      plugins: { title: title('Spend: last week against the week before'), legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => formatMoney(Number(value)) } } },
    },
  };
}

function roasPanel(channels: DigestChannelFigures[]): ChartConfiguration {
  const windows = [
    { label: 'Last 13 weeks', color: ROAS_QUARTER_COLOR, of: (c: DigestChannelFigures) => c.roasQuarter },
    { label: 'Last 4 weeks', color: ROAS_RECENT_COLOR, of: (c: DigestChannelFigures) => c.roasRecent },
  ];
  const top = Math.max(1.2, ...channels.flatMap((c) => [c.roasQuarter?.high ?? 0, c.roasRecent?.high ?? 0]));
  return {
    type: 'bar',
    data: {
      labels: channels.map((c) => c.label),
      datasets: windows.map((w) => ({ label: w.label, data: channels.map((c) => w.of(c)?.roas ?? 0), backgroundColor: w.color })),
    },
    options: {
      plugins: { title: title('ROAS with 90% intervals: last 4 weeks against last 13'), legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, suggestedMax: top * 1.05, ticks: { callback: (value) => Number(value).toFixed(1) } } },
    },
    plugins: [
      intervalWhiskers(windows.map((w, datasetIndex) => ({ datasetIndex, low: channels.map((c) => w.of(c)?.low ?? null), high: channels.map((c) => w.of(c)?.high ?? null) }))),
      referenceLine(1, 'Break-even (ROAS 1)', BREAK_EVEN_COLOR),
    ],
  };
}

/** Spend by channel (last week against the week before) and ROAS (last 4 against last 13 weeks, with intervals and break-even), one PNG. */
export function digestChartPng(channels: DigestChannelFigures[], heading?: { title: string; subtitle?: string }): Buffer {
  if (channels.length === 0) throw new Error('digestChartPng: no channels to draw');
  return sideBySidePng(
    [
      { config: spendPanel(channels), size: PANEL },
      { config: roasPanel(channels), size: PANEL },
    ],
    heading,
  );
}
