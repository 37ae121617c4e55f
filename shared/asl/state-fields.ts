/**
 * Field lists of ASL states that more than one side needs: the validator (what a state may carry) and the details
 * panel (how it groups them). No imports, so the page's main thread can read them without the validator.
 */

/**
 * A Map state's own configuration (JSONPath and JSONata): where its items come from, how they are batched, where
 * results go, and its limits. The details panel shows these in this order as the Map's section.
 */
export const MAP_CONFIGURATION_FIELDS = [
  'ItemsPath',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
] as const;
