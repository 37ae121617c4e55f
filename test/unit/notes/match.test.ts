/**
 * Which note comes first beside a state, a Map node or an X-Ray element. The ranking table covers every case the
 * fact-check found wrong (issue 19, findings 1–3): free text (Comment, Next, Default, Error, Cause) attaching notes,
 * X-Ray views getting the wrong first note, and the workflow type being ignored; plus the ordinary cases around them.
 * States of the Express and SAM cases come from real templates through the loader and graph builder, so the
 * workflow type and `!GetAtt Fn.Arn` are read exactly as the app and the CLI read them.
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { machineContextFromText, machineContextOf, type MachineContext } from '../../../shared/asl/rules-express.ts';
import type { GraphState } from '../../../shared/asl/types.ts';
import {
  ALL_NOTES,
  matchNotes,
  selectorHolds,
  specificity,
  stateFacts,
  xrayFacts,
  type Selector,
  type XrayDescriptor,
} from '../../../shared/notes/index.ts';

function state(partial: Partial<GraphState> & Pick<GraphState, 'name' | 'type'>): GraphState {
  return {
    id: partial.name,
    parent: null,
    branch: null,
    depth: 0,
    queryLanguage: 'JSONPath',
    isStart: false,
    isEnd: false,
    retry: [],
    catch: [],
    assigns: [],
    raw: { Type: partial.type },
    ...partial,
  };
}

const task = (name: string, resource: string, extra: Partial<GraphState> = {}): GraphState =>
  state({ name, type: 'Task', resource, raw: { Type: 'Task', Resource: resource, ...(extra.raw ?? {}) }, ...extra });

const RETRY = [
  { errorEquals: ['Lambda.TooManyRequestsException'], intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 },
];
const CATCH = [{ errorEquals: ['States.ALL'], next: 'Cleanup' }];

const EXPRESS_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ScoreFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, CodeUri: src/ }
  Ingest:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionSubstitutions:
        ScoreArn: !GetAtt ScoreFunction.Arn
      Definition:
        StartAt: Approve
        States:
          Approve:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters: { QueueUrl: q, MessageBody: { token.$: $$.Task.Token } }
            Next: Run Job
          Run Job:
            Type: Task
            Resource: arn:aws:states:::ecs:runTask.sync
            Parameters: { Cluster: c, TaskDefinition: t }
            Next: Nap
          Nap:
            Type: Wait
            Seconds: 86400
            Next: Score
          Score:
            Type: Task
            Resource: !GetAtt ScoreFunction.Arn
            Next: Score Again
          Score Again:
            Type: Task
            Resource: \${ScoreArn}
            Next: Short Nap
          Short Nap:
            Type: Wait
            Seconds: 10
            Next: Publish
          Publish:
            Type: Task
            Resource: arn:aws:states:::sns:publish
            Parameters: { TopicArn: t, Message: m }
            End: true
  Standard:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Approve Std
        States:
          Approve Std:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters: { QueueUrl: q, MessageBody: { token.$: $$.Task.Token } }
            End: true
`;

/** The template's states as the app sees them: loaded, drawn, with their machine's context. */
async function templateStates(): Promise<Map<string, { state: GraphState; machine: MachineContext }>> {
  const doc = await loadDocument('template.yaml', EXPRESS_TEMPLATE);
  const out = new Map<string, { state: GraphState; machine: MachineContext }>();
  for (const source of doc.machines) {
    const machine = machineContextOf(doc, source);
    for (const s of buildGraph(source).states) out.set(s.name, { state: s, machine });
  }
  return out;
}

type Row =
  | { what: string; state: GraphState; machine?: MachineContext; first: string; never?: string[] }
  | { what: string; xray: XrayDescriptor; first: string; never?: string[] };

function firstIds(row: Row): string[] {
  const target =
    'state' in row
      ? { kind: 'state' as const, state: row.state, ...(row.machine ? { machine: row.machine } : {}) }
      : { kind: 'xray' as const, node: row.xray };
  return matchNotes(target, ALL_NOTES, 'en').map((m) => m.note.id);
}

const S3_NOTES = ['s3-server-side-encryption', 's3-deny-unencrypted-uploads'];
const KMS_NOTES = ['kms-envelope-encryption', 'cloudwatch-logs-kms', 'codebuild-buildspec-env', 'ssm-parameter-store'];

/** Rows built without a template: states and X-Ray elements as the views describe them. */
const ROWS: Row[] = [
  // Finding 1: free text never attaches a note.
  {
    what: 'Choice whose Next and Default name S3 and Cognito',
    state: state({
      name: 'Route',
      type: 'Choice',
      comment: 'Upload to S3 or sign in with Cognito',
      raw: {
        Type: 'Choice',
        Comment: 'Upload to S3 via KMS',
        Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Upload to S3' }],
        Default: 'Cognito',
      },
    }),
    first: 'sfn-flow-states',
    never: [...S3_NOTES, 'cognito-user-and-identity-pools', 'kms-envelope-encryption'],
  },
  {
    what: 'Fail with Error "KMS.Failure" and a Cause naming SSM and CodeBuild',
    state: state({
      name: 'Fail',
      type: 'Fail',
      raw: { Type: 'Fail', Error: 'KMS.Failure', Cause: 'ssm parameter via codebuild secretsmanager' },
    }),
    first: 'sfn-flow-states',
    never: [...KMS_NOTES, 'secrets-manager-rotation'],
  },
  {
    what: 'aws-sdk:xray Task whose Next is "Cognito"',
    state: task('Traces', 'arn:aws:states:::aws-sdk:xray:getTraceSummaries', {
      raw: { Type: 'Task', Next: 'Cognito', Comment: 'then Cognito' },
    }),
    first: 'xray-groups-filters',
    never: ['cognito-user-and-identity-pools'],
  },
  {
    what: 'Pass whose Result mentions kms, s3 and logs (a Pass shapes data: the data-flow note)',
    state: state({
      name: 'Shape',
      type: 'Pass',
      raw: { Type: 'Pass', Result: { key: 'arn:aws:kms:us-east-1:1:key/x', bucket: 's3://logs' } },
    }),
    first: 'sfn-data-flow',
    never: [...KMS_NOTES, ...S3_NOTES],
  },
  {
    what: 'Lambda Task whose Comment talks about Secrets Manager',
    state: task('Score', 'arn:aws:states:::lambda:invoke', {
      comment: 'reads a Secrets Manager secret',
      raw: { Type: 'Task', Comment: 'reads a Secrets Manager secret' },
    }),
    first: 'sfn-task-state',
    never: ['secrets-manager-rotation'],
  },
  { what: 'Succeed state', state: state({ name: 'Done', type: 'Succeed' }), first: 'sfn-flow-states' },
  {
    what: 'Wait state in an unknown workflow type',
    state: state({ name: 'W', type: 'Wait', raw: { Type: 'Wait', Seconds: 86400 } }),
    first: 'sfn-flow-states',
    never: ['sfn-express-limits'],
  },
  { what: 'Parallel state', state: state({ name: 'Both', type: 'Parallel', branches: 2 }), first: 'sfn-flow-states' },
  // Structured facts that do attach notes.
  {
    what: 'optimized Lambda invoke',
    state: task('Score', 'arn:aws:states:::lambda:invoke'),
    first: 'sfn-task-state',
    never: ['sfn-human-approval', 'kms-envelope-encryption'],
  },
  {
    what: 'bare Lambda function ARN',
    state: task('Fn', 'arn:aws:lambda:us-east-1:111122223333:function:f'),
    first: 'sfn-task-state',
  },
  {
    what: 'Lambda with Retry and Catch',
    state: task('Try', 'arn:aws:states:::lambda:invoke', { retry: RETRY, catch: CATCH }),
    first: 'lambda-error-handling',
  },
  {
    what: 'SNS publish with Catch only',
    state: task('Notify', 'arn:aws:states:::sns:publish', { catch: CATCH }),
    first: 'sfn-retry-catch',
    never: ['sfn-human-approval', 'cloudwatch-alarms'],
  },
  {
    what: 'callback Task in a machine of unknown type',
    state: task('Ask', 'arn:aws:states:::sns:publish.waitForTaskToken', { heartbeatSeconds: 3600 }),
    first: 'sfn-human-approval',
    never: ['sfn-express-limits'],
  },
  {
    what: 'ECS runTask.sync',
    state: task('Render', 'arn:aws:states:::ecs:runTask.sync'),
    first: 'sfn-integration-patterns',
  },
  {
    what: 'child machine with startExecution.sync:2',
    state: task('Child', 'arn:aws:states:::states:startExecution.sync:2'),
    first: 'sfn-integration-patterns',
  },
  {
    what: 'Batch submitJob.sync',
    state: task('Batch', 'arn:aws:states:::batch:submitJob.sync'),
    first: 'sfn-integration-patterns',
  },
  {
    what: 'SDK GetSecretValue',
    state: task('Load', 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue'),
    first: 'secrets-manager-rotation',
    never: ['ssm-parameter-store'],
  },
  {
    what: 'SDK SSM GetParameter',
    state: task('Param', 'arn:aws:states:::aws-sdk:ssm:getParameter'),
    first: 'ssm-parameter-store',
  },
  {
    what: 'S3 PutObject',
    state: task('Put', 'arn:aws:states:::aws-sdk:s3:putObject'),
    first: 's3-deny-unencrypted-uploads',
  },
  {
    what: 'S3 GetObject',
    state: task('Get', 'arn:aws:states:::aws-sdk:s3:getObject'),
    first: 's3-server-side-encryption',
    never: ['s3-deny-unencrypted-uploads'],
  },
  {
    what: 'S3 PutObject naming a KMS key in its arguments',
    state: task('PutKms', 'arn:aws:states:::aws-sdk:s3:putObject', {
      raw: {
        Type: 'Task',
        Parameters: { Bucket: 'b', Key: 'k', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/r' },
      },
    }),
    first: 's3-server-side-encryption',
  },
  {
    what: 'SDK KMS Encrypt',
    state: task('Encrypt', 'arn:aws:states:::aws-sdk:kms:encrypt'),
    first: 'kms-envelope-encryption',
  },
  {
    what: 'SDK STS AssumeRole',
    state: task('Assume', 'arn:aws:states:::aws-sdk:sts:assumeRole'),
    first: 'iam-trust-policy',
  },
  {
    what: 'cross-account Task with Credentials.RoleArn',
    state: task('Other Account', 'arn:aws:states:::lambda:invoke', {
      raw: { Type: 'Task', Credentials: { RoleArn: 'arn:aws:iam::222233334444:role/Invoker' } },
    }),
    first: 'iam-cross-account',
  },
  {
    what: 'SDK CloudWatch PutMetricData',
    state: task('Metric', 'arn:aws:states:::aws-sdk:cloudwatch:putMetricData'),
    first: 'cloudwatch-custom-metrics',
  },
  {
    what: 'SDK CloudWatch Logs via the sfn-style alias',
    state: task('Logs', 'arn:aws:states:::aws-sdk:cloudwatchlogs:associateKmsKey'),
    first: 'cloudwatch-logs-kms',
  },
  {
    what: 'EventBridge Scheduler CreateSchedule',
    state: task('Schedule', 'arn:aws:states:::aws-sdk:scheduler:createSchedule'),
    first: 'eventbridge-schedules',
  },
  {
    what: 'Glue startJobRun.sync',
    state: task('Glue', 'arn:aws:states:::glue:startJobRun.sync'),
    first: 'sfn-integration-patterns',
  },
  { what: 'Glue request-response', state: task('GlueRR', 'arn:aws:states:::glue:startJobRun'), first: 'glue' },
  {
    what: 'CodeBuild SDK call',
    state: task('Build', 'arn:aws:states:::aws-sdk:codebuild:startBuild'),
    first: 'codebuild-buildspec-env',
  },
  {
    what: 'Cognito SDK call',
    state: task('Users', 'arn:aws:states:::aws-sdk:cognitoidentityprovider:adminGetUser'),
    first: 'cognito-user-and-identity-pools',
  },
  {
    what: 'Support API Trusted Advisor check',
    state: task('TA', 'arn:aws:states:::aws-sdk:support:describeTrustedAdvisorChecks'),
    first: 'trusted-advisor',
  },
  // Map nodes.
  {
    what: 'Distributed Map with an S3 ItemReader',
    state: state({
      name: 'Rows',
      type: 'Map',
      map: { mode: 'DISTRIBUTED', legacyIterator: false, itemReader: 'S3 · CSV' },
      raw: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' } },
    }),
    first: 'sfn-distributed-map',
  },
  {
    what: 'inline Map',
    state: state({ name: 'Items', type: 'Map', map: { mode: 'INLINE', legacyIterator: false } }),
    first: 'sfn-distributed-map',
  },
  {
    what: 'inline Map with Retry',
    state: state({
      name: 'Items2',
      type: 'Map',
      map: { mode: 'INLINE', legacyIterator: false },
      retry: [{ errorEquals: ['States.ALL'], intervalSeconds: 1, maxAttempts: 2, backoffRate: 2 }],
    }),
    first: 'sfn-retry-catch',
  },
  // Finding 2: X-Ray views.
  {
    what: 'Lambda function segment',
    xray: { name: 'score-order', origin: 'AWS::Lambda::Function' },
    first: 'xray-instrumentation',
    never: ['inspector', 'sfn-task-state'],
  },
  {
    what: 'Lambda service node on the trace map',
    xray: { name: 'score-order', type: 'AWS::Lambda' },
    first: 'xray-instrumentation',
    never: ['sfn-task-state'],
  },
  {
    what: 'Lambda service segment',
    xray: { name: 'score-order', origin: 'AWS::Lambda' },
    first: 'xray-instrumentation',
    never: ['sfn-task-state'],
  },
  {
    what: 'API Gateway stage segment',
    xray: { name: 'orders-api/prod', origin: 'AWS::ApiGateway::Stage' },
    first: 'xray-instrumentation',
  },
  {
    what: 'ECS container segment',
    xray: { name: 'web', origin: 'AWS::ECS::Container' },
    first: 'xray-daemon',
    never: ['sfn-integration-patterns'],
  },
  {
    what: 'DynamoDB call subsegment',
    xray: { name: 'DynamoDB', namespace: 'aws' },
    first: 'xray-segments-subsegments',
    never: ['inspector'],
  },
  {
    what: 'DynamoDB table node',
    xray: { name: 'orders', type: 'AWS::DynamoDB::Table' },
    first: 'xray-segments-subsegments',
    never: ['inspector'],
  },
  {
    what: 'EC2 instance with a fault',
    xray: { name: 'api', origin: 'AWS::EC2::Instance', fault: true },
    first: 'xray-errors-faults-throttles',
  },
  {
    what: 'throttled S3 call',
    xray: { name: 'S3', namespace: 'aws', throttle: true },
    first: 'xray-errors-faults-throttles',
  },
  { what: 'KMS call subsegment', xray: { name: 'KMS', namespace: 'aws' }, first: 'kms-envelope-encryption' },
  {
    what: 'Secrets Manager call subsegment',
    xray: { name: 'SecretsManager', namespace: 'aws' },
    first: 'secrets-manager-rotation',
  },
  {
    what: 'remote HTTP call',
    xray: { name: 'api.partner.example', namespace: 'remote' },
    first: 'xray-segments-subsegments',
  },
  {
    what: 'Step Functions state machine segment',
    xray: { name: 'orders', origin: 'AWS::StepFunctions::StateMachine' },
    first: 'xray-instrumentation',
  },
  {
    what: 'Elastic Beanstalk environment',
    xray: { name: 'web', origin: 'AWS::ElasticBeanstalk::Environment' },
    first: 'xray-daemon',
  },
  { what: 'client node', xray: { name: 'client', type: 'client' }, first: 'cloudtrail-xray-cloudwatch' },
];

describe('ranking: the first note for each element', () => {
  it('has a table of at least 40 elements', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  for (const row of ROWS) {
    it(row.what, () => {
      const ids = firstIds(row);
      expect(ids[0], ids.slice(0, 4).join(', ')).toBe(row.first);
      for (const id of row.never ?? []) expect(ids, `${id} must not attach`).not.toContain(id);
    });
  }
});

describe('ranking: the workflow type and template references (finding 3)', () => {
  it('an EXPRESS machine puts the Express note first on .waitForTaskToken, .sync and a 24-hour Wait', async () => {
    const states = await templateStates();
    for (const name of ['Approve', 'Run Job', 'Nap']) {
      const { state: s, machine } = states.get(name)!;
      expect(machine.workflowType).toBe('EXPRESS');
      const ids = matchNotes({ kind: 'state', state: s, machine }, ALL_NOTES, 'en').map((m) => m.note.id);
      expect(ids[0], `${name}: ${ids.slice(0, 3).join(', ')}`).toBe('sfn-express-limits');
      expect(ids.indexOf('sfn-standard-vs-express'), name).toBeLessThan(4);
    }
  });

  it('a short Wait in Express gets no Express-limits note; Standard vs Express ranks right after the flow note', async () => {
    const { state: s, machine } = (await templateStates()).get('Short Nap')!;
    const ids = matchNotes({ kind: 'state', state: s, machine }, ALL_NOTES, 'en').map((m) => m.note.id);
    expect(ids).not.toContain('sfn-express-limits');
    expect(ids.slice(0, 2)).toEqual(['sfn-standard-vs-express', 'sfn-flow-states']);
  });

  it('the same callback Task in a STANDARD machine of the same template gets the approval note first', async () => {
    const { state: s, machine } = (await templateStates()).get('Approve Std')!;
    expect(machine.workflowType).toBe('STANDARD');
    const ids = matchNotes({ kind: 'state', state: s, machine }, ALL_NOTES, 'en').map((m) => m.note.id);
    expect(ids[0]).toBe('sfn-human-approval');
    expect(ids).not.toContain('sfn-express-limits');
  });

  it('recognises SAM !GetAtt Fn.Arn as Lambda, directly and through DefinitionSubstitutions', async () => {
    const states = await templateStates();
    for (const name of ['Score', 'Score Again']) {
      const { state: s, machine } = states.get(name)!;
      expect(stateFacts(s, machine).service, name).toBe('lambda');
      expect(
        matchNotes({ kind: 'state', state: s, machine }, ALL_NOTES, 'en').map((m) => m.note.id),
        name,
      ).toContain('sfn-task-state');
    }
    // Without the template, a `.Arn` in a Task's Resource can only be a function.
    expect(stateFacts(task('X', '${GetAtt:Fn.Arn}')).service).toBe('lambda');
    // With a template saying the target is something else, it is not guessed to be Lambda.
    expect(
      stateFacts(task('X', '${GetAtt:Queue.Arn}'), { resourceTypes: { Queue: 'AWS::SQS::Queue' } }).service,
    ).toBeUndefined();
  });

  it('a state inside a Distributed Map with EXPRESS children is treated as Express, even in a plain ASL file', async () => {
    const text = JSON.stringify({
      StartAt: 'Rows',
      States: {
        Rows: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Ask',
            States: {
              Ask: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                Parameters: { QueueUrl: 'q', 'MessageBody.$': '$' },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const ctx = machineContextFromText(text, 'rows');
    expect(ctx.expressStates).toEqual(['Ask']);
    const doc = await loadDocument('rows.asl.json', text);
    expect(machineContextOf(doc, doc.machines[0]!).expressStates).toEqual(['Ask']);
    const ask = buildGraph(doc.machines[0]!).states.find((s) => s.name === 'Ask')!;
    expect(matchNotes({ kind: 'state', state: ask, machine: ctx }, ALL_NOTES, 'en')[0]!.note.id).toBe(
      'sfn-express-limits',
    );
    const rows = buildGraph(doc.machines[0]!).states.find((s) => s.name === 'Rows')!;
    expect(stateFacts(rows, ctx).workflow).toBeUndefined();
  });

  it('the app shell gets the same context from the text and the machine name', () => {
    const ctx = machineContextFromText(EXPRESS_TEMPLATE, 'Ingest');
    expect(ctx.workflowType).toBe('EXPRESS');
    expect(ctx.placeholders?.ScoreArn).toBe('${GetAtt:ScoreFunction.Arn}');
    expect(machineContextFromText(EXPRESS_TEMPLATE, 'Standard').workflowType).toBe('STANDARD');
    expect(machineContextFromText('{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}', 'x')).toEqual({});
    expect(machineContextFromText(': : not yaml [', 'x')).toEqual({});
  });
});

describe('selectors', () => {
  it('every selector of every note can hold for some element, and specificity orders them', () => {
    for (const note of ALL_NOTES) {
      for (const sel of note.attachesTo) {
        expect(['state', 'xray'], note.id).toContain(sel.on);
        expect(specificity(sel), `${note.id}`).toBeGreaterThanOrEqual(sel.related ? -1 : 0);
      }
    }
    const bare: Selector = { on: 'state' };
    const typed: Selector = { on: 'state', type: ['Task'] };
    const express: Selector = { on: 'state', workflow: 'EXPRESS', pattern: ['wait-for-task-token'] };
    expect(specificity(bare)).toBeLessThan(specificity(typed));
    expect(specificity(typed)).toBeLessThan(specificity(express));
    expect(specificity({ on: 'state', type: ['Task'], related: true })).toBeLessThan(specificity(typed));
  });

  it('a selector holds only when every field holds', () => {
    const facts = stateFacts(task('A', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'), {
      workflowType: 'STANDARD',
    });
    expect(selectorHolds({ on: 'state', pattern: ['wait-for-task-token'] }, facts)).toBe(true);
    expect(selectorHolds({ on: 'state', pattern: ['wait-for-task-token'], workflow: 'EXPRESS' }, facts)).toBe(false);
    expect(selectorHolds({ on: 'xray' }, facts)).toBe(false);
    const x = xrayFacts({ name: 'DynamoDB', namespace: 'aws', error: true });
    expect(x.awsService).toBe('dynamodb');
    expect(selectorHolds({ on: 'xray', status: ['fault'] }, x)).toBe(false);
    expect(selectorHolds({ on: 'xray', status: ['error', 'fault'] }, x)).toBe(true);
  });

  it('reads no free text: names and comments never become facts', () => {
    const noisy = state({
      name: 'Upload to S3 with KMS',
      type: 'Pass',
      comment: 'Cognito Secrets Manager KMS',
      raw: { Type: 'Pass', Comment: 'kms s3', Next: 'S3', Result: { SSEKMSKeyId: 'inside Result, not an API call' } },
    });
    const facts = stateFacts(noisy);
    expect(facts.service).toBeUndefined();
    expect(facts.kmsKey).toBe(false);
  });

  it('answers in the requested language', () => {
    const [ko] = matchNotes({ kind: 'state', state: state({ name: 'W', type: 'Wait' }) }, ALL_NOTES, 'ko');
    expect(ko!.note.lang).toBe('ko');
    expect(ko!.note.title).toMatch(/[\uac00-\ud7a3]/);
    expect(ko!.matched.join(' ')).toContain('Wait');
  });

  it('stays bounded on a huge state object', () => {
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 'x'.repeat(100)]));
    const s = task('Big', 'arn:aws:states:::aws-sdk:s3:putObject', { raw: { Type: 'Task', Parameters: wide } });
    const started = Date.now();
    matchNotes({ kind: 'state', state: s }, ALL_NOTES, 'en');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
