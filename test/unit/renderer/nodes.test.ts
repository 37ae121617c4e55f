import { describe, expect, it } from 'vitest';
import { fitHeaderItems, mapLines, retryTooltip } from '../../../renderer/src/asl/nodes.tsx';

describe('fitHeaderItems', () => {
  it('keeps every chip when the group is wide enough', () => {
    expect(fitHeaderItems(['Map', 'Map'], ['concurrency 5'], 600)).toEqual({ shown: ['concurrency 5'], hidden: [] });
  });

  it('moves what does not fit in two rows behind "+N more", in order', () => {
    const items = [
      'EXPRESS children',
      'reader: S3 · GetObject (CSV)',
      'batch: ≤ 100 items',
      'writer: S3 · PutObject',
      'tolerates 5%',
    ];
    const { shown, hidden } = fitHeaderItems(['Import Orders', 'Distributed Map'], items, 320);
    expect(shown.length).toBeGreaterThan(0);
    expect(hidden.length).toBeGreaterThan(0);
    expect([...shown, ...hidden]).toEqual(items);
  });
});

describe('node texts', () => {
  it('spells out every retrier in the Retry tooltip', () => {
    expect(
      retryTooltip([
        { errorEquals: ['States.Timeout'], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 },
        {
          errorEquals: ['States.ALL'],
          intervalSeconds: 5,
          maxAttempts: 2,
          backoffRate: 1.5,
          maxDelaySeconds: 60,
          jitterStrategy: 'FULL',
        },
      ]),
    ).toBe(
      'States.Timeout · attempts 3 · interval 1s · backoff ×2\nStates.ALL · attempts 2 · interval 5s · backoff ×1.5 · max delay 60s · jitter FULL',
    );
  });

  it('lists the Distributed Map parts worth seeing on the node', () => {
    const lines = mapLines({
      map: {
        mode: 'DISTRIBUTED',
        legacyIterator: false,
        executionType: 'EXPRESS',
        itemReader: 'S3 · GetObject (CSV)',
        itemBatcher: '≤ 100 items',
        resultWriter: 'S3 · PutObject',
        toleratedFailure: '5%',
        maxConcurrency: 10,
      },
    } as never);
    expect(lines).toEqual([
      'EXPRESS children',
      'reader: S3 · GetObject (CSV)',
      'batch: ≤ 100 items',
      'writer: S3 · PutObject',
      'tolerates 5%',
      'concurrency 10',
    ]);
  });
});
