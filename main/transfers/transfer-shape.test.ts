/** How big transfers are cut: part and range sizes follow the object's size within the tuned bounds. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOWNLOAD_TUNING, rangeSizeFor } from './download-object';
import { uploadShape } from './journal/resumable-upload';
import { DEFAULT_UPLOAD_TUNING } from './upload-file';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe('upload shape', () => {
  it('keeps the tuned part size and every stream up to 64 parts', () => {
    expect(uploadShape(100 * MiB, DEFAULT_UPLOAD_TUNING)).toEqual({ partSize: 8 * MiB, concurrency: 8 });
    expect(uploadShape(512 * MiB, DEFAULT_UPLOAD_TUNING)).toEqual({ partSize: 8 * MiB, concurrency: 8 });
  });

  it('grows parts for big objects, never holding more than partSize × partConcurrency in flight', () => {
    for (const size of [GiB, 4 * GiB, 100 * GiB]) {
      const { partSize, concurrency } = uploadShape(size, DEFAULT_UPLOAD_TUNING);
      expect(partSize).toBeGreaterThan(8 * MiB);
      expect(partSize * concurrency).toBeLessThanOrEqual(64 * MiB);
      expect(concurrency).toBeGreaterThanOrEqual(4);
    }
    expect(uploadShape(GiB, DEFAULT_UPLOAD_TUNING)).toEqual({ partSize: 16 * MiB, concurrency: 4 });
  });

  it("stays within S3's 10,000 parts, even past the memory bound", () => {
    const size = 1000 * GiB;
    const { partSize, concurrency } = uploadShape(size, DEFAULT_UPLOAD_TUNING);
    expect(Math.ceil(size / partSize)).toBeLessThanOrEqual(10_000);
    expect(concurrency).toBe(1);
  });

  it('a tuning whose bound is one part per stream is left as it is', () => {
    expect(uploadShape(256 * MiB, { partSize: 8 * MiB, partConcurrency: 4 })).toEqual({ partSize: 8 * MiB, concurrency: 4 });
  });
});

describe('download range size', () => {
  it('is the part size for objects up to four ranges per starting stream, then grows to the maximum', () => {
    // Defaults: 16 MiB parts, 4 streams to start with (up to 8), ranges up to 64 MiB.
    expect(rangeSizeFor(100 * MiB, DEFAULT_DOWNLOAD_TUNING)).toBe(16 * MiB);
    expect(rangeSizeFor(256 * MiB, DEFAULT_DOWNLOAD_TUNING)).toBe(16 * MiB);
    expect(rangeSizeFor(512 * MiB, DEFAULT_DOWNLOAD_TUNING)).toBe(32 * MiB);
    expect(rangeSizeFor(GiB, DEFAULT_DOWNLOAD_TUNING)).toBe(64 * MiB);
    expect(rangeSizeFor(100 * GiB, DEFAULT_DOWNLOAD_TUNING)).toBe(64 * MiB);
    // Without a governor every stream starts at once: four ranges for each of the 8.
    expect(rangeSizeFor(GiB, { ...DEFAULT_DOWNLOAD_TUNING, initialPartConcurrency: undefined })).toBe(32 * MiB);
  });

  it('never grows without a maximum in the tuning', () => {
    expect(rangeSizeFor(GiB, { partSize: 8 * MiB, partConcurrency: 4, maxRetries: 1, retryBaseMs: 1 })).toBe(8 * MiB);
  });
});
