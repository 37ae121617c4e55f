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

/** Remembers a choice for the next start. */
export function storePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // private mode or storage full: the choice lasts for this session only
  }
}
