/**
 * Validation of a loaded document: one list of diagnostics in plain words, whatever checker found the problem.
 * Three checkers run on every machine — amazon-states-language-service (positions on JSON and YAML text),
 * asl-validator (path grammar, ARNs, field combinations) and our own rules (variables, JSONata, query-language
 * fields, structure) — and their findings are merged so one problem gives one line, tied to its state.
 * Pure: the two libraries are host code, given as `LibraryCheckers` by the caller (electron/host/asl-validate.ts).
 */
import type { Diagnostic, Severity } from '../diagnostics.ts';
import type { LoadedDocument, MachineSource } from './types.ts';
import { fromAsls } from './validate-asls.ts';
import { fromAslv } from './validate-aslv.ts';
import type { AslsRaw, LibraryCheckers } from './validate-raw.ts';
import { consequencesOfTypos } from './validate-consequences.ts';
import { detailOf, isKnownFalsePositive, merge } from './validate-merge.ts';
import { checkExpress } from './rules-express.ts';
import { checkAwsRules } from './validate-rules-aws.ts';
import { checkRules } from './validate-rules.ts';
import { checkStructure } from './validate-structure.ts';
import { lazySourceMap, lineColumnIndex, sourceMapOf, sourceMapWithin, type SourceMap } from './validate-source-map.ts';
import {
  hasPlaceholder,
  isIntrinsicObject,
  isObject,
  neutralPayloads,
  valueAt,
  walkDefinition,
  withLiteralSubstitutions,
  withStandIns,
} from './validate-walk.ts';
import { fieldName, type Located } from './validate-wording.ts';

/** Deepest Parallel/Map nesting asl-validator is run on (its time grows exponentially with depth). */
const MAX_ASLV_DEPTH = 12;

function scopeDepth(scope: { parent: unknown }): number {
  let depth = 0;
  for (let s = scope.parent as { parent: unknown } | null; s; s = s.parent as { parent: unknown } | null) depth++;
  return depth;
}

/** Most raw findings taken from one library for one machine. */
const MAX_RAW = 5000;

/** The text ASLS should read for a machine, with the map back to the document. */
interface MachineText {
  /** Text to run ASLS on, and whether it is YAML. */
  text: string;
  yaml: boolean;
  /** Pointers in that text. */
  textMap: SourceMap;
  /** True when `text` is the document itself (ranges are already document ranges). */
  isDocument: boolean;
}

function machineText(doc: LoadedDocument, machine: MachineSource, standIns: unknown): MachineText {
  const plain =
    machine.resourceType === 'asl' &&
    machine.definitionFile === undefined &&
    (doc.format === 'asl-json' || doc.format === 'asl-yaml');
  if (plain) {
    const yaml = doc.format === 'asl-yaml';
    return { text: doc.text, yaml, textMap: lazySourceMap(() => sourceMapOf(doc.text, !yaml))!, isDocument: true };
  }
  const text = JSON.stringify(standIns, null, 2) ?? 'null';
  return { text, yaml: false, textMap: lazySourceMap(() => sourceMapOf(text, true))!, isDocument: false };
}

/** Where pointers of this machine's definition are in the document text. */
function documentMap(doc: LoadedDocument, machine: MachineSource, mt: MachineText): SourceMap | undefined {
  if (mt.isDocument) return mt.textMap;
  if (machine.span && machine.definitionFile === undefined) {
    const span = machine.span;
    return lazySourceMap(() => sourceMapWithin(doc.text, span, doc.format.endsWith('json')));
  }
  return undefined;
}

/** A checker's answer, or that it failed (a throw and a rejection alike: the checkers are library code). */
type Answer<T> = { ok: true; value: T } | { ok: false };

function settle<T>(run: () => T | Promise<T>): Promise<Answer<T>> {
  try {
    return Promise.resolve(run()).then(
      (value): Answer<T> => ({ ok: true, value }),
      (): Answer<T> => ({ ok: false }),
    );
  } catch {
    return Promise.resolve({ ok: false });
  }
}

/** Validates one machine of a document; the diagnostics carry document positions. */
async function validateMachine(
  doc: LoadedDocument,
  machine: MachineSource,
  checkers: LibraryCheckers,
): Promise<Diagnostic[]> {
  // Validated as deployed: literal DefinitionSubstitutions applied (pointers, and so positions, are unchanged).
  const definition = withLiteralSubstitutions(machine.definition, machine.placeholders);
  if (!isObject(definition)) return [];
  const walk = walkDefinition(definition);
  const standIns = withStandIns(definition);
  const mt = machineText(doc, machine, standIns);
  const map = documentMap(doc, machine, mt);
  const found: Located[] = [];
  // asl-validator's time doubles with each level of Parallel/Map nesting (20 levels: seconds; 300: many minutes),
  // so past this depth it is not run; everything it checks beyond the schema our rules check too.
  const depth = Math.max(0, ...walk.scopes.map((scope) => scopeDepth(scope)));
  // The two libraries and our rules are independent of one another, so both libraries are asked before our rules
  // run: a checker that runs elsewhere (the CLI runs ASLS in a worker thread) works meanwhile. The findings are
  // taken in the same order whatever the timing: our rules, then ASLS, then asl-validator.
  const aslsAnswer = settle(() => checkers.asls(mt.text, mt.yaml));
  const aslvAnswer =
    depth > MAX_ASLV_DEPTH ? undefined : settle(() => checkers.aslValidator(neutralPayloads(standIns)));

  for (const f of [
    ...checkStructure(definition, walk),
    ...checkRules(definition, walk),
    ...checkExpress(doc, machine, walk),
  ]) {
    found.push({ ...f, detail: detailOf(f) });
  }
  for (const f of checkAwsRules(definition, walk)) found.push({ ...f, detail: detailOf(f) });

  let aslsRaw: AslsRaw[] = [];
  const asls = await aslsAnswer;
  if (asls.ok) aslsRaw = asls.value;
  else {
    found.push({
      code: 'checker-failed',
      severity: 'warning',
      source: 'asls',
      detail: 'asls',
      pointer: '',
      message:
        'The ASL language service failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
    });
  }
  // A pathological file can make every node wrong; past this many, more lines help nobody and cost time.
  if (aslsRaw.length > MAX_RAW) aslsRaw = aslsRaw.slice(0, MAX_RAW);
  for (const raw of aslsRaw) {
    const pointer = mt.textMap.pointerAt(raw.start) ?? '';
    const value = valueAt(definition, pointer);
    if (
      mt.isDocument &&
      (hasPlaceholder(value) || isIntrinsicObject(value) || (fieldName(pointer) === 'InputType' && value === 'PARQUET'))
    )
      continue;
    const f = fromAsls(raw, pointer, definition);
    if (!f) continue;
    const located: Located = { ...f, source: 'asls' };
    if (mt.isDocument && !['unknown-target', 'field-not-allowed', 'invalid-path'].includes(f.code) && pointer === '') {
      located.range = { start: raw.start, end: raw.end };
    }
    found.push(located);
  }

  const aslv = await aslvAnswer;
  if (!aslv) {
    found.push({
      code: 'checker-skipped',
      severity: 'info',
      source: 'asl-validator',
      detail: 'asl-validator',
      pointer: '',
      message: `asl-validator was not run: Parallel/Map states are nested more than ${MAX_ASLV_DEPTH} levels deep, where it takes minutes; the other checks ran`,
    });
  } else {
    let failed = !aslv.ok;
    if (aslv.ok)
      try {
        for (const raw of aslv.value) {
          for (const f of fromAslv(raw, definition, walk)) found.push({ ...f, source: 'asl-validator' });
        }
      } catch (error) {
        void error;
        failed = true;
      }
    if (failed)
      found.push({
        code: 'checker-failed',
        severity: 'warning',
        source: 'asl-validator',
        detail: 'asl-validator',
        pointer: '',
        message:
          'asl-validator failed on this definition (an internal error of that library), so its checks are missing; the other checks ran',
      });
  }

  // Library findings at places one of our findings explains in its own words.
  const superseded = found.flatMap((f) => (f.source === 'statescope' ? (f.supersedes ?? []) : []));
  const isSuperseded = (f: Located): boolean =>
    superseded.some((p) => f.pointer === p || f.pointer.startsWith(p + '/'));
  const kept = found.filter(
    (f) => f.source === 'statescope' || (!isKnownFalsePositive(f, definition, walk) && !isSuperseded(f)),
  );
  // What a typo's own error already explains (states after a misspelled target, the Next a misspelled key lacks…).
  const consequences = consequencesOfTypos(kept, walk);
  return merge(
    kept.filter((f) => !consequences.has(f)),
    machine,
    map,
    doc,
  );
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts diagnostics by position, then severity, so lists and CLI output read top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.message.localeCompare(b.message),
  );
}

/**
 * Checks every machine of a loaded document and returns one merged, position-sorted list. The loader's own
 * diagnostics (syntax, leniencies) are not repeated here: see `validateForReport` for both together.
 */
export async function validateDocument(doc: LoadedDocument, checkers: LibraryCheckers): Promise<Diagnostic[]> {
  const all: Diagnostic[] = [];
  for (const machine of doc.machines) {
    try {
      all.push(...(await validateMachine(doc, machine, checkers)));
    } catch (error) {
      const at = machine.span ? lineColumnIndex(doc.text)(machine.span.start) : { line: 1, column: 1 };
      void error;
      all.push({
        severity: 'warning',
        message:
          'Validation of this state machine stopped early (an internal error); the findings above may be incomplete',
        line: at.line,
        column: at.column,
        machine: machine.name,
        source: 'statescope',
        code: 'validator-crashed',
      });
    }
  }
  return sortDiagnostics(all);
}

/** Codes other producers use for problems validation also finds, mapped to validation's codes. */
const EQUIVALENT_CODES: Record<string, string[]> = {
  'missing-target': ['unknown-target'],
  'no-start': ['field-required', 'unknown-target'],
  'no-states': ['field-required'],
  'bad-type': ['field-required', 'bad-value', 'state-shape'],
  'bad-state': ['state-shape', 'wrong-type'],
};

/**
 * The validation diagnostics to put in `graph --json` (pass them as `graphReport(doc, graphs, { diagnostics })`):
 * the same list `statescope validate` prints after the loader's own diagnostics, minus any that repeat one of the
 * loader's (same position and message) or one already in `shown` (e.g. the graph builder's diagnostics: same
 * machine, same state, same meaning), so a report never says one thing twice.
 */
export async function validateForReport(
  doc: LoadedDocument,
  checkers: LibraryCheckers,
  shown: readonly Diagnostic[] = [],
): Promise<Diagnostic[]> {
  const seen = new Set(doc.diagnostics.map((d) => `${d.line}:${d.column}:${d.message}`));
  const covered = new Set<string>();
  for (const d of shown) {
    for (const code of EQUIVALENT_CODES[d.code ?? ''] ?? [d.code ?? ''])
      covered.add(`${d.machine ?? ''}\u0000${d.state ?? ''}\u0000${code}`);
  }
  return (await validateDocument(doc, checkers)).filter(
    (d) =>
      !seen.has(`${d.line}:${d.column}:${d.message}`) &&
      !covered.has(`${d.machine ?? ''}\u0000${d.state ?? ''}\u0000${d.code ?? ''}`),
  );
}
