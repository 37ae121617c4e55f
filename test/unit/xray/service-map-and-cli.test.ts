import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateTraces } from '../../../bench/gen-xray.ts';
import { command } from '../../../electron/cli/commands/traces.ts';
import { UsageError } from '../../../electron/cli/util.ts';
import { loadXray } from '../../../shared/xray/load.ts';
import { binHistogram, computeServiceMap, serviceGraphToMap } from '../../../shared/xray/service-map.ts';
import { stateRunsFromTrace } from '../../../shared/xray/step-functions.ts';
import { CORPUS } from '../../support/corpus.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TID = '1-5f000000-000000000000000000000001';

describe('service map from traces', () => {
  it('counts node requests by status and edges from the caller side', () => {
    const docs = [];
    for (let i = 0; i < 4; i++) {
      const t = `1-5f00000${i}-00000000000000000000000${i}`;
      const status = [200, 404, 429, 503][i];
      docs.push({
        trace_id: t,
        id: `a${i}`,
        name: 'front',
        start_time: 10,
        end_time: 10 + 0.1 * (i + 1),
        http: { response: { status } },
        subsegments: [
          {
            id: `s${i}`,
            name: 'back.internal',
            namespace: 'remote',
            start_time: 10,
            end_time: 10.05,
            http: { response: { status } },
          },
        ],
      });
      docs.push({
        trace_id: t,
        id: `b${i}`,
        name: 'back',
        parent_id: `s${i}`,
        start_time: 10.01,
        end_time: 10.04,
        http: { response: { status } },
      });
    }
    const map = computeServiceMap(loadXray([{ name: 'm.json', text: JSON.stringify(docs) }]).traces);
    const front = map.nodes.find((n) => n.id === 'front|')!;
    expect(front).toMatchObject({ requests: 4, ok: 1, errors: 1, throttles: 1, faults: 1, inferred: false });
    expect(front.avgMs).toBeCloseTo(250, 3);
    const edge = map.edges.find((e) => e.from === 'front|' && e.to === 'back|')!;
    // Edge latency as the caller saw it (the 50 ms subsegment), not the callee's 30 ms.
    expect(edge.avgMs).toBeCloseTo(50, 0);
    expect(edge.requests).toBe(4);
    expect(map.edges.find((e) => e.from === 'front|client')!.requests).toBe(4);
    // The call had a callee segment, so no "back.internal" remote node is invented.
    expect(map.nodes.some((n) => n.type === 'remote')).toBe(false);
    expect(edge.histogram.reduce((n, h) => n + h.count, 0)).toBe(4);
  });

  it('computes the map of 100,000 spans over 1,000 traces in linear time', () => {
    const ds = loadXray([{ name: 'big.json', text: JSON.stringify(generateTraces(1000, 100)) }]);
    const spans = ds.traces.reduce((n, t) => n + t.spans.filter((s) => !s.synthetic).length, 0);
    const t0 = performance.now();
    const map = computeServiceMap(ds.traces);
    const ms = performance.now() - t0;
    console.log(
      `service map of ${spans} spans over ${ds.traces.length} traces: ${ms.toFixed(1)} ms, ${map.nodes.length} nodes, ${map.edges.length} edges`,
    );
    expect(spans).toBe(100_000);
    const total = map.nodes.filter((n) => !n.client).reduce((n, x) => n + x.requests, 0);
    expect(total).toBe(ds.traces.reduce((n, t) => n + t.spans.filter((s) => s.kind !== 'subsegment').length, 0));
  });

  it('bins sparse histograms for drawing', () => {
    const bins = binHistogram(
      [
        { ms: 10, count: 2 },
        { ms: 20, count: 1 },
        { ms: 110, count: 5 },
      ],
      10,
    );
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(bins[9].count).toBe(5);
    expect(binHistogram([{ ms: 5, count: 3 }])).toEqual([{ fromMs: 5, toMs: 6, count: 3 }]);
    expect(binHistogram([])).toEqual([]);
  });

  it('skips service graph edges to unknown nodes with a warning', () => {
    const { map, diagnostics } = serviceGraphToMap([
      { ReferenceId: 0, Name: 'a', Type: 'AWS::EC2::Instance', Edges: [{ ReferenceId: 9 }] },
      'junk',
    ]);
    expect(map.nodes).toHaveLength(1);
    expect(map.edges).toHaveLength(0);
    expect(diagnostics.map((d) => d.code)).toEqual(['xray-graph-shape', 'xray-graph-edge']);
  });
});

describe('Step Functions state runs', () => {
  it('finds states at any depth when the state names are known', () => {
    const doc = {
      trace_id: TID,
      id: 'sm',
      name: 'Orders',
      origin: 'AWS::StepFunctions::StateMachine',
      start_time: 0,
      end_time: 10,
      subsegments: [
        {
          id: 'p',
          name: 'Fan Out',
          start_time: 1,
          end_time: 5,
          subsegments: [
            {
              id: 'b1',
              name: 'Charge',
              start_time: 1,
              end_time: 2,
              fault: true,
              cause: { exceptions: [{ id: 'e', message: 'card declined' }] },
            },
            { id: 'b2', name: 'Reserve', start_time: 1, end_time: 3 },
          ],
        },
        { id: 'w', name: 'Wait A Bit', start_time: 5, end_time: 9 },
        { id: 'x', name: 'Lambda', namespace: 'aws', start_time: 9, end_time: 9.5 },
        { id: 'd', name: 'Done', start_time: 9.5, in_progress: true },
      ],
    };
    const t = loadXray([{ name: 'sm.json', text: JSON.stringify(doc) }]).traces[0];
    expect([...stateRunsFromTrace(t).keys()]).toEqual(['Fan Out', 'Wait A Bit', 'Done']);
    const runs = stateRunsFromTrace(t, new Set(['Fan Out', 'Charge', 'Reserve', 'Wait A Bit', 'Done']));
    expect(runs.get('Charge')).toMatchObject({ status: 'fault', message: 'card declined', runs: 1, durationMs: 1000 });
    expect(runs.get('Wait A Bit')!.durationMs).toBe(4000);
    expect(runs.get('Done')).toMatchObject({ status: 'pending', end: undefined });
  });
});

function io(cwd = repo) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, cwd, env: {} }, out: () => out, err: () => err };
}

describe('statescope traces', () => {
  it('prints traces, the service map and diagnostics as JSON for sample files and folders', async () => {
    const c = io();
    const code = await command.run(['samples/xray', '--json'], c.io);
    expect(code).toBe(0);
    const json = JSON.parse(c.out());
    expect(Object.keys(json)).toEqual(['traces', 'summaries', 'serviceMap', 'diagnostics']);
    expect(json.traces.length).toBe(8);
    expect(Object.keys(json.traces[0])).toEqual([
      'id',
      'start',
      'duration',
      'responseTime',
      'segments',
      'spans',
      'root',
      'status',
      'ok',
      'error',
      'fault',
      'throttle',
      'partial',
    ]);
    // resources and inProgress follow when a node has them.
    expect(Object.keys(json.serviceMap.nodes[0]).slice(0, 10)).toEqual([
      'id',
      'name',
      'type',
      'inferred',
      'requests',
      'ok',
      'errors',
      'faults',
      'throttles',
      'avgMs',
    ]);
    expect(json.serviceMap.nodes.find((n: { name: string }) => n.name === 'SNS').resources).toHaveLength(1);
    expect(Object.keys(json.serviceMap.edges[0])).toEqual([
      'from',
      'to',
      'requests',
      'errors',
      'faults',
      'throttles',
      'avgMs',
    ]);
    const api = json.traces.find(
      (t: { root: string; spans: number; segments: number }) => t.root === 'orders-api/prod',
    );
    expect(api.spans).toBeGreaterThan(api.segments);
  });

  it('filters GetTraceSummaries files too, and prints summaries with their status in --json', async () => {
    const file = path.join(CORPUS, 'xray/xray-devguide/xray-api-gettingdata__block06.json');
    const all = io();
    expect(await command.run([file, '--json'], all.io)).toBe(0);
    const json = JSON.parse(all.out());
    expect(json.traces).toEqual([]);
    expect(json.summaries.map((s: { id: string }) => s.id)).toEqual([
      '1-59602606-a43a1ac52fc7ee0eea12a82c',
      '1-59602603-23fc5b688855d396af79b496',
    ]);
    expect(json.summaries[1]).toMatchObject({
      status: 'ok',
      ok: true,
      error: false,
      fault: false,
      throttle: false,
      partial: false,
      responseTime: 3232,
      users: ['5M388M1E'],
    });
    const pick = async (expr: string) => {
      const c = io();
      expect(await command.run([file, '--filter', expr, '--json'], c.io), expr).toBe(0);
      return JSON.parse(c.out()).summaries.map((s: { id: string }) => s.id.slice(2, 10));
    };
    expect(await pick('http.url ENDSWITH "/api/user"')).toEqual(['59602603']);
    expect(await pick('responsetime > 1')).toEqual(['59602603']);
    expect(await pick('annotation.UserID')).toEqual(['59602603']);
    expect(await pick('user = "5M388M1E"')).toEqual(['59602603']);
    expect(await pick('ok AND http.method = "POST"')).toEqual(['59602606', '59602603']);
    expect(await pick('fault')).toEqual([]);
    const text = io();
    expect(await command.run([file, '--filter', 'responsetime < 1'], text.io)).toBe(0);
    expect(text.out()).toMatch(/1 trace summary\(ies\)/);
  });

  it('filters with an expression, and reports expression errors as usage errors', async () => {
    const c = io();
    expect(
      await command.run(['samples/xray/errors-and-throttles.ndjson', '--filter', 'throttle', '--json'], c.io),
    ).toBe(0);
    const json = JSON.parse(c.out());
    expect(json.traces).toHaveLength(1);
    expect(json.traces[0].throttle).toBe(true);
    await expect(command.run(['samples/xray', '--filter', 'service("x"'], io().io)).rejects.toThrow(UsageError);
  });

  it('exits 2 for unreadable or non-X-Ray input and 1 for error diagnostics', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xray-cli-'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"Traces": [');
    fs.writeFileSync(path.join(dir, 'asl.json'), '{"StartAt": "A", "States": {}}');
    fs.writeFileSync(
      path.join(dir, 'cycle.json'),
      JSON.stringify([
        {
          trace_id: TID,
          id: 'a',
          name: 'a',
          parent_id: 'bs',
          start_time: 1,
          end_time: 2,
          subsegments: [{ id: 'as', name: 'x', start_time: 1, end_time: 2 }],
        },
        {
          trace_id: TID,
          id: 'b',
          name: 'b',
          parent_id: 'as',
          start_time: 1,
          end_time: 2,
          subsegments: [{ id: 'bs', name: 'y', start_time: 1, end_time: 2 }],
        },
      ]),
    );
    const bad = io(dir);
    expect(await command.run(['bad.json'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/bad\.json:1:\d+: error: Not valid JSON/);
    expect(await command.run(['asl.json'], io(dir).io)).toBe(2);
    expect(await command.run(['missing.json'], io(dir).io)).toBe(2);
    fs.writeFileSync(path.join(dir, 'numbers.json'), '[1,2,3]');
    expect(await command.run(['numbers.json'], io(dir).io)).toBe(2);
    const cyc = io(dir);
    expect(await command.run(['cycle.json', '--json'], cyc.io)).toBe(1);
    expect(JSON.parse(cyc.out()).diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'xray-cycle',
      file: 'cycle.json',
    });
    // A folder skips files that are not X-Ray data but still reports broken JSON.
    expect(await command.run(['.'], io(dir).io)).toBe(2);
    await expect(command.run([], io(dir).io)).rejects.toThrow(UsageError);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
