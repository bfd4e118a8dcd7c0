import { GlobalFonts, loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartFontFamily, digestChartPng, interpolateKpi, responseCurveChartPng, scenarioChartPng, type ChannelBeforeAfter } from '../../src/charts';
import { PNG_SIGNATURE } from '../helpers/uploads';

/** Width and height from the PNG header (IHDR is always the first chunk). */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer): Promise<{ width: number; height: number; at(x: number, y: number): [number, number, number] }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return { width: image.width, height: image.height, at: (x, y) => [data[(y * image.width + x) * 4], data[(y * image.width + x) * 4 + 1], data[(y * image.width + x) * 4 + 2]] };
}

function countPixels(img: Awaited<ReturnType<typeof pixels>>, region: { x0: number; x1: number; y0: number; y1: number }, match: (rgb: [number, number, number]) => boolean): number {
  let n = 0;
  for (let y = region.y0; y < region.y1; y++) for (let x = region.x0; x < region.x1; x++) if (match(img.at(x, y))) n++;
  return n;
}

const isDark = ([r, g, b]: [number, number, number]) => r < 120 && g < 120 && b < 120;
const near = (target: [number, number, number]) => ([r, g, b]: [number, number, number]) => Math.abs(r - target[0]) < 6 && Math.abs(g - target[1]) < 6 && Math.abs(b - target[2]) < 6;

const channels: ChannelBeforeAfter[] = [
  { label: 'TV', spendBefore: 40_000, spendAfter: 80_000, contributionBefore: 1e6, contributionAfter: 1.5e6 },
  { label: 'Paid Search', spendBefore: 20_000, spendAfter: 40_000, contributionBefore: 5e5, contributionAfter: 8e5 },
];

describe('scenario chart', () => {
  it('is a PNG of two panels side by side', () => {
    const png = scenarioChartPng(channels, { spend: 'Weekly spend', contribution: 'Revenue, next 13 weeks' });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1120, height: 380 });
  });

  it('draws bar areas in proportion to spend: doubling every channel doubles the blue against the grey', async () => {
    const img = await pixels(scenarioChartPng(channels, { spend: 'Weekly spend', contribution: 'Revenue' }));
    // Left panel only (spend); bars share one width, so their areas are proportional to their heights.
    const left = { x0: 0, x1: 560, y0: 0, y1: 380 };
    const before = countPixels(img, left, near([0x9a, 0xa5, 0xb1]));
    const after = countPixels(img, left, near([0x2f, 0x6f, 0xde]));
    expect(after / before).toBeGreaterThan(1.8);
    expect(after / before).toBeLessThan(2.2);
  });

  it('writes its titles with an installed font (text really renders)', async () => {
    expect(GlobalFonts.families.map((f) => f.family)).toContain(chartFontFamily());
    const img = await pixels(scenarioChartPng(channels, { spend: 'Weekly spend', contribution: 'Revenue' }));
    // The band above the plot holds nothing but the title: dark pixels there are its letters.
    const titleBand = { x0: 150, x1: 410, y0: 4, y1: 34 };
    expect(countPixels(img, titleBand, isDark)).toBeGreaterThan(100);
    const untitled = await pixels(scenarioChartPng(channels, { spend: '', contribution: '' }));
    expect(countPixels(untitled, titleBand, isDark)).toBe(0);
  });

  it('refuses an empty scenario', () => {
    expect(() => scenarioChartPng([], { spend: 'a', contribution: 'b' })).toThrow(/no channels/);
  });
});

describe('response curve chart', () => {
  const points = Array.from({ length: 21 }, (_, i) => {
    const weeklySpend = i * 5000;
    const kpi = (200_000 * weeklySpend) / (weeklySpend + 40_000);
    return { weeklySpend, kpi, low: kpi * 0.8, high: kpi * 1.2 };
  });

  it('is a PNG with the interval band drawn', async () => {
    const png = responseCurveChartPng({ channel: 'Paid Search', kpiName: 'revenue', currentWeeklySpend: 32_000, points });
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const img = await pixels(png);
    expect([img.width, img.height]).toEqual([800, 420]);
    // The band is a light translucent blue over white.
    const bandPixels = countPixels(img, { x0: 0, x1: 800, y0: 0, y1: 420 }, ([r, g, b]) => b > 230 && r < 235 && r > 200 && g > 215);
    expect(bandPixels).toBeGreaterThan(5000);
  });

  it('needs at least two points', () => {
    expect(() => responseCurveChartPng({ channel: 'TV', kpiName: 'sales', currentWeeklySpend: 0, points: points.slice(0, 1) })).toThrow(/at least 2 points/);
  });

  it('marks today’s spend on the straight line between neighbouring points', () => {
    const line = [
      { weeklySpend: 0, kpi: 0, low: 0, high: 0 },
      { weeklySpend: 10, kpi: 100, low: 0, high: 0 },
      { weeklySpend: 20, kpi: 140, low: 0, high: 0 },
    ];
    expect(interpolateKpi(line, 5)).toBe(50);
    expect(interpolateKpi(line, 15)).toBe(120);
    expect(interpolateKpi(line, 30)).toBe(140);
    expect(interpolateKpi(line, -1)).toBe(0);
  });
});

describe('digest chart', () => {
  const figures = [
    { label: 'TV', spendLastWeek: 60_000, spendPreviousWeek: 30_000, roasRecent: 1.2, roasQuarter: 1.4 },
    { label: 'Radio', spendLastWeek: 20_000, spendPreviousWeek: 10_000, roasRecent: 0.9, roasQuarter: 1.0 },
  ];

  it('is a PNG of two panels: spend and ROAS', () => {
    const png = digestChartPng(figures);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1120, height: 380 });
  });

  it('draws last week against the week before in proportion: doubled spend, twice the blue', async () => {
    const img = await pixels(digestChartPng(figures));
    const left = { x0: 0, x1: 560, y0: 0, y1: 380 };
    const ratio = countPixels(img, left, near([0x2f, 0x6f, 0xde])) / countPixels(img, left, near([0x9a, 0xa5, 0xb1]));
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });
});
