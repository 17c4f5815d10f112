/**
 * Trusting one self-signed certificate per connection, against a real HTTPS server on 127.0.0.1 whose
 * certificates openssl makes at test time (node:crypto cannot make X.509 certificates). The HTTPS server
 * forwards to the counting proxy in front of fauxqs, so what got through is counted on the wire.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreFixture, startCoreFixture, unwrap } from '../../testkit/core-fixture';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';
import { TEST_CREDENTIALS } from '../../testkit/s3-server';
import { makeSelfSignedCert, opensslAvailable, type SelfSignedCert, startTlsFront, type TlsFront } from '../../testkit/tls-front';
import { createCore } from '../core/create-core';
import { createS3ClientFactory } from '../s3/client-factory';
import { pinnedTlsOptions } from './tls-trust';

const openssl = opensslAvailable();
if (!openssl) console.warn('tls-trust.test.ts: trust tests skipped: no openssl on this machine to make a self-signed certificate');

describe.skipIf(!openssl)('trusting a self-signed server certificate for one connection', () => {
  let dir: string;
  let f: CoreFixture;
  let first: SelfSignedCert;
  let second: SelfSignedCert;
  let front: TlsFront;
  let endpoint: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 's3desk-tls-'));
    first = makeSelfSignedCert(dir, 'first');
    second = makeSelfSignedCert(dir, 'second');
    f = await startCoreFixture({ clientFactory: createS3ClientFactory({ maxAttempts: 1 }) });
    await f.server.seed('tls-bucket', [['secret-plans.txt', 'x']]);
    front = await startTlsFront(f.proxy.url, first);
    endpoint = front.url;
  });
  afterAll(async () => {
    await front.close();
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const input = (extra: { trustedCertSha256?: string } = {}) => ({
    name: 'self-signed',
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { ...TEST_CREDENTIALS },
    ...extra,
  });

  it('a failed test shows the certificate; trusting its fingerprint lets only that connection in', async () => {
    f.proxy.reset();
    const failed = unwrap(await f.core.handlers['connections:test']({ input: input() }));
    expect(failed).toMatchObject({ ok: false, failure: 'Tls' });
    const shown = !failed.ok ? failed.certificate : undefined;
    expect(shown).toMatchObject({ sha256: first.sha256, selfSigned: true });
    expect(shown?.subject).toContain('first.s3desk.invalid');
    expect(f.proxy.count()).toBe(0);

    const trusted = unwrap(await f.core.handlers['connections:add'](input({ trustedCertSha256: first.sha256 })));
    expect(trusted.trustedCertSha256).toBe(first.sha256);
    const plain = unwrap(await f.core.handlers['connections:add'](input()));
    expect(unwrap(await f.core.handlers['connections:test']({ id: trusted.id }))).toMatchObject({ ok: true });
    const page = unwrap(await f.core.handlers['objects:list']({ connectionId: trusted.id, bucket: 'tls-bucket', prefix: '' }));
    expect(page.entries.map((e) => e.key)).toEqual(['secret-plans.txt']);
    expect(f.proxy.count('ListBuckets')).toBe(1);
    expect(f.proxy.count('ListObjectsV2')).toBe(1);

    // Nothing global changed: another connection to the same server, and Node's own agent, still refuse it.
    f.proxy.reset();
    expect(await f.core.handlers['objects:list']({ connectionId: plain.id, bucket: 'tls-bucket', prefix: '' })).toMatchObject({ ok: false });
    expect(process.env['NODE_TLS_REJECT_UNAUTHORIZED']).toBeUndefined();
    expect(globalAgent.options.ca).toBeUndefined();
    expect(f.proxy.count()).toBe(0);
  });

  it('a fingerprint no test has seen is refused, and so is a server that later presents another certificate', async () => {
    const unseen = unwrap(await f.core.handlers['connections:test']({ input: input() }));
    expect(unseen.ok).toBe(false);
    const bogus = second.sha256;
    expect(await f.core.handlers['connections:add'](input({ trustedCertSha256: bogus }))).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });

    const pinned = unwrap(await f.core.handlers['connections:add'](input({ trustedCertSha256: first.sha256 })));
    unwrap(await f.core.handlers['buckets:list']({ connectionId: pinned.id }));
    // The server swaps to another self-signed certificate (or someone sits in between): the pin refuses it.
    front.useCert(second);
    try {
      f.proxy.reset();
      expect(await f.core.handlers['buckets:list']({ connectionId: pinned.id })).toMatchObject({ ok: false });
      expect(f.proxy.count()).toBe(0);
      const retest = unwrap(await f.core.handlers['connections:test']({ id: pinned.id }));
      expect(retest).toMatchObject({ ok: false, failure: 'Tls', certificate: { sha256: second.sha256 } });
      expect(!retest.ok && retest.message).toMatch(/different certificate/);
    } finally {
      front.useCert(first);
    }
  });

  it('the trust is saved with the connection (the certificate, not a secret) and works after a restart', async () => {
    const userDataDir = join(dir, 'userdata');
    const secretBox = createFakeSecretBox();
    const one = createCore({ userDataDir, secretBox, clientFactory: createS3ClientFactory({ maxAttempts: 1 }) });
    try {
      unwrap(await one.handlers['connections:test']({ input: input() }));
      const added = unwrap(await one.handlers['connections:add'](input({ trustedCertSha256: first.sha256 })));
      // An edit that keeps the fingerprint keeps the trust without a new test.
      unwrap(await one.handlers['connections:update']({ id: added.id, input: { ...input({ trustedCertSha256: first.sha256 }), name: 'renamed' } }));
      const record = JSON.parse(readFileSync(join(userDataDir, 'connections.json'), 'utf8')).connections[0];
      expect(record.trustedCertificate.sha256).toBe(first.sha256);
      expect(record.trustedCertificate.pem).toContain('BEGIN CERTIFICATE');
    } finally {
      await one.dispose();
    }
    const two = createCore({ userDataDir, secretBox, clientFactory: createS3ClientFactory({ maxAttempts: 1 }) });
    try {
      const [again] = unwrap(await two.handlers['connections:list']({}));
      expect(again).toMatchObject({ name: 'renamed', trustedCertSha256: first.sha256 });
      f.proxy.reset();
      expect(unwrap(await two.handlers['buckets:list']({ connectionId: again!.id })).map((b) => b.name)).toContain('tls-bucket');
      expect(f.proxy.count('ListBuckets')).toBe(1);
      // An edit without the fingerprint stops trusting the certificate.
      unwrap(await two.handlers['connections:update']({ id: again!.id, input: { ...input(), name: 'renamed' } }));
      expect(await two.handlers['buckets:list']({ connectionId: again!.id })).toMatchObject({ ok: false });
    } finally {
      await two.dispose();
    }
  });
});

describe('pinned TLS options', () => {
  const sha = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');
  it('accept exactly the pinned fingerprint, whatever the host name, and nothing else', () => {
    const options = pinnedTlsOptions({ sha256: sha('AB'), pem: 'unused' });
    const peer = (fingerprint256: string) => ({ fingerprint256 }) as Parameters<typeof options.checkServerIdentity>[1];
    expect(options.checkServerIdentity('127.0.0.1', peer(sha('AB')))).toBeUndefined();
    expect(options.checkServerIdentity('127.0.0.1', peer(sha('AC')))).toMatchObject({ code: 'ERR_TLS_CERT_PIN_MISMATCH' });
    expect(options.ca).toBe('unused');
  });
});
