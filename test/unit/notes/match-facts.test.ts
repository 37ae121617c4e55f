/**
 * The facts a state is reduced to before any selector is tried (`stateFacts`), field by field. States come from
 * definitions written the way the AWS Step Functions documentation writes them, read through the loader and the
 * graph builder as the app reads them; a few are built by hand where only a hostile or hand-made state can reach a
 * branch (say so beside each). The names of the fields and values are AWS's:
 * - integration patterns: `.sync`, `.sync:2`, `.waitForTaskToken` after the API action ("Service integration
 *   patterns", Step Functions developer guide);
 * - `Credentials` (cross-account role), `HeartbeatSeconds(Path)`, `TimeoutSeconds(Path)`, `ItemReader`,
 *   `ItemProcessor.ProcessorConfig.Mode` (Task and Map state reference);
 * - KMS key parameters of the APIs a Task calls: `SSEKMSKeyId` and `ServerSideEncryption: aws:kms | aws:kms:dsse`
 *   (S3 PutObject), `KmsKeyId` (SQS CreateQueue, Secrets Manager CreateSecret, CloudWatch Logs), `KMSMasterKeyID`
 *   (SNS attribute), `KmsKeyArn` (Lambda CreateFunction).
 */
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../shared/asl/graph.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import type { MachineContext } from '../../../shared/asl/rules-express.ts';
import type { GraphState } from '../../../shared/asl/types.ts';
import { matchFacts, stateFacts } from '../../../shared/notes/match.ts';
import type { NoteSource } from '../../../shared/notes/types.ts';

async function statesOf(states: Record<string, unknown>): Promise<Map<string, GraphState>> {
  const names = Object.keys(states);
  const text = JSON.stringify({ StartAt: names[0], States: states });
  const doc = await loadDocument('facts.asl.json', text);
  return new Map(buildGraph(doc.machines[0]!).states.map((s) => [s.name, s]));
}

/** A state as a caller outside the graph builder may hand it over (only the fields `GraphState` requires). */
function bare(type: GraphState['type'], raw: unknown, extra: Partial<GraphState> = {}): GraphState {
  return {
    id: 'S',
    name: 'S',
    type,
    parent: null,
    branch: null,
    depth: 0,
    queryLanguage: 'JSONPath',
    isStart: true,
    isEnd: true,
    retry: [],
    catch: [],
    assigns: [],
    raw: raw as Record<string, unknown>,
    ...extra,
  };
}

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('stateFacts: fields of the state', () => {
  it('reads Retry, Catch, HeartbeatSeconds and TimeoutSeconds, each on its own', async () => {
    const s = await statesOf({
      Plain: { Type: 'Task', Resource: LAMBDA, Next: 'Retried' },
      Retried: {
        Type: 'Task',
        Resource: LAMBDA,
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Next: 'Caught',
      },
      Caught: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Plain' }], Next: 'Beat' },
      Beat: { Type: 'Task', Resource: LAMBDA, HeartbeatSeconds: 60, Next: 'BeatPath' },
      BeatPath: { Type: 'Task', Resource: LAMBDA, HeartbeatSecondsPath: '$.beat', Next: 'Timed' },
      Timed: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 300, Next: 'TimedPath' },
      TimedPath: { Type: 'Task', Resource: LAMBDA, TimeoutSecondsPath: '$.limit', End: true },
    });
    const flags = (name: string) => {
      const f = stateFacts(s.get(name)!);
      return [f.retry, f.catch, f.heartbeat, f.timeout];
    };
    expect(flags('Plain')).toEqual([false, false, false, false]);
    expect(flags('Retried')).toEqual([true, false, false, false]);
    expect(flags('Caught')).toEqual([false, true, false, false]);
    expect(flags('Beat')).toEqual([false, false, true, false]);
    expect(flags('BeatPath')).toEqual([false, false, true, false]);
    expect(flags('Timed')).toEqual([false, false, false, true]);
    expect(flags('TimedPath')).toEqual([false, false, false, true]);
  });

  it('a *SecondsPath in the raw state counts even when the state was not built by the graph builder', () => {
    expect(stateFacts(bare('Task', { Type: 'Task', HeartbeatSecondsPath: '$.h' })).heartbeat).toBe(true);
    expect(stateFacts(bare('Task', { Type: 'Task', TimeoutSecondsPath: '$.t' })).timeout).toBe(true);
    expect(stateFacts(bare('Task', { Type: 'Task' })).heartbeat).toBe(false);
    expect(stateFacts(bare('Task', { Type: 'Task' })).timeout).toBe(false);
    // The fields' own names, not any key containing them.
    expect(stateFacts(bare('Task', { Type: 'Task', '': 1 })).heartbeat).toBe(false);
    expect(stateFacts(bare('Task', { Type: 'Task', '': 1 })).timeout).toBe(false);
  });

  it('Credentials and ItemReader count only as objects', async () => {
    const s = await statesOf({
      Cross: {
        Type: 'Task',
        Resource: LAMBDA,
        Credentials: { RoleArn: 'arn:aws:iam::111122223333:role/LambdaRole' },
        Next: 'Rows',
      },
      Rows: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k.csv' } },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        Next: 'Each',
      },
      Each: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'Q', States: { Q: { Type: 'Pass', End: true } } },
        End: true,
      },
    });
    expect(stateFacts(s.get('Cross')!).credentials).toBe(true);
    expect(stateFacts(s.get('Rows')!)).toMatchObject({ itemReader: true, mapMode: 'DISTRIBUTED', credentials: false });
    expect(stateFacts(s.get('Each')!)).toMatchObject({ itemReader: false, mapMode: 'INLINE' });
    expect(stateFacts(s.get('Cross')!).mapMode).toBeUndefined();
    // null is not an object here (typeof null is 'object'): hand-made states only.
    expect(stateFacts(bare('Task', { Type: 'Task', Credentials: null })).credentials).toBe(false);
    expect(stateFacts(bare('Map', { Type: 'Map', ItemReader: null })).itemReader).toBe(false);
  });

  it('a Map without the builder’s map info is INLINE, the mode it has when ProcessorConfig is left out', () => {
    expect(stateFacts(bare('Map', { Type: 'Map' })).mapMode).toBe('INLINE');
    expect(stateFacts(bare('Pass', { Type: 'Pass' })).mapMode).toBeUndefined();
  });

  it('reads a fixed Wait Seconds only on a Wait state', async () => {
    const s = await statesOf({
      Nap: { Type: 'Wait', Seconds: 86_400, Next: 'Until' },
      Until: { Type: 'Wait', SecondsPath: '$.wait', Next: 'Stamp' },
      Stamp: { Type: 'Wait', Timestamp: '2026-03-14T01:59:00Z', End: true },
    });
    expect(stateFacts(s.get('Nap')!).waitSeconds).toBe(86_400);
    expect(stateFacts(s.get('Until')!).waitSeconds).toBeUndefined();
    expect(stateFacts(s.get('Stamp')!).waitSeconds).toBeUndefined();
    // A `Seconds` key on another state type (a Pass's stray field) is not a wait.
    expect(stateFacts(bare('Pass', { Type: 'Pass', Seconds: 900 })).waitSeconds).toBeUndefined();
    // A Wait whose Seconds is text (a JSONata expression) has no fixed length.
    expect(stateFacts(bare('Wait', { Type: 'Wait', Seconds: '{% $x %}' })).waitSeconds).toBeUndefined();
  });

  it('a state whose raw object is missing or not an object still gives facts, without throwing', () => {
    for (const raw of [null, undefined, 'Task', 7]) {
      const f = stateFacts(bare('Task', raw));
      expect(f, String(raw)).toMatchObject({ heartbeat: false, timeout: false, itemReader: false, kmsKey: false });
    }
  });
});

describe('stateFacts: the service, action and pattern from Resource', () => {
  it('reads them for a Task only', () => {
    expect(stateFacts(bare('Task', { Type: 'Task' }, { resource: LAMBDA }))).toMatchObject({
      service: 'lambda',
      action: 'invoke',
      pattern: 'request-response',
    });
    // A Resource on a Pass (a mistake in a file) is not an integration.
    const pass = stateFacts(bare('Pass', { Type: 'Pass', Resource: LAMBDA }, { resource: LAMBDA }));
    expect([pass.service, pass.action, pass.pattern]).toEqual([undefined, undefined, undefined]);
  });

  it('a Task whose Resource cannot be read has no service', () => {
    const f = stateFacts(bare('Task', { Type: 'Task', Resource: 'not an arn' }, { resource: 'not an arn' }));
    expect([f.service, f.pattern]).toEqual([undefined, undefined]);
  });

  it('lower-cases the action as the API name is case-insensitive in selectors, and caps it at 100', () => {
    const sdk = 'arn:aws:states:::aws-sdk:s3:PutObject';
    expect(stateFacts(bare('Task', {}, { resource: sdk })).action).toBe('putobject');
    const long = `arn:aws:states:::aws-sdk:s3:${'A'.repeat(150)}`;
    expect(stateFacts(bare('Task', {}, { resource: long })).action).toBe('a'.repeat(100));
  });
});

describe('stateFacts: template placeholders in Resource', () => {
  const facts = (resource: string, machine?: MachineContext) =>
    stateFacts(bare('Task', { Type: 'Task', Resource: resource }, { resource }), machine);

  it('follows a DefinitionSubstitutions placeholder to its value', () => {
    const m: MachineContext = {
      placeholders: {
        ScoreArn: '${GetAtt:ScoreFunction.Arn}',
        QueueSend: 'arn:aws:states:::sqs:sendMessage',
        Direct: 'arn:aws:lambda:us-east-1:123456789012:function:score',
      },
      resourceTypes: { ScoreFunction: 'AWS::Serverless::Function' },
    };
    expect(facts('${ScoreArn}', m).service).toBe('lambda');
    expect(facts('${QueueSend}', m).service).toBe('sqs');
    expect(facts('${Direct}', m).service).toBe('lambda');
    // With a pattern suffix the placeholder still resolves, and the pattern is kept.
    expect(facts('${QueueSend}.waitForTaskToken', m)).toMatchObject({ service: 'sqs', pattern: 'wait-for-task-token' });
    expect(facts('${ScoreArn}.sync', m).service).toBe('lambda');
    expect(facts('${ScoreArn}.sync:2', m).service).toBe('lambda');
    // A placeholder the machine does not define, or no machine at all: unknown, never a guess.
    expect(facts('${Missing}', m).service).toBeUndefined();
    expect(facts('${Missing}').service).toBeUndefined();
    expect(facts('${Missing}', {}).service).toBeUndefined();
    expect(facts(' ${Missing} ').service).toBeUndefined();
    // A substitution that is not an integration ARN.
    expect(facts('${Odd}', { placeholders: { Odd: 'not an arn' } }).service).toBeUndefined();
  });

  it('trims the Resource before reading the placeholder', () => {
    expect(facts('  ${GetAtt:Fn.Arn}  ').service).toBe('lambda');
    expect(facts(' ${Arn} ', { placeholders: { Arn: ' arn:aws:states:::sns:publish ' } }).service).toBe('sns');
    // The substituted value too: a template's `!GetAtt` written with spaces around it.
    expect(facts('${Fn}', { placeholders: { Fn: ' ${GetAtt:Score.Arn} ' } }).service).toBe('lambda');
  });

  it('reads ${GetAtt:X.Arn} as Lambda unless the template says X is something else', () => {
    expect(facts('${GetAtt:Fn.Arn}').service).toBe('lambda');
    expect(facts('${GetAtt:Fn.Arn}', { resourceTypes: {} }).service).toBe('lambda');
    expect(facts('${GetAtt:Fn.Arn}', {}).service).toBe('lambda');
    for (const type of [
      'AWS::Lambda::Function',
      'AWS::Serverless::Function',
      'AWS::Lambda::Alias',
      'AWS::Lambda::Version',
    ])
      expect(facts('${GetAtt:Fn.Arn}', { resourceTypes: { Fn: type } }).service, type).toBe('lambda');
    expect(facts('${GetAtt:Q.Arn}', { resourceTypes: { Q: 'AWS::SQS::Queue' } }).service).toBeUndefined();
    // Not the Arn attribute: not a function reference.
    expect(facts('${GetAtt:Fn.Name}').service).toBeUndefined();
  });

  it('reads ${Ref:X} by what the template says X is: a Lambda alias or version, an activity, else unknown', () => {
    const ref = (type?: string) =>
      facts('${Ref:X}', type === undefined ? { resourceTypes: {} } : { resourceTypes: { X: type } }).service;
    expect(ref('AWS::Lambda::Alias')).toBe('lambda');
    expect(ref('AWS::Lambda::Version')).toBe('lambda');
    expect(ref('AWS::StepFunctions::Activity')).toBe('activity');
    // Ref of a function gives its name, not an ARN a Task can call; Ref of a queue is its URL.
    expect(ref('AWS::Lambda::Function')).toBeUndefined();
    expect(ref('AWS::SQS::Queue')).toBeUndefined();
    expect(ref()).toBeUndefined();
    expect(facts('${Ref:X}').service).toBeUndefined();
    expect(facts('${Ref:X}', {}).service).toBeUndefined();
    // Through a substitution too.
    expect(
      facts('${Act}', {
        placeholders: { Act: '${Ref:Worker}' },
        resourceTypes: { Worker: 'AWS::StepFunctions::Activity' },
      }).service,
    ).toBe('activity');
  });
});

describe('stateFacts: a KMS key named in the API arguments', () => {
  const kms = (args: unknown, field: 'Parameters' | 'Arguments' = 'Parameters') =>
    stateFacts(bare('Task', { Type: 'Task', [field]: args }, { resource: 'arn:aws:states:::aws-sdk:s3:putObject' }))
      .kmsKey;

  it.each([
    'SSEKMSKeyId',
    'SSEKMSKeyId.$',
    'KmsKeyId',
    'KMSKeyId',
    'KmsKeyArn',
    'KMSKeyArn',
    'KMSMasterKeyID',
    'KmsMasterKeyId',
  ])('%s names a key', (key) => {
    expect(kms({ Bucket: 'b', [key]: 'alias/app' })).toBe(true);
    expect(kms({ [key]: 'alias/app' }, 'Arguments')).toBe(true);
  });

  it('ServerSideEncryption names KMS only as aws:kms or aws:kms:dsse (S3), not AES256', () => {
    expect(kms({ Bucket: 'b', ServerSideEncryption: 'aws:kms' })).toBe(true);
    expect(kms({ Bucket: 'b', ServerSideEncryption: 'aws:kms:dsse' })).toBe(true);
    expect(kms({ Bucket: 'b', ServerSideEncryption: 'AES256' })).toBe(false);
    // The value under another key is not a choice of key.
    expect(kms({ Bucket: 'b', Note: 'aws:kms' })).toBe(false);
    expect(kms({ Bucket: 'b', Note: 'aws:kms:dsse' })).toBe(false);
  });

  it('reads keys, never values or nested text, and only objects', () => {
    expect(kms({ Bucket: 'b', Key: 'SSEKMSKeyId' })).toBe(false);
    expect(kms({ Body: { SSEKMSKeyId: 'inside the payload' } })).toBe(false);
    expect(kms({ MyKmsKeyIdNote: 'x' })).toBe(false);
    expect(kms(['SSEKMSKeyId'])).toBe(false);
    expect(kms(null)).toBe(false);
    expect(kms('SSEKMSKeyId')).toBe(false);
  });

  it('reads at most the first 200 argument keys (a bound on hostile input)', () => {
    const filler = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`F${i}`, i]));
    expect(kms({ ...filler, SSEKMSKeyId: 'alias/late' })).toBe(false);
    const fewer = Object.fromEntries(Array.from({ length: 199 }, (_, i) => [`F${i}`, i]));
    expect(kms({ ...fewer, SSEKMSKeyId: 'alias/last' })).toBe(true);
  });
});

describe('matchFacts: ties', () => {
  it('keeps the bundled order among notes of the same score and selector count', () => {
    const text = { title: '', body: '', keyFacts: [], examTraps: [] };
    const note = (id: string): NoteSource => ({
      id,
      topics: ['step-functions'],
      attachesTo: [{ on: 'state', type: ['Wait'] }],
      links: [],
      checked: '2026-01-01',
      examples: [],
      corrections: [],
      text: { en: { ...text, title: id }, ko: { ...text, title: id } },
    });
    const facts = stateFacts(bare('Wait', { Type: 'Wait', Seconds: 5 }));
    const ids = ['a', 'b', 'c', 'd', 'e'];
    expect(matchFacts(facts, ids.map(note), 'en').map((m) => m.note.id)).toEqual(ids);
  });
});
