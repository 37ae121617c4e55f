import { describe, expect, it } from 'vitest';
import { findStates, nextSelection, type NavInput } from '../../../renderer/src/asl/navigation.ts';

// A  ->  B  ->  D
//  \->  C  -/        (C sits to the right of B on the same row)
const input: NavInput = {
  centres: new Map([
    ['A', { x: 100, y: 0 }],
    ['B', { x: 100, y: 100 }],
    ['C', { x: 300, y: 100 }],
    ['D', { x: 100, y: 200 }],
    ['Far', { x: 900, y: 400 }],
  ]),
  selectable: new Set(['A', 'B', 'C', 'D', 'Far']),
  edges: [
    { source: 'A', target: 'B' },
    { source: 'A', target: 'C' },
    { source: 'B', target: 'D' },
    { source: 'C', target: 'D' },
  ],
};

describe('nextSelection', () => {
  it('starts at the top-left node when nothing is selected', () => {
    expect(nextSelection(input, null, 'down')).toBe('A');
  });

  it('follows successors down, preferring the one straight below', () => {
    expect(nextSelection(input, 'A', 'down')).toBe('B');
    expect(nextSelection(input, 'C', 'down')).toBe('D');
  });

  it('follows predecessors up', () => {
    expect(nextSelection(input, 'D', 'up')).toBe('B');
    expect(nextSelection(input, 'C', 'up')).toBe('A');
  });

  it('moves sideways to the neighbour on the same row', () => {
    expect(nextSelection(input, 'B', 'right')).toBe('C');
    expect(nextSelection(input, 'C', 'left')).toBe('B');
    expect(nextSelection(input, 'B', 'left')).toBeNull();
  });

  it('falls back to geometry when there is no edge that way', () => {
    expect(nextSelection(input, 'D', 'down')).toBe('Far');
    expect(nextSelection(input, 'A', 'up')).toBeNull();
  });

  it('never lands on a node that cannot be selected', () => {
    const limited = { ...input, selectable: new Set(['A', 'C', 'D']) };
    expect(nextSelection(limited, 'A', 'down')).toBe('C');
  });
});

describe('findStates', () => {
  const names = ['Validate Order', 'Label Item', 'Pack Item', 'label', 'Order Failed'];

  it('matches case-insensitively, exact match first, then prefixes, then shorter names', () => {
    expect(findStates(names, 'label')).toEqual(['label', 'Label Item']);
    expect(findStates(names, 'ORDER')).toEqual(['Order Failed', 'Validate Order']);
  });

  it('returns nothing for no match and everything (capped) for an empty query', () => {
    expect(findStates(names, 'zzz')).toEqual([]);
    expect(findStates(names, '  ', 2)).toEqual(['Validate Order', 'Label Item']);
  });
});
