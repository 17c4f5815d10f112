/**
 * Transfers sent around the SDK (main/s3/direct-s3.ts) over HTTPS to a self-signed server: they trust exactly the
 * certificate the connection pins (the client's own agent), and nothing else. Bytes are checked by sha256;
 * the bucket's contents are read from the server's store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { makeSelfSignedCert, opensslAvailable, type SelfSignedCert, startTlsFront, type TlsFront } from '../../testkit/tls-front';
import { createS3ClientFactory } from '../s3/client-factory';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!opensslAvailable())('transfers over HTTPS with a pinned self-signed certificate', () => {
  let dir: string;
  let f: CoreFixture;
  let cert: SelfSignedCert;
  let front: TlsFront;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3desk-tls-transfers-'));
    cert = makeSelfSignedCert(dir, 'pinned');
    f = await startCoreFixture({
      clientFactory: createS3ClientFactory({ maxAttempts: 1 }),
      transfers: { tempDir: join(dir, 'app-temp'), download: { partSize: 1024 * 1024, partConcurrency: 3, maxRetries: 1, retryBaseMs: 5 } },
    });
    front = await startTlsFront(f.proxy.url, cert);
  });
  afterAll(async () => {
    await front.close();
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const add = async (pinned: boolean) =>
    unwrap(
      await f.core.handlers['connections:add']({
        name: pinned ? 'pinned' : 'plain',
        endpoint: front.url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { ...f.server.credentials },
        ...(pinned ? { trustedCertSha256: cert.sha256 } : {}),
      }),
    ).id;

  it('downloads (one piece and ranges) and uploads through the pinned connection; an unpinned one is refused', async () => {
    // The fingerprint must have been seen by a test first (that is how the app learns the certificate).
    unwrap(await f.core.handlers['connections:test']({ input: { name: 't', endpoint: front.url, region: 'us-east-1', forcePathStyle: true, credentials: { ...f.server.credentials } } }));
    const pinned = await add(true);
    const small = randomBytes(30_000);
    const big = randomBytes(3 * 1024 * 1024 + 5);
    await f.server.seed('tls', [
      ['d/small.bin', small],
      ['d/big.bin', big],
    ]);
    const dest = join(dir, 'dest');
    await mkdir(dest);
    f.proxy.reset();
    unwrap(await f.core.handlers['transfers:download']({ connectionId: pinned, bucket: 'tls', items: [{ key: 'd/', kind: 'folder' }], destination: dest, conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    expect(f.core.transfers.list().items.map((i) => [i.key, i.state, i.error])).toEqual(
      expect.arrayContaining([
        ['d/small.bin', 'done', null],
        ['d/big.bin', 'done', null],
      ]),
    );
    expect(sha(await readFile(join(dest, 'd', 'small.bin')))).toBe(sha(small));
    expect(sha(await readFile(join(dest, 'd', 'big.bin')))).toBe(sha(big));
    expect(f.proxy.count('GetObject')).toBe(5);

    const local = join(dir, 'up.bin');
    const up = randomBytes(20_000);
    await writeFile(local, up);
    unwrap(await f.core.handlers['transfers:upload']({ connectionId: pinned, bucket: 'tls', prefix: 'u/', paths: [local], conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    expect(await f.server.keys('tls')).toContain('u/up.bin');
    unwrap(await f.core.handlers['transfers:clear']({ includeFailed: true }));

    // The same server through a connection that does not pin the certificate: refused before any request.
    const plain = await add(false);
    const dest2 = join(dir, 'dest2');
    await mkdir(dest2);
    f.proxy.reset();
    unwrap(await f.core.handlers['transfers:download']({ connectionId: plain, bucket: 'tls', items: [{ key: 'd/small.bin', kind: 'object' }], destination: dest2, conflict: 'overwrite' }));
    await f.core.transfers.queue.whenIdle();
    const outcome = f.core.transfers.list().items.map((i) => i.state);
    expect(outcome).not.toContain('done');
    expect(f.proxy.count('GetObject')).toBe(0);
  });
});
