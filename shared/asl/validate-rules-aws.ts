/**
 * Rules the service enforces that neither library checks (or checks only when nothing else is wrong): where
 * States.ALL may stand, the fields only a Distributed Map may carry, what ItemReader and ResultWriter may hold, the
 * form of a JSONata Map's Items, ".$" fields of payload templates at any depth, and the field pairs of which at
 * most (or exactly) one may be set. asl-validator checks those pairs only when its JSON schema passes, so one
 * unrelated mistake (a bad ARN) hid them; here they run on every state whatever else is wrong.
 */
import type { Finding } from './validate-rules.ts';
import { escapePointerSegment } from './validate-source-map.ts';
import {
  hasPlaceholder,
  isIntrinsicObject,
  isObject,
  walkDefinition,
  type StateVisit,
  type Walk,
} from './validate-walk.ts';

/** Fields a Map state may carry only in Distributed mode (AWS docs, "Distributed Map state fields"). */
const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ResultWriter',
  'ItemBatcher',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
];

/** What ItemReader and ResultWriter may hold (AWS docs, "ItemReader (Map)", "ResultWriter (Map)"). */
const READER_FIELDS = ['Resource', 'ReaderConfig', 'Parameters', 'Arguments'];
const WRITER_FIELDS = ['Resource', 'WriterConfig', 'Parameters', 'Arguments'];
const READER_RESOURCE = /^arn:aws(-[a-z]+)*:states:::s3:(getObject|listObjectsV2)$/;
const WRITER_RESOURCE = /^arn:aws(-[a-z]+)*:states:::s3:putObject$/;

/**
 * Field groups of which at most one (or exactly one) may be set: the same table asl-validator applies after its
 * schema passes, with its codes and details so the merge keeps one line per problem.
 */
const GROUPS: {
  types: string[];
  fields: string[];
  exactly?: boolean;
  under?: 'ItemReader.ReaderConfig' | 'ItemBatcher';
}[] = [
  { types: ['Task'], fields: ['TimeoutSeconds', 'TimeoutSecondsPath'] },
  { types: ['Task'], fields: ['HeartbeatSeconds', 'HeartbeatSecondsPath'] },
  { types: ['Map'], fields: ['ItemProcessor', 'Iterator'], exactly: true },
  { types: ['Map'], fields: ['ItemSelector', 'Parameters'] },
  { types: ['Wait'], fields: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], exactly: true },
  { types: ['Map'], fields: ['ToleratedFailureCount', 'ToleratedFailureCountPath'] },
  { types: ['Map'], fields: ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'] },
  { types: ['Map'], fields: ['MaxConcurrency', 'MaxConcurrencyPath'] },
  { types: ['Map'], fields: ['Items', 'ItemsPath'] },
  { types: ['Map'], fields: ['MaxItems', 'MaxItemsPath'], under: 'ItemReader.ReaderConfig' },
  { types: ['Map'], fields: ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], under: 'ItemBatcher' },
  { types: ['Map'], fields: ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], under: 'ItemBatcher' },
  { types: ['Fail'], fields: ['Cause', 'CausePath'] },
  { types: ['Fail'], fields: ['Error', 'ErrorPath'] },
];

/** Payload-template fields of a JSONPath state, where a field named "x.$" must hold a path. */
const PAYLOAD_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector'];

function isDistributed(state: Record<string, unknown>): boolean {
  const processor = state.ItemProcessor;
  return isObject(processor) && isObject(processor.ProcessorConfig) && processor.ProcessorConfig.Mode === 'DISTRIBUTED';
}

function isJsonata(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  return t.startsWith('{%') && t.endsWith('%}');
}

/** A value filled in at deploy time: nothing to say about its form. */
function deployTime(value: unknown): boolean {
  return hasPlaceholder(value) || isIntrinsicObject(value);
}

/** Runs the rules of this module on one definition. */
export function checkAwsRules(definition: unknown, walk: Walk = walkDefinition(definition)): Finding[] {
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'source'>): void => {
    findings.push({ ...f, source: 'statescope' });
  };
  for (const visit of walk.states) {
    if (visit.state.Type === 'Choice' && visit.queryLanguage === 'JSONPath') choiceRules(visit, add);
    statesAll(visit, add);
    fieldGroups(visit, add);
    if (visit.state.Type === 'Map') mapFields(visit, add);
    if (visit.queryLanguage === 'JSONPath') payloadPaths(visit, add);
  }
  return findings;
}

type Add = (f: Omit<Finding, 'source'>) => void;

const COMBINATORS = ['And', 'Or', 'Not'];
const COMPARISON =
  /^(Is(Null|Present|Numeric|String|Boolean|Timestamp)|(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?)$/;

/**
 * ASL spec, "Choice Rules": a rule is a comparison (Variable plus exactly one operator) or a combinator (And, Or,
 * Not). A rule with neither is reported once, in those words; the libraries call it "StringEquals is required"
 * or "has a value of the wrong form", which names no real problem.
 */
function choiceRules(visit: StateVisit, add: Add): void {
  const check = (rule: unknown, pointer: string, depth: number): void => {
    if (!isObject(rule) || depth > 50) return;
    const keys = Object.keys(rule);
    const operators = keys.filter((k) => COMPARISON.test(k));
    const combinators = keys.filter((k) => COMBINATORS.includes(k));
    if (operators.length === 0 && combinators.length === 0) {
      add({
        code: 'choice-rule-no-operator',
        severity: 'error',
        message: `State "${visit.name}": this Choice rule has no comparison; add one operator such as "StringEquals" or "NumericGreaterThan" (with "Variable"), or combine rules with "And", "Or" or "Not"`,
        pointer,
        state: visit.name,
        supersedes: [pointer],
      });
      return;
    }
    for (const c of combinators) {
      const inner = rule[c];
      if (c === 'Not') check(inner, `${pointer}/Not`, depth + 1);
      else if (Array.isArray(inner)) inner.forEach((r, i) => check(r, `${pointer}/${c}/${i}`, depth + 1));
    }
  };
  const choices = visit.state.Choices;
  if (Array.isArray(choices)) choices.forEach((rule, i) => check(rule, `${visit.pointer}/Choices/${i}`, 0));
}

/** ASL spec, "Retrying after error" and "Fallback states": States.ALL alone in its ErrorEquals, in the last entry. */
function statesAll(visit: StateVisit, add: Add): void {
  for (const list of ['Retry', 'Catch'] as const) {
    const entries = visit.state[list];
    if (!Array.isArray(entries)) continue;
    const what = list === 'Retry' ? 'retrier' : 'catcher';
    entries.forEach((entry, i) => {
      if (!isObject(entry) || !Array.isArray(entry.ErrorEquals)) return;
      const at = entry.ErrorEquals.indexOf('States.ALL');
      if (at === -1) return;
      const pointer = `${visit.pointer}/${list}/${i}/ErrorEquals/${at}`;
      if (entry.ErrorEquals.length > 1) {
        add({
          code: 'states-all-not-alone',
          severity: 'error',
          message: `State "${visit.name}": "States.ALL" matches every error, so it must be the only name in ${list}[${i}].ErrorEquals`,
          pointer,
          state: visit.name,
        });
      }
      if (i !== entries.length - 1) {
        add({
          code: 'states-all-not-last',
          severity: 'error',
          message: `State "${visit.name}": the ${what} with "States.ALL" must be the last in "${list}"; ${list}[${i + 1}] after it could never match`,
          pointer,
          state: visit.name,
        });
      }
    });
  }
}

function fieldGroups(visit: StateVisit, add: Add): void {
  const { state, name, pointer } = visit;
  for (const g of GROUPS) {
    if (!g.types.includes(String(state.Type))) continue;
    let holder: unknown = state;
    let holderPointer = pointer;
    if (g.under === 'ItemBatcher') {
      holder = state.ItemBatcher;
      holderPointer = `${pointer}/ItemBatcher`;
    } else if (g.under === 'ItemReader.ReaderConfig') {
      holder = isObject(state.ItemReader) ? state.ItemReader.ReaderConfig : undefined;
      holderPointer = `${pointer}/ItemReader/ReaderConfig`;
    }
    if (!isObject(holder)) continue;
    const present = g.fields.filter((f) => f in holder);
    const list = g.fields.map((f) => `"${f}"`).join(g.fields.length === 2 ? ' or ' : ', ');
    const detail = g.fields.join('|');
    if (present.length > 1) {
      add({
        code: 'exclusive-fields',
        detail,
        severity: 'error',
        message: `State "${name}": use only one of ${list}${g.under ? ` in ${g.under}` : ''}`,
        pointer: `${holderPointer}/${escapePointerSegment(present[1]!)}`,
        atKey: true,
        state: name,
      });
    } else if (g.exactly && present.length === 0) {
      add({
        code: 'field-required',
        detail,
        severity: 'error',
        message: `State "${name}" needs one of ${list}`,
        pointer,
        atKey: true,
        state: name,
      });
    }
  }
}

function mapFields(visit: StateVisit, add: Add): void {
  const { state, name, pointer } = visit;
  const distributed = isDistributed(state);
  if (distributed) {
    const config = (state.ItemProcessor as { ProcessorConfig: Record<string, unknown> }).ProcessorConfig;
    const at = `${pointer}/ItemProcessor/ProcessorConfig`;
    if (!('ExecutionType' in config)) {
      // asl-validator and the language service word this as "Mode has a value that is not allowed".
      add({
        code: 'field-required',
        severity: 'error',
        message: `State "${name}": a Distributed Map needs "ExecutionType" ("STANDARD" or "EXPRESS") in ItemProcessor.ProcessorConfig, the kind of child workflow to run`,
        pointer: at,
        atKey: true,
        state: name,
        supersedes: [at],
      });
    }
  }
  if (!distributed) {
    for (const field of DISTRIBUTED_ONLY) {
      if (!(field in state)) continue;
      add({
        code: 'distributed-map-only',
        severity: 'error',
        message: `State "${name}": "${field}" is only for a Distributed Map; set "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", …}} or remove it`,
        pointer: `${pointer}/${escapePointerSegment(field)}`,
        atKey: true,
        state: name,
      });
    }
  }
  const jsonata = visit.queryLanguage === 'JSONata';
  for (const [key, allowed, resource, resourceWords] of [
    [
      'ItemReader',
      READER_FIELDS,
      READER_RESOURCE,
      'arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2',
    ],
    ['ResultWriter', WRITER_FIELDS, WRITER_RESOURCE, 'arn:aws:states:::s3:putObject'],
  ] as const) {
    const holder = state[key];
    if (holder === undefined) continue;
    const at = `${pointer}/${key}`;
    if (!isObject(holder)) {
      if (!deployTime(holder))
        add({
          code: 'wrong-type',
          severity: 'error',
          message: `State "${name}": "${key}" must be an object`,
          pointer: at,
          state: name,
        });
      continue;
    }
    for (const field of Object.keys(holder)) {
      const fieldAt = `${at}/${escapePointerSegment(field)}`;
      if (!allowed.includes(field)) {
        const hint =
          field === 'ReaderConfig'
            ? ' (ReaderConfig belongs to ItemReader)'
            : field === 'WriterConfig'
              ? ' (WriterConfig belongs to ResultWriter)'
              : '';
        add({
          code: 'field-not-allowed',
          severity: 'error',
          message: `State "${name}": field "${field}" is not allowed in "${key}"${hint}`,
          pointer: fieldAt,
          atKey: true,
          state: name,
        });
      } else if (field === 'Arguments' && !jsonata) {
        add({
          code: 'jsonata-field-in-jsonpath-state',
          severity: 'error',
          message: `State "${name}": field "Arguments" (in ${key}) is not allowed in a JSONPath state (it is a JSONata field); use "Parameters", or set "QueryLanguage": "JSONata"`,
          pointer: fieldAt,
          atKey: true,
          state: name,
        });
      }
    }
    const r = holder.Resource;
    if (r === undefined) {
      if (key === 'ItemReader')
        add({
          code: 'field-required',
          severity: 'error',
          message: `State "${name}": "ItemReader" needs "Resource" (${resourceWords})`,
          pointer: at,
          atKey: true,
          state: name,
        });
    } else if (typeof r !== 'string' || (!deployTime(r) && !resource.test(r))) {
      add({
        code: 'bad-value',
        severity: 'error',
        message: `State "${name}": "${key}.Resource" is ${JSON.stringify(r)}; it must be ${resourceWords}`,
        pointer: `${at}/Resource`,
        state: name,
      });
    }
  }
  if (jsonata && 'Items' in state) {
    const items = state.Items;
    if (!Array.isArray(items) && !isJsonata(items) && !deployTime(items)) {
      add({
        code: 'bad-value',
        severity: 'error',
        message: `State "${name}": "Items" must be an array or a JSONata expression "{% … %}" that gives one, not ${JSON.stringify(items)?.slice(0, 60)}`,
        pointer: `${pointer}/Items`,
        state: name,
      });
    }
  }
}

/** A value a ".$" field accepts: a path ($…, $$…) or an intrinsic function call. */
function isPathValue(value: string): boolean {
  const v = value.trim();
  return v.startsWith('$') || /^States\.[A-Za-z0-9]+\s*\(/.test(v);
}

/**
 * ASL spec, "Payload Template": a field whose name ends in ".$" holds a path, at any depth (arrays too), and no
 * object has both "x" and "x.$".
 */
function payloadPaths(visit: StateVisit, add: Add): void {
  const visitValue = (value: unknown, pointer: string, depth: number): void => {
    if (depth > 100) return;
    if (Array.isArray(value)) value.forEach((v, i) => visitValue(v, `${pointer}/${i}`, depth + 1));
    else if (isObject(value)) {
      for (const k of Object.keys(value)) {
        // "x" and "x.$" are one field once ".$" is dropped (asl-validator checks this only when all else is right).
        if (!k.endsWith('.$') && `${k}.$` in value) {
          const at = `${pointer}/${escapePointerSegment(`${k}.$`)}`;
          add({
            code: 'duplicate-field',
            detail: at,
            severity: 'error',
            message: `State "${visit.name}": both "${k}" and "${k}.$" are set; after ".$" is removed they are the same field`,
            pointer: at,
            atKey: true,
            state: visit.name,
          });
        }
      }
      for (const [k, v] of Object.entries(value)) {
        const at = `${pointer}/${escapePointerSegment(k)}`;
        if (k.endsWith('.$') && !deployTime(v) && (typeof v !== 'string' || !isPathValue(v))) {
          add({
            code: 'invalid-path',
            severity: 'error',
            message: `State "${visit.name}": "${k}" ends in ".$", so its value must be a path (such as "$.field") or an intrinsic function, not ${JSON.stringify(v)?.slice(0, 60)}`,
            pointer: at,
            state: visit.name,
          });
        } else {
          visitValue(v, at, depth + 1);
        }
      }
    }
  };
  for (const field of PAYLOAD_FIELDS)
    if (field in visit.state) visitValue(visit.state[field], `${visit.pointer}/${field}`, 0);
  if (isObject(visit.state.Assign)) visitValue(visit.state.Assign, `${visit.pointer}/Assign`, 0);
  for (const key of ['ItemReader', 'ResultWriter']) {
    const holder = visit.state[key];
    if (isObject(holder) && 'Parameters' in holder)
      visitValue(holder.Parameters, `${visit.pointer}/${key}/Parameters`, 0);
  }
}

const INTRINSICS = new Set(
  (
    'Format StringToJson JsonToString Array ArrayPartition ArrayContains ArrayRange ArrayGetItem ArrayLength ' +
    'ArrayUnique Base64Encode Base64Decode Hash JsonMerge MathRandom MathAdd StringSplit UUID'
  ).split(' '),
);

/**
 * True when `text` is one intrinsic function call by the ASL grammar: `States.Name(arg, …)` whose arguments are
 * string literals ('…' with backslash escapes), numbers (decimals too), true/false/null, paths or nested calls.
 * Hand-written because asl-validator's grammar takes only whole numbers, which the service does not require.
 */
export function isIntrinsicCall(text: string): boolean {
  const s = text;
  let i = 0;
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const call = (depth: number): boolean => {
    if (depth > 20) return false;
    const m = /^States\.([A-Za-z0-9]+)\s*\(/.exec(s.slice(i));
    if (!m || !INTRINSICS.has(m[1]!)) return false;
    i += m[0].length;
    ws();
    if (s[i] === ')') {
      i++;
      return true;
    }
    for (;;) {
      ws();
      if (!argument(depth)) return false;
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ')') {
        i++;
        return true;
      }
      return false;
    }
  };
  const argument = (depth: number): boolean => {
    const rest = s.slice(i);
    if (rest.startsWith("'")) {
      for (i++; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === "'") {
          i++;
          return true;
        }
      }
      return false;
    }
    if (rest.startsWith('States.')) return call(depth + 1);
    if (rest.startsWith('$')) {
      let brackets = 0;
      let quote: string | null = null;
      for (; i < s.length; i++) {
        const c = s[i]!;
        if (quote) {
          if (c === '\\') i++;
          else if (c === quote) quote = null;
        } else if (c === "'" || c === '"') quote = c;
        else if (c === '[' || c === '(') brackets++;
        else if (c === ']' || (c === ')' && brackets > 0)) brackets--;
        else if (brackets === 0 && (c === ',' || c === ')' || /\s/.test(c))) break;
      }
      return brackets === 0 && quote === null;
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)(?![\w.])/.exec(rest);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  return call(0) && (ws(), i === s.length);
}

/** True when an intrinsic call has a number argument with a fractional part (outside string literals). */
export function hasDecimalArgument(text: string): boolean {
  const blanked = text.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return /[(,]\s*-?\d+\.\d+([eE][+-]?\d+)?\s*(?=[,)])/.test(blanked);
}
