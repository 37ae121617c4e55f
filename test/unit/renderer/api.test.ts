import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpApi } from '../../../renderer/src/api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function answer(status: number, body: string) {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } }));
}

describe('createHttpApi', () => {
  it('posts the arguments as JSON to /api/call/<method> with the cookie and returns the result', async () => {
    const fetch = answer(200, JSON.stringify({ mode: 'web', launchFiles: [] }));
    vi.stubGlobal('fetch', fetch);
    const api = createHttpApi('http://127.0.0.1:9');
    await expect(api.call('app.info', {})).resolves.toEqual({ mode: 'web', launchFiles: [] });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/api/call/app.info');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(JSON.parse(String(init.body))).toEqual({});
  });

  it("turns the host's error body into an ApiError with its message, code and status", async () => {
    vi.stubGlobal(
      'fetch',
      answer(404, JSON.stringify({ error: { message: 'No such file: /x.json', code: 'not-found' } })),
    );
    const err = await createHttpApi()
      .call('files.read', { path: '/x.json' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ message: 'No such file: /x.json', code: 'not-found', status: 404 });
  });

  it('keeps a plain-text refusal (401) readable', async () => {
    vi.stubGlobal('fetch', answer(401, 'Unauthorized\n'));
    await expect(createHttpApi().call('files.samples', {})).rejects.toMatchObject({
      message: 'Unauthorized',
      status: 401,
    });
  });

  it('reports an unreachable host as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(createHttpApi().call('files.samples', {})).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('Failed to fetch'),
    });
  });
});
