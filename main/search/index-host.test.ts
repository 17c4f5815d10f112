import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodedError } from '../core/app-error';
import { IndexHost } from './index-host';

const scope = { connectionId: 'c', bucket: 'b' };
const q = { ...scope, prefix: '', recursive: true, mode: 'glob' as const, pattern: '**/*.parquet' };
const dir = mkdtempSync(join(tmpdir(), 's3desk-index-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the index worker', () => {
  it('builds pages sent in order, answers queries, keeps coded errors, and a new worker loads the saved index', async () => {
    const host = new IndexHost(dir);
    await expect(host.call('query', q)).rejects.toMatchObject({ appError: { code: 'NotCached' } });
    host.send('begin', 'b1');
    for (let p = 0; p < 5; p++) {
      host.send('add', 'b1', Array.from({ length: 1000 }, (_, i) => ({ key: `d${p}/f-${i}.${i % 2 ? 'csv' : 'parquet'}`, size: i, lastModified: 1, storageClass: 'STANDARD', etag: '' })));
    }
    expect(await host.call('commit', 'b1', scope, '', 7)).toMatchObject({ objects: 5000 });
    expect(await host.call('query', q)).toMatchObject({ total: 2500, indexedAt: 7 });
    const bad = await host.call('query', { ...q, mode: 'regex', pattern: 'a(b' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(CodedError);
    expect((bad as CodedError).appError).toMatchObject({ code: 'InvalidInput', message: expect.stringContaining('character') });
    await host.close();
    const again = new IndexHost(dir);
    expect(await again.call('status', scope)).toMatchObject({ prefix: '', objects: 5000, indexedAt: 7 });
    expect((await again.call('query', { ...q, pattern: 'd3/*-99?.csv' })).hits.map((h) => h.key).sort()).toEqual(['d3/f-991.csv', 'd3/f-993.csv', 'd3/f-995.csv', 'd3/f-997.csv', 'd3/f-999.csv']);
    await again.close();
  });
});
