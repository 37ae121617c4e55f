/**
 * A Copy button for an id, an ARN or a JSON block: it says "Copied" for two seconds once the text is on the
 * clipboard (and "Copy failed" when the browser refuses), and announces it to screen readers. A plain button, so
 * Tab reaches it and Enter or Space press it.
 */
import { useEffect, useRef, useState } from 'react';
import { copyText } from '../app/clipboard.ts';
import type { T } from './common.tsx';

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
        onClick={() => void copyText(text).then((ok) => show(ok ? 'done' : 'failed'))}
      >
        {state === 'done' ? `✓ ${t('aws.exec.copied')}` : state === 'failed' ? t('aws.copyFailed') : t('aws.exec.copy')}
      </button>
      <span className="aws-sr-only" role="status" aria-live="polite">
        {state === 'done' ? t('aws.copiedWhat', { what }) : state === 'failed' ? t('aws.copyFailedWhat', { what }) : ''}
      </span>
    </>
  );
}
