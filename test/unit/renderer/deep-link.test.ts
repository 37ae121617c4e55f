import { describe, expect, it } from 'vitest';
import { formatLink, parseLink, viewLinkOf } from '../../../renderer/src/app/deep-link.ts';

describe('view links', () => {
  it('round-trip a document, machine and state, names with spaces and symbols included', () => {
    const link = { doc: '/srv/me/flows/order #1.asl.json', machine: 'Order Flow', state: 'In Stock? & more' };
    expect(parseLink(formatLink(link))).toEqual(link);
    expect(parseLink(formatLink({ doc: 'sample:order-processing' }))).toEqual({ doc: 'sample:order-processing' });
    expect(parseLink(formatLink({ doc: 'C:\\flows\\a.json', state: 'A' }))).toEqual({
      doc: 'C:\\flows\\a.json',
      state: 'A',
    });
  });

  it('names nothing for files with no path to open again, and for junk', () => {
    expect(formatLink({ doc: 'picked.asl.json' })).toBe('');
    expect(formatLink({ doc: 'aws:arn:aws:states:us-east-1:1:stateMachine:x' })).toBe('');
    expect(parseLink('')).toBeNull();
    expect(parseLink('#doc=relative/path.json')).toBeNull();
    expect(parseLink('#%E0%A4%A')).toBeNull();
  });
});

describe('links to executions, traces and X-Ray tabs', () => {
  it('round-trip every documented route', () => {
    const routes = [
      { doc: '/srv/flow.asl.json', execution: '/srv/runs/run-1.json' },
      {
        doc: 'sample:order-processing',
        xray: ['sample:xray-a', '/srv/t.json'],
        trace: '1-5f1a2b3c-0123456789abcdef01234567',
      },
      { xray: ['/srv/traces/batch.json'] },
      { xray: ['/a.json', '/b.json'] },
    ];
    for (const link of routes) expect(parseLink(formatLink(link))).toEqual(link);
  });

  it('refuse anything else: unknown parameters, repeats, orphans, relative paths', () => {
    for (const hash of [
      '#doc=/a.json&run=1',
      '#doc=/a.json&doc=/b.json',
      '#execution=/h.json',
      '#doc=/a.json&trace=1-abc',
      '#doc=/a.json&execution=relative.json',
      '#xray=relative.json',
      '#xray=/t.json&state=A',
      `#doc=/a.json&xray=/t.json&trace=${'x'.repeat(201)}`,
      '#doc=/a%00.json',
    ])
      expect(parseLink(hash), hash).toBeNull();
  });

  it('name what a tab shows, with the overlay drawn on it when it came from a file', () => {
    const tab = {
      id: 't',
      kind: 'asl' as const,
      title: 'a',
      source: { path: '/a.json', name: 'a', text: '' },
      revision: 0,
    };
    expect(viewLinkOf(tab, { machine: 'M', state: null }, { execution: '/h.json' })).toEqual({
      doc: '/a.json',
      machine: 'M',
      execution: '/h.json',
    });
    expect(viewLinkOf(tab, undefined, { xray: ['/t.json'], trace: '1-a' })).toEqual({
      doc: '/a.json',
      xray: ['/t.json'],
      trace: '1-a',
    });
    expect(viewLinkOf({ ...tab, fetched: true }, undefined, undefined)).toBeNull();
    const xray = { id: 'x', kind: 'xray' as const, title: 'x', files: [{ name: 'x', text: '', path: '/t.json' }] };
    expect(viewLinkOf(xray, undefined, undefined)).toEqual({ xray: ['/t.json'] });
    expect(viewLinkOf({ ...xray, files: [{ name: 'x', text: '' }] }, undefined, undefined)).toBeNull();
    expect(viewLinkOf({ id: 'w', kind: 'welcome', title: 'W' }, undefined, undefined)).toBeNull();
  });
});
