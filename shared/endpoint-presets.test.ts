import { describe, expect, it } from 'vitest';
import { applyPreset, ENDPOINT_PRESETS, presetById } from './endpoint-presets';

const preset = (id: string) => {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return p;
};

describe('endpoint presets', () => {
  it('covers the S3-compatible stores people arrive with', () => {
    expect(ENDPOINT_PRESETS.map((p) => p.id)).toEqual(['minio', 'r2', 'wasabi', 'b2', 'spaces', 'ceph']);
  });

  it('fills endpoint templates, path-style and signing regions', () => {
    expect(applyPreset(preset('minio'), { url: 'http://127.0.0.1:9000/' })).toEqual({ endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true });
    expect(applyPreset(preset('r2'), { accountId: 'abc123' })).toEqual({ endpoint: 'https://abc123.r2.cloudflarestorage.com', region: 'auto', forcePathStyle: true });
    expect(applyPreset(preset('wasabi'), { region: 'eu-central-1' })).toEqual({ endpoint: 'https://s3.eu-central-1.wasabisys.com', region: 'eu-central-1', forcePathStyle: false });
    expect(applyPreset(preset('b2'), {})).toEqual({ endpoint: 'https://s3.us-west-004.backblazeb2.com', region: 'us-west-004', forcePathStyle: false });
    expect(applyPreset(preset('spaces'), { region: 'fra1' })).toEqual({ endpoint: 'https://fra1.digitaloceanspaces.com', region: 'us-east-1', forcePathStyle: false });
    expect(applyPreset(preset('ceph'), { url: 'https://rgw.example.com' })?.forcePathStyle).toBe(true);
  });

  it('waits for required fields', () => {
    expect(applyPreset(preset('r2'), { accountId: '  ' })).toBeNull();
    expect(applyPreset(preset('minio'), {})).toBeNull();
  });
});
