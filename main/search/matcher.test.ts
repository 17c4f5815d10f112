import { describe, expect, it } from 'vitest';
import { compileMatcher, globToRegex } from './matcher';

describe('compileMatcher fast paths agree with the general glob', () => {
  const keys = ['a/b/Q1.parquet', 'top.PARQUET', 'x.parquet.bak', 'parquet', 'a/.parquet', 'a/b/q2.csv', 'd/ü/ß.Parquet'];
  const general = (glob: string) => {
    const re = globToRegex(glob);
    return (rel: string) => (glob.includes('/') ? re.test(rel) : re.test(rel.slice(rel.lastIndexOf('/') + 1)));
  };
  for (const glob of ['*.parquet', '**/*.PARQUET', '**/q?.csv', '**/*.[pc]*', '*.parquet.bak']) {
    it(glob, () => {
      const fast = compileMatcher('glob', glob);
      const slow = general(glob);
      for (const k of keys) expect(fast(k), k).toBe(slow(k));
    });
  }
});
