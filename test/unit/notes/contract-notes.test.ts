/** The notes.* methods end to end through the contract's validators and the host's handlers, in a temp data folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../support/host.ts';
import { ContractError, VALIDATORS } from '../../../shared/contract.ts';

let host: TestHost;
let call: TestHost['call'];

beforeAll(async () => {
  host = await startTestHost('statescope-notes-contract-');
  call = host.call;
});

afterAll(() => host.close());

describe('notes.* over the contract', () => {
  it('lists notes in Korean with the topic tree and attribution', async () => {
    const result = await call('notes.list', { lang: 'ko' });
    expect(result.notes.length).toBeGreaterThan(20);
    expect(result.notes[0]!.lang).toBe('ko');
    expect(result.topics.length).toBeGreaterThan(0);
    expect(result.attribution).toContain('CC BY 4.0');
  });

  it('searches and narrows by topic; unknown topics are refused', async () => {
    const hits = await call('notes.list', { lang: 'en', query: 'envelope' });
    expect(hits.notes[0]!.id).toBe('kms-envelope-encryption');
    const topic = await call('notes.list', { lang: 'en', topic: 'glue' });
    expect(topic.notes.map((n) => n.id)).toEqual(['glue']);
    await expect(call('notes.list', { lang: 'en', topic: 'nope' })).rejects.toThrow(/Unknown topic/);
  });

  it('validates arguments strictly at the boundary', () => {
    expect(() => VALIDATORS['notes.list']({ lang: 'fr' })).toThrow(ContractError);
    expect(() => VALIDATORS['notes.list']({ lang: 'en', query: 'x'.repeat(201) })).toThrow(ContractError);
    expect(() => VALIDATORS['notes.annotations.add']({ key: 'f', element: 'e' })).toThrow(/markdown/);
    expect(() => VALIDATORS['notes.annotations.add']({ key: 'f', element: 'e', markdown: 7 })).toThrow(ContractError);
    expect(() => VALIDATORS['notes.annotations.add']({ key: 'f', element: 'e'.repeat(1025), markdown: 'm' })).toThrow(
      /1024/,
    );
    expect(() => VALIDATORS['notes.annotations.update']({ id: 'x'.repeat(65), markdown: 'm' })).toThrow(ContractError);
    expect(() => VALIDATORS['notes.annotations.delete']([])).toThrow(ContractError);
    expect(() => VALIDATORS['notes.annotations.import']({ text: '' })).toThrow(ContractError);
    expect(VALIDATORS['notes.annotations.list'](undefined)).toEqual({});
    expect(VALIDATORS['notes.annotations.add']({ key: 'f', element: 'e', markdown: 'm', extra: 1 })).toEqual({
      key: 'f',
      element: 'e',
      markdown: 'm',
    });
  });

  it('adds, lists, updates, exports, deletes and imports annotations', async () => {
    const a = await call('notes.annotations.add', {
      key: '/tmp/flow.asl.json',
      element: 'Ship',
      markdown: 'check **.sync**',
    });
    expect((await call('notes.annotations.list', { key: '/tmp/flow.asl.json' })).map((x) => x.id)).toEqual([a.id]);
    const u = await call('notes.annotations.update', { id: a.id, markdown: 'checked' });
    expect(u.markdown).toBe('checked');
    const exported = await call('notes.annotations.export', {});
    expect(exported.annotations).toHaveLength(1);
    expect(await call('notes.annotations.delete', { id: a.id })).toEqual({ deleted: true });
    expect(await call('notes.annotations.list', {})).toEqual([]);
    expect(await call('notes.annotations.import', { text: JSON.stringify(exported) })).toEqual({
      added: 1,
      updated: 0,
      skipped: 0,
      total: 1,
    });
    await expect(call('notes.annotations.import', { text: '{"format":"x"}' })).rejects.toMatchObject({
      code: 'invalid-import',
    });
  });
});
