/**
 * The building blocks of the details panel: a field value (JSONata strings as expressions, small objects as a
 * key/value list, the rest as indented JSON), labelled rows, sections and plain tables.
 */
import type { ReactNode } from 'react';
import { jsonataText } from '../../../shared/asl/choice-label.ts';
import { translate, useT, type Lang } from '../i18n/index.ts';
import { CopyButton } from './CopyButton.tsx';

const MAX_JSON_CHARS = 200_000;

export function json(value: unknown, lang: Lang = 'en'): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_JSON_CHARS
    ? `${text.slice(0, MAX_JSON_CHARS)}\n… ${translate(lang, 'details.moreChars', { count: text.length - MAX_JSON_CHARS })}`
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
export function Value({ value, depth = 0 }: { value: unknown; depth?: number }) {
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

export function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="ss-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One row per field of the state's own definition that is present, in the order given; `copy` fields get a button. */
export function FieldRows({
  raw,
  keys,
  copy = [],
}: {
  raw: Record<string, unknown>;
  keys: readonly string[];
  copy?: readonly string[];
}) {
  const t = useT();
  return (
    <>
      {keys
        .filter((k) => raw[k] !== undefined)
        .map((k) => (
          <Row key={k} label={k}>
            <Value value={raw[k]} />
            {copy.includes(k) ? (
              <CopyButton
                text={typeof raw[k] === 'string' ? raw[k] : json(raw[k])}
                label={t('details.copyJson')}
                title={t('details.copyFieldTitle', { field: k })}
                testId={`copy-field-${k}`}
              />
            ) : null}
          </Row>
        ))}
    </>
  );
}

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="ss-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** A plain table of text cells (Retry and Catch lists): one place for the markup and its styling. */
export function Table({
  headers,
  rows,
}: {
  headers: string[];
  rows: { title?: string; cells: (string | number)[] }[];
}) {
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
