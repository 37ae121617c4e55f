import { describe, expect, it } from 'vitest';
import {
  collectPlaceholders,
  isIntrinsic,
  renderIntrinsic,
  replaceIntrinsics,
  substitute,
  substituteMapped,
} from '../../../shared/asl/cfn.ts';

describe('CloudFormation intrinsics as visible placeholders', () => {
  it('recognises intrinsics and only them', () => {
    expect(isIntrinsic({ Ref: 'X' })).toBe(true);
    expect(isIntrinsic({ 'Fn::GetAtt': ['X', 'Arn'] })).toBe(true);
    expect(isIntrinsic({ Condition: 'IsProd' })).toBe(true);
    expect(isIntrinsic({ Ref: 'X', Other: 1 })).toBe(false);
    expect(isIntrinsic({ Type: 'Pass' })).toBe(false);
    expect(isIntrinsic(['Ref'])).toBe(false);
    expect(isIntrinsic(null)).toBe(false);
  });

  it.each([
    [{ Ref: 'MyFn' }, '${Ref:MyFn}'],
    [{ 'Fn::GetAtt': ['MyFn', 'Arn'] }, '${GetAtt:MyFn.Arn}'],
    [{ 'Fn::GetAtt': 'MyFn.Arn' }, '${GetAtt:MyFn.Arn}'],
    [{ 'Fn::Sub': 'arn:${AWS::Partition}:sns:${Topic}' }, 'arn:${AWS::Partition}:sns:${Topic}'],
    [{ 'Fn::Sub': ['${A}-${B}-${!Literal}', { A: 'x', B: { Ref: 'Y' } }] }, 'x-${Ref:Y}-${Literal}'],
    [{ 'Fn::Join': ['', ['arn:aws:lambda:', { Ref: 'AWS::Region' }, ':fn']] }, 'arn:aws:lambda:${Ref:AWS::Region}:fn'],
    [{ 'Fn::Join': [',', { Ref: 'List' }] }, '${Join:,,${Ref:List}}'],
    [{ 'Fn::ImportValue': 'shared-queue' }, '${ImportValue:shared-queue}'],
    [{ 'Fn::If': ['IsProd', 'a', 'b'] }, '${If:IsProd,a,b}'],
    [{ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, '${Select:0,${GetAZs:}}'],
    [{ 'Fn::FindInMap': ['M', 'K', 'V'] }, '${FindInMap:M,K,V}'],
    [{ 'Fn::Base64': 'x' }, '${Base64:x}'],
    [{ Condition: 'IsProd' }, '${Condition:IsProd}'],
  ])('%j → %s', (value, text) => {
    expect(renderIntrinsic(value as Record<string, unknown>)).toBe(text);
  });

  it('replaces intrinsics inside a definition in place, keeping object identity', () => {
    const state = {
      Type: 'Task',
      Resource: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Parameters: { Q: { Ref: 'Queue' }, L: [{ Ref: 'A' }, 'b'] },
    };
    const def = { StartAt: 'T', States: { T: state } };
    const out = replaceIntrinsics(def) as typeof def;
    expect(out).toBe(def);
    expect(out.States.T).toBe(state);
    expect(out).toEqual({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: '${GetAtt:Fn.Arn}', Parameters: { Q: '${Ref:Queue}', L: ['${Ref:A}', 'b'] } },
      },
    });
    expect(replaceIntrinsics({ Ref: 'Whole' })).toBe('${Ref:Whole}');
  });

  it('collects placeholders in order of first appearance', () => {
    expect(collectPlaceholders({ a: '${B} and ${A}', b: ['${A}', { c: 'x${C}y' }], d: 1 })).toEqual(['B', 'A', 'C']);
  });

  it('maps offsets in a substituted text back to the original', () => {
    const text = '{"a": "${Short}", "b": {"x": 1}}';
    const { text: out, toInput } = substituteMapped(text, { Short: 'a much longer value' });
    expect(out).toBe('{"a": "a much longer value", "b": {"x": 1}}');
    expect(substitute(text, { Short: 'a much longer value' })).toBe(out);
    const braceOut = out.indexOf('{"x"');
    expect(toInput(braceOut)).toBe(text.indexOf('{"x"'));
    expect(toInput(out.length - 1)).toBe(text.length - 1);
    expect(toInput(0)).toBe(0);
  });
});
