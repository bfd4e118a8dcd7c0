import { AdstockComponent, requireFinite, requireMaxLag } from './types';

/** Each week keeps `decay` of the previous week's effect, cut off after `maxLag` weeks. */
export interface GeometricAdstockParams {
  type: 'geometric';
  decay: number;
  maxLag: number;
}

export const geometricAdstock: AdstockComponent<GeometricAdstockParams> = {
  type: 'geometric',
  parameters: [{ name: 'decay', lower: 0, upper: 0.9 }],
  fromValues: (values, maxLag) => ({ type: 'geometric', decay: values.decay, maxLag }),
  weights({ decay, maxLag }) {
    const w = new Float64Array(maxLag + 1);
    let total = 0;
    for (let l = 0; l <= maxLag; l++) {
      w[l] = decay ** l;
      total += w[l];
    }
    for (let l = 0; l <= maxLag; l++) w[l] /= total;
    return w;
  },
  equivalentDecay: ({ decay }) => decay,
  validate(p) {
    requireFinite(p.decay, 'adstock.decay', 0, 0.999);
    requireMaxLag(p.maxLag, 'adstock.maxLag');
  },
};
