/**
 * Who a span is on the service map: X-Ray's node names and types for services and for the downstream resources it
 * infers (tables, queues, topics, functions), and the spelling of AWS service names. Shared by the tree builder,
 * the service map, the filter and the CLI.
 */
import type { Span } from './types.ts';
import { str } from './values.ts';

/** Compute origins X-Ray records on instrumented services (everything else with an AWS:: type is a resource). */
const COMPUTE_ORIGINS = new Set([
  'AWS::EC2::Instance',
  'AWS::ECS::Container',
  'AWS::ECS::Fargate',
  'AWS::EKS::Container',
  'AWS::ElasticBeanstalk::Environment',
  'AWS::Lambda',
  'AWS::Lambda::Function',
  'AWS::StepFunctions::StateMachine',
  'AWS::ApiGateway::Stage',
  'AWS::AppSync::GraphQLAPI',
  'AWS::AppRunner::Service',
]);

/** True when a node type is a downstream resource X-Ray infers rather than an instrumented service. */
export function isInferredType(type: string): boolean {
  return type === 'remote' || type.startsWith('Database::') || (type.startsWith('AWS::') && !COMPUTE_ORIGINS.has(type));
}

/** The id a service map node gets: name and type, because one Lambda shows as two nodes with the same name. */
export function nodeIdOf(name: string, type: string): string {
  return `${name}|${type}`;
}

function lastArnPart(arn: string): string {
  const i = Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/'));
  return i >= 0 ? arn.slice(i + 1) : arn;
}

/**
 * X-Ray's own spelling of the AWS services the SDKs name their subsegments after (`DynamoDB`, `SNS`, …), keyed by
 * the lower-case name, so a call recorded as `sns` or `dynamodb` (OpenTelemetry, hand-written documents) lands on
 * the same node as the SDK's `SNS`, and no node type is ever spelled in lower case (`AWS::sns`).
 */
const AWS_SERVICE_NAMES: Record<string, string> = Object.fromEntries(
  [
    'DynamoDB',
    'S3',
    'SNS',
    'SQS',
    'Lambda',
    'Kinesis',
    'Firehose',
    'STS',
    'SSM',
    'SecretsManager',
    'KMS',
    'SES',
    'EventBridge',
    'CloudWatch',
    'CloudWatchLogs',
    'StepFunctions',
    'SFN',
    'EC2',
    'ECS',
    'ECR',
    'IAM',
    'Athena',
    'Glue',
    'AppSync',
    'ApiGateway',
    'Cognito',
    'CognitoIdentityServiceProvider',
    'SimpleSystemsManagement',
    'Bedrock',
    'BedrockRuntime',
    'ElastiCache',
    'RDS',
    'Redshift',
    'Route53',
    'CloudFormation',
    'Comprehend',
    'Rekognition',
    'Textract',
    'Translate',
    'Polly',
    'Timestream',
    'MSK',
    'MQ',
  ].map((n) => [n.toLowerCase(), n]),
);
/** The AWS SDK v3 / OpenTelemetry spellings of a few services, to X-Ray's. */
const AWS_SERVICE_ALIASES: Record<string, string> = {
  dynamodbv2: 'DynamoDB',
  amazondynamodbv2: 'DynamoDB',
  amazons3: 'S3',
  amazonsns: 'SNS',
  amazonsqs: 'SQS',
  awslambda: 'Lambda',
  sfn: 'SFN',
};

/** X-Ray's spelling of an AWS service name (`sns` → `SNS`); an unknown name keeps its letters, first one upper-cased. */
export function canonicalAwsService(name: string): string {
  let known = canonicalSpellings.get(name);
  if (known === undefined) {
    if (canonicalSpellings.size >= 1024) canonicalSpellings.clear();
    canonicalSpellings.set(name, (known = spell(name)));
  }
  return known;
}

/** Spellings already worked out: every call of a service has the same name, and the regular expression is costly. */
const canonicalSpellings = new Map<string, string>();

/** `AWS::<service>`, one string per service (every call of a service is a node of this type). */
function awsType(service: string): string {
  let type = awsTypes.get(service);
  if (type === undefined) {
    if (awsTypes.size >= 1024) awsTypes.clear();
    awsTypes.set(service, (type = `AWS::${service}`));
  }
  return type;
}

const awsTypes = new Map<string, string>();

function spell(name: string): string {
  const key = name.replace(/[\s_-]/g, '').toLowerCase();
  const known = AWS_SERVICE_ALIASES[key] ?? AWS_SERVICE_NAMES[key];
  if (known) return known;
  return name === '' ? 'AWS' : name[0].toUpperCase() + name.slice(1);
}

/**
 * The downstream node a call stands for, as X-Ray's service graph names it (GetServiceGraph `Service.Name` and
 * `Type`; the API reference: "AWS::DynamoDB::Table for an Amazon DynamoDB table that the application used" and
 * "AWS::DynamoDB for downstream calls to Amazon DynamoDB that didn't target a specific table"):
 *
 * - a DynamoDB call with a table is the table (`<table>` / `AWS::DynamoDB::Table`), as in the developer guide's
 *   GetServiceGraph example (xray-api-gettingdata, the `StartupSignupsTable` node); without one, `DynamoDB` /
 *   `AWS::DynamoDB`;
 * - an SQS call with a queue URL is the queue (`<queue URL>` / `AWS::SQS::Queue`), as X-Ray's graph in the Grafana
 *   data source's test data has it;
 * - SNS is one node for the service, `SNS` / `AWS::SNS`, as X-Ray's own inferred segments and the developer
 *   guide's GetServiceGraph example have it; the topic is a resource of that node (`resourceOf`);
 * - S3 is `S3` / `AWS::S3::Bucket` with the bucket as a resource (X-Ray's type for S3 calls; no X-Ray sample names
 *   a bucket node, so the service is the node and its buckets are listed in its details);
 * - a Lambda Invoke is the function (`<function>` / `AWS::Lambda`), like the Lambda service node X-Ray draws;
 * - a SQL call the database (`Database::SQL`), any other `aws` call the service (`AWS::<Service>`, X-Ray's
 *   spelling), and a `remote` call the host it went to (`remote`).
 *
 * `origin` is given for an inferred segment X-Ray already wrote (BatchGetTraces output): its type is kept.
 */
export function inferredIdentity(
  name: string,
  namespace: string,
  aws: Record<string, unknown> | undefined,
  hasSql: boolean,
  origin = '',
): { name: string; type: string } {
  const a = aws ?? {};
  const table = str(a.table_name);
  const queue = str(a.queue_url);
  const fn = str(a.function_name);
  if (origin) {
    if (origin === 'AWS::DynamoDB::Table' && table) return { name: table, type: origin };
    if (origin === 'AWS::SQS::Queue' && queue) return { name: queue, type: origin };
    if (origin.startsWith('AWS::')) {
      // X-Ray's inferred documents name the node after the service (`SNS` / `AWS::SNS`); keep its spelling.
      const service = origin.split('::')[1] ?? name;
      if (name.toLowerCase() === service.toLowerCase()) return { name: canonicalAwsService(name), type: origin };
    }
    return { name, type: origin };
  }
  if (hasSql && namespace !== 'aws') return { name, type: 'Database::SQL' };
  if (namespace === 'aws') {
    const service = canonicalAwsService(name);
    if (service === 'DynamoDB')
      return table ? { name: table, type: 'AWS::DynamoDB::Table' } : { name: service, type: 'AWS::DynamoDB' };
    if (service === 'SQS')
      return queue ? { name: queue, type: 'AWS::SQS::Queue' } : { name: service, type: 'AWS::SQS' };
    if (service === 'SNS') return { name: service, type: 'AWS::SNS' };
    if (service === 'S3') return { name: service, type: 'AWS::S3::Bucket' };
    if (service === 'Lambda' && fn) return { name: lastArnPart(fn), type: 'AWS::Lambda' };
    return { name: service, type: awsType(service) };
  }
  return { name, type: 'remote' };
}

/**
 * The resource a call or inferred segment used (table, bucket, queue, topic, function), listed in its map node's
 * details because X-Ray draws one node per service for SNS and S3.
 */
export function resourceOf(aws: Record<string, unknown> | undefined): string | undefined {
  if (!aws) return undefined;
  return (
    str(aws.table_name) ??
    str(aws.bucket_name) ??
    str(aws.queue_url) ??
    str(aws.topic_arn) ??
    str(aws.function_name) ??
    (Array.isArray(aws.resource_names) ? str(aws.resource_names[0]) : undefined)
  );
}

/**
 * True when span `i` is a service-map node: a segment or an inferred segment. A subsegment is work inside a
 * service, and one sent on its own whose segment is missing (an orphan) belongs to a service we cannot name, so
 * it is no node either. The map, the filter's `service()` / `edge()` and the CLI share this one rule.
 */
export function isServiceSpan(spans: readonly Span[], i: number): boolean {
  return spans[i].kind !== 'subsegment';
}
