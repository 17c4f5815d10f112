import { describe, expect, it } from 'vitest';
import { ENDPOINT_PRESETS } from '../../../../shared/endpoint-presets';
import { providerOf } from './provider';

describe('providerOf', () => {
  it('names every endpoint preset', () => {
    for (const preset of ENDPOINT_PRESETS) expect(providerOf({ preset: preset.id, endpoint: 'http://x' })).not.toBe('custom');
  });
  it('falls back to the endpoint: none is AWS, known hosts, anything else custom', () => {
    expect(providerOf({ preset: null, endpoint: null })).toBe('aws');
    expect(providerOf({ preset: null, endpoint: 'https://s3.eu-west-1.amazonaws.com' })).toBe('aws');
    expect(providerOf({ preset: null, endpoint: 'https://abc.r2.cloudflarestorage.com' })).toBe('r2');
    expect(providerOf({ preset: null, endpoint: 'https://fra1.digitaloceanspaces.com' })).toBe('spaces');
    expect(providerOf({ preset: null, endpoint: 'http://127.0.0.1:9000' })).toBe('custom');
    expect(providerOf({ preset: 'unknown', endpoint: 'not a url' })).toBe('custom');
  });
});
