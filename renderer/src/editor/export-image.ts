/**
 * Pictures of the graph: the SVG from `renderSvg` (the same drawing as `statescope render`), turned into a PNG by
 * drawing it on a canvas, either whole or cropped to the part of the graph on screen now.
 */

/** Where the SVG's drawing starts relative to layout coordinates (see `renderSvg`: margin, then a title band). */
export const SVG_MARGIN = 16;
export const SVG_HEADER = 36;

/** Largest canvas side we ask the browser for (bigger canvases fail silently in some browsers). */
const MAX_CANVAS = 16_384;

/** A safe file name from a machine name. */
export function fileNameFor(name: string, ext: string): string {
  return `${(name || 'state-machine').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')}.${ext}`;
}

/** Saves a blob as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  return { width: m ? Number(m[1]) : 800, height: m ? Number(m[2]) : 600 };
}

/**
 * The SVG with its viewBox narrowed to the part of the graph on screen: `viewport` is React Flow's pan and zoom,
 * `width`×`height` the canvas size in pixels.
 */
export function cropSvgToView(
  svg: string,
  viewport: { x: number; y: number; zoom: number },
  width: number,
  height: number,
): string {
  const zoom = viewport.zoom > 0 ? viewport.zoom : 1;
  const x = -viewport.x / zoom + SVG_MARGIN;
  const y = -viewport.y / zoom + SVG_MARGIN + SVG_HEADER;
  const w = width / zoom;
  const h = height / zoom;
  const r = (v: number) => Math.round(v * 100) / 100;
  return svg.replace(
    /<svg([^>]*?)\swidth="[^"]*"\sheight="[^"]*"\sviewBox="[^"]*"/,
    `<svg$1 width="${r(w)}" height="${r(h)}" viewBox="${r(x)} ${r(y)} ${r(w)} ${r(h)}"`,
  );
}

/** Why an image could not be made, as a message key (the caller says it in the user's language). */
export class ImageError extends Error {
  constructor(readonly key: 'image.notDrawable' | 'image.noCanvas' | 'image.tooLarge') {
    super(key);
  }
}

/** Draws an SVG on a canvas (scaled by `scale`, capped to what browsers allow) and returns it as a PNG blob. */
export async function svgToPng(svg: string, scale = 2, background = '#ffffff'): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const factor = Math.max(0.05, Math.min(scale, MAX_CANVAS / Math.max(width, 1), MAX_CANVAS / Math.max(height, 1)));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new ImageError('image.notDrawable'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * factor));
    canvas.height = Math.max(1, Math.round(height * factor));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new ImageError('image.noCanvas');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new ImageError('image.tooLarge'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** How copying an image ended: copied, not possible in this browser, or refused (with the browser's reason). */
export type CopyOutcome = { kind: 'copied' } | { kind: 'unsupported' } | { kind: 'refused'; reason: string };

/** Puts a PNG on the clipboard; the outcome says why when the browser refuses (permissions, no secure context). */
export async function copyPng(blob: Blob): Promise<CopyOutcome> {
  const Item = (globalThis as { ClipboardItem?: typeof ClipboardItem }).ClipboardItem;
  if (!navigator.clipboard?.write || !Item) return { kind: 'unsupported' };
  try {
    await navigator.clipboard.write([new Item({ 'image/png': blob })]);
    return { kind: 'copied' };
  } catch (err) {
    return { kind: 'refused', reason: err instanceof Error ? err.message : String(err) };
  }
}
