/**
 * Reads a file the user picked or dropped in the window (web mode has no host path for it). Applies the same
 * refusals as the host: too large, binary (a NUL byte), not UTF-8.
 */

/** Larger files are refused before reading, so the window never stalls on a stray disk image. */
export const MAX_LOCAL_BYTES = 64 * 1024 * 1024;

export type LocalRead = { ok: true; name: string; text: string } | { ok: false; name: string; message: string };

function size(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Decodes bytes as UTF-8 text, or explains why they are not text. */
export function decodeLocal(bytes: Uint8Array, name: string): LocalRead {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      name,
      message: `${name} looks like a binary file (it contains a NUL byte at offset ${nul}); Statescope opens text files only.`,
    };
  }
  try {
    return { ok: true, name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, name, message: `${name} is not valid UTF-8 text; save it as UTF-8 and try again.` };
  }
}

/** Reads one picked or dropped file. */
export async function readLocalFile(file: File): Promise<LocalRead> {
  if (file.size > MAX_LOCAL_BYTES) {
    return {
      ok: false,
      name: file.name,
      message: `${file.name} is ${size(file.size)}; the limit is ${size(MAX_LOCAL_BYTES)}.`,
    };
  }
  try {
    return decodeLocal(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (err) {
    return {
      ok: false,
      name: file.name,
      message: `Cannot read ${file.name}: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
