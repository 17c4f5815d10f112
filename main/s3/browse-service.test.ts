import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { entriesOf } from './browse-service';

function out(partial: Partial<ListObjectsV2CommandOutput>): ListObjectsV2CommandOutput {
  return { $metadata: {}, ...partial };
}
const modified = new Date(1_700_000_000_000);

describe('entriesOf', () => {
  it('turns CommonPrefixes into folders and Contents into objects', () => {
    const entries = entriesOf(
      'a/',
      out({
        CommonPrefixes: [{ Prefix: 'a/sub/' }],
        Contents: [{ Key: 'a/f.txt', Size: 3, LastModified: modified, ETag: '"e"', StorageClass: 'GLACIER' }],
      }),
    );
    expect(entries).toEqual([
      { kind: 'folder', key: 'a/sub/', name: 'sub' },
      { kind: 'object', key: 'a/f.txt', name: 'f.txt', size: 3, lastModified: modified.getTime(), etag: '"e"', storageClass: 'GLACIER' },
    ]);
  });

  it("skips the folder's own marker object", () => {
    const entries = entriesOf('a/', out({ Contents: [{ Key: 'a/', Size: 0 }, { Key: 'a/x', Size: 1 }] }));
    expect(entries.map((e) => e.key)).toEqual(['a/x']);
  });

  it('shows a sub-folder once when it is both a marker object and a CommonPrefix', () => {
    const entries = entriesOf('a/', out({ CommonPrefixes: [{ Prefix: 'a/s/' }, { Prefix: 'a/s/' }], Contents: [{ Key: 'a/s/', Size: 0 }] }));
    expect(entries).toEqual([{ kind: 'folder', key: 'a/s/', name: 's' }]);
  });

  it('makes a Contents key ending in "/" a folder, not a zero-byte object', () => {
    const entries = entriesOf('', out({ Contents: [{ Key: 'marker/', Size: 0 }] }));
    expect(entries).toEqual([{ kind: 'folder', key: 'marker/', name: 'marker' }]);
  });

  it('url-decodes keys only when the response says EncodingType=url', () => {
    const encoded = entriesOf(
      'd/',
      out({
        EncodingType: 'url',
        CommonPrefixes: [{ Prefix: 'd/a+b%2Bc/' }],
        Contents: [{ Key: 'd/caf%C3%A9+%25+%23+%3F.txt', Size: 1 }],
      }),
    );
    expect(encoded.map((e) => e.key)).toEqual(['d/a b+c/', 'd/café % # ?.txt']);
    const raw = entriesOf('d/', out({ Contents: [{ Key: 'd/a+b%2B c.txt', Size: 1 }] }));
    expect(raw.map((e) => e.key)).toEqual(['d/a+b%2B c.txt']);
  });

  it('skips the own marker after decoding, and fills defaults for missing fields', () => {
    const entries = entriesOf('my dir/', out({ EncodingType: 'url', Contents: [{ Key: 'my+dir/' }, { Key: 'my+dir/x' }] }));
    expect(entries).toEqual([{ kind: 'object', key: 'my dir/x', name: 'x', size: 0, lastModified: 0, etag: '', storageClass: 'STANDARD' }]);
  });

  it('answers an empty response with no entries', () => {
    expect(entriesOf('', out({}))).toEqual([]);
  });
});
