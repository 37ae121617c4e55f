/** The daemon.* contract methods and event, with and without a running receiver. */
import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { ContractError, VALIDATORS } from '../../../shared/contract.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createDaemonHandlers } from '../../../electron/host/daemon/handlers.ts';
import { startDaemon } from '../../../electron/host/daemon/server.ts';

describe('daemon.* methods', () => {
  it('without a receiver: status is null, the others say how to start one', async () => {
    const h = createDaemonHandlers(undefined, createEventHub());
    expect(await h['daemon.status']()).toBeNull();
    await expect(h['daemon.snapshot']({})).rejects.toThrow(/statescope serve --daemon/);
    await expect(h['daemon.clear']()).rejects.toThrow(/statescope serve --daemon/);
  });

  it('validates snapshot arguments at the boundary', () => {
    expect(VALIDATORS['daemon.snapshot']({})).toEqual({});
    expect(VALIDATORS['daemon.snapshot']({ newest: 5 })).toEqual({ newest: 5 });
    expect(() => VALIDATORS['daemon.snapshot']({ newest: 0 })).toThrow(ContractError);
    expect(() => VALIDATORS['daemon.snapshot']({ newest: 'x' })).toThrow(ContractError);
  });

  it('with a receiver: documents raise daemon.documents; snapshot (all or newest), clear and status agree', async () => {
    const daemon = await startDaemon({ address: '127.0.0.1:0' });
    try {
      const events = createEventHub();
      const seen: { traceIds: string[]; accepted: number }[] = [];
      events.subscribe((name, payload) => {
        if (name === 'daemon.documents') {
          const p = payload as { traceIds: string[]; status: { accepted: number } };
          seen.push({ traceIds: p.traceIds, accepted: p.status.accepted });
        }
      });
      const h = createDaemonHandlers(daemon, events);
      const sock = dgram.createSocket('udp4');
      for (const n of [1, 2, 3]) {
        const doc = {
          trace_id: `1-5f000000-${String(n).padStart(24, '0')}`,
          id: `000000000000000${n}`,
          name: 's',
          start_time: 1,
          end_time: 2,
        };
        await new Promise<void>((resolve) =>
          sock.send(`{"format":"json","version":1}\n${JSON.stringify(doc)}`, daemon.udp.port, '127.0.0.1', () =>
            resolve(),
          ),
        );
      }
      sock.close();
      // Waits only as long as the three datagrams take; the bound is for a loaded machine (the full suite on 2 cores).
      const end = Date.now() + 15_000;
      while (seen.reduce((n, s) => n + s.traceIds.length, 0) < 3 && Date.now() < end)
        await new Promise((r) => setTimeout(r, 10));
      expect(seen.flatMap((s) => s.traceIds)).toHaveLength(3);
      const status = await h['daemon.status']();
      expect(status).toMatchObject({ udp: `127.0.0.1:${daemon.udp.port}`, accepted: 3, traces: 3, maxTraces: 10_000 });
      const all = await h['daemon.snapshot']({});
      expect(all.text.trim().split('\n')).toHaveLength(3);
      const newest = await h['daemon.snapshot']({ newest: 1 });
      expect(newest.traces).toBe(1);
      expect(newest.text).toContain('"0000000000000003"');
      expect(await h['daemon.clear']()).toMatchObject({ traces: 0, accepted: 3 });
    } finally {
      await daemon.close();
    }
  });
});
