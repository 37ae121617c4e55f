import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson, stringLiteralMap } from '../../../shared/asl/parse-json.ts';
import { CORPUS } from '../../support/corpus.ts';

const corpus = CORPUS;

describe('parseJson', () => {
  it('reads exactly what JSON.parse reads, for every strict JSON file of the corpus', async () => {
    const index = JSON.parse(await readFile(corpus + 'index.json', 'utf8')) as { path: string }[];
    let compared = 0;
    const different: string[] = [];
    for (const { path } of index.filter((e) => e.path.endsWith('.json'))) {
      const text = await readFile(corpus + path, 'utf8');
      let expected: unknown;
      try {
        expected = JSON.parse(text);
      } catch {
        continue;
      }
      compared++;
      const { value, leniencies } = parseJson(text);
      if (JSON.stringify(value) !== JSON.stringify(expected) || leniencies.length > 0) different.push(path);
    }
    expect(compared).toBeGreaterThan(1000);
    expect(different).toEqual([]);
  });

  it('decodes escapes and numbers like JSON.parse', () => {
    const text = String.raw`{"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "n": [0, -0, 1.5, -2e3, 1E-2, 123456789012345678901234567890], "t": true, "f": false, "z": null}`;
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it('records the span of every object and array', () => {
    const text = '{ "a": [1, {"b": 2}], "c": {} }';
    const { value, spans } = parseJson(text);
    const v = value as { a: [number, object]; c: object };
    expect(spans.get(v as object)).toEqual({ start: 0, end: text.length });
    expect(text.slice(spans.get(v.a)!.start, spans.get(v.a)!.end)).toBe('[1, {"b": 2}]');
    expect(text.slice(spans.get(v.a[1])!.start, spans.get(v.a[1])!.end)).toBe('{"b": 2}');
    expect(text.slice(spans.get(v.c)!.start, spans.get(v.c)!.end)).toBe('{}');
  });

  it('maps offsets in a decoded string literal back to the source, escapes included', () => {
    const text = String.raw`{"k": "a\"b\u00e9\n{c}"}`;
    const quoteAt = text.indexOf('"a');
    const decoded = (parseJson(text).value as { k: string }).k;
    expect(decoded).toBe('a"bé\n{c}');
    const map = stringLiteralMap(text, quoteAt);
    expect(text[map(decoded.indexOf('a'))]).toBe('a');
    expect(text.slice(map(1), map(1) + 2)).toBe('\\"');
    expect(text.slice(map(3), map(3) + 6)).toBe('\\u00e9');
    expect(text[map(decoded.indexOf('{'))]).toBe('{');
    expect(text[map(decoded.indexOf('}'))]).toBe('}');
    expect(map(decoded.length)).toBe(text.lastIndexOf('"'));
    expect(parseJson(text).stringStarts.get(parseJson(text).value as object)).toBeUndefined();
    const parsed = parseJson(text, { stringStartLevels: 0 });
    expect(parsed.stringStarts.get(parsed.value as object)?.get('k')).toBe(quoteAt);
  });

  it('tolerates comments, trailing commas, single quotes and unquoted keys, and says where', () => {
    const text = '{\n  /* block */ a: \'x\', // line\n  "b": [1, 2,],\n}';
    const r = parseJson(text);
    expect(r.value).toEqual({ a: 'x', b: [1, 2] });
    expect(r.leniencies.map((l) => [l.kind, l.offset])).toEqual([
      ['comment', 4],
      ['unquoted-key', 16],
      ['single-quote', 19],
      ['comment', 24],
      ['trailing-comma', 44],
      ['trailing-comma', 46],
    ]);
  });

  it.each([
    ['{"a": 1', 'Unexpected end of file: "}" expected', 7],
    ['{"a": 1,\n', 'Unexpected end of file: "}" expected', 9],
    ['{"a" 1}', 'Expected ":" after property name but found "1"', 5],
    ['{"a": 01}', 'Invalid number "01"', 6],
    ['{"a": tru}', 'Unexpected word "tru"', 6],
    ['{"a": "x\ny"}', 'Unterminated string (line break inside a string)', 6],
    ['{"a": "\\x"}', 'Invalid escape "\\x" in string', 7],
    ['{"a": "\\u12G4"}', 'Invalid \\u escape in string', 7],
    ['{"a": 1} x', 'Unexpected "x" after the end of the JSON value', 9],
    ['[1 2]', 'Expected "," or "]" after array element but found "2"', 3],
    ['{"a": -}', 'Invalid number "-"', 6],
    ['/* open', 'Unterminated /* comment', 0],
    ['', 'Unexpected end of file: a value was expected', 0],
  ])('%j → %s', (text, message, offset) => {
    let error: unknown;
    try {
      parseJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toBe(message);
    expect((error as JsonSyntaxError).offset).toBe(offset);
  });
});
