/**
 * What the window shows when the shell's code cannot be loaded at all (a damaged install, a server stopped
 * between the page and its scripts): the reason, never a blank page. Plain DOM, in both languages, because
 * neither React nor the UI text has loaded.
 */
export function showBootError(err: unknown): void {
  const root = document.getElementById('root');
  if (!root) return;
  const message = err instanceof Error ? err.message : String(err);
  const box = document.createElement('div');
  box.className = 'ss-fatal';
  box.setAttribute('role', 'alert');
  box.setAttribute('data-testid', 'boot-error');
  const title = document.createElement('h2');
  title.textContent = /^ko\b/i.test(navigator.language)
    ? 'Statescope를 불러올 수 없습니다'
    : 'Statescope could not load';
  const detail = document.createElement('p');
  detail.textContent = message;
  box.append(title, detail);
  root.replaceChildren(box);
}
