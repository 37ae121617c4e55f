/**
 * The waterfall's state: which spans are collapsed (deep levels start collapsed above COLLAPSE_THRESHOLD spans)
 * and the in-trace search, answered by the worker, with the match the user stepped to.
 */
import { useEffect, useMemo, useState } from 'react';
import { latest } from '../workers/xray-client.ts';
import { collapsedBelow, visibleRows, type TimelineData } from './timeline-model.ts';

/** Above this many spans the waterfall opens with deep levels collapsed. */
export const COLLAPSE_THRESHOLD = 2000;
const NO_MATCHES = new Int32Array(0);

const initialCollapse = (data: TimelineData) =>
  data.spanCount > COLLAPSE_THRESHOLD ? collapsedBelow(data, 2) : new Set<number>();

export function useCollapsed(data: TimelineData) {
  const [collapsed, setCollapsed] = useState<Set<number>>(() => initialCollapse(data));
  useEffect(() => {
    setCollapsed(initialCollapse(data));
  }, [data]);
  const rows = useMemo(() => visibleRows(data, collapsed), [data, collapsed]);
  const toggle = (i: number) => {
    const next = new Set(collapsed);
    if (!next.delete(i)) next.add(i);
    setCollapsed(next);
  };
  return { collapsed, setCollapsed, rows, toggle };
}

export function useTraceSearch(data: TimelineData, search: (query: string) => Promise<Int32Array>) {
  const [query, setQueryText] = useState('');
  const [matches, setMatches] = useState<Int32Array>(NO_MATCHES);
  const [matchAt, setMatchAt] = useState(0);
  const searches = useMemo(() => latest(), []);
  useEffect(() => {
    setQueryText('');
  }, [data]);
  useEffect(() => {
    if (!query.trim()) {
      searches(Promise.resolve(NO_MATCHES), setMatches, () => undefined);
      return;
    }
    searches(search(query), setMatches, () => setMatches(NO_MATCHES));
  }, [query, search, searches]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const setQuery = (text: string) => {
    setQueryText(text);
    setMatchAt(0);
  };
  return { query, setQuery, matches, matchSet, matchAt, setMatchAt };
}
