import { describe, expect, it } from 'vitest';
import { MAX_LOCAL_BYTES, decodeLocal, readLocalFile } from '../../../renderer/src/app/read-local-file.ts';

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
