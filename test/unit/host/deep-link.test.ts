/** `statescope://` links in the desktop app (electron/deep-link.ts): only the documented route is accepted. */
import { describe, expect, it } from 'vitest';
import { linksFromArgv, parseAppLink } from '../../../electron/deep-link.ts';
import { parseLink } from '../../../renderer/src/app/deep-link.ts';

describe('statescope:// links', () => {
  it('accept each documented route and give the page the same view as its fragment', () => {
    const cases = [
      [
        'statescope://open?doc=%2Fsrv%2Fflow.asl.json&machine=Main&state=Check+Order',
        { doc: '/srv/flow.asl.json', machine: 'Main', state: 'Check Order' },
      ],
      ['statescope://open/?doc=sample%3Aorder-processing', { doc: 'sample:order-processing' }],
      ['statescope://open?doc=%2Fa.json&execution=%2Fruns%2Fr1.json', { doc: '/a.json', execution: '/runs/r1.json' }],
      [
        'statescope://open?doc=%2Fa.json&xray=%2Ft1.json&xray=%2Ft2.json&trace=1-5f1a2b3c-0123456789abcdef01234567',
        { doc: '/a.json', xray: ['/t1.json', '/t2.json'], trace: '1-5f1a2b3c-0123456789abcdef01234567' },
      ],
      ['statescope://open?xray=C%3A%5Ctraces%5Cbatch.json', { xray: ['C:\\traces\\batch.json'] }],
    ] as const;
    for (const [url, view] of cases) {
      const link = parseAppLink(url);
      expect(link, url).not.toBeNull();
      expect(parseLink(link!.hash), url).toEqual(view);
    }
  });

  it('names the host paths to grant (samples need none)', () => {
    expect(parseAppLink('statescope://open?doc=sample%3Aa&execution=%2Fh.json&xray=%2Ft.json&trace=x')!.paths).toEqual([
      '/h.json',
      '/t.json',
    ]);
  });

  it('refuse everything else', () => {
    for (const url of [
      'statescope://run?doc=%2Fa.json',
      'statescope://open?doc=relative.json',
      'statescope://open?doc=%2Fa.json&cmd=rm',
      'statescope://open?doc=%2Fa.json&doc=%2Fb.json',
      'statescope://open?state=A',
      'statescope://open?execution=%2Fh.json',
      'statescope://open?doc=%2Fa.json&trace=1-abc',
      'statescope://open',
      'statescope://open/extra?doc=%2Fa.json',
      'statescope://user:pw@open?doc=%2Fa.json',
      'statescope://open:99?doc=%2Fa.json',
      'statescope://open?doc=%2Fa.json#x',
      'statescope://open?doc=%2Fa%00.json',
      'https://open?doc=%2Fa.json',
      'file:///etc/passwd',
      'not a url',
      `statescope://open?doc=%2F${'a'.repeat(20_000)}`,
    ])
      expect(parseAppLink(url), url).toBeNull();
  });

  it('take links out of a command line, leaving files and switches', () => {
    expect(linksFromArgv(['/app', '--flag', 'statescope://open?doc=%2Fa', 'b.json'])).toEqual({
      links: ['statescope://open?doc=%2Fa'],
      rest: ['/app', '--flag', 'b.json'],
    });
  });
});
