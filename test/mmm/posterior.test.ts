/** The transform posterior's sampler, against distributions whose moments are known in closed form. */
import { describe, expect, it } from 'vitest';
import { samplePosterior } from '../../src/mmm/posterior';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

describe('samplePosterior', () => {
  it('draws a correlated Gaussian with its means, spreads and correlation, from a start far off', () => {
    // Centre (0.6, 0.4, 0.5), standard deviations 0.08, 0.05, 0.1; the first two correlated 0.8.
    const rho = 0.8;
    const logDensity = (u: number[]) => {
      const a = (u[0] - 0.6) / 0.08;
      const b = (u[1] - 0.4) / 0.05;
      const c = (u[2] - 0.5) / 0.1;
      return -(a * a - 2 * rho * a * b + b * b) / (2 * (1 - rho * rho)) - (c * c) / 2;
    };
    const draws = samplePosterior(logDensity, [0.1, 0.9, 0.1], { chains: 4, generations: 6000, draws: 2000, temperature: 1 }, 3, 0);
    expect(draws).toHaveLength(2000);
    const column = (d: number) => draws.map((u) => u[d]);
    expect(mean(column(0))).toBeCloseTo(0.6, 1);
    expect(mean(column(1))).toBeCloseTo(0.4, 1);
    expect(mean(column(2))).toBeCloseTo(0.5, 1);
    expect(sd(column(0)) / 0.08).toBeGreaterThan(0.75);
    expect(sd(column(0)) / 0.08).toBeLessThan(1.25);
    expect(sd(column(2)) / 0.1).toBeGreaterThan(0.75);
    expect(sd(column(2)) / 0.1).toBeLessThan(1.25);
    const x = column(0);
    const y = column(1);
    const correlation = mean(x.map((v, i) => (v - mean(x)) * (y[i] - mean(y)))) / (sd(x) * sd(y));
    expect(correlation).toBeGreaterThan(0.6);
    expect(correlation).toBeLessThan(0.95);
  });

  it('widens by the square root of its temperature', () => {
    const logDensity = (u: number[]) => -(((u[0] - 0.5) / 0.05) ** 2) / 2;
    const spread = (temperature: number) => sd(samplePosterior(logDensity, [0.5], { chains: 3, generations: 6000, draws: 3000, temperature }, 5, 0).map((u) => u[0]));
    expect(spread(4) / spread(1)).toBeGreaterThan(1.6);
    expect(spread(4) / spread(1)).toBeLessThan(2.4);
  });

  it('never leaves the unit cube and repeats itself for the same seed', () => {
    const flat = () => 0;
    const a = samplePosterior(flat, [0.99, 0.01], { chains: 3, generations: 300, draws: 100, temperature: 1 }, 8, 1);
    expect(a.every((u) => u.every((v) => v >= 0 && v <= 1))).toBe(true);
    expect(samplePosterior(flat, [0.99, 0.01], { chains: 3, generations: 300, draws: 100, temperature: 1 }, 8, 1)).toEqual(a);
    expect(samplePosterior(flat, [0.99, 0.01], { chains: 3, generations: 300, draws: 100, temperature: 1 }, 9, 1)).not.toEqual(a);
  });
});
