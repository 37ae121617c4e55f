/**
 * What reaches the window from outside, wired to the dispatcher: host events (files handed over, files changed on
 * disk, notices, menu commands, `statescope://` links), files dropped on the window, and errors the page did not
 * handle (sent to the host's log, Help › Open Log File), and links pasted into the address bar. Each function subscribes and returns its unsubscribe.
 */
import { errorMessage, getApi } from '../api.ts';
import { afterFirstPaint } from './after-paint.ts';
import { parseLink } from './deep-link.ts';
import type { Dispatcher } from './dispatcher.ts';
import { openViewLink } from './startup.ts';
import type { Store } from './store.ts';
import { themeFromCommand } from './theme.ts';

/** A file changed on disk: re-read it into the same tab (the view keeps its machine, groups and selection). */
function onFileChanged(dispatcher: Dispatcher, store: Store, path: string, kind: 'changed' | 'deleted' | 'renamed') {
  const affected = store.getState().tabs.some((x) => x.kind === 'asl' && x.source.path === path);
  if (!affected) return;
  if (kind !== 'changed') {
    dispatcher.setStatus(
      dispatcher.t(kind === 'deleted' ? 'app.status.deletedOnDisk' : 'app.status.renamedOnDisk', { path }),
    );
    return;
  }
  getApi()
    .call('files.read', { path })
    .then(
      (file) =>
        store.dispatch({
          type: 'asl.reread',
          path,
          source: { path: file.path, name: file.name, text: file.text, mtimeMs: file.mtimeMs },
        }),
      (err) => dispatcher.setStatus(dispatcher.t('app.status.cannotReread', { path, message: errorMessage(err) })),
    );
}

export function subscribeHost(dispatcher: Dispatcher, store: Store): () => void {
  const api = getApi();
  const offOpen = api.on('files.open', ({ paths }) => void dispatcher.openPaths(paths));
  const offChanged = api.on('files.changed', ({ path, kind }) => onFileChanged(dispatcher, store, path, kind));
  // What the host set aside or backed up (damaged data files): shown once each, with the path of the copy.
  const shownNotices = new Set<number>();
  const showNotices = () =>
    api.call('app.notices', {}).then(
      ({ notices }) => {
        for (const n of notices) {
          if (shownNotices.has(n.id)) continue;
          shownNotices.add(n.id);
          dispatcher.setStatus(n.message);
        }
      },
      () => undefined, // an older host without notices
    );
  // After the first frame (after-paint.ts): a notice is shown in the status line, never on the first screen.
  const cancelNotices = afterFirstPaint(() => void showNotices());
  const offNotice = api.on('app.notice', () => void showNotices());
  const offMenu = api.on('menu.command', ({ command }) => {
    if (command === 'open') dispatcher.pickFiles();
    else if (command === 'close-tab') dispatcher.closeTab(store.getState().activeId);
    else {
      const chosen = themeFromCommand(command);
      if (chosen) dispatcher.setTheme(chosen);
    }
  });
  // A `statescope://open?…` link the desktop app was asked to open (checked by the host, and again here).
  const offLink = api.on('app.openLink', ({ hash }) => {
    const link = parseLink(hash);
    if (link) void openViewLink(dispatcher, link);
  });
  return () => {
    offOpen();
    offChanged();
    offNotice();
    cancelNotices();
    offMenu();
    offLink();
  };
}

/**
 * A link pasted into the address bar of this page (or Back/Forward) changes only the fragment: open that view too.
 * The window's own updates of the URL use history.replaceState, which fires no hashchange.
 */
export function subscribeHashLinks(dispatcher: Dispatcher): () => void {
  const onHash = () => {
    const link = parseLink(window.location.hash);
    if (link) void openViewLink(dispatcher, link);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

/** Drag and drop anywhere on the window. */
export function subscribeDrops(dispatcher: Dispatcher, store: Store): () => void {
  let depth = 0;
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const onEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    store.dispatch({ type: 'dragging', on: true });
  };
  const onOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) store.dispatch({ type: 'dragging', on: false });
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    store.dispatch({ type: 'dragging', on: false });
    if (e.dataTransfer?.files.length) void dispatcher.openLocalFiles([...e.dataTransfer.files]);
  };
  const pairs = [
    ['dragenter', onEnter],
    ['dragover', onOver],
    ['dragleave', onLeave],
    ['drop', onDrop],
  ] as const;
  for (const [name, fn] of pairs) window.addEventListener(name, fn);
  return () => {
    for (const [name, fn] of pairs) window.removeEventListener(name, fn);
  };
}

/** Errors the window did not handle go to the host's log file (Help › Open Log File). */
export function subscribeErrors(): () => void {
  const report = (message: string, stack?: string, source?: string) => {
    getApi()
      .call('log.error', {
        message: message.slice(0, 4000) || 'Unknown error',
        ...(stack ? { stack: stack.slice(0, 16_000) } : {}),
        ...(source ? { source } : {}),
      })
      .catch(() => undefined);
  };
  const onError = (e: ErrorEvent) =>
    report(e.message, e.error instanceof Error ? e.error.stack : undefined, 'window.onerror');
  const onRejection = (e: PromiseRejectionEvent) =>
    report(
      e.reason instanceof Error ? e.reason.message : String(e.reason),
      e.reason instanceof Error ? e.reason.stack : undefined,
      'unhandledrejection',
    );
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };
}
