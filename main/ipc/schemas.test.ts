import { describe, expect, it } from 'vitest';
import { createCore } from '../core/create-core';
import { requestSchemas } from './schemas';

const good = {
  name: 'local',
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIAEXAMPLEKEY1', secretAccessKey: 'secret' },
};

/** A core with no network: every request below must be refused before anything is sent. */
function core() {
  return createCore({
    clientFactory: () => {
      throw new Error('a bad request reached the client factory');
    },
  });
}

describe('request validation through the core handlers', () => {
  const cases: Array<[string, (c: ReturnType<typeof core>) => Promise<unknown>]> = [
    // Without credentials or a profile a connection uses the SDK's default chain; both at once is ambiguous.
    ['connections:add with keys and a profile', (c) => c.handlers['connections:add']({ ...good, profile: 'default' })],
    ['connections:add with keys and the default chain', (c) => c.handlers['connections:add']({ ...good, defaultChain: true })],
    ['connections:add with an empty secret', (c) => c.handlers['connections:add']({ ...good, credentials: { accessKeyId: 'AK', secretAccessKey: '' } })],
    ['connections:add with an extra field', (c) => c.handlers['connections:add']({ ...good, admin: true } as never)],
    ['connections:add with a file: endpoint', (c) => c.handlers['connections:add']({ ...good, endpoint: 'file:///etc/passwd' })],
    ['connections:add with a bad region', (c) => c.handlers['connections:add']({ ...good, region: 'us east 1' })],
    ['connections:add with a blank name', (c) => c.handlers['connections:add']({ ...good, name: '   ' })],
    ['connections:list with junk', (c) => c.handlers['connections:list']({ x: 1 } as never)],
    ['buckets:list with an empty id', (c) => c.handlers['buckets:list']({ connectionId: '' })],
    ['objects:list with a slash in the bucket', (c) => c.handlers['objects:list']({ connectionId: 'x', bucket: 'a/b', prefix: '' })],
    ['objects:list with a 1025-byte prefix', (c) => c.handlers['objects:list']({ connectionId: 'x', bucket: 'b', prefix: 'é'.repeat(513) })],
    ['objects:list with a numeric cursor', (c) => c.handlers['objects:list']({ connectionId: 'x', bucket: 'b', prefix: '', cursor: 5 } as never)],
    ['objects:stat with keys not an array', (c) => c.handlers['objects:stat']({ connectionId: 'x', bucket: 'b', keys: 'k' } as never)],
    ['objects:head with an empty key', (c) => c.handlers['objects:head']({ connectionId: 'x', bucket: 'b', key: '' })],
    ['cache:invalidate without a connection', (c) => c.handlers['cache:invalidate']({} as never)],
    ['a request that is not an object', (c) => c.handlers['objects:list']('objects' as never)],
  ];

  it.each(cases)('%s → InvalidInput envelope', async (_name, call) => {
    const result = await call(core());
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/^[a-z]+:[a-z]+: /);
  });

  it('names the channel and the field at fault', async () => {
    const result = await core().handlers['objects:head']({ connectionId: 'x', bucket: 'b', key: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('objects:head: key:');
  });

  it('lets a valid request through to the implementation', async () => {
    const result = await core().handlers['objects:list']({ connectionId: 'nope', bucket: 'b', prefix: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NoSuchConnection' } });
    expect(await core().handlers['connections:list']({})).toEqual({ ok: true, value: [] });
  });

  it('accepts the longest legal key, counted in UTF-8 bytes', () => {
    expect(requestSchemas['objects:head'].safeParse({ connectionId: 'x', bucket: 'b', key: 'é'.repeat(512) }).success).toBe(true);
    expect(requestSchemas['objects:head'].safeParse({ connectionId: 'x', bucket: 'b', key: 'é'.repeat(512) + 'a' }).success).toBe(false);
  });
});
