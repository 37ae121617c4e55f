/**
 * The shell's UI language (en/ko): a small `t()` over two dictionaries. Feature folders keep their own strings
 * and take the `lang` the shell passes down.
 */
import { createContext, useContext } from 'react';
import { storedPreference, storePreference } from '../app/preferences.ts';

export type Lang = 'en' | 'ko';

const en = {
  'app.openFile': 'Open file…',
  'app.openPath': 'Open path…',
  'app.open': 'Open',
  'app.studyNotes': 'Study notes',
  'app.aws': 'AWS',
  'app.language': 'Language',
  'app.theme': 'Theme',
  'theme.system': 'System theme',
  'theme.light': 'Light',
  'theme.dark': 'Dark',
  'app.drop': 'Drop a state machine, an X-Ray trace or an execution history to open it',
  'app.close': 'Close {name}',
  'app.cannotOpen': 'Cannot open {name}',
  'app.notOpened': '{name}: not opened',
  'app.cannotOpenMany': 'Could not open {count} files',
  'app.dismiss': 'Dismiss',
  'app.skip': 'Skip to the document',
  'tab.overlay': 'An execution is drawn on this machine',
  'tab.unsaved': 'Unsaved changes',
  'app.saveFile': 'Save as file',
  'tab.welcome': 'Welcome',
  'tab.notes': 'Study notes',
  'tab.aws': 'AWS',
  'tab.xray': 'X-Ray',
  'welcome.intro':
    'Open an Amazon States Language file or a SAM/CloudFormation template (JSON or YAML), X-Ray traces, or an execution history (drawn over the open state machine) with "Open file…", by typing a path, or by dropping it on the window.',
  'welcome.samples': 'Samples',
  'welcome.samplesError': 'Samples are unavailable: {message}',
  'welcome.loading': 'Loading samples…',
  'welcome.noSamples': 'No state machine samples are installed.',
  'welcome.otherSamples': 'X-Ray traces and execution histories',
  'welcome.keys': 'Keys',
  'welcome.keyArrows': 'Arrow keys: move between states (Up/Down follow the transitions)',
  'welcome.keyEnter': 'Enter: details of the selected state · Escape: close',
  'welcome.keyFind': 'Ctrl+F (⌘F): find a state by name',
  'overlay.pickTitle': 'Show {what} on which state machine?',
  'overlay.history': 'execution history',
  'overlay.trace': 'X-Ray trace',
  'overlay.show': 'Show',
  'overlay.cancel': 'Cancel',
  'overlay.noMachine': 'Open the state machine first, then open {name} again.',
  'overlay.clear': 'Remove overlay',
  'overlay.execution': 'Execution',
  'overlay.showOnMachine': 'Show on state machine',
  'status.succeeded': 'Succeeded',
  'status.failed': 'Failed',
  'status.caught': 'Caught',
  'status.running': 'Running',
  'status.not-run': 'Not run',
  'status.aborted': 'Cancelled / aborted',
  'status.timed-out': 'Timed out',
  'exec.status': 'Status',
  'exec.duration': 'Duration',
  'exec.runs': 'Runs',
  'exec.retries': 'Retries',
  'exec.input': 'Input',
  'exec.output': 'Output',
  'exec.error': 'Error',
  'exec.cause': 'Cause',
  'exec.iterations': 'Map iterations',
  'exec.notRun': 'This state did not run in this execution.',
  'exec.subsegments': 'Subsegments',
  'exec.whole': 'Execution',
  'notes.tab': 'Notes',
  'notes.marker': 'Has your notes',
  'notes.xrayHint': 'Select a segment or a service to see its notes.',
} as const;

export type MessageKey = keyof typeof en;

const ko: Record<MessageKey, string> = {
  'app.openFile': '파일 열기…',
  'app.openPath': '경로 열기…',
  'app.open': '열기',
  'app.studyNotes': '학습 노트',
  'app.aws': 'AWS',
  'app.language': '언어',
  'app.theme': '테마',
  'theme.system': '시스템 테마',
  'theme.light': '밝게',
  'theme.dark': '어둡게',
  'app.drop': '상태 머신, X-Ray 트레이스 또는 실행 기록을 끌어다 놓아 여세요',
  'app.close': '{name} 닫기',
  'app.cannotOpen': '{name}을(를) 열 수 없습니다',
  'app.notOpened': '{name}: 열지 못함',
  'app.cannotOpenMany': '파일 {count}개를 열지 못했습니다',
  'app.dismiss': '닫기',
  'app.skip': '문서로 건너뛰기',
  'tab.overlay': '이 상태 머신에 실행이 표시되어 있습니다',
  'tab.unsaved': '저장하지 않은 변경 사항',
  'app.saveFile': '파일로 저장',
  'tab.welcome': '시작',
  'tab.notes': '학습 노트',
  'tab.aws': 'AWS',
  'tab.xray': 'X-Ray',
  'welcome.intro':
    'Amazon States Language 파일이나 SAM/CloudFormation 템플릿(JSON 또는 YAML), X-Ray 트레이스, 실행 기록(열린 상태 머신 위에 표시)을 "파일 열기…"로 열거나, 경로를 입력하거나, 창에 끌어다 놓으세요.',
  'welcome.samples': '예제',
  'welcome.samplesError': '예제를 사용할 수 없습니다: {message}',
  'welcome.loading': '예제를 불러오는 중…',
  'welcome.noSamples': '설치된 상태 머신 예제가 없습니다.',
  'welcome.otherSamples': 'X-Ray 트레이스와 실행 기록',
  'welcome.keys': '키',
  'welcome.keyArrows': '화살표 키: 상태 사이를 이동(위/아래는 전이를 따라감)',
  'welcome.keyEnter': 'Enter: 선택한 상태의 세부 정보 · Escape: 닫기',
  'welcome.keyFind': 'Ctrl+F (⌘F): 이름으로 상태 찾기',
  'overlay.pickTitle': '{what}을(를) 어느 상태 머신에 표시할까요?',
  'overlay.history': '실행 기록',
  'overlay.trace': 'X-Ray 트레이스',
  'overlay.show': '표시',
  'overlay.cancel': '취소',
  'overlay.noMachine': '상태 머신을 먼저 연 다음 {name}을(를) 다시 여세요.',
  'overlay.clear': '오버레이 제거',
  'overlay.execution': '실행',
  'overlay.showOnMachine': '상태 머신에 표시',
  'status.succeeded': '성공',
  'status.failed': '실패',
  'status.caught': '포착됨',
  'status.running': '실행 중',
  'status.not-run': '실행 안 됨',
  'status.aborted': '취소/중단',
  'status.timed-out': '시간 초과',
  'exec.status': '상태',
  'exec.duration': '소요 시간',
  'exec.runs': '실행 횟수',
  'exec.retries': '재시도',
  'exec.input': '입력',
  'exec.output': '출력',
  'exec.error': '오류',
  'exec.cause': '원인',
  'exec.iterations': 'Map 반복',
  'exec.notRun': '이 실행에서 이 상태는 실행되지 않았습니다.',
  'exec.subsegments': '하위 세그먼트',
  'exec.whole': '실행',
  'notes.tab': '노트',
  'notes.marker': '내 메모가 있음',
  'notes.xrayHint': '세그먼트나 서비스를 선택하면 관련 노트가 표시됩니다.',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, ko };

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
