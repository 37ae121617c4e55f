/**
 * Attribution for the study notes the exam-note topics were drawn from. The source is licensed CC BY 4.0, which
 * requires credit, a link to the licence and a statement of changes; the About box and `statescope notes`
 * show this text.
 */

/** What the About box needs to credit one source. */
export interface Credit {
  work: string;
  author: { en: string; ko: string };
  license: string;
  licenseUrl: string;
  /** How the project used the work (the licence asks for changes to be indicated). */
  changes: { en: string; ko: string };
}

/** The Korean DVA-C02 study notes (part 3: Security, Logging and Monitoring) whose topics the notes cover. */
export const SEED_CREDIT: Credit = {
  work: 'DVA-C02 대비자료 3 - Security & Logging & Monitoring',
  /** The post says only "licensed under CC BY 4.0 by the author"; no name is given, so none is invented here. */
  author: {
    en: 'its author (the post gives no name beyond "the author")',
    ko: '원글 작성자(글에는 "the author" 외에 이름이 적혀 있지 않음)',
  },
  license: 'CC BY 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
  changes: {
    en:
      "Statescope's exam notes cover the topics of this post. Every note was written anew in English and Korean, " +
      'checked against the AWS documentation, and corrected where the post was inaccurate; no sentences were copied.',
    ko:
      'Statescope의 시험 노트는 이 글이 다룬 주제를 다룹니다. 모든 노트는 영어와 한국어로 새로 썼고, AWS 문서로 확인했으며, ' +
      '글이 부정확한 곳은 바로잡았습니다. 문장을 옮겨 쓰지 않았습니다.',
  },
};

/** One line per credit, for the About box and `--help` footers. */
export function attributionText(lang: 'en' | 'ko' = 'en'): string {
  const c = SEED_CREDIT;
  return lang === 'ko'
    ? `시험 노트 주제 출처: "${c.work}", ${c.author.ko}, ${c.license} (${c.licenseUrl}). ${c.changes.ko}`
    : `Exam-note topics drawn from "${c.work}", ${c.author.en}, licensed ${c.license} (${c.licenseUrl}). ${c.changes.en}`;
}
