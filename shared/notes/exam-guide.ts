/**
 * The DVA-C02 exam guide's task statements, and which of them each note serves. Practice counts progress per
 * domain through them, and the note cards show them, so a learner sees which part of the exam a note prepares for.
 * Kept beside the notes rather than inside each note so the whole mapping can be reviewed in one place (a test
 * checks every note has at least one task and every id here names a note).
 */
import type { Bilingual } from './types.ts';

/** The four content domains of the DVA-C02 exam guide. */
export const DOMAINS = ['development', 'security', 'deployment', 'troubleshooting'] as const;
export type DomainId = (typeof DOMAINS)[number];

/** Domain names as the exam guide gives them, with their share of scored content. */
export const DOMAIN_TITLES: Record<DomainId, Bilingual> = {
  development: { en: 'Domain 1: Development with AWS Services (32%)', ko: '도메인 1: AWS 서비스를 사용한 개발(32%)' },
  security: { en: 'Domain 2: Security (26%)', ko: '도메인 2: 보안(26%)' },
  deployment: { en: 'Domain 3: Deployment (24%)', ko: '도메인 3: 배포(24%)' },
  troubleshooting: { en: 'Domain 4: Troubleshooting and Optimization (18%)', ko: '도메인 4: 문제 해결 및 최적화(18%)' },
};

/** The task statements, by number. */
export const EXAM_TASKS: Record<string, { domain: DomainId; title: Bilingual }> = {
  '1.1': {
    domain: 'development',
    title: { en: 'Develop code for applications hosted on AWS', ko: 'AWS에서 호스팅되는 애플리케이션용 코드 개발' },
  },
  '1.2': { domain: 'development', title: { en: 'Develop code for AWS Lambda', ko: 'AWS Lambda용 코드 개발' } },
  '1.3': {
    domain: 'development',
    title: { en: 'Use data stores in application development', ko: '애플리케이션 개발에 데이터 스토어 사용' },
  },
  '2.1': {
    domain: 'security',
    title: {
      en: 'Implement authentication and/or authorization for applications and AWS services',
      ko: '애플리케이션과 AWS 서비스의 인증 및 권한 부여 구현',
    },
  },
  '2.2': {
    domain: 'security',
    title: { en: 'Implement encryption by using AWS services', ko: 'AWS 서비스를 사용한 암호화 구현' },
  },
  '2.3': {
    domain: 'security',
    title: { en: 'Manage sensitive data in application code', ko: '애플리케이션 코드의 민감한 데이터 관리' },
  },
  '3.1': {
    domain: 'deployment',
    title: { en: 'Prepare application artifacts to be deployed to AWS', ko: 'AWS에 배포할 애플리케이션 아티팩트 준비' },
  },
  '3.2': {
    domain: 'deployment',
    title: { en: 'Test applications in development environments', ko: '개발 환경에서 애플리케이션 테스트' },
  },
  '3.3': { domain: 'deployment', title: { en: 'Automate deployment testing', ko: '배포 테스트 자동화' } },
  '3.4': {
    domain: 'deployment',
    title: { en: 'Deploy code by using AWS CI/CD services', ko: 'AWS CI/CD 서비스로 코드 배포' },
  },
  '4.1': { domain: 'troubleshooting', title: { en: 'Assist in a root cause analysis', ko: '근본 원인 분석 지원' } },
  '4.2': {
    domain: 'troubleshooting',
    title: { en: 'Instrument code for observability', ko: '관찰성을 위한 코드 계측' },
  },
  '4.3': {
    domain: 'troubleshooting',
    title: {
      en: 'Optimize applications by using AWS services and features',
      ko: 'AWS 서비스와 기능으로 애플리케이션 최적화',
    },
  },
};

/** Which task statements each note serves; the first decides the note's domain. */
export const NOTE_TASKS: Record<string, string[]> = {
  'iam-trust-policy': ['2.1'],
  'iam-cross-account': ['2.1'],
  'iam-access-analysis': ['2.1'],
  'iam-sts-temporary-credentials': ['2.1'],
  'iam-policy-variables': ['2.1'],
  'iam-passrole': ['2.1'],
  'iam-billing-access': ['2.1'],
  'acm-and-iam-certificates': ['2.2'],
  inspector: ['4.1'],
  'security-hub': ['4.1'],
  'trusted-advisor': ['4.3'],
  glue: ['1.3'],
  'cloudwatch-custom-metrics': ['4.2'],
  'cloudwatch-alarms': ['4.2'],
  'cloudwatch-detailed-monitoring': ['4.2'],
  'cloudwatch-agent': ['4.2'],
  'cloudwatch-emf-logs-insights': ['4.2', '4.1'],
  'eventbridge-schedules': ['1.1'],
  's3-server-side-encryption': ['2.2'],
  's3-deny-unencrypted-uploads': ['2.2'],
  'kms-envelope-encryption': ['2.2'],
  'kms-keys-rotation-grants': ['2.2'],
  'cloudwatch-logs-kms': ['2.2'],
  'codebuild-buildspec-env': ['2.3', '3.4'],
  'cognito-user-and-identity-pools': ['2.1'],
  'secrets-manager-rotation': ['2.3'],
  'ssm-parameter-store': ['2.3'],
  'sfn-standard-vs-express': ['1.1'],
  'sfn-express-limits': ['1.1'],
  'sfn-task-state': ['1.1'],
  'sfn-flow-states': ['1.1'],
  'sfn-human-approval': ['1.1'],
  'sfn-integration-patterns': ['1.1'],
  'sfn-retry-catch': ['1.1', '4.1'],
  'sfn-distributed-map': ['1.1', '1.3'],
  'sfn-data-flow': ['1.1'],
  'sfn-intrinsic-functions': ['1.1'],
  'lambda-error-handling': ['1.2', '4.1'],
  'versions-aliases': ['3.4', '1.2'],
  'deployment-strategies': ['3.4', '3.3'],
  'cloudtrail-xray-cloudwatch': ['4.1', '4.2'],
  'xray-segments-subsegments': ['4.2'],
  'xray-annotations-metadata': ['4.2'],
  'xray-sampling': ['4.2'],
  'xray-daemon': ['4.2'],
  'xray-instrumentation': ['4.2'],
  'xray-errors-faults-throttles': ['4.1'],
  'xray-groups-filters': ['4.1'],
};

/** The task statements of a note (empty for a note the guide mapping does not know). */
export function tasksOf(noteId: string): string[] {
  return NOTE_TASKS[noteId] ?? [];
}

/** The domain a note counts towards: that of its first task statement (development when unknown). */
export function domainOfNote(noteId: string): DomainId {
  const first = tasksOf(noteId)[0];
  return first ? EXAM_TASKS[first]!.domain : 'development';
}
