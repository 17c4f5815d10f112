import { describe, expect, it } from 'vitest';
import { ok } from '../shared/errors';
import type { ConnectionInput } from '../shared/ipc';
import { addDemoConnection, DEMO_CONNECTION_ENV, demoConnectionFrom } from './demo-connection';

const input: ConnectionInput = {
  name: 'Demo (local S3)',
  endpoint: 'http://127.0.0.1:4599',
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3DESKDEMOKEY', secretAccessKey: 's3desk-demo-secret' },
};
const env = (value: string | undefined) => ({ [DEMO_CONNECTION_ENV]: value });

describe('demoConnectionFrom', () => {
  it('is null when the variable is unset or blank', () => {
    expect(demoConnectionFrom({})).toBeNull();
    expect(demoConnectionFrom(env('  '))).toBeNull();
  });

  it('parses a valid connection', () => {
    expect(demoConnectionFrom(env(JSON.stringify(input)))).toEqual(ok(input));
  });

  it('refuses what connections:add would refuse, without echoing the secret', () => {
    const bad = [
      'not json',
      JSON.stringify({ ...input, endpoint: 'file:///etc' }),
      JSON.stringify({ ...input, extra: 1 }),
      JSON.stringify({ ...input, credentials: { accessKeyId: 'x' } }),
      '[]',
    ];
    for (const value of bad) {
      const result = demoConnectionFrom(env(value));
      expect(result).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
      expect(JSON.stringify(result)).not.toContain('s3desk-demo-secret');
    }
  });
});

describe('addDemoConnection', () => {
  it('adds a valid connection through the given handler and warns about an invalid one', async () => {
    const added: ConnectionInput[] = [];
    const warnings: string[] = [];
    const add = async (c: ConnectionInput) => {
      added.push(c);
      return ok(null);
    };
    await addDemoConnection(env(JSON.stringify(input)), add, (m) => warnings.push(m));
    await addDemoConnection({}, add, (m) => warnings.push(m));
    await addDemoConnection(env('{'), add, (m) => warnings.push(m));
    expect(added).toEqual([input]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(DEMO_CONNECTION_ENV);
  });
});
