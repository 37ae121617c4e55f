import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { graphReport } from '../../../shared/asl/report.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { analyzeHistory, applyExecution, executionOverlay } from '../../../shared/sfn/history.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = path.join(repo, 'samples/history');
const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
  id: string;
  name: string;
  file: string;
  description: string;
}[];

async function orderGraph() {
  const file = path.join(repo, 'samples/asl/order-processing.asl.json');
  const doc = await loadDocument(file, fs.readFileSync(file, 'utf8'));
  return { doc, graph: buildGraph(doc.machines[0]!) };
}

describe('bundled history samples', () => {
  it('are listed with id, name, file and description, and each loads cleanly', () => {
    expect(index.length).toBeGreaterThanOrEqual(2);
    for (const s of index) {
      expect(s.id).toMatch(/^history-/);
      expect(s.name.length).toBeGreaterThan(5);
      expect(s.description.length).toBeGreaterThan(20);
      const r = analyzeHistory(JSON.parse(fs.readFileSync(path.join(dir, s.file), 'utf8')));
      expect(r.problems, s.file).toEqual([]);
      expect(
        r.runs.every((x) => x.durationMs !== undefined),
        s.file,
      ).toBe(true);
    }
  });

  it('overlay the order-processing sample machine: every state they name exists in it', async () => {
    const { graph } = await orderGraph();
    const ok = analyzeHistory(JSON.parse(fs.readFileSync(path.join(dir, 'order-processing-succeeded.json'), 'utf8')));
    const overlay = applyExecution(graph, ok);
    expect(Object.keys(ok.states).filter((n) => !(n in overlay))).toEqual([]);
    expect(overlay['Validate Order']).toMatchObject({ status: 'succeeded', retries: 1, runs: 1 });
    expect(overlay['Check Inventory']).toMatchObject({ status: 'succeeded', runs: 2 });
    expect(overlay['Wait For Restock']!.durationMs).toBe(60_000);
    expect(overlay['Print Label']).toMatchObject({ status: 'succeeded', runs: 2 });
    expect(overlay['Order Failed']!.status).toBe('not-run');
    expect(overlay['Done']!.status).toBe('succeeded');

    const bad = analyzeHistory(
      JSON.parse(fs.readFileSync(path.join(dir, 'order-processing-payment-declined.json'), 'utf8')),
    );
    const o2 = applyExecution(graph, bad);
    expect(bad.status).toBe('failed');
    expect(o2['Charge Payment']).toMatchObject({ status: 'failed', error: 'PaymentDeclined' });
    expect(o2['Process Order']!.status).toBe('caught');
    expect(o2['Reserve Stock']!.status).toBe('succeeded');
    expect(o2['Order Failed']!.status).toBe('failed');
    expect(o2['Notify Customer']!.status).toBe('not-run');
  });

  it('executionOverlay adds an execution block to the graph --json report', async () => {
    const { doc, graph } = await orderGraph();
    const report = graphReport(doc, [graph]);
    const text = fs.readFileSync(path.join(dir, 'order-processing-payment-declined.json'), 'utf8');
    const out = executionOverlay(report, text);
    expect(out.stateMachines).toBe(report.stateMachines);
    expect(out.execution.status).toBe('failed');
    expect(out.execution.error).toBe('OrderFailed');
    expect(out.execution.machines).toHaveLength(1);
    expect(out.execution.machines[0]!.states['Charge Payment']!.status).toBe('failed');
    expect(out.execution.machines[0]!.unknownStates).toEqual([]);
    expect(Object.keys(out.execution.machines[0]!.states)).toHaveLength(graph.states.length);
  });
});
