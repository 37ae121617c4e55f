/**
 * The renderer side of user annotations: thin calls over the contract plus the checks worth doing before a
 * round trip (empty text, length), so the editor component stays about layout.
 */
import type { StatescopeApi } from '../../../shared/contract.ts';
import {
  ANNOTATION_LIMITS,
  type Annotation,
  type AnnotationTarget,
  type ImportSummary,
} from '../../../shared/notes/annotations.ts';

/** Only `call` is needed; tests pass a fake. */
export type AnnotationsApi = Pick<StatescopeApi, 'call'>;

/** Why a draft cannot be saved, or null when it can. */
export function draftProblem(markdown: string, lang: 'en' | 'ko'): string | null {
  if (markdown.trim() === '') return lang === 'ko' ? '내용을 입력하세요.' : 'Write something first.';
  if (markdown.length > ANNOTATION_LIMITS.markdown) {
    return lang === 'ko'
      ? `메모는 ${ANNOTATION_LIMITS.markdown}자까지 쓸 수 있습니다.`
      : `Annotations are limited to ${ANNOTATION_LIMITS.markdown} characters.`;
  }
  return null;
}

/** Annotation operations bound to one API client. */
export function annotationsClient(api: AnnotationsApi) {
  return {
    list: (target: AnnotationTarget): Promise<Annotation[]> =>
      api.call('notes.annotations.list', { key: target.key, element: target.element }),
    add: (target: AnnotationTarget, markdown: string): Promise<Annotation> =>
      api.call('notes.annotations.add', { key: target.key, element: target.element, markdown }),
    update: (id: string, markdown: string): Promise<Annotation> =>
      api.call('notes.annotations.update', { id, markdown }),
    remove: (id: string): Promise<{ deleted: boolean }> => api.call('notes.annotations.delete', { id }),
    /** The export document as pretty JSON text, ready to save as a file. */
    exportText: async (): Promise<string> =>
      `${JSON.stringify(await api.call('notes.annotations.export', {}), null, 2)}\n`,
    importText: (text: string): Promise<ImportSummary> => api.call('notes.annotations.import', { text }),
  };
}

/** "2 added, 1 updated, 3 already present" in the UI language. */
export function importSummaryText(s: ImportSummary, lang: 'en' | 'ko'): string {
  return lang === 'ko'
    ? `${s.added}개 추가, ${s.updated}개 갱신, ${s.skipped}개는 이미 있음`
    : `${s.added} added, ${s.updated} updated, ${s.skipped} already present`;
}
