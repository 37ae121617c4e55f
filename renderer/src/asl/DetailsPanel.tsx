/**
 * Everything about one state, formatted for reading: what it calls and how, its data flow fields, error
 * handling tables, Choice rules as text, Map/Parallel configuration and the raw JSON (sections in
 * details-sections.tsx). Any field not named there still appears under "Other fields", so nothing in the
 * definition is hidden.
 */
import { useState, type ReactNode } from 'react';
import type { GraphState } from '../../../shared/asl/types.ts';
import { useT } from '../i18n/index.ts';
import type { Problems } from './to-flow.ts';
import { CopyButton } from './CopyButton.tsx';
import { json, Section } from './details-values.tsx';
import {
  ChoiceSection,
  DataFlowSection,
  ErrorHandlingSections,
  HeaderFields,
  MapSection,
  OtherFieldsSection,
  OwnFieldsSection,
  ParallelSection,
  TaskSection,
} from './details-sections.tsx';

function StateDetails({ state, problems }: { state: GraphState; problems: Problems | null }) {
  const t = useT();
  return (
    <div className="ss-details-body">
      <div className="ss-details-head">
        <h2 className="ss-details-title" data-testid="state-name">
          {state.name}
        </h2>
        <CopyButton
          text={state.name}
          label={t('details.copyName')}
          title={t('details.copyNameTitle', { name: state.name })}
          testId="copy-state-name"
        />
        <CopyButton
          text={json(state.raw)}
          label={t('details.copyJson')}
          title={t('details.copyJsonTitle', { name: state.name })}
          testId="copy-state-json"
        />
      </div>
      <HeaderFields state={state} />
      {problems && problems.messages.length ? (
        <Section title={t('details.problems')} testId="details-problems">
          <ul className="ss-list">
            {problems.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </Section>
      ) : null}
      <OwnFieldsSection state={state} />
      <TaskSection state={state} />
      <DataFlowSection raw={state.raw} />
      <ErrorHandlingSections state={state} />
      <ChoiceSection state={state} />
      <MapSection state={state} />
      <ParallelSection state={state} />
      <OtherFieldsSection raw={state.raw} />
      <details className="ss-section ss-raw">
        <summary>{t('details.rawJson')}</summary>
        <pre className="ss-json" data-testid="raw-json" tabIndex={0}>
          {json(state.raw)}
        </pre>
      </details>
    </div>
  );
}

/**
 * A tab of the side panel contributed by another feature (exam notes, execution status, …): it gets the selected
 * state and renders its own content. The shell passes these in; this panel only draws the strip.
 */
export interface SidePanelTab {
  id: string;
  label: string;
  render: (state: GraphState) => ReactNode;
}

/** The right-side panel with its tab strip: "Details" first, then any tabs passed in `extraTabs`. */
export function DetailsPanel({
  state,
  problems,
  onClose,
  extraTabs = [],
  width,
}: {
  state: GraphState;
  problems: Problems | null;
  onClose: () => void;
  extraTabs?: readonly SidePanelTab[];
  /** Width in px (the view fits it to the room there is); the stylesheet's default when not given. */
  width?: number;
}) {
  const t = useT();
  const tabs: { id: string; label: string }[] = [{ id: 'details', label: t('details.tab') }, ...extraTabs];
  const [chosen, setChosen] = useState('details');
  const active = tabs.some((t) => t.id === chosen) ? chosen : 'details';
  const extra = extraTabs.find((t) => t.id === active);
  return (
    <aside
      className="ss-side"
      style={width ? { width } : undefined}
      data-testid="details-panel"
      aria-label={t('details.of', { name: state.name })}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="ss-side-head">
        <div className="ss-side-tabs" role="tablist">
          {tabs.map((tab) => (
            <button
              key={tab.id}
              type="button"
              role="tab"
              aria-selected={active === tab.id}
              className={active === tab.id ? 'is-active' : ''}
              onClick={() => setChosen(tab.id)}
              data-testid={`side-tab-${tab.id}`}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <span className="ss-spacer" />
        <button
          type="button"
          className="ss-icon-button"
          aria-label={t('details.close')}
          data-testid="details-close"
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      <div className="ss-side-content" role="tabpanel" tabIndex={0}>
        {extra ? extra.render(state) : <StateDetails state={state} problems={problems} />}
      </div>
    </aside>
  );
}
