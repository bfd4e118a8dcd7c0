/**
 * The transform search space: every channel's adstock and saturation parameters mapped to the
 * unit cube [0,1]^dims where the search works. (The ridge penalty is chosen separately, by
 * cross-validation, once the transforms are known.)
 */
import type { WeeklyData } from '../data/weeklyData';
import { adstockComponent, AdstockType, saturationComponent, SaturationType } from './transforms/registry';
import type { ParameterSpec } from './transforms/types';
import type { Hyperparameters } from './types';

export interface TransformFamilies {
  adstock: AdstockType;
  saturation: SaturationType;
  maxLag: number;
}


/**
 * A channel at its typical weekly spend still responds to more spend: a 1% change in spend changes
 * its effect by at least ~0.4% (elasticity), give or take a factor e^spread. A curve already flat
 * there makes the channel's column nearly constant, so its level trades freely with the intercept
 * and its ROAS becomes whatever the search lands on. (Floor 0.4 rather than 0.3: on the simulated
 * family it cut the big misses of small channels; see HILL_SHAPE_PRIOR.)
 */
export const ELASTICITY_PRIOR = { floor: 0.4, spread: 0.35 };

/**
 * Channels of one brand share much of how their media work, so each transform parameter's
 * unit-cube coordinate is pulled toward its mean over the channels, with sd `spread` (a fifth of
 * its range). A small channel, whose own weeks say little about its curve, borrows the others'
 * shape instead of one fitted to noise; a well-measured channel's likelihood outweighs the pull.
 */
export const CHANNEL_POOLING_PRIOR = { spread: 0.2 };

/** −2 log of CHANNEL_POOLING_PRIOR: squared distances of each channel's coordinates from the channels' mean, in spreads. */
export function poolingPenalty(u: ArrayLike<number>, channels: number, perChannel: number): number {
  if (channels < 2) return 0;
  let penalty = 0;
  for (let k = 0; k < perChannel; k++) {
    let mean = 0;
    for (let c = 0; c < channels; c++) mean += u[c * perChannel + k];
    mean /= channels;
    for (let c = 0; c < channels; c++) penalty += ((u[c * perChannel + k] - mean) / CHANNEL_POOLING_PRIOR.spread) ** 2;
  }
  return penalty;
}

export interface SearchSpace {
  dims: number;
  /** Which unit-cube dimensions belong to each channel. */
  channelDims: number[][];
  decode(u: ArrayLike<number>, ridge: number): Hyperparameters;
  /**
   * −2 log prior of the candidate's transform parameters (0 inside every plausible range); `decoded` is
   * `decode(u, …)`, already built by the caller. `pooled` adds CHANNEL_POOLING_PRIOR (the draws' prior, not the point estimate's).
   */
  priorPenalty(u: ArrayLike<number>, decoded: Hyperparameters, pooled?: boolean): number;
}

/** Mean of a channel's non-zero weekly spend over the training weeks: the scale of its saturation bounds. */
export function typicalWeeklySpend(spend: number[], trainingWeeks: number): number {
  const active = spend.slice(0, trainingWeeks).filter((x) => x > 0);
  return active.reduce((s, x) => s + x, 0) / Math.max(1, active.length);
}

/** A unit-cube coordinate as the parameter's value in its own bounds' units (before scaling by weekly spend). */
function unscaledValue(spec: ParameterSpec, u: number): number {
  return spec.logScale ? Math.exp(Math.log(spec.lower) + u * (Math.log(spec.upper) - Math.log(spec.lower))) : spec.lower + u * (spec.upper - spec.lower);
}

function fromUnit(spec: ParameterSpec, u: number, weeklySpend: number): number {
  return unscaledValue(spec, u) * (spec.perWeeklySpend ? weeklySpend : 1);
}

/** Squared distance outside the prior's plausible range, in prior spreads. */
function priorDistance(spec: ParameterSpec, u: number): number {
  if (!spec.prior) return 0;
  const { low, high, spread } = spec.prior;
  const value = unscaledValue(spec, u);
  const outside = spec.logScale ? Math.max(0, Math.log(low / value), Math.log(value / high)) : Math.max(0, low - value, value - high);
  return (outside / spread) ** 2;
}

export function buildSearchSpace(data: WeeklyData, trainingWeeks: number, families: TransformFamilies): SearchSpace {
  const adstock = adstockComponent(families.adstock);
  const saturation = saturationComponent(families.saturation);
  // One channel's unit-cube coordinates, in order: what each dimension of a candidate is.
  const channelSpecs = [...adstock.parameters, ...saturation.parameters];
  const perChannel = channelSpecs.length;
  const spends = data.channels.map((c) => typicalWeeklySpend(data.spend[c], trainingWeeks));
  const channelDims = data.channels.map((_, c) => Array.from({ length: perChannel }, (_, k) => c * perChannel + k));
  return {
    dims: data.channels.length * perChannel,
    channelDims,
    decode(u, ridge) {
      const channels: Hyperparameters['channels'] = {};
      data.channels.forEach((channel, c) => {
        const at = c * perChannel;
        const values = (specs: ParameterSpec[], offset: number) =>
          Object.fromEntries(specs.map((spec, k) => [spec.name, fromUnit(spec, u[at + offset + k], spends[c])]));
        channels[channel] = {
          adstock: adstock.fromValues(values(adstock.parameters, 0), families.maxLag),
          saturation: saturation.fromValues(values(saturation.parameters, adstock.parameters.length)),
        };
      });
      return { ridge, channels };
    },
    priorPenalty(u, decoded, pooled = false) {
      let penalty = 0;
      for (let at = 0; at < u.length; at++) penalty += priorDistance(channelSpecs[at % perChannel], u[at]);
      data.channels.forEach((channel, c) => {
        const curve = decoded.channels[channel].saturation;
        const elasticity = (spends[c] * saturation.marginalResponse(curve, spends[c])) / saturation.response(curve, spends[c]);
        penalty += (Math.max(0, Math.log(ELASTICITY_PRIOR.floor / elasticity)) / ELASTICITY_PRIOR.spread) ** 2;
      });
      return pooled ? penalty + poolingPenalty(u, data.channels.length, perChannel) : penalty;
    },
  };
}
