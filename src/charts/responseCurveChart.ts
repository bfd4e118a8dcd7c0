import type { ChartConfiguration } from 'chart.js';
import { formatMoney, formatNumber } from '../format';
import { xBand } from './annotations';
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
  /** The weekly spend range seen in the data: shaded; past its top the curve is dashed (extrapolated). */
  observed?: { min: number; max: number };
}

const SIZE = { width: 800, height: 440 };
export const OBSERVED_BAND_COLOR = 'rgba(130,140,150,0.16)';
const TODAY_COLOR = '#d64545';

/**
 * A channel's steady-state weekly contribution against its weekly spend: the 90% interval as a
 * band, the spend range the data has seen shaded, the curve dashed where it is extrapolated, and
 * today's spend marked.
 */
export function responseCurveChartPng(input: ResponseCurveChartInput): Buffer {
  if (input.points.length < 2) throw new Error(`responseCurveChartPng: a curve needs at least 2 points, got ${input.points.length}`);
  const points = [...input.points].sort((a, b) => a.weeklySpend - b.weeklySpend);
  const observedMax = input.observed?.max ?? Infinity;
  const observedMin = input.observed?.min ?? -Infinity;
  // A segment reaching past the highest spend seen, or below the lowest, is extrapolated.
  const extrapolated = (from: number, to: number) => to > observedMax * (1 + 1e-9) || from < observedMin * (1 - 1e-9);
  const config: ChartConfiguration<'line' | 'scatter'> = {
    type: 'line',
    data: {
      datasets: [
        // The band is the area between `high` and the next dataset (`low`).
        { label: '90% interval', data: points.map((p) => ({ x: p.weeklySpend, y: p.high })), borderWidth: 0, pointRadius: 0, backgroundColor: 'rgba(47,111,222,0.18)', fill: '+1' },
        { label: '', data: points.map((p) => ({ x: p.weeklySpend, y: p.low })), borderWidth: 0, pointRadius: 0, fill: false },
        {
          label: input.observed ? 'Contribution (dashed: outside the spend seen, extrapolated)' : 'Contribution',
          data: points.map((p) => ({ x: p.weeklySpend, y: p.kpi })),
          borderColor: AFTER_COLOR,
          backgroundColor: AFTER_COLOR,
          borderWidth: 2.5,
          pointRadius: 0,
          fill: false,
          segment: { borderDash: (ctx) => (extrapolated(ctx.p0.parsed.x ?? 0, ctx.p1.parsed.x ?? 0) ? [8, 6] : undefined) },
        },
        {
          type: 'scatter',
          label: `Today (${formatMoney(input.currentWeeklySpend)}/week)`,
          data: [{ x: input.currentWeeklySpend, y: interpolateKpi(points, input.currentWeeklySpend) }],
          backgroundColor: TODAY_COLOR,
          pointRadius: 7,
        },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: `${input.channel}: weekly contribution to ${input.kpiName} by weekly spend`, font: { size: 15, weight: 'bold' } },
        legend: { position: 'bottom', labels: { filter: (item) => item.text !== '' } },
      },
      scales: {
        x: { type: 'linear', min: 0, max: points[points.length - 1].weeklySpend, title: { display: true, text: 'Weekly spend' }, ticks: { callback: (v) => formatMoney(Number(v)) } },
        y: { beginAtZero: true, title: { display: true, text: `${input.channel}'s weekly contribution to ${input.kpiName}` }, ticks: { callback: (v) => formatNumber(Number(v)) } },
      },
    },
    plugins: input.observed
      ? [xBand(input.observed.min, input.observed.max, OBSERVED_BAND_COLOR, `Spend seen in the data: ${formatMoney(input.observed.min)}–${formatMoney(input.observed.max)} a week`, 'Extrapolated: never spent this much')]
      : [],
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
