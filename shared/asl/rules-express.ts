/**
 * What an Express workflow cannot do, checked before deployment: Express runs only request-response integrations
 * (no `.sync`, `.sync:2` or `.waitForTaskToken`, no activities) and an execution lasts at most five minutes, so a
 * Wait longer than that always ends in `States.Timeout`. AWS documents these limits
 * (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html); the service rejects such a
 * definition only when the machine is created, so a template would fail at deploy time.
 *
 * The workflow type is not part of the definition: it is the template's `Type` (AWS::Serverless::StateMachine) or
 * `StateMachineType` (AWS::StepFunctions::StateMachine), STANDARD when absent. The loader keeps only the
 * definition, so this module reads those two properties from the template text itself (cached per text). A plain
 * ASL file says nothing about its type, and is not checked. A Distributed Map whose `ProcessorConfig.ExecutionType`
 * is EXPRESS runs its processor as Express child workflows even inside a Standard machine, so those states are
 * checked too.
 */
import { renderValue } from './cfn.ts';
import { parseJson } from './parse-json.ts';
import { parseYaml } from './parse-yaml.ts';
import type { LoadedDocument, MachineSource } from './types.ts';
import type { Finding } from './validate-rules.ts';
import { isObject, walkDefinition, type Scope, type Walk } from './validate-walk.ts';

/** The two workflow types of Step Functions. */
export type WorkflowType = 'STANDARD' | 'EXPRESS';

/** Longest run of an Express execution, in seconds (five minutes). */
export const EXPRESS_MAX_SECONDS = 300;

/** What a template says about its machines and resources, beyond the definitions the loader keeps. */
export interface TemplateFacts {
  /** Workflow type of every state machine resource, by logical id. */
  workflowTypes: Record<string, WorkflowType>;
  /** `Type` of every resource, by logical id (to tell a Lambda function from other `!GetAtt X.Arn` targets). */
  resourceTypes: Record<string, string>;
}

const MACHINE_TYPES = new Set(['AWS::StepFunctions::StateMachine', 'AWS::Serverless::StateMachine']);
const cache = new Map<string, TemplateFacts | null>();
const CACHE_SIZE = 8;

/**
 * Reads the workflow type of each machine and the type of each resource from a SAM/CloudFormation template's
 * text. Returns undefined when the text is not a template or cannot be parsed (the loader reports why).
 */
export function templateFacts(text: string, json: boolean): TemplateFacts | undefined {
  const key = `${json ? 'j' : 'y'}${text}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  let facts: TemplateFacts | null = null;
  try {
    const root = json ? parseJson(text).value : parseYaml(text).value;
    if (isObject(root) && isObject(root.Resources)) {
      facts = { workflowTypes: {}, resourceTypes: {} };
      for (const [id, res] of Object.entries(root.Resources)) {
        if (!isObject(res) || typeof res.Type !== 'string') continue;
        facts.resourceTypes[id] = res.Type;
        if (!MACHINE_TYPES.has(res.Type)) continue;
        const props = isObject(res.Properties) ? res.Properties : {};
        const declared = res.Type === 'AWS::Serverless::StateMachine' ? props.Type : props.StateMachineType;
        // An intrinsic (`!If`, `!Ref Param`) cannot be decided here: leave the type unknown rather than guess.
        if (declared === undefined) facts.workflowTypes[id] = 'STANDARD';
        else if (declared === 'EXPRESS' || declared === 'STANDARD') facts.workflowTypes[id] = declared;
      }
    }
  } catch {
    facts = null;
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, facts);
  return facts ?? undefined;
}

/** The facts of a loaded document's template, or undefined for a plain ASL file. */
export function documentTemplateFacts(doc: Pick<LoadedDocument, 'format' | 'text'>): TemplateFacts | undefined {
  if (doc.format !== 'template-json' && doc.format !== 'template-yaml') return undefined;
  return templateFacts(doc.text, doc.format === 'template-json');
}

/** A machine's workflow type as its template declares it; undefined for plain ASL or an undecidable value. */
export function workflowTypeOf(
  doc: Pick<LoadedDocument, 'format' | 'text'>,
  machine: Pick<MachineSource, 'name' | 'resourceType'>,
): WorkflowType | undefined {
  if (machine.resourceType === 'asl') return undefined;
  return documentTemplateFacts(doc)?.workflowTypes[machine.name];
}

/** True when the scope runs as Express: the machine is Express, or a Distributed Map above runs Express children. */
function runsExpress(scope: Scope, machineType: WorkflowType | undefined, processors: Map<string, unknown>): boolean {
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.kind === 'distributed-map') {
      const config = processors.get(s.pointer);
      if (isObject(config)) {
        if (config.ExecutionType === 'EXPRESS') return true;
        if (config.ExecutionType === 'STANDARD') return false;
      }
    }
  }
  return machineType === 'EXPRESS';
}

function processorConfigs(definition: unknown, walk: Walk): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const scope of walk.scopes) {
    if (scope.kind !== 'distributed-map') continue;
    let node: unknown = definition;
    for (const seg of scope.pointer.split('/').slice(1)) {
      const key = seg.replaceAll('~1', '/').replaceAll('~0', '~');
      node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    }
    if (isObject(node)) out.set(scope.pointer, node.ProcessorConfig);
  }
  return out;
}

const PATTERN_WORDS: Record<string, string> = {
  '.sync': 'the run-a-job pattern (.sync)',
  '.sync:2': 'the run-a-job pattern (.sync:2)',
  '.waitForTaskToken': 'the wait-for-callback pattern (.waitForTaskToken)',
};

function where(machineType: WorkflowType | undefined): string {
  return machineType === 'EXPRESS' ? 'an Express workflow' : 'an Express child workflow of a Distributed Map';
}

/**
 * Findings for states that an Express workflow cannot run: callback and run-a-job integrations, activities, Waits
 * longer than five minutes (errors, the service refuses or always times out), and timeouts above five minutes
 * (warnings: they can never take effect).
 */
export function checkExpressRules(
  definition: unknown,
  machineType: WorkflowType | undefined,
  walk: Walk = walkDefinition(definition),
): Finding[] {
  const findings: Finding[] = [];
  const processors = processorConfigs(definition, walk);
  const add = (f: Omit<Finding, 'source'>): void => {
    findings.push({ ...f, source: 'statescope' });
  };
  if (
    machineType === 'EXPRESS' &&
    isObject(definition) &&
    typeof definition.TimeoutSeconds === 'number' &&
    definition.TimeoutSeconds > EXPRESS_MAX_SECONDS
  ) {
    add({
      code: 'express-timeout',
      severity: 'warning',
      message: `TimeoutSeconds ${definition.TimeoutSeconds} has no effect: an Express execution always ends after 5 minutes (300 seconds)`,
      pointer: '/TimeoutSeconds',
    });
  }
  for (const visit of walk.states) {
    if (!runsExpress(visit.scope, machineType, processors)) continue;
    const state = visit.state;
    const place = where(machineType);
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      const resource = state.Resource.trim();
      const suffix = /(\.sync:2|\.sync|\.waitForTaskToken)$/.exec(resource)?.[1];
      if (suffix && /^(arn:[^:]*:states:|\$\{)/.test(resource)) {
        add({
          code: 'express-integration-pattern',
          severity: 'error',
          message: `State "${visit.name}": ${place} cannot use ${PATTERN_WORDS[suffix]}; Express supports only request-response integrations. Use a Standard workflow, or call the service without "${suffix}"`,
          pointer: `${visit.pointer}/Resource`,
          state: visit.name,
        });
      } else if (/^arn:[^:]*:states:[^:]*:[^:]*:activity:/.test(resource)) {
        add({
          code: 'express-activity',
          severity: 'error',
          message: `State "${visit.name}": ${place} cannot run an activity; activities need a Standard workflow`,
          pointer: `${visit.pointer}/Resource`,
          state: visit.name,
        });
      }
    }
    if (state.Type === 'Wait' && typeof state.Seconds === 'number' && state.Seconds > EXPRESS_MAX_SECONDS) {
      add({
        code: 'express-duration',
        severity: 'error',
        message: `State "${visit.name}": waits ${state.Seconds} seconds, but ${place} runs for at most 5 minutes (300 seconds); the execution would fail with States.Timeout. Use a Standard workflow for long waits`,
        pointer: `${visit.pointer}/Seconds`,
        state: visit.name,
      });
    }
    for (const field of ['TimeoutSeconds', 'HeartbeatSeconds'] as const) {
      const value = state[field];
      if (typeof value === 'number' && value > EXPRESS_MAX_SECONDS) {
        add({
          code: 'express-timeout',
          severity: 'warning',
          message: `State "${visit.name}": ${field} ${value} can never be reached; ${place} ends after 5 minutes (300 seconds)`,
          pointer: `${visit.pointer}/${field}`,
          state: visit.name,
        });
      }
    }
  }
  return findings;
}

/** The Express findings for one machine of a loaded document (the validator's hook). */
export function checkExpress(doc: LoadedDocument, machine: MachineSource, walk?: Walk): Finding[] {
  return checkExpressRules(machine.definition, workflowTypeOf(doc, machine), walk);
}

/**
 * What the notes need to know about the machine a state belongs to: its workflow type, and what `${…}`
 * placeholders in a template stand for (so `Resource: !GetAtt ScoreFunction.Arn` is seen as a Lambda function).
 */
export interface MachineContext {
  workflowType?: WorkflowType;
  /** Placeholder name → its value as the template gives it (`${GetAtt:ScoreFunction.Arn}`). */
  placeholders?: Record<string, string>;
  /** Resource logical id → resource type, from the template. */
  resourceTypes?: Record<string, string>;
  /** States that run as Express children of a Distributed Map (`ExecutionType: EXPRESS`), whatever the machine's type. */
  expressStates?: string[];
}

/** Names of the states inside Distributed Map processors whose children run as Express workflows. */
export function expressChildStates(definition: unknown, walk: Walk = walkDefinition(definition)): string[] {
  const processors = processorConfigs(definition, walk);
  return walk.states
    .filter((v) => v.scope.kind === 'distributed-map' && runsExpress(v.scope, undefined, processors))
    .map((v) => v.name);
}

/**
 * Builds the notes' machine context from a document's text, for callers that hold only the text and the drawn
 * machine's name (the app shell). Plain ASL gives an empty context; never throws.
 */
export function machineContextFromText(text: string, machineName: string | undefined): MachineContext {
  // The shell asks on every render of the side panel: answer from a small cache keyed by text and machine.
  const key = `${machineName ?? ''}\u0000${text}`;
  const cached = contextCache.get(key);
  if (cached) return cached;
  const ctx = computeContext(text, machineName);
  if (contextCache.size >= CACHE_SIZE) contextCache.delete(contextCache.keys().next().value as string);
  contextCache.set(key, ctx);
  return ctx;
}

const contextCache = new Map<string, MachineContext>();

function computeContext(text: string, machineName: string | undefined): MachineContext {
  const trimmed = text.trimStart();
  const json = trimmed.startsWith('{');
  const root = parsedRoot(text, json);
  if (root === undefined) return {};
  const ctx: MachineContext = {};
  let definition: unknown = root;
  if (isObject(root) && isObject(root.Resources) && !('States' in root)) {
    const facts = templateFacts(text, json);
    if (!facts || machineName === undefined) return {};
    ctx.resourceTypes = facts.resourceTypes;
    const type = facts.workflowTypes[machineName];
    if (type) ctx.workflowType = type;
    const placeholders = substitutionsOf(root, machineName);
    if (placeholders) ctx.placeholders = placeholders;
    const res = root.Resources[machineName];
    definition = isObject(res) && isObject(res.Properties) ? res.Properties.Definition : undefined;
  }
  const express = isObject(definition) ? expressChildStates(definition) : [];
  if (express.length > 0) ctx.expressStates = express;
  return ctx;
}

const rootCache = new Map<string, unknown>();

/** The parsed text (cached, like the template facts), or undefined when it cannot be parsed. */
function parsedRoot(text: string, json: boolean): unknown {
  const key = `${json ? 'j' : 'y'}${text}`;
  if (rootCache.has(key)) return rootCache.get(key);
  let root: unknown;
  try {
    root = json ? parseJson(text).value : parseYaml(text).value;
  } catch {
    root = undefined;
  }
  if (rootCache.size >= CACHE_SIZE) rootCache.delete(rootCache.keys().next().value as string);
  rootCache.set(key, root);
  return root;
}

/** The machine context of one machine of a loaded document (for the CLI, which has the whole document). */
export function machineContextOf(doc: LoadedDocument, machine: MachineSource): MachineContext {
  const facts = documentTemplateFacts(doc);
  const ctx: MachineContext = {};
  const type = workflowTypeOf(doc, machine);
  if (type) ctx.workflowType = type;
  if (facts) ctx.resourceTypes = facts.resourceTypes;
  const placeholders: Record<string, string> = {};
  for (const p of machine.placeholders) if (p.value !== undefined) placeholders[p.name] = p.value;
  if (Object.keys(placeholders).length > 0) ctx.placeholders = placeholders;
  const express = expressChildStates(machine.definition);
  if (express.length > 0) ctx.expressStates = express;
  return ctx;
}

function substitutionsOf(root: Record<string, unknown>, machineName: string): Record<string, string> | undefined {
  if (!isObject(root.Resources)) return undefined;
  const res = root.Resources[machineName];
  if (!isObject(res) || !isObject(res.Properties) || !isObject(res.Properties.DefinitionSubstitutions))
    return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.Properties.DefinitionSubstitutions)) out[k] = renderValue(v);
  return out;
}
