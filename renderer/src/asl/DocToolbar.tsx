/**
 * The bar above the graph: the machine (a picker when the file has several), its substitutions, Save, the code
 * view toggle, the path highlight, the exports and Find. With no machine to draw, only Save and the code toggle.
 */
import type { DocumentSummary } from '../workers/document-messages.ts';
import { EditToolbar, type Editing } from '../editor/editing.tsx';
import type { PathMode } from '../editor/highlight-model.ts';
import { useT } from '../i18n/index.ts';
import type { ImageExport } from './use-image-export.ts';

/** The code view toggle ("Edit the source" when nothing can be drawn, so the text is what there is to fix). */
export function CodeToggle({ open, onToggle, fixing }: { open: boolean; onToggle: () => void; fixing?: boolean }) {
  const t = useT();
  return (
    <button
      type="button"
      className="ss-button"
      onClick={onToggle}
      aria-pressed={open}
      data-testid="code-toggle"
      title={fixing ? undefined : t('doc.codeTitle')}
    >
      {open ? t('doc.hideCode') : fixing ? t('doc.editSource') : t('doc.code')}
    </button>
  );
}

function MachineName({
  summary,
  machine,
  onPick,
}: {
  summary: DocumentSummary;
  machine: number;
  onPick: (index: number) => void;
}) {
  const t = useT();
  const current = summary.machines[machine];
  return (
    <>
      {summary.machines.length > 1 ? (
        <label className="ss-machine-picker">
          {t('doc.machine')}{' '}
          <select data-testid="machine-picker" value={machine} onChange={(e) => onPick(Number(e.target.value))}>
            {summary.machines.map((m, i) => (
              <option key={i} value={i}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <span className="ss-machine-name" data-testid="machine-name">
          {summary.machines[0]!.name}
        </span>
      )}
      {current?.placeholders.length ? (
        <span
          className="ss-chip"
          title={current.placeholders.map((p) => `\${${p.name}}${p.value ? ` = ${p.value}` : ''}`).join('\n')}
        >
          {t('doc.substitutions', { count: current.placeholders.length })}
        </span>
      ) : null}
    </>
  );
}

export interface DocToolbarProps {
  summary: DocumentSummary;
  machine: number;
  onPickMachine: (index: number) => void;
  editing: Editing;
  codeOpen: boolean;
  onToggleCode: () => void;
  pathMode: PathMode;
  onPathMode: (mode: PathMode) => void;
  /** False until the machine is laid out (nothing to export yet). */
  canExport: boolean;
  canFind: boolean;
  exports: ImageExport;
  onFind: () => void;
}

export function DocToolbar(p: DocToolbarProps) {
  const t = useT();
  const button = (id: string, onClick: () => void, enabled: boolean, title: string, label: string) => (
    <button type="button" className="ss-button" onClick={onClick} disabled={!enabled} data-testid={id} title={title}>
      {label}
    </button>
  );
  return (
    <div className="ss-doc-bar">
      <MachineName summary={p.summary} machine={p.machine} onPick={p.onPickMachine} />
      <span className="ss-spacer" />
      <EditToolbar editing={p.editing} />
      <CodeToggle open={p.codeOpen} onToggle={p.onToggleCode} />
      <label className="ss-paths-picker" title={t('doc.highlightTitle')}>
        {t('doc.highlight')}
        <select
          data-testid="paths-picker"
          value={p.pathMode}
          onChange={(e) => p.onPathMode(e.target.value as PathMode)}
        >
          <option value="none">{t('doc.hl.none')}</option>
          <option value="errors">{t('doc.hl.errors')}</option>
          <option value="to-selected">{t('doc.hl.toSelected')}</option>
          <option value="unreachable">{t('doc.hl.unreachable')}</option>
        </select>
      </label>
      {button('export-png', () => void p.exports.exportPng('whole'), p.canExport, t('doc.pngTitle'), t('doc.png'))}
      {button(
        'export-png-view',
        () => void p.exports.exportPng('view'),
        p.canExport,
        t('doc.pngViewTitle'),
        t('doc.pngView'),
      )}
      {button('copy-image', () => void p.exports.copyImage(), p.canExport, t('doc.copyImageTitle'), t('doc.copyImage'))}
      {button('export-svg', p.exports.exportSvg, p.canExport, t('doc.exportSvgTitle'), t('doc.exportSvg'))}
      {button('find-button', p.onFind, p.canFind, t('doc.findTitle'), t('doc.find'))}
    </div>
  );
}

/** The bar of a file with no machine to draw: the text can still be fixed in the code view. */
export function FixingToolbar({
  editing,
  codeOpen,
  onToggleCode,
}: {
  editing: Editing;
  codeOpen: boolean;
  onToggleCode: () => void;
}) {
  return (
    <div className="ss-doc-bar">
      <span className="ss-spacer" />
      <EditToolbar editing={editing} />
      <CodeToggle open={codeOpen} onToggle={onToggleCode} fixing />
    </div>
  );
}
