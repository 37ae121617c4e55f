/**
 * A small button that copies a value (a state name, an ARN, a JSON definition) to the clipboard and says so
 * beside it for a moment ("Copied", announced to screen readers too). A plain button, so Tab reaches it and
 * Enter or Space copies.
 */
import { useEffect, useState } from 'react';
import { copyText } from '../app/clipboard.ts';
import { useT } from '../i18n/index.ts';
import './details.css';

/** How long the confirmation stays. */
export const COPIED_MS = 1500;

export function CopyButton({
  text,
  label,
  title,
  testId,
}: {
  text: string;
  /** The button's text ("Copy ARN"). */
  label: string;
  /** What is copied, for the tooltip (and screen readers' description; the name stays the visible label). */
  title: string;
  testId?: string;
}) {
  const t = useT();
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), COPIED_MS);
    return () => clearTimeout(timer);
  }, [outcome]);
  return (
    <span className="ss-copy">
      <button
        type="button"
        className="ss-copy-button"
        title={title}
        data-testid={testId}
        onClick={() => void copyText(text).then((ok) => setOutcome(ok ? 'copied' : 'failed'))}
      >
        {label}
      </button>
      <span className={`ss-copy-note${outcome === 'failed' ? ' is-failed' : ''}`} role="status" aria-live="polite">
        {outcome === 'copied' ? t('details.copied') : outcome === 'failed' ? t('details.copyFailed') : ''}
      </span>
    </span>
  );
}
