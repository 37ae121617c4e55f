/**
 * A picked or dropped file's bytes as UTF-8 text, or why they are not text (a NUL byte: binary; invalid UTF-8).
 * Shared by the page (read-local-file.ts, which words the reasons in the window's language) and the X-Ray worker,
 * which decodes large X-Ray files itself so the page never holds their text.
 */
export type BytesText =
  { ok: true; text: string } | { ok: false; reason: 'binary'; offset: number } | { ok: false; reason: 'notUtf8' };

export function textOfBytes(bytes: Uint8Array): BytesText {
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, reason: 'binary', offset: nul };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'notUtf8' };
  }
}
