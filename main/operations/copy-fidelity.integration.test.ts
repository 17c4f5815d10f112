/**
 * Server-side copies keep the source's storage class. fauxqs keeps no storage class (its listings always say
 * STANDARD and it ignores x-amz-storage-class), so the proxy makes the listings report classes the way S3
 * would, and the test reads what the app asked for on the wire: the x-amz-storage-class header of each
 * CopyObject and CreateMultipartUpload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import type { PlanRequest } from '../../shared/operations';

const MiB = 1024 * 1024;
let f: CoreFixture;

/** What S3 would list for these keys (everything else: STANDARD). */
const CLASSES: Record<string, string> = {
  'in/ia.txt': 'STANDARD_IA',
  'in/sub/ir.txt': 'GLACIER_IR',
  'in/big.bin': 'STANDARD_IA',
  'one.txt': 'ONEZONE_IA',
  'moving/it.txt': 'INTELLIGENT_TIERING',
};

beforeAll(async () => {
  f = await startCoreFixture({
    operations: { copy: { multipartThreshold: 6 * MiB, copyPartSize: 5 * MiB, partConcurrency: 2 }, progressIntervalMs: 0 },
  });
  f.proxy.addRule((w) =>
    w.operation === 'ListObjectsV2' && w.bucket === 'sc'
      ? {
          kind: 'rewrite',
          body: (xml) =>
            xml.replace(/(<Key>([^<]*)<\/Key>[\s\S]*?<StorageClass>)STANDARD(<\/StorageClass>)/g, (whole, head: string, key: string, tail: string) =>
              CLASSES[key] ? `${head}${CLASSES[key]}${tail}` : whole,
            ),
        }
      : undefined,
  );
});
afterAll(() => f.close());

async function planAndRun(req: PlanRequest) {
  const plan = unwrap(await f.core.handlers['operations:plan'](req));
  return unwrap(await f.core.handlers['operations:run']({ planId: plan.planId }));
}

/** The x-amz-storage-class each request of `operation` carried, by destination key. */
function classesSent(operation: string): Record<string, string | null> {
  return Object.fromEntries(
    f.proxy.log.filter((w) => w.operation === operation).map((w) => [w.key, (w.headers['x-amz-storage-class'] as string | undefined) ?? null]),
  );
}

describe('storage class on server-side copies', () => {
  it('copies each object in its own storage class (CopyObject and multipart), known from the listings, with no HEAD sweep', async () => {
    const big = Buffer.alloc(12 * MiB + 5, 7);
    await f.server.seed('sc', [['in/ia.txt', 'ia'], ['in/std.txt', 'std'], ['in/sub/ir.txt', 'ir'], ['in/big.bin', big], ['one.txt', 'one']]);
    // The user looks at the root: the listing puts one.txt (and its class) in the cache the plan reads.
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'sc', prefix: '' }));
    f.proxy.reset();
    const report = await planAndRun({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'sc', keys: ['in/', 'one.txt'] },
      target: { connectionId: f.connectionId, bucket: 'sc', prefix: 'out/' },
    });
    expect(report.status).toBe('done');
    expect(classesSent('CopyObject')).toEqual({
      'out/in/ia.txt': 'STANDARD_IA',
      'out/in/std.txt': null,
      'out/in/sub/ir.txt': 'GLACIER_IR',
      'out/one.txt': 'ONEZONE_IA',
    });
    expect(classesSent('CreateMultipartUpload')).toEqual({ 'out/in/big.bin': 'STANDARD_IA' });
    expect(f.proxy.count('UploadPartCopy')).toBe(3);
    // The one HEAD is the multipart copy's read of the big source's headers; none to learn classes.
    expect(f.proxy.log.filter((w) => w.operation === 'HeadObject').map((w) => w.key)).toEqual(['in/big.bin']);
    expect(await f.server.keys('sc', 'out/')).toEqual(['out/in/big.bin', 'out/in/ia.txt', 'out/in/std.txt', 'out/in/sub/ir.txt', 'out/one.txt']);
    expect((await f.server.body('sc', 'out/in/big.bin')).equals(big)).toBe(true);
    expect((await f.server.body('sc', 'out/in/ia.txt')).toString()).toBe('ia');
  });

  it('a move and a rename keep the class too', async () => {
    await f.server.seed('sc', [['moving/it.txt', 'it'], ['moving/plain.txt', 'p']]);
    f.proxy.reset();
    const moved = await planAndRun({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'sc', keys: ['moving/'] },
      target: { connectionId: f.connectionId, bucket: 'sc', prefix: 'moved/' },
    });
    expect(moved.status).toBe('done');
    expect(classesSent('CopyObject')).toEqual({ 'moved/moving/it.txt': 'INTELLIGENT_TIERING', 'moved/moving/plain.txt': null });
    expect(await f.server.keys('sc', 'mov')).toEqual(['moved/moving/it.txt', 'moved/moving/plain.txt']);

    f.proxy.reset();
    const renamed = await planAndRun({ kind: 'rename', connectionId: f.connectionId, bucket: 'sc', key: 'in/', newName: 'renamed' });
    expect(renamed.status).toBe('done');
    expect(classesSent('CopyObject')).toMatchObject({ 'renamed/ia.txt': 'STANDARD_IA', 'renamed/std.txt': null, 'renamed/sub/ir.txt': 'GLACIER_IR' });
    expect(await f.server.keys('sc', 'in/')).toEqual([]);
  });
});
