/**
 * The contract's argument validators at their edges: every limit is checked on both sides (the largest value
 * accepted, one more refused), every pattern at both of its anchors, and every string argument against a NUL
 * byte. Region names are checked against the AWS SDK's own partition table: every region the SDK knows is
 * accepted, with the same shape as the SDK's `regionRegex` of each partition.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelOf, ContractError, isMethod, METHODS, validateSettings, VALIDATORS } from '../../../shared/contract.ts';

type AnyValidator = (v: unknown) => unknown;
const V = VALIDATORS as unknown as Record<string, AnyValidator>;
const call = (method: string, args: unknown) => V[method]!(args);
const refused = (method: string, args: unknown, message?: RegExp) => {
  let error: unknown;
  try {
    call(method, args);
  } catch (e) {
    error = e;
  }
  expect(error, `${method} ${JSON.stringify(args)?.slice(0, 120)} is refused`).toBeInstanceOf(ContractError);
  if (message) expect((error as Error).message).toMatch(message);
};

const x = (n: number) => 'x'.repeat(n);
const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';
const TIME = { startMs: 1_000, endMs: 2_000 };

/** The regions and region patterns of the AWS SDK's endpoint partitions (the data the SDK resolves with). */
function sdkPartitions(): { regions: string[]; regexes: RegExp[] } {
  const require = createRequire(import.meta.url);
  const cjs = require.resolve('@aws-sdk/core/client');
  const file = path.resolve(
    path.dirname(cjs),
    '../../../dist-es/submodules/client/util-endpoints/lib/aws/partitions.js',
  );
  const text = fs.readFileSync(file, 'utf8');
  const regions = [...text.matchAll(/"([a-z]{2}(?:-[a-z]+)+-\d+)": \{/g)].map((m) => m[1]!);
  const regexes = [...text.matchAll(/"regionRegex": "(.*)"/g)].map((m) => new RegExp(JSON.parse(`"${m[1]}"`)));
  return { regions: [...new Set(regions)], regexes };
}

describe('contract validators: objects and strings', () => {
  it.each([null, undefined, 'text', 42, true, ['path']])('refuses %j where an object is needed', (v) => {
    refused('files.read', v, /Arguments must be an object/);
  });

  it('accepts a string up to its limit and refuses one character more, an empty one, a non-string and a NUL', () => {
    expect(call('files.read', { path: x(4096) })).toEqual({ path: x(4096) });
    refused('files.read', { path: x(4097) }, /"path" must be a non-empty string of at most 4096 characters/);
    refused('files.read', { path: '' });
    refused('files.read', { path: 7 });
    refused('files.read', { path: 'a\0b' });
    refused('files.read', { path: '\0' });
    expect(call('files.readSample', { id: x(200) })).toEqual({ id: x(200) });
    refused('files.readSample', { id: x(201) }, /at most 200 characters/);
  });

  it('checks each string argument for a NUL byte', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['files.readRelative', { from: 'a\0', path: 'b' }],
      ['files.readRelative', { from: 'a', path: 'b\0' }],
      ['notes.annotations.add', { key: 'k', element: 'e\0', markdown: 'm' }],
      ['aws.describeMachine', { stateMachineArn: `${ARN}\0` }],
      ['aws.traceSummaries', { ...TIME, filterExpression: 'ok\0' }],
      ['session.setOpenDocuments', { paths: ['a', 'b\0'] }],
      ['files.write', { path: 'f\0', text: '' }],
    ];
    for (const [m, args] of cases) refused(m, args);
  });

  it.each(['app.info', 'app.notices', 'files.samples', 'aws.profiles', 'settings.get', 'daemon.clear'])(
    '%s takes nothing: undefined, null or an object, never an array',
    (m) => {
      expect(call(m, undefined)).toEqual({});
      expect(call(m, null)).toEqual({});
      expect(call(m, { extra: 1 })).toEqual({});
      refused(m, [1]);
      refused(m, 'x');
    },
  );
});

describe('contract validators: notes', () => {
  it('notes.list: language en (default) or ko, a query of at most 200 characters, a topic of at most 64', () => {
    expect(call('notes.list', {})).toEqual({ lang: 'en' });
    expect(call('notes.list', { lang: 'ko', query: x(200), topic: x(64) })).toEqual({
      lang: 'ko',
      query: x(200),
      topic: x(64),
    });
    expect(call('notes.list', { query: '' })).toEqual({ lang: 'en', query: '' });
    refused('notes.list', { lang: 'fr' }, /"lang" must be "en" or "ko"/);
    refused('notes.list', { query: x(201) }, /"query" must be a string of at most 200/);
    refused('notes.list', { query: 5 });
    refused('notes.list', { topic: x(65) });
  });

  it('notes.annotations.*: keys, elements, markdown and ids within their limits', () => {
    expect(call('notes.annotations.list', undefined)).toEqual({});
    expect(call('notes.annotations.list', null)).toEqual({});
    expect(call('notes.annotations.list', { key: x(4096), element: x(1024) })).toEqual({
      key: x(4096),
      element: x(1024),
    });
    refused('notes.annotations.list', { element: x(1025) });
    refused('notes.annotations.list', { key: x(4097) });
    const add = { key: 'k', element: x(1024), markdown: x(100_000) };
    expect(call('notes.annotations.add', add)).toEqual(add);
    refused('notes.annotations.add', { ...add, markdown: x(100_001) });
    refused('notes.annotations.add', { ...add, element: x(1025) });
    expect(call('notes.annotations.update', { id: x(64), markdown: 'm' })).toEqual({ id: x(64), markdown: 'm' });
    refused('notes.annotations.update', { id: x(65), markdown: 'm' });
    refused('notes.annotations.update', { id: 'i', markdown: x(100_001) });
    expect(call('notes.annotations.delete', { id: x(64) })).toEqual({ id: x(64) });
    refused('notes.annotations.delete', { id: x(65) });
    expect(call('notes.annotations.import', { text: 'json' })).toEqual({ text: 'json' });
  });
});

describe('contract validators: AWS connection', () => {
  const { regions, regexes } = sdkPartitions();

  it('accepts every region of the AWS SDK partition table', () => {
    expect(regions.length).toBeGreaterThan(30);
    const refusedRegions = regions.filter((r) => {
      try {
        return (call('aws.connect', { region: r }) as { region?: string }).region !== r;
      } catch {
        return true;
      }
    });
    console.log(`${regions.length - refusedRegions.length} of ${regions.length} SDK regions accepted`);
    expect(refusedRegions).toEqual([]);
    // The table's own patterns say the same of them.
    for (const r of regions)
      expect(
        regexes.some((re) => re.test(r)),
        r,
      ).toBe(true);
  });

  it.each([
    ['Mars', 'not a region'],
    ['US-EAST-1', 'upper case'],
    ['xus-east-1', 'something before the name'],
    ['1 us-east-1', 'something before the name'],
    ['us-east-1x', 'something after the number'],
    ['us-east-1 ', 'a space after'],
    ['us-east-123', 'a three-digit number'],
    ['us-east', 'no number'],
    ['useast-1', 'no hyphen between the parts'],
    ['us-east-1\0', 'a NUL byte'],
    [`us-${'a'.repeat(28)}-1`, '33 characters'],
  ])('refuses region %j (%s)', (region) => {
    refused('aws.connect', { region });
  });

  it("accepts a two-digit region number, as the SDK partitions' regionRegex does", () => {
    // No region has one yet; the SDK's patterns (`…-\\d+$`) already accept it, so a new region will not be refused.
    for (const region of ['us-east-10', 'ap-southeast-12']) {
      expect(
        regexes.some((re) => re.test(region)),
        region,
      ).toBe(true);
      expect(call('aws.connect', { region })).toEqual({ region });
    }
  });

  it('keeps a 32-character region-shaped name, and leaves out empty fields', () => {
    const name = `us-${'a'.repeat(27)}-1`;
    expect(name).toHaveLength(32);
    expect(call('aws.connect', { region: name })).toEqual({ region: name });
    expect(call('aws.connect', { profile: '', region: '', endpoint: '', mfaCode: '' })).toEqual({});
    expect(call('aws.connect', undefined)).toEqual({});
    expect(call('aws.connect', null)).toEqual({});
  });

  it('profiles: the characters of a profile name, up to 128', () => {
    for (const p of ['default', 'dev.team@corp', 'a+b=c,d:e/f-g_h', x(128)])
      expect(call('aws.connect', { profile: p })).toEqual({ profile: p });
    for (const p of ['a b', 'a;b', 'a\nb', '$(id)', x(129)]) refused('aws.connect', { profile: p });
    refused('aws.connect', { profile: 'a b' }, /characters a profile name cannot have/);
  });

  it('endpoints: http:// or https:// at the start, up to 2048 characters', () => {
    for (const e of ['http://127.0.0.1:4566', 'https://localhost', `https://${x(2040)}`])
      expect(call('aws.connect', { endpoint: e })).toEqual({ endpoint: e });
    for (const e of ['ftp://x', 'xhttp://x', ' https://x', 'HTTP://x', `https://${x(2041)}`])
      refused('aws.connect', { endpoint: e });
    refused('aws.connect', { endpoint: 'ftp://x' }, /http:\/\/ or https:\/\//);
  });

  it('MFA codes: exactly six digits', () => {
    expect(call('aws.connect', { mfaCode: '012345' })).toEqual({ mfaCode: '012345' });
    for (const c of ['12345', '1234567', '12345a', ' 12345', '123 45']) refused('aws.connect', { mfaCode: c });
    refused('aws.connect', { mfaCode: '12345' }, /6 digits/);
  });

  it('passes the connection through every aws.* method that takes one', () => {
    const conn = { profile: 'dev', region: 'eu-west-1' };
    expect(call('aws.machines', { ...conn, type: 'EXPRESS', search: 'ord' })).toEqual({
      ...conn,
      type: 'EXPRESS',
      search: 'ord',
    });
    expect(call('aws.machines', { ...conn, search: '' })).toEqual(conn);
    refused('aws.machines', { type: 'FAST' }, /"STANDARD" or "EXPRESS"/);
    refused('aws.machines', { search: x(257) });
    expect(call('aws.describeMachine', { ...conn, stateMachineArn: ARN })).toEqual({ ...conn, stateMachineArn: ARN });
    expect(call('aws.history', { ...conn, executionArn: ARN })).toEqual({ ...conn, executionArn: ARN });
    expect(call('aws.mapRuns', { ...conn, executionArn: ARN })).toEqual({ ...conn, executionArn: ARN });
    refused('aws.mapRuns', { executionArn: x(2049) });
    expect(call('aws.xrayGroups', conn)).toEqual(conn);
    refused('aws.xrayGroups', { region: 'Mars' });
  });
});

describe('contract validators: executions and traces', () => {
  it('aws.executions: status, maxItems 1-100000, pageSize 1-1000, times, token and name filters', () => {
    const base = { stateMachineArn: ARN };
    for (const status of ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'])
      expect(call('aws.executions', { ...base, status })).toEqual({ ...base, status });
    refused('aws.executions', { ...base, status: 'running' }, /"status" must be one of RUNNING, SUCCEEDED/);
    for (const maxItems of [1, 100_000])
      expect(call('aws.executions', { ...base, maxItems })).toEqual({ ...base, maxItems });
    for (const maxItems of [0, 100_001, 1.5, '10', Number.NaN])
      refused('aws.executions', { ...base, maxItems }, /"maxItems" must be an integer from 1 to 100000/);
    for (const pageSize of [1, 1000])
      expect(call('aws.executions', { ...base, pageSize })).toEqual({ ...base, pageSize });
    for (const pageSize of [0, 1001, 2.5]) refused('aws.executions', { ...base, pageSize }, /"pageSize"/);
    expect(call('aws.executions', { ...base, startedAfter: 0, startedBefore: 1e12 })).toEqual({
      ...base,
      startedAfter: 0,
      startedBefore: 1e12,
    });
    for (const k of ['startedAfter', 'startedBefore'])
      for (const v of [Number.NaN, Infinity, '2026-01-01'])
        refused('aws.executions', { ...base, [k]: v }, new RegExp(`"${k}" must be a time`));
    expect(call('aws.executions', { ...base, nextToken: '', nameContains: '' })).toEqual(base);
    expect(call('aws.executions', { ...base, nextToken: x(4096), nameContains: x(256) })).toEqual({
      ...base,
      nextToken: x(4096),
      nameContains: x(256),
    });
    refused('aws.executions', { ...base, nextToken: x(4097) });
    refused('aws.executions', { ...base, nameContains: x(257) });
    refused('aws.executions', {}, /"stateMachineArn"/);
  });

  it('aws.traceSummaries: a forward time range from 1970 on, at most 10000 traces, a filter of at most 2000', () => {
    expect(call('aws.traceSummaries', { startMs: 0, endMs: 1 })).toEqual({ startMs: 0, endMs: 1 });
    expect(call('aws.traceSummaries', { ...TIME, maxTraces: 1 })).toEqual({ ...TIME, maxTraces: 1 });
    expect(call('aws.traceSummaries', { ...TIME, maxTraces: 10_000 })).toEqual({ ...TIME, maxTraces: 10_000 });
    for (const maxTraces of [0, -1, 10_001, 1.5, '5', Infinity])
      refused('aws.traceSummaries', { ...TIME, maxTraces }, /"maxTraces" must be an integer from 1 to 10000/);
    for (const [startMs, endMs] of [
      [-1, 5],
      [Number.NaN, 5],
      ['0', 5],
      [0, Infinity],
    ])
      refused('aws.traceSummaries', { startMs, endMs }, /must be a time in milliseconds since 1970/);
    refused('aws.traceSummaries', { startMs: 5, endMs: 5 }, /"endMs" must be after "startMs"/);
    refused('aws.traceSummaries', { startMs: 6, endMs: 5 }, /"endMs" must be after "startMs"/);
    expect(call('aws.traceSummaries', { ...TIME, filterExpression: x(2000) })).toEqual({
      ...TIME,
      filterExpression: x(2000),
    });
    expect(call('aws.traceSummaries', { ...TIME, filterExpression: '' })).toEqual(TIME);
    refused('aws.traceSummaries', { ...TIME, filterExpression: x(2001) });
    expect(call('aws.traceSummaries', { ...TIME, region: 'eu-west-1' })).toEqual({ ...TIME, region: 'eu-west-1' });
  });

  it('aws.serviceGraph: the same time range, a group name, and no trace cap or filter', () => {
    expect(call('aws.serviceGraph', { ...TIME, maxTraces: 99_999, filterExpression: 'x', groupName: x(128) })).toEqual({
      ...TIME,
      groupName: x(128),
    });
    expect(call('aws.serviceGraph', { ...TIME, groupName: '' })).toEqual(TIME);
    refused('aws.serviceGraph', { ...TIME, groupName: x(129) });
    refused('aws.serviceGraph', { startMs: 5, endMs: 5 }, /after/);
  });

  it('aws.batchGetTraces and aws.traceGraph: 1 to 100 ids of word characters and hyphens, at most 64 long', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `1-5f000000-${String(i).padStart(24, '0')}`);
    for (const m of ['aws.batchGetTraces', 'aws.traceGraph']) {
      expect(call(m, { traceIds: ids(1) })).toEqual({ traceIds: ids(1) });
      expect(call(m, { traceIds: ids(100) })).toEqual({ traceIds: ids(100) });
      expect(call(m, { traceIds: [x(64)] })).toEqual({ traceIds: [x(64)] });
      for (const traceIds of [[], ids(101), [x(65)], [''], ['1-abc', 'a b'], ['a/b'], [7], 'x', [`${x(3)}\n`]])
        refused(m, { traceIds }, /"traceIds" must be a list of 1 to 100 trace ids/);
    }
    expect(call('aws.batchGetTraces', { traceIds: ids(1), region: 'us-west-2' })).toEqual({
      traceIds: ids(1),
      region: 'us-west-2',
    });
  });
});

describe('contract validators: files, sessions, logs, language and daemon', () => {
  it('session.setOpenDocuments: at most 200 paths, each a valid path named by its index', () => {
    const paths = (n: number) => Array.from({ length: n }, (_, i) => `/d/${i}.asl.json`);
    expect(call('session.setOpenDocuments', { paths: paths(200) })).toEqual({ paths: paths(200) });
    expect(call('session.setOpenDocuments', { paths: [] })).toEqual({ paths: [] });
    refused('session.setOpenDocuments', { paths: paths(201) }, /at most 200 paths/);
    refused('session.setOpenDocuments', { paths: 'a' }, /at most 200 paths/);
    refused('session.setOpenDocuments', { paths: ['a', ''] }, /"paths\[1\]"/);
  });

  it('log.error: a string message; long reports are cut, not refused', () => {
    expect(call('log.error', { message: 'boom' })).toEqual({ message: 'boom' });
    expect(call('log.error', { message: x(5000), stack: x(20_000), source: x(300) })).toEqual({
      message: x(4000),
      stack: x(16_000),
      source: x(200),
    });
    refused('log.error', { message: 1 }, /"message" must be a string/);
    refused('log.error', { message: 'm', stack: 1 }, /"stack" must be a string/);
    refused('log.error', { message: 'm', source: {} }, /"source" must be a string/);
  });

  it('files.write, files.watch, files.unwatch', () => {
    expect(call('files.write', { path: 'p', text: '' })).toEqual({ path: 'p', text: '' });
    expect(call('files.write', { path: 'p', text: 't', expectedMtimeMs: 12.5 })).toEqual({
      path: 'p',
      text: 't',
      expectedMtimeMs: 12.5,
    });
    refused('files.write', { path: 'p', text: 5 }, /"text" must be a string of at most 256 MB/);
    for (const m of [Number.NaN, Infinity, '1'])
      refused('files.write', { path: 'p', text: '', expectedMtimeMs: m }, /"expectedMtimeMs" must be a number/);
    expect(call('files.watch', { path: 'p' })).toEqual({ path: 'p' });
    expect(call('files.unwatch', { path: 'p' })).toEqual({ path: 'p' });
    refused('files.watch', { path: '' });
    refused('files.unwatch', {});
  });

  it('asl.validate, asl.complete, asl.hover: text of at most 64 MB and an offset within it', () => {
    const big = x(64 * 1024 * 1024);
    expect((call('asl.validate', { file: 'f', text: big }) as { text: string }).text).toHaveLength(big.length);
    refused('asl.validate', { file: 'f', text: `${big}x` }, /at most 64 MB/);
    refused('asl.validate', { file: 'f', text: null }, /at most 64 MB/);
    for (const m of ['asl.complete', 'asl.hover']) {
      expect(call(m, { file: 'f', text: 'abc', offset: 0 })).toEqual({ file: 'f', text: 'abc', offset: 0 });
      expect(call(m, { file: 'f', text: 'abc', offset: 3 })).toEqual({ file: 'f', text: 'abc', offset: 3 });
      for (const offset of [4, -1, 1.5, '1', undefined])
        refused(m, { file: 'f', text: 'abc', offset }, /"offset" must be a whole number within the text/);
      refused(m, { file: 'f', text: `${big}x`, offset: 0 }, /at most 64 MB/);
      refused(m, { file: '', text: 'abc', offset: 0 });
    }
  });

  it('daemon.snapshot: nothing, or the newest 1 to 1000000', () => {
    expect(call('daemon.snapshot', undefined)).toEqual({});
    expect(call('daemon.snapshot', {})).toEqual({});
    expect(call('daemon.snapshot', { newest: 1 })).toEqual({ newest: 1 });
    expect(call('daemon.snapshot', { newest: 1_000_000 })).toEqual({ newest: 1_000_000 });
    for (const newest of [0, 1_000_001, 2.5, '3'])
      refused('daemon.snapshot', { newest }, /"newest" must be an integer from 1 to 1000000/);
  });
});

describe('settings', () => {
  const set = (o: Record<string, unknown>) => validateSettings(o);
  const bad = (o: Record<string, unknown>, message: RegExp) => expect(() => set(o)).toThrow(message);

  it('theme, language and panels', () => {
    for (const theme of ['system', 'light', 'dark']) expect(set({ theme })).toEqual({ theme });
    bad({ theme: 'blue' }, /"theme" must be "system", "light" or "dark"/);
    for (const language of ['en', 'ko']) expect(set({ language })).toEqual({ language });
    bad({ language: 'de' }, /"language" must be "en" or "ko"/);
    expect(set({ panels: { notes: true, notesWidth: 320, 'a.b-c_d': false } })).toEqual({
      panels: { notes: true, notesWidth: 320, 'a.b-c_d': false },
    });
    bad({ panels: null }, /"panels" must be an object/);
    bad({ panels: [] }, /"panels" must be an object/);
    bad({ panels: 'x' }, /"panels" must be an object/);
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, true]));
    expect(Object.keys(set({ panels: many(64) }).panels!)).toHaveLength(64);
    bad({ panels: many(65) }, /at most 64 entries/);
    for (const key of ['1a', '_a', 'a b', `a${x(64)}`, '']) bad({ panels: { [key]: true } }, /is not a valid panel id/);
    expect(set({ panels: { [`a${x(63)}`]: 1 } }).panels).toEqual({ [`a${x(63)}`]: 1 });
    for (const key of ['constructor', 'prototype']) bad({ panels: { [key]: true } }, /is not a valid panel id/);
    bad({ panels: JSON.parse('{"__proto__": true}') as object }, /is not a valid panel id/);
    for (const value of ['yes', null, Number.NaN, Infinity, {}])
      bad({ panels: { notes: value } }, /Panel "notes" must be true\/false or a number/);
  });

  it('the last connection: names only, checked like aws.connect', () => {
    expect(set({ lastProfile: 'dev', lastRegion: 'ap-northeast-2', lastEndpoint: 'http://localhost:4566' })).toEqual({
      lastProfile: 'dev',
      lastRegion: 'ap-northeast-2',
      lastEndpoint: 'http://localhost:4566',
    });
    bad({ lastRegion: '' }, /"lastRegion" must be a region name/);
    bad({ lastRegion: 'Mars' }, /"region"/);
    bad({ lastProfile: '' }, /"lastProfile" must be a profile name/);
    bad({ lastEndpoint: '' }, /"lastEndpoint" must be an http/);
    bad({ lastEndpoint: 'ftp://x' }, /"endpoint"/);
    bad({ password: 'x' }, /Unknown setting "password"/);
    expect(set({})).toEqual({});
  });
});

describe('method names', () => {
  it('knows exactly the methods with a validator, and derives their channels', () => {
    expect(METHODS.length).toBeGreaterThan(30);
    for (const m of METHODS) {
      expect(isMethod(m)).toBe(true);
      expect(channelOf(m)).toBe(`statescope:${m}`);
    }
    for (const m of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'files', 'files.delete', ''])
      expect(isMethod(m), m).toBe(false);
  });
});

/** `toStrictEqual`: an argument left out stays out (no key holding `undefined` reaches the handler or the SDK call). */
describe('contract validators: what they return, exactly', () => {
  const strict = (method: string, args: unknown, expected: unknown) =>
    expect(call(method, args), `${method} ${JSON.stringify(args)}`).toStrictEqual(expected);

  it('refusals are ContractErrors, named so in logs and stack traces (the host maps the class to "bad-args")', () => {
    let error: unknown;
    try {
      call('files.read', {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).name).toBe('ContractError');
  });

  it('optional arguments that are absent are not keys of the result', () => {
    strict('files.readRelative', { from: '/a/b.json', path: 'c.json' }, { from: '/a/b.json', path: 'c.json' });
    strict('notes.list', {}, { lang: 'en' });
    strict('notes.list', { lang: 'ko', query: 'kms' }, { lang: 'ko', query: 'kms' });
    strict('aws.machines', {}, {});
    // StateMachineType: STANDARD | EXPRESS (CreateStateMachine / ListStateMachines in the Step Functions API).
    strict('aws.machines', { type: 'STANDARD' }, { type: 'STANDARD' });
    strict('aws.machines', { type: 'EXPRESS', search: 'orders' }, { type: 'EXPRESS', search: 'orders' });
    strict('aws.executions', { stateMachineArn: ARN }, { stateMachineArn: ARN });
    strict(
      'aws.executions',
      { stateMachineArn: ARN, status: 'FAILED', maxItems: 5, pageSize: 5, startedAfter: 1, startedBefore: 2 },
      { stateMachineArn: ARN, status: 'FAILED', maxItems: 5, pageSize: 5, startedAfter: 1, startedBefore: 2 },
    );
    strict('aws.serviceGraph', TIME, TIME);
    strict('aws.serviceGraph', { ...TIME, groupName: 'g' }, { ...TIME, groupName: 'g' });
    strict('aws.traceSummaries', TIME, TIME);
    strict('aws.traceSummaries', { ...TIME, maxTraces: 10 }, { ...TIME, maxTraces: 10 });
    strict('files.write', { path: 'p', text: 't' }, { path: 'p', text: 't' });
  });

  it('daemon.snapshot and notes.annotations.list take null as nothing', () => {
    strict('daemon.snapshot', null, {});
    strict('notes.annotations.list', null, {});
  });

  // Huge texts are checked with toThrow: `refused` would quote them in its message.
  it('notes.annotations.import: a file of at most 20 MB', () => {
    const limit = 20 * 1024 * 1024;
    // 'x'.repeat builds a rope: the test does not hold 20 MB of memory.
    expect((call('notes.annotations.import', { text: x(limit) }) as { text: string }).text).toHaveLength(limit);
    expect(() => call('notes.annotations.import', { text: x(limit + 1) })).toThrow(/at most 20971520 characters/);
  });

  it('files.write: text of at most 256 MB, the limit included', () => {
    const limit = 256 * 1024 * 1024;
    expect((call('files.write', { path: 'p', text: x(limit) }) as { text: string }).text).toHaveLength(limit);
    expect(() => call('files.write', { path: 'p', text: x(limit + 1) })).toThrow(/at most 256 MB/);
  });

  it('asl.complete and asl.hover: text of at most 64 MB, the limit included', () => {
    const limit = 64 * 1024 * 1024;
    for (const m of ['asl.complete', 'asl.hover']) {
      expect((call(m, { file: 'f', text: x(limit), offset: limit }) as { offset: number }).offset).toBe(limit);
      expect(() => call(m, { file: 'f', text: x(limit + 1), offset: 0 })).toThrow(/at most 64 MB/);
      refused(m, { file: 'f', text: 5, offset: 0 }, /at most 64 MB/);
    }
  });

  it('settings: a bad panel id is quoted at most 80 characters long', () => {
    const key = `1${x(200)}`;
    expect(() => validateSettings({ panels: { [key]: true } })).toThrow(`Panel id "${key.slice(0, 80)}" is not`);
  });

  it('settings: the panels come back as plain, writable and deletable data', () => {
    const panels = validateSettings({ panels: { notes: true } }).panels!;
    expect(Object.getOwnPropertyDescriptor(panels, 'notes')).toEqual({
      value: true,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(JSON.parse(JSON.stringify(panels))).toEqual({ notes: true });
  });
});
