import type { Chart, Plugin } from 'chart.js';
import { chartFontFamily } from './canvas';

/**
 * Drawing chart.js does not do on its own, as small plugins the charts configure per chart:
 * interval whiskers on bars, a shaded band of x values, a labelled reference line.
 */

/** A 90% interval per bar of one dataset: a whisker from low to high across the bar. */
export interface BarIntervals {
  datasetIndex: number;
  low: Array<number | null>;
  high: Array<number | null>;
  color?: string;
}

/** Draws the whiskers of `intervals` over their bars (vertical or horizontal bars alike). */
export function intervalWhiskers(intervals: BarIntervals[]): Plugin {
  return {
    id: 'intervalWhiskers',
    afterDatasetsDraw(chart: Chart) {
      const ctx = chart.ctx;
      const horizontal = chart.options.indexAxis === 'y';
      const valueScale = horizontal ? chart.scales.x : chart.scales.y;
      ctx.save();
      for (const interval of intervals) {
        const meta = chart.getDatasetMeta(interval.datasetIndex);
        meta.data.forEach((bar, i) => {
          const low = interval.low[i];
          const high = interval.high[i];
          if (low === null || high === null || low === undefined || high === undefined) return;
          const { x, y } = bar.getProps(['x', 'y'], true) as { x: number; y: number };
          const thickness = (horizontal ? (bar as unknown as { height: number }).height : (bar as unknown as { width: number }).width) ?? 20;
          const cap = Math.max(4, Math.min(12, thickness * 0.3));
          const a = valueScale.getPixelForValue(low);
          const b = valueScale.getPixelForValue(high);
          ctx.strokeStyle = interval.color ?? '#1f2933';
          ctx.lineWidth = 2;
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, y);
            ctx.lineTo(b, y);
            ctx.moveTo(a, y - cap);
            ctx.lineTo(a, y + cap);
            ctx.moveTo(b, y - cap);
            ctx.lineTo(b, y + cap);
          } else {
            ctx.moveTo(x, a);
            ctx.lineTo(x, b);
            ctx.moveTo(x - cap, a);
            ctx.lineTo(x + cap, a);
            ctx.moveTo(x - cap, b);
            ctx.lineTo(x + cap, b);
          }
          ctx.stroke();
        });
      }
      ctx.restore();
    },
  };
}

/** Shades the plot area between two x values (e.g. the spend range a channel has seen), under the data. */
export function xBand(from: number, to: number, color: string, label?: string, beyondLabel?: string): Plugin {
  return {
    id: 'xBand',
    beforeDatasetsDraw(chart: Chart) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x;
      const left = Math.max(chartArea.left, x.getPixelForValue(from));
      const right = Math.min(chartArea.right, x.getPixelForValue(to));
      if (right <= left) return;
      ctx.save();
      ctx.fillStyle = color;
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      if (label) {
        ctx.fillStyle = '#52606d';
        ctx.font = `12px ${chartFontFamily()}`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'top';
        ctx.fillText(label, left + 6, chartArea.top + 6);
      }
      if (beyondLabel && right < chartArea.right - 60) {
        ctx.fillStyle = '#52606d';
        ctx.font = `italic 12px ${chartFontFamily()}`;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'top';
        ctx.fillText(beyondLabel, chartArea.right - 6, chartArea.top + 6);
      }
      ctx.restore();
    },
  };
}

/** A dashed line across the plot at one value of the value axis (y, or x for horizontal bars), labelled at its end. */
export function referenceLine(value: number, label: string, color = '#b42318', axis: 'x' | 'y' = 'y'): Plugin {
  return {
    id: 'referenceLine',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, chartArea } = chart;
      const scale = chart.scales[axis];
      const at = scale.getPixelForValue(value);
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash([7, 5]);
      ctx.beginPath();
      if (axis === 'y') {
        ctx.moveTo(chartArea.left, at);
        ctx.lineTo(chartArea.right, at);
      } else {
        ctx.moveTo(at, chartArea.top);
        ctx.lineTo(at, chartArea.bottom);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      ctx.font = `bold 12px ${chartFontFamily()}`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'bottom';
      // On a white tab, so bars behind it do not hide it.
      const x = axis === 'y' ? chartArea.left + 4 : at + 4;
      const y = axis === 'y' ? at - 3 : chartArea.top + 16;
      const width = ctx.measureText(label).width;
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(x - 2, y - 14, width + 4, 15);
      ctx.fillStyle = color;
      ctx.fillText(label, x, y);
      ctx.restore();
    },
  };
}
