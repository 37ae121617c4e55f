/**
 * The colour theme: the user's setting (system / light / dark) resolved to light or dark and written to the
 * document root as `data-theme`, which the stylesheets, React Flow, CodeMirror and the image export all follow.
 * "system" tracks the OS live through `matchMedia`.
 */
import { externalValue } from './external-value.ts';
import { storedPreference, storePreference } from './preferences.ts';

/** The user's choice, as stored in the settings. */
export type ThemeSetting = 'system' | 'light' | 'dark';
/** What is actually drawn. */
export type ResolvedTheme = 'light' | 'dark';

/** The drawn theme for a setting, given whether the OS asks for dark. */
export function resolveTheme(setting: ThemeSetting, systemDark: boolean): ResolvedTheme {
  if (setting === 'light' || setting === 'dark') return setting;
  return systemDark ? 'dark' : 'light';
}

/** A valid setting from anything (stored text, a menu command), else null. */
export function themeSettingOf(value: unknown): ThemeSetting | null {
  return value === 'system' || value === 'light' || value === 'dark' ? value : null;
}

/** The setting a menu command asks for (`theme-dark` …), else null. */
export function themeFromCommand(command: string): ThemeSetting | null {
  return command.startsWith('theme-') ? themeSettingOf(command.slice('theme-'.length)) : null;
}

const STORAGE_KEY = 'statescope.theme';

/** The theme the user picked before in this window's storage, if any. */
export function storedTheme(): ThemeSetting | null {
  return storedPreference(STORAGE_KEY, themeSettingOf);
}

/** Remembers the choice for the next start (the host's settings hold it too). */
export function storeTheme(setting: ThemeSetting): void {
  storePreference(STORAGE_KEY, setting);
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(DARK_QUERY)
    : null;
}

let setting: ThemeSetting = 'system';
const drawn = externalValue<ResolvedTheme>('light');
let watching = false;

function apply(): void {
  const next = resolveTheme(setting, systemQuery()?.matches ?? false);
  // Written only when it changes: writing the same value still invalidated the whole page's style at start-up.
  const root = typeof document !== 'undefined' ? document.documentElement : null;
  if (root && root.dataset.theme !== next) root.dataset.theme = next;
  drawn.set(next);
}

function watchSystem(): void {
  if (watching) return;
  const q = systemQuery();
  if (!q) return;
  watching = true;
  q.addEventListener('change', () => {
    if (setting === 'system') apply();
  });
}

/** Sets the user's choice and redraws everything that follows the theme. */
export function setThemeSetting(next: ThemeSetting): void {
  setting = next;
  watchSystem();
  apply();
}

/** The theme drawn now. */
export function currentTheme(): ResolvedTheme {
  return drawn.get();
}

/** The drawn theme for a component, re-rendering it when the setting or (for "system") the OS changes. */
export function useResolvedTheme(): ResolvedTheme {
  return drawn.use();
}

// Before the first render: the stored choice (or the OS), so the window does not flash the other theme.
if (typeof window !== 'undefined') setThemeSetting(storedTheme() ?? 'system');
