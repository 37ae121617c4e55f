/**
 * The bodies of an ASL tab's side tabs that are not on the first screen (data flow, run locally, notes), in a
 * module of their own so they load when one of those tabs is first shown (lazy-views.tsx): the interpreter,
 * jsonata, the YAML parser and the exam notes stay out of the code the first graph waits for.
 */
import type { GraphState } from '../../../shared/asl/types.ts';
import { machineContextFromText } from '../../../shared/asl/rules-express.ts';
import { analyzeHistory } from '../../../shared/sfn/history.ts';
import type { HistoryEvent } from '../../../shared/sfn/aws-types.ts';
import { DataFlowPanel } from '../dataflow/DataFlowPanel.tsx';
import { RunLocallyPanel } from '../dataflow/RunLocallyPanel.tsx';
import type { Lang } from '../i18n/index.ts';
import { AnnotationsEditor } from '../notes/AnnotationsEditor.tsx';
import type { AnnotationsApi } from '../notes/annotations-client.ts';
import { NotesPanel } from '../notes/NotesPanel.tsx';
import { historyOverlay, type Overlay } from '../overlay/model.ts';

export { DataFlowPanel };

/** Run locally for one state; a finished run is drawn on the machine as an execution (`onOverlay`). */
export function RunLocallySide(props: {
  tabId: string;
  path: string;
  diskText: string;
  stateName: string;
  onOverlay: (overlay: Overlay) => void;
}) {
  const { onOverlay, ...panel } = props;
  return (
    <RunLocallyPanel
      {...panel}
      onRun={(events: HistoryEvent[], label: string) => {
        const text = `${JSON.stringify({ events }, null, 2)}\n`;
        onOverlay(historyOverlay(analyzeHistory({ events }), text, label));
      }}
    />
  );
}

/** The exam notes for a state and the user's own notes on it. */
export function NotesSide(props: {
  state: GraphState;
  text: string;
  machineName: string | undefined;
  annotationKey: string;
  lang: Lang;
  api: AnnotationsApi;
  onOpenLink: (url: string) => void;
  onOpenSample: (id: string) => void;
}) {
  const { state, lang } = props;
  return (
    <div className="ss-notes-side" data-testid="notes-tab">
      <NotesPanel
        selection={{ kind: 'state', state, machine: machineContextFromText(props.text, props.machineName) }}
        lang={lang}
        onOpenLink={props.onOpenLink}
        onOpenSample={props.onOpenSample}
      />
      <AnnotationsEditor
        target={{ key: props.annotationKey, element: state.name }}
        lang={lang}
        onOpenLink={props.onOpenLink}
        api={props.api}
      />
    </div>
  );
}
