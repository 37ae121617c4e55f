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

describe('asl.readPrepared', () => {
  it('answers what files.read and asl.prepare of that text answer, in one call', async () => {
    const file = path.join(dir, 'linked.asl.json');
    fs.writeFileSync(file, '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}');
    const grants = createGrants();
    grants.grantFile(file);
    const h = handlers({ files: createFileService({ samplesDir: SAMPLES, grants }) });
    const answer = await h['asl.readPrepared']({ path: file, prepareMax: 1024 });
    const read = await h['files.read']({ path: file });
    expect(answer.file).toEqual(read);
    // The same as asl.prepare of the text read, but for how long each step took.
    const prepared = await h['asl.prepare']({ file: read.path, name: read.name, text: read.text });
    const untimed = (p: typeof prepared | null) => ({
      summary: { ...p?.summary, loadMs: 0 },
      layout: { ...p?.layout, graphMs: 0, layoutMs: 0 },
    });
    expect(untimed(answer.prepared)).toEqual(untimed(prepared));
    expect(answer.prepared?.layout?.layout?.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['A', 'B']));
    // A text longer than the page's limit comes without a layout (the page lays it out itself).
    expect((await h['asl.readPrepared']({ path: file, prepareMax: read.text.length - 1 })).prepared).toBeNull();
  });

  it('reads a bundled sample by its path, and refuses what files.read refuses with its message', async () => {
    const h = handlers();
    const sample = await h['asl.readPrepared']({ path: 'sample:order-processing', prepareMax: 256 * 1024 });
    expect(sample.file).toEqual(await h['files.readSample']({ id: 'order-processing' }));
    expect(sample.prepared?.summary.machines.map((m) => m.name)).toEqual(['order-processing']);

    const secret = path.join(dir, 'not-granted.asl.json');
    fs.writeFileSync(secret, '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}');
    const refused = await h['files.read']({ path: secret }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(refused).toBeTruthy();
    await expect(h['asl.readPrepared']({ path: secret, prepareMax: 1024 })).rejects.toThrow(refused!);
  });

  it('validates its arguments', () => {
    expect(VALIDATORS['asl.readPrepared']({ path: 'a', prepareMax: 0 })).toEqual({ path: 'a', prepareMax: 0 });
    expect(() => VALIDATORS['asl.readPrepared']({ path: 'a' })).toThrow(ContractError);
    expect(() => VALIDATORS['asl.readPrepared']({ path: 'a', prepareMax: 1.5 })).toThrow(ContractError);
    expect(() => VALIDATORS['asl.readPrepared']({ path: 'a', prepareMax: 2 * 1024 * 1024 })).toThrow(ContractError);
    expect(() => VALIDATORS['asl.readPrepared']({ prepareMax: 10 })).toThrow(ContractError);
  });
});
