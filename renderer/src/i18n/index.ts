/**
 * The UI language (en/ko): a small `t()` over two dictionaries, the one place the shell, the graph view, the
 * details panel, the editor bars and the status bar take their strings from (test/unit/renderer/i18n.test.ts
 * fails on a key missing in either language and on a literal UI string left in those components).
 */
import { createContext, useContext } from 'react';
import { storedPreference, storePreference } from '../app/preferences.ts';
import type { Lang } from '../../../shared/notes/types.ts';
import * as app from './messages/app.ts';
import * as asl from './messages/asl.ts';
import * as aws from './messages/aws.ts';
import * as dataflow from './messages/dataflow.ts';
import * as notes from './messages/notes.ts';
import * as start from './messages/start.ts';
import * as xray from './messages/xray.ts';

/** The two languages, declared once in the core (the notes' content uses the same type). */
export type { Lang };

/** Every area's messages (renderer/src/i18n/messages/<area>.ts); an area adds its file here. */
const en = {
  ...app.en,
  ...asl.en,
  ...aws.en,
  ...dataflow.en,
  ...notes.en,
  ...start.en,
  ...xray.en,
};

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  ...app.ko,
  ...asl.ko,
  ...aws.ko,
  ...dataflow.ko,
  ...notes.ko,
  ...start.ko,
  ...xray.ko,
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ko };

/** Both dictionaries, read-only (the i18n test checks every key has text in both languages). */
export const MESSAGES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = DICTIONARIES;

/** The message for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = DICTIONARIES[lang][key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

/** 'ko' for Korean locales (ko, ko-KR…), else 'en'. */
export function langOf(locale: string | null | undefined): Lang {
  return locale && /^ko\b/i.test(locale) ? 'ko' : 'en';
}

const STORAGE_KEY = 'statescope.lang';

/** The language the user picked before, if any. */
export function storedLang(): Lang | null {
  return storedPreference(STORAGE_KEY, (v) => (v === 'en' || v === 'ko' ? v : null));
}

/** Remembers the user's choice for the next start. */
export function storeLang(lang: Lang): void {
  storePreference(STORAGE_KEY, lang);
}

/** The current language for components under the shell. */
export const LangContext = createContext<Lang>('en');

/** `t(key, vars)` in the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useContext(LangContext);
  return (key, vars) => translate(lang, key, vars);
}

/** `t(key, vars)` in a given language: for text that follows its own language (the study notes' own switch). */
export function textIn(lang: Lang): (key: MessageKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => translate(lang, key, vars);
}
