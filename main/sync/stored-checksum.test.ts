import { describe, expect, it } from 'vitest';
import { asChecksumAlgorithm, readChecksumFields, uniformPartSize } from './stored-checksum';

describe('stored checksum fields', () => {
  it('reads the one checksum of a response with its type, stated or inferred', () => {
    expect(readChecksumFields({ ChecksumCRC32C: 'yZRlqg==', ChecksumType: 'FULL_OBJECT' })).toEqual({ algorithm: 'CRC32C', type: 'FULL_OBJECT', value: 'yZRlqg==', parts: null });
    // HeadObject writes a composite value with its part count; GetObjectAttributes states the count apart.
    expect(readChecksumFields({ ChecksumSHA256: 'abc=-3' })).toEqual({ algorithm: 'SHA256', type: 'COMPOSITE', value: 'abc=', parts: 3 });
    expect(readChecksumFields({ ChecksumSHA1: 'abc=', ChecksumType: 'COMPOSITE' }, 5)).toEqual({ algorithm: 'SHA1', type: 'COMPOSITE', value: 'abc=', parts: 5 });
    expect(readChecksumFields({})).toBeNull();
  });

  it('takes a part size only when every listed part but the last has it', () => {
    expect(uniformPartSize([{ Size: 8 }, { Size: 8 }, { Size: 3 }], 3)).toBe(8);
    expect(uniformPartSize([{ Size: 8 }, { Size: 7 }, { Size: 3 }], 3)).toBeNull();
    expect(uniformPartSize([{ Size: 8 }, { Size: 9 }], 2)).toBeNull();
    // A truncated part list proves nothing about the parts not listed.
    expect(uniformPartSize([{ Size: 8 }, { Size: 8 }], 3)).toBeNull();
  });

  it('knows only the algorithms S3 stores', () => {
    expect(asChecksumAlgorithm('crc64nvme')).toBe('CRC64NVME');
    expect(asChecksumAlgorithm('MD5')).toBeNull();
    expect(asChecksumAlgorithm(undefined)).toBeNull();
  });
});
