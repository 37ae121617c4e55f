/**
 * Details of one segment or subsegment, in the X-Ray console's tabs: Overview, Resources, Annotations,
 * Metadata, Exceptions, SQL, and the Raw JSON of the document. Every value is rendered as text.
 */
import { useState } from 'react';
import { findException, rawSegment } from '../../../shared/xray/trace.ts';
import type { Span, Trace, XrayException } from '../../../shared/xray/types.ts';
import { formatMs, formatTime } from './view-model.ts';

const TABS = ['Overview', 'Resources', 'Annotations', 'Metadata', 'Exceptions', 'SQL', 'Raw JSON'] as const;
/** The details tabs, in the X-Ray console's order. */
export type SpanDetailsTab = (typeof TABS)[number];
type Tab = SpanDetailsTab;

const RAW_LIMIT = 200_000;

/** JSON text for display; absurdly deep documents (stack overflow in JSON.stringify) get a message instead. */
function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch (error) {
    return `(cannot show this document: ${(error as Error).message})`;
  }
}

function Table({ rows }: { rows: [string, unknown][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return <p className="xr-dim">Nothing recorded.</p>;
  return (
    <table className="xr-kv">
      <tbody>
        {shown.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{typeof v === 'object' ? pretty(v) : String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function flatten(prefix: string, value: unknown, out: [string, unknown][], depth = 0): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && depth < 4) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flatten(prefix ? `${prefix}.${k}` : k, v, out, depth + 1);
  } else out.push([prefix, value]);
}

function Exceptions({ trace, span }: { trace: Trace; span: Span }) {
  const list: XrayException[] = [...span.exceptions];
  if (span.causeRef) {
    const ref = findException(trace, span.causeRef);
    if (ref) list.push(ref);
  }
  if (list.length === 0) {
    return (
      <p className="xr-dim">{span.causeRef ? `Cause ${span.causeRef} is not in this trace.` : 'No exceptions.'}</p>
    );
  }
  return (
    <div className="xr-exceptions">
      {list.map((e, i) => (
        <div key={`${e.id}-${i}`} className="xr-exception">
          <div>
            <strong>{e.type ?? 'Exception'}</strong>
            {e.remote ? <span className="xr-badge">remote</span> : null}
          </div>
          {e.message && <div className="xr-exception-message">{e.message}</div>}
          {e.stack.length > 0 && (
            <pre className="xr-stack">
              {e.stack
                .map((f) => `at ${f.label ?? '?'} (${f.path ?? '?'}${f.line !== undefined ? `:${f.line}` : ''})`)
                .join('\n')}
              {e.truncated ? `\n… ${e.truncated} more frames` : ''}
            </pre>
          )}
          {e.cause && <div className="xr-dim">Caused by exception {e.cause}</div>}
        </div>
      ))}
    </div>
  );
}

export interface SpanDetailsProps {
  trace: Trace;
  span: number;
  onClose?: () => void;
  /** The tab shown first (Overview unless said otherwise). */
  initialTab?: SpanDetailsTab;
}

export function SpanDetails({ trace, span: index, onClose, initialTab = 'Overview' }: SpanDetailsProps) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const s = trace.spans[index];
  if (!s) return null;
  const owner = trace.spans[s.segment];
  const kindLabel =
    s.kind === 'inferred'
      ? s.synthetic
        ? 'Inferred (from the calling subsegment)'
        : 'Inferred segment'
      : s.kind === 'segment'
        ? 'Segment'
        : 'Subsegment';
  const flags = [
    s.orphan && 'orphan: its parent is not in the trace',
    s.cycle && 'parent cycle broken here',
    s.skew && 'clock skew: ends before it starts',
  ].filter(Boolean);
  let raw = '';
  if (tab === 'Raw JSON') {
    const doc = rawSegment(trace, index);
    raw =
      doc === undefined
        ? '(cannot show this document: it is not available, for example nested too deeply to keep as text)'
        : pretty(doc);
    if (raw.length > RAW_LIMIT) raw = `${raw.slice(0, RAW_LIMIT)}\n… (${raw.length - RAW_LIMIT} more characters)`;
  }
  const resources: [string, unknown][] = [];
  flatten('', s.aws ?? {}, resources);
  return (
    <section className="xr-details" data-testid="xray-span-details" aria-label="Segment details">
      <header className="xr-details-head">
        <div>
          <div className="xr-details-title" data-testid="xray-details-title">
            {s.name || '(no name)'}
          </div>
          <div className="xr-dim">
            {kindLabel}
            {s.origin ? ` · ${s.origin}` : ''}
            {s.namespace ? ` · ${s.namespace}` : ''}
          </div>
        </div>
        {onClose && (
          <button className="xr-button" onClick={onClose} aria-label="Close details">
            ×
          </button>
        )}
      </header>
      <nav className="xr-tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={t === tab}
            className={t === tab ? 'xr-tab xr-active' : 'xr-tab'}
            data-testid={`xray-details-tab-${t.replace(' ', '-').toLowerCase()}`}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </nav>
      <div className="xr-details-body" role="tabpanel">
        {tab === 'Overview' && (
          <>
            {flags.length > 0 && (
              <ul className="xr-warnings">
                {flags.map((f) => (
                  <li key={String(f)}>{f}</li>
                ))}
              </ul>
            )}
            <Table
              rows={[
                ['Id', s.id],
                [
                  'Service',
                  owner && owner !== s ? `${owner.name}${owner.origin ? ` (${owner.origin})` : ''}` : undefined,
                ],
                ['Status', s.status],
                ['Start', formatTime(s.start)],
                ['End', s.end !== undefined ? formatTime(s.end) : 'in progress'],
                ['Duration', formatMs(s.durationMs)],
                ['Offset from trace start', formatMs((s.start - trace.start) * 1000)],
                ['HTTP method', s.http.method],
                ['URL', s.http.url],
                ['Response status', s.http.status],
                ['Content length', s.http.contentLength],
                ['Client IP', s.http.clientIp],
                ['User agent', s.http.userAgent],
                ['User', s.user],
                ['Resource ARN', s.resourceArn],
                ['Error', s.error || undefined],
                ['Fault', s.fault || undefined],
                ['Throttle', s.throttle || undefined],
              ]}
            />
          </>
        )}
        {tab === 'Resources' && <Table rows={resources} />}
        {tab === 'Annotations' && <Table rows={Object.entries(s.annotations ?? {})} />}
        {tab === 'Metadata' &&
          (s.metadata && Object.keys(s.metadata).length > 0 ? (
            <pre className="xr-json">{pretty(s.metadata)}</pre>
          ) : (
            <p className="xr-dim">No metadata.</p>
          ))}
        {tab === 'Exceptions' && <Exceptions trace={trace} span={s} />}
        {tab === 'SQL' &&
          (s.sql ? (
            <>
              <Table rows={Object.entries(s.sql).filter(([k]) => k !== 'sanitized_query')} />
              {typeof s.sql.sanitized_query === 'string' && <pre className="xr-json">{s.sql.sanitized_query}</pre>}
            </>
          ) : (
            <p className="xr-dim">No SQL query recorded.</p>
          ))}
        {tab === 'Raw JSON' && (
          <pre className="xr-json" data-testid="xray-raw-json">
            {raw}
          </pre>
        )}
      </div>
    </section>
  );
}
