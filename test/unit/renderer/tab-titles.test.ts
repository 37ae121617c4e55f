import { describe, expect, it } from 'vitest';
import { disambiguatedTitles } from '../../../renderer/src/app/documents.ts';

describe('tab titles', () => {
  it('leave unique names alone and tell same-named files apart by their folders', () => {
    const titles = disambiguatedTitles([
      { id: 'a', title: 'machine.asl.json', path: '/srv/orders/machine.asl.json' },
      { id: 'b', title: 'machine.asl.json', path: '/srv/billing/machine.asl.json' },
      { id: 'c', title: 'other.asl.json', path: '/srv/orders/other.asl.json' },
      { id: 'd', title: 'x.json', path: '/a/same/x.json' },
      { id: 'e', title: 'x.json', path: '/b/same/x.json' },
      { id: 'f', title: 'Welcome' },
    ]);
    expect(titles.get('a')).toBe('machine.asl.json — orders');
    expect(titles.get('b')).toBe('machine.asl.json — billing');
    expect(titles.get('c')).toBe('other.asl.json');
    expect(titles.get('d')).toBe('x.json — a/same');
    expect(titles.get('e')).toBe('x.json — b/same');
    expect(titles.get('f')).toBe('Welcome');
  });

  it('works with Windows paths', () => {
    const titles = disambiguatedTitles([
      { id: 'a', title: 'm.json', path: 'C:\\one\\m.json' },
      { id: 'b', title: 'm.json', path: 'C:\\two\\m.json' },
    ]);
    expect([titles.get('a'), titles.get('b')]).toEqual(['m.json — one', 'm.json — two']);
  });
});
