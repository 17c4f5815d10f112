import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { ConnectionInput, ConnectionUpdate, StaticCredentialsInput } from '../../shared/ipc';
import type { ConnectionStoreStatus, ConnectionSummary } from '../../shared/types';
import { CodedError } from '../core/app-error';
import type { AuthSource } from './credentials';
import { type ConnectionDefinition, type ConnectionRegistry, definitionOf, keyHint } from './registry';
import { UNAVAILABLE_SECRET_BOX, type SecretBox } from './secret-box';
import { SeenCertificates, type TrustedCertificate } from './tls-trust';
import { loadSettingsSync, type SavedConnection, saveSettings, SETTINGS_FILE_NAME } from './settings-file';

export interface SavedConnectionsOptions {
  readonly registry: ConnectionRegistry;
  /** The app's user-data folder; without it nothing is persisted (tests, benchmarks). */
  readonly userDataDir?: string;
  readonly secretBox?: SecretBox;
  readonly newId?: () => string;
  /** Certificates connection tests saw this session: where a fingerprint the user confirmed is looked up. */
  readonly seenCertificates?: SeenCertificates;
}

const secretPayload = z
  .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1), sessionToken: z.string().min(1).optional() })
  .strict();

/**
 * Saved connections: the registry holds them live, the settings file keeps them across restarts. Secrets go
 * to disk only as SecretBox ciphertext; without OS encryption they stay in memory for the session.
 */
export class SavedConnections {
  private readonly records = new Map<string, SavedConnection>();
  /** Secrets not on disk (encryption unavailable), by connection id; gone at exit. */
  private readonly sessionSecrets = new Map<string, StaticCredentialsInput>();
  private readonly box: SecretBox;
  private problem: ConnectionStoreStatus['problem'] = null;
  private persistent: boolean;
  private writing: Promise<void> = Promise.resolve();
  readonly seenCertificates: SeenCertificates;

  constructor(private readonly options: SavedConnectionsOptions) {
    this.box = options.secretBox ?? UNAVAILABLE_SECRET_BOX;
    this.seenCertificates = options.seenCertificates ?? new SeenCertificates();
    this.persistent = options.userDataDir !== undefined;
    if (options.userDataDir === undefined) return;
    const loaded = loadSettingsSync(options.userDataDir);
    this.problem = loaded.problem;
    // A file we could not read and could not move aside must not be overwritten: stop persisting.
    if (loaded.problem && loaded.problem.movedTo === null) this.persistent = false;
    for (const record of loaded.connections) {
      this.records.set(record.id, record);
      this.options.registry.put(record.id, this.definitionFromRecord(record), record.accessKeyHint);
    }
  }

  status(): ConnectionStoreStatus {
    return {
      persistent: this.persistent,
      encryptionAvailable: this.box.isAvailable(),
      settingsFile: this.options.userDataDir === undefined ? null : join(this.options.userDataDir, SETTINGS_FILE_NAME),
      problem: this.problem,
    };
  }

  async add(input: ConnectionInput): Promise<ConnectionSummary> {
    if (!this.persistent) return this.options.registry.add(input, this.trustOf(undefined, input));
    const id = (this.options.newId ?? randomUUID)();
    return this.save(id, input);
  }

  async update(id: string, update: ConnectionUpdate): Promise<ConnectionSummary> {
    const existing = this.options.registry.get(id);
    if (!existing) throw new CodedError({ code: 'NoSuchConnection', message: `no connection ${id}` });
    const input = this.completeUpdate(id, update);
    if (!this.records.has(id)) {
      // A session-only connection (no user-data folder): replace it in memory.
      const definition = definitionOf(input, false, this.trustOf(id, input));
      return this.options.registry.put(id, definition, input.credentials ? keyHint(input.credentials.accessKeyId) : null);
    }
    return this.save(id, input);
  }

  async remove(id: string): Promise<boolean> {
    const removed = this.options.registry.remove(id);
    this.sessionSecrets.delete(id);
    if (this.records.delete(id)) await this.flush();
    return removed;
  }

  /** An update filled in with what the renderer never holds: the stored secret, when the form left it blank. */
  completeUpdate(id: string | undefined, update: ConnectionUpdate): ConnectionInput {
    const { credentials, ...rest } = update;
    if (!credentials) {
      // Neither keys nor a profile in an edit of a keys connection: keep its keys (the form never had them),
      // unless the edit asks for the default chain.
      const stored = id === undefined || rest.profile || rest.defaultChain ? undefined : this.storedKeys(id);
      return stored ? { ...rest, credentials: { ...stored } } : rest;
    }
    if (credentials.secretAccessKey) return { ...rest, credentials: { ...credentials, secretAccessKey: credentials.secretAccessKey } };
    const stored = id === undefined ? undefined : this.storedKeys(id);
    if (!stored || stored.accessKeyId !== credentials.accessKeyId) {
      throw new CodedError({ code: 'InvalidInput', message: 'enter the secret access key (it is needed for a new access key ID)' });
    }
    return {
      ...rest,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: stored.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : stored.sessionToken ? { sessionToken: stored.sessionToken } : {}),
      },
    };
  }

  /**
   * The certificate behind a fingerprint the user confirmed: one a connection test just saw, or the one the
   * connection already trusts. Never a certificate sent by the renderer: it only names a fingerprint.
   */
  trustOf(id: string | undefined, input: Pick<ConnectionInput, 'trustedCertSha256'>): TrustedCertificate | null {
    const sha256 = input.trustedCertSha256;
    if (!sha256) return null;
    const current = id === undefined ? undefined : this.options.registry.get(id)?.definition.trustedCertificate;
    const cert = this.seenCertificates.get(sha256) ?? (current?.sha256 === sha256 ? current : undefined);
    if (!cert) {
      throw new CodedError({ code: 'InvalidInput', message: 'test the connection first: the certificate to trust has not been seen from this server' });
    }
    return cert;
  }

  private storedKeys(id: string): StaticCredentialsInput | undefined {
    const auth = this.options.registry.get(id)?.definition.auth;
    return auth?.kind === 'keys' ? auth.credentials : undefined;
  }

  private async save(id: string, input: ConnectionInput): Promise<ConnectionSummary> {
    const trustedCertificate = this.trustOf(id, input);
    let encryptedSecret: string | null = null;
    let secret: ConnectionDefinition['secret'] = 'none';
    this.sessionSecrets.delete(id);
    if (input.credentials) {
      encryptedSecret = this.tryEncrypt(input.credentials);
      if (encryptedSecret !== null) secret = 'encrypted';
      else {
        this.sessionSecrets.set(id, { ...input.credentials });
        secret = 'session-only';
      }
    }
    const record: SavedConnection = {
      id,
      name: input.name,
      endpoint: input.endpoint ?? null,
      region: input.region,
      forcePathStyle: input.forcePathStyle,
      auth: input.credentials ? 'keys' : input.profile ? 'profile' : 'default-chain',
      profile: input.profile ?? null,
      preset: input.preset ?? null,
      bucket: input.bucket ?? null,
      accessKeyHint: input.credentials ? keyHint(input.credentials.accessKeyId) : null,
      encryptedSecret,
      trustedCertificate: trustedCertificate ? { ...trustedCertificate } : null,
    };
    this.records.set(id, record);
    await this.flush();
    return this.options.registry.put(id, { ...definitionOf(input, true, trustedCertificate), secret }, record.accessKeyHint);
  }

  /** Ciphertext, or null when the OS cannot encrypt right now (no keyring, a locked keychain): never plain text. */
  private tryEncrypt(credentials: StaticCredentialsInput): string | null {
    if (!this.box.isAvailable()) return null;
    try {
      return this.box.encrypt(JSON.stringify(secretPayload.parse(credentials)));
    } catch {
      return null;
    }
  }

  private definitionFromRecord(record: SavedConnection): ConnectionDefinition {
    let auth: AuthSource | null;
    let secret: ConnectionDefinition['secret'] = 'none';
    if (record.auth === 'profile' && record.profile) auth = { kind: 'profile', profile: record.profile };
    else if (record.auth === 'default-chain') auth = { kind: 'default-chain' };
    else {
      auth = null;
      secret = 'missing';
      const session = this.sessionSecrets.get(record.id);
      if (session) {
        auth = { kind: 'keys', credentials: session };
        secret = 'session-only';
      } else if (record.encryptedSecret && this.box.isAvailable()) {
        try {
          auth = { kind: 'keys', credentials: secretPayload.parse(JSON.parse(this.box.decrypt(record.encryptedSecret))) };
          secret = 'encrypted';
        } catch {
          // Another machine's or an old keyring's ciphertext: keep the connection, ask for the secret again.
        }
      }
    }
    return {
      name: record.name,
      endpoint: record.endpoint,
      region: record.region,
      forcePathStyle: record.forcePathStyle,
      auth,
      profile: record.profile,
      preset: record.preset,
      bucket: record.bucket,
      saved: true,
      secret,
      trustedCertificate: record.trustedCertificate ?? null,
    };
  }

  /** Serialise writes so two quick edits cannot interleave; each caller waits until its state is on disk. */
  private flush(): Promise<void> {
    const dir = this.options.userDataDir;
    if (!this.persistent || dir === undefined) return Promise.resolve();
    const snapshot = [...this.records.values()];
    this.writing = this.writing.catch(() => {}).then(() => saveSettings(dir, snapshot));
    return this.writing;
  }
}
