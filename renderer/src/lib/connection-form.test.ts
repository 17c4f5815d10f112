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
});
