/**
 * Selection both ways between the graph and the code view (spans are offsets in the opened text): selecting a
 * state marks and scrolls to its source; moving the cursor into a state selects it (and brings it into view when
 * it is off screen); picking a problem moves the cursor to its line and column.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SourceSpan } from '../../../shared/asl/types.ts';
import { spanAt } from '../editor/editing.tsx';

export interface CodeLink {
  codeHighlight: { from: number; to: number; scroll: number } | null;
  onCursor: (offset: number) => void;
  cursorTo: { line: number; column: number; seq: number } | null;
  moveCursor: (line: number, column: number) => void;
}

export function useCodeLink(
  spans: Record<string, SourceSpan> | undefined,
  selected: string | null,
  select: (id: string) => void,
  revealIfHidden: (id: string) => void,
): CodeLink {
  const [cursorTo, setCursorTo] = useState<{ line: number; column: number; seq: number } | null>(null);
  const [scrollSeq, setScrollSeq] = useState(0);
  const selectionFromCode = useRef(false);
  const selectedRef = useRef(selected);
  useEffect(() => {
    selectedRef.current = selected;
    if (selectionFromCode.current) {
      selectionFromCode.current = false;
      return;
    }
    if (selected) setScrollSeq((n) => n + 1);
  }, [selected]);
  const selectedSpan = selected && spans ? spans[selected] : undefined;
  const codeHighlight = useMemo(
    () => (selectedSpan ? { from: selectedSpan.start, to: selectedSpan.end, scroll: scrollSeq } : null),
    [selectedSpan, scrollSeq],
  );
  const onCursor = useCallback(
    (offset: number) => {
      const id = spanAt(spans, offset);
      if (!id || id === selectedRef.current) return;
      selectionFromCode.current = true;
      selectedRef.current = id;
      select(id);
      revealIfHidden(id);
    },
    [spans, select, revealIfHidden],
  );
  const moveCursor = useCallback(
    (line: number, column: number) => setCursorTo((prev) => ({ line, column, seq: (prev?.seq ?? 0) + 1 })),
    [],
  );
  return { codeHighlight, onCursor, cursorTo, moveCursor };
}
