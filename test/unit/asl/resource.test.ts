import { describe, expect, it } from 'vitest';
import { parseResource } from '../../../shared/asl/resource.ts';

describe('parseResource', () => {
  it.each([
    [
      'arn:aws:lambda:us-east-1:123456789012:function:ship-order',
      { service: 'lambda', pattern: 'request-response', sdk: false, label: 'Lambda · ship-order' },
    ],
    [
      'arn:aws:lambda:us-east-1:123456789012:function:ship-order:live',
      { service: 'lambda', label: 'Lambda · ship-order' },
    ],
    [
      'arn:aws:states:::lambda:invoke',
      { service: 'lambda', action: 'invoke', pattern: 'request-response', sdk: false, label: 'Lambda · Invoke' },
    ],
    [
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      { service: 'lambda', action: 'invoke', pattern: 'wait-for-task-token', label: 'Lambda · Invoke' },
    ],
    ['arn:aws:states:::sns:publish', { service: 'sns', action: 'publish', label: 'SNS · Publish' }],
    [
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      { service: 'sqs', action: 'sendMessage', pattern: 'wait-for-task-token', label: 'SQS · SendMessage' },
    ],
    ['arn:aws:states:::dynamodb:putItem', { service: 'dynamodb', action: 'putItem', label: 'DynamoDB · PutItem' }],
    [
      'arn:aws:states:::states:startExecution',
      {
        service: 'states',
        action: 'startExecution',
        pattern: 'request-response',
        label: 'Step Functions · StartExecution',
      },
    ],
    [
      'arn:aws:states:::states:startExecution.sync',
      { service: 'states', pattern: 'sync', label: 'Step Functions · StartExecution' },
    ],
    [
      'arn:aws:states:::states:startExecution.sync:2',
      { service: 'states', action: 'startExecution', pattern: 'sync:2' },
    ],
    [
      'arn:aws:states:::aws-sdk:s3:getObject',
      { service: 's3', action: 'getObject', sdk: true, label: 'SDK: S3 · GetObject' },
    ],
    [
      'arn:aws:states:::aws-sdk:dynamodb:query.waitForTaskToken',
      {
        service: 'dynamodb',
        action: 'query',
        sdk: true,
        pattern: 'wait-for-task-token',
        label: 'SDK: DynamoDB · Query',
      },
    ],
    ['arn:aws:states:::http:invoke', { service: 'http', action: 'invoke', label: 'HTTP · Invoke' }],
    [
      'arn:aws:states:us-east-1:123456789012:activity:approve',
      { service: 'activity', sdk: false, label: 'Activity · approve' },
    ],
    [
      'arn:aws:states:::ecs:runTask.sync',
      { service: 'ecs', action: 'runTask', pattern: 'sync', label: 'ECS · RunTask' },
    ],
    ['arn:aws:states:::batch:submitJob.sync', { service: 'batch', label: 'Batch · SubmitJob' }],
    ['arn:aws:states:::glue:startJobRun.sync', { service: 'glue', label: 'Glue · StartJobRun' }],
    ['arn:aws:states:::events:putEvents', { service: 'events', label: 'EventBridge · PutEvents' }],
    ['arn:aws:states:::athena:startQueryExecution.sync', { service: 'athena', label: 'Athena · StartQueryExecution' }],
    [
      'arn:aws:states:::sagemaker:createTrainingJob.sync',
      { service: 'sagemaker', label: 'SageMaker · CreateTrainingJob' },
    ],
    ['arn:aws:states:::elasticmapreduce:addStep.sync', { service: 'elasticmapreduce', label: 'EMR · AddStep' }],
    ['arn:aws:states:::eks:runJob.sync', { service: 'eks', label: 'EKS · RunJob' }],
    ['arn:aws:states:::codebuild:startBuild.sync', { service: 'codebuild', label: 'CodeBuild · StartBuild' }],
    ['arn:aws:states:::apigateway:invoke', { service: 'apigateway', label: 'API Gateway · Invoke' }],
    ['arn:aws:states:::bedrock:invokeModel', { service: 'bedrock', label: 'Bedrock · InvokeModel' }],
    ['arn:aws:states:::mediaconvert:createJob.sync', { service: 'mediaconvert', label: 'MediaConvert · CreateJob' }],
    ['arn:aws-cn:states:::lambda:invoke', { service: 'lambda', label: 'Lambda · Invoke' }],
    ['arn:aws-us-gov:states:::sqs:sendMessage', { service: 'sqs', label: 'SQS · SendMessage' }],
    ['arn:${AWS::Partition}:states:::lambda:invoke', { service: 'lambda', action: 'invoke', label: 'Lambda · Invoke' }],
    [
      'arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${FnName}',
      { service: 'lambda', label: 'Lambda · ${FnName}' },
    ],
    ['${ProcessFunctionArn}', { service: 'placeholder', pattern: 'request-response', label: '${ProcessFunctionArn}' }],
    ['${Ref:Worker}.waitForTaskToken', { service: 'placeholder', pattern: 'wait-for-task-token' }],
  ])('%s', (resource, expected) => {
    expect(parseResource(resource)).toMatchObject(expected);
  });

  it('renders CloudFormation intrinsics first', () => {
    expect(parseResource({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toMatchObject({
      service: 'placeholder',
      label: '${GetAtt:Fn.Arn}',
    });
    expect(parseResource({ 'Fn::Sub': 'arn:${AWS::Partition}:states:::sns:publish' })).toMatchObject({
      service: 'sns',
      label: 'SNS · Publish',
    });
  });

  it('returns undefined for things that are not resources', () => {
    for (const value of [undefined, null, 42, '', '__tbd__', 'arn:aws:s3:::bucket', 'arn:aws:states:::nothing', {}]) {
      expect(parseResource(value)).toBeUndefined();
    }
  });
});
