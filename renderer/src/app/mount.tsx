/**
 * The shell, rendered into #root: loaded by the entry (main.tsx) once the start-up call is on its way. Start-up
 * runs before the first render, which waits for it (at most START_RENDER_WAIT_MS), so the first render already
 * draws what this start shows — the first sample when the host's answer came with the page (web mode), a linked
 * document that boot.ts began reading while the shell loaded — instead of a welcome screen that it then replaces.
 */
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App, createShell } from './App.tsx';
import { startUp } from './startup.ts';

/**
 * How long (ms) the first render waits at most for start-up to open what this start shows. Start-up waits only
 * for the host: on the first sample (its answer came with the page) not at all, on a linked document for the read
 * and layout boot.ts started while the shell loaded, on a reload for the restored tabs' reads. Rendered before,
 * the shell drew an empty window (or the welcome tab) that the opened tab replaced a moment later: a whole render
 * and commit of the shell wasted, and on a loaded machine a frame of it painted. A host that is slower than this
 * still gets the shell drawn, and its tabs open into it as they come.
 */
export const START_RENDER_WAIT_MS = 400;

export function mount(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const shell = createShell();
  const app = (
    <StrictMode>
      <App shell={shell} />
    </StrictMode>
  );
  let rendered = false;
  const render = () => {
    if (rendered) return;
    rendered = true;
    clearTimeout(timer);
    // Rendered now rather than in a task of React's scheduler, and committed with its effects before the browser
    // paints, as every later start-up render is: the first graph's opening view is set before its first frame.
    flushSync(() => createRoot(root).render(app));
  };
  const timer = setTimeout(render, START_RENDER_WAIT_MS);
  // The window lives as long as the page: start-up's results are always wanted. A failure is still reported
  // (unhandled, as before); the shell renders either way.
  void startUp(shell.dispatcher, shell.store, () => true).finally(render);
}
