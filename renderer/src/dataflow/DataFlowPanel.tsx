/**
 * The "Data flow" tab of the details panel: run the selected state offline, as the TestState API would, with an
 * input (and, for a Task, a mocked result or error) and see the value after each stage — input, InputPath,
 * Parameters/Arguments, result, ResultSelector, ResultPath, OutputPath/Output, Assign — and the stage that
 * failed. It re-runs as the inputs or the definition change (the state's `raw` object follows the code view).
 */
import { useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { GraphState } from '../../../shared/asl/types.ts';
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import { MockFormatError } from '../../../shared/sfn/interpreter/mocks.ts';
import { testState, type TestStateOutput } from '../../../shared/sfn/interpreter/teststate.ts';
import type { StageName } from '../../../shared/sfn/interpreter/engine.ts';
import { LangContext, translate, type MessageKey } from '../i18n/index.ts';
import './dataflow.css';

interface Inputs {
  input: string;
  mode: 'result' | 'error';
  result: string;
  error: string;
  cause: string;
  variables: string;
}

const DEFAULT_INPUTS: Inputs = {
  input: '{}',
  mode: 'result',
  result: '{}',
  error: 'States.TaskFailed',
  cause: '',
  variables: '{}',
};

/** What was typed for each state, kept while the app runs so switching states does not lose it. */
const remembered = new Map<string, Inputs>();

const STAGE_KEYS: Record<StageName | 'retry' | 'catch' | 'choice' | 'wait' | 'fail', MessageKey> = {
  input: 'dataflow.stage.input',
  afterInputPath: 'dataflow.stage.afterInputPath',
  afterParameters: 'dataflow.stage.afterParameters',
  afterArguments: 'dataflow.stage.afterArguments',
  afterItemsPath: 'dataflow.stage.afterItemsPath',
  afterItemSelector: 'dataflow.stage.afterItemSelector',
  afterItemBatcher: 'dataflow.stage.afterItemBatcher',
  result: 'dataflow.stage.result',
  afterResultSelector: 'dataflow.stage.afterResultSelector',
  afterResultPath: 'dataflow.stage.afterResultPath',
  output: 'dataflow.stage.output',
  assign: 'dataflow.stage.assign',
  errorOutput: 'dataflow.stage.errorOutput',
  retry: 'dataflow.stage.retry',
  catch: 'dataflow.stage.catch',
  choice: 'dataflow.stage.choice',
  wait: 'dataflow.stage.wait',
  fail: 'dataflow.stage.fail',
};

type Outcome = { kind: 'done'; out: TestStateOutput } | { kind: 'problem'; message: string } | { kind: 'running' };

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new InterpreterStop(`${what}: ${(e as Error).message}`);
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  return text.length > 20_000 ? `${text.slice(0, 20_000)}\n…` : text;
}

/** A state input taken from an opened execution (history overlay), offered as the panel's input. */
export interface RecordedInput {
  label: string;
  input: unknown;
}

type Translate = (k: MessageKey, vars?: Record<string, string | number>) => string;

/** Runs the state offline (150 ms after the last change), as TestState would, and gives the outcome. */
function useStateRun(state: GraphState, inputs: Inputs, needsMock: boolean, t: Translate): Outcome {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'running' });
  // The definition the panel runs: this one state, with the machine's query language.
  // Keyed by content, so an edit in the code view re-runs the panel and nothing else does.
  const definitionText = JSON.stringify({
    QueryLanguage: state.queryLanguage,
    StartAt: state.name,
    States: { [state.name]: state.raw },
  });
  const definition = useMemo(() => JSON.parse(definitionText) as unknown, [definitionText]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const input = parseJson(inputs.input, t('dataflow.input'));
          const variables = parseJson(inputs.variables || '{}', t('dataflow.variables'));
          if (variables === null || typeof variables !== 'object' || Array.isArray(variables))
            throw new InterpreterStop(`${t('dataflow.variables')}: {…}`);
          const mock = !needsMock
            ? undefined
            : inputs.mode === 'result'
              ? { result: parseJson(inputs.result, t('dataflow.result')) }
              : { errorOutput: { error: inputs.error, cause: inputs.cause } };
          const out = await testState({
            definition,
            stateName: state.name,
            input,
            variables: variables as Record<string, unknown>,
            mock,
          });
          if (!cancelled) setOutcome({ kind: 'done', out });
        } catch (e) {
          if (cancelled) return;
          if (e instanceof InterpreterStop || e instanceof MockFormatError)
            setOutcome({ kind: 'problem', message: e.message });
          else setOutcome({ kind: 'problem', message: String((e as Error).message ?? e) });
        }
      })();
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [definition, inputs, needsMock, state.name, t]);
  return outcome;
}

/** The mocked result or error of a Task (or of a Map's item reader). */
function MockFields({
  name,
  inputs,
  set,
  t,
}: {
  name: string;
  inputs: Inputs;
  set: (patch: Partial<Inputs>) => void;
  t: Translate;
}) {
  return (
    <fieldset className="ss-dataflow-mock">
      <legend>{t('dataflow.mock')}</legend>
      <label>
        <input
          type="radio"
          name={name}
          checked={inputs.mode === 'result'}
          onChange={() => set({ mode: 'result' })}
          data-testid="dataflow-mode-result"
        />{' '}
        {t('dataflow.result')}
      </label>{' '}
      <label>
        <input
          type="radio"
          name={name}
          checked={inputs.mode === 'error'}
          onChange={() => set({ mode: 'error' })}
          data-testid="dataflow-mode-error"
        />{' '}
        {t('dataflow.error')}
      </label>
      {inputs.mode === 'result' ? (
        <textarea
          data-testid="dataflow-result"
          spellCheck={false}
          rows={3}
          value={inputs.result}
          onChange={(e) => set({ result: e.target.value })}
        />
      ) : (
        <div className="ss-dataflow-error">
          <input
            data-testid="dataflow-error-name"
            value={inputs.error}
            onChange={(e) => set({ error: e.target.value })}
            aria-label={t('dataflow.error')}
          />
          <input
            data-testid="dataflow-error-cause"
            value={inputs.cause}
            placeholder={t('dataflow.cause')}
            onChange={(e) => set({ cause: e.target.value })}
            aria-label={t('dataflow.cause')}
          />
        </div>
      )}
    </fieldset>
  );
}

/** The run's status, the value after each stage, and the stage that failed. */
function Stages({ outcome, t }: { outcome: Outcome; t: Translate }) {
  if (outcome.kind === 'problem') {
    return (
      <p className="ss-dataflow-problem" role="alert" data-testid="dataflow-problem">
        {outcome.message}
      </p>
    );
  }
  if (outcome.kind !== 'done') return null;
  const step = outcome.out.step;
  return (
    <>
      <p className={`ss-dataflow-status is-${outcome.out.status.toLowerCase()}`} data-testid="dataflow-status">
        <strong>{t(`dataflow.status.${outcome.out.status}` as MessageKey)}</strong>
        {outcome.out.nextState ? ` → ${outcome.out.nextState}` : ''}
      </p>
      <ol className="ss-dataflow-stages">
        {(step?.stages ?? []).map((s, i) => (
          <li key={`${s.stage}-${i}`} data-testid={`dataflow-stage-${s.stage}`}>
            <span className="ss-dataflow-stage">{t(STAGE_KEYS[s.stage])}</span>
            <pre className="ss-json">{show(s.value)}</pre>
          </li>
        ))}
        {step?.failedStage && outcome.out.error !== undefined ? (
          <li className="is-failed" data-testid="dataflow-failed" data-stage={step.failedStage}>
            <span className="ss-dataflow-stage">
              {t('dataflow.failedAt', { stage: t(STAGE_KEYS[step.failedStage]) })}
            </span>
            <pre className="ss-json">
              {outcome.out.error}
              {outcome.out.cause ? `\n${outcome.out.cause}` : ''}
            </pre>
          </li>
        ) : null}
      </ol>
    </>
  );
}

export function DataFlowPanel({ state, recorded }: { state: GraphState; recorded?: RecordedInput }) {
  const lang = useContext(LangContext);
  const t = useCallback((k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars), [lang]);
  const key = state.id;
  const [inputs, setInputs] = useState<Inputs>(() => remembered.get(key) ?? DEFAULT_INPUTS);
  useEffect(() => setInputs(remembered.get(key) ?? DEFAULT_INPUTS), [key]);
  const set = (patch: Partial<Inputs>) =>
    setInputs((prev) => {
      const next = { ...prev, ...patch };
      remembered.set(key, next);
      return next;
    });
  const needsMock = state.type === 'Task' || (state.type === 'Map' && state.raw.ItemReader !== undefined);
  const outcome = useStateRun(state, inputs, needsMock, t);
  return (
    <div className="ss-dataflow" data-testid="dataflow-panel">
      <p className="ss-dim">{t('dataflow.intro')}</p>
      {recorded ? (
        <button
          type="button"
          data-testid="dataflow-use-recorded"
          onClick={() => set({ input: JSON.stringify(recorded.input, null, 2) })}
        >
          {t('dataflow.useRecorded', { label: recorded.label })}
        </button>
      ) : null}
      <label className="ss-dataflow-field">
        <span>{t('dataflow.input')}</span>
        <textarea
          data-testid="dataflow-input"
          spellCheck={false}
          rows={4}
          value={inputs.input}
          onChange={(e) => set({ input: e.target.value })}
        />
      </label>
      {needsMock ? <MockFields name={`mock-${key}`} inputs={inputs} set={set} t={t} /> : null}
      <details className="ss-dataflow-vars">
        <summary>{t('dataflow.variables')}</summary>
        <textarea
          data-testid="dataflow-variables"
          spellCheck={false}
          rows={3}
          value={inputs.variables}
          onChange={(e) => set({ variables: e.target.value })}
        />
      </details>
      <Stages outcome={outcome} t={t} />
    </div>
  );
}
