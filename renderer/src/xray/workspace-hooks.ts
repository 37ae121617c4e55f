/**
 * The X-Ray workspace's state, one hook per concern, each talking to the X-Ray worker (renderer/src/workers):
 * the dataset read from the files, the filter applied to it, the opened trace with its selected span, the traces
 * through a map selection, and the opened trace's own map. Replies that a newer request has overtaken are
 * dropped (`latest()`); a failure becomes a `failed` state with its message.
 */
import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ServiceMap, Trace } from '../../../shared/xray/types.ts';
import { latest, xrayClient } from '../workers/xray-client.ts';
import type { XrayFiltered, XrayInput, XrayOverview } from '../workers/xray-messages.ts';
import { LangContext } from '../i18n/index.ts';
import type { MapSelection } from './ServiceMapView.tsx';
import { recordStateMachineTraces } from './state-machine-traces.ts';
import { sameTimeline, span as col, type TimelineData } from './timeline-model.ts';
import type { TraceRow } from './view-model.ts';
import { appliedFilter, filterProblem } from './workspace-model.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

export type XrayClient = ReturnType<typeof xrayClient>;

export interface WorkspaceSelectEvent {
  kind: 'segment' | 'service';
  origin?: string;
  type?: string;
  name: string;
}

export const NO_ROWS: TraceRow[] = [];

/**
 * Reads the files in the worker. New files for a dataset already shown (a live tab, a file changed on disk)
 * keep the current view, with its selection and scroll, until the new data is read. `onRead` is told each time.
 */
export function useDataset(files: XrayInput[], onRead: (value: XrayOverview) => void) {
  const client = xrayClient();
  const lang = useContext(LangContext);
  const datasetId = `xray-${useId()}`;
  const [attempt, setAttempt] = useState(0);
  const [overview, setOverview] = useState<Loaded<XrayOverview>>({ state: 'loading' });
  const told = useRef(onRead);
  useEffect(() => {
    told.current = onRead;
  });
  useEffect(() => {
    let live = true;
    setOverview((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }));
    client.open(datasetId, files, lang).then(
      (value) => {
        if (!live) return;
        setOverview({ state: 'ready', value });
        recordStateMachineTraces(files, value.stateMachineTraces);
        told.current(value);
      },
      (err: Error) => live && setOverview({ state: 'failed', message: err.message }),
    );
    return () => {
      live = false;
    };
    // The language only words a failure: a change of it alone does not read the files again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, datasetId, files, attempt]);
  useEffect(() => () => client.close(datasetId), [client, datasetId]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { client, datasetId, overview, retry };
}

/**
 * The filter box's text and what it selects. A bad expression selects nothing and says why (the box underlines
 * it); a good one is applied in the worker, and only the newest answer is kept.
 */
export function useFilter(client: XrayClient, datasetId: string, ready: XrayOverview | null) {
  const [filterText, setFilterText] = useState('');
  const [applied, setApplied] = useState('');
  const [result, setResult] = useState<XrayFiltered | null>(null);
  const [filterFailure, setFilterFailure] = useState<string | null>(null);
  const filters = useMemo(() => latest(), []);
  const invalid = useMemo(() => filterProblem(filterText), [filterText]);
  useEffect(() => {
    const next = appliedFilter(filterText);
    if (next !== undefined) setApplied(next);
  }, [filterText]);
  useEffect(() => {
    if (!ready) return;
    setFilterFailure(null);
    if (!applied) {
      filters(Promise.resolve(null), setResult, () => undefined);
      return;
    }
    filters(client.filter(datasetId, applied), setResult, (err) => {
      setResult(null);
      setFilterFailure(err.message);
    });
  }, [client, datasetId, ready, applied, filters]);
  return { filterText, setFilterText, invalid, applied, result, filterFailure };
}

/**
 * The opened trace (its waterfall, read in the worker) and its selected span (whose details are read on
 * selection). When the data is read again, the open trace's timeline is read again too (it may have grown).
 */
export function useTraceSelection(
  client: XrayClient,
  datasetId: string,
  ready: XrayOverview | null,
  onSelect: ((sel: WorkspaceSelectEvent) => void) | undefined,
) {
  const [traceId, setTraceId] = useState<string | undefined>(undefined);
  const [timeline, setTimeline] = useState<Loaded<TimelineData> | null>(null);
  const [span, setSpan] = useState<number | null>(null);
  const [details, setDetails] = useState<Loaded<Trace> | null>(null);
  const timelines = useMemo(() => latest(), []);
  const spans = useMemo(() => latest(), []);
  const data = timeline?.state === 'ready' && timeline.value.id === traceId ? timeline.value : null;

  const openSpan = useCallback(
    (id: string, index: number | null) => {
      setSpan(index);
      if (index === null) {
        spans(Promise.resolve(null), setDetails, () => undefined);
        return;
      }
      setDetails({ state: 'loading' });
      spans(
        client.span(datasetId, id, index).then((value): Loaded<Trace> => ({ state: 'ready', value })),
        setDetails,
        (err) => setDetails({ state: 'failed', message: err.message }),
      );
    },
    [client, datasetId, spans],
  );

  const wanted = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = wanted.current;
    if (!ready || !id) return;
    timelines(
      client.timeline(datasetId, id),
      // An unchanged trace keeps the shown object (no re-render, collapsed rows and search kept).
      (value) =>
        setTimeline((prev) =>
          prev?.state === 'ready' && sameTimeline(prev.value, value) ? prev : { state: 'ready', value },
        ),
      () => undefined,
    );
  }, [client, datasetId, ready, timelines]);

  const selectTrace = (row: TraceRow) => {
    wanted.current = row.id;
    setTraceId(row.id);
    setSpan(null);
    setDetails(null);
    if (row.trace < 0) {
      timelines(Promise.resolve(null), setTimeline, () => undefined);
      return;
    }
    setTimeline({ state: 'loading' });
    timelines(
      client.timeline(datasetId, row.id).then((value): Loaded<TimelineData> => {
        // The entry segment's details open with the timeline.
        if (wanted.current === row.id) openSpan(row.id, value.root >= 0 ? value.root : null);
        return { state: 'ready', value };
      }),
      setTimeline,
      (err) => setTimeline({ state: 'failed', message: err.message }),
    );
  };

  const selectSpan = (i: number) => {
    if (!data) return;
    openSpan(data.id, i);
    if (onSelect) {
      const origin = col.origin(data, i) || col.origin(data, data.segment[i]);
      onSelect({ kind: 'segment', origin: origin || undefined, name: col.name(data, i) });
    }
  };

  const search = useCallback(
    (query: string) => client.search(datasetId, traceId ?? '', query),
    [client, datasetId, traceId],
  );

  return { traceId, timeline, data, span, details, openSpan, selectTrace, selectSpan, search };
}

/** The list rows of the traces through a map selection (its filter expression within the applied filter). */
export function useMapTraces(
  client: XrayClient,
  datasetId: string,
  ready: XrayOverview | null,
  applied: string,
  mapExpression: string,
): TraceRow[] {
  const [mapTraces, setMapTraces] = useState<TraceRow[]>(NO_ROWS);
  const mapQueries = useMemo(() => latest(), []);
  useEffect(() => {
    if (!ready || !mapExpression || ready.traceCount === 0) {
      mapQueries(Promise.resolve(NO_ROWS), setMapTraces, () => undefined);
      return;
    }
    mapQueries(client.mapTraces(datasetId, applied, { kind: 'expression', text: mapExpression }), setMapTraces, () =>
      setMapTraces(NO_ROWS),
    );
  }, [client, datasetId, ready, applied, mapExpression, mapQueries]);
  return mapTraces;
}

/** The shown trace's own map (the console's trace map), read from the worker when that view is shown. */
export function useTraceMap(client: XrayClient, datasetId: string, traceView: 'timeline' | 'map', shown?: string) {
  const [traceMap, setTraceMap] = useState<{ id: string; map: Loaded<ServiceMap> } | null>(null);
  const [traceMapSel, setTraceMapSel] = useState<MapSelection>(null);
  const traceMaps = useMemo(() => latest(), []);
  useEffect(() => {
    if (traceView !== 'map' || !shown) return;
    setTraceMapSel(null);
    setTraceMap({ id: shown, map: { state: 'loading' } });
    traceMaps(
      client
        .traceMap(datasetId, shown)
        .then((value) => ({ id: shown, map: { state: 'ready', value } as Loaded<ServiceMap> })),
      setTraceMap,
      (err) => setTraceMap({ id: shown, map: { state: 'failed', message: err.message } }),
    );
  }, [client, datasetId, traceView, shown, traceMaps]);
  const shownMap = traceMap && traceMap.id === shown ? traceMap.map : null;
  return { shownMap, traceMapSel, setTraceMapSel };
}
