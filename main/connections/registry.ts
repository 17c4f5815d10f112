import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionInput } from '../../shared/ipc';
import type { ConnectionSummary, SecretState } from '../../shared/types';
import type { ClientConfig, RequestObserver, S3ClientFactory } from '../s3/client-factory';
import { type AuthSource, credentialProviderFor, NO_PROMPTS, type SignInPrompts } from './credentials';
import type { TrustedCertificate } from './tls-trust';

/** Everything needed to build a connection's clients; `auth` is null when its secret is missing. */
export interface ConnectionDefinition {
  readonly name: string;
  readonly endpoint: string | null;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly auth: AuthSource | null;
  readonly profile: string | null;
  readonly preset: string | null;
  readonly bucket: string | null;
  readonly saved: boolean;
  readonly secret: SecretState;
  /** The one server certificate this connection trusts besides nothing else (self-signed servers), if any. */
  readonly trustedCertificate: TrustedCertificate | null;
}

export interface Connection {
  readonly summary: ConnectionSummary;
  readonly definition: ConnectionDefinition;
  /** The client for the connection's own region. */
  readonly client: S3Client;
}

interface LiveConnection extends Connection {
  readonly config: ClientConfig;
  /** Bucket → region, learnt from redirects or GetBucketLocation; lives as long as the connection. */
  readonly bucketRegions: Map<string, string>;
  readonly regionalClients: Map<string, S3Client>;
}

export interface ConnectionRegistryOptions {
  readonly clientFactory: S3ClientFactory;
  readonly observe?: RequestObserver;
  readonly newId?: () => string;
  /** Who to ask when a profile needs an MFA code or an SSO sign-in (the renderer, through the broker). */
  readonly prompts?: SignInPrompts;
}

/** "AKIAIOSFODNN7EXAMPLE" → "AKIA…MPLE": enough to recognise a key, useless to an attacker. */
export function keyHint(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? '…' : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** The session-only definition of a ConnectionInput (what `connections:add` builds when nothing is saved). */
export function definitionOf(input: ConnectionInput, saved = false, trustedCertificate: TrustedCertificate | null = null): ConnectionDefinition {
  const auth: AuthSource = input.credentials
    ? { kind: 'keys', credentials: { ...input.credentials } }
    : input.profile
      ? { kind: 'profile', profile: input.profile }
      : { kind: 'default-chain' };
  return {
    name: input.name,
    endpoint: input.endpoint ?? null,
    region: input.region,
    forcePathStyle: input.forcePathStyle,
    auth,
    profile: input.profile ?? null,
    preset: input.preset ?? null,
    bucket: input.bucket ?? null,
    saved,
    secret: auth.kind === 'keys' ? 'session-only' : 'none',
    trustedCertificate,
  };
}

export function summaryOf(id: string, d: ConnectionDefinition, accessKeyHint: string | null): ConnectionSummary {
  return {
    id,
    name: d.name,
    endpoint: d.endpoint,
    region: d.region,
    forcePathStyle: d.forcePathStyle,
    accessKeyHint,
    auth: d.auth?.kind ?? (d.profile ? 'profile' : 'keys'),
    profile: d.profile,
    preset: d.preset,
    bucket: d.bucket,
    saved: d.saved,
    secret: d.secret,
    trustedCertSha256: d.trustedCertificate?.sha256 ?? null,
  };
}

const MISSING_SECRET = async (): Promise<never> => {
  throw Object.assign(new Error('the secret of this connection is not stored; edit the connection and enter it again'), {
    name: 'CredentialsProviderError',
  });
};

/** Client settings for a definition; every client follows region redirects (see createClient). */
export function clientConfigOf(definition: ConnectionDefinition, prompts: SignInPrompts = NO_PROMPTS): ClientConfig {
  return {
    region: definition.region,
    ...(definition.endpoint ? { endpoint: definition.endpoint } : {}),
    forcePathStyle: definition.forcePathStyle,
    credentials: definition.auth ? credentialProviderFor(definition.auth, prompts) : MISSING_SECRET,
    followRegionRedirects: true,
    ...(definition.trustedCertificate ? { trustedCertificate: definition.trustedCertificate } : {}),
  };
}

/**
 * Live connections and their S3 clients. Credentials stay here, in main; callers get redacted summaries.
 * A bucket in another region than its connection gets a client for that region once its region is known.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, LiveConnection>();

  constructor(private readonly options: ConnectionRegistryOptions) {}

  /** Session-only connection from static keys, a profile, or the default chain. */
  add(input: ConnectionInput, trustedCertificate: TrustedCertificate | null = null): ConnectionSummary {
    const definition = definitionOf(input, false, trustedCertificate);
    return this.put((this.options.newId ?? randomUUID)(), definition, input.credentials ? keyHint(input.credentials.accessKeyId) : null);
  }

  /** Create or replace a connection under an id (replacing drops its clients and learnt regions). */
  put(id: string, definition: ConnectionDefinition, accessKeyHint: string | null): ConnectionSummary {
    this.remove(id);
    const config = clientConfigOf(definition, this.options.prompts);
    const summary = summaryOf(id, definition, accessKeyHint);
    const live: LiveConnection = {
      summary,
      definition,
      config,
      client: this.createClient(id, config),
      bucketRegions: new Map(),
      regionalClients: new Map(),
    };
    this.connections.set(id, live);
    return summary;
  }

  get(id: string): Connection | undefined {
    return this.connections.get(id);
  }

  list(): ConnectionSummary[] {
    return [...this.connections.values()].map((c) => c.summary);
  }

  remove(id: string): boolean {
    const c = this.connections.get(id);
    if (!c) return false;
    // No client.destroy() here: clients share the factory's keep-alive agents, and destroying one client
    // destroys those agents, killing other connections' requests in flight. A dropped client holds nothing else.
    this.connections.delete(id);
    return true;
  }

  /** The client to use for a bucket: the connection's own, or one for the bucket's region once that is known. */
  clientFor(id: string, bucket: string): S3Client | undefined {
    const c = this.connections.get(id);
    if (!c) return undefined;
    const region = c.bucketRegions.get(bucket);
    if (!region || region === c.config.region) return c.client;
    let client = c.regionalClients.get(region);
    if (!client) {
      client = this.createClient(id, { ...c.config, region });
      c.regionalClients.set(region, client);
    }
    return client;
  }

  bucketRegion(id: string, bucket: string): string | undefined {
    return this.connections.get(id)?.bucketRegions.get(bucket);
  }

  /** Remember where a bucket lives (from GetBucketLocation, a redirect header, or ListBuckets). */
  learnBucketRegion(id: string, bucket: string, region: string): void {
    this.connections.get(id)?.bucketRegions.set(bucket, region);
  }

  dispose(): void {
    for (const c of this.connections.values()) {
      c.client.destroy();
      for (const r of c.regionalClients.values()) r.destroy();
    }
    this.connections.clear();
  }

  private createClient(id: string, config: ClientConfig): S3Client {
    const client = this.options.clientFactory(config, this.options.observe);
    // The SDK follows a 301 carrying x-amz-bucket-region itself (followRegionRedirects); remember the region it
    // learnt so later requests go to the right region directly instead of paying the redirect every time.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        try {
          return await next(args);
        } finally {
          const redirect = (context as { __s3RegionRedirect?: unknown }).__s3RegionRedirect;
          const bucket = (args.input as { Bucket?: unknown }).Bucket;
          if (typeof redirect === 'string' && redirect && typeof bucket === 'string') this.learnBucketRegion(id, bucket, redirect);
        }
      },
      { step: 'initialize', name: 's3deskBucketRegionMemory' },
    );
    return client;
  }
}
