import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../shared/search';
import { BucketIndex, IndexBuilder } from './bucket-index';
import { compileRegex, regexErrorAt } from './matcher';
import { folderSizes, runQuery } from './query';

const obj = (key: string, size = 1, lastModified = 1000, storageClass = 'STANDARD') => ({ key, size, lastModified, storageClass, etag: '' });

function indexOf(objects: ReturnType<typeof obj>[], root = ''): BucketIndex {
  const b = new IndexBuilder();
  b.add(objects);
  return new BucketIndex(root, 42, b.build());
}

const q = (over: Partial<SearchQuery>): SearchQuery => ({
  connectionId: 'c',
  bucket: 'b',
  prefix: '',
  recursive: true,
  mode: 'substring',
  pattern: '',
  ...over,
});

const keysOf = (index: BucketIndex, over: Partial<SearchQuery>) => runQuery(index, q(over)).hits.map((h) => h.key).sort();

describe('runQuery', () => {
  const index = indexOf([
    obj('Reports/2024/Q1.parquet', 10),
    obj('reports/2024/q2.csv', 20, 5000, 'GLACIER'),
    obj('reports/'),
    obj('İstanbul/report.txt', 5),
    obj('top report.PARQUET', 7),
    obj('x/reportreport', 1),
  ]);

  it('substring is case-insensitive, relative to the folder, one hit per key, never a folder marker', () => {
    expect(keysOf(index, { pattern: 'REPORT' })).toEqual([
      'Reports/2024/Q1.parquet',
      'reports/2024/q2.csv',
      'top report.PARQUET',
      'x/reportreport',
      'İstanbul/report.txt',
    ]);
    // Below "reports/" the folder's own name no longer matches.
    expect(keysOf(index, { prefix: 'reports/', pattern: 'report' })).toEqual([]);
    expect(keysOf(index, { prefix: 'reports/', pattern: 'q2' })).toEqual(['reports/2024/q2.csv']);
  });

  it('a hit must lie inside one key, even after a length-changing lower-case (İ)', () => {
    expect(keysOf(index, { pattern: 'txttop' })).toEqual([]);
    expect(keysOf(index, { pattern: 'i̇stanbul/report' })).toEqual(['İstanbul/report.txt']);
    expect(keysOf(index, { pattern: 'report.txt' })).toEqual(['İstanbul/report.txt']);
  });

  it('this folder only vs everything below it', () => {
    expect(keysOf(index, { prefix: 'reports/2024/', recursive: false })).toEqual(['reports/2024/q2.csv']);
    expect(keysOf(index, { recursive: false })).toEqual(['top report.PARQUET']);
  });

  it('glob: ** crosses folders, a glob without / tests the name, case-insensitive', () => {
    expect(keysOf(index, { mode: 'glob', pattern: '**/*.parquet' })).toEqual(['Reports/2024/Q1.parquet', 'top report.PARQUET']);
    expect(keysOf(index, { mode: 'glob', pattern: 'q?.*' })).toEqual(['Reports/2024/Q1.parquet', 'reports/2024/q2.csv']);
    expect(keysOf(index, { mode: 'glob', pattern: '*/2024/*' })).toEqual(['Reports/2024/Q1.parquet', 'reports/2024/q2.csv']);
  });

  it('regex and filters (size, modified, class, extension)', () => {
    expect(keysOf(index, { mode: 'regex', pattern: 'q\\d\\.' })).toEqual(['Reports/2024/Q1.parquet', 'reports/2024/q2.csv']);
    expect(keysOf(index, { filters: { minSize: 6, maxSize: 15 } })).toEqual(['Reports/2024/Q1.parquet', 'top report.PARQUET']);
    expect(keysOf(index, { filters: { storageClasses: ['GLACIER'] } })).toEqual(['reports/2024/q2.csv']);
    expect(keysOf(index, { filters: { modifiedFrom: 2000 } })).toEqual(['reports/2024/q2.csv']);
    expect(keysOf(index, { filters: { extensions: ['.PARQUET'] } })).toEqual(['Reports/2024/Q1.parquet', 'top report.PARQUET']);
  });

  it('counts past the limit and follows removes and upserts', () => {
    const i = indexOf([obj('a1'), obj('a2'), obj('a3')]);
    expect(runQuery(i, q({ pattern: 'a', limit: 2 }))).toMatchObject({ total: 3, indexedAt: 42 });
    expect(runQuery(i, q({ pattern: 'a', limit: 2 })).hits).toHaveLength(2);
    i.remove('a2');
    i.upsert({ key: 'a1', size: 99, lastModified: 1, storageClass: 'STANDARD' });
    i.upsert({ key: 'b/a4', size: 4, lastModified: 1, storageClass: 'STANDARD' });
    expect(runQuery(i, q({ pattern: 'a' })).hits.map((h) => [h.key, h.size]).sort()).toEqual([
      ['a1', 99],
      ['a3', 1],
      ['b/a4', 4],
    ]);
  });
});

describe('regular expressions', () => {
  it('says where an invalid one goes wrong', () => {
    expect(regexErrorAt('ab(c')).toBe(2);
    expect(regexErrorAt('*x')).toBe(0);
    expect(() => compileRegex('report[0-9')).toThrow(/invalid at character 7/);
  });
});

describe('folderSizes', () => {
  it('totals per immediate subfolder by storage class, the folder own objects first', () => {
    const i = indexOf([
      obj('d/a/1', 10, 5),
      obj('d/a/b/2', 20, 9, 'GLACIER'),
      obj('d/c/3', 100, 7),
      obj('d/own', 1, 3),
      obj('other', 1000),
    ]);
    const r = folderSizes(i, 'd/');
    expect(r.total).toMatchObject({ objects: 4, bytes: 131, byClass: { STANDARD: 111, GLACIER: 20 }, newest: 9, oldest: 3 });
    expect(r.parts.map((p) => [p.prefix, p.objects, p.bytes])).toEqual([
      ['d/', 1, 1],
      ['d/c/', 1, 100],
      ['d/a/', 2, 30],
    ]);
    expect(r.parts[2]!.byClass).toEqual({ STANDARD: 10, GLACIER: 20 });
  });
});
