/**
 * The notes language: English or Korean, defaulting to the OS locale, remembered between sessions, and
 * switched with one toggle. Kept apart from the UI language so a Korean learner can read English notes.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Lang } from '../../../shared/notes/types.ts';

const STORAGE_KEY = 'statescope.notes.lang';

/** `ko` for Korean locales (ko, ko-KR, ko_KR.UTF-8), otherwise `en`. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^ko([-_]|$)/i.test(locale.trim()) ? 'ko' : 'en';
}

/** The other language: what the toggle switches to. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'ko' : 'en';
}

/** Labels for the toggle, each written in its own language so both readers recognise theirs. */
export const LANG_LABELS: Record<Lang, string> = { en: 'English', ko: '한국어' };

function readStored(): Lang | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' || value === 'ko' ? value : null;
  } catch {
    return null;
  }
}

/**
 * The current notes language and a setter that remembers it. `locale` (from `app.info`) decides the first value
 * when nothing was stored.
 */
export function useNotesLang(locale?: string): [Lang, (lang: Lang) => void] {
  const [lang, setLang] = useState<Lang>(
    () => readStored() ?? langFromLocale(locale ?? globalThis.navigator?.language),
  );
  useEffect(() => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session only.
    }
  }, [lang]);
  const set = useCallback((next: Lang) => setLang(next), []);
  return [lang, set];
}

/** Props of `LangToggle`. */
export interface LangToggleProps {
  lang: Lang;
  onChange: (lang: Lang) => void;
}

/** A two-button switch between English and Korean notes. */
export function LangToggle({ lang, onChange }: LangToggleProps) {
  return (
    <div className="nt-lang" role="group" aria-label="Notes language / 노트 언어">
      {(['en', 'ko'] as const).map((l) => (
        <button
          key={l}
          type="button"
          className={l === lang ? 'nt-lang-on' : undefined}
          aria-pressed={l === lang}
          lang={l}
          onClick={() => onChange(l)}
          data-testid={`notes-lang-${l}`}
        >
          {LANG_LABELS[l]}
        </button>
      ))}
    </div>
  );
}
