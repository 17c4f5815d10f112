/**
 * Server-side copies keep the source's storage class. fauxqs keeps no storage class (its listings always say
 * STANDARD and it ignores x-amz-storage-class), so the proxy makes the listings report classes the way S3
 * would, and the test reads what the app asked for on the wire: the x-amz-storage-class header of each
 * CopyObject and CreateMultipartUpload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import type { PlanRequest } from '../../shared/operations';
import { currentLane } from '../../testkit/s3-lane';

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
    w.operation === 'ListObjectsV2' && w.bucket === 'sc-bucket'
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

// fauxqs only: the classes are faked in the listings; RGW refuses a copy into a class its placement target does
// not have (only STANDARD here). A real-class version on RGW needs storage classes in its zonegroup placement.
describe.runIf(currentLane() === 'fauxqs')('storage class on server-side copies', () => {
  it('copies each object in its own storage class (CopyObject and multipart), known from the listings, with no HEAD sweep', async () => {
    const big = Buffer.alloc(12 * MiB + 5, 7);
    await f.server.seed('sc-bucket', [['in/ia.txt', 'ia'], ['in/std.txt', 'std'], ['in/sub/ir.txt', 'ir'], ['in/big.bin', big], ['one.txt', 'one']]);
    // The user looks at the root: the listing puts one.txt (and its class) in the cache the plan reads.
    unwrap(await f.core.handlers['objects:list']({ connectionId: f.connectionId, bucket: 'sc-bucket', prefix: '' }));
    f.proxy.reset();
    const report = await planAndRun({
      kind: 'copy',
      source: { connectionId: f.connectionId, bucket: 'sc-bucket', keys: ['in/', 'one.txt'] },
      target: { connectionId: f.connectionId, bucket: 'sc-bucket', prefix: 'out/' },
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
    expect(await f.server.keys('sc-bucket', 'out/')).toEqual(['out/in/big.bin', 'out/in/ia.txt', 'out/in/std.txt', 'out/in/sub/ir.txt', 'out/one.txt']);
    expect((await f.server.body('sc-bucket', 'out/in/big.bin')).equals(big)).toBe(true);
    expect((await f.server.body('sc-bucket', 'out/in/ia.txt')).toString()).toBe('ia');
  });

  it('a move and a rename keep the class too', async () => {
    await f.server.seed('sc-bucket', [['moving/it.txt', 'it'], ['moving/plain.txt', 'p']]);
    f.proxy.reset();
    const moved = await planAndRun({
      kind: 'move',
      source: { connectionId: f.connectionId, bucket: 'sc-bucket', keys: ['moving/'] },
      target: { connectionId: f.connectionId, bucket: 'sc-bucket', prefix: 'moved/' },
    });
    expect(moved.status).toBe('done');
    expect(classesSent('CopyObject')).toEqual({ 'moved/moving/it.txt': 'INTELLIGENT_TIERING', 'moved/moving/plain.txt': null });
    expect(await f.server.keys('sc-bucket', 'mov')).toEqual(['moved/moving/it.txt', 'moved/moving/plain.txt']);

    f.proxy.reset();
    const renamed = await planAndRun({ kind: 'rename', connectionId: f.connectionId, bucket: 'sc-bucket', key: 'in/', newName: 'renamed' });
    expect(renamed.status).toBe('done');
    expect(classesSent('CopyObject')).toMatchObject({ 'renamed/ia.txt': 'STANDARD_IA', 'renamed/std.txt': null, 'renamed/sub/ir.txt': 'GLACIER_IR' });
    expect(await f.server.keys('sc-bucket', 'in/')).toEqual([]);
  });
});
