/**
 * Media contribution over a horizon when spend carries over from week to week: the objective
 * of per-week plans. Each channel's adstocked spend in week t is Σ_l w_l · spend(t − l), linear
 * in the plan, with weeks before the horizon taken from the observed history; the channel then
 * earns curve(adstocked spend) that week. This is the model's forecast of the media part
 * (src/mmm/outputs.ts `forecast`), written so that its exact gradient is cheap:
 *   ∂/∂spend(c, s) = Σ_{t ≥ s} w_{t−s} · curve_c'(adstocked_c(t)).
 *
 * Spend late in the horizon echoes past its end, and that echo is not counted: the horizon
 * total is what the scenario reports, so it is what per-week plans maximize.
 *
 * Plans are week-major: spend of channel c in week w is x[w · channels + c].
 */
import type { ResponseCurve } from './envelope';
import type { SmoothObjective } from './smoothObjective';

export interface CarryOverChannel {
  /** Weekly contribution at a weekly (adstocked) spend: the steady-state response curve. */
  curve: ResponseCurve;
  /** Carry-over weights for lags 0, 1, …, maxLag (they sum to 1). */
  lagWeights: ArrayLike<number>;
  /** Spend in the observed weeks just before the horizon, oldest first (at least maxLag of them when available). */
  history: number[];
}

/** Adstocked spend of one channel in every horizon week. */
function adstockedSpend(channel: CarryOverChannel, index: number, channelCount: number, weeks: number, x: number[]): Float64Array {
  const { lagWeights: w, history } = channel;
  const out = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let carried = 0;
    for (let l = 0; l < w.length; l++) {
      const s = t - l;
      const spend = s >= 0 ? x[s * channelCount + index] : (history[history.length + s] ?? 0);
      carried += w[l] * spend;
    }
    out[t] = carried;
  }
  return out;
}

export function horizonContribution(channels: CarryOverChannel[], weeks: number): SmoothObjective {
  const n = channels.length;
  return {
    value(x) {
      let total = 0;
      channels.forEach((channel, c) => {
        for (const a of adstockedSpend(channel, c, n, weeks, x)) total += channel.curve.contribution(a);
      });
      return total;
    },
    gradient(x) {
      const g = new Array<number>(x.length).fill(0);
      // A curve rising vertically from zero (Hill shape < 1) has an infinite slope there; the
      // slope a hair above zero says the same ("spend here first") and keeps the LP finite.
      const hair = 1e-9 * Math.max(1e-12, ...x);
      channels.forEach((channel, c) => {
        const adstocked = adstockedSpend(channel, c, n, weeks, x);
        for (let t = 0; t < weeks; t++) {
          const m = channel.curve.marginal(Math.max(adstocked[t], hair));
          for (let l = 0; l < channel.lagWeights.length && t - l >= 0; l++) g[(t - l) * n + c] += channel.lagWeights[l] * m;
        }
      });
      return g;
    },
  };
}
