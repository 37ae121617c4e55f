/**
 * A Copy button for an id, an ARN or a JSON block: it says "Copied" for two seconds once the text is on the
 * clipboard (and "Copy failed" when the browser refuses), and announces it to screen readers. A plain button, so
 * Tab reaches it and Enter or Space press it.
 */
import { useEffect, useRef, useState } from 'react';
import type { T } from './common.tsx';

/** Puts `text` on the clipboard: the Clipboard API, else the older copy command on a hidden text area. */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser refused to copy.');
}

export function CopyButton({ text, what, t, testId }: { text: string; what: string; t: T; testId?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (next: 'done' | 'failed') => {
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2_000);
  };
  return (
    <>
      <button
        type="button"
        className={`aws-button aws-small aws-copy${state === 'done' ? ' is-copied' : ''}`}
        aria-label={t('aws.copyWhat', { what })}
        title={t('aws.copyWhat', { what })}
        data-testid={testId}
        data-copied={state === 'done' ? 'true' : undefined}
        onClick={() =>
          void copyText(text).then(
            () => show('done'),
            () => show('failed'),
          )
        }
      >
        {state === 'done' ? `✓ ${t('aws.exec.copied')}` : state === 'failed' ? t('aws.copyFailed') : t('aws.exec.copy')}
      </button>
      <span className="aws-sr-only" role="status" aria-live="polite">
        {state === 'done' ? t('aws.copiedWhat', { what }) : state === 'failed' ? t('aws.copyFailedWhat', { what }) : ''}
      </span>
    </>
  );
}
