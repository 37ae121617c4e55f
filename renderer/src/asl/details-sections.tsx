/**
 * The sections of a state's details, one component each: the header fields, its own fields (Wait, Fail, Pass),
 * what a Task calls, its data flow, Retry and Catch tables, Choice rules as text, Map and Parallel configuration,
 * and every other field, so nothing in the definition is hidden.
 */
import type { GraphState } from '../../../shared/asl/types.ts';
import { choiceRuleText } from '../../../shared/asl/choice-label.ts';
import { MAP_CONFIGURATION_FIELDS } from '../../../shared/asl/state-fields.ts';
import { isRecord } from '../../../shared/asl/walk.ts';
import { useContext } from 'react';
import { LangContext, useT, type MessageKey } from '../i18n/index.ts';
import { patternLabel } from './nodes.tsx';
import { CopyButton } from './CopyButton.tsx';
import { FieldRows, Row, Section, Table, Value } from './details-values.tsx';

/** A Task's time limits. */
export const TASK_TIMING = [
  'TimeoutSeconds',
  'TimeoutSecondsPath',
  'HeartbeatSeconds',
  'HeartbeatSecondsPath',
] as const;
/** A Map's item source, batching, output and limits. */
export const MAP_FIELDS = MAP_CONFIGURATION_FIELDS;
export const DATA_FLOW = ['InputPath', 'Parameters', 'ItemSelector', 'ResultSelector', 'ResultPath', 'OutputPath'];
export const JSONATA_FIELDS = ['Arguments', 'Output', 'Assign', 'Items'];
/** Fields of the simple states that get their own section, by state type. */
export const OWN_FIELDS: Partial<Record<GraphState['type'], { title: MessageKey; keys: string[] }>> = {
  Wait: { title: 'details.waitsFor', keys: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'] },
  Fail: { title: 'details.failsWith', keys: ['Error', 'ErrorPath', 'Cause', 'CausePath'] },
  Pass: { title: 'details.result', keys: ['Result'] },
};

/** Fields shown in a section of their own; every other field goes under "Other fields". */
export const SHOWN = new Set<string>([
  ...Object.values(OWN_FIELDS).flatMap((f) => f!.keys),
  'Type',
  'Comment',
  'Resource',
  'Next',
  'End',
  'QueryLanguage',
  ...TASK_TIMING,
  'Retry',
  'Catch',
  'Choices',
  'Default',
  'Branches',
  'ItemProcessor',
  'Iterator',
  'ProcessorConfig',
  ...MAP_FIELDS,
  ...DATA_FLOW,
  ...JSONATA_FIELDS,
]);

type Raw = Record<string, unknown>;

/** Name-independent facts at the top: type, query language, comment, start, next, end, parent. */
export function HeaderFields({ state }: { state: GraphState }) {
  const t = useT();
  const raw = state.raw;
  return (
    <dl className="ss-fields">
      <Row label="Type" testId="state-type">
        {state.type}
        {state.map?.mode === 'DISTRIBUTED' ? ` (${t('details.distributed')})` : ''}
      </Row>
      <Row label={t('details.queryLanguage')}>{state.queryLanguage}</Row>
      {state.comment ? <Row label="Comment">{state.comment}</Row> : null}
      {state.isStart ? (
        <Row label={t('details.start')}>
          {state.parent ? t('details.runsFirstIn', { parent: state.parent }) : t('details.runsFirst')}
        </Row>
      ) : null}
      {raw.Next !== undefined ? (
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
  );
}

/** Wait, Fail and Pass: the fields that say what the state does. */
export function OwnFieldsSection({ state }: { state: GraphState }) {
  const t = useT();
  const own = OWN_FIELDS[state.type];
  if (!own || !own.keys.some((k) => state.raw[k] !== undefined)) return null;
  return (
    <Section title={t(own.title)} testId={`details-${state.type.toLowerCase()}`}>
      <dl className="ss-fields">
        <FieldRows raw={state.raw} keys={own.keys} />
      </dl>
    </Section>
  );
}

/** What a Task calls: its resource, the integration and pattern, and its time limits. */
export function TaskSection({ state }: { state: GraphState }) {
  const t = useT();
  const lang = useContext(LangContext);
  if (state.type !== 'Task') return null;
  const raw = state.raw;
  return (
    <Section title={t('details.calls')} testId="details-task">
      <dl className="ss-fields">
        {raw.Resource !== undefined ? (
          <Row label="Resource" testId="state-resource">
            <Value value={raw.Resource} />
            {typeof raw.Resource === 'string' ? (
              <CopyButton
                text={raw.Resource}
                label={t('details.copyArn')}
                title={t('details.copyArnTitle')}
                testId="copy-resource"
              />
            ) : null}
          </Row>
        ) : null}
        {state.integration ? (
          <>
            <Row label={t('details.integration')}>
              {state.integration.label}
              {state.integration.sdk ? ` (${t('details.awsSdk')})` : ''}
            </Row>
            <Row label={t('details.pattern')}>{patternLabel(state.integration.pattern, lang)}</Row>
          </>
        ) : null}
        <FieldRows raw={raw} keys={TASK_TIMING} />
      </dl>
    </Section>
  );
}

/** The data-flow fields (JSONPath and JSONata), in the order they apply. */
export function DataFlowSection({ raw }: { raw: Raw }) {
  const t = useT();
  const keys = [...DATA_FLOW, ...JSONATA_FIELDS];
  if (!keys.some((k) => raw[k] !== undefined)) return null;
  return (
    <Section title={t('details.dataFlow')} testId="details-data">
      <dl className="ss-fields">
        <FieldRows raw={raw} keys={keys} copy={COPYABLE} />
      </dl>
    </Section>
  );
}

/** Data-flow fields offered for copying as JSON (the payload a Task sends). */
const COPYABLE = ['Parameters', 'Arguments', 'ItemSelector', 'ResultSelector', 'Output', 'Assign'];

/** Retry and Catch as tables. */
export function ErrorHandlingSections({ state }: { state: GraphState }) {
  const t = useT();
  return (
    <>
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
                c.resultPath === undefined ? '—' : c.resultPath === null ? t('details.discard') : c.resultPath,
              ],
            }))}
          />
        </Section>
      ) : null}
    </>
  );
}

/** A Choice's rules as text, each with its target, and what happens when none matches. */
export function ChoiceSection({ state }: { state: GraphState }) {
  const t = useT();
  if (state.type !== 'Choice') return null;
  const raw = state.raw;
  const choices = Array.isArray(raw.Choices) ? raw.Choices : [];
  return (
    <Section title={t('details.rules')} testId="choice-rules">
      <ol className="ss-list ss-rules">
        {choices.map((c, i) => (
          <li key={i}>
            <code>{choiceRuleText(c)}</code> → <strong>{isRecord(c) ? String(c.Next ?? '?') : '?'}</strong>
            {isRecord(c) && c.Comment ? <span className="ss-dim"> ({String(c.Comment)})</span> : null}
          </li>
        ))}
      </ol>
      <p>
        {t('details.otherwise')}{' '}
        {raw.Default !== undefined ? <strong>{String(raw.Default)}</strong> : <span>{t('details.noMatch')}</span>}
      </p>
    </Section>
  );
}

/** A Map's mode, processor, item source, batching, output and limits. */
export function MapSection({ state }: { state: GraphState }) {
  const t = useT();
  if (state.type !== 'Map') return null;
  const raw = state.raw;
  const processor = isRecord(raw.ItemProcessor) ? raw.ItemProcessor : isRecord(raw.Iterator) ? raw.Iterator : null;
  const processorConfig = processor && isRecord(processor.ProcessorConfig) ? processor.ProcessorConfig : null;
  return (
    <Section title={state.map?.mode === 'DISTRIBUTED' ? 'Distributed Map' : 'Map'} testId="details-map">
      <dl className="ss-fields">
        <Row label={t('details.mode')}>{state.map?.mode ?? 'INLINE'}</Row>
        {state.map?.executionType ? <Row label={t('details.childExecutions')}>{state.map.executionType}</Row> : null}
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
  );
}

/** A Parallel's branches: where each starts and how many states it has. */
export function ParallelSection({ state }: { state: GraphState }) {
  const t = useT();
  if (state.type !== 'Parallel') return null;
  const branches = Array.isArray(state.raw.Branches) ? state.raw.Branches : [];
  return (
    <Section title={t('details.branches', { count: branches.length })} testId="details-branches">
      <ol className="ss-list">
        {branches.map((b, i) => {
          const names = isRecord(b) && isRecord(b.States) ? Object.keys(b.States) : [];
          return (
            <li key={i}>
              {t('details.branchLine', {
                start: isRecord(b) ? String(b.StartAt ?? '?') : '?',
                count: names.length,
              })}
            </li>
          );
        })}
      </ol>
    </Section>
  );
}

/** Every field not shown in a section above. */
export function OtherFieldsSection({ raw }: { raw: Raw }) {
  const t = useT();
  const others = Object.keys(raw).filter((k) => !SHOWN.has(k));
  if (!others.length) return null;
  return (
    <Section title={t('details.otherFields')} testId="details-other">
      <dl className="ss-fields">
        {others.map((k) => (
          <Row key={k} label={k}>
            <Value value={raw[k]} />
          </Row>
        ))}
      </dl>
    </Section>
  );
}
