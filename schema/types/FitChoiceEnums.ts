import { registerEnumType } from 'type-graphql';
import { FIT_CHOICE_VALUES } from '../../src/services/fitChoices';

/** A GraphQL enum of an engine's names: GEOMETRIC stands for `geometric`, and so on. */
function choiceEnum<T extends string>(values: readonly T[], name: string, description: string): Record<string, T> {
  const enumObject = Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as Record<string, T>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

/** The fit choices of src/services/fitChoices.ts, built from the engine's own lists so that they cannot drift apart. */
export const AdstockEnum = choiceEnum(
  FIT_CHOICE_VALUES.adstock,
  'Adstock',
  'How spend carries over into later weeks: GEOMETRIC (the effect fades by the same share each week) or WEIBULL (it may peak a few weeks later).',
);
export const SaturationEnum = choiceEnum(FIT_CHOICE_VALUES.saturation, 'Saturation', 'How returns diminish with weekly spend: HILL (may be S-shaped) or LOGISTIC (concave from the first dollar).');
export const FitEffortEnum = choiceEnum(FIT_CHOICE_VALUES.effort, 'FitEffort', 'How hard the hyperparameter search works: QUICK, DEFAULT or THOROUGH (slower, more posterior draws).');
