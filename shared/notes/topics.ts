/**
 * The topic tree the notes browser shows: exam areas grouping the topic ids. Kept separate from the notes so a
 * note can sit under several topics and the tree never lists a topic without notes unnoticed (tests check it).
 */
import type { Bilingual, Lang, NoteSource, TopicId } from './types.ts';

/** Display names of the topic ids, per language. */
export const TOPIC_TITLES: Record<TopicId, Bilingual> = {
  iam: { en: 'IAM and STS', ko: 'IAM과 STS' },
  acm: { en: 'AWS Certificate Manager', ko: 'AWS Certificate Manager' },
  inspector: { en: 'Amazon Inspector', ko: 'Amazon Inspector' },
  'security-hub': { en: 'AWS Security Hub', ko: 'AWS Security Hub' },
  'trusted-advisor': { en: 'AWS Trusted Advisor', ko: 'AWS Trusted Advisor' },
  cloudwatch: { en: 'Amazon CloudWatch', ko: 'Amazon CloudWatch' },
  glue: { en: 'AWS Glue', ko: 'AWS Glue' },
  's3-encryption': { en: 'Encryption (S3, KMS)', ko: '암호화(S3, KMS)' },
  cognito: { en: 'Amazon Cognito', ko: 'Amazon Cognito' },
  'step-functions': { en: 'AWS Step Functions', ko: 'AWS Step Functions' },
  'secrets-manager': { en: 'AWS Secrets Manager', ko: 'AWS Secrets Manager' },
  'parameter-store': { en: 'SSM Parameter Store', ko: 'SSM Parameter Store' },
  'cloudtrail-xray': { en: 'CloudTrail and X-Ray', ko: 'CloudTrail과 X-Ray' },
  lambda: { en: 'AWS Lambda', ko: 'AWS Lambda' },
  deployment: { en: 'Deployment and versions', ko: '배포와 버전' },
};

/** The exam areas, each listing its topics in display order. */
export const TOPIC_GROUPS: { id: string; title: Bilingual; topics: TopicId[] }[] = [
  {
    id: 'identity',
    title: { en: 'Identity and access', ko: '자격 증명과 액세스' },
    topics: ['iam', 'cognito', 'acm'],
  },
  {
    id: 'secrets',
    title: { en: 'Data protection and secrets', ko: '데이터 보호와 비밀 관리' },
    topics: ['s3-encryption', 'secrets-manager', 'parameter-store'],
  },
  {
    id: 'security-services',
    title: { en: 'Security services', ko: '보안 서비스' },
    topics: ['inspector', 'security-hub', 'trusted-advisor'],
  },
  {
    id: 'observability',
    title: { en: 'Monitoring, logging and tracing', ko: '모니터링, 로깅, 추적' },
    topics: ['cloudwatch', 'cloudtrail-xray'],
  },
  {
    id: 'workflows',
    title: { en: 'Workflows and data pipelines', ko: '워크플로와 데이터 파이프라인' },
    topics: ['step-functions', 'glue'],
  },
  {
    id: 'delivery',
    title: { en: 'Development and deployment', ko: '개발과 배포' },
    topics: ['lambda', 'deployment'],
  },
];

/** One node of the rendered tree. */
export interface TopicNode {
  id: string;
  title: string;
  /** Note ids directly under this node (empty for groups). */
  noteIds: string[];
  children: TopicNode[];
}

/** Builds the browser's tree in one language, placing each note under every topic it lists. */
export function topicTree(notes: readonly NoteSource[], lang: Lang): TopicNode[] {
  return TOPIC_GROUPS.map((group) => ({
    id: group.id,
    title: group.title[lang],
    noteIds: [],
    children: group.topics.map((topic) => ({
      id: topic,
      title: TOPIC_TITLES[topic][lang],
      noteIds: notes.filter((n) => n.topics.includes(topic)).map((n) => n.id),
      children: [],
    })),
  }));
}
