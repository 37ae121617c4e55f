/**
 * Views that are not on the first screen, loaded the first time they are shown: the study notes, the X-Ray
 * workspace, the AWS panel and an ASL tab's data-flow, run-locally and notes side tabs. Until its code is there a
 * view shows "Loading…" in its place (never a blank); X-Ray and AWS tabs, which stay mounted while hidden, show
 * nothing while hidden. Each wrapper takes the same props as the view it stands for.
 *
 * Why: the page's first graph waited for the whole app to be fetched, compiled and run, markdown-it, jsonata, the
 * YAML parser, the interpreter and the notes' content included (test/unit/perf/first-screen.test.ts keeps them out
 * of the first screen's chunks).
 */
import { useEffect, useState, type ComponentType, type JSX, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { whenIdle } from './after-paint.ts';
import { afterFirstScreen } from './first-graph.ts';

/** The place of a view whose code is still loading. */
export function ViewLoading() {
  const t = useT();
  return (
    <div className="ss-center" role="status" data-testid="view-loading">
      {t('start.loadingView')}
    </div>
  );
}

/** A module loaded once, on first use; `now` gives it without waiting once it is there. */
interface LazyModule<M> {
  get: () => Promise<M>;
  now: () => M | null;
}

function lazyModule<M>(load: () => Promise<M>): LazyModule<M> {
  let value: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    get: () =>
      (loading ??= load().then((m) => {
        value = m;
        return m;
      })),
    now: () => value,
  };
}

/**
 * A component of a module loaded on first render; `fallback` is shown in its place meanwhile. No Suspense: React
 * holds a revealed Suspense fallback for at least 300 ms, so an X-Ray file opened before its view's code had come
 * waited that long for code that took a fraction of it. The instance shows `fallback` until the module is there,
 * then the view; an instance mounted once the module is there renders the view at once. A module that fails to
 * load is thrown from render, to the error boundary, as React.lazy would.
 */
function later<M, P extends object>(
  mod: LazyModule<M>,
  pick: (m: M) => ComponentType<P>,
  fallback: (props: P) => ReactNode = () => <ViewLoading />,
): ComponentType<P> {
  const Later = (props: P) => {
    const [state, setState] = useState<{ view: ComponentType<P> } | { error: unknown } | null>(() => {
      const m = mod.now();
      return m ? { view: pick(m) } : null;
    });
    useEffect(() => {
      if (state) return;
      let live = true;
      mod.get().then(
        (m) => live && setState({ view: pick(m) }),
        (error: unknown) => live && setState({ error }),
      );
      return () => {
        live = false;
      };
    }, [state]);
    if (state && 'error' in state) throw state.error;
    if (state) {
      const View = state.view;
      return <View {...(props as P & JSX.IntrinsicAttributes)} />;
    }
    return fallback(props);
  };
  return Later;
}

const whenShown = (props: { shown: boolean }) => (props.shown ? <ViewLoading /> : null);

const notes = lazyModule(() => import('../notes/NotesBrowser.tsx'));
const annotations = lazyModule(() => import('../notes/AnnotationsEditor.tsx'));
const xray = lazyModule(() => import('./XrayTab.tsx'));
const aws = lazyModule(() => import('./AwsHost.tsx'));
const side = lazyModule(() => import('./asl-side-panels.tsx'));

export const NotesBrowser = later(notes, (m) => m.NotesBrowser);
export const AnnotationsTransfer = later(
  annotations,
  (m) => m.AnnotationsTransfer,
  () => null,
);
export const XrayTab = later(xray, (m) => m.XrayTab, whenShown);
export const AwsHost = later(aws, (m) => m.AwsHost, whenShown);
export const DataFlowSide = later(side, (m) => m.DataFlowPanel);
export const RunLocallySide = later(side, (m) => m.RunLocallySide);
export const NotesSide = later(side, (m) => m.NotesSide);

/**
 * The X-Ray worker, started right after the X-Ray view's code: an X-Ray file opened later is handed to a running
 * worker instead of waiting for its script to be fetched and compiled (40–130 ms on a loaded 2-core machine,
 * longer while the page's own thread is busy rendering the new tab).
 */
const xrayWorker = {
  get: async () => {
    const { xrayClient } = await import('../workers/xray-client.ts');
    xrayClient().warm();
  },
};

/**
 * Fetches and runs the code of these views when the page is idle after start-up's first screen is done
 * (first-graph.ts: its graph on screen, else its first frame), one at a time, so the first use of a view does not
 * wait for it. Start-up's own document (a file given by a link or at launch) is read, laid out and measured by
 * React Flow with idle gaps while it waits for the host; a view's module run in such a gap delayed the graph by
 * its length, so nothing here starts before that graph is shown. A view used before its turn loads as above.
 *
 * The X-Ray worker comes first: an X-Ray file opened soon after start waits for it (its script fetched and
 * compiled on its own thread, off this one), and while it starts this thread runs the X-Ray view's code.
 * `graphFirst`: start-up's first screen shows a machine.
 */
export function prefetchViewsWhenIdle(graphFirst: boolean): void {
  const queue = [xrayWorker, xray, side, notes, aws, annotations];
  const next = () => {
    const mod = queue.shift();
    if (!mod) return;
    whenIdle(() => void mod.get().then(next, next), 3000, 200);
  };
  afterFirstScreen(graphFirst, next);
}
