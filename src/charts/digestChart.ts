import type { ChartConfiguration } from 'chart.js';
import { formatMoney } from '../format';
import { sideBySidePng } from './canvas';
import { AFTER_COLOR, BEFORE_COLOR } from './scenarioChart';

/** One channel of a weekly digest as the chart shows it. */
export interface DigestChannelFigures {
  label: string;
  spendLastWeek: number;
  spendPreviousWeek: number | null;
  /** ROAS over the last 4 and the last 13 weeks; null where the model cannot say. */
  roasRecent: number | null;
  roasQuarter: number | null;
}

const PANEL = { width: 560, height: 380 };

function groupedBars(labels: string[], older: Array<number | null>, newer: Array<number | null>, names: [string, string], title: string, tick: (v: number) => string): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: names[0], data: older.map((v) => v ?? 0), backgroundColor: BEFORE_COLOR },
        { label: names[1], data: newer.map((v) => v ?? 0), backgroundColor: AFTER_COLOR },
      ],
    },
    options: {
      plugins: { title: { display: true, text: title, font: { size: 15, weight: 'bold' } }, legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => tick(Number(value)) } } },
    },
  };
}

/** Spend by channel (last week against the week before) and ROAS (last 4 against last 13 weeks), one PNG. */
export function digestChartPng(channels: DigestChannelFigures[]): Buffer {
  if (channels.length === 0) throw new Error('digestChartPng: no channels to draw');
  const labels = channels.map((c) => c.label);
  return sideBySidePng([
    {
      config: groupedBars(labels, channels.map((c) => c.spendPreviousWeek), channels.map((c) => c.spendLastWeek), ['Week before', 'Last week'], 'Spend by channel', (v) => formatMoney(v)),
      size: PANEL,
    },
    {
      config: groupedBars(labels, channels.map((c) => c.roasQuarter), channels.map((c) => c.roasRecent), ['Last 13 weeks', 'Last 4 weeks'], 'ROAS by channel', (v) => v.toFixed(1)),
      size: PANEL,
    },
  ]);
}
