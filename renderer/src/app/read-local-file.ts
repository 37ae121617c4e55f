/**
 * Reads a file the user picked or dropped in the window (web mode has no host path for it). Applies the same
 * refusals as the host: too large, binary (a NUL byte), not UTF-8, each explained in the window's language.
 */
import { translate, type Lang } from '../i18n/index.ts';
import { textOfBytes, type BytesText } from '../workers/local-bytes.ts';

/** Larger files are refused before reading, so the window never stalls on a stray disk image. */
export const MAX_LOCAL_BYTES = 64 * 1024 * 1024;

export type LocalRead = { ok: true; name: string; text: string } | { ok: false; name: string; message: string };

function size(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Decodes bytes as UTF-8 text, or explains why they are not text. */
export function decodeLocal(bytes: Uint8Array, name: string, lang: Lang = 'en'): LocalRead {
  const r = textOfBytes(bytes);
  if (r.ok) return { ok: true, name, text: r.text };
  return { ok: false, name, message: unreadableMessage(r, name, lang) };
}

/** Why a file's bytes are not text, in the window's language. */
export function unreadableMessage(r: Exclude<BytesText, { ok: true }>, name: string, lang: Lang = 'en'): string {
  return r.reason === 'binary'
    ? translate(lang, 'app.local.binary', { name, offset: r.offset })
    : translate(lang, 'app.local.notUtf8', { name });
}

/** Reads one picked or dropped file. */
export async function readLocalFile(file: File, lang: Lang = 'en'): Promise<LocalRead> {
  if (file.size > MAX_LOCAL_BYTES) {
    return {
      ok: false,
      name: file.name,
      message: translate(lang, 'app.local.tooLarge', {
        name: file.name,
        size: size(file.size),
        limit: size(MAX_LOCAL_BYTES),
      }),
    };
  }
  try {
    return decodeLocal(new Uint8Array(await file.arrayBuffer()), file.name, lang);
  } catch (err) {
    return {
      ok: false,
      name: file.name,
      message: translate(lang, 'app.local.cannotRead', {
        name: file.name,
        message: err instanceof Error ? err.message : String(err),
      }),
    };
  }
}

/** Bytes read from the start of a large file to route it: `detectXray` looks at 65,536 characters, ≤ 4 bytes each. */
export const HEAD_BYTES = 4 * 65536;

/**
 * A large file read whole, with its start as text for routing it by content (an X-Ray file's bytes are then handed
 * to the X-Ray worker, which decodes them, so its text is never decoded on this thread; any other file is decoded
 * from the same bytes, not read twice). Null for a file small enough to read as usual, one over the size limit, or
 * one that cannot be read (the usual read then says why); `head` is null when the start is not text.
 */
export async function readLargeFile(file: Blob): Promise<{ bytes: ArrayBuffer; head: string | null } | null> {
  if (file.size <= HEAD_BYTES || file.size > MAX_LOCAL_BYTES) return null;
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return null;
  }
  const start = new Uint8Array(bytes, 0, Math.min(HEAD_BYTES, bytes.byteLength));
  return { bytes, head: start.indexOf(0) === -1 ? new TextDecoder().decode(start) : null };
}
