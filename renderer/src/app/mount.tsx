/**
 * The shell, rendered into #root: loaded by the entry (main.tsx) once the start-up call is on its way. Start-up
 * begins before the first render, so when the host's answer came with the page (web mode) the first render
 * already draws the first sample instead of a welcome screen that the answer then replaces.
 */
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App, createShell } from './App.tsx';
import { startUp } from './startup.ts';

export function mount(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const shell = createShell();
  // The window lives as long as the page: start-up's results are always wanted.
  void startUp(shell.dispatcher, shell.store, () => true);
  const reactRoot = createRoot(root);
  const app = (
    <StrictMode>
      <App shell={shell} />
    </StrictMode>
  );
  // Rendered now rather than in a task of React's scheduler, and committed with its effects before the browser
  // paints, as every later start-up render is: the first graph's opening view is set before its first frame.
  flushSync(() => reactRoot.render(app));
}
