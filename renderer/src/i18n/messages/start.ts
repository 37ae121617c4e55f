/** UI text for start-up and the views loaded when first shown (English and Korean; merged in ../index.ts). */
export const en = {
  'start.loadingView': 'Loading…',
} as const;

export const ko: Record<keyof typeof en, string> = {
  'start.loadingView': '불러오는 중…',
};
