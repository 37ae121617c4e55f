/**
 * The AWS side panel: pick a profile, region and (optionally) endpoint, see who you are connected as, browse
 * state machines and their executions, open a definition or an execution (with per-state runs for the overlay),
 * and read X-Ray service graphs and traces for a time range and group. Everything goes through the read-only
 * `aws.*` contract methods; the connection state and every error stay on screen, each error with a Retry.
 *
 * Layout of the code: store.ts holds the state and its typed actions, effects.ts makes the host calls, and the
 * views (ConnectionForm, MachineList, ExecutionList, XrayTab) only read the state and call the effects.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StatescopeApi } from '../../../shared/contract.ts';
import type { AwsConnectionArgs, ServiceGraph, TraceBatch } from '../../../shared/sfn/aws-types.ts';
import { getApi } from '../api.ts';
import { translate, type Lang } from '../i18n/index.ts';
import '../overlay/overlay.css';
import type { PanelContext, T } from './common.tsx';
import { ConnectionForm } from './ConnectionForm.tsx';
import { AwsEffects } from './effects.ts';
import { ExecutionList } from './ExecutionList.tsx';
import { MachineList } from './MachineList.tsx';
import { createAwsStore, type AwsExecutionOpen } from './store.ts';
import { XrayTab } from './XrayTab.tsx';
import './aws.css';

export type { AwsExecutionOpen } from './store.ts';

/** Props of `AwsPanel`. Every callback is optional; without one, the matching button is hidden. */
export interface AwsPanelProps {
  /** The contract client (default: `getApi()`); tests pass their own. */
  api?: StatescopeApi;
  /** UI language (default `en`). */
  lang?: Lang;
  /** Profile / region / endpoint to start with (default: the host's AWS_PROFILE / AWS_REGION / endpoint env). */
  initialConnection?: AwsConnectionArgs;
  /** Opens a machine's definition text as a document, exactly like a local file. */
  onOpenDefinition?: (definition: { name: string; stateMachineArn: string; text: string }) => void;
  /** Opens an execution: the lead draws the definition and overlays `report`. */
  onOpenExecution?: (run: AwsExecutionOpen) => void;
  /** Shows a service graph (GetServiceGraph shape) in the X-Ray view. */
  onOpenServiceGraph?: (graph: ServiceGraph, info: { startMs: number; endMs: number; group?: string }) => void;
  /** Shows full traces (BatchGetTraces shape) in the X-Ray view. */
  onOpenTraces?: (batch: TraceBatch) => void;
  /** Longest wait for one host call before the panel gives up and offers Retry (default 120 s). */
  timeoutMs?: number;
}

/** The AWS panel. See `AwsPanelProps`. */
export function AwsPanel({
  api: apiProp,
  lang = 'en',
  initialConnection,
  onOpenDefinition,
  onOpenExecution,
  onOpenServiceGraph,
  onOpenTraces,
  timeoutMs = 120_000,
}: AwsPanelProps) {
  const api = useMemo(() => apiProp ?? getApi(), [apiProp]);
  // initialConnection is the starting point, not a live binding.
  const [store] = useState(() => createAwsStore(initialConnection));
  const effects = useMemo(() => new AwsEffects(store, api, timeoutMs), [store, api, timeoutMs]);
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- started once per client, with the first connection
  useEffect(() => effects.start(initialConnection), [effects]);
  useEffect(() => {
    effects.setHandlers({
      ...(onOpenDefinition ? { onOpenDefinition } : {}),
      ...(onOpenTraces ? { onOpenTraces } : {}),
    });
  }, [effects, onOpenDefinition, onOpenTraces]);

  const t: T = (key, vars) => translate(lang, key, vars);
  const ctx: PanelContext = { state, effects, t, lang };
  const tab = state.form.tab;

  return (
    <section className="aws-panel" aria-label={t('aws.title')}>
      <ConnectionForm ctx={ctx} />
      {state.conn ? (
        <>
          <div className="aws-tabs" role="tablist">
            {(['sfn', 'xray'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={tab === k}
                className={`aws-tab${tab === k ? ' aws-active' : ''}`}
                onClick={() => effects.selectTab(k)}
              >
                {t(`aws.tab.${k}`)}
              </button>
            ))}
          </div>
          {tab === 'sfn' ? (
            <div className="aws-body" role="tabpanel">
              <MachineList ctx={ctx} />
              <ExecutionList
                ctx={ctx}
                onOpenDefinition={Boolean(onOpenDefinition)}
                {...(onOpenExecution ? { onOpenExecution } : {})}
                {...(onOpenTraces ? { onOpenTrace: (id: string) => effects.openTraces([id]) } : {})}
              />
            </div>
          ) : (
            <XrayTab
              ctx={ctx}
              {...(onOpenServiceGraph ? { onOpenServiceGraph } : {})}
              {...(onOpenTraces ? { onOpenTraces } : {})}
            />
          )}
        </>
      ) : null}
    </section>
  );
}
