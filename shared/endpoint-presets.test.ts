import { describe, expect, it } from 'vitest';
import { applyPreset, ENDPOINT_PRESETS, presetById, presetValuesFromEndpoint } from './endpoint-presets';

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

describe('preset values read back from an endpoint', () => {
  it.each([
    ['r2', { accountId: 'abc123' }],
    ['wasabi', { region: 'eu-central-2' }],
    ['b2', { region: 'eu-central-003' }],
    ['spaces', { region: 'fra1' }],
    ['minio', { url: 'http://127.0.0.1:9000' }],
    ['ceph', { url: 'https://rgw.example.com:7480' }],
  ])('%s: applyPreset and back give the same inputs', (id, values) => {
    const applied = applyPreset(preset(id), values);
    expect(applied).not.toBeNull();
    expect(presetValuesFromEndpoint(preset(id), applied!.endpoint)).toEqual(values);
  });

  it('refuses endpoints that do not fit the template', () => {
    expect(presetValuesFromEndpoint(preset('r2'), 'https://abc.eu.r2.cloudflarestorage.com')).toBeNull();
    expect(presetValuesFromEndpoint(preset('wasabi'), 'https://s3.example.com')).toBeNull();
    expect(presetValuesFromEndpoint(preset('spaces'), 'https://fra1.digitaloceanspaces.com.evil.example')).toBeNull();
  });
});
