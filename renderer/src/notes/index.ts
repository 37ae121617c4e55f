/**
 * The exam-notes UI, ready for the app shell to mount:
 *
 * - `NotesPanel` `{ selection, lang, onOpenLink?, onOpenSample?, notes?, limit? }`: notes for the selected state
 *   (`{ kind: 'state', state: GraphState, machine?: MachineContext }`, the machine context from
 *   `machineContextFromText(text, machineName)` so the workflow type and template references count) or X-Ray node (`{ kind: 'xray', node: { name, origin?, type?,
 *   namespace?, error?, fault?, throttle? } }`), or a hint when `selection` is null.
 * - `NotesBrowser` `{ lang, onOpenLink?, onOpenSample?, initialQuery?, initialTopic?, notes? }`: search + topic tree,
 *   and a Practice mode (`Practice` `{ lang, notes, shown }`: questions from the exam traps, Leitner boxes in localStorage).
 * - `LangToggle` `{ lang, onChange }` and `useNotesLang(locale?)`: the en/ko switch, remembered in localStorage.
 * - `NoteCard`, `CodeBlock`: one rendered note / highlighted code block, for other views to reuse.
 * - `AnnotationsEditor` `{ target: { key, element } | null, lang, onOpenLink?, api? }`: the user's own markdown
 *   notes on one element (list, add, edit, delete); `AnnotationsTransfer` `{ lang, api? }`: export / import file.
 * - `descriptorFromSpan(span)`, `descriptorFromMapNode(node)`: build the `xray` selection from the trace views.
 *
 * `onOpenLink` receives https URLs only; pass a function that asks the host to open the system browser.
 */
export { NotesPanel, type NotesPanelProps, type NotesSelection } from './NotesPanel.tsx';
export { NotesBrowser, type NotesBrowserProps } from './NotesBrowser.tsx';
export { Practice, PRACTICE_STORAGE_KEY, type PracticeProps } from './Practice.tsx';
export { NoteCard, CodeBlock, type NoteCardProps } from './NoteCard.tsx';
export { LangToggle, useNotesLang, langFromLocale, otherLang, LANG_LABELS, type LangToggleProps } from './lang.tsx';
export { renderMarkdown, renderInlineMarkdown, isSafeLink, linkClickHandler } from './markdown.ts';
export { highlight, type Token, type TokenKind } from './highlight.ts';
export {
  AnnotationsEditor,
  AnnotationsTransfer,
  type AnnotationsEditorProps,
  type AnnotationsTransferProps,
} from './AnnotationsEditor.tsx';
export { annotationsClient, draftProblem, importSummaryText, type AnnotationsApi } from './annotations-client.ts';
export { descriptorFromSpan, descriptorFromMapNode } from '../../../shared/notes/xray-adapt.ts';
