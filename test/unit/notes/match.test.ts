import { describe, expect, it } from 'vitest';
import type { GraphState } from '../../../shared/asl/types.ts';
import { ALL_NOTES, matchNotes, resourceKeywords, selectorsForState, selectorsForXray } from '../../../shared/notes/index.ts';
import type { XrayDescriptor } from '../../../shared/notes/index.ts';

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

function idsForState(s: GraphState, lang: 'en' | 'ko' = 'en'): string[] {
  return matchNotes({ kind: 'state', state: s }, ALL_NOTES, lang).map((m) => m.note.id);
}

function idsForXray(node: XrayDescriptor): string[] {
  return matchNotes({ kind: 'xray', node }, ALL_NOTES, 'en').map((m) => m.note.id);
}

describe('matching notes to states', () => {
  it('a Lambda Task gets the Task note first, and no X-Ray-only notes', () => {
    const ids = idsForState(
      state({
        name: 'Score',
        type: 'Task',
        resource: 'arn:aws:states:::lambda:invoke',
        integration: { service: 'lambda', action: 'invoke', pattern: 'request-response', sdk: false, label: 'Lambda · Invoke' },
      }),
    );
    expect(ids[0]).toBe('sfn-task-state');
    expect(ids).toContain('sfn-standard-vs-express');
    expect(ids).not.toContain('xray-sampling');
    expect(ids).not.toContain('sfn-human-approval');
  });

  it('a callback Task gets the human-approval and integration-pattern notes', () => {
    const s = state({
      name: 'Ask Manager',
      type: 'Task',
      resource: 'arn:aws:states:::sns:publish.waitForTaskToken',
      integration: { service: 'sns', action: 'publish', pattern: 'wait-for-task-token', sdk: false, label: 'SNS · Publish' },
      heartbeatSeconds: 3600,
    });
    const ids = idsForState(s);
    expect(ids[0]).toBe('sfn-human-approval');
    expect(ids.slice(0, 3)).toContain('sfn-integration-patterns');
    expect(selectorsForState(s)).toEqual(expect.arrayContaining(['pattern:wait-for-task-token', 'service:sns', 'feature:heartbeat']));
  });

  it('derives service and pattern from Resource when the graph gave no integration', () => {
    const s = state({ name: 'Run', type: 'Task', resource: 'arn:aws:states:::ecs:runTask.sync:2' });
    expect(selectorsForState(s)).toEqual(expect.arrayContaining(['service:ecs', 'action:ecs:runtask', 'pattern:sync:2', 'pattern:sync']));
    expect(idsForState(s)).toContain('sfn-integration-patterns');
    const bare = state({ name: 'Fn', type: 'Task', resource: 'arn:aws:lambda:us-east-1:111122223333:function:f' });
    expect(selectorsForState(bare)).toContain('service:lambda');
  });

  it('an SDK call to Secrets Manager brings the rotation note', () => {
    const s = state({
      name: 'Load',
      type: 'Task',
      resource: 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue',
      integration: { service: 'secretsmanager', action: 'getSecretValue', pattern: 'request-response', sdk: true, label: 'SDK: Secrets Manager · GetSecretValue' },
    });
    expect(idsForState(s)).toContain('secrets-manager-rotation');
    expect(idsForState(s)).not.toContain('ssm-parameter-store');
  });

  it('finds KMS, S3, SSM and Cognito mentioned in a state\'s arguments', () => {
    const s = state({
      name: 'Put',
      type: 'Task',
      resource: 'arn:aws:states:::aws-sdk:s3:putObject',
      integration: { service: 's3', action: 'putObject', pattern: 'request-response', sdk: true, label: 'SDK: S3 · PutObject' },
      raw: {
        Type: 'Task',
        Parameters: {
          Bucket: 'reports',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: 'alias/reports',
          Tag: { Source: 'arn:aws:ssm:eu-west-1:111122223333:parameter/app/x' },
          Pool: 'arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc',
        },
      },
    });
    const selectors = selectorsForState(s);
    expect(selectors).toEqual(expect.arrayContaining(['resource:s3', 'resource:kms', 'resource:ssm', 'resource:cognito']));
    const ids = idsForState(s);
    expect(ids).toEqual(
      expect.arrayContaining([
        's3-server-side-encryption',
        's3-deny-unencrypted-uploads',
        'kms-envelope-encryption',
        'ssm-parameter-store',
        'cognito-user-and-identity-pools',
      ]),
    );
  });

  it('does not mistake ordinary words for services', () => {
    const s = state({ name: 'Pass', type: 'Pass', raw: { Type: 'Pass', Result: { note: 'make analytics skills logs' } } });
    const resources = selectorsForState(s).filter((x) => x.startsWith('resource:'));
    expect(resources).toEqual([]);
  });

  it('a Distributed Map gets the Distributed Map note first; an inline Map does not rank it first', () => {
    const distributed = state({
      name: 'Rows',
      type: 'Map',
      map: { mode: 'DISTRIBUTED', legacyIterator: false, itemReader: 'S3 · CSV' },
    });
    expect(idsForState(distributed)[0]).toBe('sfn-distributed-map');
    const inline = state({ name: 'Items', type: 'Map', map: { mode: 'INLINE', legacyIterator: false } });
    expect(selectorsForState(inline)).toContain('map:inline');
    expect(selectorsForState(inline)).not.toContain('map:distributed');
  });

  it('Retry and Catch bring the error-handling note; a Choice gets flow states but not the Task note', () => {
    const withRetry = state({
      name: 'Try',
      type: 'Task',
      resource: 'arn:aws:states:::lambda:invoke',
      retry: [{ errorEquals: ['States.ALL'], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 }],
      catch: [{ errorEquals: ['States.ALL'], next: 'Fail' }],
    });
    expect(idsForState(withRetry)[0]).toBe('sfn-retry-catch');
    const choice = idsForState(state({ name: 'Decide', type: 'Choice' }));
    expect(choice[0]).toBe('sfn-flow-states');
    expect(choice).not.toContain('sfn-task-state');
  });

  it('answers in the requested language', () => {
    const s = state({ name: 'W', type: 'Wait' });
    const [ko] = matchNotes({ kind: 'state', state: s }, ALL_NOTES, 'ko');
    expect(ko!.note.lang).toBe('ko');
    expect(ko!.note.title).toMatch(/[\uac00-\ud7a3]/);
    expect(ko!.matched).toContain('state:Wait');
  });

  it('stays bounded on a huge or deeply nested state object', () => {
    let deep: Record<string, unknown> = { leaf: 'arn:aws:kms:us-east-1:1:key/x' };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 'x'.repeat(100)]));
    const s = state({ name: 'Big', type: 'Pass', raw: { Type: 'Pass', Parameters: { deep, wide } } });
    const started = Date.now();
    const selectors = selectorsForState(s);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(selectors).not.toContain('resource:kms'); // beyond the depth limit
  });
});

describe('matching notes to X-Ray nodes', () => {
  it('a Lambda segment gets the instrumentation note', () => {
    expect(idsForXray({ name: 'score-order', origin: 'AWS::Lambda::Function' })).toContain('xray-instrumentation');
  });

  it('a faulted node puts the error/fault/throttle note first', () => {
    const ids = idsForXray({ name: 'orders-api', origin: 'AWS::EC2::Instance', fault: true });
    expect(ids[0]).toBe('xray-errors-faults-throttles');
    expect(ids).toEqual(expect.arrayContaining(['xray-daemon', 'cloudwatch-detailed-monitoring']));
  });

  it('an inferred DynamoDB table and an aws-namespace KMS subsegment get their notes', () => {
    const table = selectorsForXray({ name: 'orders', type: 'AWS::DynamoDB::Table' });
    expect(table).toEqual(expect.arrayContaining(['xray-type:AWS::DynamoDB::Table', 'xray-type:AWS::DynamoDB', 'service:dynamodb']));
    expect(idsForXray({ name: 'orders', type: 'AWS::DynamoDB::Table' })).toContain('xray-segments-subsegments');
    const kms = idsForXray({ name: 'KMS', namespace: 'aws' });
    expect(kms).toEqual(expect.arrayContaining(['kms-envelope-encryption', 'xray-segments-subsegments']));
    expect(idsForXray({ name: 'SecretsManager', namespace: 'aws' })).toContain('secrets-manager-rotation');
  });

  it('a throttled S3 call matches throttle and S3 notes', () => {
    const ids = idsForXray({ name: 'S3', namespace: 'aws', throttle: true, error: true });
    expect(ids).toEqual(expect.arrayContaining(['xray-errors-faults-throttles', 's3-server-side-encryption']));
  });

  it('every selector a note uses can be produced by some state or X-Ray node', () => {
    const base = { name: 'S', type: 'Task' as const };
    const producible = (selector: string): boolean => {
      const [kind, ...rest] = selector.split(':');
      const value = rest.join(':');
      switch (kind) {
        case 'state':
          return value === '*' || selectorsForState(state({ name: 'S', type: value as GraphState['type'] })).includes(selector);
        case 'service':
          return selectorsForState(state({ ...base, resource: `arn:aws:states:::aws-sdk:${value}:doIt` })).includes(selector);
        case 'action': {
          const [svc, act] = value.split(':');
          return selectorsForState(state({ ...base, resource: `arn:aws:states:::aws-sdk:${svc}:${act}` })).includes(selector);
        }
        case 'pattern': {
          const suffix = { 'request-response': '', sync: '.sync', 'sync:2': '.sync:2', 'wait-for-task-token': '.waitForTaskToken' }[value];
          return suffix !== undefined && selectorsForState(state({ ...base, resource: `arn:aws:states:::ecs:runTask${suffix}` })).includes(selector);
        }
        case 'feature':
          return selectorsForState(
            state({
              ...base,
              retry: [{ errorEquals: ['States.ALL'], intervalSeconds: 1, maxAttempts: 1, backoffRate: 2 }],
              catch: [{ errorEquals: ['States.ALL'], next: 'X' }],
              heartbeatSeconds: 5,
              timeoutSeconds: 10,
            }),
          ).includes(selector);
        case 'map':
          return selectorsForState(
            state({ name: 'M', type: 'Map', map: { mode: value === 'distributed' ? 'DISTRIBUTED' : 'INLINE', legacyIterator: false } }),
          ).includes(selector);
        case 'resource':
          // Either an SDK integration of that service or an ARN of it among the state's arguments.
          return (
            selectorsForState(state({ ...base, resource: `arn:aws:states:::aws-sdk:${value}:doIt` })).includes(selector) ||
            selectorsForState(
              state({ ...base, raw: { Type: 'Task', Arguments: { Target: `arn:aws:${value}:us-east-1:111122223333:thing/x` } } }),
            ).includes(selector)
          );
        case 'origin':
          return selectorsForXray({ name: 'n', origin: value }).includes(selector);
        case 'xray-type':
          return selectorsForXray({ name: 'n', type: value }).includes(selector);
        case 'namespace':
          return selectorsForXray({ name: 'n', namespace: value }).includes(selector);
        case 'xray':
          return selectorsForXray({ name: 'n', error: true, fault: true, throttle: true }).includes(selector);
        default:
          return false;
      }
    };
    for (const note of ALL_NOTES) for (const s of note.attachesTo) expect(producible(s), `${note.id}: ${s}`).toBe(true);
  });
});

describe('resource keywords', () => {
  it('reads ARNs, SDK resources and names', () => {
    expect(resourceKeywords('arn:aws:kms:us-east-1:111122223333:key/abc')).toEqual(['kms']);
    expect(resourceKeywords('arn:aws:states:::aws-sdk:secretsmanager:getSecretValue')).toEqual(['secretsmanager']);
    expect(resourceKeywords('arn:aws-cn:logs:cn-north-1:1:log-group:x')).toContain('logs');
    expect(resourceKeywords('CognitoIdentityProvider')).toEqual(['cognito']);
    expect(resourceKeywords('app-logs bucket')).toEqual([]);
    expect(resourceKeywords('arn:aws:states:::aws-sdk:support:describeTrustedAdvisorChecks')).toEqual(['trustedadvisor']);
  });
});

describe('matching stays on topic', () => {
  it('plain Lambda and SNS tasks do not pull in KMS, alarm or approval notes', () => {
    const lambda = idsForState(
      state({
        name: 'Validate',
        type: 'Task',
        resource: 'arn:aws:states:::lambda:invoke',
        integration: { service: 'lambda', action: 'invoke', pattern: 'request-response', sdk: false, label: 'Lambda · Invoke' },
      }),
    );
    expect(lambda).not.toContain('kms-envelope-encryption');
    const sns = idsForState(
      state({
        name: 'Notify',
        type: 'Task',
        resource: 'arn:aws:states:::sns:publish',
        integration: { service: 'sns', action: 'publish', pattern: 'request-response', sdk: false, label: 'SNS · Publish' },
      }),
    );
    expect(sns).not.toContain('sfn-human-approval');
    expect(sns).not.toContain('cloudwatch-alarms');
  });

  it('reading from S3 does not bring the upload-policy note; writing does', () => {
    const get = state({ name: 'Get', type: 'Task', resource: 'arn:aws:states:::aws-sdk:s3:getObject' });
    expect(idsForState(get)).toContain('s3-server-side-encryption');
    expect(idsForState(get)).not.toContain('s3-deny-unencrypted-uploads');
    const put = state({ name: 'Put', type: 'Task', resource: 'arn:aws:states:::aws-sdk:s3:putObject' });
    expect(idsForState(put)).toContain('s3-deny-unencrypted-uploads');
  });
});
