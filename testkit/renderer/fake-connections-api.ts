/**
 * A fake of the connections stores' APIs (the dialog's and the start screen's, Picks of the contract), so it
 * cannot drift from them and channels other features add never touch it. Every call is logged.
 */
import { fail, ok } from '../../shared/errors';
import type { RequestOf } from '../../shared/ipc';
import type { AwsProfileList, ConnectionStoreStatus, ConnectionSummary, ConnectionTestResult } from '../../shared/types';
import type { ConnectionDialogApi, StartScreenApi } from '../../renderer/src/features/connections';

export type ConnectionsApi = ConnectionDialogApi & StartScreenApi;

export interface Call {
  readonly method: string;
  readonly request: unknown;
}

export interface FakeConnectionsApi {
  readonly api: ConnectionsApi;
  readonly calls: Call[];
  callsOf(method: string): unknown[];
  /** The next testConnection answers; each call takes one (the last one repeats). */
  testResults: ConnectionTestResult[];
  /** When set, testConnection waits for this promise before answering. */
  testGate: Promise<void> | null;
  /** When set, the next add/update answers this error. */
  saveError: { code: 'InvalidInput' | 'Unknown'; message: string } | null;
  profiles: AwsProfileList;
  status: ConnectionStoreStatus;
  /** What listConnections answers. */
  saved: ConnectionSummary[];
}

export function createFakeConnectionsApi(): FakeConnectionsApi {
  const calls: Call[] = [];
  let nextId = 1;
  const summaryOf = (id: string, r: RequestOf<'connections:add'>): ConnectionSummary => ({
    id,
    name: r.name,
    endpoint: r.endpoint ?? null,
    region: r.region,
    forcePathStyle: r.forcePathStyle,
    accessKeyHint: r.credentials ? `${r.credentials.accessKeyId.slice(0, 4)}…` : null,
    auth: r.credentials ? 'keys' : r.profile ? 'profile' : 'default-chain',
    profile: r.profile ?? null,
    preset: r.preset ?? null,
    bucket: r.bucket ?? null,
    saved: true,
    secret: r.credentials ? 'encrypted' : 'none',
  });

  const fake: FakeConnectionsApi = {
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.request),
    testResults: [{ ok: true, bucketCount: 1, message: 'Connected: 1 bucket visible.' }],
    testGate: null,
    saveError: null,
    profiles: {
      profiles: [
        { name: 'default', kind: 'static', region: 'eu-west-1', endpoint: null, inConfig: true, inCredentials: true, sourceProfile: null, ssoSession: null },
        { name: 'work-sso', kind: 'sso', region: 'us-east-2', endpoint: null, inConfig: true, inCredentials: false, sourceProfile: null, ssoSession: 'corp' },
      ],
      defaultProfile: 'default',
      configFile: '/home/u/.aws/config',
      credentialsFile: '/home/u/.aws/credentials',
      problem: null,
    },
    status: { persistent: true, encryptionAvailable: true, settingsFile: '/data/connections.json', problem: null },
    saved: [],
    api: undefined as unknown as ConnectionsApi,
  };

  const log = (method: string, request: unknown) => calls.push({ method, request });
  const api: ConnectionsApi = {
    async listConnections(req) {
      log('listConnections', req);
      return ok(fake.saved);
    },
    async listProfiles(req) {
      log('listProfiles', req);
      return ok(fake.profiles);
    },
    async connectionStoreStatus(req) {
      log('connectionStoreStatus', req);
      return ok(fake.status);
    },
    async testConnection(req) {
      log('testConnection', req);
      if (fake.testGate) await fake.testGate;
      const result = fake.testResults.length > 1 ? fake.testResults.shift()! : fake.testResults[0]!;
      return ok(result);
    },
    async addConnection(req) {
      log('addConnection', req);
      if (fake.saveError) return fail(fake.saveError.code, fake.saveError.message);
      return ok(summaryOf(`c${nextId++}`, req));
    },
    async updateConnection(req) {
      log('updateConnection', req);
      if (fake.saveError) return fail(fake.saveError.code, fake.saveError.message);
      const { credentials, ...rest } = req.input;
      const withKeys = credentials ? { ...rest, credentials: { ...credentials, secretAccessKey: credentials.secretAccessKey ?? 'kept' } } : rest;
      return ok(summaryOf(req.id, withKeys));
    },
    async deleteConnection(req) {
      log('deleteConnection', req);
      return ok({ deleted: true });
    },
  };
  (fake as { api: ConnectionsApi }).api = api;
  return fake;
}
