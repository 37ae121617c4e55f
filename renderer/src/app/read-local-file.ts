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
 * The start of a large file as text, for routing it by content without reading it all here (an X-Ray file is then
 * read and decoded by the X-Ray worker); null for a file small enough to read whole, one over the size limit, or
 * a start that is not text (the whole read then gives the reason).
 */
export async function largeFileHead(file: Blob): Promise<string | null> {
  if (file.size <= HEAD_BYTES || file.size > MAX_LOCAL_BYTES) return null;
  try {
    const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
    return bytes.indexOf(0) === -1 ? new TextDecoder().decode(bytes) : null;
  } catch {
    return null;
  }
}
