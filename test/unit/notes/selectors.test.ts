/**
 * Note selectors field by field: for each field a selector can set, the facts it holds for and the facts it does
 * not (the field missing, another value), and what each field adds to a selector's specificity. Whole notes are
 * ranked in match.test.ts; this pins the rule each ranking rests on.
 */
import { describe, expect, it } from 'vitest';
import {
  matchFacts,
  selectorHolds,
  specificity,
  xrayFacts,
  type StateFacts,
  type XrayFacts,
} from '../../../shared/notes/match.ts';
import type { NoteSource, Selector } from '../../../shared/notes/types.ts';

const plain: StateFacts = {
  on: 'state',
  type: 'Task',
  queryLanguage: 'JSONPath',
  retry: false,
  catch: false,
  heartbeat: false,
  timeout: false,
  itemReader: false,
  credentials: false,
  kmsKey: false,
};
const xplain: XrayFacts = { on: 'xray', error: false, fault: false, throttle: false };

describe('state selectors, field by field', () => {
  // [selector fields, facts it holds for, facts it does not hold for]
  const TABLE: [Partial<Selector>, Partial<StateFacts>, Partial<StateFacts>[]][] = [
    [{ type: ['Task', 'Map'] }, { type: 'Map' }, [{ type: 'Pass' }]],
    [{ service: ['lambda'] }, { service: 'lambda' }, [{}, { service: 's3' }]],
    [{ action: ['putobject'] }, { action: 'putobject' }, [{}, { action: 'getobject' }]],
    [{ pattern: ['sync'] }, { pattern: 'sync' }, [{}, { pattern: 'sync:2' }]],
    [{ workflow: 'EXPRESS' }, { workflow: 'EXPRESS' }, [{}, { workflow: 'STANDARD' }]],
    [{ queryLanguage: 'JSONata' }, { queryLanguage: 'JSONata' }, [{}]],
    [{ retry: true }, { retry: true }, [{}]],
    [{ catch: true }, { catch: true }, [{}]],
    [{ heartbeat: true }, { heartbeat: true }, [{}]],
    [{ timeout: true }, { timeout: true }, [{}]],
    [{ mapMode: 'DISTRIBUTED' }, { mapMode: 'DISTRIBUTED' }, [{}, { mapMode: 'INLINE' }]],
    [{ itemReader: true }, { itemReader: true }, [{}]],
    [{ credentials: true }, { credentials: true }, [{}]],
    [{ kmsKey: true }, { kmsKey: true }, [{}]],
    // "A Wait state whose fixed Seconds is above this many seconds": above, not at.
    [{ waitOverSeconds: 300 }, { waitSeconds: 301 }, [{}, { waitSeconds: 300 }, { waitSeconds: 0 }]],
    [{ waitOverSeconds: 0 }, { waitSeconds: 1 }, [{}, { waitSeconds: 0 }]],
  ];
  it.each(TABLE)('%j', (fields, holds, fails) => {
    const selector = { on: 'state', ...fields } as Selector;
    expect(selectorHolds(selector, { ...plain, ...holds })).toBe(true);
    for (const f of fails) expect(selectorHolds(selector, { ...plain, ...f }), JSON.stringify(f)).toBe(false);
    expect(selectorHolds(selector, { ...xplain })).toBe(false);
    // Every field must hold: one more failing field makes the whole selector fail.
    expect(selectorHolds({ ...selector, type: ['Succeed'] } as Selector, { ...plain, ...holds })).toBe(
      (fields as { type?: string[] }).type !== undefined && holds.type === 'Succeed',
    );
  });

  it('a bare selector holds for every state and no X-Ray element', () => {
    expect(selectorHolds({ on: 'state' }, plain)).toBe(true);
    expect(selectorHolds({ on: 'state' }, xplain)).toBe(false);
    expect(selectorHolds({ on: 'xray' }, xplain)).toBe(true);
    expect(selectorHolds({ on: 'xray' }, plain)).toBe(false);
  });
});

describe('X-Ray selectors, field by field', () => {
  const TABLE: [Partial<Selector>, Partial<XrayFacts>, Partial<XrayFacts>[]][] = [
    [{ origin: ['AWS::Lambda::Function'] }, { origin: 'AWS::Lambda::Function' }, [{}, { origin: 'AWS::Lambda' }]],
    [{ inferredType: ['AWS::DynamoDB::Table'] }, { inferredType: 'AWS::DynamoDB::Table' }, [{}, { inferredType: 'x' }]],
    [{ namespace: 'aws' }, { namespace: 'aws' }, [{}, { namespace: 'remote' }]],
    [{ awsService: ['kms'] }, { awsService: 'kms' }, [{}, { awsService: 's3' }]],
    [{ status: ['fault', 'throttle'] }, { throttle: true }, [{}, { error: true }]],
    [{ status: ['error'] }, { error: true }, [{ fault: true }, { throttle: true }]],
  ];
  it.each(TABLE)('%j', (fields, holds, fails) => {
    const selector = { on: 'xray', ...fields } as Selector;
    expect(selectorHolds(selector, { ...xplain, ...holds })).toBe(true);
    for (const f of fails) expect(selectorHolds(selector, { ...xplain, ...f }), JSON.stringify(f)).toBe(false);
    expect(selectorHolds(selector, plain)).toBe(false);
  });
});

describe('X-Ray facts', () => {
  it('reads flags, origin, type, namespace, and the service of an aws subsegment only', () => {
    expect(xrayFacts({ name: 'orders' })).toEqual({ on: 'xray', error: false, fault: false, throttle: false });
    expect(
      xrayFacts({
        name: 'Step Functions',
        namespace: 'aws',
        origin: 'AWS::Lambda::Function',
        type: 'AWS::Lambda',
        error: true,
        fault: true,
        throttle: true,
      }),
    ).toEqual({
      on: 'xray',
      error: true,
      fault: true,
      throttle: true,
      origin: 'AWS::Lambda::Function',
      inferredType: 'AWS::Lambda',
      namespace: 'aws',
      awsService: 'stepfunctions',
    });
    expect(xrayFacts({ name: 'SFN', namespace: 'aws' }).awsService).toBe('states');
    expect(xrayFacts({ name: 'EventBridge', namespace: 'aws' }).awsService).toBe('events');
    expect(xrayFacts({ name: 'SESv2', namespace: 'aws' }).awsService).toBe('ses');
    expect(xrayFacts({ name: 'CloudWatch Logs', namespace: 'aws' }).awsService).toBe('logs');
    expect(xrayFacts({ name: 'DynamoDB', namespace: 'remote' }).awsService).toBeUndefined();
    // Only `true` is a flag: truthy non-booleans from a hostile file are not.
    expect(xrayFacts({ name: 'x', error: 'yes' as never, fault: 1 as never }).error).toBe(false);
    expect(xrayFacts({ name: 'x', fault: 1 as never }).fault).toBe(false);
    expect(xrayFacts({ name: 'x', throttle: 'true' as never }).throttle).toBe(false);
  });

  it('caps what it copies from the file', () => {
    const f = xrayFacts({ name: 'D'.repeat(500), namespace: 'aws', origin: 'o'.repeat(500), type: 't'.repeat(500) });
    expect(f.origin).toHaveLength(200);
    expect(f.inferredType).toHaveLength(200);
    expect(f.namespace).toBe('aws');
    expect(f.awsService).toHaveLength(100);
    expect(xrayFacts({ name: 'x', namespace: 'n'.repeat(80) }).namespace).toHaveLength(50);
  });
});

describe('specificity', () => {
  it.each([
    [{ on: 'state' }, 0],
    [{ on: 'state', type: ['Task'] }, 1],
    [{ on: 'state', service: ['s3'] }, 2],
    [{ on: 'state', action: ['putobject'] }, 2],
    [{ on: 'state', pattern: ['sync'] }, 3],
    // Request-response is what every plain Task does: it weighs like a state type.
    [{ on: 'state', pattern: ['request-response'] }, 1],
    [{ on: 'state', pattern: ['request-response', 'sync'] }, 3],
    [{ on: 'state', workflow: 'EXPRESS' }, 3],
    [{ on: 'state', queryLanguage: 'JSONata' }, 1],
    [{ on: 'state', retry: true }, 2],
    [{ on: 'state', catch: true }, 2],
    [{ on: 'state', heartbeat: true }, 2],
    [{ on: 'state', timeout: true }, 2],
    [{ on: 'state', mapMode: 'DISTRIBUTED' }, 2],
    [{ on: 'state', itemReader: true }, 3],
    [{ on: 'state', credentials: true }, 4],
    [{ on: 'state', kmsKey: true }, 2],
    [{ on: 'state', waitOverSeconds: 0 }, 2],
    [{ on: 'state', type: ['Task'], service: ['s3'], credentials: true }, 7],
    [{ on: 'state', type: ['Task'], related: true }, 0],
    [{ on: 'state', related: true }, -1],
    [{ on: 'state', type: undefined }, 0],
    [{ on: 'xray' }, 0],
    [{ on: 'xray', origin: ['x'] }, 3],
    [{ on: 'xray', inferredType: ['x'] }, 3],
    [{ on: 'xray', namespace: 'aws' }, 1],
    [{ on: 'xray', awsService: ['kms'] }, 2],
    [{ on: 'xray', status: ['fault'] }, 4],
    [{ on: 'xray', origin: ['x'], status: ['fault'], related: true }, 6],
  ] as [Selector, number][])('%j weighs %i', (selector, weight) => {
    expect(specificity(selector)).toBe(weight);
  });
});

describe('ranking', () => {
  const note = (id: string, attachesTo: Selector[]): NoteSource => ({
    id,
    topics: ['cloudtrail-xray'],
    attachesTo,
    links: [],
    checked: '2026-01-01',
    examples: [],
    corrections: [],
    text: {
      en: { title: id, body: '', keyFacts: [], examTraps: [] },
      ko: { title: `${id}-ko`, body: '', keyFacts: [], examTraps: [] },
    },
  });

  it('orders by best specificity, then by how many selectors hold, then by bundled order', () => {
    const facts: StateFacts = { ...plain, service: 's3', retry: true };
    const notes = [
      note('typed', [{ on: 'state', type: ['Task'] }]),
      note('none', [{ on: 'state', type: ['Pass'] }]),
      note('service', [{ on: 'state', service: ['s3'] }]),
      note('two-typed', [
        { on: 'state', type: ['Task'] },
        { on: 'state', queryLanguage: 'JSONPath' },
      ]),
      note('retry', [{ on: 'state', retry: true }]),
      note('best', [
        { on: 'state', type: ['Pass'], credentials: true },
        { on: 'state', service: ['s3'], retry: true },
      ]),
    ];
    const got = matchFacts(facts, notes, 'en');
    expect(got.map((m) => [m.note.id, m.score])).toEqual([
      ['best', 4],
      ['service', 2],
      ['retry', 2],
      ['two-typed', 1],
      ['typed', 1],
    ]);
    // Only the selectors that held are given as the reason, in the note's language.
    expect(got[0]!.matched).toHaveLength(1);
    expect(got[3]!.matched).toHaveLength(2);
    expect(matchFacts(facts, notes, 'ko')[0]!.note.title).toBe('best-ko');
    expect(matchFacts({ ...xplain }, notes, 'en')).toEqual([]);
  });
});
