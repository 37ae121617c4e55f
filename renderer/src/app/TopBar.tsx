/**
 * The top bar: open a file (the native dialog in the desktop app, the browser's picker in web mode), open a typed
 * path, the study notes and AWS tabs, language and theme.
 */
import { useState, type FormEvent, type RefObject } from 'react';
import { useT, type Lang } from '../i18n/index.ts';
import type { Dispatcher } from './dispatcher.ts';
import { themeSettingOf, type ThemeSetting } from './theme.ts';

const ACCEPT = '.json,.yaml,.yml,.json5,.ndjson,.jsonl,application/json,application/yaml,text/yaml';

function PathForm({ dispatcher }: { dispatcher: Dispatcher }) {
  const t = useT();
  const [pathInput, setPathInput] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const p = pathInput.trim();
    if (!p) return;
    setPathInput('');
    void dispatcher.openPath(p);
  };
  return (
    <form className="ss-path-form" onSubmit={onSubmit}>
      <input
        type="text"
        value={pathInput}
        onChange={(e) => setPathInput(e.target.value)}
        placeholder={t('app.openPath')}
        aria-label={t('app.openPath')}
        data-testid="open-path"
        spellCheck={false}
      />
      <button type="submit" className="ss-button" disabled={!pathInput.trim()}>
        {t('app.open')}
      </button>
    </form>
  );
}

function Choices({ dispatcher, lang, theme }: { dispatcher: Dispatcher; lang: Lang; theme: ThemeSetting }) {
  const t = useT();
  return (
    <>
      <label className="ss-lang">
        <span className="ss-visually-hidden">{t('app.language')}</span>
        <select
          value={lang}
          onChange={(e) => dispatcher.setLang(e.target.value === 'ko' ? 'ko' : 'en')}
          data-testid="lang-select"
          aria-label={t('app.language')}
        >
          {/* Each language is named in itself, whatever the current one. */}
          <option value="en">English</option>
          <option value="ko">한국어</option>
        </select>
      </label>
      <label className="ss-lang">
        <span className="ss-visually-hidden">{t('app.theme')}</span>
        <select
          value={theme}
          onChange={(e) => dispatcher.setTheme(themeSettingOf(e.target.value) ?? 'system')}
          data-testid="theme-select"
          aria-label={t('app.theme')}
          title={t('app.theme')}
        >
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </label>
    </>
  );
}

export function TopBar({
  dispatcher,
  fileInput,
  lang,
  theme,
}: {
  dispatcher: Dispatcher;
  fileInput: RefObject<HTMLInputElement | null>;
  lang: Lang;
  theme: ThemeSetting;
}) {
  const t = useT();
  return (
    <header className="ss-topbar">
      <span className="ss-brand">Statescope</span>
      <button type="button" className="ss-button" onClick={() => void dispatcher.openDialog()} data-testid="open-file">
        {t('app.openFile')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          const files = e.target.files ? [...e.target.files] : [];
          e.target.value = '';
          void dispatcher.openLocalFiles(files);
        }}
      />
      <PathForm dispatcher={dispatcher} />
      <span className="ss-spacer" />
      <button
        type="button"
        className="ss-button"
        onClick={() => dispatcher.showSingleton('notes')}
        data-testid="open-notes"
      >
        {t('app.studyNotes')}
      </button>
      <button
        type="button"
        className="ss-button"
        onClick={() => dispatcher.showSingleton('aws')}
        data-testid="open-aws"
      >
        {t('app.aws')}
      </button>
      <Choices dispatcher={dispatcher} lang={lang} theme={theme} />
    </header>
  );
}
