import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, BLOB_BODY_MIN, createHttpApi, requestBody } from '../../../renderer/src/api.ts';

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

/** The bytes `fetch` would send for a body: a string goes as UTF-8, as the browser encodes it. */
async function bytesOf(body: BodyInit | null | undefined): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new Error(`unexpected body ${String(body)}`);
}

describe('requestBody', () => {
  const long = (unit: string) => unit.repeat(Math.ceil(BLOB_BODY_MIN / unit.length) + 1);
  // Each a JSON text as JSON.stringify writes it, long enough to go as a Blob: the bytes must be those of the string.
  const texts: [string, string][] = [
    ['ASCII with escapes', JSON.stringify({ file: 'a.asl.json', text: long('{\n  "StartAt": "A",\t\u0001 }\n') })],
    ['non-ASCII from the start', JSON.stringify({ text: long('상태 머신 — ✓ 😀 é ') })],
    ['non-ASCII only at the end', JSON.stringify({ text: `${long('"States": {}')}끝😀` })],
    ['a surrogate pair across the ASCII-sized part', JSON.stringify({ text: `${'a'.repeat(BLOB_BODY_MIN + 30)}😀😀` })],
    ['lone surrogates (escaped by JSON.stringify)', JSON.stringify({ text: long('x\ud800y\udfffz') })],
  ];
  it.each(texts)('sends the same bytes as the string, as a Blob: %s', async (_name, json) => {
    const body = requestBody(json);
    expect(body).toBeInstanceOf(Blob);
    const bytes = await bytesOf(body);
    expect(bytes.equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(json));
  });

  it('keeps a short body a string', () => {
    const json = JSON.stringify({ path: '/x.asl.json', text: 'x'.repeat(BLOB_BODY_MIN - 100) });
    expect(requestBody(json)).toBe(json);
  });

  it("posts a whole definition as a Blob whose bytes are the arguments' JSON", async () => {
    const fetch = answer(200, JSON.stringify({ diagnostics: [] }));
    vi.stubGlobal('fetch', fetch);
    const args = { file: '/w/big.asl.json', text: long('{ "Type": "Pass", "Comment": "☃\u0007" }\n') };
    await expect(createHttpApi().call('asl.validate', args)).resolves.toEqual({ diagnostics: [] });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.body).toBeInstanceOf(Blob);
    expect((await bytesOf(init.body)).equals(Buffer.from(JSON.stringify(args), 'utf8'))).toBe(true);
  });
});
