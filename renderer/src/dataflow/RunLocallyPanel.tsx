/**
 * "Run locally": the whole state machine (as edited in the code view) run offline with an input and a mock file
 * (Step Functions Local's StateMachines/TestCases/MockedResponses, or TestState-style mocks per state). The run's
 * execution history goes to the shell, which draws it over the machine like a real execution.
 */
import { useCallback, useContext, useState } from 'react';
import { loadDocument } from '../../../shared/asl/load.ts';
import { walkScopes } from '../../../shared/asl/walk.ts';
import type { HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import { runMachine, type RunResult } from '../../../shared/sfn/interpreter/engine.ts';
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import { MockFormatError, readMocks } from '../../../shared/sfn/interpreter/mocks.ts';
import { getEdit } from '../editor/store.ts';
import { LangContext, translate, type MessageKey } from '../i18n/index.ts';
import './dataflow.css';

interface Saved {
  input: string;
  mocks: string;
  testCase: string;
}

const remembered = new Map<string, Saved>();

/** The machine of the document that declares `stateName` (anywhere in it), else the first. */
async function machineWith(
  path: string,
  text: string,
  stateName: string,
): Promise<{ name: string; definition: unknown } | null> {
  const doc = await loadDocument(path, text);
  for (const m of doc.machines) {
    let found = false;
    walkScopes(m.definition, (scope) => {
      if (scope.states.some((s) => s.name === stateName)) found = true;
    });
    if (found) return { name: m.name, definition: m.definition };
  }
  return doc.machines[0] ? { name: doc.machines[0].name, definition: doc.machines[0].definition } : null;
}

export function RunLocallyPanel({
  tabId,
  path,
  diskText,
  stateName,
  onRun,
}: {
  tabId: string;
  path: string;
  diskText: string;
  stateName: string;
  onRun: (events: HistoryEvent[], label: string) => void;
}) {
  const lang = useContext(LangContext);
  const t = useCallback((k: MessageKey, vars?: Record<string, string | number>) => translate(lang, k, vars), [lang]);
  const [saved, setSaved] = useState<Saved>(() => remembered.get(tabId) ?? { input: '{}', mocks: '{}', testCase: '' });
  const [result, setResult] = useState<{ run?: RunResult; problem?: string; label?: string } | null>(null);
  /** How many state runs are shown (the overlay is the history up to the next state's entry). */
  const [position, setPosition] = useState(0);

  /** Draws the run as it stood after `n` state runs (all of it when n is the number of runs). */
  const showUpTo = (out: RunResult, label: string, n: number) => {
    const next = out.steps.slice(n).find((s) => s.enteredEventId !== undefined);
    const events = n >= out.steps.length || !next ? out.events : out.events.filter((e) => e.id < next.enteredEventId!);
    setPosition(n);
    onRun(events, label);
  };
  const set = (patch: Partial<Saved>) =>
    setSaved((prev) => {
      const next = { ...prev, ...patch };
      remembered.set(tabId, next);
      return next;
    });

  const run = async () => {
    try {
      let input: unknown;
      let mockJson: unknown;
      try {
        input = JSON.parse(saved.input) as unknown;
      } catch (e) {
        throw new InterpreterStop(`${t('dataflow.input')}: ${(e as Error).message}`);
      }
      try {
        mockJson = JSON.parse(saved.mocks || '{}') as unknown;
      } catch (e) {
        throw new InterpreterStop(`${t('run.mocks')}: ${(e as Error).message}`);
      }
      const machine = await machineWith(path, getEdit(tabId)?.text ?? diskText, stateName);
      if (!machine) throw new InterpreterStop(t('run.noMachine'));
      const mocks = readMocks(mockJson, { testCase: saved.testCase.trim() || undefined });
      const out = await runMachine(machine.definition, { input, mocks, stateMachineName: machine.name });
      const label = t('run.label', { name: machine.name });
      setResult({ run: out, label });
      showUpTo(out, label, out.steps.length);
    } catch (e) {
      if (e instanceof InterpreterStop || e instanceof MockFormatError) setResult({ problem: e.message });
      else setResult({ problem: String((e as Error).message ?? e) });
    }
  };

  return (
    <div className="ss-dataflow" data-testid="run-panel">
      <p className="ss-dim">{t('run.intro')}</p>
      <label className="ss-dataflow-field">
        <span>{t('run.input')}</span>
        <textarea
          data-testid="run-input"
          spellCheck={false}
          rows={4}
          value={saved.input}
          onChange={(e) => set({ input: e.target.value })}
        />
      </label>
      <label className="ss-dataflow-field">
        <span>{t('run.mocks')}</span>
        <textarea
          data-testid="run-mocks"
          spellCheck={false}
          rows={6}
          value={saved.mocks}
          onChange={(e) => set({ mocks: e.target.value })}
        />
      </label>
      <label className="ss-dataflow-field">
        <span>{t('run.testCase')}</span>
        <input data-testid="run-test-case" value={saved.testCase} onChange={(e) => set({ testCase: e.target.value })} />
      </label>
      <button type="button" data-testid="run-start" onClick={() => void run()}>
        {t('run.start')}
      </button>
      {result?.problem ? (
        <p className="ss-dataflow-problem" role="alert" data-testid="run-problem">
          {result.problem}
        </p>
      ) : null}
      {result?.run ? (
        <>
          <p className={`ss-dataflow-status is-${result.run.status.toLowerCase()}`} data-testid="run-status">
            <strong>
              {t(result.run.status === 'SUCCEEDED' ? 'dataflow.status.SUCCEEDED' : 'dataflow.status.FAILED')}
            </strong>
            {result.run.error ? ` · ${result.run.error}` : ''} ·{' '}
            {t('run.virtualTime', { seconds: result.run.durationMs / 1000 })}
          </p>
          <div className="ss-run-stepper">
            <button
              type="button"
              data-testid="run-back"
              disabled={position === 0}
              onClick={() => showUpTo(result.run!, result.label!, position - 1)}
            >
              ◀ {t('run.back')}
            </button>
            <button
              type="button"
              data-testid="run-next"
              disabled={position >= result.run.steps.length}
              onClick={() => showUpTo(result.run!, result.label!, position + 1)}
            >
              {t('run.next')} ▶
            </button>
            <span data-testid="run-position">{t('run.position', { n: position, total: result.run.steps.length })}</span>
          </div>
          <ol className="ss-dataflow-stages" data-testid="run-steps">
            {result.run.steps.map((s, i) => (
              <li
                key={i}
                className={`${s.error && !s.caught ? 'is-failed' : ''} ${i < position ? '' : 'is-later'}`}
                title={t('run.toHere')}
                onClick={() => showUpTo(result.run!, result.label!, i + 1)}
              >
                <span className="ss-dataflow-stage">
                  {s.path} <span className="ss-dim">[{s.type}]</span>
                  {s.retries ? ` ↻${s.retries}` : ''}
                  {s.error ? ` ✗ ${s.error}${s.caught ? ` (${t('dataflow.status.CAUGHT_ERROR')})` : ''}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}
