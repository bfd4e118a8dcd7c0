import { AdstockComponent, requireFinite, requireMaxLag } from './types';

/**
 * Delayed carry-over shaped like a Weibull density: with `shape` > 1 the effect peaks some
 * weeks after the spend (TV flights, outdoor), with `shape` <= 1 it fades from week one.
 * `scale` stretches the curve in weeks.
 */
export interface WeibullAdstockParams {
  type: 'weibull';
  shape: number;
  scale: number;
  maxLag: number;
}

export const weibullAdstock: AdstockComponent<WeibullAdstockParams> = {
  type: 'weibull',
  parameters: [
    { name: 'shape', lower: 0.5, upper: 5, prior: { low: 0.5, high: 3, spread: 0.5 } },
    { name: 'scale', lower: 0.5, upper: 8, logScale: true },
  ],
  fromValues: (values, maxLag) => ({ type: 'weibull', shape: values.shape, scale: values.scale, maxLag }),
  weights({ shape, scale, maxLag }) {
    const w = new Float64Array(maxLag + 1);
    let total = 0;
    for (let l = 0; l <= maxLag; l++) {
      // Evaluated at the middle of week l so that lag 0 is finite for shape < 1.
      const x = (l + 0.5) / scale;
      w[l] = x ** (shape - 1) * Math.exp(-(x ** shape));
      total += w[l];
    }
    for (let l = 0; l <= maxLag; l++) w[l] /= total;
    return w;
  },
  equivalentDecay(params) {
    const w = weibullAdstock.weights(params);
    let meanLag = 0;
    for (let l = 0; l < w.length; l++) meanLag += l * w[l];
    // A geometric adstock with decay d has mean lag d / (1 - d).
    return meanLag / (1 + meanLag);
  },
  validate(p) {
    requireFinite(p.shape, 'adstock.shape', 0.05, 50);
    requireFinite(p.scale, 'adstock.scale', 0.05, 104);
    requireMaxLag(p.maxLag, 'adstock.maxLag');
  },
};
