/**
 * Preferences the window remembers in localStorage as well as in the host's settings (language, theme): read at
 * start before the host answers, so the first frame is already in the right language and colours.
 */

/** The stored value under `key` if `parse` accepts it, else null (nothing stored, storage blocked, or junk). */
export function storedPreference<T>(key: string, parse: (value: string | null) => T | null): T | null {
  try {
    return parse(window.localStorage.getItem(key));
  } catch {
    return null;
  }
}

/**
 * Opens the page's localStorage without reading anything from it. The first access in a page waits for the browser
 * to load the storage (a synchronous call to the browser process), and the shell's first reads (language, theme)
 * paid it between loading and the first graph: 10–15 ms of the main thread in bench/start-profile.ts on a loaded
 * machine. The entry (boot.ts) calls this while the shell is still on its way, when the main thread is idle.
 */
export function openLocalStorage(): void {
  try {
    void window.localStorage.length;
  } catch {
    // Storage refused: the reads that need it fall back the same way.
  }
}

/** Remembers a choice for the next start. */
export function storePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // private mode or storage full: the choice lasts for this session only
  }
}
