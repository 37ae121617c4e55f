/** UI text for the study notes (English and Korean; merged in ../index.ts). */
export const en = {
  'notes.tab': 'Notes',
  'notes.marker': 'Has your notes',
  'notes.xrayHint': 'Select a segment or a service to see its notes.',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'notes.tab': '노트',
  'notes.marker': '내 메모가 있음',
  'notes.xrayHint': '세그먼트나 서비스를 선택하면 관련 노트가 표시됩니다.',
};
