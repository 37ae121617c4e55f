/**
 * The bilingual glossary: the terms the AWS Korean documentation uses for the English ones, so the Korean notes
 * read like the documentation a learner will search, and so a search in either language finds the same note
 * ("역할 수임" finds the note about AssumeRole, "trace map" finds "추적 맵"). Tests check that a Korean note uses
 * the glossary term wherever its English text uses the English one, and never a form the documentation avoids.
 */

/** One term pair. */
export interface GlossaryEntry {
  en: string;
  ko: string;
  /** When the English text of a note matches this, its Korean text must contain `ko` (omit to only help search). */
  requireWhen?: RegExp;
  /** Korean renderings the AWS Korean documentation does not use for this term; notes must not use them. */
  avoid?: string[];
  /** More forms a search for this term should also find (API names, inflected English). */
  also?: string[];
}

/** AWS Korean documentation terms ↔ English, most specific first. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    en: 'assume a role',
    ko: '역할 수임',
    requireWhen: /\bassum(e|es|ed|ing)\b[^.]{0,30}\broles?\b/i,
    avoid: ['역할을 맡', '역할 가정', '역할을 가정'],
    also: ['assumerole', 'assume'],
  },
  { en: 'filter expression', ko: '필터 표현식', requireWhen: /\bfilter expressions?\b/i, avoid: ['필터 식'] },
  { en: 'downstream', ko: '다운스트림', requireWhen: /\bdownstream\b/i, avoid: ['하위 서비스', '하위 호출'] },
  {
    en: 'trace map',
    ko: '추적 맵',
    requireWhen: /\btrace map\b/i,
    avoid: ['서비스 맵', '트레이스 맵'],
    also: ['service map'],
  },
  {
    en: 'Standard workflow',
    ko: '표준 워크플로',
    requireWhen: /\bStandard (workflows?|parent)\b/,
    avoid: ['Standard 워크플로', 'Standard 부모'],
  },
  {
    en: 'Express workflow',
    ko: 'Express 워크플로',
    requireWhen: /\bExpress workflows?\b/i,
    avoid: ['익스프레스 워크플로'],
  },
  { en: 'fault', ko: '결함', requireWhen: /\bfaults?\b/i, avoid: ['폴트'] },
  { en: 'principal', ko: '보안 주체', requireWhen: /\bprincipals?\b/i, avoid: ['프린시펄'] },
  { en: 'batch', ko: '배치', requireWhen: /\bbatch(es)?\b/, avoid: ['묶음'] },
  { en: 'trace', ko: '추적', requireWhen: /\btraces?\b/i, avoid: ['트레이스'], also: ['tracing'] },
  { en: 'subsegment', ko: '하위 세그먼트', requireWhen: /\bsubsegments?\b/i },
  { en: 'segment', ko: '세그먼트', requireWhen: /\bsegments?\b/i },
  { en: 'sampling rule', ko: '샘플링 규칙', requireWhen: /\bsampling rules?\b/i },
  { en: 'annotation', ko: '주석', requireWhen: /\bannotations?\b/i },
  { en: 'envelope encryption', ko: '봉투 암호화', requireWhen: /\benvelope encryption\b/i },
  { en: 'data key', ko: '데이터 키', requireWhen: /\bdata keys?\b/i },
  { en: 'key policy', ko: '키 정책', requireWhen: /\bkey polic(y|ies)\b/i },
  { en: 'trust policy', ko: '신뢰 정책', requireWhen: /\btrust polic(y|ies)\b/i },
  { en: 'resource-based policy', ko: '리소스 기반 정책', requireWhen: /\bresource-based polic(y|ies)\b/i },
  { en: 'customer managed key', ko: '고객 관리형 키', requireWhen: /\bcustomer managed keys?\b/i },
  { en: 'AWS managed key', ko: 'AWS 관리형 키', requireWhen: /\bAWS managed keys?\b/i },
  { en: 'server-side encryption', ko: '서버 측 암호화', requireWhen: /\bserver-side encryption\b/i },
  { en: 'execution role', ko: '실행 역할', requireWhen: /\bexecution roles?\b/i },
  { en: 'task token', ko: '작업 토큰', requireWhen: /\btask tokens?\b/i },
  { en: 'state machine', ko: '상태 머신', requireWhen: /\bstate machines?\b/i, avoid: ['상태 시스템'] },
  { en: 'Distributed Map', ko: '분산 맵', requireWhen: /\bDistributed Map\b/ },
  {
    en: 'child workflow',
    ko: '하위 워크플로',
    requireWhen: /\bchild (workflows?|executions?)\b/i,
    avoid: ['자식 워크플로', '자식 실행'],
    also: ['child execution'],
  },
  { en: 'dead-letter queue', ko: '배달 못한 편지 대기열', requireWhen: /\bdead-letter queues?\b/i, also: ['dlq'] },
  { en: 'alias', ko: '별칭', requireWhen: /\baliases?\b/i },
  { en: 'alarm', ko: '경보', requireWhen: /\balarms?\b/i, avoid: ['알람'] },
  { en: 'custom metric', ko: '사용자 지정 지표', requireWhen: /\bcustom metrics?\b/i, avoid: ['사용자 정의 지표'] },
  { en: 'metric', ko: '지표', requireWhen: /\bmetrics?\b/i, avoid: ['메트릭'] },
  { en: 'rotation', ko: '교체', requireWhen: /\brotat(e|es|ed|ion|ing)\b/i, avoid: ['로테이션'], also: ['rotate'] },
  { en: 'least privilege', ko: '최소 권한', requireWhen: /\bleast privilege\b/i },
  {
    en: 'temporary security credentials',
    ko: '임시 보안 자격 증명',
    also: ['temporary credentials', '임시 자격 증명'],
  },
  { en: 'grant', ko: '권한 부여', requireWhen: /\bCreateGrant\b/ },
  { en: 'inferred segment', ko: '추론된 세그먼트', requireWhen: /\binferred segments?\b/i },
  { en: 'integration pattern', ko: '통합 패턴', requireWhen: /\bintegration patterns?\b/i },
  {
    en: 'request-response',
    ko: '요청 및 응답',
    requireWhen: /\brequest-response\b/i,
    avoid: ['요청-응답'],
    also: ['request response'],
  },
  { en: 'wait for callback', ko: '콜백 대기', also: ['callback', '콜백'] },
  { en: 'run a job', ko: '작업 실행', also: ['.sync'] },
  { en: 'secret', ko: '보안 암호', avoid: ['시크릿'], also: ['secrets manager'] },
  { en: 'multipart upload', ko: '멀티파트 업로드', requireWhen: /\bmultipart uploads?\b/i },
  { en: 'deployment', ko: '배포', requireWhen: /\bdeployments?\b/i },
  { en: 'canary', ko: '카나리', requireWhen: /\bcanary\b/i },
  { en: 'intrinsic function', ko: '내장 함수', requireWhen: /\bintrinsic functions?\b/i },
];

/** Folds case and compatibility forms, as search does, so glossary phrases compare with typed queries. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Splits a query into term groups: each glossary phrase found in the query (in either language) becomes one group
 * holding its English form, its Korean form and its other forms; every other word is a group of its own. A note
 * matches a group when it contains any of its forms.
 */
export function glossaryTerms(query: string): string[][] {
  let rest = fold(query);
  const groups: string[][] = [];
  const entries = [...GLOSSARY].sort((a, b) => Math.max(b.en.length, b.ko.length) - Math.max(a.en.length, a.ko.length));
  for (const entry of entries) {
    const forms = [entry.en, entry.ko, ...(entry.also ?? [])].map(fold);
    for (const form of forms) {
      if (form.length < 2 || !rest.includes(form)) continue;
      // Only whole words of the query: "alias" in "aliases" counts, "grant" inside "migrant" does not.
      const at = rest.indexOf(form);
      const before = at === 0 ? ' ' : rest[at - 1]!;
      if (/[\p{L}\p{N}]/u.test(before)) continue;
      groups.push([...new Set(forms)]);
      rest = rest.replace(form, ' ');
      break;
    }
  }
  for (const word of rest.split(/\s+/)) if (word.length > 0) groups.push([word]);
  return groups;
}
