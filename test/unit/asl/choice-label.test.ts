import { describe, expect, it } from 'vitest';
import { choiceRuleText, jsonataText, truncateLabel } from '../../../shared/asl/choice-label.ts';

describe('choiceRuleText', () => {
  it.each([
    [{ Variable: '$.s', StringEquals: 'a' }, '$.s == "a"'],
    [{ Variable: '$.s', StringLessThan: 'a' }, '$.s < "a"'],
    [{ Variable: '$.s', StringGreaterThan: 'a' }, '$.s > "a"'],
    [{ Variable: '$.s', StringLessThanEquals: 'a' }, '$.s <= "a"'],
    [{ Variable: '$.s', StringGreaterThanEquals: 'a' }, '$.s >= "a"'],
    [{ Variable: '$.s', StringEqualsPath: '$.t' }, '$.s == $.t'],
    [{ Variable: '$.s', StringLessThanEqualsPath: '$.t' }, '$.s <= $.t'],
    [{ Variable: '$.n', NumericEquals: 3 }, '$.n == 3'],
    [{ Variable: '$.n', NumericLessThan: 3 }, '$.n < 3'],
    [{ Variable: '$.n', NumericGreaterThan: 1000 }, '$.n > 1000'],
    [{ Variable: '$.n', NumericLessThanEquals: 2.5 }, '$.n <= 2.5'],
    [{ Variable: '$.n', NumericGreaterThanEquals: 0 }, '$.n >= 0'],
    [{ Variable: '$.n', NumericGreaterThanPath: '$.min' }, '$.n > $.min'],
    [{ Variable: '$.b', BooleanEquals: true }, '$.b == true'],
    [{ Variable: '$.b', BooleanEqualsPath: '$.c' }, '$.b == $.c'],
    [{ Variable: '$.t', TimestampEquals: '2024-01-01T00:00:00Z' }, '$.t == "2024-01-01T00:00:00Z"'],
    [{ Variable: '$.t', TimestampLessThan: '2024-01-01T00:00:00Z' }, '$.t < "2024-01-01T00:00:00Z"'],
    [{ Variable: '$.t', TimestampGreaterThanEqualsPath: '$.u' }, '$.t >= $.u'],
    [{ Variable: '$.f', StringMatches: '*.log' }, '$.f matches "*.log"'],
    [{ Variable: '$.x', IsNull: true }, '$.x is null'],
    [{ Variable: '$.x', IsNull: false }, '$.x is not null'],
    [{ Variable: '$.x', IsPresent: true }, '$.x is present'],
    [{ Variable: '$.x', IsPresent: false }, '$.x is not present'],
    [{ Variable: '$.x', IsNumeric: true }, '$.x is numeric'],
    [{ Variable: '$.x', IsString: true }, '$.x is a string'],
    [{ Variable: '$.x', IsBoolean: false }, '$.x is not a boolean'],
    [{ Variable: '$.x', IsTimestamp: true }, '$.x is a timestamp'],
    [
      {
        And: [
          { Variable: '$.total', NumericGreaterThan: 1000 },
          { Variable: '$.valid', BooleanEquals: true },
        ],
        Next: 'X',
      },
      '$.total > 1000 and $.valid == true',
    ],
    [
      {
        Or: [
          { Variable: '$.a', IsPresent: false },
          { Variable: '$.b', StringEquals: '' },
        ],
      },
      '$.a is not present or $.b == ""',
    ],
    [{ Not: { Variable: '$.type', StringEquals: 'Private' } }, 'not ($.type == "Private")'],
    [
      {
        And: [
          {
            Or: [
              { Variable: '$.a', NumericEquals: 1 },
              { Variable: '$.a', NumericEquals: 2 },
            ],
          },
          { Not: { Variable: '$.b', BooleanEquals: true } },
        ],
      },
      '($.a == 1 or $.a == 2) and not ($.b == true)',
    ],
    [{ Condition: '{% $states.input.total > 1000 %}', Next: 'Big' }, '$states.input.total > 1000'],
    [{ Condition: true }, 'true'],
    [{ Variable: '$.n', Comment: 'x', NumericEquals: 1, Next: 'A' }, '$.n == 1'],
  ])('%j', (rule, text) => {
    expect(choiceRuleText(rule)).toBe(text);
  });

  it('never throws on odd input', () => {
    expect(choiceRuleText(null)).toBe('null');
    expect(choiceRuleText({ Variable: '$.x', Unknown: 1, Next: 'A' })).toBe('{"Variable":"$.x","Unknown":1}');
    let deep: object = { Variable: '$.x', IsNull: true };
    for (let i = 0; i < 500; i++) deep = { Not: deep };
    expect(choiceRuleText(deep)).toContain('…');
  });
});

describe('jsonataText and truncateLabel', () => {
  it('strips the JSONata delimiters only when both are there', () => {
    expect(jsonataText('{% $x %}')).toBe('$x');
    expect(jsonataText('  {%$x%} ')).toBe('$x');
    expect(jsonataText('$x %}')).toBe('$x %}');
  });

  it('keeps short labels and cuts long ones at a word with an ellipsis', () => {
    expect(truncateLabel('$.a == 1')).toBe('$.a == 1');
    expect(truncateLabel('a\n  b')).toBe('a b');
    const long = '$.order.total > 1000 and $.customer.tier == "gold" and $.coupon is present';
    const short = truncateLabel(long);
    expect(short).toBe('$.order.total > 1000 and $.customer.tier ==…');
    expect(short.length).toBeLessThanOrEqual(48);
    expect(truncateLabel('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
