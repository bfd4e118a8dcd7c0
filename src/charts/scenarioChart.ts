import type { ChartConfiguration } from 'chart.js';
import { formatMoney, formatNumber, formatPercentRange, formatPercentChangePrecise } from '../format';
import { intervalWhiskers } from './annotations';
import { sideBySidePng } from './canvas';

/** One channel of a scenario as the chart shows it: weekly spend before and after, and its KPI change with the 90% interval. */
export interface ChannelBeforeAfter {
  label: string;
  spendBefore: number;
  spendAfter: number;
  /** KPI contribution change over the horizon. */
  change: number;
  changeLow: number | null;
  changeHigh: number | null;
}

/** Axis limits shared by every chart of one thread, so follow-ups compare by eye. */
export interface ScenarioChartScale {
  /** Highest weekly spend on the spend axis. */
  spendMax: number;
  /** The KPI change axis runs from −effectMax to +effectMax. */
  effectMax: number;
  /** The net change axis runs from −netPctMax% to +netPctMax%. */
  netPctMax: number;
}

export interface ScenarioChartInput {
  /** The scenario's restatement: the chart's title. */
  title: string;
  /** A line under it, e.g. the change of total spend. */
  subtitle?: string;
  kpiName: string;
  weeks: number;
  /** Net KPI change over the horizon in percent of today's plan, with its 90% interval. */
  net: { pct: number; lowPct: number; highPct: number };
  /** In the order every chart of the thread uses. */
  channels: ChannelBeforeAfter[];
  scale?: ScenarioChartScale;
}

/** Spend: today's plan grey, the scenario blue. KPI: gains green, losses red. Each colour means one thing. */
export const BEFORE_COLOR = '#9aa5b1';
export const AFTER_COLOR = '#2f6fde';
export const GAIN_COLOR = '#2e8540';
export const LOSS_COLOR = '#c8372d';
const UNSURE_COLOR = '#d9a21b';
const NET_PANEL = { width: 300, height: 400 };
const PANEL = { width: 460, height: 400 };

/** Grid lines light grey, the zero line dark: above it gains, below it losses. */
const zeroLine = (c: { tick: { value: number } }) => (c.tick.value === 0 ? '#52606d' : '#e4e7eb');

const title = (text: string | string[]) => ({ display: true, text, font: { size: 14, weight: 'bold' as const } });

/** A net change that may be a gain or a loss is neither green nor red. */
function netColor(net: ScenarioChartInput['net']): string {
  if (net.lowPct > 0) return GAIN_COLOR;
  if (net.highPct < 0) return LOSS_COLOR;
  return UNSURE_COLOR;
}

/** The nice number at or above x (1, 2, 2.5, 5 × a power of ten): axes that grow in steps, not on every answer. */
export function niceCeiling(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= x * (1 - 1e-12)) return step * power;
  return 10 * power;
}

/** The scale one scenario needs on its own (a thread's is the largest of its scenarios'). */
export function scaleOf(input: Pick<ScenarioChartInput, 'channels' | 'net'>): ScenarioChartScale {
  const spend = Math.max(...input.channels.flatMap((c) => [c.spendBefore, c.spendAfter]), 0);
  const effect = Math.max(...input.channels.flatMap((c) => [c.change, c.changeLow ?? 0, c.changeHigh ?? 0].map(Math.abs)), 0);
  const net = Math.max(Math.abs(input.net.pct), Math.abs(input.net.lowPct), Math.abs(input.net.highPct));
  return { spendMax: niceCeiling(spend * 1.05), effectMax: niceCeiling(effect * 1.05), netPctMax: niceCeiling(net * 1.1) };
}

/** The larger of two scales, axis by axis. */
export function widerScale(a: ScenarioChartScale, b: ScenarioChartScale): ScenarioChartScale {
  return { spendMax: Math.max(a.spendMax, b.spendMax), effectMax: Math.max(a.effectMax, b.effectMax), netPctMax: Math.max(a.netPctMax, b.netPctMax) };
}

function netPanel(input: ScenarioChartInput, scale: ScenarioChartScale): ChartConfiguration {
  const { net } = input;
  return {
    type: 'bar',
    data: { labels: [`All channels`], datasets: [{ label: 'Net change', data: [net.pct], backgroundColor: netColor(net), barPercentage: 0.5 }] },
    options: {
      plugins: {
        title: title([`Net ${input.kpiName} change, ${input.weeks} weeks`, `${formatPercentChangePrecise(net.pct)} (90%: ${formatPercentRange(net.lowPct, net.highPct)})`]),
        legend: { display: false },
      },
      scales: {
        y: { min: -scale.netPctMax, max: scale.netPctMax, ticks: { callback: (v) => `${Number(v) > 0 ? '+' : ''}${Number(v)}%` }, grid: { color: zeroLine } },
      },
    },
    plugins: [intervalWhiskers([{ datasetIndex: 0, low: [net.lowPct], high: [net.highPct] }])],
  };
}

function spendPanel(input: ScenarioChartInput, scale: ScenarioChartScale): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: input.channels.map((c) => c.label),
      datasets: [
        { label: 'Current plan', data: input.channels.map((c) => c.spendBefore), backgroundColor: BEFORE_COLOR },
        { label: 'Scenario', data: input.channels.map((c) => c.spendAfter), backgroundColor: AFTER_COLOR },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { title: title('Weekly spend'), legend: { position: 'bottom' } },
      scales: { x: { min: 0, max: scale.spendMax, ticks: { callback: (v) => formatMoney(Number(v)) } } },
    },
  };
}

function effectPanel(input: ScenarioChartInput, scale: ScenarioChartScale): ChartConfiguration {
  const changes = input.channels.map((c) => c.change);
  return {
    type: 'bar',
    data: {
      labels: input.channels.map((c) => c.label),
      datasets: [{ label: `${input.kpiName} change (90% interval)`, data: changes, backgroundColor: changes.map((v) => (v >= 0 ? GAIN_COLOR : LOSS_COLOR)) }],
    },
    options: {
      indexAxis: 'y',
      plugins: { title: title(`${input.kpiName} change per channel, ${input.weeks} weeks (90% interval)`), legend: { display: false } },
      scales: {
        x: { min: -scale.effectMax, max: scale.effectMax, ticks: { stepSize: scale.effectMax / 2, callback: (v) => (Number(v) > 0 ? '+' : '') + formatNumber(Number(v)) }, grid: { color: zeroLine } },
      },
    },
    plugins: [intervalWhiskers([{ datasetIndex: 0, low: input.channels.map((c) => c.changeLow), high: input.channels.map((c) => c.changeHigh) }])],
  };
}

/**
 * One PNG that answers at a glance: the scenario as its title, the net KPI change with its 90%
 * interval first, then weekly spend before and after and each channel's KPI change with its
 * interval, channels in the order given and axes on the scale given (a thread's).
 */
export function scenarioChartPng(input: ScenarioChartInput): Buffer {
  if (input.channels.length === 0) throw new Error('scenarioChartPng: no channels to draw');
  const scale = input.scale ?? scaleOf(input);
  return sideBySidePng(
    [
      { config: netPanel(input, scale), size: NET_PANEL },
      { config: spendPanel(input, scale), size: PANEL },
      { config: effectPanel(input, scale), size: PANEL },
    ],
    { title: input.title, subtitle: input.subtitle },
  );
}
