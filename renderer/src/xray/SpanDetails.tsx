/**
 * Details of one segment or subsegment, in the X-Ray console's tabs: Overview, Resources, Annotations,
 * Metadata, Exceptions, SQL, and the Raw JSON of the document. Every value is rendered as text.
 */
import { useState } from 'react';
import { findException, rawSegment } from '../../../shared/xray/trace.ts';
import type { Span, Trace, XrayException } from '../../../shared/xray/types.ts';
import { useT, type MessageKey } from '../i18n/index.ts';
import { formatMs, formatTime } from './view-model.ts';

const TABS = ['Overview', 'Resources', 'Annotations', 'Metadata', 'Exceptions', 'SQL', 'Raw JSON'] as const;
/** The details tabs, in the X-Ray console's order. */
export type SpanDetailsTab = (typeof TABS)[number];
type Tab = SpanDetailsTab;
const TAB_LABEL: Record<Tab, MessageKey> = {
  Overview: 'xray.details.tab.overview',
  Resources: 'xray.details.tab.resources',
  Annotations: 'xray.details.tab.annotations',
  Metadata: 'xray.details.tab.metadata',
  Exceptions: 'xray.details.tab.exceptions',
  SQL: 'xray.details.tab.sql',
  'Raw JSON': 'xray.details.tab.raw',
};
type T = ReturnType<typeof useT>;

const RAW_LIMIT = 200_000;

/** JSON text for display; absurdly deep documents (stack overflow in JSON.stringify) get a message instead. */
function pretty(value: unknown, t: T): string {
  try {
    return JSON.stringify(value, null, 2) ?? '';
  } catch (error) {
    return t('xray.details.cannotShow', { message: (error as Error).message });
  }
}

/** A key/value table; keys are either message keys (labels of ours) or the document's own field names. */
function Table({ rows, labels = false }: { rows: [string, unknown][]; labels?: boolean }) {
  const t = useT();
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (shown.length === 0) return <p className="xr-dim">{t('xray.details.nothing')}</p>;
  return (
    <table className="xr-kv">
      <tbody>
        {shown.map(([k, v]) => (
          <tr key={k}>
            <th translate={labels ? undefined : 'no'}>{labels ? t(k as MessageKey) : k}</th>
            <td translate="no">
              {typeof v === 'object' ? pretty(v, t) : v === true ? t('xray.details.yes') : String(v)}
            </td>
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
  const t = useT();
  const list: XrayException[] = [...span.exceptions];
  if (span.causeRef) {
    const ref = findException(trace, span.causeRef);
    if (ref) list.push(ref);
  }
  if (list.length === 0) {
    return (
      <p className="xr-dim">
        {span.causeRef ? t('xray.details.causeMissing', { id: span.causeRef }) : t('xray.details.noExceptions')}
      </p>
    );
  }
  return (
    <div className="xr-exceptions">
      {list.map((e, i) => (
        <div key={`${e.id}-${i}`} className="xr-exception">
          <div>
            <strong translate={e.type ? 'no' : undefined}>{e.type ?? t('xray.details.exception')}</strong>
            {e.remote ? <span className="xr-badge">{t('xray.details.remote')}</span> : null}
          </div>
          {e.message && (
            <div className="xr-exception-message" translate="no">
              {e.message}
            </div>
          )}
          {e.stack.length > 0 && (
            <pre className="xr-stack">
              <span translate="no">
                {e.stack
                  .map((f) => `at ${f.label ?? '?'} (${f.path ?? '?'}${f.line !== undefined ? `:${f.line}` : ''})`)
                  .join('\n')}
              </span>
              {e.truncated ? `\n${t('xray.details.moreFrames', { count: e.truncated })}` : ''}
            </pre>
          )}
          {e.cause && <div className="xr-dim">{t('xray.details.causedBy', { id: e.cause })}</div>}
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
  const t = useT();
  const [tab, setTab] = useState<Tab>(initialTab);
  const s = trace.spans[index];
  if (!s) return null;
  const owner = trace.spans[s.segment];
  const kindLabel = t(
    s.kind === 'inferred'
      ? s.synthetic
        ? 'xray.details.kind.synthetic'
        : 'xray.details.kind.inferred'
      : s.kind === 'segment'
        ? 'xray.details.kind.segment'
        : 'xray.details.kind.subsegment',
  );
  const flags = [
    s.orphan && t('xray.details.flag.orphan'),
    s.cycle && t('xray.details.flag.cycle'),
    s.skew && t('xray.details.flag.skew'),
  ].filter(Boolean);
  let raw = '';
  if (tab === 'Raw JSON') {
    const doc = rawSegment(trace, index);
    raw = doc === undefined ? t('xray.details.unavailable') : pretty(doc, t);
    if (raw.length > RAW_LIMIT)
      raw = `${raw.slice(0, RAW_LIMIT)}\n${t('xray.details.moreChars', { count: raw.length - RAW_LIMIT })}`;
  }
  const resources: [string, unknown][] = [];
  flatten('', s.aws ?? {}, resources);
  return (
    <section className="xr-details" data-testid="xray-span-details" aria-label={t('xray.details.aria')}>
      <header className="xr-details-head">
        <div>
          <div className="xr-details-title" data-testid="xray-details-title" translate={s.name ? 'no' : undefined}>
            {s.name || t('xray.tl.noName')}
          </div>
          <div className="xr-dim">
            {kindLabel}
            <span translate="no">
              {s.origin ? ` · ${s.origin}` : ''}
              {s.namespace ? ` · ${s.namespace}` : ''}
            </span>
          </div>
        </div>
        {onClose && (
          <button className="xr-button" onClick={onClose} aria-label={t('xray.details.close')}>
            ×
          </button>
        )}
      </header>
      <nav className="xr-tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            role="tab"
            aria-selected={name === tab}
            className={name === tab ? 'xr-tab xr-active' : 'xr-tab'}
            data-testid={`xray-details-tab-${name.replace(' ', '-').toLowerCase()}`}
            onClick={() => setTab(name)}
          >
            {t(TAB_LABEL[name])}
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
              labels
              rows={[
                ['xray.details.id', s.id],
                [
                  'xray.details.service',
                  owner && owner !== s ? `${owner.name}${owner.origin ? ` (${owner.origin})` : ''}` : undefined,
                ],
                ['xray.details.status', s.status],
                ['xray.details.start', formatTime(s.start)],
                ['xray.details.end', s.end !== undefined ? formatTime(s.end) : t('xray.tl.inProgress')],
                ['xray.details.duration', formatMs(s.durationMs)],
                ['xray.details.offset', formatMs((s.start - trace.start) * 1000)],
                ['xray.details.method', s.http.method],
                ['xray.details.url', s.http.url],
                ['xray.details.responseStatus', s.http.status],
                ['xray.details.contentLength', s.http.contentLength],
                ['xray.details.clientIp', s.http.clientIp],
                ['xray.details.userAgent', s.http.userAgent],
                ['xray.details.user', s.user],
                ['xray.details.resourceArn', s.resourceArn],
                ['xray.outcome.error', s.error || undefined],
                ['xray.outcome.fault', s.fault || undefined],
                ['xray.outcome.throttle', s.throttle || undefined],
              ]}
            />
          </>
        )}
        {tab === 'Resources' && <Table rows={resources} />}
        {tab === 'Annotations' && <Table rows={Object.entries(s.annotations ?? {})} />}
        {tab === 'Metadata' &&
          (s.metadata && Object.keys(s.metadata).length > 0 ? (
            <pre className="xr-json" translate="no">
              {pretty(s.metadata, t)}
            </pre>
          ) : (
            <p className="xr-dim">{t('xray.details.noMetadata')}</p>
          ))}
        {tab === 'Exceptions' && <Exceptions trace={trace} span={s} />}
        {tab === 'SQL' &&
          (s.sql ? (
            <>
              <Table rows={Object.entries(s.sql).filter(([k]) => k !== 'sanitized_query')} />
              {typeof s.sql.sanitized_query === 'string' && (
                <pre className="xr-json" translate="no">
                  {s.sql.sanitized_query}
                </pre>
              )}
            </>
          ) : (
            <p className="xr-dim">{t('xray.details.noSql')}</p>
          ))}
        {tab === 'Raw JSON' && (
          <pre className="xr-json" data-testid="xray-raw-json" translate="no">
            {raw}
          </pre>
        )}
      </div>
    </section>
  );
}
