import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../shared/diagnostics.ts';
import { detectXray, loadXray, parseXrayFile } from '../../../shared/xray/load.ts';
import { computeServiceMap } from '../../../shared/xray/service-map.ts';
import { stateRunsFromTrace } from '../../../shared/xray/step-functions.ts';
import { CORPUS } from '../../support/corpus.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = CORPUS;
const samplesDir = path.join(repo, 'samples/xray');

interface IndexEntry {
  path: string;
  kind: string;
}

const read = (p: string) => ({ name: path.basename(p), text: fs.readFileSync(p, 'utf8') });

describe('every X-Ray file in the corpus', () => {
  const entries = (JSON.parse(fs.readFileSync(path.join(corpus, 'index.json'), 'utf8')) as IndexEntry[]).filter((e) =>
    e.kind.startsWith('xray'),
  );

  it('finds the X-Ray files', () => {
    expect(entries.length).toBeGreaterThanOrEqual(17);
  });

  it.each(entries.map((e) => [e.path, e.kind]))('%s (%s) loads without errors', (rel, kind) => {
    const input = read(path.join(corpus, rel));
    const parsed = parseXrayFile(input);
    expect(parsed.unreadable, JSON.stringify(parsed.diagnostics)).toBe(false);
    expect(hasErrors(parsed.diagnostics)).toBe(false);
    if (kind === 'xray-trace') {
      expect(['traces', 'segments']).toContain(parsed.kind);
      const ds = loadXray([input]);
      expect(ds.traces.length).toBeGreaterThan(0);
      for (const t of ds.traces) {
        expect(t.spans.length).toBeGreaterThan(0);
        expect(t.root).toBeGreaterThanOrEqual(0);
      }
    } else if (kind === 'xray-service-graph') {
      expect(parsed.kind).toBe('service-graph');
      expect(parsed.serviceGraph!.nodes.length).toBeGreaterThan(0);
    } else {
      expect(parsed.kind).toBe('summaries');
      expect(parsed.summaries.length).toBeGreaterThan(0);
    }
  });

  it('routes every JSON X-Ray file by content', () => {
    for (const e of entries.filter((x) => x.path.endsWith('.json') && x.kind !== 'xray-service-graph')) {
      expect(detectXray(read(path.join(corpus, e.path)).text), e.path).toBe(true);
    }
  });

  it('rebuilds the documented BatchGetTraces example as X-Ray does', () => {
    const ds = loadXray([read(path.join(corpus, 'xray/xray-devguide/xray-api-gettingdata__block08.json'))]);
    const t = ds.traces[0];
    expect(t.id).toBe('1-59602603-23fc5b688855d396af79b496');
    expect(t.segments).toBe(5);
    // Processed output already holds the inferred DynamoDB and SNS segments: nothing is inferred twice.
    expect(t.spans.filter((s) => s.synthetic)).toEqual([]);
    expect(
      t.spans.map((s) => `${'  '.repeat(s.depth)}${s.name}${s.kind === 'subsegment' ? '' : ` [${s.origin}]`}`),
    ).toEqual([
      'Scorekeep [AWS::ElasticBeanstalk::Environment]',
      '  Lambda',
      '    random-name [AWS::Lambda]',
      '      random-name [AWS::Lambda::Function]',
      '        Initialization',
      '        annotations',
      '        SNS',
      '          SNS [AWS::SNS]',
      '  ## UserModel.saveUser',
      '    DynamoDB',
      '      DynamoDB [AWS::DynamoDB::Table]',
    ]);
    const map = computeServiceMap(ds.traces);
    expect(map.nodes.map((n) => n.id).sort()).toEqual(
      [
        'SNS|AWS::SNS',
        'Scorekeep|AWS::ElasticBeanstalk::Environment',
        'Scorekeep|client',
        'random-name|AWS::Lambda',
        'random-name|AWS::Lambda::Function',
        'scorekeep-user|AWS::DynamoDB::Table',
      ].sort(),
    );
    expect(map.edges.map((e) => `${e.from} -> ${e.to}`).sort()).toEqual([
      'Scorekeep|AWS::ElasticBeanstalk::Environment -> random-name|AWS::Lambda',
      'Scorekeep|AWS::ElasticBeanstalk::Environment -> scorekeep-user|AWS::DynamoDB::Table',
      'Scorekeep|client -> Scorekeep|AWS::ElasticBeanstalk::Environment',
      'random-name|AWS::Lambda -> random-name|AWS::Lambda::Function',
      'random-name|AWS::Lambda::Function -> SNS|AWS::SNS',
    ]);
  });

  it('reads the documented GetServiceGraph example with console statistics', () => {
    const ds = loadXray([read(path.join(corpus, 'xray/xray-devguide/xray-api-gettingdata__block03.json'))]);
    const g = ds.serviceGraph!;
    const client = g.nodes.find((n) => n.client)!;
    // A client node has no statistics of its own: it gets the sum of its edges.
    expect(client).toMatchObject({ name: 'xray-sample.elasticbeanstalk.com', requests: 4, ok: 3, errors: 1 });
    expect(g.edges).toHaveLength(3);
  });

  it('reads a service graph wrapped as {data: [...]} with null types', () => {
    const ds = loadXray([read(path.join(corpus, 'xray/react-aws-xray-service-graph/mock.json'))]);
    expect(ds.serviceGraph!.nodes).toHaveLength(13);
    expect(ds.serviceGraph!.edges.length).toBeGreaterThan(10);
  });
});

describe('samples/xray', () => {
  const index = JSON.parse(fs.readFileSync(path.join(samplesDir, 'index.json'), 'utf8')) as {
    id: string;
    name: string;
    file: string;
    description: string;
  }[];

  it('lists every sample file, and every file is listed', () => {
    const files = fs
      .readdirSync(samplesDir)
      .filter((f) => f !== 'index.json')
      .sort();
    expect(index.map((e) => e.file).sort()).toEqual(files);
    for (const e of index) {
      expect(e.id).toMatch(/^[a-z0-9-]+$/);
      expect(e.name.length).toBeGreaterThan(3);
      expect(e.description.length).toBeGreaterThan(20);
    }
  });

  it.each(index.map((e) => [e.file]))('%s loads without errors and is routed as X-Ray', (file) => {
    const input = read(path.join(samplesDir, file));
    expect(detectXray(input.text)).toBe(true);
    const ds = loadXray([input]);
    expect(ds.unreadable).toEqual([]);
    expect(hasErrors(ds.diagnostics)).toBe(false);
    expect(ds.traces.length + (ds.serviceGraph ? 1 : 0)).toBeGreaterThan(0);
  });

  it('the API sample shows API Gateway → Lambda → DynamoDB and S3', () => {
    const ds = loadXray([read(path.join(samplesDir, 'api-lambda-dynamodb-s3.json'))]);
    const map = computeServiceMap(ds.traces);
    const types = new Set(map.nodes.map((n) => n.type));
    for (const t of [
      'client',
      'AWS::ApiGateway::Stage',
      'AWS::Lambda',
      'AWS::Lambda::Function',
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
    ]) {
      expect(types.has(t), t).toBe(true);
    }
  });

  it('the error sample has an error, a fault, a throttle and a partial trace', () => {
    const ds = loadXray([read(path.join(samplesDir, 'errors-and-throttles.ndjson'))]);
    expect(ds.traces.some((t) => t.throttle)).toBe(true);
    expect(ds.traces.some((t) => t.fault)).toBe(true);
    expect(ds.traces.some((t) => t.error && !t.throttle)).toBe(true);
    expect(ds.traces.some((t) => t.partial)).toBe(true);
    const map = computeServiceMap(ds.traces);
    // Raw documents: the throttled DynamoDB table and the payment host are inferred from subsegments.
    expect(map.nodes.find((n) => n.id === 'Orders|AWS::DynamoDB::Table')).toMatchObject({
      inferred: true,
      throttles: 1,
    });
    expect(map.nodes.find((n) => n.id === 'api.examplepay.com|remote')).toMatchObject({ inferred: true, faults: 1 });
  });

  it('the Step Functions sample has one run per state of the order-processing machine', () => {
    const ds = loadXray([read(path.join(samplesDir, 'order-processing-execution.json'))]);
    const runs = stateRunsFromTrace(ds.traces[0]);
    expect(runs.size).toBeGreaterThanOrEqual(5);
    const aslFile = path.join(repo, 'samples/asl/order-processing.asl.json');
    if (fs.existsSync(aslFile)) {
      const names = new Set<string>();
      const collect = (states: Record<string, Record<string, unknown>>) => {
        for (const [name, st] of Object.entries(states)) {
          names.add(name);
          for (const b of (st.Branches as { States: Record<string, Record<string, unknown>> }[] | undefined) ?? [])
            collect(b.States);
          const proc = (st.ItemProcessor ?? st.Iterator) as
            { States: Record<string, Record<string, unknown>> } | undefined;
          if (proc) collect(proc.States);
        }
      };
      collect(
        (JSON.parse(fs.readFileSync(aslFile, 'utf8')) as { States: Record<string, Record<string, unknown>> }).States,
      );
      for (const state of runs.keys()) expect(names.has(state), state).toBe(true);
      const deep = stateRunsFromTrace(ds.traces[0], names);
      expect(deep.size).toBeGreaterThanOrEqual(runs.size);
    }
    const retried = [...runs.values()].find((r) => r.runs > 1);
    expect(retried).toMatchObject({ status: 'ok', worst: 'throttle', failedRuns: 1, runs: 2 });
  });
});
