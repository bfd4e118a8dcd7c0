import { GlobalFonts, loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { chartFontFamily, digestChartPng, interpolateKpi, niceCeiling, responseCurveChartPng, scaleOf, scenarioChartPng, widerScale, type ChannelBeforeAfter, type ScenarioChartInput } from '../../src/charts';
import { HEADING_HEIGHT } from '../../src/charts/canvas';
import { BREAK_EVEN_COLOR, ROAS_QUARTER_COLOR, ROAS_RECENT_COLOR, SPEND_LAST_COLOR, SPEND_PREVIOUS_COLOR } from '../../src/charts/digestChart';
import { AFTER_COLOR, BEFORE_COLOR, GAIN_COLOR, LOSS_COLOR } from '../../src/charts/scenarioChart';
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
  { label: 'TV', spendBefore: 40_000, spendAfter: 80_000, change: 400_000, changeLow: 300_000, changeHigh: 500_000 },
  { label: 'Paid Search', spendBefore: 20_000, spendAfter: 40_000, change: -200_000, changeLow: -260_000, changeHigh: -140_000 },
];
const scenario = (over: Partial<ScenarioChartInput> = {}): ScenarioChartInput => ({
  title: 'Doubling TV and Paid Search for 13 weeks',
  kpiName: 'Revenue',
  weeks: 13,
  net: { pct: 2, lowPct: 1, highPct: 3 },
  channels,
  ...over,
});

// Panels: net change 0–300, weekly spend 300–760, KPI change per channel 760–1220; a 58-pixel heading above.
const NET = { x0: 0, x1: 300, y0: HEADING_HEIGHT, y1: HEADING_HEIGHT + 400 };
const SPEND = { x0: 300, x1: 760, y0: HEADING_HEIGHT, y1: HEADING_HEIGHT + 400 };
const EFFECT = { x0: 760, x1: 1220, y0: HEADING_HEIGHT, y1: HEADING_HEIGHT + 400 };
const hex = (color: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];

describe('scenario chart', () => {
  it('is one PNG: a heading over the net change, spend and per-channel panels', () => {
    const png = scenarioChartPng(scenario());
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1220, height: HEADING_HEIGHT + 400 });
  });

  it('draws spend bars in proportion to spend: doubling every channel doubles the blue against the grey', async () => {
    const img = await pixels(scenarioChartPng(scenario()));
    const before = countPixels(img, SPEND, near(hex(BEFORE_COLOR)));
    const after = countPixels(img, SPEND, near(hex(AFTER_COLOR)));
    expect(after / before).toBeGreaterThan(1.8);
    expect(after / before).toBeLessThan(2.2);
  });

  it('colours the net change by what its 90% interval says: green above zero, red below, neither when it straddles', async () => {
    const green = near(hex(GAIN_COLOR));
    const red = near(hex(LOSS_COLOR));
    const gain = await pixels(scenarioChartPng(scenario()));
    expect(countPixels(gain, NET, green)).toBeGreaterThan(2000);
    expect(countPixels(gain, NET, red)).toBe(0);
    const loss = await pixels(scenarioChartPng(scenario({ net: { pct: -2, lowPct: -3, highPct: -1 } })));
    expect(countPixels(loss, NET, red)).toBeGreaterThan(2000);
    const unsure = await pixels(scenarioChartPng(scenario({ net: { pct: 0.5, lowPct: -1, highPct: 2 } })));
    expect(countPixels(unsure, NET, green) + countPixels(unsure, NET, red)).toBe(0);
  });

  it('draws each channel’s KPI change green or red with its interval whisker across it', async () => {
    const img = await pixels(scenarioChartPng(scenario()));
    // TV gains (green), Paid Search loses (red), in proportion 2:1.
    const ratio = countPixels(img, EFFECT, near(hex(GAIN_COLOR))) / countPixels(img, EFFECT, near(hex(LOSS_COLOR)));
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.4);
    const whiskers = await pixels(scenarioChartPng(scenario({ channels: channels.map((c) => ({ ...c, changeLow: null, changeHigh: null })) })));
    const dark = ([r, g, b]: [number, number, number]) => r < 60 && g < 70 && b < 80;
    const plot = { ...EFFECT, x0: EFFECT.x0 + 90, y0: EFFECT.y0 + 40, y1: EFFECT.y1 - 40 };
    expect(countPixels(img, plot, dark) - countPixels(whiskers, plot, dark)).toBeGreaterThan(100);
  });

  it('keeps a thread’s scale: the same spend draws the same bar whatever else the scenario changes', async () => {
    const scale = { spendMax: 400_000, effectMax: 1_000_000, netPctMax: 10 };
    const small = await pixels(scenarioChartPng(scenario({ scale })));
    const big = await pixels(scenarioChartPng(scenario({ scale, channels: [channels[0], { ...channels[1], spendAfter: 190_000 }] })));
    const grey = near(hex(BEFORE_COLOR));
    // The current plan's bars (grey) are the same spend in both: the same pixels on one scale.
    expect(countPixels(big, SPEND, grey)).toBe(countPixels(small, SPEND, grey));
    const own = await pixels(scenarioChartPng(scenario({ channels: [channels[0], { ...channels[1], spendAfter: 190_000 }] })));
    expect(countPixels(own, SPEND, grey)).toBeGreaterThan(1.5 * countPixels(small, SPEND, grey));
  });

  it('grows its axes in nice steps', () => {
    expect([0.7, 1, 1.3, 2.2, 3, 7, 42_000, 120_000].map(niceCeiling)).toEqual([1, 1, 2, 2.5, 5, 10, 50_000, 200_000]);
    const a = scaleOf(scenario());
    expect(widerScale(a, { ...a, spendMax: a.spendMax * 4 })).toEqual({ ...a, spendMax: a.spendMax * 4 });
  });

  it('writes the scenario as its title with an installed font (text really renders)', async () => {
    expect(GlobalFonts.families.map((f) => f.family)).toContain(chartFontFamily());
    const heading = { x0: 10, x1: 600, y0: 8, y1: 30 };
    const img = await pixels(scenarioChartPng(scenario()));
    expect(countPixels(img, heading, isDark)).toBeGreaterThan(300);
    const untitled = await pixels(scenarioChartPng(scenario({ title: '' })));
    expect(countPixels(untitled, heading, isDark)).toBe(0);
  });

  it('refuses an empty scenario', () => {
    expect(() => scenarioChartPng(scenario({ channels: [] }))).toThrow(/no channels/);
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
    expect([img.width, img.height]).toEqual([800, 440]);
    // The band is a light translucent blue over white.
    const bandPixels = countPixels(img, { x0: 0, x1: 800, y0: 0, y1: 440 }, ([r, g, b]) => b > 230 && r < 235 && r > 200 && g > 215);
    expect(bandPixels).toBeGreaterThan(5000);
  });

  it('shades the spend range seen and dashes the curve beyond it', async () => {
    const plain = await pixels(responseCurveChartPng({ channel: 'Paid Search', kpiName: 'revenue', currentWeeklySpend: 32_000, points }));
    const marked = await pixels(responseCurveChartPng({ channel: 'Paid Search', kpiName: 'revenue', currentWeeklySpend: 32_000, points, observed: { min: 10_000, max: 50_000 } }));
    // Grey shading where the band is not: a thin strip near the x axis, left of the seen maximum and right of it.
    const strip = (x0: number, x1: number) => ({ x0, x1, y0: 340, y1: 352 });
    const grey = ([r, g, b]: [number, number, number]) => Math.abs(r - g) < 8 && Math.abs(g - b) < 8 && r > 215 && r < 245;
    // x axis: 0 at about 70 px, 100k at about 775 px; the seen range is 10k–50k.
    // (Grid lines are grey too: the shading is what the marked chart has more of.)
    expect(countPixels(marked, strip(200, 400), grey) - countPixels(plain, strip(200, 400), grey)).toBeGreaterThan(1500);
    expect(countPixels(marked, strip(480, 760), grey) - countPixels(plain, strip(480, 760), grey)).toBeLessThanOrEqual(0);
    // Dashes leave gaps: fewer curve pixels past the seen maximum than on the solid curve.
    const curve = near(hex(AFTER_COLOR));
    const beyond = { x0: 480, x1: 770, y0: 30, y1: 330 };
    expect(countPixels(marked, beyond, curve)).toBeLessThan(0.8 * countPixels(plain, beyond, curve));
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
  const roas = (value: number) => ({ roas: value, low: value - 0.2, high: value + 0.2 });
  const figures = [
    { label: 'TV', spendLastWeek: 60_000, spendPreviousWeek: 30_000, roasRecent: roas(1.2), roasQuarter: roas(1.4) },
    { label: 'Radio', spendLastWeek: 20_000, spendPreviousWeek: 10_000, roasRecent: roas(0.9), roasQuarter: roas(1.0) },
  ];
  const LEFT = { x0: 0, x1: 560, y0: 0, y1: 400 };
  const RIGHT = { x0: 560, x1: 1120, y0: 0, y1: 400 };

  it('is a PNG of two panels: spend and ROAS', () => {
    const png = digestChartPng(figures);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 1120, height: 400 });
  });

  it('draws last week against the week before in proportion: doubled spend, twice the dark green', async () => {
    const img = await pixels(digestChartPng(figures));
    const ratio = countPixels(img, LEFT, near(hex(SPEND_LAST_COLOR))) / countPixels(img, LEFT, near(hex(SPEND_PREVIOUS_COLOR)));
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });

  it('gives each meaning its own colour: spend weeks only on the left, ROAS windows only on the right', async () => {
    const img = await pixels(digestChartPng(figures));
    for (const color of [SPEND_LAST_COLOR, SPEND_PREVIOUS_COLOR]) {
      expect(countPixels(img, LEFT, near(hex(color)))).toBeGreaterThan(1000);
      expect(countPixels(img, RIGHT, near(hex(color)))).toBe(0);
    }
    for (const color of [ROAS_RECENT_COLOR, ROAS_QUARTER_COLOR]) {
      expect(countPixels(img, RIGHT, near(hex(color)))).toBeGreaterThan(1000);
      expect(countPixels(img, LEFT, near(hex(color)))).toBe(0);
    }
    expect(new Set([SPEND_LAST_COLOR, SPEND_PREVIOUS_COLOR, ROAS_RECENT_COLOR, ROAS_QUARTER_COLOR, BREAK_EVEN_COLOR, AFTER_COLOR, BEFORE_COLOR, GAIN_COLOR, LOSS_COLOR]).size).toBe(9);
  });

  it('draws a break-even line at ROAS 1 and whiskers for the ROAS intervals', async () => {
    const img = await pixels(digestChartPng(figures));
    expect(countPixels(img, RIGHT, near(hex(BREAK_EVEN_COLOR)))).toBeGreaterThan(300);
    expect(countPixels(img, LEFT, near(hex(BREAK_EVEN_COLOR)))).toBe(0);
    const noIntervals = await pixels(digestChartPng(figures.map((f) => ({ ...f, roasRecent: { ...f.roasRecent, low: f.roasRecent.roas, high: f.roasRecent.roas }, roasQuarter: { ...f.roasQuarter, low: f.roasQuarter.roas, high: f.roasQuarter.roas } }))));
    const dark = ([r, g, b]: [number, number, number]) => r < 60 && g < 70 && b < 80;
    const plot = { x0: 620, x1: 1110, y0: 40, y1: 340 };
    expect(countPixels(img, plot, dark) - countPixels(noIntervals, plot, dark)).toBeGreaterThan(80);
  });
});
