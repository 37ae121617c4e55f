/**
 * The drawing as files and on the clipboard: SVG (as laid out now), PNG of the whole graph or of the part on
 * screen, both at 2×, and a PNG copied to the clipboard. Failures are told through `setMessage`.
 */
import type { RefObject } from 'react';
import { renderSvg } from '../../../shared/asl/svg.ts';
import type { StateGraph } from '../../../shared/asl/types.ts';
import type { Layout } from '../../../shared/layout/types.ts';
import { errorMessage } from '../api.ts';
import { currentTheme } from '../app/theme.ts';
import { copyPng, cropSvgToView, downloadBlob, fileNameFor, ImageError, svgToPng } from '../editor/export-image.ts';
import { useT } from '../i18n/index.ts';
import type { FlowView } from './use-flow-view.ts';

export interface ImageExport {
  exportSvg: () => void;
  exportPng: (part: 'whole' | 'view') => Promise<void>;
  copyImage: () => Promise<void>;
}

export function useImageExport(
  graph: StateGraph | null,
  layout: Layout | null | undefined,
  flow: FlowView,
  rootRef: RefObject<HTMLDivElement | null>,
  setMessage: (text: string | null) => void,
): ImageExport {
  const t = useT();

  const drawingSvg = () => {
    if (!graph || !layout) return null;
    const dark = currentTheme() === 'dark';
    return {
      svg: renderSvg(graph, layout, { theme: dark ? 'dark' : 'light' }),
      background: dark ? '#1e1e1e' : '#ffffff',
    };
  };

  const exportSvg = () => {
    const drawing = drawingSvg();
    if (!drawing || !graph) return;
    const url = URL.createObjectURL(new Blob([drawing.svg], { type: 'image/svg+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${(graph.name || 'state-machine').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')}.svg`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  /** PNG of the whole graph, or of the part on screen now. */
  const pngOf = async (part: 'whole' | 'view'): Promise<Blob | null> => {
    const drawing = drawingSvg();
    if (!drawing) return null;
    let svg = drawing.svg;
    // At 2× (sharp on high-density screens and in documents): the whole drawing at twice its size, the part on
    // screen at twice the pixels it has on screen (the crop is in drawing units, so the zoom scales it too).
    let scale = 2;
    if (part === 'view') {
      const box = rootRef.current?.getBoundingClientRect();
      const view = flow.getViewport();
      svg = cropSvgToView(svg, view, box?.width ?? 800, box?.height ?? 600);
      scale = 2 * view.zoom;
    }
    return svgToPng(svg, scale, drawing.background);
  };

  const reason = (err: unknown) => (err instanceof ImageError ? t(err.key) : errorMessage(err));

  const exportPng = async (part: 'whole' | 'view') => {
    try {
      const blob = await pngOf(part);
      if (blob)
        downloadBlob(blob, fileNameFor(`${graph?.name ?? 'state-machine'}${part === 'view' ? '-view' : ''}`, 'png'));
    } catch (err) {
      setMessage(t('doc.pngFailed', { message: reason(err) }));
    }
  };

  const copyImage = async () => {
    try {
      const blob = await pngOf('whole');
      if (!blob) return;
      const outcome = await copyPng(blob);
      setMessage(
        outcome.kind === 'copied'
          ? t('image.copied')
          : outcome.kind === 'unsupported'
            ? t('image.unsupported')
            : t('image.refused', { reason: outcome.reason }),
      );
    } catch (err) {
      setMessage(t('doc.copyFailed', { message: reason(err) }));
    }
  };

  return { exportSvg, exportPng, copyImage };
}
