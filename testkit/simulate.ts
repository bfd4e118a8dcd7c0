/**
 * A seeded simulator of weekly marketing data with known truth, drawn the way the demo truth file
 * describes its generator (geometric adstock over 8 lags, Hill saturation with the half-saturation
 * in weekly spend units, log-normal spend, trend + yearly seasonality + holiday/promo controls,
 * multiplicative noise) but with every setting drawn at random: 3–8 channels, 104–208 weeks, 1–3%
 * noise, media 20–50% of the KPI. It exists to measure the estimator on a family of data sets
 * rather than tune it to one file.
 */
import type { WeeklyData } from '../src/data/weeklyData';
import { weekAfter } from '../src/mmm/design';
import { seededRandom, standardNormal } from '../src/mmm/random';
import { mediaEffect } from '../src/mmm/transforms/registry';

/** The carry-over horizon of the generator (the truth file's l = 0..8). */
export const SIMULATED_MAX_LAG = 8;

export interface SimulatedChannel {
  decay: number;
  /** Weekly spend (after carry-over) giving half the maximum effect. */
  halfSaturation: number;
  shape: number;
  /** Weekly KPI at full saturation. */
  beta: number;
  meanWeeklySpend: number;
  /** Total noiseless contribution over all weeks / total spend. */
  roas: number;
}

export interface SimulatedDataSet {
  seed: number;
  data: WeeklyData;
  channels: Record<string, SimulatedChannel>;
  /** Standard deviation of the multiplicative noise (0.02 = 2%). */
  noise: number;
  /** Share of the noiseless KPI that media produced. */
  mediaShare: number;
}

export interface SimulationOptions {
  weeks?: number;
  channelCount?: number;
  /** Range the noise level is drawn from (default 1–3%). */
  noise?: { low: number; high: number };
  /**
   * Ranges the channels' truth is drawn from, to check the estimator on a family drawn
   * differently from the one its priors were chosen on. Unset, the defaults below.
   */
  draws?: Partial<ChannelDraws>;
}

/** Where each channel's truth comes from: uniform decay and shape, log-uniform ratios. */
export interface ChannelDraws {
  decay: { low: number; high: number };
  /** Half-saturation as a multiple of the channel's mean weekly spend. */
  halfSaturationRatio: { low: number; high: number };
  shape: { low: number; high: number };
  /** ROAS relative to the other channels, before scaling to the media share. */
  relativeRoas: { low: number; high: number };
  /** Log-normal sigma of week-to-week spend. */
  spendSigma: number;
}

export const DEFAULT_CHANNEL_DRAWS: ChannelDraws = {
  decay: { low: 0.05, high: 0.75 },
  halfSaturationRatio: { low: 0.5, high: 2 },
  shape: { low: 0.8, high: 2.6 },
  relativeRoas: { low: 0.6, high: 3 },
  spendSigma: 0.5,
};

const CHANNEL_NAMES = ['tv', 'search', 'social', 'display', 'radio', 'video', 'podcast', 'outdoor', 'affiliate', 'print'];

type Random = () => number;
const uniform = (random: Random, low: number, high: number) => low + (high - low) * random();
const logUniform = (random: Random, low: number, high: number) => Math.exp(uniform(random, Math.log(low), Math.log(high)));
const integer = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

function shuffled<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The true transforms as model hyperparameters (what "least squares given the truth" fits with). */
export function trueHyperparameters(channels: Record<string, Pick<SimulatedChannel, 'decay' | 'halfSaturation' | 'shape'>>, ridge = 0) {
  return {
    ridge,
    channels: Object.fromEntries(
      Object.entries(channels).map(([name, c]) => [
        name,
        {
          adstock: { type: 'geometric' as const, decay: c.decay, maxLag: SIMULATED_MAX_LAG },
          saturation: { type: 'hill' as const, halfSaturation: c.halfSaturation, shape: c.shape },
        },
      ]),
    ),
  };
}

/** Black Friday and Christmas weeks (a holiday control that fires on the same weeks every year). */
function isHolidayWeek(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  return (month === 10 && day >= 22 && day <= 28) || (month === 11 && day >= 18 && day <= 24);
}

/**
 * Weekly spend of one channel: log-normal around its mean (mean-preserving); some channels are
 * flighted, with dark weeks.
 */
function weeklySpendSeries(random: Random, weeks: number, meanWeeklySpend: number, sigma: number): number[] {
  const darkWeekChance = random() < 0.3 ? uniform(random, 0.05, 0.2) : 0;
  return Array.from({ length: weeks }, () => (random() < darkWeekChance ? 0 : meanWeeklySpend * Math.exp(sigma * standardNormal(random) - (sigma * sigma) / 2)));
}

export function simulateDataSet(seed: number, options: SimulationOptions = {}): SimulatedDataSet {
  const random = seededRandom(seed, 77);
  const draw = { ...DEFAULT_CHANNEL_DRAWS, ...options.draws };
  const weeks = options.weeks ?? integer(random, 104, 208);
  const channelCount = options.channelCount ?? integer(random, 3, 8);
  // Past the ten named channels (a 50-channel stress set), numbered ones; up to ten, the same draws as before.
  const pool = channelCount <= CHANNEL_NAMES.length ? CHANNEL_NAMES : [...CHANNEL_NAMES, ...Array.from({ length: channelCount - CHANNEL_NAMES.length }, (_, i) => `channel${i + CHANNEL_NAMES.length + 1}`)];
  const names = shuffled(pool, random).slice(0, channelCount);
  const firstMonday = weekAfter('2018-01-01', integer(random, 0, 4 * 52));
  const dates = Array.from({ length: weeks }, (_, t) => weekAfter(firstMonday, t));
  const years = dates.map((_, t) => (t * 7) / 365.25);

  // Baseline: level, linear trend, two yearly harmonics, controls — the form the model assumes.
  const level = logUniform(random, 2e5, 2e6);
  const trendPerYear = level * uniform(random, -0.1, 0.15);
  const harmonics = [uniform(random, 0.03, 0.12), uniform(random, 0, 0.05)].map((a) => ({ amplitude: a * level, phase: uniform(random, 0, 2 * Math.PI) }));
  const holiday = dates.map((d) => (isHolidayWeek(d) ? 1 : 0));
  const promoChance = uniform(random, 0.05, 0.15);
  const promo = dates.map(() => (random() < promoChance ? 1 : 0));
  const holidayLift = level * uniform(random, 0.05, 0.2);
  const promoLift = level * uniform(random, 0.02, 0.08);
  const baseline = years.map(
    (y, t) =>
      level +
      trendPerYear * y +
      harmonics.reduce((s, h, k) => s + h.amplitude * Math.sin(2 * Math.PI * (k + 1) * y + h.phase), 0) +
      holidayLift * holiday[t] +
      promoLift * promo[t],
  );

  // Channels: mean spends spanning about 10x (the largest and smallest pinned at the ends).
  const topSpend = level * uniform(random, 0.03, 0.1);
  const spreads = [0, 1, ...Array.from({ length: channelCount - 2 }, () => random())];
  const spend: Record<string, number[]> = {};
  const effects: Record<string, Float64Array> = {};
  const channels: Record<string, SimulatedChannel> = {};
  const relativeRoas: Record<string, number> = {};
  names.forEach((name, c) => {
    const meanWeeklySpend = topSpend * 10 ** -spreads[c];
    const truth = {
      decay: uniform(random, draw.decay.low, draw.decay.high),
      halfSaturation: meanWeeklySpend * logUniform(random, draw.halfSaturationRatio.low, draw.halfSaturationRatio.high),
      shape: uniform(random, draw.shape.low, draw.shape.high),
    };
    spend[name] = weeklySpendSeries(random, weeks, meanWeeklySpend, draw.spendSigma);
    effects[name] = mediaEffect(trueHyperparameters({ [name]: truth }).channels[name], spend[name]);
    relativeRoas[name] = logUniform(random, draw.relativeRoas.low, draw.relativeRoas.high);
    channels[name] = { ...truth, beta: 0, meanWeeklySpend, roas: 0 };
  });

  // Scale each channel's effect to its relative ROAS, then all together to the drawn media share.
  const total = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);
  const mediaShare = uniform(random, 0.2, 0.5);
  const unscaled = Object.fromEntries(names.map((n) => [n, (relativeRoas[n] * total(spend[n])) / Math.max(1e-12, total(effects[n]))]));
  const unscaledMedia = names.reduce((s, n) => s + unscaled[n] * total(effects[n]), 0);
  const scale = ((mediaShare / (1 - mediaShare)) * total(baseline)) / unscaledMedia;
  const kpi = [...baseline];
  for (const n of names) {
    const beta = unscaled[n] * scale;
    effects[n].forEach((x, t) => (kpi[t] += beta * x));
    channels[n].beta = beta;
    channels[n].roas = (beta * total(effects[n])) / total(spend[n]);
  }

  const noise = uniform(random, options.noise?.low ?? 0.01, options.noise?.high ?? 0.03);
  const data: WeeklyData = {
    dates,
    kpiName: 'kpi',
    kpi: kpi.map((y) => y * (1 + noise * standardNormal(random))),
    channels: names,
    spend,
    controls: ['holiday', 'promo'],
    controlValues: { holiday, promo },
  };
  return { seed, data, channels, noise, mediaShare };
}
