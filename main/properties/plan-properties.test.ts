import { describe, expect, it } from 'vitest';
import { AWS_US_EAST_1, estimateCost } from '../../shared/cost';
import { DEFAULT_COPY_LIMITS } from '../operations/object-copy';
import { editEffects, plannedRequests, propertiesCostInput } from './plan-properties';

const GiB = 1024 ** 3;
const item = (key: string, size = 10, storageClass = 'STANDARD') => ({ key, size, storageClass, lastModified: 0 });

describe('plannedRequests', () => {
  it('tags alone: read and put each object\'s tags, no copy, no HEAD', () => {
    const p = plannedRequests([item('a'), item('b')], { tags: { set: { x: '1' } } }, DEFAULT_COPY_LIMITS);
    expect(p.requests).toEqual({ GetObjectTagging: 2, PutObjectTagging: 2 });
    expect(p.copies).toBe(0);
  });

  it('a canned ACL alone is one PutObjectAcl per object', () => {
    expect(plannedRequests([item('a')], { acl: 'public-read' }, DEFAULT_COPY_LIMITS).requests).toEqual({ PutObjectAcl: 1 });
  });

  it('a class change copies; a 12 GiB object goes multipart in 24 parts of 512 MiB', () => {
    const p = plannedRequests([item('a'), item('big', 12 * GiB)], { storageClass: 'STANDARD_IA' }, DEFAULT_COPY_LIMITS);
    expect(p.requests).toEqual({
      GetObjectTagging: 2,
      HeadObject: 2,
      GetObjectAcl: 2,
      CopyObject: 1,
      CreateMultipartUpload: 1,
      UploadPartCopy: 24,
      CompleteMultipartUpload: 1,
    });
    expect(p.requestsAtMost).toEqual({ PutObjectTagging: 2, PutObjectAcl: 2 });
    expect(p.multipartCopies).toBe(1);
  });

  it('the estimate prices reads at the old class and copies at the new one', () => {
    const items = [item('a', GiB, 'STANDARD_IA'), item('b', GiB)];
    const e = estimateCost(AWS_US_EAST_1, propertiesCostInput(items, { storageClass: 'GLACIER_IR' }, DEFAULT_COPY_LIMITS, 0));
    expect(e.requests).toEqual({ list: 0, put: 2, get: 6, delete: 0 });
    // reads: 3 × 0.001/1000 (IA) + 3 × 0.0004/1000; copies 2 × 0.02/1000; IA retrieval 1 GiB × 0.01; IA early deletion
    // is 0 here because lastModified 0 means "age unknown".
    expect(e.totalUsd).toBeCloseTo(0.000003 + 0.0000012 + 0.00004 + 0.01, 9);
  });

  it('the confirmation says what is kept and how', () => {
    const edit = { metadata: { set: { a: '1' } } };
    const effects = editEffects(edit, plannedRequests([item('a')], edit, DEFAULT_COPY_LIMITS));
    expect(effects[0]).toBe('Set metadata x-amz-meta-a to "1".');
    expect(effects.join(' ')).toContain('tags and the ACL are read before and put back after');
  });
});
