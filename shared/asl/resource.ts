/**
 * What a Task's `Resource` means to a reader: which service it calls, which action, and how Step Functions
 * waits for it (request-response, run a job `.sync`/`.sync:2`, or callback `.waitForTaskToken`). The node label
 * ("Lambda · Invoke", "SDK: S3 · GetObject") and the exam notes both hang on this classification.
 */
import { isIntrinsic, renderIntrinsic } from './cfn.ts';
import type { TaskIntegration } from './types.ts';

/** Display names of services, keyed by the name used in `arn:aws:states:::<service>:<action>` and SDK ARNs. */
const SERVICE_NAMES: Record<string, string> = {
  lambda: 'Lambda',
  sns: 'SNS',
  sqs: 'SQS',
  dynamodb: 'DynamoDB',
  states: 'Step Functions',
  ecs: 'ECS',
  batch: 'Batch',
  glue: 'Glue',
  events: 'EventBridge',
  scheduler: 'EventBridge Scheduler',
  pipes: 'EventBridge Pipes',
  athena: 'Athena',
  sagemaker: 'SageMaker',
  elasticmapreduce: 'EMR',
  'emr-containers': 'EMR on EKS',
  'emr-serverless': 'EMR Serverless',
  eks: 'EKS',
  codebuild: 'CodeBuild',
  apigateway: 'API Gateway',
  bedrock: 'Bedrock',
  bedrockagent: 'Bedrock Agent',
  'bedrock-agent-runtime': 'Bedrock Agent Runtime',
  mediaconvert: 'MediaConvert',
  http: 'HTTP',
  s3: 'S3',
  databrew: 'Glue DataBrew',
  ec2: 'EC2',
  iam: 'IAM',
  sts: 'STS',
  kms: 'KMS',
  secretsmanager: 'Secrets Manager',
  ssm: 'Systems Manager',
  cloudwatch: 'CloudWatch',
  cloudwatchlogs: 'CloudWatch Logs',
  rekognition: 'Rekognition',
  textract: 'Textract',
  comprehend: 'Comprehend',
  transcribe: 'Transcribe',
  translate: 'Translate',
  polly: 'Polly',
  sfn: 'Step Functions',
  rds: 'RDS',
  redshiftdata: 'Redshift Data',
  kinesis: 'Kinesis',
  firehose: 'Data Firehose',
  eventbridge: 'EventBridge',
  cloudformation: 'CloudFormation',
  organizations: 'Organizations',
  xray: 'X-Ray',
  ses: 'SES',
  sesv2: 'SES',
  appflow: 'AppFlow',
  forecast: 'Forecast',
  fis: 'FIS',
  personalize: 'Personalize',
  codepipeline: 'CodePipeline',
  ecr: 'ECR',
  route53: 'Route 53',
  acm: 'ACM',
  cloudfront: 'CloudFront',
  opensearch: 'OpenSearch',
  mediapackage: 'MediaPackage',
  medialive: 'MediaLive',
};

function serviceName(service: string): string {
  return SERVICE_NAMES[service.toLowerCase()] ?? service.charAt(0).toUpperCase() + service.slice(1);
}

function actionName(action: string): string {
  return action.charAt(0).toUpperCase() + action.slice(1);
}

function splitPattern(action: string): { action: string; pattern: TaskIntegration['pattern'] } {
  if (action.endsWith('.sync:2')) return { action: action.slice(0, -7), pattern: 'sync:2' };
  if (action.endsWith('.sync')) return { action: action.slice(0, -5), pattern: 'sync' };
  if (action.endsWith('.waitForTaskToken')) return { action: action.slice(0, -17), pattern: 'wait-for-task-token' };
  return { action, pattern: 'request-response' };
}

/** ARN segments: `arn:<partition>:<service>:<region>:<account>:<rest>`; `${…}` placeholders may stand anywhere. */
const ARN = /^arn:([^:]*):([^:]+):([^:]*):([^:]*):(.+)$/;
const HIDDEN_COLON = '\u001f';

function unhide(text: string): string {
  return text.replaceAll(HIDDEN_COLON, ':');
}

/**
 * Classifies a Task `Resource`. Returns undefined when the value is not a resource reference at all (absent,
 * a number, an unknown string), so callers can show the raw value instead of a wrong label.
 */
export function parseResource(resource: unknown): TaskIntegration | undefined {
  if (isIntrinsic(resource)) resource = renderIntrinsic(resource);
  if (typeof resource !== 'string' || resource.length === 0) return undefined;
  const value = resource.trim();

  // `${AWS::Partition}` and friends contain colons: hide them while splitting the ARN into segments.
  const m = ARN.exec(value.replace(/\$\{[^}]*\}/g, (p) => p.replaceAll(':', HIDDEN_COLON)));
  if (m) {
    const [, , arnService, region, account, hiddenRest] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const rest = hiddenRest;
    if (arnService === 'states') {
      if ((region !== '' || account !== '') && rest.startsWith('activity:')) {
        const name = unhide(rest.slice('activity:'.length));
        return { service: 'activity', pattern: 'request-response', sdk: false, label: `Activity · ${name}` };
      }
      const parts = rest.split(':');
      if (parts[0] === 'aws-sdk' && parts.length >= 3) {
        const service = unhide(parts[1]!);
        const { action, pattern } = splitPattern(unhide(parts.slice(2).join(':')));
        return { service, action, pattern, sdk: true, label: `SDK: ${serviceName(service)} · ${actionName(action)}` };
      }
      if (parts.length >= 2) {
        const service = unhide(parts[0]!);
        const { action, pattern } = splitPattern(unhide(parts.slice(1).join(':')));
        return { service, action, pattern, sdk: false, label: `${serviceName(service)} · ${actionName(action)}` };
      }
      return undefined;
    }
    if (arnService === 'lambda' && rest.startsWith('function:')) {
      const name = unhide(rest.slice('function:'.length).split(':')[0] ?? '');
      return { service: 'lambda', pattern: 'request-response', sdk: false, label: `Lambda · ${name}` };
    }
    return undefined;
  }

  const placeholder = /^\$\{([^}]+)\}(\.sync(:2)?|\.waitForTaskToken)?$/.exec(value);
  if (placeholder) {
    const { pattern } = splitPattern(value);
    return { service: 'placeholder', pattern, sdk: false, label: `\${${placeholder[1]}}` };
  }
  return undefined;
}
