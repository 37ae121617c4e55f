/**
 * What the document view tells the shell and takes from it: the drawn machine's states (to match executions and
 * traces), the shown machine and state (kept in the URL), the status line, and a followed link's machine and
 * state (selected and centred once drawn).
 */
import { useEffect } from 'react';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import type { LayoutResult } from '../workers/document-messages.ts';
import { useT } from '../i18n/index.ts';
import { takePendingView, type Snapshot } from './snapshot.ts';
import type { FlowModel } from './to-flow.ts';
import { statusLine } from './view-model.ts';

export interface DocSyncOptions {
  path: string;
  name: string;
  active: boolean;
  snap: Snapshot;
  update: (patch: Partial<Snapshot>) => void;
  graph: StateGraph | null;
  model: FlowModel | null;
  result: LayoutResult | null;
  busy: boolean;
  allDiagnostics: Diagnostic[];
  centreOn: (id: string) => void;
  pendingFocus: { current: string | null };
  onStatus: (text: string) => void;
  onGraph?: (info: { name: string; states: string[] }) => void;
  onLocation?: (location: { machine: string; state: string | null }) => void;
}

export function useDocSync(o: DocSyncOptions): void {
  const { path, active, snap, update, graph, model, centreOn, pendingFocus, onGraph, onLocation } = o;
  const { summary, machine } = snap;

  useEffect(() => {
    if (graph && onGraph) onGraph({ name: graph.name, states: graph.states.map((s) => s.id) });
  }, [graph, onGraph]);

  // A followed link: pick its machine, then select its state (centred once drawn, see below) with details open.
  useEffect(() => {
    if (!summary) return;
    const link = takePendingView(path);
    if (!link) return;
    const index = link.machine ? summary.machines.findIndex((m) => m.name === link.machine) : -1;
    // A link to the document alone changes nothing here (no render of the view and its graph again).
    if (index < 0 && !link.state) return;
    if (link.state) pendingFocus.current = link.state;
    update({
      ...(index >= 0 ? { machine: index } : {}),
      ...(link.state ? { selected: link.state, detailsOpen: true } : {}),
    });
  }, [summary, path, update, pendingFocus]);

  // The shown machine and state, for the URL.
  const machineName = summary?.machines[machine]?.name ?? '';
  useEffect(() => {
    if (active && machineName && onLocation) onLocation({ machine: machineName, state: snap.selected });
  }, [active, machineName, snap.selected, onLocation]);

  // After a find expanded a collapsed group (or a link named a state), select and centre it once it is drawn.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id || !model?.centres.has(id)) return;
    pendingFocus.current = null;
    update({ selected: id });
    centreOn(id);
  }, [model, centreOn, update, pendingFocus]);

  useStatusLine(o);
}

function useStatusLine(o: DocSyncOptions): void {
  const t = useT();
  const { active, snap, name, graph, result, allDiagnostics, busy, onStatus } = o;
  const cachedLabel = t('bar.cached');
  useEffect(() => {
    if (!active) return;
    onStatus(
      statusLine(
        {
          name,
          openError: snap.openError,
          summary: snap.summary,
          machine: snap.machine,
          stateCount: graph ? graph.states.length : null,
          diagnostics: allDiagnostics,
          result,
          busy,
        },
        t,
      ),
    );
    // The language changing is seen through `cachedLabel` (`t` is a new function on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    active,
    snap.openError,
    snap.summary,
    snap.machine,
    graph,
    result,
    allDiagnostics,
    busy,
    name,
    onStatus,
    cachedLabel,
  ]);
}
