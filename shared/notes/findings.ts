/**
 * "Find the bug": which note explains a validation finding, so a problem in the reader's own machine leads to the
 * idea behind it (an Express callback to the Express limits, a JSONPath field in a JSONata state to data flow).
 * Keyed by the validator's diagnostic codes; codes without an entry have no explaining note yet.
 */
export const NOTE_FOR_FINDING: Readonly<Record<string, string>> = {
  'express-integration-pattern': 'sfn-express-limits',
  'express-activity': 'sfn-express-limits',
  'express-duration': 'sfn-express-limits',
  'express-timeout': 'sfn-express-limits',
  'jsonpath-field-in-jsonata-state': 'sfn-data-flow',
  'jsonata-field-in-jsonpath-state': 'sfn-data-flow',
  'query-language-downgrade': 'sfn-data-flow',
  'reserved-variable': 'sfn-data-flow',
  'undefined-variable': 'sfn-data-flow',
  'variable-before-assignment': 'sfn-data-flow',
  'invalid-path': 'sfn-data-flow',
  'no-terminal-state': 'sfn-flow-states',
  'unknown-target': 'sfn-flow-states',
  'unreachable-state': 'sfn-flow-states',
  'choice-rule-operators': 'sfn-flow-states',
  'invalid-resource': 'sfn-task-state',
};

/** The id of the note that explains a finding with this code, if there is one. */
export function noteForFinding(code: string | undefined): string | undefined {
  return code === undefined ? undefined : NOTE_FOR_FINDING[code];
}
