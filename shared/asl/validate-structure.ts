/**
 * Structure: unknown state types and fields, transitions to states that do not exist or lie outside the scope,
 * states nothing reaches, scopes with no way to end.
 */
import type { Finding } from './validate-rules.ts';
import { MAP_CONFIGURATION_FIELDS } from './state-fields.ts';
import { escapePointerSegment } from './validate-source-map.ts';
import { describeScope, isObject, walkDefinition, type Scope, type StateVisit, type Walk } from './validate-walk.ts';

/** Fields each state type may carry (both query languages; the language split is checked separately). */
const ALLOWED_FIELDS: Record<string, readonly string[]> = {
  Pass: ['Next', 'End', 'InputPath', 'OutputPath', 'ResultPath', 'Parameters', 'Result', 'Assign', 'Output'],
  Task: [
    'Resource',
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Retry',
    'Catch',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
    'Arguments',
    'Output',
    'Assign',
  ],
  Choice: ['Choices', 'Default', 'InputPath', 'OutputPath', 'Assign', 'Output'],
  Wait: [
    'Next',
    'End',
    'Seconds',
    'SecondsPath',
    'Timestamp',
    'TimestampPath',
    'InputPath',
    'OutputPath',
    'Assign',
    'Output',
  ],
  Succeed: ['InputPath', 'OutputPath', 'Output'],
  Fail: ['Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [
    'Branches',
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'Parameters',
    'ResultSelector',
    'Retry',
    'Catch',
    'Arguments',
    'Output',
    'Assign',
  ],
  Map: [
    'ItemProcessor',
    'Iterator',
    'Items',
    'ItemSelector',
    'Parameters',
    ...MAP_CONFIGURATION_FIELDS,
    'Next',
    'End',
    'InputPath',
    'OutputPath',
    'ResultPath',
    'ResultSelector',
    'Retry',
    'Catch',
    'Output',
    'Assign',
    'Arguments',
  ],
};
const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage'];

/** The state types ASL defines, for messages that list what is allowed. */
export const STATE_TYPES = Object.keys(ALLOWED_FIELDS);

/** True when `field` may appear on a state of `type` (in one query language or the other). */
export function isFieldAllowed(type: string, field: string): boolean {
  const allowed = ALLOWED_FIELDS[type];
  return !allowed || COMMON_FIELDS.includes(field) || allowed.includes(field);
}

/** Every transition a state makes: Next, Default, each Choice rule's Next, each Catch's Next. */
export function transitionsOf(visit: StateVisit): { target: string; pointer: string; field: string }[] {
  const out: { target: string; pointer: string; field: string }[] = [];
  const s = visit.state;
  if (typeof s.Next === 'string') out.push({ target: s.Next, pointer: `${visit.pointer}/Next`, field: 'Next' });
  if (typeof s.Default === 'string')
    out.push({ target: s.Default, pointer: `${visit.pointer}/Default`, field: 'Default' });
  if (Array.isArray(s.Choices)) {
    s.Choices.forEach((c, i) => {
      if (isObject(c) && typeof c.Next === 'string')
        out.push({ target: c.Next, pointer: `${visit.pointer}/Choices/${i}/Next`, field: 'Next' });
    });
  }
  if (Array.isArray(s.Catch)) {
    s.Catch.forEach((c, i) => {
      if (isObject(c) && typeof c.Next === 'string')
        out.push({ target: c.Next, pointer: `${visit.pointer}/Catch/${i}/Next`, field: 'Next' });
    });
  }
  return out;
}

/**
 * Structure: unknown state types and fields, transitions to states that do not exist or lie outside the scope,
 * states nothing reaches, scopes with no way to end. The libraries check these too, but without positions (or
 * only for JSON text); ours name the exact field, and the merge keeps one per problem.
 */
export function checkStructure(definition: unknown, walk: Walk = walkDefinition(definition)): Finding[] {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'source'>): void => {
    findings.push({ ...f, source: 'statescope' });
  };
  const scopeOfName = new Map<string, Scope>();
  for (const v of walk.states) if (!scopeOfName.has(v.name)) scopeOfName.set(v.name, v.scope);

  for (const visit of walk.states) {
    const { state, name, pointer } = visit;
    const type = state.Type;
    if (typeof type !== 'string') {
      add({
        code: 'field-required',
        severity: 'error',
        message: `State "${name}" has no "Type" (one of ${STATE_TYPES.join(', ')})`,
        pointer,
        atKey: true,
        state: name,
      });
    } else if (!ALLOWED_FIELDS[type]) {
      add({
        code: 'bad-value',
        severity: 'error',
        message: `State "${name}": "Type" is "${type}", which is not a state type (use one of ${STATE_TYPES.join(', ')})`,
        pointer: `${pointer}/Type`,
        state: name,
      });
    } else {
      for (const field of Object.keys(state)) {
        if (isFieldAllowed(type, field)) continue;
        add({
          code: 'field-not-allowed',
          severity: 'error',
          message: `State "${name}": field "${field}" is not allowed on a ${type} state`,
          pointer: `${pointer}/${escapePointerSegment(field)}`,
          atKey: true,
          state: name,
        });
      }
    }
    for (const t of transitionsOf(visit)) {
      if (visit.scope.states.includes(t.target)) continue;
      const other = scopeOfName.get(t.target);
      add({
        code: 'unknown-target',
        severity: 'error',
        message: other
          ? `State "${name}": "${t.field}" goes to "${t.target}", which is ${describeScope(other)}; a state can only go to states ${describeScope(visit.scope)}`
          : `State "${name}": "${t.field}" names a state that does not exist: "${t.target}"`,
        pointer: t.pointer,
        state: name,
      });
    }
  }

  for (const scope of walk.scopes) {
    const container = valueAtScope(definition, scope);
    if (!container) continue;
    const { startAt, states } = container;
    const where = scope.kind === 'root' ? 'this state machine' : `the states ${describeScope(scope)}`;
    if (typeof startAt !== 'string') {
      // The libraries also call every state here unreachable: a consequence, not a second problem.
      add({
        code: 'field-required',
        severity: 'error',
        message: `"StartAt" is missing: ${where} must name the state to start with`,
        pointer: scope.pointer,
        detail: `${scope.pointer}/StartAt`,
        supersedes: [`${scope.pointer}/States`],
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    } else if (!scope.states.includes(startAt)) {
      add({
        code: 'unknown-target',
        severity: 'error',
        message: `"StartAt" names a state that does not exist${scope.kind === 'root' ? '' : ` ${describeScope(scope)}`}: "${startAt}"`,
        pointer: `${scope.pointer}/StartAt`,
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    }
    if (states.length === 0) continue;
    // Terminal: End, Succeed or Fail somewhere in the scope.
    const visits = walk.states.filter((v) => v.scope === scope);
    const terminal = visits.some((v) => v.state.End === true || v.state.Type === 'Succeed' || v.state.Type === 'Fail');
    if (!terminal) {
      add({
        code: 'no-terminal-state',
        severity: 'error',
        message: `${scope.kind === 'root' ? 'This state machine' : `The states ${describeScope(scope)}`} can never finish: no state has "End": true and there is no Succeed or Fail state`,
        pointer: `${scope.pointer}/States`,
        atKey: true,
        ...(scope.owner ? { state: scope.owner } : {}),
      });
    }
    // Reachability from StartAt inside the scope.
    if (typeof startAt !== 'string' || !scope.states.includes(startAt)) continue;
    const byName = new Map(visits.map((v) => [v.name, v]));
    const seen = new Set<string>([startAt]);
    const queue = [startAt];
    while (queue.length > 0) {
      const v = byName.get(queue.pop()!);
      if (!v) continue;
      for (const t of transitionsOf(v)) {
        if (!seen.has(t.target) && byName.has(t.target)) {
          seen.add(t.target);
          queue.push(t.target);
        }
      }
    }
    for (const v of visits) {
      if (seen.has(v.name)) continue;
      add({
        code: 'unreachable-state',
        severity: 'error',
        message: `State "${v.name}" can never be reached: no state goes to it (through Next, Default, a Choice rule or a Catch)`,
        pointer: v.pointer,
        atKey: true,
        state: v.name,
      });
    }
  }
  return findings;
}

function valueAtScope(definition: unknown, scope: Scope): { startAt: unknown; states: string[] } | undefined {
  let current: unknown = definition;
  if (scope.pointer !== '') {
    for (const raw of scope.pointer.slice(1).split('/')) {
      const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      current = Array.isArray(current) ? current[Number(seg)] : isObject(current) ? current[seg] : undefined;
    }
  }
  if (!isObject(current)) return undefined;
  return { startAt: current.StartAt, states: isObject(current.States) ? Object.keys(current.States) : [] };
}
