/**
 * The analyst's choices of how a model is fitted — adstock and saturation families, search
 * effort — read from whichever door they came in by, with errors that name the choice, what it
 * got and what it takes. A model version stores them, so that a retrain fits the same way.
 */
import { DEFAULT_FAMILIES } from '../mmm/fit';
import { SEARCH_BUDGETS } from '../mmm/search';
import { ADSTOCKS, SATURATIONS } from '../mmm/transforms/registry';
import type { AdstockType, SaturationType, SearchEffort } from '../mmm/types';
import type { ModelVersion } from '../entities';
import { badInput, type Problem } from './errors';

export interface FitChoices {
  adstock: AdstockType;
  saturation: SaturationType;
  effort: SearchEffort;
}

/** The choices a model version was fitted with, as stored on it (only ever written from FitChoices). */
export function fitChoicesOf(version: Pick<ModelVersion, 'adstock' | 'saturation' | 'effort'>): FitChoices {
  return { adstock: version.adstock as AdstockType, saturation: version.saturation as SaturationType, effort: version.effort as SearchEffort };
}

/** What a fit uses unless told otherwise (and what every model trained before the choices existed used). */
export const DEFAULT_FIT_CHOICES: FitChoices = { ...DEFAULT_FAMILIES, effort: 'default' };

export const FIT_CHOICE_VALUES: { [K in keyof FitChoices]: readonly FitChoices[K][] } = {
  adstock: Object.keys(ADSTOCKS) as AdstockType[],
  saturation: Object.keys(SATURATIONS) as SaturationType[],
  effort: Object.keys(SEARCH_BUDGETS) as SearchEffort[],
};

const CHOICE_NAMES = Object.keys(FIT_CHOICE_VALUES) as Array<keyof FitChoices>;

/**
 * The choices present in `raw` (absent or null ones left out), or one error listing every bad
 * one. `pathOf` names a choice the way its door does (`--adstock`, `options.adstock`).
 */
export function parseFitChoices(raw: Partial<Record<keyof FitChoices, unknown>>, pathOf: (name: keyof FitChoices) => string): Partial<FitChoices> {
  const chosen: Partial<Record<keyof FitChoices, string>> = {};
  const problems: Problem[] = [];
  for (const name of CHOICE_NAMES) {
    const value = raw[name];
    if (value === undefined || value === null) continue;
    const allowed = FIT_CHOICE_VALUES[name] as readonly string[];
    if (typeof value === 'string' && allowed.includes(value)) chosen[name] = value;
    else problems.push({ path: pathOf(name), message: `must be ${allowed.join(', ').replace(/, ([^,]*)$/, ' or $1')}, got ${JSON.stringify(value)}` });
  }
  if (problems.length > 0) {
    throw badInput(`Cannot fit that way: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  }
  return chosen as Partial<FitChoices>;
}
