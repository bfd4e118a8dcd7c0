import type { ChartConfiguration } from 'chart.js';
import { formatMoney, formatNumber } from '../format';
import { sideBySidePng } from './canvas';

/** One channel of a scenario as the chart shows it: spend and KPI contribution, before and after. */
export interface ChannelBeforeAfter {
  label: string;
  spendBefore: number;
  spendAfter: number;
  contributionBefore: number;
  contributionAfter: number;
}

export interface ScenarioChartTitles {
  /** e.g. "Weekly spend". */
  spend: string;
  /** e.g. "Revenue from each channel, next 13 weeks". */
  contribution: string;
}

export const BEFORE_COLOR = '#9aa5b1';
export const AFTER_COLOR = '#2f6fde';
const PANEL = { width: 560, height: 380 };

function beforeAfterBars(labels: string[], before: number[], after: number[], title: string, tick: (v: number) => string): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Current plan', data: before, backgroundColor: BEFORE_COLOR },
        { label: 'Scenario', data: after, backgroundColor: AFTER_COLOR },
      ],
    },
    options: {
      plugins: { title: { display: true, text: title, font: { size: 15, weight: 'bold' } }, legend: { position: 'bottom' } },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => tick(Number(value)) } } },
    },
  };
}

/** Before/after spend (left) and before/after KPI contribution (right) per channel, one PNG. */
export function scenarioChartPng(channels: ChannelBeforeAfter[], titles: ScenarioChartTitles): Buffer {
  if (channels.length === 0) throw new Error('scenarioChartPng: no channels to draw');
  const labels = channels.map((c) => c.label);
  return sideBySidePng([
    { config: beforeAfterBars(labels, channels.map((c) => c.spendBefore), channels.map((c) => c.spendAfter), titles.spend, (v) => formatMoney(v)), size: PANEL },
    { config: beforeAfterBars(labels, channels.map((c) => c.contributionBefore), channels.map((c) => c.contributionAfter), titles.contribution, formatNumber), size: PANEL },
  ]);
}
