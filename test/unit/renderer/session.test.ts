/** What the page remembers across a reload (open tabs) and across starts (recent files): renderer/src/app/session.ts. */
import { describe, expect, it } from 'vitest';
import { parseSession, RECENT_MAX, sessionOf, withRecent } from '../../../renderer/src/app/session.ts';
import type { DocumentTab } from '../../../renderer/src/app/documents.ts';

const tabs: DocumentTab[] = [
  { id: 'welcome', kind: 'welcome', title: 'Welcome' },
  { id: 't1', kind: 'asl', title: 'a', source: { path: '/srv/a.asl.json', name: 'a', text: '' }, revision: 0 },
  { id: 't2', kind: 'asl', title: 'picked', source: { path: 'picked.json', name: 'p', text: '' }, revision: 0 },
  {
    id: 't3',
    kind: 'asl',
    title: 'aws',
    source: { path: 'aws:arn:aws:states:us-east-1:1:stateMachine:x', name: 'x', text: '' },
    revision: 0,
    fetched: true,
  },
  { id: 't4', kind: 'xray', title: 'x', files: [{ name: 'x', text: '', path: 'sample:xray-order' }] },
  { id: 't5', kind: 'xray', title: 'y', files: [{ name: 'y', text: '' }] },
  { id: 't6', kind: 'xray', title: 'live', files: [], live: true },
  { id: 'notes-tab', kind: 'notes', title: 'notes' },
  { id: 't7', kind: 'unreadable', title: 'bad', path: '/bad', message: 'm' },
];

describe('session memory', () => {
  it('keeps the tabs that can be read again, and which one was shown', () => {
    expect(sessionOf(tabs, 't4')).toEqual({
      tabs: [{ asl: '/srv/a.asl.json' }, { xray: ['sample:xray-order'] }, { notes: true }],
      active: 1,
    });
    // A shown tab that cannot be kept leaves no index.
    expect(sessionOf(tabs, 't2').active).toBeUndefined();
  });

  it('reads back only well-formed entries (storage is outside input)', () => {
    const saved = sessionOf(tabs, 't1');
    expect(parseSession(JSON.stringify(saved))).toEqual(saved);
    expect(parseSession(null)).toBeNull();
    expect(parseSession('{not json')).toBeNull();
    expect(parseSession('{"tabs":3}')).toBeNull();
    expect(
      parseSession(
        JSON.stringify({
          tabs: [{ asl: 'relative.json' }, { asl: '/ok.json' }, { xray: [] }, { xray: ['/t', 5] }, { aws: 'yes' }, 7],
          active: 4,
        }),
      ),
    ).toEqual({ tabs: [{ asl: '/ok.json' }] });
  });

  it('recent files: newest first, no repeats, at most RECENT_MAX', () => {
    let list: string[] = [];
    for (let i = 0; i < RECENT_MAX + 3; i++) list = withRecent(list, `/f${i}`);
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]).toBe(`/f${RECENT_MAX + 2}`);
    expect(withRecent(list, '/f5')[0]).toBe('/f5');
    expect(withRecent(list, '/f5').filter((p) => p === '/f5')).toHaveLength(1);
  });
});
