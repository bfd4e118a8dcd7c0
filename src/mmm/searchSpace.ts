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


export interface SearchSpace {
  dims: number;
  /** Which unit-cube dimensions belong to each channel. */
  channelDims: number[][];
  decode(u: ArrayLike<number>, ridge: number): Hyperparameters;
}

/** Mean of a channel's non-zero weekly spend over the training weeks: the scale of its saturation bounds. */
export function typicalWeeklySpend(spend: number[], trainingWeeks: number): number {
  const active = spend.slice(0, trainingWeeks).filter((x) => x > 0);
  return active.reduce((s, x) => s + x, 0) / Math.max(1, active.length);
}

function fromUnit(spec: ParameterSpec, u: number, weeklySpend: number): number {
  const scale = spec.perWeeklySpend ? weeklySpend : 1;
  const value = spec.logScale
    ? Math.exp(Math.log(spec.lower) + u * (Math.log(spec.upper) - Math.log(spec.lower)))
    : spec.lower + u * (spec.upper - spec.lower);
  return value * scale;
}

export function buildSearchSpace(data: WeeklyData, trainingWeeks: number, families: TransformFamilies): SearchSpace {
  const adstock = adstockComponent(families.adstock);
  const saturation = saturationComponent(families.saturation);
  const perChannel = adstock.parameters.length + saturation.parameters.length;
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
  };
}
