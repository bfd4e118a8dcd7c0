import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

/**
 * Chart.js drawn on @napi-rs/canvas, in-process: no browser, no font or binary download.
 * Only the pieces the charts below use are registered (chart.js is tree-shakable and
 * draws nothing it does not know).
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Filler, Legend, Title, Tooltip);

/** Sans-serif faces commonly installed on servers, best first; whichever the machine has is used. */
const PREFERRED_FAMILIES = ['DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', 'Noto Sans', 'Roboto', 'Open Sans'];

/**
 * The font family charts write with. Chart.js asks for "Helvetica Neue, Arial" by default,
 * which most servers lack; skia then falls back to a serif face, or to nothing at all.
 * Naming an installed family keeps labels readable everywhere.
 */
export function chartFontFamily(): string {
  const installed = new Set(GlobalFonts.families.map((f) => f.family));
  return PREFERRED_FAMILIES.find((f) => installed.has(f)) ?? GlobalFonts.families[0]?.family ?? 'sans-serif';
}

Chart.defaults.font.family = chartFontFamily();
Chart.defaults.font.size = 13;
Chart.defaults.color = '#333333';

/** Slack shows images on a dark background in dark mode: a transparent PNG would be unreadable there. */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export interface ChartSize {
  width: number;
  height: number;
}

type ChartItem = ConstructorParameters<typeof Chart>[0];

/**
 * Draws one chart on a fresh canvas (static: no animation, no resize observer) and hands the
 * drawn canvas to `use` — before the chart is destroyed, since destroying clears the canvas.
 */
function withChart<T>(config: ChartConfiguration, size: ChartSize, use: (canvas: Canvas) => T): T {
  const canvas = createCanvas(size.width, size.height);
  const chart = new Chart(canvas.getContext('2d') as unknown as ChartItem, {
    ...config,
    plugins: [...(config.plugins ?? []), whiteBackground],
    options: { ...config.options, animation: false, responsive: false, devicePixelRatio: 1 },
  } as ChartConfiguration);
  try {
    return use(canvas);
  } finally {
    chart.destroy();
  }
}

/** One chart as a PNG. */
export function chartPng(config: ChartConfiguration, size: ChartSize): Buffer {
  return withChart(config, size, (canvas) => canvas.toBuffer('image/png'));
}

/** A heading over the panels of one image: what the whole chart answers. */
export interface ChartHeading {
  title: string;
  subtitle?: string;
}

export const HEADING_HEIGHT = 58;

/** Cuts a line to the width it may take, with an ellipsis, so a long restatement never runs off the image. */
function fitText(ctx: { measureText(text: string): { width: number } }, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Several charts side by side in one PNG (Slack shows one image per answer best), under an optional heading. */
export function sideBySidePng(panels: Array<{ config: ChartConfiguration; size: ChartSize }>, heading?: ChartHeading): Buffer {
  const width = panels.reduce((sum, p) => sum + p.size.width, 0);
  const top = heading ? HEADING_HEIGHT : 0;
  const height = top + Math.max(...panels.map((p) => p.size.height));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  if (heading) {
    const family = chartFontFamily();
    ctx.fillStyle = '#1f2933';
    ctx.textBaseline = 'top';
    ctx.font = `bold 17px ${family}`;
    ctx.fillText(fitText(ctx, heading.title, width - 32), 16, 10);
    if (heading.subtitle) {
      ctx.fillStyle = '#52606d';
      ctx.font = `13px ${family}`;
      ctx.fillText(fitText(ctx, heading.subtitle, width - 32), 16, 34);
    }
  }
  let x = 0;
  for (const panel of panels) {
    withChart(panel.config, panel.size, (drawn) => ctx.drawImage(drawn, x, top));
    x += panel.size.width;
  }
  return canvas.toBuffer('image/png');
}
