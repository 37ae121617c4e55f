/**
 * `app.start`: the one start-up call. It answers what the five calls it replaces answer (app.info, settings.get,
 * files.samples, session.getOpenDocuments, daemon.status), and prepares the first ASL sample exactly as the
 * page's document worker would open it: the same summary, graph and positions as load + graph + layout of the
 * same text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALIDATORS, ContractError, type Handlers } from '../../../shared/contract.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService, type FileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers, createRecovery, type Recovery } from '../../../electron/host/handlers.ts';
import { HostError } from '../../../electron/host/errors.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'samples');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-app-start-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function handlers(
  options: { launchFiles?: string[]; recovery?: Recovery; files?: FileService; prewarm?: boolean } = {},
): Handlers {
  return createHandlers({
    mode: 'web',
    version: '1.2.3',
    launchFiles: options.launchFiles ?? [],
    files: options.files ?? createFileService({ samplesDir: SAMPLES, grants: createGrants() }),
    dataDir: fs.mkdtempSync(path.join(dir, 'data-')),
    events: createEventHub(),
    env: {},
    recovery: options.recovery,
    prewarm: options.prewarm,
  });
}

describe('app.start', () => {
  it('answers what the calls it replaces answer, in one call', async () => {
    const h = handlers();
    const start = await h['app.start']({});
    expect(start.info).toEqual(await h['app.info']({}));
    expect(start.settings).toEqual(await h['settings.get']({}));
    expect(start.samples).toEqual(await h['files.samples']({}));
    expect(start.samples.length).toBeGreaterThan(0);
    expect(start.openDocuments).toEqual([]);
    expect(start.daemon).toBeNull();
    expect(start.samplesError).toBeUndefined();
    // Not asked for the first sample: none prepared.
    expect(start.first).toBeNull();
  });

  it('prepares the first ASL sample as the document worker opens it: same summary, graph and positions', async () => {
    const h = handlers({ prewarm: true });
    const start = await h['app.start']({ first: true });
    const firstId = start.samples.find((s) => s.kind === 'asl')!.id;
    expect(start.first?.file).toEqual(await h['files.readSample']({ id: firstId }));
    const prepared = start.first!.prepared!;
    expect(prepared.summary.file).toBe(`sample:${firstId}`);
    expect(prepared.summary.machines.map((m) => m.name)).toEqual(['order-processing']);
    // The worker's own steps on the same text (loader named after the sample's file, machine 0, nothing collapsed).
    const loaded = await loadDocument(start.first!.file.name, start.first!.file.text);
    const graph = buildGraph(loaded.machines[0]!);
    const layout = await layoutGraph(graph, { collapsed: [] });
    expect(prepared.summary.diagnostics).toEqual(loaded.diagnostics);
    expect(prepared.layout?.graph).toEqual(graph);
    expect(prepared.layout?.layout).toEqual(layout);
    expect(prepared.layout).toMatchObject({ machine: 0, collapsed: [], diagnostics: [], cached: false });
    // Prepared once: the next page load gets the same object's values without laying out again.
    const again = await h['app.start']({ first: true });
    expect(again.first?.prepared?.layout?.layout).toEqual(layout);
  });

  it('prepares nothing when launch files or crashed documents open first', async () => {
    const launched = path.join(dir, 'launched.asl.json');
    fs.writeFileSync(launched, '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    expect((await handlers({ launchFiles: [launched] })['app.start']({ first: true })).first).toBeNull();

    const recovery = createRecovery();
    const h = handlers({ recovery });
    await h['session.setOpenDocuments']({ paths: ['sample:order-processing'] });
    recovery.markCrashed();
    const start = await h['app.start']({ first: true });
    expect(start.openDocuments).toEqual(['sample:order-processing']);
    expect(start.first).toBeNull();
    // Handed back once, as session.getOpenDocuments does.
    expect((await h['app.start']({ first: true })).openDocuments).toEqual([]);
  });

  it('says why the samples could not be listed, and still answers the rest', async () => {
    const files = createFileService({ samplesDir: SAMPLES, grants: createGrants() });
    const broken: FileService = {
      ...files,
      samples: () => Promise.reject(new HostError('The samples folder is missing.', 'no-samples', 500)),
    };
    const start = await handlers({ files: broken })['app.start']({ first: true });
    expect(start.samples).toEqual([]);
    expect(start.samplesError).toBe('The samples folder is missing.');
    expect(start.info.version).toBe('1.2.3');
    expect(start.first).toBeNull();
  });

  it('validates its argument', () => {
    expect(VALIDATORS['app.start']({})).toEqual({});
    expect(VALIDATORS['app.start'](undefined)).toEqual({});
    expect(VALIDATORS['app.start']({ first: true })).toEqual({ first: true });
    expect(() => VALIDATORS['app.start']({ first: 'yes' })).toThrow(ContractError);
  });
});
