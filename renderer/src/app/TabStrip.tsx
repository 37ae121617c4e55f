/**
 * The tab strip and the one message that lists files that could not be opened.
 */
import { useEffect } from 'react';
import { isDirty } from '../editor/store.ts';
import { useT } from '../i18n/index.ts';
import type { Dispatcher } from './dispatcher.ts';
import type { DocumentTab } from './documents.ts';
import type { AppState, OpenError } from './store.ts';

export function TabStrip({
  dispatcher,
  state,
  tabTitle,
}: {
  dispatcher: Dispatcher;
  state: AppState;
  tabTitle: (tab: DocumentTab) => string;
}) {
  const t = useT();
  const { tabs, activeId, overlays } = state;
  // A newly opened (or picked) tab is scrolled into the strip's view. A lone tab is in view already: scrolling
  // to it would only force a layout of the whole window before the first graph's first frame.
  // In the next animation frame, when the page is laid out for that frame anyway: run in the effect, the scroll
  // forced a layout of the whole page in the middle of start-up, before the graph's nodes were even rendered.
  useEffect(() => {
    if (tabs.length <= 1) return;
    const frame = requestAnimationFrame(() =>
      document.querySelector('.ss-tab.is-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }),
    );
    return () => cancelAnimationFrame(frame);
  }, [activeId, tabs.length]);
  const active = tabs.find((x) => x.id === activeId) ?? tabs[0]!;
  return (
    <nav className="ss-tabs" role="tablist" data-testid="tabs">
      {tabs.map((x) => (
        <div
          key={x.id}
          role="presentation"
          className={`ss-tab${x.id === active.id ? ' is-active' : ''}${x.kind === 'unreadable' ? ' is-bad' : ''}`}
          data-testid="tab"
          data-tab-kind={x.kind}
          title={x.kind === 'asl' ? x.source.path : x.kind === 'unreadable' ? x.path : undefined}
        >
          <button
            type="button"
            role="tab"
            aria-selected={x.id === active.id}
            aria-controls="ss-main"
            className="ss-tab-label"
            onClick={() => dispatcher.activate(x.id)}
            onKeyDown={(e) => {
              // Delete closes the tab from the keyboard (the × beside it is for the mouse).
              if (e.key === 'Delete' && x.kind !== 'welcome') {
                e.preventDefault();
                dispatcher.closeTab(x.id);
              }
            }}
          >
            {x.kind === 'xray' ? `${t('tab.xray')}: ` : ''}
            {tabTitle(x)}
            {x.kind === 'asl' && overlays[x.id] ? (
              <span className="ss-tab-overlay" data-testid="overlay-marker" title={t('tab.overlay')}>
                {' ▸'}
              </span>
            ) : null}
            {x.kind === 'asl' && isDirty(x.id) ? (
              <span className="ss-dirty" data-testid="dirty-marker" title={t('tab.unsaved')}>
                {' ●'}
              </span>
            ) : null}
          </button>
          {x.kind !== 'welcome' ? (
            // Not a button: a tablist may hold only tabs, and the keyboard closes a tab with Delete (or Ctrl+W).
            <span
              className="ss-tab-close"
              aria-hidden="true"
              title={t('app.close', { name: tabTitle(x) })}
              onClick={() => dispatcher.closeTab(x.id)}
            >
              ×
            </span>
          ) : null}
        </div>
      ))}
    </nav>
  );
}

export function OpenErrors({ errors, onDismiss }: { errors: readonly OpenError[]; onDismiss: () => void }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div className="ss-open-errors" role="alert" data-testid="open-errors">
      {errors.length === 1 ? (
        <span>
          <strong>{t('app.cannotOpen', { name: errors[0]!.name })}</strong>:{' '}
          <span data-testid="fatal-message">{errors[0]!.message}</span>
        </span>
      ) : (
        <details>
          <summary>
            <strong>{t('app.cannotOpenMany', { count: errors.length })}</strong>
          </summary>
          <ul>
            {errors.map((e) => (
              <li key={e.path} title={e.path}>
                <strong>{e.name}</strong>: <span data-testid="fatal-message">{e.message}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <span className="ss-spacer" />
      <button
        type="button"
        className="ss-icon-button"
        aria-label={t('app.dismiss')}
        data-testid="open-errors-close"
        onClick={onDismiss}
      >
        ✕
      </button>
    </div>
  );
}
