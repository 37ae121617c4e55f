import { describe, expect, it } from 'vitest';
import { formatLink, parseLink } from '../../../renderer/src/app/deep-link.ts';

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
