/**
 * The window's state in one store with typed actions (the shape GitHub Desktop gives its app: stores that own the
 * state, a dispatcher that talks to the host, views that only render and dispatch). Everything here is pure: the
 * reducer takes a state and an action and returns the next state (the same object when nothing changed), so it is
 * tested without a DOM or a host (test/unit/renderer/app-store.test.ts). Host calls live in dispatcher.ts.
 */
import type { HostInfo, SampleInfo } from '../../../shared/contract.ts';
import type { NotesSelection } from '../notes/index.ts';
import { translate, type Lang } from '../i18n/index.ts';
import type { Overlay } from '../overlay/model.ts';
import type { AslSource } from '../asl/AslDocumentView.tsx';
import type { DocumentTab } from './documents.ts';
import type { ThemeSetting } from './theme.ts';
import { createReducerStore, type ReducerStore } from './reducer-store.ts';

export const WELCOME_ID = 'welcome';

/** What a picker is waiting to draw: the overlay is built once the machine is chosen (with its state names). */
export interface PendingOverlay {
  what: 'history' | 'trace';
  choices: { tabId: string; title: string }[];
  make: (states: ReadonlySet<string> | undefined) => Overlay;
  origin?: OverlayOrigin;
}

/** A drawn machine's name and states (used to match executions and traces to it). */
export interface GraphInfo {
  name: string;
  states: string[];
}

/** Where an overlay came from, when that can be opened again from a link: a history file, or a trace in X-Ray files. */
export type OverlayOrigin = { execution: string } | { xray: string[]; trace: string };

/** A file that could not be opened (one dismissible message lists them all). */
export interface OpenError {
  name: string;
  path: string;
  message: string;
}

export interface AppState {
  tabs: DocumentTab[];
  activeId: string;
  info: HostInfo | null;
  samples: SampleInfo[] | null;
  samplesError: string | null;
  status: string;
  lang: Lang;
  theme: ThemeSetting;
  overlays: Record<string, Overlay>;
  overlayOrigins: Record<string, OverlayOrigin>;
  graphs: Record<string, GraphInfo>;
  pending: PendingOverlay | null;
  annotated: Record<string, ReadonlySet<string>>;
  xraySelection: Record<string, NotesSelection>;
  openErrors: OpenError[];
  dragging: boolean;
  /** Recently opened host paths (web mode lists them on the Welcome page). */
  recent: string[];
  /** True once the start-up files (or the first sample) have been opened, so tests and tools know when to look. */
  ready: boolean;
}

export type AppAction =
  | { type: 'tab.added'; tab: DocumentTab }
  | { type: 'tab.activated'; id: string }
  | { type: 'tab.closed'; id: string }
  /** New text for the ASL tab `id` (re-read, or opened again with other text): the view redraws it. */
  | { type: 'asl.replaced'; id: string; source: AslSource }
  /** Every ASL tab showing `path` gets the text read again from disk. */
  | { type: 'asl.reread'; path: string; source: AslSource }
  | { type: 'overlay.applied'; tabId: string; overlay: Overlay; origin?: OverlayOrigin }
  | { type: 'overlay.cleared'; tabId: string }
  | { type: 'overlay.pending'; pending: PendingOverlay | null }
  | { type: 'graph.reported'; tabId: string; graph: GraphInfo }
  | { type: 'annotations.listed'; tabId: string; elements: ReadonlySet<string> }
  | { type: 'xray.selected'; tabId: string; selection: NotesSelection }
  | { type: 'open.failed'; path: string; message: string }
  | { type: 'open.dismissed' }
  | { type: 'status'; text: string }
  | { type: 'host.info'; info: HostInfo }
  | { type: 'samples.listed'; samples: SampleInfo[] }
  | { type: 'samples.failed'; message: string }
  | { type: 'lang'; lang: Lang }
  | { type: 'theme'; theme: ThemeSetting }
  | { type: 'dragging'; on: boolean }
  | { type: 'recent'; paths: string[] }
  | { type: 'ready' };

export function initialState(lang: Lang, theme: ThemeSetting, recent: string[] = []): AppState {
  return {
    tabs: [{ id: WELCOME_ID, kind: 'welcome', title: 'Welcome' }],
    activeId: WELCOME_ID,
    info: null,
    samples: null,
    samplesError: null,
    status: translate(lang, 'app.status.starting'),
    lang,
    theme,
    overlays: {},
    overlayOrigins: {},
    graphs: {},
    pending: null,
    annotated: {},
    xraySelection: {},
    openErrors: [],
    dragging: false,
    recent,
    ready: false,
  };
}

/** `record` without `key` (the same object when it has no such key). */
function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _gone, ...rest } = record;
  return rest;
}

function closeTab(state: AppState, id: string): AppState {
  const index = state.tabs.findIndex((x) => x.id === id);
  if (index === -1 || state.tabs[index]!.kind === 'welcome') return state;
  const tabs = state.tabs.filter((x) => x.id !== id);
  const activeId = state.activeId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? WELCOME_ID) : state.activeId;
  return {
    ...state,
    tabs,
    activeId,
    overlays: without(state.overlays, id),
    overlayOrigins: without(state.overlayOrigins, id),
    graphs: without(state.graphs, id),
    annotated: without(state.annotated, id),
    xraySelection: without(state.xraySelection, id),
  };
}

function sameGraph(a: GraphInfo | undefined, b: GraphInfo): boolean {
  return !!a && a.name === b.name && a.states.join('\u0000') === b.states.join('\u0000');
}

function tabReducer(state: AppState, action: AppAction): AppState | undefined {
  switch (action.type) {
    case 'tab.added':
      return { ...state, tabs: [...state.tabs, action.tab], activeId: action.tab.id };
    case 'tab.activated':
      return state.tabs.some((x) => x.id === action.id) ? { ...state, activeId: action.id } : state;
    case 'tab.closed':
      return closeTab(state, action.id);
    case 'asl.replaced':
      return {
        ...state,
        tabs: state.tabs.map((x) =>
          x.id === action.id && x.kind === 'asl' ? { ...x, source: action.source, revision: x.revision + 1 } : x,
        ),
      };
    case 'asl.reread':
      return {
        ...state,
        tabs: state.tabs.map((x) =>
          x.kind === 'asl' && x.source.path === action.path
            ? { ...x, source: action.source, revision: x.revision + 1 }
            : x,
        ),
      };
    case 'overlay.applied': {
      const overlayOrigins = action.origin
        ? { ...state.overlayOrigins, [action.tabId]: action.origin }
        : without(state.overlayOrigins, action.tabId);
      return {
        ...state,
        overlays: { ...state.overlays, [action.tabId]: action.overlay },
        overlayOrigins,
        activeId: action.tabId,
      };
    }
    case 'overlay.cleared':
      return {
        ...state,
        overlays: without(state.overlays, action.tabId),
        overlayOrigins: without(state.overlayOrigins, action.tabId),
      };
    case 'overlay.pending':
      return { ...state, pending: action.pending };
    case 'graph.reported':
      if (sameGraph(state.graphs[action.tabId], action.graph)) return state;
      return { ...state, graphs: { ...state.graphs, [action.tabId]: action.graph } };
    case 'annotations.listed':
      return { ...state, annotated: { ...state.annotated, [action.tabId]: action.elements } };
    case 'xray.selected':
      return { ...state, xraySelection: { ...state.xraySelection, [action.tabId]: action.selection } };
    default:
      return undefined;
  }
}

export function appReducer(state: AppState, action: AppAction): AppState {
  const tabbed = tabReducer(state, action);
  if (tabbed) return tabbed;
  switch (action.type) {
    case 'open.failed': {
      const name = action.path.split(/[\\/]/).pop() || action.path;
      const openErrors = [
        ...state.openErrors.filter((e) => e.path !== action.path),
        { name, path: action.path, message: action.message },
      ].slice(-50);
      return { ...state, openErrors };
    }
    case 'open.dismissed':
      return state.openErrors.length === 0 ? state : { ...state, openErrors: [] };
    case 'status':
      return state.status === action.text ? state : { ...state, status: action.text };
    case 'host.info':
      return { ...state, info: action.info };
    case 'samples.listed':
      return { ...state, samples: action.samples };
    case 'samples.failed':
      return { ...state, samplesError: action.message };
    case 'lang':
      return state.lang === action.lang ? state : { ...state, lang: action.lang };
    case 'theme':
      return state.theme === action.theme ? state : { ...state, theme: action.theme };
    case 'dragging':
      return state.dragging === action.on ? state : { ...state, dragging: action.on };
    case 'recent':
      return { ...state, recent: action.paths };
    case 'ready':
      return state.ready ? state : { ...state, ready: true };
    default:
      return state;
  }
}

/** The tab shown (the first one when the active id is gone). */
export function activeTab(state: AppState): DocumentTab {
  return state.tabs.find((x) => x.id === state.activeId) ?? state.tabs[0]!;
}

/** The open ASL tab showing `path`, if any. */
export function aslTabOf(state: AppState, path: string): Extract<DocumentTab, { kind: 'asl' }> | undefined {
  for (const x of state.tabs) if (x.kind === 'asl' && x.source.path === path) return x;
  return undefined;
}

export type Store = ReducerStore<AppState, AppAction>;

/** The shell's store (see reducer-store.ts). */
export function createStore(initial: AppState): Store {
  return createReducerStore(appReducer, initial);
}
