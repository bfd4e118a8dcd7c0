/** The bench's plain-ridge comparison (bench/realData/plainRidge.ts) against closed forms. */
import { describe, expect, it } from 'vitest';
import { crossValidatedAlpha, ridgePredictions, RIDGE_ALPHAS } from '../../bench/realData/plainRidge';

const weeks = 120;
const a = Array.from({ length: weeks }, (_, t) => Math.sin(t / 3) + (t % 7));
const b = Array.from({ length: weeks }, (_, t) => Math.cos(t / 5) * 3 + (t % 4));

describe('plain ridge', () => {
  it('with no penalty, reproduces an exactly linear KPI, holdout weeks included', () => {
    const kpi = a.map((x, t) => 3 + 2 * x - b[t]);
    ridgePredictions([a, b], kpi, 100, 0).forEach((y, t) => expect(y).toBeCloseTo(kpi[t], 8));
  });

  it('shrinks a single column’s slope to Sxy / (Sxx + alpha), intercept unpenalized', () => {
    const kpi = a.map((x, t) => 5 + 1.5 * x + Math.sin(7 * t));
    const n = 100;
    const mean = (xs: number[]) => xs.slice(0, n).reduce((s, x) => s + x, 0) / n;
    const [ma, my] = [mean(a), mean(kpi)];
    let sxy = 0;
    let sxx = 0;
    for (let t = 0; t < n; t++) {
      sxy += (a[t] - ma) * (kpi[t] - my);
      sxx += (a[t] - ma) ** 2;
    }
    const alpha = 50;
    const slope = sxy / (sxx + alpha);
    ridgePredictions([a], kpi, n, alpha).forEach((y, t) => expect(y).toBeCloseTo(my + slope * (a[t] - ma), 9));
  });

  it('chooses the penalty from its grid by CV on the training weeks only', () => {
    const kpi = a.map((x, t) => 3 + 2 * x - b[t] + 0.5 * Math.sin(11 * t));
    const alpha = crossValidatedAlpha([a, b], kpi, 100);
    expect(RIDGE_ALPHAS).toContain(alpha);
    const scrambled = kpi.map((y, t) => (t >= 100 ? -y * 10 : y));
    expect(crossValidatedAlpha([a, b], scrambled, 100)).toBe(alpha);
  });
});
