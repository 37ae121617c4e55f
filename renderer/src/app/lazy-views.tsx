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
import { lazy, Suspense, type ComponentProps, type ComponentType, type JSX, type ReactNode } from 'react';
import type * as Notes from '../notes/NotesBrowser.tsx';
import type * as Annotations from '../notes/AnnotationsEditor.tsx';
import type * as Side from './asl-side-panels.tsx';
import type * as Xray from './XrayTab.tsx';
import type * as Aws from './AwsHost.tsx';
import { useT } from '../i18n/index.ts';

/** The place of a view whose code is still loading. */
export function ViewLoading() {
  const t = useT();
  return (
    <div className="ss-center" role="status" data-testid="view-loading">
      {t('start.loadingView')}
    </div>
  );
}

/** A component loaded on first render; `fallback` is shown in its place meanwhile. */
function later<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => ReactNode = () => <ViewLoading />,
): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  const Later = (props: P) => (
    <Suspense fallback={fallback(props)}>
      <Lazy {...(props as P & JSX.IntrinsicAttributes)} />
    </Suspense>
  );
  return Later;
}

const whenShown = (props: { shown: boolean }) => (props.shown ? <ViewLoading /> : null);

export const NotesBrowser = later<ComponentProps<typeof Notes.NotesBrowser>>(() =>
  import('../notes/NotesBrowser.tsx').then((m) => m.NotesBrowser),
);
export const AnnotationsTransfer = later<ComponentProps<typeof Annotations.AnnotationsTransfer>>(
  () => import('../notes/AnnotationsEditor.tsx').then((m) => m.AnnotationsTransfer),
  () => null,
);
export const XrayTab = later<ComponentProps<typeof Xray.XrayTab>>(
  () => import('./XrayTab.tsx').then((m) => m.XrayTab),
  whenShown,
);
export const AwsHost = later<ComponentProps<typeof Aws.AwsHost>>(
  () => import('./AwsHost.tsx').then((m) => m.AwsHost),
  whenShown,
);
export const DataFlowSide = later<ComponentProps<typeof Side.DataFlowPanel>>(() =>
  import('./asl-side-panels.tsx').then((m) => m.DataFlowPanel),
);
export const RunLocallySide = later<ComponentProps<typeof Side.RunLocallySide>>(() =>
  import('./asl-side-panels.tsx').then((m) => m.RunLocallySide),
);
export const NotesSide = later<ComponentProps<typeof Side.NotesSide>>(() =>
  import('./asl-side-panels.tsx').then((m) => m.NotesSide),
);
