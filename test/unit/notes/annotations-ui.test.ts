/** The renderer's annotation client against the real host handlers (through the contract validators). */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from '../../support/host.ts';
import type { StatescopeApi } from '../../../shared/contract.ts';
import {
  AnnotationsEditor,
  annotationsClient,
  draftProblem,
  importSummaryText,
} from '../../../renderer/src/notes/index.ts';

let host: TestHost;
let api: Pick<StatescopeApi, 'call'>;

beforeAll(async () => {
  host = await startTestHost('statescope-annotations-ui-');
  api = { call: host.call as StatescopeApi['call'] };
});

afterAll(() => host.close());

describe('annotations client', () => {
  it('round-trips add, list, update, export, remove and import', async () => {
    const client = annotationsClient(api);
    const target = { key: 'sample:human-approval', element: 'Request Approval' };
    const a = await client.add(target, 'Token goes in the **message**.');
    expect((await client.list(target)).map((x) => x.id)).toEqual([a.id]);
    expect((await client.list({ ...target, element: 'Other' })).length).toBe(0);
    await client.update(a.id, 'Token goes in the message body.');
    const text = await client.exportText();
    expect(JSON.parse(text).annotations[0].markdown).toBe('Token goes in the message body.');
    expect(await client.remove(a.id)).toEqual({ deleted: true });
    const summary = await client.importText(text);
    expect(importSummaryText(summary, 'en')).toBe('1 added, 0 updated, 0 already present');
    expect(importSummaryText(summary, 'ko')).toBe('1개 추가, 0개 갱신, 0개는 이미 있음');
    await expect(client.importText('not json')).rejects.toThrow(/not valid JSON/);
  });

  it('checks drafts before sending', () => {
    expect(draftProblem('  ', 'en')).toMatch(/Write something/);
    expect(draftProblem('x'.repeat(100_001), 'ko')).toMatch(/100000자/);
    expect(draftProblem('ok', 'en')).toBeNull();
  });

  it('renders nothing without a target and an empty editor for a target', () => {
    expect(renderToStaticMarkup(createElement(AnnotationsEditor, { target: null, lang: 'en', api }))).toBe('');
    const html = renderToStaticMarkup(
      createElement(AnnotationsEditor, { target: { key: 'k', element: 'e' }, lang: 'ko', api }),
    );
    expect(html).toContain('내 메모');
    expect(html).toContain('data-testid="annotation-draft"');
  });
});
