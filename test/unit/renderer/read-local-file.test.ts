import { describe, expect, it } from 'vitest';
import {
  HEAD_BYTES,
  MAX_LOCAL_BYTES,
  decodeLocal,
  readLargeFile,
  readLocalFile,
} from '../../../renderer/src/app/read-local-file.ts';
import { detectXray } from '../../../shared/xray/load.ts';

describe('decodeLocal', () => {
  it('decodes UTF-8 text, including Korean and emoji', () => {
    const text = '{"Comment":"주문 ✅"}';
    expect(decodeLocal(new TextEncoder().encode(text), 'a.json')).toEqual({ ok: true, name: 'a.json', text });
  });

  it('refuses binary content and says where the NUL byte is', () => {
    const r = decodeLocal(new Uint8Array([0x89, 0x50, 0x00, 0x01]), 'img.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/binary.*offset 2/);
    // In the window's language.
    const ko = decodeLocal(new Uint8Array([0x89, 0x50, 0x00, 0x01]), 'img.json', 'ko');
    expect(!ko.ok && ko.message).toMatch(/img\.json.*바이너리.*오프셋 2/);
  });

  it('calls a file with a NUL byte binary, whether or not the rest is UTF-8', () => {
    const invalid = decodeLocal(new Uint8Array([0x7b, 0xff, 0x00, 0x7d]), 'x.json');
    expect(!invalid.ok && invalid.message).toMatch(/binary.*offset 2/);
    // The offset is in bytes (the Korean characters take three each), not in characters.
    const valid = decodeLocal(new TextEncoder().encode('{"주문": "\u0000"}'), 'y.json');
    expect(!valid.ok && valid.message).toMatch(/binary.*offset 12/);
  });

  it('refuses text that is not UTF-8', () => {
    const r = decodeLocal(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'latin.json');
    expect(!r.ok && r.message).toMatch(/not valid UTF-8/);
  });
});

describe('readLocalFile', () => {
  it('refuses files over the limit without reading them', async () => {
    const huge = {
      name: 'big.json',
      size: MAX_LOCAL_BYTES + 1,
      arrayBuffer: () => Promise.reject(new Error('read')),
    } as unknown as File;
    const r = await readLocalFile(huge);
    expect(!r.ok && r.message).toMatch(/the limit is 64\.0 MB/);
  });
});

describe('readLargeFile', () => {
  const big = '{"Traces": [' + ' '.repeat(HEAD_BYTES) + ']}';
  const headOf = async (file: Blob) => (await readLargeFile(file))?.head;

  it('reads a large file whole, once, and gives its start as text, enough for routing by content', async () => {
    const read = await readLargeFile(new Blob([big]));
    expect(read?.bytes.byteLength).toBe(big.length);
    expect(new TextDecoder().decode(read!.bytes)).toBe(big);
    expect(read?.head).toHaveLength(HEAD_BYTES);
    expect(detectXray(read!.head!)).toBe(true);
    // A character cut at the end of the head is replaced, not an error (the whole file is checked where it is decoded).
    const cut = await headOf(new Blob(['{"Traces": "' + 'a'.repeat(HEAD_BYTES - 13) + '한', '"}']));
    expect(cut?.endsWith('\uFFFD')).toBe(true);
    // A start that is not text: the bytes still come (the decoder says why), with no head to route by.
    const binary = await readLargeFile(new Blob([new Uint8Array([0x7b, 0]), big]));
    expect(binary?.head).toBeNull();
    expect(binary?.bytes.byteLength).toBe(big.length + 2);
  });

  it('is null for a file read the usual way: small, over the limit, or one that cannot be read', async () => {
    expect(await readLargeFile(new Blob(['{"Traces": []}']))).toBeNull();
    expect(await readLargeFile({ size: MAX_LOCAL_BYTES + 1 } as Blob)).toBeNull();
    const unreadable = { size: HEAD_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('gone')) };
    expect(await readLargeFile(unreadable as unknown as Blob)).toBeNull();
  });
});
