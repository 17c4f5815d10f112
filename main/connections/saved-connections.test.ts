import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from '../../testkit/counting-proxy';
import { unwrap } from '../../testkit/core-fixture';
import { createFakeSecretBox } from '../../testkit/fake-secret-box';
import { startS3Server, TEST_CREDENTIALS, type TestS3Server } from '../../testkit/s3-server';
import type { Channel, HandlerMap } from '../../shared/ipc';
import { type Core, createCore, type HandlerOptions } from '../core/create-core';
import { SETTINGS_FILE_NAME } from './settings-file';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYsecretTEST';
const ACCESS_KEY = 'AKIAS3DESKSAVED0001';
const TOKEN = 'FwoGZXIvYXdzEBYaDsessionTOKENtest';
let server: TestS3Server;
let proxy: CountingProxy;
const dirs: string[] = [];
const cores: Core[] = [];

beforeAll(async () => {
  server = await startS3Server();
  server.seed('saved', [['docs/a.txt', 'a']]);
  proxy = await startCountingProxy(server.url);
});
afterAll(async () => {
  await proxy.close();
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 's3desk-userdata-'));
  dirs.push(d);
  return d;
}

/** Every handler response is recorded so a test can scan all of them for secrets. */
function recordingCore(options: HandlerOptions, responses: Array<[Channel, string]>): Core {
  const core = createCore(options);
  cores.push(core);
  const handlers = Object.fromEntries(
    (Object.keys(core.handlers) as Channel[]).map((channel) => [
      channel,
      async (req: unknown) => {
        const res = await (core.handlers[channel] as (r: unknown) => Promise<unknown>)(req);
        responses.push([channel, JSON.stringify(res)]);
        return res;
      },
    ]),
  ) as unknown as HandlerMap;
  return { ...core, handlers };
}

const keysInput = (name = 'saved minio') => ({
  name,
  endpoint: proxy.url,
  region: 'us-east-1',
  forcePathStyle: true,
  preset: 'minio',
  credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET, sessionToken: TOKEN },
});

const settingsBytes = (dir: string) => readFileSync(join(dir, SETTINGS_FILE_NAME));

describe('saved connections', () => {
  it('survives a restart with its secret encrypted, and never writes or answers a secret in plain text', async () => {
    const dir = tempDir();
    const box = createFakeSecretBox();
    const responses: Array<[Channel, string]> = [];
    const first = recordingCore({ userDataDir: dir, secretBox: box }, responses);
    const h = first.handlers;
    expect(unwrap(await h['connections:status']({}))).toMatchObject({ persistent: true, encryptionAvailable: true, problem: null });
    const added = unwrap(await h['connections:add'](keysInput()));
    expect(added).toMatchObject({ saved: true, secret: 'encrypted', accessKeyHint: 'AKIA…0001', preset: 'minio' });
    unwrap(await h['connections:test']({ id: added.id }));
    unwrap(await h['connections:test']({ input: keysInput('draft') }));
    unwrap(await h['connections:update']({ id: added.id, input: { ...keysInput('renamed'), credentials: { accessKeyId: ACCESS_KEY } } }));
    const { credentials: _dropped, ...withoutKeys } = keysInput('renamed');
    void _dropped;
    // An edit without keys keeps the stored ones (the form never had them).
    expect(unwrap(await h['connections:update']({ id: added.id, input: withoutKeys }))).toMatchObject({ auth: 'keys', secret: 'encrypted' });
    expect(unwrap(await h['connections:test']({ id: added.id, input: withoutKeys }))).toMatchObject({ ok: true });
    unwrap(await h['connections:list']({}));
    unwrap(await h['connections:profiles']({}));
    unwrap(await h['buckets:list']({ connectionId: added.id }));
    unwrap(await h['objects:list']({ connectionId: added.id, bucket: 'saved', prefix: 'docs/' }));
    unwrap(await h['objects:stat']({ connectionId: added.id, bucket: 'saved', keys: ['docs/a.txt'] }));
    unwrap(await h['objects:head']({ connectionId: added.id, bucket: 'saved', key: 'docs/a.txt' }));
    unwrap(await h['cache:stats']({}));
    const other = unwrap(await h['connections:add'](keysInput('to delete')));
    expect(unwrap(await h['connections:delete']({ id: other.id }))).toEqual({ deleted: true });
    // The sign-in channels answer too (no prompt or flow is open here: nothing to accept or cancel).
    expect(unwrap(await h['connections:mfa-answer']({ promptId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', code: null }))).toEqual({ accepted: false });
    expect(unwrap(await h['connections:sso-cancel']({ flowId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }))).toEqual({ cancelled: false });
    expect(unwrap(await h['connections:sso-sign-in']({ profile: 'no-such-profile' }))).toMatchObject({ state: 'failed' });

    // Every connections channel was exercised, and no answer of any channel carries a secret.
    const called = new Set(responses.map(([c]) => c));
    for (const channel of Object.keys(h) as Channel[]) if (channel.startsWith('connections:')) expect(called).toContain(channel);
    for (const [channel, json] of responses) {
      expect(json, channel).not.toContain(SECRET);
      expect(json, channel).not.toContain(TOKEN);
      expect(json, channel).not.toContain(ACCESS_KEY);
    }
    const bytes = settingsBytes(dir);
    for (const s of [SECRET, TOKEN, ACCESS_KEY]) {
      expect(bytes.includes(Buffer.from(s))).toBe(false);
      expect(bytes.includes(Buffer.from(JSON.stringify(s).slice(1, -1)))).toBe(false);
    }
    expect(JSON.parse(bytes.toString())).toMatchObject({ version: 1, connections: [{ name: 'renamed', encryptedSecret: expect.any(String) }] });

    // Restart: a new core with the same folder and keyring finds it and signs with the decrypted secret.
    await first.dispose();
    const second = recordingCore({ userDataDir: dir, secretBox: box }, []);
    const list = unwrap(await second.handlers['connections:list']({}));
    expect(list).toEqual([expect.objectContaining({ id: added.id, name: 'renamed', secret: 'encrypted', saved: true })]);
    proxy.reset();
    const page = unwrap(await second.handlers['objects:list']({ connectionId: added.id, bucket: 'saved', prefix: 'docs/' }));
    expect(page.entries.map((e) => e.key)).toEqual(['docs/a.txt']);
    const auth = String(proxy.log[0]?.headers['authorization']);
    expect(auth).toContain(`Credential=${ACCESS_KEY}/`);
    expect(proxy.log[0]?.headers['x-amz-security-token']).toBe(TOKEN);
  });

  it('keeps secrets for the session only when the OS cannot encrypt, and says so', async () => {
    const dir = tempDir();
    const box = createFakeSecretBox({ available: false });
    const core = recordingCore({ userDataDir: dir, secretBox: box }, []);
    expect(unwrap(await core.handlers['connections:status']({}))).toMatchObject({ persistent: true, encryptionAvailable: false });
    const added = unwrap(await core.handlers['connections:add'](keysInput()));
    expect(added.secret).toBe('session-only');
    unwrap(await core.handlers['buckets:list']({ connectionId: added.id }));
    const bytes = settingsBytes(dir);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false);
    expect(JSON.parse(bytes.toString()).connections[0].encryptedSecret).toBeNull();
    expect(box.encryptCalls).toBe(0);

    await core.dispose();
    const next = recordingCore({ userDataDir: dir, secretBox: box }, []);
    const [again] = unwrap(await next.handlers['connections:list']({}));
    expect(again).toMatchObject({ id: added.id, secret: 'missing' });
    const test = unwrap(await next.handlers['connections:test']({ id: added.id }));
    expect(test).toMatchObject({ ok: false, failure: 'NoCredentials' });
    // Entering the secret again (an edit) makes it usable.
    unwrap(await next.handlers['connections:update']({ id: added.id, input: keysInput() }));
    expect(unwrap(await next.handlers['connections:test']({ id: added.id }))).toMatchObject({ ok: true });
  });

  it('falls back to the session when encryption fails at the moment of saving (e.g. a locked keychain)', async () => {
    const dir = tempDir();
    const box = createFakeSecretBox();
    const broken = {
      ...box,
      isAvailable: () => true,
      encrypt: (): string => {
        throw new Error('keychain locked');
      },
    };
    const core = recordingCore({ userDataDir: dir, secretBox: broken }, []);
    const added = unwrap(await core.handlers['connections:add'](keysInput()));
    expect(added.secret).toBe('session-only');
    expect(settingsBytes(dir).includes(Buffer.from(SECRET))).toBe(false);
    expect(JSON.parse(settingsBytes(dir).toString()).connections[0].encryptedSecret).toBeNull();
  });

  it('asks for the secret when the access key ID changes in an edit', async () => {
    const core = recordingCore({ userDataDir: tempDir(), secretBox: createFakeSecretBox() }, []);
    const added = unwrap(await core.handlers['connections:add'](keysInput()));
    const res = await core.handlers['connections:update']({ id: added.id, input: { ...keysInput(), credentials: { accessKeyId: 'AKIAOTHERKEY0000' } } });
    expect(res).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
    expect(await core.handlers['connections:update']({ id: 'nope', input: keysInput() })).toMatchObject({ ok: false, error: { code: 'NoSuchConnection' } });
  });

  it('drops what was cached for a connection when it is edited (it may point elsewhere now)', async () => {
    const core = recordingCore({ userDataDir: tempDir(), secretBox: createFakeSecretBox() }, []);
    const h = core.handlers;
    const added = unwrap(await h['connections:add'](keysInput()));
    const list = () => h['objects:list']({ connectionId: added.id, bucket: 'saved', prefix: 'docs/' });
    unwrap(await list());
    proxy.reset();
    expect(unwrap(await list()).fromCache).toBe(true);
    expect(proxy.count()).toBe(0);
    unwrap(await h['connections:update']({ id: added.id, input: keysInput('moved') }));
    expect(unwrap(await list()).fromCache).toBe(false);
    expect(proxy.count('ListObjectsV2')).toBe(1);
  });

  it('an edit can switch a keys connection to the SDK default chain: the stored keys are dropped, the environment signs', async () => {
    const env = { id: process.env['AWS_ACCESS_KEY_ID'], secret: process.env['AWS_SECRET_ACCESS_KEY'], profile: process.env['AWS_PROFILE'] };
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAENVCHAIN00001';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'env-chain-secret';
    delete process.env['AWS_PROFILE'];
    try {
      const dir = tempDir();
      const box = createFakeSecretBox();
      const core = recordingCore({ userDataDir: dir, secretBox: box }, []);
      const added = unwrap(await core.handlers['connections:add'](keysInput()));
      // Without the flag, an edit that gives no keys keeps the stored ones.
      const { credentials: _keys, ...noKeys } = keysInput();
      expect(unwrap(await core.handlers['connections:update']({ id: added.id, input: noKeys }))).toMatchObject({ auth: 'keys', secret: 'encrypted' });
      const edited = unwrap(await core.handlers['connections:update']({ id: added.id, input: { ...noKeys, defaultChain: true } }));
      expect(edited).toMatchObject({ auth: 'default-chain', secret: 'none', accessKeyHint: null });
      const record = JSON.parse(settingsBytes(dir).toString()).connections[0];
      expect(record).toMatchObject({ auth: 'default-chain', encryptedSecret: null, accessKeyHint: null });
      proxy.reset();
      unwrap(await core.handlers['objects:list']({ connectionId: added.id, bucket: 'saved', prefix: '' }));
      expect(String(proxy.log[0]?.headers['authorization'])).toContain('Credential=AKIAENVCHAIN00001/');
      // A restart keeps the choice.
      await core.dispose();
      const next = recordingCore({ userDataDir: dir, secretBox: box }, []);
      expect(unwrap(await next.handlers['connections:list']({}))[0]).toMatchObject({ auth: 'default-chain', secret: 'none' });
    } finally {
      for (const [k, v] of [['AWS_ACCESS_KEY_ID', env.id], ['AWS_SECRET_ACCESS_KEY', env.secret], ['AWS_PROFILE', env.profile]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('deletes for good', async () => {
    const dir = tempDir();
    const box = createFakeSecretBox();
    const core = recordingCore({ userDataDir: dir, secretBox: box }, []);
    const a = unwrap(await core.handlers['connections:add'](keysInput('a')));
    unwrap(await core.handlers['connections:add'](keysInput('b')));
    unwrap(await core.handlers['connections:delete']({ id: a.id }));
    await core.dispose();
    const next = recordingCore({ userDataDir: dir, secretBox: box }, []);
    expect(unwrap(await next.handlers['connections:list']({})).map((c) => c.name)).toEqual(['b']);
  });

  it.each([
    ['not JSON', '{"version": 1, "connections": ['],
    ['a hand-added plain-text secret', JSON.stringify({ version: 1, connections: [{ id: 'x', name: 'n', endpoint: null, region: 'us-east-1', forcePathStyle: false, auth: 'keys', profile: null, preset: null, bucket: null, accessKeyHint: null, encryptedSecret: null, secretAccessKey: 'plain' }] })],
    ['a newer format', JSON.stringify({ version: 7, connections: [] })],
  ])('moves a settings file with %s aside, reports it, and never overwrites it', async (_what, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE_NAME), content);
    const core = recordingCore({ userDataDir: dir, secretBox: createFakeSecretBox() }, []);
    const status = unwrap(await core.handlers['connections:status']({}));
    expect(status.problem?.message).toMatch(/could not be loaded/);
    expect(status.problem?.movedTo).toBeTruthy();
    expect(readFileSync(status.problem!.movedTo!, 'utf8')).toBe(content);
    expect(existsSync(join(dir, SETTINGS_FILE_NAME))).toBe(false);
    expect(unwrap(await core.handlers['connections:list']({}))).toEqual([]);
    unwrap(await core.handlers['connections:add'](keysInput()));
    expect(readFileSync(status.problem!.movedTo!, 'utf8')).toBe(content);
    expect(readdirSync(dir).sort()).toEqual([SETTINGS_FILE_NAME, status.problem!.movedTo!.split('/').pop()].sort());
  });

  it('keeps connections in memory only without a user-data folder', async () => {
    const core = recordingCore({}, []);
    expect(unwrap(await core.handlers['connections:status']({}))).toMatchObject({ persistent: false, settingsFile: null });
    const added = unwrap(await core.handlers['connections:add']({ ...keysInput(), credentials: TEST_CREDENTIALS }));
    expect(added).toMatchObject({ saved: false, secret: 'session-only' });
  });

  it('rejects static keys and a profile together', async () => {
    const core = recordingCore({}, []);
    const res = await core.handlers['connections:add']({ ...keysInput(), profile: 'default' });
    expect(res).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  });
});
