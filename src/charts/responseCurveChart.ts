import type { ChartConfiguration } from 'chart.js';
import { formatMoney, formatNumber } from '../format';
import { chartPng } from './canvas';
import { AFTER_COLOR } from './scenarioChart';

export interface ResponseCurvePoint {
  weeklySpend: number;
  kpi: number;
  low: number;
  high: number;
}

export interface ResponseCurveChartInput {
  /** Channel name as the marketer knows it ("Paid Search"). */
  channel: string;
  kpiName: string;
  currentWeeklySpend: number;
  points: ResponseCurvePoint[];
  /** Which interval the band shows, for the legend ("90% interval"). */
  intervalLabel?: string;
}

const SIZE = { width: 800, height: 420 };

/** Weekly KPI from a channel against its weekly spend, with the interval as a band and today's spend marked. */
export function responseCurveChartPng(input: ResponseCurveChartInput): Buffer {
  if (input.points.length < 2) throw new Error(`responseCurveChartPng: a curve needs at least 2 points, got ${input.points.length}`);
  const points = [...input.points].sort((a, b) => a.weeklySpend - b.weeklySpend);
  const config: ChartConfiguration<'line' | 'scatter'> = {
    type: 'line',
    data: {
      datasets: [
        // The band is the area between `high` and the next dataset (`low`).
        { label: input.intervalLabel ?? '90% interval', data: points.map((p) => ({ x: p.weeklySpend, y: p.high })), borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(47,111,222,0.18)', fill: '+1' },
        { label: '', data: points.map((p) => ({ x: p.weeklySpend, y: p.low })), borderWidth: 0, pointRadius: 0, fill: false },
        { label: `Weekly ${input.kpiName}`, data: points.map((p) => ({ x: p.weeklySpend, y: p.kpi })), borderColor: AFTER_COLOR, borderWidth: 2.5, pointRadius: 0, fill: false },
        {
          type: 'scatter',
          label: `Current spend (${formatMoney(input.currentWeeklySpend)}/week)`,
          data: [{ x: input.currentWeeklySpend, y: interpolateKpi(points, input.currentWeeklySpend) }],
          backgroundColor: '#d64545',
          pointRadius: 7,
        },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: `${input.channel}: weekly ${input.kpiName} by weekly spend`, font: { size: 15, weight: 'bold' } },
        legend: { position: 'bottom', labels: { filter: (item) => item.text !== '' } },
      },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'Weekly spend' }, ticks: { callback: (v) => formatMoney(Number(v)) } },
        y: { beginAtZero: true, title: { display: true, text: `Weekly ${input.kpiName}` }, ticks: { callback: (v) => formatNumber(Number(v)) } },
      },
    },
  };
  return chartPng(config as ChartConfiguration, SIZE);
}

/** The curve's KPI at a spend between two of its points (straight line between them; ends held flat). */
export function interpolateKpi(points: ResponseCurvePoint[], weeklySpend: number): number {
  if (weeklySpend <= points[0].weeklySpend) return points[0].kpi;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (weeklySpend <= b.weeklySpend) {
      const t = b.weeklySpend === a.weeklySpend ? 0 : (weeklySpend - a.weeklySpend) / (b.weeklySpend - a.weeklySpend);
      return a.kpi + t * (b.kpi - a.kpi);
    }
  }
  return points[points.length - 1].kpi;
}
