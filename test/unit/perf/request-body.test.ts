/**
 * The page's work to send a whole definition to the host in web mode (the validation a new tab asks for once its
 * first drawing is painted), counted rather than timed. Handed the JSON text as a string, fetch encoded 10 MB with
 * Blink's generic codec and copied it into the request on the page's thread: 220–265 ms of CPU for a 20,000-state
 * machine (bench/asl-open-trace.ts --validate), the page frozen just after its graph appeared. Now the text is
 * escaped once (JSON.stringify), encoded by `encodeInto` (at most twice: an ASCII-sized part, then the rest) and
 * handed over as a Blob, whose bytes the browser reads from a background thread: 43–51 ms.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateAsl } from '../../../bench/gen-asl.ts';
import { BLOB_BODY_MIN, createHttpApi } from '../../../renderer/src/api.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('sending a large definition from the page', () => {
  it.each([
    ['ASCII', ''],
    ['with non-ASCII text', '상태 😀'],
  ])(
    'escapes it once, encodes it in at most two passes and never hands fetch a long string (%s)',
    async (_n, extra) => {
      const text = JSON.stringify(generateAsl(2000), null, 2) + extra;
      expect(text.length).toBeGreaterThan(BLOB_BODY_MIN * 10);
      const bodies: unknown[] = [];
      // Made before the counting starts: Node's Response encodes its own text.
      const reply = new Response('{"diagnostics":[]}', { status: 200 });
      vi.stubGlobal(
        'fetch',
        vi.fn(async (_url: string, init: RequestInit) => {
          bodies.push(init.body);
          return reply;
        }),
      );
      const stringify = vi.spyOn(JSON, 'stringify');
      const encode = vi.spyOn(TextEncoder.prototype, 'encode');
      const encodeInto = vi.spyOn(TextEncoder.prototype, 'encodeInto');
      await createHttpApi().call('asl.validate', { file: '/w/big.asl.json', text });
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toBeInstanceOf(Blob);
      expect(stringify).toHaveBeenCalledTimes(1);
      expect(encode).not.toHaveBeenCalled();
      expect(encodeInto.mock.calls.length).toBe(extra ? 2 : 1);
      // Every byte is encoded once: the parts' sizes add up to the body's, nothing encoded twice.
      const encoded = encodeInto.mock.results.reduce((a, r) => a + ((r.value as { written: number }).written ?? 0), 0);
      expect(encoded).toBe((bodies[0] as Blob).size);
    },
  );
});
