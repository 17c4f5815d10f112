import { describe, expect, it } from 'vitest';
import { regexClauses } from './regex-clauses';

describe('regexClauses', () => {
  it.each([
    ['host-(1|2)3/', [['host-13/', 'host-23/']]],
    ['^l.*s/20(1|2)9/0?1/h', [['s/2019/', 's/2029/'], ['1/h']]],
    ['^\\w+/\\d+/0[1-3]/h\\w+-9\\d', [['/01/h', '/02/h', '/03/h']]],
    ['Event-7777\\d\\.parquet$', [['event-7777'], ['.parquet']]],
    ['(?:foo|bar)(baz|qux)', [['foobaz', 'fooqux', 'barbaz', 'barqux']]],
    ['(abc)+def', [['abc'], ['def']]],
    ['(?<n>abc)\\k<n>', [['abc']]],
  ])('%s must contain one string of each of %j', (re, clauses) => {
    expect(regexClauses(re)).toEqual(clauses);
  });

  it.each(['a|bcd', 'x(?=abcd)', 'foo(bar)?', 'ab{2}cd', '[a-z]{3}', 'ünïcode', '(?i:abc)'])('%s requires nothing it can vouch for', (re) => {
    expect(regexClauses(re).filter((c) => c.some((s) => ['abcd', 'bar', 'abc', 'cd', 'nïc', 'cod'].includes(s)))).toEqual([]);
  });
});
