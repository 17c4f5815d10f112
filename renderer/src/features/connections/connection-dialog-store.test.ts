import { describe, expect, it, vi } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/types';
import { createConnectionDialogStore, errorsOf } from './connection-dialog-store';
import { createFakeConnectionsApi } from '../../../../testkit/renderer/fake-connections-api';

function setup() {
  const fake = createFakeConnectionsApi();
  const onSaved = vi.fn();
  const onDeleted = vi.fn();
  const store = createConnectionDialogStore(fake.api, { onSaved, onDeleted });
  return { fake, store, s: () => store.getState(), onSaved, onDeleted };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const saved: ConnectionSummary = {
  id: 'c9',
  name: 'MinIO lab',
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  forcePathStyle: true,
  accessKeyHint: 'AKIA…7890',
  auth: 'keys',
  profile: null,
  preset: 'minio',
  bucket: null,
  saved: true,
  secret: 'encrypted',
};

describe('connection dialog store', () => {
  it('opens empty for a new connection and loads profiles and the store status', async () => {
    const { s, fake } = setup();
    s().openAdd();
    await settle();
    expect(s().open).toBe(true);
    expect(s().editing).toBeNull();
    expect(s().profiles?.profiles.map((p) => p.name)).toEqual(['default', 'work-sso']);
    expect(s().storeStatus?.encryptionAvailable).toBe(true);
    expect(fake.callsOf('listProfiles')).toHaveLength(1);
  });

  it('does not send an incomplete form, and shows why', async () => {
    const { s, fake } = setup();
    s().openAdd();
    expect(await s().save()).toBeNull();
    await s().runTest();
    expect(fake.callsOf('addConnection')).toEqual([]);
    expect(fake.callsOf('testConnection')).toEqual([]);
    expect(s().showErrors).toBe(true);
    expect(Object.keys(errorsOf(s())).sort()).toEqual(['accessKeyId', 'name', 'secretAccessKey']);
  });

  it('adds an R2 connection from its preset: endpoint from the account ID, region auto, path-style', async () => {
    const { s, fake, onSaved } = setup();
    s().openAdd();
    s().setField('name', 'R2');
    s().setProvider('r2');
    s().setPresetValue('accountId', 'abc123');
    s().setField('accessKeyId', 'R2KEY');
    s().setField('secretAccessKey', 'r2-secret');
    const added = await s().save();
    expect(fake.callsOf('addConnection')).toEqual([
      {
        name: 'R2',
        endpoint: 'https://abc123.r2.cloudflarestorage.com',
        region: 'auto',
        forcePathStyle: true,
        preset: 'r2',
        credentials: { accessKeyId: 'R2KEY', secretAccessKey: 'r2-secret' },
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith(added);
    expect(s().open).toBe(false);
    expect(s().form.secretAccessKey).toBe('');
  });

  it('adds a profile connection without keys, in the profile\'s region', async () => {
    const { s, fake } = setup();
    s().openAdd();
    await settle();
    s().setField('name', 'work');
    s().setField('auth', 'profile');
    s().chooseProfile('work-sso');
    await s().save();
    expect(fake.callsOf('addConnection')).toEqual([{ name: 'work', region: 'us-east-2', forcePathStyle: false, profile: 'work-sso' }]);
  });

  it('adds a connection that signs in with the SDK default chain: no keys, no profile, said explicitly', async () => {
    const { s, fake } = setup();
    s().openAdd();
    s().setField('name', 'this machine');
    s().setField('auth', 'default-chain');
    expect(errorsOf(s())).toEqual({});
    const added = await s().save();
    expect(fake.callsOf('addConnection')).toEqual([{ name: 'this machine', region: 'us-east-1', forcePathStyle: false, defaultChain: true }]);
    expect(added).toMatchObject({ auth: 'default-chain', secret: 'none' });
    s().openEdit(added!);
    expect(s().form.auth).toBe('default-chain');
    await s().save();
    expect(fake.callsOf('updateConnection')).toEqual([{ id: added!.id, input: { name: 'this machine', region: 'us-east-1', forcePathStyle: false, defaultChain: true } }]);
  });

  it.each([
    ['r2', 'accountId', 'abc123', 'https://abc123.r2.cloudflarestorage.com'],
    ['wasabi', 'region', 'eu-central-2', 'https://s3.eu-central-2.wasabisys.com'],
    ['b2', 'region', 'eu-central-003', 'https://s3.eu-central-003.backblazeb2.com'],
    ['spaces', 'region', 'fra1', 'https://fra1.digitaloceanspaces.com'],
  ] as const)('editing a saved %s connection keeps the preset and its %s', async (preset, field, value, endpoint) => {
    const { s, fake } = setup();
    s().openAdd();
    s().setField('name', 'p');
    s().setProvider(preset);
    s().setPresetValue(field, value);
    s().setField('accessKeyId', 'KEY');
    s().setField('secretAccessKey', 'secret');
    const added = await s().save();
    expect(added?.endpoint).toBe(endpoint);
    s().openEdit(added!);
    expect(s().form.provider).toBe(preset);
    expect(s().form.presetValues[field]).toBe(value);
    s().setField('name', 'renamed');
    await s().save();
    const [update] = fake.callsOf('updateConnection') as Array<{ input: Record<string, unknown> }>;
    expect(update?.input).toEqual({ name: 'renamed', endpoint, region: added!.region, forcePathStyle: added!.forcePathStyle, preset });
  });

  it('starts a profile connection from the start screen\'s profile list', async () => {
    const { s, fake } = setup();
    s().openAdd();
    await settle();
    s().close();
    s().openAddFromProfile('work-sso');
    expect(s().form).toMatchObject({ name: 'work-sso', auth: 'profile', profile: 'work-sso', region: 'us-east-2' });
    await s().save();
    expect(fake.callsOf('addConnection')).toEqual([{ name: 'work-sso', region: 'us-east-2', forcePathStyle: false, profile: 'work-sso' }]);
  });

  it('edits without ever holding the secret: blank keys keep the stored ones, a new secret replaces it', async () => {
    const { s, fake } = setup();
    s().openEdit(saved);
    expect(s().form).toMatchObject({ name: 'MinIO lab', provider: 'minio', presetValues: { url: 'http://127.0.0.1:9000' }, accessKeyId: '', secretAccessKey: '' });
    s().setField('name', 'MinIO lab 2');
    await s().save();
    expect(fake.callsOf('updateConnection')).toEqual([
      { id: 'c9', input: { name: 'MinIO lab 2', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, preset: 'minio' } },
    ]);

    s().openEdit(saved);
    s().setField('accessKeyId', 'AKIANEW');
    expect(errorsOf(s()).secretAccessKey).toBeTruthy();
    s().setField('secretAccessKey', 'new-secret');
    await s().save();
    expect(fake.callsOf('updateConnection')[1]).toMatchObject({ input: { credentials: { accessKeyId: 'AKIANEW', secretAccessKey: 'new-secret' } } });
  });

  it('asks for keys when the stored secret is missing', () => {
    const { s } = setup();
    s().openEdit({ ...saved, secret: 'missing' });
    expect(Object.keys(errorsOf(s())).sort()).toEqual(['accessKeyId', 'secretAccessKey']);
  });

  it('tests the form as it stands, and a change invalidates the result', async () => {
    const { s, fake } = setup();
    s().openEdit(saved);
    fake.testResults = [{ ok: false, failure: 'SignatureDoesNotMatch', message: 'secret wrong', canOpenBucket: false }];
    await s().runTest();
    expect(fake.callsOf('testConnection')).toEqual([{ id: 'c9', input: expect.objectContaining({ endpoint: 'http://127.0.0.1:9000' }) }]);
    expect(s().test).toEqual({ status: 'done', result: { ok: false, failure: 'SignatureDoesNotMatch', message: 'secret wrong', canOpenBucket: false } });
    s().setField('secretAccessKey', 'typo-fixed');
    expect(s().test).toEqual({ status: 'idle' });
  });

  it('drops a late test answer for a form that changed meanwhile', async () => {
    const { s, fake } = setup();
    s().openEdit(saved);
    let release!: () => void;
    fake.testGate = new Promise((r) => (release = r));
    const running = s().runTest();
    expect(s().test.status).toBe('running');
    s().setField('region', 'eu-west-1');
    release();
    await running;
    expect(s().test).toEqual({ status: 'idle' });
  });

  it('after "may not list buckets" tests a named bucket', async () => {
    const { s, fake } = setup();
    s().openEdit(saved);
    fake.testResults = [
      { ok: false, failure: 'NoListPermission', message: 'no list', canOpenBucket: true },
      { ok: true, bucketCount: null, message: 'bucket ok' },
    ];
    await s().runTest();
    expect(s().test).toMatchObject({ status: 'done', result: { canOpenBucket: true } });
    s().setField('bucket', 'reports');
    await s().runTest('reports');
    expect(fake.callsOf('testConnection')[1]).toMatchObject({ bucket: 'reports', input: { bucket: 'reports' } });
    expect(s().test).toMatchObject({ status: 'done', result: { ok: true } });
  });

  it('keeps the dialog open with the error when main refuses', async () => {
    const { s, fake, onSaved } = setup();
    fake.saveError = { code: 'InvalidInput', message: 'enter the secret access key' };
    s().openEdit(saved);
    await s().save();
    expect(s().open).toBe(true);
    expect(s().error).toMatchObject({ code: 'InvalidInput', message: 'Enter the secret access key.', detail: 'enter the secret access key' });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('deletes only after confirmation', async () => {
    const { s, fake, onDeleted } = setup();
    s().openEdit(saved);
    s().askDelete(true);
    expect(s().confirmingDelete).toBe(true);
    expect(await s().remove()).toBe(true);
    expect(fake.callsOf('deleteConnection')).toEqual([{ id: 'c9' }]);
    expect(onDeleted).toHaveBeenCalledWith('c9');
    expect(s().open).toBe(false);
  });

  it('trusts the certificate a failed TLS test showed, tests again with it, and saves it; "stop trusting" drops it', async () => {
    const { s, fake } = setup();
    const sha256 = Array.from({ length: 32 }, () => 'C3').join(':');
    const certificate = { sha256, subject: 'CN=nas.lan', issuer: 'CN=nas.lan', validFrom: 'a', validTo: 'b', selfSigned: true };
    fake.testResults = [{ ok: false, failure: 'Tls', message: 'not trusted', canOpenBucket: false, certificate }, { ok: true, bucketCount: 2, message: 'ok' }];
    s().openAdd();
    s().setField('name', 'nas');
    s().setProvider('custom');
    s().setField('endpoint', 'https://nas.lan:9000');
    s().setField('accessKeyId', 'AK');
    s().setField('secretAccessKey', 'sk');
    await s().runTest();
    expect(s().test).toMatchObject({ status: 'done', result: { failure: 'Tls', certificate: { sha256 } } });
    await s().trustCertificate(sha256);
    expect(s().test).toMatchObject({ status: 'done', result: { ok: true } });
    const [, retest] = fake.callsOf('testConnection') as Array<{ input: Record<string, unknown> }>;
    expect(retest?.input.trustedCertSha256).toBe(sha256);
    const added = await s().save();
    expect(fake.callsOf('addConnection')).toEqual([expect.objectContaining({ endpoint: 'https://nas.lan:9000', trustedCertSha256: sha256 })]);
    s().openEdit({ ...added!, trustedCertSha256: sha256 });
    expect(s().form.trustedCertSha256).toBe(sha256);
    s().untrustCertificate();
    await s().save();
    const [update] = fake.callsOf('updateConnection') as Array<{ input: Record<string, unknown> }>;
    expect(update?.input).not.toHaveProperty('trustedCertSha256');
  });

  it('never sends a pinned certificate for a plain-http endpoint', async () => {
    const { s, fake } = setup();
    s().openAdd();
    s().setField('name', 'x');
    s().setProvider('custom');
    s().setField('endpoint', 'http://10.0.0.2:9000');
    s().setField('trustedCertSha256', Array.from({ length: 32 }, () => 'AA').join(':'));
    s().setField('accessKeyId', 'AK');
    s().setField('secretAccessKey', 'sk');
    await s().save();
    expect(fake.callsOf('addConnection')[0]).not.toHaveProperty('trustedCertSha256');
  });
});
