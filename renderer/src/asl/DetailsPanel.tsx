/**
 * Everything about one state, formatted for reading: what it calls and how, its data flow fields, error
 * handling tables, Choice rules as text, Map/Parallel configuration and the raw JSON. Any field not named here
 * still appears under "Other fields", so nothing in the definition is hidden.
 */
import { useState, type ReactNode } from 'react';
import type { GraphState } from '../../../shared/asl/types.ts';
import { choiceRuleText, jsonataText } from '../../../shared/asl/choice-label.ts';
import { patternLabel } from './nodes.tsx';
import { useT, type MessageKey } from '../i18n/index.ts';
import type { Problems } from './to-flow.ts';

const MAX_JSON_CHARS = 200_000;

function json(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_JSON_CHARS
    ? `${text.slice(0, MAX_JSON_CHARS)}\n… (${text.length - MAX_JSON_CHARS} more characters)`
    : text;
}

const JSONATA = /^\s*\{%[\s\S]*%\}\s*$/;

/** True for a small object of plain values, which reads better as a key/value list than as JSON. */
function isFlat(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 && entries.length <= 40 && entries.some(([, v]) => typeof v === 'string' && JSONATA.test(v))
  );
}

/** A field value: JSONata strings as expressions, other strings as text, objects as indented JSON. */
function Value({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const t = useT();
  if (typeof value === 'string') {
    if (JSONATA.test(value)) {
      return (
        <code className="ss-jsonata" title={t('details.jsonataExpr')}>
          <span className="ss-tag">JSONata</span> {jsonataText(value)}
        </code>
      );
    }
    return <code>{value}</code>;
  }
  if (value === null) return <code>null</code>;
  if (typeof value !== 'object') return <code>{String(value)}</code>;
  if (depth < 3 && isFlat(value)) {
    return (
      <dl className="ss-kv">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="ss-kv-row">
            <dt>{k}</dt>
            <dd>
              <Value value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  // Focusable, so a long value can be scrolled with the keyboard.
  return (
    <pre className="ss-json" tabIndex={0}>
      {json(value)}
    </pre>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="ss-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One row per field of the state's own definition that is present, in the order given. */
function FieldRows({ raw, keys }: { raw: Record<string, unknown>; keys: readonly string[] }) {
  return (
    <>
      {keys
        .filter((k) => raw[k] !== undefined)
        .map((k) => (
          <Row key={k} label={k}>
            <Value value={raw[k]} />
          </Row>
        ))}
    </>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="ss-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A Task's time limits. */
const TASK_TIMING = ['TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath'] as const;
/** A Map's item source, batching, output and limits. */
const MAP_FIELDS = [
  'ItemsPath',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
] as const;
const DATA_FLOW = ['InputPath', 'Parameters', 'ItemSelector', 'ResultSelector', 'ResultPath', 'OutputPath'];
const JSONATA_FIELDS = ['Arguments', 'Output', 'Assign', 'Items'];
/** Fields of the simple states that get their own section, by state type. */
const OWN_FIELDS: Partial<Record<GraphState['type'], { title: MessageKey; keys: string[] }>> = {
  Wait: { title: 'details.waitsFor', keys: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'] },
  Fail: { title: 'details.failsWith', keys: ['Error', 'ErrorPath', 'Cause', 'CausePath'] },
  Pass: { title: 'details.result', keys: ['Result'] },
};

const SHOWN = new Set([
  ...Object.values(OWN_FIELDS).flatMap((f) => f!.keys),
  'Type',
  'Comment',
  'Resource',
  'Next',
  'End',
  'QueryLanguage',
  'TimeoutSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSeconds',
  'HeartbeatSecondsPath',
  'Retry',
  'Catch',
  'Choices',
  'Default',
  'Branches',
  'ItemProcessor',
  'Iterator',
  'ProcessorConfig',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'Label',
  'ItemsPath',
  ...DATA_FLOW,
  ...JSONATA_FIELDS,
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function StateDetails({ state, problems }: { state: GraphState; problems: Problems | null }) {
  const raw = state.raw;
  const has = (key: string) => raw[key] !== undefined;
  const others = Object.keys(raw).filter((k) => !SHOWN.has(k));
  const choices = Array.isArray(raw.Choices) ? raw.Choices : [];
  const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
  const processor = isObject(raw.ItemProcessor) ? raw.ItemProcessor : isObject(raw.Iterator) ? raw.Iterator : null;
  const processorConfig = processor && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : null;
  const t = useT();

  return (
    <div className="ss-details-body">
      <h2 className="ss-details-title" data-testid="state-name">
        {state.name}
      </h2>
      <dl className="ss-fields">
        <Row label="Type" testId="state-type">
          {state.type}
          {state.map?.mode === 'DISTRIBUTED' ? ' (Distributed)' : ''}
        </Row>
        <Row label={t('details.queryLanguage')}>{state.queryLanguage}</Row>
        {state.comment ? <Row label="Comment">{state.comment}</Row> : null}
        {state.isStart ? (
          <Row label={t('details.start')}>
            {state.parent ? t('details.runsFirstIn', { parent: state.parent }) : t('details.runsFirst')}
          </Row>
        ) : null}
        {has('Next') ? (
          <Row label="Next">
            <code>{String(raw.Next)}</code>
          </Row>
        ) : null}
        {state.isEnd ? <Row label="End">{t('details.endsPath')}</Row> : null}
        {state.parent ? (
          <Row label={t('details.inside')}>
            {state.parent}
            {state.branch !== null ? ` (${t('details.branchN', { n: state.branch + 1 })})` : ''}
          </Row>
        ) : null}
      </dl>

      {problems && problems.messages.length ? (
        <Section title={t('details.problems')} testId="details-problems">
          <ul className="ss-list">
            {problems.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </Section>
      ) : null}

      {OWN_FIELDS[state.type] && OWN_FIELDS[state.type]!.keys.some(has) ? (
        <Section title={t(OWN_FIELDS[state.type]!.title)} testId={`details-${state.type.toLowerCase()}`}>
          <dl className="ss-fields">
            <FieldRows raw={raw} keys={OWN_FIELDS[state.type]!.keys} />
          </dl>
        </Section>
      ) : null}

      {state.type === 'Task' ? (
        <Section title={t('details.calls')} testId="details-task">
          <dl className="ss-fields">
            {has('Resource') ? (
              <Row label="Resource" testId="state-resource">
                <Value value={raw.Resource} />
              </Row>
            ) : null}
            {state.integration ? (
              <>
                <Row label={t('details.integration')}>
                  {state.integration.label}
                  {state.integration.sdk ? ' (AWS SDK)' : ''}
                </Row>
                <Row label={t('details.pattern')}>{patternLabel(state.integration.pattern)}</Row>
              </>
            ) : null}
            <FieldRows raw={raw} keys={TASK_TIMING} />
          </dl>
        </Section>
      ) : null}

      {DATA_FLOW.some(has) || JSONATA_FIELDS.some(has) ? (
        <Section title={t('details.dataFlow')} testId="details-data">
          <dl className="ss-fields">
            <FieldRows raw={raw} keys={[...DATA_FLOW, ...JSONATA_FIELDS]} />
          </dl>
        </Section>
      ) : null}

      {state.retry.length ? (
        <Section title="Retry" testId="retry-table">
          <Table
            headers={[
              t('details.errors'),
              t('details.interval'),
              t('details.attempts'),
              t('details.backoff'),
              t('details.maxDelay'),
              t('details.jitter'),
            ]}
            rows={state.retry.map((r) => ({
              title: r.comment,
              cells: [
                r.errorEquals.join(', '),
                `${r.intervalSeconds}s`,
                r.maxAttempts,
                `×${r.backoffRate}`,
                r.maxDelaySeconds !== undefined ? `${r.maxDelaySeconds}s` : '—',
                r.jitterStrategy ?? '—',
              ],
            }))}
          />
        </Section>
      ) : null}

      {state.catch.length ? (
        <Section title="Catch" testId="catch-table">
          <Table
            headers={[t('details.errors'), 'Next', t('details.resultPath')]}
            rows={state.catch.map((c) => ({
              title: c.comment,
              cells: [
                c.errorEquals.join(', '),
                c.next,
                c.resultPath === undefined ? '—' : c.resultPath === null ? 'null (discard)' : c.resultPath,
              ],
            }))}
          />
        </Section>
      ) : null}

      {state.type === 'Choice' ? (
        <Section title={t('details.rules')} testId="choice-rules">
          <ol className="ss-list ss-rules">
            {choices.map((c, i) => (
              <li key={i}>
                <code>{choiceRuleText(c)}</code> → <strong>{isObject(c) ? String(c.Next ?? '?') : '?'}</strong>
                {isObject(c) && c.Comment ? <span className="ss-dim"> ({String(c.Comment)})</span> : null}
              </li>
            ))}
          </ol>
          <p>
            {t('details.otherwise')}{' '}
            {raw.Default !== undefined ? <strong>{String(raw.Default)}</strong> : <span>{t('details.noMatch')}</span>}
          </p>
        </Section>
      ) : null}

      {state.type === 'Map' ? (
        <Section title={state.map?.mode === 'DISTRIBUTED' ? 'Distributed Map' : 'Map'} testId="details-map">
          <dl className="ss-fields">
            <Row label={t('details.mode')}>{state.map?.mode ?? 'INLINE'}</Row>
            {state.map?.executionType ? (
              <Row label={t('details.childExecutions')}>{state.map.executionType}</Row>
            ) : null}
            {state.map?.legacyIterator ? <Row label={t('details.processor')}>{t('details.legacyIterator')}</Row> : null}
            {processor && typeof processor.StartAt === 'string' ? (
              <Row label={t('details.startsAt')}>{processor.StartAt}</Row>
            ) : null}
            {processorConfig ? (
              <Row label="ProcessorConfig">
                <Value value={processorConfig} />
              </Row>
            ) : null}
            <FieldRows raw={raw} keys={MAP_FIELDS} />
          </dl>
        </Section>
      ) : null}

      {state.type === 'Parallel' ? (
        <Section title={t('details.branches', { count: branches.length })} testId="details-branches">
          <ol className="ss-list">
            {branches.map((b, i) => {
              const names = isObject(b) && isObject(b.States) ? Object.keys(b.States) : [];
              return (
                <li key={i}>
                  {t('details.branchLine', {
                    start: isObject(b) ? String(b.StartAt ?? '?') : '?',
                    count: names.length,
                  })}
                </li>
              );
            })}
          </ol>
        </Section>
      ) : null}

      {others.length ? (
        <Section title={t('details.otherFields')} testId="details-other">
          <dl className="ss-fields">
            {others.map((k) => (
              <Row key={k} label={k}>
                <Value value={raw[k]} />
              </Row>
            ))}
          </dl>
        </Section>
      ) : null}

      <details className="ss-section ss-raw">
        <summary>{t('details.rawJson')}</summary>
        <pre className="ss-json" data-testid="raw-json" tabIndex={0}>
          {json(raw)}
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

/** A plain table of text cells (Retry and Catch lists): one place for the markup and its styling. */
function Table({ headers, rows }: { headers: string[]; rows: { title?: string; cells: (string | number)[] }[] }) {
  return (
    <table className="ss-table">
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i} title={row.title}>
            {row.cells.map((cell, j) => (
              <td key={j}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
