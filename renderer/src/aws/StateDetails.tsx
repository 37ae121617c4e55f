/** The selected state of an execution: its Lambda, input, parameters, output, error and cause, each with Copy. */
import type { AwsExecutionHistory, HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import type { StateRun } from '../../../shared/sfn/history.ts';
import type { Lang } from '../i18n/index.ts';
import type { T } from './common.tsx';
import { CopyButton } from './CopyButton.tsx';
import { eventDetails, lambdaOf } from './executions.ts';
import { runStatusLabel } from './model.ts';

/** JSON (or a JSON string) printed with indentation; other text as it is. */
export function pretty(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** A labelled block (input, output, error…) with its Copy button. */
export function CopyField({
  label,
  value,
  t,
  testId,
  tone,
}: {
  label: string;
  value: string;
  t: T;
  testId: string;
  tone?: 'bad';
}) {
  return (
    <section className="aws-field" data-testid={testId}>
      <div className="aws-field-head">
        <strong>{label}</strong>
        <CopyButton text={value} what={label} t={t} />
      </div>
      <pre className={`aws-json${tone ? ' aws-tone-bad' : ''}`}>
        {value.length > 50_000 ? `${value.slice(0, 50_000)}\n…` : value}
      </pre>
    </section>
  );
}

/** The parameters the task was called with (after InputPath/Parameters/Arguments), from its scheduled event. */
function parametersOf(run: StateRun, events: HistoryEvent[]): unknown {
  if (run.enteredEventId === undefined) return undefined;
  const last = run.exitedEventId ?? Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.id <= run.enteredEventId || e.id > last) continue;
    const d = eventDetails(e);
    if (d && d.parameters !== undefined && /Scheduled$/.test(e.type)) return d.parameters;
  }
  return undefined;
}

export function StateDetails({
  name,
  history,
  lang,
  t,
}: {
  name: string;
  history: AwsExecutionHistory;
  lang: Lang;
  t: T;
}) {
  const runs = history.report.runs.filter((r) => r.name === name);
  const run = runs[runs.length - 1];
  if (!run) return null;
  const params = parametersOf(run, history.events);
  const lambda = lambdaOf(params);
  return (
    <div className="aws-state-details" data-testid="aws-state-details">
      <h4 className="aws-subtitle">
        {name} <span className={`aws-badge is-${run.status}`}>{runStatusLabel(run.status, lang)}</span>{' '}
        {runs.length > 1 ? `(${runs.length})` : ''}
      </h4>
      {lambda ? <CopyField label={t('aws.exec.lambda')} value={lambda} t={t} testId="aws-state-lambda" /> : null}
      {run.input !== undefined ? (
        <CopyField label={t('exec.input')} value={pretty(run.input)} t={t} testId="aws-state-input" />
      ) : null}
      {params !== undefined ? (
        <CopyField label={t('aws.exec.parameters')} value={pretty(params)} t={t} testId="aws-state-parameters" />
      ) : null}
      {run.output !== undefined ? (
        <CopyField label={t('exec.output')} value={pretty(run.output)} t={t} testId="aws-state-output" />
      ) : null}
      {run.error !== undefined ? (
        <CopyField label={t('exec.error')} value={run.error} t={t} testId="aws-state-error" tone="bad" />
      ) : null}
      {run.cause !== undefined ? (
        <CopyField label={t('exec.cause')} value={pretty(run.cause)} t={t} testId="aws-state-cause" tone="bad" />
      ) : null}
    </div>
  );
}
