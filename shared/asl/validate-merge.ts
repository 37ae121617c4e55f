/**
 * From the findings of three checkers to one list of diagnostics: library findings that are known to be wrong about
 * valid definitions dropped, one finding kept per problem (ours first, then the language service's, then
 * asl-validator's), and each placed on the range of the value (or key) it is about.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedDocument, MachineSource, SourceSpan } from './types.ts';
import { hasDecimalArgument, isIntrinsicCall } from './validate-rules-aws.ts';
import type { Finding } from './validate-rules.ts';
import { lineColumnIndex, pointerSegments, sourceMapOf, toPointer, type SourceMap } from './validate-source-map.ts';
import { isObject, valueAt, type Walk } from './validate-walk.ts';
import { fieldName, scopeOf, type Located } from './validate-wording.ts';

const SOURCE_RANK: Record<string, number> = { statescope: 0, asls: 1, 'asl-validator': 2 };

export function rangeFor(
  f: Located,
  machine: MachineSource,
  map: SourceMap | undefined,
  doc: LoadedDocument,
): SourceSpan {
  if (f.range) return f.range;
  if (map && (map.has(f.pointer) || f.pointer !== '')) {
    const exact = map.has(f.pointer);
    const r = map.rangeOf(f.pointer, f.atKey === true);
    if (r) {
      if (exact && f.innerOffset !== undefined) {
        const quoted = /^["']/.test(doc.text.slice(r.start, r.start + 1)) ? 1 : 0;
        const at = Math.min(r.end, r.start + quoted + f.innerOffset);
        return { start: at, end: Math.max(at, r.end) };
      }
      return r;
    }
  }
  if (f.state !== undefined && machine.stateSpans[f.state]) return machine.stateSpans[f.state]!;
  if (machine.span) return machine.span;
  return resourceSpan(doc, machine) ?? { start: 0, end: 0 };
}

const resourceMaps = new WeakMap<LoadedDocument, SourceMap>();

/** Where a template declares the machine (its definition property, else the resource), for DefinitionString/Uri. */
function resourceSpan(doc: LoadedDocument, machine: MachineSource): SourceSpan | undefined {
  if (machine.resourceType === 'asl') return undefined;
  let map = resourceMaps.get(doc);
  if (!map) resourceMaps.set(doc, (map = sourceMapOf(doc.text, doc.format.endsWith('json'))));
  const base = toPointer(['Resources', machine.name]);
  for (const property of ['DefinitionString', 'Definition', 'DefinitionUri', 'DefinitionS3Location']) {
    const pointer = `${base}/Properties/${property}`;
    if (map.has(pointer)) return map.rangeOf(pointer, true);
  }
  return map.has(base) ? map.rangeOf(base, true) : undefined;
}

function mergeKey(f: Located, machine: string): string {
  // unknown-target: ASLS names the field pointer, we and asl-validator do too: key on the pointer.
  return `${machine}\u0000${f.code}\u0000${f.state ?? ''}\u0000${f.detail}`;
}

/** Fields of a JSONata state whose value may be any JSON (or a {% %} expression, which our rules parse). */
const JSONATA_PAYLOAD = new Set(['Output', 'Arguments', 'Assign', 'Items', 'ItemSelector', 'BatchInput', 'Condition']);

/**
 * Library findings that are wrong about valid definitions: they trail the service (newer fields and values),
 * read JSONata payloads with JSONPath rules, or check paths with a grammar stricter than the service's.
 */
export function isKnownFalsePositive(f: Located, definition: unknown, walk: Walk): boolean {
  const value = valueAt(definition, f.pointer);
  const segments = pointerSegments(f.pointer);
  const field = fieldName(f.pointer);
  const visit = f.state !== undefined ? walk.states.find((v) => v.name === f.state) : undefined;
  if (visit?.queryLanguage === 'JSONata' && (f.code === 'bad-value' || f.code === 'wrong-type' || f.code === 'shape')) {
    // Any JSON value is allowed in these fields; {% %} strings get our own JSONata check.
    const inPayload = segments.slice(pointerSegments(visit.pointer).length).some((s) => JSONATA_PAYLOAD.has(s));
    if (inPayload || (typeof value === 'string' && value.trim().startsWith('{%'))) return true;
  }
  // ResultWriter with only WriterConfig (no Resource) is valid since the service added output transformation.
  if (f.code === 'field-required' && /\/ResultWriter(\/Resource)?$/.test(f.detail)) {
    const writer = valueAt(
      definition,
      f.pointer.endsWith('/ResultWriter') ? f.pointer : f.pointer.replace(/\/Resource$/, ''),
    );
    if (isObject(writer) && 'WriterConfig' in writer) return true;
  }
  // 0 means "no limit" for ReaderConfig.MaxItems.
  if (f.code === 'out-of-range' && field === 'MaxItems' && value === 0) return true;
  // The service accepts fractional percentages.
  if (
    f.code === 'wrong-type' &&
    field === 'ToleratedFailurePercentage' &&
    typeof value === 'number' &&
    value >= 0 &&
    value <= 100
  )
    return true;
  // Bracket and filter expressions ($.a[?(@.b)], $.[0]) are evaluated by the service's lenient JSONPath engine.
  if (f.code === 'invalid-path' && f.source === 'asl-validator' && typeof value === 'string' && value.includes('['))
    return true;
  // Number literals in intrinsic functions may have decimals (ASL spec, "Intrinsic Functions"; asl-validator
  // issue #165): asl-validator's grammar takes only integers. Dropped when that is the only thing it could mean.
  if (
    f.code === 'invalid-path' &&
    f.source !== 'statescope' &&
    typeof value === 'string' &&
    hasDecimalArgument(value) &&
    isIntrinsicCall(value)
  )
    return true;
  // States.Array() and similar calls without arguments are valid.
  if (f.code === 'invalid-path' && typeof value === 'string' && /^States\.\w+\(\s*\)$/.test(value.trim())) return true;
  return false;
}

export function detailOf(f: Finding): string {
  if (f.detail !== undefined) return f.detail;
  switch (f.code) {
    case 'unreachable-state':
    case 'duplicate-state-name':
      return '';
    case 'no-terminal-state':
      return scopeOf(f.pointer + '/x').replace(/\/States$/, '');
    default:
      return f.pointer;
  }
}

export function merge(
  found: Located[],
  machine: MachineSource,
  map: SourceMap | undefined,
  doc: LoadedDocument,
): Diagnostic[] {
  found.sort((a, b) => (SOURCE_RANK[a.source] ?? 9) - (SOURCE_RANK[b.source] ?? 9));
  const kept = new Map<string, Located>();
  const hasOwnNoTerminal = found.some((f) => f.code === 'no-terminal-state' && f.source !== 'asl-validator');
  for (const f of found) {
    if (f.code === 'no-terminal-state' && f.detail === '?' && hasOwnNoTerminal) continue;
    const key = mergeKey(f, machine.name);
    if (!kept.has(key)) kept.set(key, f);
  }
  // Same field reported as "not allowed" under different details (ASLS points at the key, others at the value).
  // A field of the wrong query language is one problem, however each checker words what is wrong with its value.
  const wrongLanguage = new Set(
    [...kept.values()]
      .filter((f) => f.code === 'jsonpath-field-in-jsonata-state' || f.code === 'jsonata-field-in-jsonpath-state')
      .map((f) => f.pointer),
  );
  const list = [...kept.values()].filter((f, _, all) => {
    if (f.source !== 'statescope' && wrongLanguage.has(f.pointer)) return false;
    if (f.code === 'state-shape' || f.code === 'shape') {
      return !all.some(
        (o) =>
          o !== f && o.state === f.state && o.severity === 'error' && o.code !== 'state-shape' && o.code !== 'shape',
      );
    }
    // asl-validator's "has a value of the wrong form" where another checker already says which type is wanted.
    if (
      f.source === 'asl-validator' &&
      f.code === 'bad-value' &&
      all.some((o) => o !== f && o.code === 'wrong-type' && o.pointer === f.pointer)
    )
      return false;
    if (f.source === 'asl-validator' && f.code === 'unknown-target') {
      return !all.some(
        (o) => o !== f && o.code === 'unknown-target' && o.state === f.state && o.source !== 'asl-validator',
      );
    }
    return true;
  });
  const position = lineColumnIndex(doc.text);
  const diagnostics = list.map((f) => {
    const r = rangeFor(f, machine, map, doc);
    const start = position(r.start);
    const end = position(Math.max(r.start, r.end));
    const d: Diagnostic = {
      severity: f.severity,
      message: f.message,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      machine: machine.name,
      source: f.source,
      code: f.code,
    };
    if (f.state !== undefined) d.state = f.state;
    return d;
  });
  return diagnostics;
}
