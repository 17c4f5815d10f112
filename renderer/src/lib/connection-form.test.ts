import { describe, expect, it } from 'vitest';
import { emptyForm, formFromSummary, selectProvider, testTitle, toInput, toUpdate, validateForm } from './connection-form';

const base = { ...emptyForm(), name: 'n', accessKeyId: 'AK', secretAccessKey: 'sk' };

describe('connection form', () => {
  it('makes an Amazon S3 input without endpoint', () => {
    expect(toInput({ ...base, region: 'eu-west-1' })).toEqual({ name: 'n', region: 'eu-west-1', forcePathStyle: false, credentials: { accessKeyId: 'AK', secretAccessKey: 'sk' } });
  });

  it('fills presets: DigitalOcean signs for us-east-1 with the location in the host', () => {
    const form = selectProvider(base, 'spaces');
    expect(form).toMatchObject({ forcePathStyle: false, presetValues: { region: 'nyc3' } });
    expect(toInput({ ...form, presetValues: { region: 'fra1' } })).toMatchObject({ endpoint: 'https://fra1.digitaloceanspaces.com', region: 'us-east-1', preset: 'spaces' });
    expect(toInput(selectProvider(base, 'minio'))).toBeNull();
    expect(validateForm(selectProvider(base, 'minio'), null).url).toBeTruthy();
  });

  it('custom endpoints need a URL and default to path-style', () => {
    const form = selectProvider(base, 'custom');
    expect(form.forcePathStyle).toBe(true);
    expect(validateForm(form, null).endpoint).toBeTruthy();
    expect(toInput({ ...form, endpoint: 'https://rgw.lan:7480/' })).toMatchObject({ endpoint: 'https://rgw.lan:7480', forcePathStyle: true });
  });

  it('passes a session token only when given', () => {
    expect(toUpdate({ ...base, sessionToken: ' tok ' })?.credentials).toEqual({ accessKeyId: 'AK', secretAccessKey: 'sk', sessionToken: 'tok' });
  });

  it('names every test failure', () => {
    expect(testTitle({ ok: false, failure: 'NotS3', message: '', canOpenBucket: false })).toBe('Not an S3 endpoint');
    expect(testTitle({ ok: true, bucketCount: 0, message: '' })).toBe('Connection works');
  });

  it('edits from a summary without any key material', () => {
    const form = formFromSummary({ id: 'x', name: 'aws', endpoint: null, region: 'us-west-2', forcePathStyle: false, accessKeyHint: 'AKIA…1234', auth: 'keys', secret: 'encrypted' });
    expect(form).toMatchObject({ provider: 'aws', accessKeyId: '', secretAccessKey: '', sessionToken: '' });
  });

  it('the default chain needs no keys or profile and says so to main; switching an edit to it drops the keys', () => {
    const form = { ...emptyForm(), name: 'n', auth: 'default-chain' as const };
    expect(validateForm(form, null)).toEqual({});
    expect(toInput(form)).toEqual({ name: 'n', region: 'us-east-1', forcePathStyle: false, defaultChain: true });
    const keysConnection = { id: 'x', name: 'n', endpoint: null, region: 'us-east-1', forcePathStyle: false, accessKeyHint: 'AKIA…1234', auth: 'keys', secret: 'encrypted' } as const;
    const edit = { ...formFromSummary(keysConnection), auth: 'default-chain' as const, accessKeyId: 'typed', secretAccessKey: 'typed' };
    expect(toUpdate(edit)).toEqual({ name: 'n', region: 'us-east-1', forcePathStyle: false, defaultChain: true });
  });

  it('an edited default-chain connection that switches to keys must be given keys (there are none to keep)', () => {
    const chain = { id: 'x', name: 'n', endpoint: null, region: 'us-east-1', forcePathStyle: false, accessKeyHint: null, auth: 'default-chain', secret: 'none' } as const;
    const form = formFromSummary(chain);
    expect(form.auth).toBe('default-chain');
    expect(Object.keys(validateForm({ ...form, auth: 'keys' }, chain)).sort()).toEqual(['accessKeyId', 'secretAccessKey']);
  });

  it('reads preset fields back from a saved endpoint, and shows an endpoint that no longer fits as custom', () => {
    const summary = { id: 'x', name: 'n', region: 'us-east-1', forcePathStyle: false, accessKeyHint: null, auth: 'keys', secret: 'encrypted' } as const;
    expect(formFromSummary({ ...summary, endpoint: 'https://sgp1.digitaloceanspaces.com', preset: 'spaces' })).toMatchObject({ provider: 'spaces', presetValues: { region: 'sgp1' }, presetId: 'spaces' });
    expect(formFromSummary({ ...summary, endpoint: 'https://acct9.r2.cloudflarestorage.com', region: 'auto', preset: 'r2' })).toMatchObject({ provider: 'r2', presetValues: { accountId: 'acct9' } });
    expect(formFromSummary({ ...summary, endpoint: 'http://10.0.0.5:9000', preset: 'minio' })).toMatchObject({ provider: 'minio', presetValues: { url: 'http://10.0.0.5:9000' } });
    expect(formFromSummary({ ...summary, endpoint: 'https://s3.example.com', preset: 'wasabi' })).toMatchObject({ provider: 'custom', endpoint: 'https://s3.example.com', presetId: 'wasabi' });
  });
});
