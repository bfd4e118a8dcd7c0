/**
 * The known adstock and saturation components. Adding a transform = one file + one line here
 * (and its params type in the unions below).
 */
import { geometricAdstock, GeometricAdstockParams } from './geometricAdstock';
import { hillSaturation, HillSaturationParams } from './hillSaturation';
import { logisticSaturation, LogisticSaturationParams } from './logisticSaturation';
import { AdstockComponent, applyLagWeights, SaturationComponent } from './types';
import { weibullAdstock, WeibullAdstockParams } from './weibullAdstock';

export type AdstockParams = GeometricAdstockParams | WeibullAdstockParams;
export type SaturationParams = HillSaturationParams | LogisticSaturationParams;
export type AdstockType = AdstockParams['type'];
export type SaturationType = SaturationParams['type'];

export const ADSTOCKS: { [T in AdstockType]: AdstockComponent<Extract<AdstockParams, { type: T }>> } = {
  geometric: geometricAdstock,
  weibull: weibullAdstock,
};

export const SATURATIONS: { [T in SaturationType]: SaturationComponent<Extract<SaturationParams, { type: T }>> } = {
  hill: hillSaturation,
  logistic: logisticSaturation,
};

export function adstockComponent(type: string): AdstockComponent<AdstockParams> {
  const component = (ADSTOCKS as Record<string, AdstockComponent<AdstockParams> | undefined>)[type];
  if (!component) throw new Error(`unknown adstock type "${type}" (known: ${Object.keys(ADSTOCKS).join(', ')})`);
  return component;
}

export function saturationComponent(type: string): SaturationComponent<SaturationParams> {
  const component = (SATURATIONS as Record<string, SaturationComponent<SaturationParams> | undefined>)[type];
  if (!component) throw new Error(`unknown saturation type "${type}" (known: ${Object.keys(SATURATIONS).join(', ')})`);
  return component;
}

/** Weekly spend after carry-over. */
export function adstock(params: AdstockParams, weeklySpend: ArrayLike<number>): Float64Array {
  return applyLagWeights(weeklySpend, adstockComponent(params.type).weights(params));
}

/** Fraction of maximum effect per week for an (adstocked) weekly spend series. */
export function saturate(params: SaturationParams, weeklySpend: ArrayLike<number>, out = new Float64Array(weeklySpend.length)): Float64Array {
  const component = saturationComponent(params.type);
  for (let t = 0; t < weeklySpend.length; t++) out[t] = component.response(params, weeklySpend[t]);
  return out;
}

/** A channel's media column: spend → carry-over → diminishing returns. */
export function mediaEffect(
  channel: { adstock: AdstockParams; saturation: SaturationParams },
  weeklySpend: ArrayLike<number>,
): Float64Array {
  return saturate(channel.saturation, adstock(channel.adstock, weeklySpend));
}
