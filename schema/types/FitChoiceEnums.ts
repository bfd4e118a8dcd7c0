import { registerEnumType } from 'type-graphql';

/** The fit choices of src/services/fitChoices.ts as GraphQL enums; their values are the engine's names (a test keeps them in step). */
export enum AdstockEnum {
  GEOMETRIC = 'geometric',
  WEIBULL = 'weibull',
}
registerEnumType(AdstockEnum, {
  name: 'Adstock',
  description: 'How spend carries over into later weeks: GEOMETRIC (the effect fades by the same share each week) or WEIBULL (it may peak a few weeks later).',
});

export enum SaturationEnum {
  HILL = 'hill',
  LOGISTIC = 'logistic',
}
registerEnumType(SaturationEnum, {
  name: 'Saturation',
  description: 'How returns diminish with weekly spend: HILL (may be S-shaped) or LOGISTIC (concave from the first dollar).',
});

export enum FitEffortEnum {
  QUICK = 'quick',
  DEFAULT = 'default',
  THOROUGH = 'thorough',
}
registerEnumType(FitEffortEnum, { name: 'FitEffort', description: 'How hard the hyperparameter search works: QUICK, DEFAULT or THOROUGH (slower, more bootstrap draws).' });
