/**
 * Reads a file the user picked or dropped in the window (web mode has no host path for it). Applies the same
 * refusals as the host: too large, binary (a NUL byte), not UTF-8, each explained in the window's language.
 */
import { translate, type Lang } from '../i18n/index.ts';

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
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      name,
      message: translate(lang, 'app.local.binary', { name, offset: nul }),
    };
  }
  try {
    return { ok: true, name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, name, message: translate(lang, 'app.local.notUtf8', { name }) };
  }
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
