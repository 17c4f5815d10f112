import { describe, expect, it } from 'vitest';
import { createS3ClientFactory } from './client-factory';

const config = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };

describe('createS3ClientFactory', () => {
  it('drops the SDK logger middleware (it copies every response for a no-op logger)', () => {
    const client = createS3ClientFactory()(config);
    expect(client.middlewareStack.identify().some((m) => m.startsWith('loggerMiddleware'))).toBe(false);
    client.destroy();
  });

  it('adds the request observer only when asked', () => {
    const make = createS3ClientFactory();
    const plain = make(config);
    const observed = make(config, () => {});
    expect(plain.middlewareStack.identify().some((m) => m.startsWith('s3deskRequestObserver'))).toBe(false);
    expect(observed.middlewareStack.identify().some((m) => m.startsWith('s3deskRequestObserver'))).toBe(true);
    plain.destroy();
    observed.destroy();
  });

  it('sends checksums only when an operation requires them (older S3-compatible servers reject the rest)', async () => {
    const client = createS3ClientFactory()(config);
    expect(await client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    expect(await client.config.responseChecksumValidation()).toBe('WHEN_REQUIRED');
    client.destroy();
  });
});
