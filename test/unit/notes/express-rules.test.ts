/**
 * Express-aware validation (shared/asl/rules-express.ts, hooked into the validator): an Express workflow supports
 * only request-response integrations and no activities, and runs at most five minutes
 * (https://docs.aws.amazon.com/step-functions/latest/dg/choosing-workflow-type.html). The workflow type comes from
 * the template (`Type` on AWS::Serverless::StateMachine, `StateMachineType` on AWS::StepFunctions::StateMachine).
 * Outside authority: the SAM/CloudFormation templates of the corpus were written and deployed by others; those that
 * declare EXPRESS must pass without an Express error, since the service would have refused them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../../shared/asl/load.ts';
import { checkExpressRules, templateFacts, workflowTypeOf } from '../../../shared/asl/rules-express.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { CORPUS } from '../../support/corpus.ts';

const template = (type: string, states: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      ${type}
      Definition:
        StartAt: First
        States:
${states}`;

const CALLBACK_AND_WAIT = `          First:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters: { QueueUrl: q, MessageBody: { token.$: $$.Task.Token } }
            Next: Job
          Job:
            Type: Task
            Resource: arn:aws:states:::ecs:runTask.sync
            Parameters: { Cluster: c, TaskDefinition: t }
            TimeoutSeconds: 3600
            Next: Child
          Child:
            Type: Task
            Resource: arn:aws:states:::states:startExecution.sync:2
            Parameters: { StateMachineArn: arn:aws:states:us-east-1:111122223333:stateMachine:child }
            Next: Worker
          Worker:
            Type: Task
            Resource: arn:aws:states:us-east-1:111122223333:activity:review
            Next: Nap
          Nap:
            Type: Wait
            Seconds: 86400
            Next: Short
          Short:
            Type: Wait
            Seconds: 300
            End: true
`;

async function codes(text: string): Promise<{ code: string; state?: string; severity: string; message: string }[]> {
  const doc = await loadDocument('template.yaml', text);
  return (await validateDocument(doc))
    .filter((d) => d.code?.startsWith('express-'))
    .map((d) => ({ code: d.code!, severity: d.severity, message: d.message, ...(d.state ? { state: d.state } : {}) }));
}

describe('Express rules through the validator', () => {
  it('an EXPRESS template: callback, .sync, .sync:2, activity and a 24-hour Wait are errors; a long timeout is a warning', async () => {
    const found = await codes(template('Type: EXPRESS', CALLBACK_AND_WAIT));
    const errors = found.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.state}`);
    expect(errors.sort()).toEqual(
      [
        'express-integration-pattern First',
        'express-integration-pattern Job',
        'express-integration-pattern Child',
        'express-activity Worker',
        'express-duration Nap',
      ].sort(),
    );
    expect(found.find((f) => f.state === 'First')!.message).toMatch(
      /Express workflow cannot use the wait-for-callback pattern \(\.waitForTaskToken\)/,
    );
    expect(found.filter((f) => f.severity === 'warning').map((f) => `${f.code} ${f.state}`)).toEqual([
      'express-timeout Job',
    ]);
    // Exactly five minutes is allowed.
    expect(found.some((f) => f.state === 'Short')).toBe(false);
  });

  it('the same states in a STANDARD template, or with no Type (STANDARD by default), give no Express finding', async () => {
    expect(await codes(template('Type: STANDARD', CALLBACK_AND_WAIT))).toEqual([]);
    expect(await codes(template('Tracing: { Enabled: true }', CALLBACK_AND_WAIT))).toEqual([]);
  });

  it('reads StateMachineType on AWS::StepFunctions::StateMachine, in JSON templates too', async () => {
    const json = JSON.stringify({
      Resources: {
        M: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            StateMachineType: 'EXPRESS',
            Definition: {
              StartAt: 'A',
              States: {
                A: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                  Parameters: { 'Payload.$': '$' },
                  End: true,
                },
              },
            },
          },
        },
      },
    });
    const doc = await loadDocument('t.json', json);
    expect(workflowTypeOf(doc, doc.machines[0]!)).toBe('EXPRESS');
    const found = (await validateDocument(doc)).filter((d) => d.code === 'express-integration-pattern');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBeGreaterThan(0);
  });

  it('a plain ASL file says nothing about its type and is not checked; an intrinsic Type is left undecided', async () => {
    const asl = await loadDocument(
      'm.asl.json',
      '{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":86400,"End":true}}}',
    );
    expect(workflowTypeOf(asl, asl.machines[0]!)).toBeUndefined();
    expect((await validateDocument(asl)).filter((d) => d.code?.startsWith('express-'))).toEqual([]);
    const facts = templateFacts(
      'Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Type: !Ref FlowType\n',
      false,
    );
    expect(facts?.workflowTypes.M).toBeUndefined();
  });

  it('a Distributed Map with EXPRESS children is checked inside a STANDARD machine', () => {
    const definition = {
      StartAt: 'Rows',
      States: {
        Rows: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Ask',
            States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } },
          },
          End: true,
        },
        Outer: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true },
      },
    };
    const found = checkExpressRules(definition, 'STANDARD');
    expect(found.map((f) => f.state)).toEqual(['Ask']);
    expect(found[0]!.message).toMatch(/Express child workflow of a Distributed Map/);
    // A STANDARD child inside an EXPRESS machine is not checked as Express (the service decides that nesting).
    const standardChild = structuredClone(definition);
    standardChild.States.Rows.ItemProcessor.ProcessorConfig.ExecutionType = 'STANDARD';
    expect(checkExpressRules(standardChild, 'EXPRESS').map((f) => f.state)).toEqual(['Outer']);
  });

  it('never throws on malformed definitions', () => {
    for (const bad of [
      null,
      42,
      'x',
      [],
      { States: 7 },
      { StartAt: 'A', States: { A: null } },
      { StartAt: 'A', States: { A: { Type: 'Task', Resource: 7 } } },
    ]) {
      expect(() => checkExpressRules(bad, 'EXPRESS')).not.toThrow();
    }
  });
});

interface CorpusEntry {
  path: string;
  source: string;
  upstreamPath?: string;
}

/** Reads a template's DefinitionUri from the corpus, which keeps each upstream file under its own corpus path. */
function corpusReader(entries: CorpusEntry[]): (p: string, from: string) => Promise<string> {
  return async (p, from) => {
    const template = entries.find((e) => e.path === `asl/templates/${from}`);
    if (!template?.upstreamPath) throw new Error(`no upstream path for ${from}`);
    const wanted = path.posix.normalize(path.posix.join(path.posix.dirname(template.upstreamPath), p));
    const hit = entries.find((e) => e.source === template.source && e.upstreamPath === wanted);
    if (!hit) throw new Error(`${wanted} is not in the corpus`);
    return fs.readFileSync(path.join(CORPUS, hit.path), 'utf8');
  };
}

describe('corpus: deployed EXPRESS templates written by others', () => {
  const dir = path.join(CORPUS, 'asl/templates');
  const readFile = corpusReader(JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8')) as CorpusEntry[]);
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .filter((f) => /EXPRESS/.test(fs.readFileSync(path.join(dir, f), 'utf8')));

  it('finds EXPRESS templates in the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it('none gets an Express error (agreement with the service, which deployed them)', async () => {
    let express = 0;
    const flagged: string[] = [];
    for (const f of files) {
      const doc = await loadDocument(f, fs.readFileSync(path.join(dir, f), 'utf8'), { readFile });
      for (const m of doc.machines) if (workflowTypeOf(doc, m) === 'EXPRESS' && m.definition) express++;
      const errors = (await validateDocument(doc)).filter(
        (d) => d.code?.startsWith('express-') && d.severity === 'error',
      );
      for (const e of errors) flagged.push(`${f}: ${e.message}`);
    }
    console.info(`Express rules on the corpus: ${express} EXPRESS machines loaded, ${flagged.length} flagged`);
    expect(express).toBeGreaterThanOrEqual(10);
    expect(flagged).toEqual([]);
  });
});
