/**
 * A small coloured tag per AWS service for Task nodes, so the kind of work a state does is seen before its
 * name is read. Text tags keep the bundle free of icon packs and work in both themes.
 */
export interface ServiceBadge {
  abbr: string;
  color: string;
  title: string;
}

const KNOWN: Record<string, [abbr: string, color: string, title: string]> = {
  lambda: ['λ', '#e07b00', 'AWS Lambda'],
  sns: ['SNS', '#c7254e', 'Amazon SNS'],
  sqs: ['SQS', '#b0306a', 'Amazon SQS'],
  dynamodb: ['DDB', '#3b48cc', 'Amazon DynamoDB'],
  states: ['SFN', '#b0084d', 'AWS Step Functions'],
  ecs: ['ECS', '#d45b07', 'Amazon ECS'],
  batch: ['BAT', '#d45b07', 'AWS Batch'],
  glue: ['GLU', '#7a3e9d', 'AWS Glue'],
  http: ['HTTP', '#2e7d32', 'HTTPS endpoint'],
  activity: ['ACT', '#6d6d6d', 'Activity'],
  events: ['EVB', '#b0084d', 'Amazon EventBridge'],
  s3: ['S3', '#3f8624', 'Amazon S3'],
  bedrock: ['BR', '#01a88d', 'Amazon Bedrock'],
  sagemaker: ['SM', '#01a88d', 'Amazon SageMaker'],
  athena: ['ATH', '#7a3e9d', 'Amazon Athena'],
  emr: ['EMR', '#7a3e9d', 'Amazon EMR'],
  codebuild: ['CB', '#3f8624', 'AWS CodeBuild'],
  apigateway: ['API', '#a3268e', 'Amazon API Gateway'],
  eks: ['EKS', '#d45b07', 'Amazon EKS'],
};

/** The tag for a Task's service (falls back to the first letters of the service name). */
export function serviceBadge(service: string | undefined, resource?: string): ServiceBadge {
  const key = (service ?? '').toLowerCase();
  const known = KNOWN[key];
  if (known) return { abbr: known[0], color: known[1], title: known[2] };
  if (!key) return { abbr: '⚙', color: '#6d6d6d', title: resource ?? 'Task' };
  return { abbr: key.slice(0, 3).toUpperCase(), color: '#4d6b8a', title: service ?? key };
}
